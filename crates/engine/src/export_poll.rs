//! Asking the API about one export being rendered (the scheduler says when), and
//! recording what it said: new links become downloads, and the export is closed once
//! nothing more can come of asking again.

use std::sync::Arc;

use wayin_api::{ErrorKind, ExportTask, Priority};

use crate::cadence::Slot;
use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::events::{Event, PollFailed};
use crate::store::{now_ms, ExportId, ExportRecord};
use crate::ClosedReason;

pub(crate) async fn ask(inner: &Arc<EngineCore>, export: &ExportRecord, slot: &mut Slot) {
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
            if fingerprint != slot.last_answer {
                slot.cadence.changed(&inner.poll);
            } else {
                slot.cadence.unchanged(&inner.poll);
            }
            slot.last_answer = fingerprint;
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
            inner.events.send(Event::PollFailed(PollFailed {
                export_id: export.id,
                kind: e.kind().as_str().to_owned(),
                message: e.to_string(),
            }));
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
