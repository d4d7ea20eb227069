use std::time::Duration;

/// Waits between attempts of a call that may be repeated. The vendor recommends
/// 1, 2, 4 and 8 seconds; a `Retry-After` from the server wins when it is longer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    pub delays: Vec<Duration>,
}

impl RetryPolicy {
    pub fn none() -> Self {
        Self { delays: Vec::new() }
    }

    /// The vendor's schedule divided by `factor` (tests run it in milliseconds).
    pub fn vendor_scaled(factor: u32) -> Self {
        Self {
            delays: [1, 2, 4, 8]
                .into_iter()
                .map(|s| Duration::from_secs(s) / factor.max(1))
                .collect(),
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
