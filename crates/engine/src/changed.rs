//! The one place that says what changed and does what follows from it. After any change to
//! an export's rows made here, [`export_changed`] announces the export, forgets the signed
//! links no download needs any more, starts the timelines that became due and announces the
//! outcome once the export has settled: no caller has to remember any of it. What another
//! process changed is only announced ([`seen_elsewhere`]); that process does what follows.

use std::sync::Arc;

use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::events::Event;
use crate::store::{DownloadId, DownloadRecord, ExportId, ExportRecord};

/// After any change to project creation `id`, made here or seen in the store.
pub(crate) fn creation_changed(
    inner: &Arc<EngineCore>,
    id: crate::store::CreationId,
) -> Result<(), EngineError> {
    if let Some(creation) = inner.store.creation(id)? {
        inner.events.send(Event::CreationUpdated {
            creation: Box::new(creation),
        });
    }
    Ok(())
}

/// After any change to export `id` or one of its downloads, made by this engine.
pub(crate) fn export_changed(inner: &Arc<EngineCore>, id: ExportId) -> Result<(), EngineError> {
    let Some(export) = inner.store.export(id)? else {
        return Ok(());
    };
    // Links are spent only once polling is over or the export expired: the sweep, which
    // reads every export's clips, is not run for the changes in between.
    if export.polling_done
        || export
            .expire_at
            .is_some_and(|at| at <= crate::clock::now_ms())
    {
        forget_spent_links(inner);
    }
    inner.events.send(Event::ExportUpdated {
        export: Box::new(export),
    });
    let Some(outcome) = crate::settling::current(inner, id)? else {
        return Ok(());
    };
    crate::auto_timelines::write_due_timelines(inner, &outcome, announce_written);
    if outcome.settled {
        inner.events.send(Event::ExportSettled {
            outcome: Box::new(outcome),
        });
    }
    Ok(())
}

/// What the timelines written by themselves announce: a change like any other.
fn announce_written(inner: &Arc<EngineCore>, id: ExportId) {
    if let Err(e) = export_changed(inner, id) {
        tracing::warn!(export_id = id, error = %e, "written timelines were not announced");
    }
}

/// After download `id`'s state changed here; its export's change follows separately when
/// the download's end can change the export's outcome.
pub(crate) fn download_changed(inner: &Arc<EngineCore>, id: DownloadId) -> Result<(), EngineError> {
    if let Some(download) = inner.store.download(id)? {
        inner.events.send(Event::DownloadChanged {
            download: Box::new(download),
        });
    }
    Ok(())
}

/// When the store is opened: exports that expired or finished while nothing ran, and stores
/// written before links were forgotten at all, give up their links.
pub(crate) fn store_opened(inner: &EngineCore) {
    forget_spent_links(inner);
}

/// What a look at the store found another process had changed about one export.
#[derive(Default)]
pub(crate) struct SeenElsewhere {
    /// The export's row, when it changed.
    pub export: Option<ExportRecord>,
    /// Its downloads that changed.
    pub downloads: Vec<DownloadRecord>,
}

/// Announces what another process changed about export `id`.
pub(crate) fn seen_elsewhere(
    inner: &Arc<EngineCore>,
    id: ExportId,
    seen: SeenElsewhere,
) -> Result<(), EngineError> {
    let anything = seen.export.is_some() || !seen.downloads.is_empty();
    if let Some(export) = seen.export {
        inner.events.send(Event::ExportUpdated {
            export: Box::new(export),
        });
    }
    for download in seen.downloads {
        inner.events.send(Event::DownloadChanged {
            download: Box::new(download),
        });
    }
    if anything {
        announce_if_settled(inner, id)?;
    }
    Ok(())
}

/// Signed links are kept only while a download may still need one: see
/// [`crate::store::Store::forget_spent_links`].
fn forget_spent_links(inner: &EngineCore) {
    if let Err(e) = inner.store.forget_spent_links() {
        tracing::warn!(error = %e, "spent download links could not be forgotten");
    }
}

/// Tells subscribers when export `id` is settled, with its outcome.
fn announce_if_settled(inner: &Arc<EngineCore>, id: ExportId) -> Result<(), EngineError> {
    if let Some(outcome) = crate::settling::current(inner, id)?.filter(|outcome| outcome.settled) {
        inner.events.send(Event::ExportSettled {
            outcome: Box::new(outcome),
        });
    }
    Ok(())
}
