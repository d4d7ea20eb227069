use std::time::Duration;

/// Waits between attempts of a call that may be repeated. The vendor recommends
/// 1, 2, 4 and 8 seconds; a `Retry-After` from the server wins when it is longer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    pub delays: Vec<Duration>,
    /// How long 429s are waited out in all, beyond `delays`: the limit frees up within
    /// a minute, so only a key used hard elsewhere outlasts it.
    pub rate_limit_patience: Duration,
}

impl RetryPolicy {
    pub fn none() -> Self {
        Self {
            delays: Vec::new(),
            rate_limit_patience: Duration::ZERO,
        }
    }

    /// The vendor's schedule divided by `factor` (tests run it in milliseconds).
    pub fn vendor_scaled(factor: u32) -> Self {
        Self {
            delays: [1, 2, 4, 8]
                .into_iter()
                .map(|s| Duration::from_secs(s) / factor.max(1))
                .collect(),
            rate_limit_patience: Duration::from_secs(180) / factor.max(1),
        }
    }

    pub(crate) fn delay(&self, attempt: usize, retry_after: Option<Duration>) -> Option<Duration> {
        let planned = *self.delays.get(attempt)?;
        Some(retry_after.map_or(planned, |server| server.max(planned)))
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::vendor_scaled(1)
    }
}
