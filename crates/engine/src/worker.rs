//! One download from start to finish: the transfer itself, plus what the engine
//! records and announces around it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;
use wayin_api::Priority;

use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::events::{DownloadProgress, Event};
use crate::store::{DownloadId, DownloadRecord, DownloadState, ExportId};
use transfer::{self, LinkRenewer, Progress, TransferError, TransferOutcome, TransferRequest};

/// Progress is written to the store at most this often: the `.part` file's length is
/// what a resume trusts; the stored figure only feeds the history view.
const STORE_PROGRESS_EVERY: Duration = Duration::from_secs(1);

/// Runs download `id` on a task of its own: what the queue starts.
pub(crate) fn spawn(inner: Arc<EngineCore>, id: DownloadId, cancel: CancellationToken) {
    tokio::spawn(run(inner, id, cancel));
}

/// The download's last state is written and it leaves the queue in one step on the
/// blocking pool, so nobody (a waiting export, a retry) sees one without the other.
async fn run(inner: Arc<EngineCore>, id: DownloadId, cancel: CancellationToken) {
    if let Err(e) = download(&inner, id, &cancel).await {
        tracing::warn!(download = id, error = %e, "download could not be recorded");
        inner.queue.finished(&inner, id);
        // Whatever the row says now, a waiting export must hear of it.
        let _ = inner
            .blocking(move |inner| {
                if let Some(download) = inner.store.download(id)? {
                    crate::changed::export_changed(inner, download.export_id)?;
                }
                Ok(())
            })
            .await;
    }
}

async fn download(
    inner: &Arc<EngineCore>,
    id: DownloadId,
    cancel: &CancellationToken,
) -> Result<(), EngineError> {
    let started = inner
        .blocking(move |inner| {
            let started = start(inner, id)?;
            if started.is_none() {
                inner.queue.finished(inner, id);
            }
            Ok(started)
        })
        .await?;
    let Some((record, task_id, known_link)) = started else {
        return Ok(());
    };
    let renew = renewer(inner.clone(), record.export_id, task_id, record.idx);
    let link = match known_link {
        Some(link) => Ok(link),
        None => renew().await,
    };
    let result = match link {
        Ok(link) => transfer_into_place(inner, &record, link, renew, cancel).await,
        Err(e) => Err(e),
    };
    let export_id = record.export_id;
    inner
        .blocking(move |inner| {
            let settled = settle(inner, id, result);
            inner.queue.finished(inner, id);
            settled?;
            crate::changed::export_changed(inner, export_id)
        })
        .await
}

/// Marks download `id` as running; its record, its export's task id and the link
/// already known. `None`: nothing to download (gone, or not submitted yet).
#[allow(clippy::type_complexity)]
fn start(
    inner: &Arc<EngineCore>,
    id: DownloadId,
) -> Result<Option<(DownloadRecord, String, Option<String>)>, EngineError> {
    // Gone, or stopped meanwhile (a cancel from another window or command): not run.
    let Some(record) = inner.store.download(id)?.filter(|d| d.state.is_open()) else {
        return Ok(None);
    };
    let export = inner
        .store
        .export(record.export_id)?
        .ok_or_else(|| EngineError::NotFound(format!("Export {}", record.export_id)))?;
    let Some(task_id) = export.task_id.clone() else {
        return Ok(None);
    };
    set_state(inner, id, DownloadState::Downloading, None)?;
    let link = inner
        .store
        .clip(record.export_id, record.idx)?
        .and_then(|c| c.link);
    Ok(Some((record, task_id, link)))
}

/// Records how the transfer ended.
fn settle(
    inner: &Arc<EngineCore>,
    id: DownloadId,
    result: Result<u64, TransferError>,
) -> Result<(), EngineError> {
    match result {
        Ok(bytes) => {
            inner.store.set_download_progress(id, bytes, Some(bytes))?;
            set_state(inner, id, DownloadState::Done, None)
        }
        // Shutting down: the row stays open so the next start resumes it.
        Err(TransferError::Cancelled) if inner.shutdown.is_cancelled() => Ok(()),
        // A retry that came while it stopped: it stays waiting for its next run.
        Err(TransferError::Cancelled) if inner.queue.runs_again(id) => {
            set_state(inner, id, DownloadState::Waiting, None)
        }
        // A retry may have set it waiting between the cancel and here: that wins.
        Err(TransferError::Cancelled) => {
            if inner.store.cancel_running_download(id)? {
                crate::changed::download_changed(inner, id)?;
            }
            Ok(())
        }
        Err(e) => {
            if matches!(e, TransferError::LengthMismatch { .. }) {
                // A length recorded from a bad answer (a captive portal, a proxy) must not
                // fail every retry.
                inner.store.forget_download_total(id)?;
            }
            set_state(
                inner,
                id,
                DownloadState::Failed,
                Some((e.kind(), &e.to_string())),
            )
        }
    }
}

/// Runs the transfer; if a different file took the planned name meanwhile, moves the
/// finished `.part` to the next free name instead of overwriting anything.
async fn transfer_into_place(
    inner: &Arc<EngineCore>,
    record: &DownloadRecord,
    link: String,
    renew: LinkRenewer,
    cancel: &CancellationToken,
) -> Result<u64, TransferError> {
    let mut dest = record.path.clone();
    let mut last_saved = Instant::now() - STORE_PROGRESS_EVERY;
    // The last progress write, on the blocking pool; the next one waits for it to end.
    let mut saving: Option<tokio::task::JoinHandle<()>> = None;
    let known_total = std::sync::atomic::AtomicU64::new(record.total.unwrap_or(0));
    let mut on_progress = |p: Progress| {
        if let Some(total) = p.total {
            known_total.store(total, std::sync::atomic::Ordering::Relaxed);
        }
        inner.events.send(Event::DownloadProgress(DownloadProgress {
            download_id: record.id,
            export_id: record.export_id,
            idx: record.idx,
            bytes_done: p.bytes_done,
            total: p.total,
            bytes_per_sec: p.bytes_per_sec,
            eta_secs: p.eta.map(|d| d.as_secs_f64()),
        }));
        let due = p.finished || last_saved.elapsed() >= STORE_PROGRESS_EVERY;
        // A write still waiting on a locked store is not queued behind: the next one
        // carries newer figures anyway.
        if due && saving.as_ref().is_none_or(|write| write.is_finished()) {
            last_saved = Instant::now();
            let (store, id) = (inner.store.clone(), record.id);
            saving = Some(tokio::task::spawn_blocking(move || {
                let _ = store.set_download_progress(id, p.bytes_done, p.total);
            }));
        }
    };
    let mut attempts_left = 3;
    let http = inner.http();
    loop {
        let request = TransferRequest {
            dest: dest.clone(),
            link: link.clone(),
            expected_len: Some(known_total.load(std::sync::atomic::Ordering::Relaxed))
                .filter(|&t| t > 0),
        };
        match transfer::transfer(
            &http,
            request,
            renew.clone(),
            &mut on_progress,
            cancel,
            &inner.transfer,
        )
        .await
        {
            Ok(
                TransferOutcome::Downloaded { bytes, .. }
                | TransferOutcome::AlreadyPresent { bytes, .. },
            ) => {
                // The final figures are written after any progress still on its way.
                if let Some(write) = saving.take() {
                    let _ = write.await;
                }
                return Ok(bytes);
            }
            // Only a name beyond ASCII is reported refused, so the plain one is tried once.
            Err(TransferError::NameRefused { .. }) if attempts_left > 0 => {
                attempts_left -= 1;
                dest = rename(inner, record, dest, Rename::Plain).await?;
            }
            Err(TransferError::DestinationExists { .. }) if attempts_left > 0 => {
                attempts_left -= 1;
                dest = rename(inner, record, dest, Rename::NextFree).await?;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Which new name a download takes when its planned one cannot be used.
#[derive(Clone, Copy)]
enum Rename {
    /// The name was refused by the file system: the same in plain ASCII.
    Plain,
    /// A different file took the name: the next free one, with the `.part` moved along.
    NextFree,
}

async fn rename(
    inner: &Arc<EngineCore>,
    record: &DownloadRecord,
    dest: PathBuf,
    how: Rename,
) -> Result<PathBuf, TransferError> {
    let record = record.clone();
    let failed = |message: String, path: &Path| TransferError::Io {
        path: path.to_path_buf(),
        message,
    };
    let from = dest.clone();
    inner
        .blocking(move |inner| {
            Ok(match how {
                Rename::Plain => {
                    let next = crate::new_downloads::plain_free_path(inner, &from);
                    rename_download(inner, &record, &from, next)
                }
                Rename::NextFree => {
                    let next = crate::new_downloads::next_free_path(inner, &from);
                    match &next {
                        Ok(next_path) => move_part(&from, next_path)
                            .and_then(|()| rename_download(inner, &record, &from, next)),
                        Err(_) => rename_download(inner, &record, &from, next),
                    }
                }
            })
        })
        .await
        .map_err(|e| failed(e.to_string(), &dest))?
}

/// Records the download's new file name; returns it.
fn rename_download(
    inner: &Arc<EngineCore>,
    record: &DownloadRecord,
    dest: &Path,
    next: Result<PathBuf, EngineError>,
) -> Result<PathBuf, TransferError> {
    let next = next.map_err(|e| TransferError::Io {
        path: dest.to_path_buf(),
        message: e.to_string(),
    })?;
    inner
        .store
        .set_download_path(record.id, &next)
        .map_err(|e| TransferError::Io {
            path: next.clone(),
            message: e.to_string(),
        })?;
    Ok(next)
}

fn move_part(from: &Path, to: &Path) -> Result<(), TransferError> {
    let (old, new) = (transfer::part_path(from), transfer::part_path(to));
    if old.exists() {
        std::fs::rename(&old, &new).map_err(|e| TransferError::Io {
            path: new,
            message: e.to_string(),
        })?;
    }
    Ok(())
}

/// A fresh link for one clip, through the export results endpoint (every call there
/// returns new links), recorded like any poll.
fn renewer(inner: Arc<EngineCore>, export_id: ExportId, task_id: String, idx: u32) -> LinkRenewer {
    Arc::new(move || {
        let (inner, task_id) = (inner.clone(), task_id.clone());
        Box::pin(async move {
            let task = inner
                .client()
                .export_results(&task_id, Priority::Interactive)
                .await
                .map_err(|e| TransferError::Renew(e.to_string()))?;
            let recorded = task.clone();
            let stored = inner
                .blocking(move |inner| Ok(inner.store.record_poll(export_id, &recorded)?))
                .await;
            if let Err(e) = stored {
                tracing::warn!(error = %e, "fresh links could not be recorded");
            }
            task.clip(idx)
                .and_then(|c| c.export_link.clone())
                .ok_or_else(|| {
                    TransferError::Renew(format!("the API returned no link for clip {idx} yet"))
                })
        })
    })
}

fn set_state(
    inner: &Arc<EngineCore>,
    id: DownloadId,
    state: DownloadState,
    error: Option<(&str, &str)>,
) -> Result<(), EngineError> {
    inner.store.set_download_state(id, state, error)?;
    crate::changed::download_changed(inner, id)
}

pub(crate) fn cancel(inner: &Arc<EngineCore>, id: DownloadId) -> Result<(), EngineError> {
    let record = inner
        .store
        .download(id)?
        .ok_or_else(|| EngineError::NotFound(format!("Download {id}")))?;
    let was_running = inner.queue.cancel(id);
    // A running download records its own cancellation when its transfer stops.
    if record.state == DownloadState::Waiting || (!was_running && record.state.is_open()) {
        set_state(inner, id, DownloadState::Cancelled, None)?;
        crate::changed::export_changed(inner, record.export_id)?;
    }
    Ok(())
}

pub(crate) fn retry(inner: &Arc<EngineCore>, id: DownloadId) -> Result<(), EngineError> {
    let record = inner
        .store
        .download(id)?
        .ok_or_else(|| EngineError::NotFound(format!("Download {id}")))?;
    if record.state == DownloadState::Done && record.path.exists() {
        return Ok(());
    }
    set_state(inner, id, DownloadState::Waiting, None)?;
    inner.queue.enqueue(inner, id);
    Ok(())
}
