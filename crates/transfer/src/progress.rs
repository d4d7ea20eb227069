use std::time::{Duration, Instant};

/// One progress report for one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Bytes of the file on disk or on their way there, including what an earlier attempt left.
    pub bytes_done: u64,
    /// The file's size once the server has said it.
    pub total: Option<u64>,
    /// Smoothed over the last few seconds, so the number does not jump with every chunk.
    pub bytes_per_sec: f64,
    pub eta: Option<Duration>,
    /// Set on the last report, once the file is in place.
    pub finished: bool,
}

/// How quickly the smoothed rate follows changes: about the last 2 s dominate it.
const SMOOTHING: Duration = Duration::from_secs(2);

/// Rate samples closer together than this are merged, so bursts of tiny chunks do not add
/// noise; it also bounds the work done per chunk to a clock read and a comparison.
const SAMPLE_EVERY: Duration = Duration::from_millis(50);

/// Decides when to report and what speed to report.
pub(crate) struct ProgressMeter {
    interval: Duration,
    last_report: Option<Instant>,
    sample_at: Instant,
    sample_bytes: u64,
    rate: Option<f64>,
    pub(crate) total: Option<u64>,
}

impl ProgressMeter {
    pub(crate) fn new(interval: Duration, bytes_done: u64, total: Option<u64>) -> ProgressMeter {
        ProgressMeter {
            interval,
            last_report: None,
            sample_at: Instant::now(),
            sample_bytes: bytes_done,
            rate: None,
            total,
        }
    }

    /// A report if one is due: the very first always is, then at most one per interval.
    pub(crate) fn update(&mut self, bytes_done: u64) -> Option<Progress> {
        let now = Instant::now();
        self.sample(bytes_done, now);
        let due = match self.last_report {
            None => true,
            Some(last) => now.duration_since(last) >= self.interval,
        };
        if !due {
            return None;
        }
        self.last_report = Some(now);
        Some(self.report(bytes_done, false))
    }

    /// The last report, always given.
    pub(crate) fn finish(&mut self, bytes_done: u64) -> Progress {
        self.sample(bytes_done, Instant::now());
        self.last_report = Some(Instant::now());
        let mut report = self.report(bytes_done, true);
        report.eta = Some(Duration::ZERO);
        report
    }

    fn sample(&mut self, bytes_done: u64, now: Instant) {
        if bytes_done < self.sample_bytes {
            // A restart from zero: the old baseline means nothing any more.
            self.sample_bytes = bytes_done;
            self.sample_at = now;
            return;
        }
        let elapsed = now.duration_since(self.sample_at);
        if elapsed < SAMPLE_EVERY {
            return;
        }
        let seconds = elapsed.as_secs_f64();
        let instant_rate = (bytes_done - self.sample_bytes) as f64 / seconds;
        let weight = 1.0 - (-seconds / SMOOTHING.as_secs_f64()).exp();
        self.rate = Some(match self.rate {
            Some(rate) => rate + weight * (instant_rate - rate),
            None => instant_rate,
        });
        self.sample_at = now;
        self.sample_bytes = bytes_done;
    }

    fn report(&self, bytes_done: u64, finished: bool) -> Progress {
        let bytes_per_sec = self.rate.unwrap_or(0.0);
        let eta = match self.total {
            Some(total) if bytes_per_sec > 0.0 => {
                let remaining = total.saturating_sub(bytes_done) as f64;
                Some(Duration::from_secs_f64(remaining / bytes_per_sec))
            }
            _ => None,
        };
        Progress {
            bytes_done,
            total: self.total,
            bytes_per_sec,
            eta,
            finished,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_report_is_immediate_and_the_next_waits() {
        let mut meter = ProgressMeter::new(Duration::from_secs(3600), 0, Some(100));
        assert!(meter.update(10).is_some());
        assert!(meter.update(20).is_none());
        let last = meter.finish(100);
        assert!(last.finished);
        assert_eq!(last.bytes_done, 100);
    }

    #[test]
    fn rate_follows_the_bytes() {
        let mut meter = ProgressMeter::new(Duration::ZERO, 0, Some(10_000_000));
        std::thread::sleep(Duration::from_millis(60));
        let report = meter.update(1_000_000).unwrap();
        assert!(report.bytes_per_sec > 1_000_000.0, "{report:?}");
        assert!(report.eta.unwrap() > Duration::ZERO);
    }
}
