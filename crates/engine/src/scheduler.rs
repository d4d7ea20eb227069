//! One scheduler for every remote task this engine follows, of whatever kind: exports
//! being rendered and projects being made. Each task is asked about on its own cadence,
//! and all of them together stay inside the key's request budget, leaving room for a
//! person's own calls. Only the engine holding the key's polling lease asks the API; the
//! others learn from the store what the holder recorded of exports (a project being made is
//! shown by the process that made it, and by the holder).
//!
//! A new kind of remote task adds a variant to `Followed`, its read of what is open and
//! its ask; the loop, cadence, budget share, lease and shutdown are this module's.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use crate::cadence::{Cadence, Slot};
use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::store::{CreationId, CreationRecord, ExportId, ExportRecord};

/// A remote task the API is asked about.
pub(crate) enum Followed {
    Export(ExportRecord),
    Creation(CreationRecord),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum TaskKey {
    Export(ExportId),
    Creation(CreationId),
}

impl Followed {
    fn key(&self) -> TaskKey {
        match self {
            Self::Export(export) => TaskKey::Export(export.id),
            Self::Creation(creation) => TaskKey::Creation(creation.id),
        }
    }

    /// When a task first seen is first asked about. An export was just answered by its
    /// submit; a project being made has only its creation's answer, so it is asked at once.
    fn first_ask(&self, inner: &EngineCore) -> Instant {
        match self {
            Self::Export(_) => Instant::now() + inner.poll.first,
            Self::Creation(_) => Instant::now(),
        }
    }

    async fn ask(&self, inner: &Arc<EngineCore>, slot: &mut Slot) {
        match self {
            Self::Export(export) => crate::export_poll::ask(inner, export, slot).await,
            Self::Creation(creation) => crate::creation::poll::ask(inner, creation, slot).await,
        }
    }
}

/// Every task of every kind that is still to be asked about.
fn open_tasks(inner: &EngineCore) -> Result<Vec<Followed>, EngineError> {
    let exports = inner
        .store
        .open_exports()?
        .into_iter()
        .map(Followed::Export);
    let creations = inner.store.running_creations()?;
    Ok(exports
        .chain(creations.into_iter().map(Followed::Creation))
        .collect())
}

pub(crate) async fn run(inner: Arc<EngineCore>) {
    let mut slots: HashMap<TaskKey, Slot> = HashMap::new();
    let mut seen = crate::elsewhere::Seen::default();
    let mut next_take_over = Instant::now();
    loop {
        if inner.shutdown.is_cancelled() {
            return;
        }
        if !inner.polls_api.load(Ordering::SeqCst) {
            // Another process asks for this key: follow what it records.
            slots.clear();
            seen = follow_elsewhere(&inner, seen).await;
            tokio::select! {
                _ = tokio::time::sleep(inner.poll.first) => continue,
                _ = inner.scheduler_wake.notified() => continue,
                _ = inner.shutdown.cancelled() => return,
            }
        }
        seen = crate::elsewhere::Seen::default();
        if Instant::now() >= next_take_over {
            crate::creation::poll::take_over_abandoned(&inner).await;
            next_take_over = Instant::now() + inner.poll.first;
        }
        let open = match inner.blocking(|inner| open_tasks(inner)).await {
            Ok(open) => open,
            Err(e) => {
                // A busy or briefly unreadable store: try again soon rather than stop.
                tracing::warn!(error = %e, "open tasks could not be read");
                tokio::select! {
                    _ = tokio::time::sleep(inner.poll.first) => continue,
                    _ = inner.shutdown.cancelled() => return,
                }
            }
        };
        slots.retain(|key, _| open.iter().any(|task| task.key() == *key));
        for task in &open {
            slots.entry(task.key()).or_insert_with(|| Slot {
                cadence: Cadence::new(&inner.poll, task.first_ask(&inner)),
                last_answer: String::new(),
            });
        }
        // Tasks another process starts reach this one only through the store, and
        // abandoned ones are looked for, so both are read again at least this often.
        let look_again = Instant::now() + inner.poll.first;
        let next = open
            .iter()
            .min_by_key(|task| slots[&task.key()].cadence.due);
        let Some(task) = next else {
            tokio::select! {
                _ = tokio::time::sleep_until(look_again) => continue,
                _ = inner.scheduler_wake.notified() => continue,
                _ = inner.shutdown.cancelled() => return,
            }
        };
        let due = slots[&task.key()].cadence.due;
        tokio::select! {
            _ = tokio::time::sleep_until(due) => {}
            _ = tokio::time::sleep_until(look_again), if look_again < due => continue,
            _ = inner.scheduler_wake.notified() => continue,
            _ = inner.shutdown.cancelled() => return,
        }
        if !inner.polls_api.load(Ordering::SeqCst) {
            continue;
        }
        let floor = interval_floor(&inner, open.len());
        let slot = slots.get_mut(&task.key()).expect("slot exists");
        tokio::select! {
            _ = task.ask(&inner, slot) => {}
            _ = inner.shutdown.cancelled() => return,
        }
        slot.cadence.schedule(floor);
    }
}

/// Announces what the lease holder recorded of the exports this engine shows.
async fn follow_elsewhere(
    inner: &Arc<EngineCore>,
    was_seen: crate::elsewhere::Seen,
) -> crate::elsewhere::Seen {
    let caught_up = inner
        .blocking(move |inner| {
            let mut seen = was_seen;
            let following = inner.store.open_exports()?;
            let looked = crate::elsewhere::catch_up(inner, &following, &mut seen);
            Ok((seen, looked))
        })
        .await;
    match caught_up {
        Ok((seen, looked)) => {
            if let Err(e) = looked {
                tracing::warn!(error = %e, "the store could not be followed");
            }
            seen
        }
        Err(e) => {
            tracing::warn!(error = %e, "the store could not be followed");
            crate::elsewhere::Seen::default()
        }
    }
}

/// The shortest interval per task that keeps all asks, of every kind, inside the budget
/// minus the share kept for people: with 5 tasks open and 15 a minute, one ask each 25 s.
pub(crate) fn interval_floor(inner: &EngineCore, open: usize) -> Duration {
    let budget = inner.client().budget().config();
    let for_polls = budget.requests.saturating_sub(inner.poll.reserve).max(1);
    (budget.window + budget.margin) * open as u32 / for_polls
}
