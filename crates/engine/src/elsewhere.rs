//! While another process polls the API for this key, this engine learns what changed
//! from the store instead, and tells its subscribers as if it had polled.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::changed::SeenElsewhere;
use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::store::{DownloadId, DownloadRecord, DownloadState, ExportId, ExportRecord};

/// What was last told about each export followed.
#[derive(Default)]
pub(crate) struct Seen {
    /// When the last look began; 0 before the first.
    looked_at: i64,
    exports: HashMap<ExportId, i64>,
    downloads: HashMap<DownloadId, (DownloadState, u64)>,
}

/// Announces every export still in motion (polling open, or a download open) whose
/// record or downloads changed since the last look, and then whether it settled; an
/// export that came to rest is announced once more and then left.
pub(crate) fn catch_up(
    inner: &Arc<EngineCore>,
    open: &[ExportRecord],
    seen: &mut Seen,
) -> Result<(), EngineError> {
    let mut moving: BTreeSet<ExportId> = open.iter().map(|e| e.id).collect();
    moving.extend(inner.store.open_downloads()?.iter().map(|d| d.export_id));
    moving.extend(seen.exports.keys().copied());
    // Also what changed since the last look, however briefly: an export can be
    // submitted, rendered and closed between two looks.
    let now = crate::clock::now_ms();
    if seen.looked_at > 0 {
        moving.extend(inner.store.exports_changed_since(seen.looked_at)?);
    }
    for id in moving {
        let Some(export) = inner.store.export(id)? else {
            seen.exports.remove(&id);
            continue;
        };
        let changed = seen.exports.insert(id, export.updated_at) != Some(export.updated_at);
        let resting = export.polling_done;
        let downloads = look_at_downloads(inner, id, seen)?;
        let any_open = downloads.any_open;
        let seen_here = SeenElsewhere {
            export: changed.then_some(export),
            downloads: downloads.changed,
        };
        crate::changed::seen_elsewhere(inner, id, seen_here)?;
        if resting && !any_open {
            seen.exports.remove(&id);
        }
    }
    // Only a look that went through moves the mark: a failed one is looked at again.
    seen.looked_at = now;
    Ok(())
}

/// What one read of an export's downloads showed.
struct DownloadsLook {
    /// Those that changed since the last look.
    changed: Vec<DownloadRecord>,
    /// Any of them is still waiting or downloading.
    any_open: bool,
}

fn look_at_downloads(
    inner: &EngineCore,
    export_id: ExportId,
    seen: &mut Seen,
) -> Result<DownloadsLook, EngineError> {
    let mut look = DownloadsLook {
        changed: Vec::new(),
        any_open: false,
    };
    for download in inner.store.downloads(export_id)? {
        look.any_open |= download.state.is_open();
        let now = (download.state, download.bytes_done);
        if seen.downloads.insert(download.id, now) != Some(now) {
            look.changed.push(download);
        }
    }
    Ok(look)
}
