//! Writing the chosen timeline formats by themselves once an export's clips are all on disk:
//! once per export (each chosen format recorded after its last clip arrived means it was done),
//! off the async workers.

use std::sync::Arc;

use crate::engine_core::EngineCore;
use crate::outcome::ExportOutcome;
use crate::store::ExportId;

/// Starts writing the chosen formats when `outcome`'s export has just become complete, and
/// hands the written export to `announce` (the one entry point for changes, which calls this).
pub(crate) fn write_due_timelines(
    inner: &Arc<EngineCore>,
    outcome: &ExportOutcome,
    announce: fn(&Arc<EngineCore>, ExportId),
) {
    let export_id = outcome.export.id;
    let formats = inner
        .auto_timelines
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    if formats.is_empty() {
        return;
    }
    if !outcome.complete {
        return;
    }
    // A file written by hand while clips were still arriving holds only some of them: done
    // means each chosen format recorded since the last clip came.
    let last_arrival = outcome
        .downloads
        .iter()
        .map(|d| d.updated_at)
        .max()
        .unwrap_or(0);
    let already_written = inner.store.timeline_files(export_id).map_or(true, |files| {
        formats.iter().all(|format| {
            files
                .iter()
                .any(|file| file.format == format.id() && file.written_at >= last_arrival)
        })
    });
    if already_written {
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
        match crate::timelines::write_export_timelines(&inner.store, export_id, &formats, None) {
            Ok(_) => announce(&inner, export_id),
            Err(e) => tracing::warn!(export_id, error = %e, "timelines were not written"),
        }
        inner
            .timelines_in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&export_id);
    });
}
