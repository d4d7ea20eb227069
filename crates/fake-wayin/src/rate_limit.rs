use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// Sliding-window limit of API calls per key, as the service enforces its 15 requests/minute.
pub(crate) struct RateLimiter {
    limit: u32,
    window: Duration,
    admitted: HashMap<String, VecDeque<Instant>>,
}

impl RateLimiter {
    /// A `limit` of 0 admits everything.
    pub(crate) fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            limit,
            window,
            admitted: HashMap::new(),
        }
    }

    /// Admits one call for `key`, or says how long until the window frees a slot.
    /// Refused calls are not counted, so waiting the returned time always succeeds.
    pub(crate) fn try_acquire(&mut self, key: &str, now: Instant) -> Result<(), Duration> {
        if self.limit == 0 {
            return Ok(());
        }
        let admitted = self.admitted.entry(key.to_string()).or_default();
        while admitted
            .front()
            .is_some_and(|&at| now.saturating_duration_since(at) >= self.window)
        {
            admitted.pop_front();
        }
        if admitted.len() < self.limit as usize {
            admitted.push_back(now);
            return Ok(());
        }
        let oldest = admitted[0];
        Err((oldest + self.window).saturating_duration_since(now))
    }

    pub(crate) fn clear(&mut self) {
        self.admitted.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_over_the_limit_until_the_oldest_call_leaves_the_window() {
        let start = Instant::now();
        let mut limiter = RateLimiter::new(2, Duration::from_secs(10));
        assert!(limiter.try_acquire("k", start).is_ok());
        assert!(limiter
            .try_acquire("k", start + Duration::from_secs(4))
            .is_ok());
        assert_eq!(
            limiter.try_acquire("k", start + Duration::from_secs(6)),
            Err(Duration::from_secs(4))
        );
        assert!(limiter.try_acquire("other", start).is_ok());
        assert!(limiter
            .try_acquire("k", start + Duration::from_secs(10))
            .is_ok());
        assert_eq!(
            limiter.try_acquire("k", start + Duration::from_secs(11)),
            Err(Duration::from_secs(3))
        );
    }
}
