//! One creation's job, run by the engine that holds its claim: the file sent to a one-time
//! link (a new link when one expires or is refused, a broken connection tried again after a
//! pause), then the project asked for once (`send.rs`). Every step is a compare-and-set on
//! the store: a step that finds the creation cancelled or taken over stops the job instead.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use transfer::upload::{FileStamp, UploadError, UploadRequest};
use transfer::Progress;
use wayin_api::create::UploadFile;
use wayin_api::ApiError;

use crate::changed::creation_changed;
use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::events::{Event, UploadProgress};
use crate::store::{CreationId, CreationProblem, CreationRecord, CreationSource, CreationState};

/// Links asked for one upload: an expired or refused link gets a new one this many times.
const MAX_TICKETS: u32 = 3;
/// Times a ticket or a send that surely never reached WayinVideo is tried before giving up.
pub(super) const MAX_UNREACHED: u32 = 5;

use CreationState::{Ready, Uploading};

/// What one job holds: its stop (the person's cancel, the engine's shutdown, a lost claim).
pub(super) struct Job {
    pub(super) inner: Arc<EngineCore>,
    pub(super) id: CreationId,
    pub(super) stop: CancellationToken,
    /// Sends that surely never reached WayinVideo, so far.
    pub(super) unreached: std::sync::atomic::AtomicU32,
}

/// Takes the job out of the engine's list however it ends, a panic included, so it can be
/// picked up again.
struct Listed {
    inner: Arc<EngineCore>,
    id: CreationId,
    heartbeat: tokio::task::JoinHandle<()>,
}

impl Drop for Listed {
    fn drop(&mut self) {
        self.heartbeat.abort();
        self.inner
            .creation_jobs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.id);
        self.inner.creation_wake.notify_one();
    }
}

/// Starts creation `id`'s job here, unless it already runs here.
pub(crate) fn spawn(inner: &Arc<EngineCore>, id: CreationId) {
    let stop = inner.shutdown.child_token();
    {
        let mut jobs = inner
            .creation_jobs
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if jobs.contains_key(&id) {
            return;
        }
        jobs.insert(id, stop.clone());
    }
    let inner = inner.clone();
    tokio::spawn(async move {
        let lost = Arc::new(AtomicBool::new(false));
        let _listed = Listed {
            inner: inner.clone(),
            id,
            heartbeat: tokio::spawn(renew_claim(inner.clone(), id, stop.clone(), lost.clone())),
        };
        let job = Job {
            inner,
            id,
            stop,
            unreached: std::sync::atomic::AtomicU32::new(0),
        };
        if let Err(e) = job.drive().await {
            tracing::warn!(creation = id, error = %e, "a project creation stopped");
            let words = e.to_string();
            // Said on the record when the store takes it; the next run picks the job up.
            let _ = job
                .inner
                .blocking(move |inner| {
                    let note = format!("stopped: {words}; it is picked up again shortly");
                    let _ = inner.store.move_creation(
                        id,
                        &inner.owner,
                        &[Uploading, Ready],
                        Ready,
                        Some(&note),
                    );
                    creation_changed(inner, id)
                })
                .await;
        }
        if lost.load(Ordering::SeqCst) {
            tracing::info!(
                creation = id,
                "a creation's job was taken over or cancelled"
            );
        }
    });
}

/// Renews the claim every heartbeat; stops the job when the claim is gone (taken over, or
/// cancelled from another process).
async fn renew_claim(
    inner: Arc<EngineCore>,
    id: CreationId,
    stop: CancellationToken,
    lost: Arc<AtomicBool>,
) {
    let mut ticks = tokio::time::interval(inner.poll.lease_heartbeat);
    loop {
        ticks.tick().await;
        let renewed = inner
            .blocking(move |inner| Ok(inner.store.renew_creation_claim(id, &inner.owner)?))
            .await;
        match renewed {
            Ok(true) => {}
            Ok(false) => {
                lost.store(true, Ordering::SeqCst);
                stop.cancel();
                return;
            }
            Err(e) => {
                tracing::warn!(creation = id, error = %e, "a creation's claim could not be renewed")
            }
        }
    }
}

impl Job {
    async fn drive(&self) -> Result<(), EngineError> {
        loop {
            if self.stop.is_cancelled() {
                return Ok(());
            }
            let id = self.id;
            let Some(record) = self
                .inner
                .blocking(move |inner| Ok(inner.store.creation(id)?))
                .await?
            else {
                return Ok(());
            };
            let carry_on = match record.state {
                Uploading => self.upload(&record).await?,
                Ready => self.send(&record).await?,
                _ => false,
            };
            if !carry_on {
                return Ok(());
            }
        }
    }

    /// Sends the file; true when the job goes on to the next step.
    async fn upload(&self, record: &CreationRecord) -> Result<bool, EngineError> {
        let CreationSource::File {
            path,
            size,
            modified_ms,
            ..
        } = &record.source
        else {
            return self.step(&[Uploading], Ready, None).await;
        };
        // A job picked up after a restart sends the file that was chosen, or nothing.
        if let Some(Err(moved)) = super::check_source(&record.source) {
            return self
                .fail(CreationProblem::FileChanged, moved.to_string())
                .await;
        }
        // The stamp the upload holds the file to is the recorded one, not whatever is there now.
        let stamp = match FileStamp::of(path) {
            Ok(stamp) => stamp,
            Err(e) => return self.fail(CreationProblem::Unreadable, e.to_string()).await,
        };
        if stamp.size != *size || stamp.modified.and_then(super::millis_since_epoch) != *modified_ms
        {
            let words = UploadError::FileChanged { path: path.clone() }.to_string();
            return self.fail(CreationProblem::FileChanged, words).await;
        }
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = match UploadFile::check(&name, *size) {
            Ok(file) => file,
            Err(e) => return self.fail(CreationProblem::Refused, e.to_string()).await,
        };
        let (inner, id) = (&self.inner, self.id);
        let mut report = |progress: Progress| {
            inner.events.send(Event::UploadProgress(UploadProgress {
                creation_id: id,
                bytes_done: progress.bytes_done,
                total: progress.total.unwrap_or(file.size()),
                bytes_per_sec: progress.bytes_per_sec,
                eta_secs: progress.eta.map(|eta| eta.as_secs_f64()),
            }));
        };
        let (mut tickets, mut unreached) = (0, 0);
        'ticket: loop {
            let client = inner.client();
            let ticket = tokio::select! {
                ticket = client.upload_ticket(&file) => ticket,
                _ = self.stop.cancelled() => return Ok(false),
            };
            let ticket = match ticket {
                Ok(ticket) => ticket,
                Err(e) if e.is_transient() && unreached + 1 < MAX_UNREACHED => {
                    unreached += 1;
                    let note = format!("could not get an upload link ({e}); trying again shortly");
                    if !self.step(&[Uploading], Uploading, Some(note)).await? {
                        return Ok(false);
                    }
                    if !self.pause(inner.poll.max).await {
                        return Ok(false);
                    }
                    continue 'ticket;
                }
                Err(e) => return self.fail(api_problem(&e), e.to_string()).await,
            };
            tickets += 1;
            let mut breaks = 0;
            loop {
                let request = UploadRequest {
                    path,
                    url: &ticket.upload_url,
                    content_type: file.content_type(),
                    stamp,
                };
                let interval = inner.transfer.progress_interval;
                let http = inner.http();
                let sent =
                    transfer::upload::upload(&http, request, &mut report, &self.stop, interval)
                        .await;
                match sent {
                    Ok(_) => {
                        let identity = ticket.identity.clone();
                        return inner
                            .blocking(move |inner| {
                                let moved =
                                    inner.store.mark_uploaded(id, &inner.owner, &identity)?;
                                creation_changed(inner, id)?;
                                Ok(moved)
                            })
                            .await;
                    }
                    Err(UploadError::Cancelled) => return Ok(false),
                    Err(UploadError::LinkExpired | UploadError::Refused { .. })
                        if tickets < MAX_TICKETS =>
                    {
                        continue 'ticket
                    }
                    Err(e @ UploadError::Network { .. })
                        if breaks < inner.transfer.backoff.len() =>
                    {
                        let pause = inner.transfer.backoff[breaks];
                        breaks += 1;
                        let note = format!(
                            "the upload broke off ({e}); sending it again in {} s",
                            pause.as_secs().max(1)
                        );
                        if !self.step(&[Uploading], Uploading, Some(note)).await? {
                            return Ok(false);
                        }
                        if !self.pause(pause).await {
                            return Ok(false);
                        }
                    }
                    Err(e) => {
                        let problem = match e {
                            UploadError::FileChanged { .. } => CreationProblem::FileChanged,
                            UploadError::Unreadable { .. } => CreationProblem::Unreadable,
                            _ => CreationProblem::UploadFailed,
                        };
                        return self.fail(problem, e.to_string()).await;
                    }
                }
            }
        }
    }

    /// Moves the creation on, only while it is this job's to move; false stops the job.
    pub(super) async fn step(
        &self,
        from: &'static [CreationState],
        to: CreationState,
        note: Option<String>,
    ) -> Result<bool, EngineError> {
        let id = self.id;
        self.inner
            .blocking(move |inner| {
                let moved =
                    inner
                        .store
                        .move_creation(id, &inner.owner, from, to, note.as_deref())?;
                if moved {
                    creation_changed(inner, id)?;
                }
                Ok(moved)
            })
            .await
    }

    /// Ends the creation as failed; the job stops.
    pub(super) async fn fail(
        &self,
        problem: CreationProblem,
        message: String,
    ) -> Result<bool, EngineError> {
        let id = self.id;
        self.inner
            .blocking(move |inner| {
                let state = CreationState::Failed;
                inner
                    .store
                    .mark_creation_problem(id, state, problem, &message)?;
                creation_changed(inner, id)
            })
            .await?;
        Ok(false)
    }

    /// False when stopped first.
    pub(super) async fn pause(&self, pause: Duration) -> bool {
        tokio::select! {
            _ = tokio::time::sleep(pause) => true,
            _ = self.stop.cancelled() => false,
        }
    }
}

pub(super) fn api_problem(error: &ApiError) -> CreationProblem {
    match error {
        ApiError::KeyRejected => CreationProblem::KeyRejected,
        ApiError::Network { .. } | ApiError::Server { .. } | ApiError::RateLimited { .. } => {
            CreationProblem::UploadFailed
        }
        _ => CreationProblem::Refused,
    }
}
