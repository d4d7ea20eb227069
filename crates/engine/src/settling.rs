//! Whether an export is over, read from the store and from what this engine runs, and a
//! wait for that moment.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::broadcast::error::RecvError;

use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::events::Event;
use crate::outcome::{ExportOutcome, ExportProblem};
use crate::store::{
    DownloadId, DownloadRecord, DownloadState, ExportId, ExportRecord, SubmitState,
};
use crate::{ClosedReason, ExportPhase};

/// How long a wait goes without any announcement before it looks at the store anyway.
const LOOK_AGAIN_AFTER: Duration = Duration::from_secs(60);

pub(crate) fn current(
    inner: &EngineCore,
    id: ExportId,
) -> Result<Option<ExportOutcome>, EngineError> {
    let Some(export) = inner.store.export(id)? else {
        return Ok(None);
    };
    let (downloads, active) =
        crate::runs_downloads::read(inner, || Ok(inner.store.downloads(id)?))?;
    // An open row that no worker runs (the process that had it stopped, or its final
    // state could not be written) does not keep this export unsettled.
    let settled = export.polling_done
        && downloads
            .iter()
            .all(|d| !d.state.is_open() || !active.contains(&d.id));
    let problem = problem(inner, &export, &downloads, &active)?;
    let complete = settled && problem.is_none() && export.is_succeeded();
    let timelines = inner
        .store
        .timeline_files(id)?
        .into_iter()
        .filter(|file| transfer::no_follow::is_plain_file(&file.path))
        .collect();
    let phase = ExportPhase::of(&export, settled, complete);
    Ok(Some(ExportOutcome {
        export,
        downloads,
        settled,
        complete,
        problem,
        phase,
        timelines,
    }))
}

/// Resolves with the outcome once the engine announces the export settled.
pub(crate) async fn wait(
    inner: &Arc<EngineCore>,
    id: ExportId,
) -> Result<ExportOutcome, EngineError> {
    // Subscribed before the first look, so a settling between the two is not missed.
    let mut events = inner.events.subscribe();
    loop {
        let outcome = inner
            .blocking(move |inner| {
                current(inner, id)?.ok_or_else(|| EngineError::NotFound(format!("Export {id}")))
            })
            .await?;
        if outcome.settled {
            return Ok(outcome);
        }
        loop {
            let event = tokio::select! {
                event = events.recv() => event,
                // Only a guard: every settling change is announced.
                _ = tokio::time::sleep(LOOK_AGAIN_AFTER) => break,
                _ = inner.shutdown.cancelled() => return Ok(outcome),
            };
            match event {
                // Looked at again rather than taken as said: a settling announced by a run
                // that has since been retried (a cancelled download winding down) is stale.
                Ok(Event::ExportSettled { outcome }) if outcome.export.id == id => break,
                Ok(_) => {}
                // Missed events: look at the store again.
                Err(RecvError::Lagged(_)) => break,
                Err(RecvError::Closed) => return Ok(outcome),
            }
        }
    }
}

fn problem(
    inner: &EngineCore,
    export: &ExportRecord,
    downloads: &[DownloadRecord],
    active: &HashSet<DownloadId>,
) -> Result<Option<ExportProblem>, EngineError> {
    let submit_words = || {
        export
            .submit_error
            .clone()
            .unwrap_or_else(|| "The export was not accepted.".into())
    };
    match export.submit_state {
        SubmitState::Rejected => {
            return Ok(Some(ExportProblem::Refused {
                message: submit_words(),
            }))
        }
        SubmitState::Unknown => {
            return Ok(Some(ExportProblem::AnswerLost {
                message: submit_words(),
            }))
        }
        _ => {}
    }
    if export.is_failed() {
        return Ok(Some(ExportProblem::RenderFailed {
            message: export.error_message.clone(),
        }));
    }
    match &export.closed_reason {
        Some(ClosedReason::Expired) => return Ok(Some(ExportProblem::Expired)),
        Some(ClosedReason::LinksMissing(clips)) => {
            return Ok(Some(ExportProblem::LinksMissing {
                clips: clips.clone(),
            }))
        }
        _ => {}
    }
    for download in downloads {
        let idx = download.idx;
        if download.state.is_open() && !active.contains(&download.id) {
            return Ok(Some(ExportProblem::DownloadStopped { idx }));
        }
        match download.state {
            DownloadState::Failed => {
                return Ok(Some(ExportProblem::DownloadFailed {
                    idx,
                    error_kind: download.error_kind.clone(),
                    message: download
                        .error
                        .clone()
                        .unwrap_or_else(|| "unknown error".into()),
                }));
            }
            DownloadState::Cancelled => return Ok(Some(ExportProblem::DownloadCancelled { idx })),
            _ => {}
        }
    }
    if export.polling_done && export.is_succeeded() {
        if let Some(idx) = missing_links(inner, export)?.first() {
            return Ok(Some(ExportProblem::NoLink { idx: *idx }));
        }
        let mut wanted_without_download = inner
            .store
            .clips(export.id)?
            .into_iter()
            .filter(|c| export.wants_clip(c.clip.idx))
            .filter(|c| !downloads.iter().any(|d| d.idx == c.clip.idx));
        if let Some(clip) = wanted_without_download.next() {
            return Ok(Some(ExportProblem::NotDownloaded { idx: clip.clip.idx }));
        }
        if let Some(requested) = &export.requested_clips {
            if let Some(idx) = requested
                .iter()
                .find(|i| !downloads.iter().any(|d| d.idx == **i))
            {
                return Ok(Some(ExportProblem::NotRendered { idx: *idx }));
            }
        }
    }
    Ok(None)
}

/// Wanted clips the API has not given a link for yet. A clip with a download had one
/// (its link is forgotten once every download of the export is done).
pub(crate) fn missing_links(
    inner: &EngineCore,
    export: &ExportRecord,
) -> Result<Vec<u32>, EngineError> {
    Ok(link_tally(inner, export)?.missing)
}

/// An export's wanted clips, and those of them with no link yet.
pub(crate) struct LinkTally {
    pub wanted: usize,
    pub missing: Vec<u32>,
}

pub(crate) fn link_tally(
    inner: &EngineCore,
    export: &ExportRecord,
) -> Result<LinkTally, EngineError> {
    let clips = inner.store.clips(export.id)?;
    let downloads = inner.store.downloads(export.id)?;
    let wanted: Vec<u32> = match &export.requested_clips {
        Some(requested) => requested.clone(),
        None => clips.iter().map(|c| c.clip.idx).collect(),
    };
    let missing = wanted
        .iter()
        .copied()
        .filter(|idx| !clips.iter().any(|c| c.clip.idx == *idx && c.link.is_some()))
        .filter(|idx| !downloads.iter().any(|d| d.idx == *idx))
        .collect();
    Ok(LinkTally {
        wanted: wanted.len(),
        missing,
    })
}
