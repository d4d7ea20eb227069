//! Writing the chosen timeline formats by themselves once an export's clips are all on disk:
//! once per export (a recorded timeline file means it was done), off the async workers.

use std::sync::Arc;

use crate::engine::Inner;
use crate::events::Event;
use crate::store::ExportId;

/// Called after anything that can complete an export (a download finishing, polling closing).
pub(crate) fn after_export_change(inner: &Arc<Inner>, export_id: ExportId) {
    let formats = inner
        .auto_timelines
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    if formats.is_empty() {
        return;
    }
    let complete = crate::outcome::current(inner, export_id)
        .ok()
        .flatten()
        .is_some_and(|outcome| outcome.complete);
    let already_written = inner
        .store
        .timeline_files(export_id)
        .map_or(true, |files| !files.is_empty());
    if !complete || already_written {
        return;
    }
    let mut writing = inner
        .timelines_in_flight
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if !writing.insert(export_id) {
        return;
    }
    drop(writing);
    let inner = inner.clone();
    tokio::task::spawn_blocking(move || {
        match super::write_export_timelines(&inner.store, export_id, &formats, None) {
            Ok(_) => {
                if let Ok(Some(export)) = inner.store.export(export_id) {
                    inner.events.send(Event::ExportUpdated {
                        export: Box::new(export),
                    });
                }
            }
            Err(e) => tracing::warn!(export_id, error = %e, "timelines were not written"),
        }
        inner
            .timelines_in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&export_id);
    });
}
