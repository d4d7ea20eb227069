//! While another process polls the API for this key, this engine learns what changed
//! from the store instead, and tells its subscribers as if it had polled.

use std::collections::HashMap;
use std::sync::Arc;

use crate::engine::Inner;
use crate::error::EngineError;
use crate::events::Event;
use crate::store::{DownloadId, DownloadState, ExportId, ExportRecord};

/// What was last told about each export followed.
#[derive(Default)]
pub(crate) struct Seen {
    exports: HashMap<ExportId, i64>,
    downloads: HashMap<DownloadId, (DownloadState, u64)>,
}

/// Announces every open export (and its downloads) whose record changed since the
/// last look, and each export that closed meanwhile, once.
pub(crate) fn catch_up(
    inner: &Arc<Inner>,
    open: &[ExportRecord],
    seen: &mut Seen,
) -> Result<(), EngineError> {
    let closed: Vec<ExportId> = seen
        .exports
        .keys()
        .filter(|id| !open.iter().any(|e| e.id == **id))
        .copied()
        .collect();
    for id in closed {
        seen.exports.remove(&id);
        if let Some(export) = inner.store.export(id)? {
            announce_downloads(inner, id, seen)?;
            inner.events.send(Event::ExportUpdated {
                export: Box::new(export),
            });
        }
    }
    for export in open {
        if seen.exports.insert(export.id, export.updated_at) != Some(export.updated_at) {
            inner.events.send(Event::ExportUpdated {
                export: Box::new(export.clone()),
            });
        }
        announce_downloads(inner, export.id, seen)?;
    }
    Ok(())
}

fn announce_downloads(
    inner: &Inner,
    export_id: ExportId,
    seen: &mut Seen,
) -> Result<(), EngineError> {
    for download in inner.store.downloads(export_id)? {
        let now = (download.state, download.bytes_done);
        if seen.downloads.insert(download.id, now) != Some(now) {
            inner.events.send(Event::DownloadChanged {
                download: Box::new(download),
            });
        }
    }
    Ok(())
}
