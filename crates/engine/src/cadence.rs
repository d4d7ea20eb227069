//! How often one remote task is asked about: quickly at first, more slowly while nothing
//! changes, twice as slowly after a failed ask, never more often than the budget's floor.
//! Exports being rendered and projects being made are both asked on this cadence.

use std::time::Duration;

use tokio::time::Instant;

use crate::config::PollConfig;

/// 404s in a row before a task whose expiry has not passed is taken as gone: one can be a
/// hiccup right after it was created.
const NOT_FOUND_LIMIT: u32 = 3;

/// What the scheduler keeps of one task between asks.
pub(crate) struct Slot {
    pub cadence: Cadence,
    /// What the last answer said, for kinds that tell a change by comparing answers.
    pub last_answer: String,
}

pub(crate) struct Cadence {
    pub due: Instant,
    interval: Duration,
    not_found: u32,
}

impl Cadence {
    /// A task first asked about at `due`.
    pub fn new(poll: &PollConfig, due: Instant) -> Self {
        Self {
            due,
            interval: poll.first,
            not_found: 0,
        }
    }

    /// The answer differed from the last one: ask again soon.
    pub fn changed(&mut self, poll: &PollConfig) {
        self.interval = poll.first;
        self.not_found = 0;
    }

    /// The same answer again: ask a little less often.
    pub fn unchanged(&mut self, poll: &PollConfig) {
        self.interval = self.interval.mul_f64(poll.backoff).min(poll.max);
        self.not_found = 0;
    }

    /// The ask failed (network, server): back off harder.
    pub fn failed(&mut self, poll: &PollConfig) {
        self.interval = (self.interval * 2).min(poll.max);
    }

    /// The task was not found; true once that has happened often enough in a row to believe.
    pub fn not_found(&mut self) -> bool {
        self.not_found += 1;
        self.not_found >= NOT_FOUND_LIMIT
    }

    /// The next ask, no sooner than `floor` from now.
    pub fn schedule(&mut self, floor: Duration) {
        self.due = Instant::now() + self.interval.max(floor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poll() -> PollConfig {
        PollConfig {
            first: Duration::from_secs(3),
            max: Duration::from_secs(30),
            backoff: 1.5,
            ..PollConfig::default()
        }
    }

    #[test]
    fn quiet_answers_slow_it_down_to_the_max_and_a_change_brings_it_back() {
        let poll = poll();
        let mut cadence = Cadence::new(&poll, Instant::now());
        for _ in 0..20 {
            cadence.unchanged(&poll);
        }
        assert_eq!(cadence.interval, poll.max);
        cadence.changed(&poll);
        assert_eq!(cadence.interval, poll.first);
        cadence.failed(&poll);
        assert_eq!(cadence.interval, poll.first * 2);
    }

    #[test]
    fn a_task_is_gone_only_after_three_not_founds_in_a_row() {
        let poll = poll();
        let mut cadence = Cadence::new(&poll, Instant::now());
        assert!(!cadence.not_found());
        assert!(!cadence.not_found());
        cadence.unchanged(&poll);
        assert!(
            !cadence.not_found(),
            "an answer in between starts the count again"
        );
        assert!(!cadence.not_found());
        assert!(cadence.not_found());
    }

    #[test]
    fn the_next_ask_is_never_sooner_than_the_budgets_floor() {
        let poll = poll();
        let mut cadence = Cadence::new(&poll, Instant::now());
        let before = Instant::now();
        cadence.schedule(Duration::from_secs(25));
        assert!(cadence.due >= before + Duration::from_secs(25));
    }
}
