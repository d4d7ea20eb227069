//! One scheduler for every open export. Each export is asked about quickly at first
//! and more slowly while nothing changes; all of them together stay inside the key's
//! request budget, leaving room for a person's own calls.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;
use wayin_api::{ErrorKind, ExportTask, Priority};

use crate::cadence::Cadence;
use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::events::Event;
use crate::store::{now_ms, ExportId, ExportRecord};
use crate::ClosedReason;

struct Slot {
    cadence: Cadence,
    /// What the last answer said, to tell whether the next one changed anything.
    fingerprint: String,
}

pub(crate) async fn run(inner: Arc<EngineCore>) {
    let mut slots: HashMap<ExportId, Slot> = HashMap::new();
    let mut seen = crate::elsewhere::Seen::default();
    loop {
        if inner.shutdown.is_cancelled() {
            return;
        }
        let open = match inner
            .blocking(|inner| Ok(inner.store.open_exports()?))
            .await
        {
            Ok(open) => open,
            Err(e) => {
                // A busy or briefly unreadable store: try again soon rather than stop.
                tracing::warn!(error = %e, "open exports could not be read");
                tokio::select! {
                    _ = tokio::time::sleep(inner.poll.first) => continue,
                    _ = inner.shutdown.cancelled() => return,
                }
            }
        };
        if !inner.polls_api.load(Ordering::SeqCst) {
            // Another process polls for this key: follow what it records.
            slots.clear();
            let (following, mut was_seen) = (open.clone(), std::mem::take(&mut seen));
            let caught_up = inner
                .blocking(move |inner| {
                    let looked = crate::elsewhere::catch_up(inner, &following, &mut was_seen);
                    Ok((was_seen, looked))
                })
                .await;
            match caught_up {
                Ok((now_seen, looked)) => {
                    seen = now_seen;
                    if let Err(e) = looked {
                        tracing::warn!(error = %e, "the store could not be followed");
                    }
                }
                Err(e) => tracing::warn!(error = %e, "the store could not be followed"),
            }
            tokio::select! {
                _ = tokio::time::sleep(inner.poll.first) => continue,
                _ = inner.poller_wake.notified() => continue,
                _ = inner.shutdown.cancelled() => return,
            }
        }
        seen = crate::elsewhere::Seen::default();
        slots.retain(|id, _| open.iter().any(|e| e.id == *id));
        for export in &open {
            slots.entry(export.id).or_insert_with(|| Slot {
                cadence: Cadence::new(&inner.poll, Instant::now() + inner.poll.first),
                fingerprint: String::new(),
            });
        }
        // Exports another process submits reach this one only through the store, so
        // it is read again at least this often.
        let look_again = Instant::now() + inner.poll.first;
        let next = open.iter().min_by_key(|e| slots[&e.id].cadence.due);
        let Some(export) = next else {
            tokio::select! {
                _ = tokio::time::sleep_until(look_again) => continue,
                _ = inner.poller_wake.notified() => continue,
                _ = inner.shutdown.cancelled() => return,
            }
        };
        let due = slots[&export.id].cadence.due;
        tokio::select! {
            _ = tokio::time::sleep_until(due) => {}
            _ = tokio::time::sleep_until(look_again), if look_again < due => continue,
            _ = inner.poller_wake.notified() => continue,
            _ = inner.shutdown.cancelled() => return,
        }
        if !inner.polls_api.load(Ordering::SeqCst) {
            continue;
        }
        let floor = interval_floor(&inner, open.len());
        let slot = slots.get_mut(&export.id).expect("slot exists");
        tokio::select! {
            _ = poll_once(&inner, export, slot) => {}
            _ = inner.shutdown.cancelled() => return,
        }
        slot.cadence.schedule(floor);
    }
}

/// The shortest interval per export that keeps all polls inside the budget minus the
/// share kept for people: with 5 exports open and 15 a minute, one poll each 25 s.
pub(crate) fn interval_floor(inner: &EngineCore, open: usize) -> Duration {
    let budget = inner.client().budget().config();
    let for_polls = budget.requests.saturating_sub(inner.poll.reserve).max(1);
    (budget.window + budget.margin) * open as u32 / for_polls
}

async fn poll_once(inner: &Arc<EngineCore>, export: &ExportRecord, slot: &mut Slot) {
    let Some(task_id) = export.task_id.as_deref() else {
        return;
    };
    match inner
        .client()
        .export_results(task_id, Priority::Background)
        .await
    {
        Ok(task) => {
            let fingerprint = fingerprint(&task);
            if fingerprint != slot.fingerprint {
                slot.cadence.changed(&inner.poll);
            } else {
                slot.cadence.unchanged(&inner.poll);
            }
            slot.fingerprint = fingerprint;
            let export_id = export.id;
            let recorded = inner
                .blocking(move |inner| absorb(inner, export_id, &task))
                .await;
            if let Err(e) = recorded {
                tracing::warn!(export = export.id, error = %e, "poll result could not be recorded");
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let gone = slot.cadence.not_found();
            let expired = export.expire_at.is_some_and(|at| at <= now_ms());
            if expired || gone {
                let export_id = export.id;
                let _ = inner
                    .blocking(move |inner| {
                        inner
                            .store
                            .close_polling(export_id, &ClosedReason::Expired)?;
                        crate::changed::export_changed(inner, export_id)
                    })
                    .await;
            }
        }
        Err(e) => {
            slot.cadence.failed(&inner.poll);
            inner.events.send(Event::PollFailed {
                export_id: export.id,
                kind: e.kind().as_str().to_owned(),
                message: e.to_string(),
            });
        }
    }
}

/// Records a poll, plans downloads for new links, and closes the export when nothing
/// more can come of asking again.
pub(crate) fn absorb(
    inner: &Arc<EngineCore>,
    export_id: ExportId,
    task: &ExportTask,
) -> Result<(), EngineError> {
    inner.store.record_poll(export_id, task)?;
    crate::new_downloads::plan_new_downloads(inner, export_id)?;
    if let Some(export) = inner.store.export(export_id)? {
        if let Some(reason) = closing_reason(inner, &export)? {
            inner.store.close_polling(export_id, &reason)?;
        }
    }
    crate::changed::export_changed(inner, export_id)
}

fn closing_reason(
    inner: &EngineCore,
    export: &ExportRecord,
) -> Result<Option<ClosedReason>, EngineError> {
    if export.is_failed() {
        return Ok(Some(ClosedReason::Failed));
    }
    if export.expire_at.is_some_and(|at| at <= now_ms()) {
        return Ok(Some(ClosedReason::Expired));
    }
    if !export.is_succeeded() {
        return Ok(None);
    }
    let missing = crate::settling::missing_links(inner, export)?;
    if missing.is_empty() {
        return Ok(Some(ClosedReason::Complete));
    }
    let grace_over = export
        .succeeded_at
        .is_some_and(|at| now_ms() - at > inner.poll.link_grace.as_millis() as i64);
    Ok(grace_over.then_some(ClosedReason::LinksMissing(missing)))
}

/// What counts as "something changed": the status, and how many clips have links.
fn fingerprint(task: &ExportTask) -> String {
    let linked = task
        .clips
        .iter()
        .filter(|c| c.export_link.is_some())
        .count();
    format!("{}|{}|{}", task.status, task.clips.len(), linked)
}
