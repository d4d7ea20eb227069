//! Projects being created: each finds its clips one by one over time, and its results show
//! the ones found so far until it SUCCEEDED (or FAILED, with the vendor's message).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::tasks::{Progress, Schedule};

/// API units a creation costs per clip found, as the results report it.
pub(crate) const UNITS_PER_CLIP: u64 = 20;

pub(crate) struct Creation {
    pub id: String,
    pub created: Instant,
    /// Clips it finds in all; the project in the catalog holds them.
    pub clip_count: usize,
    /// Decided when it was created, from the `fail_creation` fault.
    pub failure: Option<String>,
}

impl Creation {
    fn schedule(&self) -> Schedule {
        Schedule {
            created: self.created,
            steps: self.clip_count,
            fails: self.failure.is_some(),
        }
    }

    pub(crate) fn progress(&self, now: Instant, speed: f64) -> Progress {
        self.schedule().progress(now, speed)
    }

    pub(crate) fn time_to_finish(&self, now: Instant, speed: f64) -> Duration {
        self.schedule().time_to_finish(now, speed)
    }
}

#[derive(Default)]
pub(crate) struct CreationBook {
    creations: HashMap<String, Creation>,
}

impl CreationBook {
    pub(crate) fn insert(&mut self, creation: Creation) {
        self.creations.insert(creation.id.clone(), creation);
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Creation> {
        self.creations.get(id)
    }

    /// Real time left for each creation still processing.
    pub(crate) fn processing(&self, now: Instant, speed: f64) -> Vec<Duration> {
        self.creations
            .values()
            .filter(|creation| creation.progress(now, speed).status.is_processing())
            .map(|creation| creation.time_to_finish(now, speed))
            .collect()
    }

    pub(crate) fn clear(&mut self) {
        self.creations.clear();
    }
}
