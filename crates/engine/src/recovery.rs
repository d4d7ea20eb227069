//! Picking up after a stop or a crash: submits whose answer was lost are marked
//! unknown at start; once this engine holds the polling lease (at start, or when it
//! takes over from a process that stopped), downloads that were running resume from
//! their `.part` files and clips that got links just before the stop get their
//! downloads planned. While another process holds the lease, they are its to run.

use std::sync::Arc;

use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::store::now_ms;

pub(crate) const LOST_ANSWER: &str =
    "The app stopped before the API answered this export. It may have been accepted and charged.";

/// Longer than any submit can take: the client's timeout over every allowed attempt and
/// wait. A pending row younger than this may be another process's submit in flight.
const SUBMIT_IN_FLIGHT_MS: i64 = 5 * 60 * 1000;

pub(crate) fn recover_submits(inner: &Arc<EngineCore>) -> Result<(), EngineError> {
    inner
        .store
        .pending_submits_to_unknown(LOST_ANSWER, SUBMIT_IN_FLIGHT_MS)?;
    // Exports that expired or finished while the app was not running, and stores
    // written before links were forgotten at all.
    crate::changed::store_opened(inner);
    Ok(())
}

/// Downloads nobody else runs: planned for links already known, resumed when open.
pub(crate) fn resume_downloads(inner: &Arc<EngineCore>) -> Result<(), EngineError> {
    let now = now_ms();
    for export in inner.store.exports()? {
        let links_may_work = export.task_id.is_some() && export.expire_at.is_none_or(|at| at > now);
        if links_may_work && !export.is_failed() {
            // One damaged or newer-format entry must not keep the others from resuming.
            if let Err(e) = crate::new_downloads::plan_new_downloads(inner, export.id) {
                tracing::warn!(export = export.id, error = %e, "downloads of this export cannot be planned");
            }
        }
    }
    for download in inner.store.open_downloads()? {
        inner.queue.enqueue(inner, download.id);
    }
    Ok(())
}
