//! Export tasks and their progress over time.
//!
//! Progress is computed from the task's age whenever someone looks, so no background work is
//! needed and a test at `speed: 50.0` sees the whole life cycle in well under a second.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Phase boundaries at speed 1.0, in seconds since submission.
const CREATED_UNTIL_SECS: f64 = 2.0;
const QUEUED_UNTIL_SECS: f64 = 5.0;
/// Each requested clip finishes this long after the previous one.
const SECS_PER_CLIP: f64 = 6.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TaskStatus {
    Created,
    Queued,
    Ongoing,
    Succeeded,
    Failed,
}

impl TaskStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Created => "CREATED",
            TaskStatus::Queued => "QUEUED",
            TaskStatus::Ongoing => "ONGOING",
            TaskStatus::Succeeded => "SUCCEEDED",
            TaskStatus::Failed => "FAILED",
        }
    }

    /// The states that count against the limit of tasks processing at once.
    pub(crate) fn is_processing(self) -> bool {
        matches!(
            self,
            TaskStatus::Created | TaskStatus::Queued | TaskStatus::Ongoing
        )
    }
}

pub(crate) struct Progress {
    pub status: TaskStatus,
    /// How many steps are done: the requested clips rendered (in request order), or the clips
    /// a new project has found so far.
    pub finished_clips: usize,
}

/// The life of anything the service works on, from its age: CREATED, QUEUED, then one step
/// every few seconds until SUCCEEDED, or FAILED right after QUEUED.
pub(crate) struct Schedule {
    pub created: Instant,
    pub steps: usize,
    pub fails: bool,
}

impl Schedule {
    fn service_secs(&self, now: Instant, speed: f64) -> f64 {
        now.saturating_duration_since(self.created).as_secs_f64() * speed
    }

    /// Service seconds after submission at which it reaches SUCCEEDED or FAILED.
    fn finishes_at_secs(&self) -> f64 {
        if self.fails {
            QUEUED_UNTIL_SECS
        } else {
            QUEUED_UNTIL_SECS + SECS_PER_CLIP * self.steps as f64
        }
    }

    pub(crate) fn progress(&self, now: Instant, speed: f64) -> Progress {
        let secs = self.service_secs(now, speed);
        let (status, finished_clips) = if secs < CREATED_UNTIL_SECS {
            (TaskStatus::Created, 0)
        } else if secs < QUEUED_UNTIL_SECS {
            (TaskStatus::Queued, 0)
        } else if self.fails {
            (TaskStatus::Failed, 0)
        } else {
            let finished = (((secs - QUEUED_UNTIL_SECS) / SECS_PER_CLIP) as usize).min(self.steps);
            if finished == self.steps {
                (TaskStatus::Succeeded, finished)
            } else {
                (TaskStatus::Ongoing, finished)
            }
        };
        Progress {
            status,
            finished_clips,
        }
    }

    /// Real time left until it stops processing.
    pub(crate) fn time_to_finish(&self, now: Instant, speed: f64) -> Duration {
        let left = (self.finishes_at_secs() - self.service_secs(now, speed)).max(0.0);
        Duration::from_secs_f64(left / speed)
    }
}

pub(crate) struct ExportTask {
    pub id: String,
    pub project_id: String,
    pub name: String,
    /// The clips to render, in the order they were requested.
    pub clip_indices: Vec<u32>,
    pub resolution: String,
    pub created: Instant,
    pub expire_at_ms: u64,
    /// Decided at submission from the `fail_export` fault, so a task's fate never changes later.
    pub failure: Option<String>,
    /// Results calls left that must still withhold the last link; set when SUCCEEDED is first seen.
    late_link_polls_left: Option<u32>,
}

/// What a submission asks for, before it becomes a task.
pub(crate) struct TaskPlan {
    pub project_id: String,
    pub name: String,
    pub clip_indices: Vec<u32>,
    pub resolution: String,
    pub failure: Option<String>,
}

impl ExportTask {
    pub(crate) fn start(
        id: String,
        plan: TaskPlan,
        created: Instant,
        expire_at_ms: u64,
    ) -> ExportTask {
        ExportTask {
            id,
            project_id: plan.project_id,
            name: plan.name,
            clip_indices: plan.clip_indices,
            resolution: plan.resolution,
            created,
            expire_at_ms,
            failure: plan.failure,
            late_link_polls_left: None,
        }
    }

    fn schedule(&self) -> Schedule {
        Schedule {
            created: self.created,
            steps: self.clip_indices.len(),
            fails: self.failure.is_some(),
        }
    }

    pub(crate) fn progress(&self, now: Instant, speed: f64) -> Progress {
        self.schedule().progress(now, speed)
    }

    /// Real time left until the task stops processing.
    pub(crate) fn time_to_finish(&self, now: Instant, speed: f64) -> Duration {
        self.schedule().time_to_finish(now, speed)
    }

    pub(crate) fn is_expired(&self, now_ms: u64) -> bool {
        now_ms >= self.expire_at_ms
    }

    /// Whether this results call must still leave the last clip without a link. The first call
    /// that sees SUCCEEDED arms the countdown from the `late_last_link_polls` fault.
    pub(crate) fn withhold_last_link(
        &mut self,
        status: TaskStatus,
        late_polls: Option<u32>,
    ) -> bool {
        if status != TaskStatus::Succeeded {
            return false;
        }
        let left = self
            .late_link_polls_left
            .get_or_insert(late_polls.unwrap_or(0));
        if *left == 0 {
            return false;
        }
        *left -= 1;
        true
    }
}

#[derive(Default)]
pub(crate) struct TaskBook {
    tasks: HashMap<String, ExportTask>,
}

impl TaskBook {
    pub(crate) fn insert(&mut self, task: ExportTask) {
        self.tasks.insert(task.id.clone(), task);
    }

    pub(crate) fn get(&self, task_id: &str) -> Option<&ExportTask> {
        self.tasks.get(task_id)
    }

    pub(crate) fn get_mut(&mut self, task_id: &str) -> Option<&mut ExportTask> {
        self.tasks.get_mut(task_id)
    }

    pub(crate) fn clear(&mut self) {
        self.tasks.clear();
    }

    /// Makes a task expired now; false if there is no such task.
    pub(crate) fn expire(&mut self, task_id: &str, now_ms: u64) -> bool {
        match self.tasks.get_mut(task_id) {
            Some(task) => {
                task.expire_at_ms = now_ms;
                true
            }
            None => false,
        }
    }

    /// When `limit` tasks are already processing, counting `others` (projects being created,
    /// by the time each has left), how long until the first of them finishes.
    pub(crate) fn wait_for_processing_slot(
        &self,
        limit: usize,
        now: Instant,
        now_ms: u64,
        speed: f64,
        others: &[Duration],
    ) -> Option<Duration> {
        let mut left: Vec<Duration> = self
            .tasks
            .values()
            .filter(|task| {
                !task.is_expired(now_ms) && task.progress(now, speed).status.is_processing()
            })
            .map(|task| task.time_to_finish(now, speed))
            .collect();
        left.extend_from_slice(others);
        if left.len() < limit {
            return None;
        }
        left.into_iter().min().or(Some(Duration::ZERO))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(clips: usize, failure: Option<&str>, created: Instant) -> ExportTask {
        let plan = TaskPlan {
            project_id: "p".into(),
            name: "n".into(),
            clip_indices: (0..clips as u32).collect(),
            resolution: "SD_480".into(),
            failure: failure.map(str::to_string),
        };
        ExportTask::start("t".into(), plan, created, u64::MAX)
    }

    fn status_at(task: &ExportTask, secs: f64) -> (TaskStatus, usize) {
        let progress = task.progress(task.created + Duration::from_secs_f64(secs), 1.0);
        (progress.status, progress.finished_clips)
    }

    #[test]
    fn walks_through_the_documented_states() {
        let task = task(2, None, Instant::now());
        assert_eq!(status_at(&task, 0.0), (TaskStatus::Created, 0));
        assert_eq!(status_at(&task, 2.5), (TaskStatus::Queued, 0));
        assert_eq!(status_at(&task, 5.5), (TaskStatus::Ongoing, 0));
        assert_eq!(status_at(&task, 11.5), (TaskStatus::Ongoing, 1));
        assert_eq!(status_at(&task, 17.0), (TaskStatus::Succeeded, 2));
        assert_eq!(
            task.time_to_finish(task.created, 2.0),
            Duration::from_secs_f64(8.5)
        );
    }

    #[test]
    fn failing_task_fails_after_queued() {
        let task = task(2, Some("boom"), Instant::now());
        assert_eq!(status_at(&task, 4.0), (TaskStatus::Queued, 0));
        assert_eq!(status_at(&task, 5.0), (TaskStatus::Failed, 0));
    }

    #[test]
    fn late_link_countdown_starts_at_success() {
        let mut task = task(1, None, Instant::now());
        assert!(!task.withhold_last_link(TaskStatus::Ongoing, Some(2)));
        assert!(task.withhold_last_link(TaskStatus::Succeeded, Some(2)));
        assert!(task.withhold_last_link(TaskStatus::Succeeded, Some(2)));
        assert!(!task.withhold_last_link(TaskStatus::Succeeded, Some(2)));
    }
}
