//! One creation's job, run by the engine that holds its claim: the file sent to a one-time
//! link (a new link when one expires or is refused, a broken connection tried again after a
//! pause), then the project asked for once, after waiting for one of the five running
//! projects to finish when five are. Each step is written down before it acts.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use transfer::upload::{FileStamp, UploadError, UploadRequest};
use transfer::Progress;
use wayin_api::create::{CreateRequest, UploadFile, VideoSource};
use wayin_api::ApiError;

use crate::changed::creation_changed;
use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::events::Event;
use crate::store::{CreationId, CreationProblem, CreationRecord, CreationSource, CreationState};

/// Projects WayinVideo makes at once for a key; a sixth is answered 429.
pub(crate) const MAX_RUNNING: usize = 5;
/// Links asked for one upload: an expired or refused link gets a new one this many times.
const MAX_TICKETS: u32 = 3;

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
        let heartbeat = tokio::spawn(renew_claim(inner.clone(), id));
        if let Err(e) = drive(&inner, id, &stop).await {
            tracing::warn!(creation = id, error = %e, "a project creation stopped");
        }
        heartbeat.abort();
        inner
            .creation_jobs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id);
        inner.creation_wake.notify_one();
    });
}

/// The job is alive: nobody else takes it over while this renews its claim.
async fn renew_claim(inner: Arc<EngineCore>, id: CreationId) {
    let mut ticks = tokio::time::interval(inner.poll.lease_heartbeat);
    loop {
        ticks.tick().await;
        let renewed = inner
            .blocking(move |inner| Ok(inner.store.renew_creation_claim(id, &inner.owner)?))
            .await;
        if let Err(e) = renewed {
            tracing::warn!(creation = id, error = %e, "a creation's claim could not be renewed");
        }
    }
}

async fn drive(
    inner: &Arc<EngineCore>,
    id: CreationId,
    stop: &CancellationToken,
) -> Result<(), EngineError> {
    loop {
        let Some(record) = inner
            .blocking(move |inner| Ok(inner.store.creation(id)?))
            .await?
        else {
            return Ok(());
        };
        match record.state {
            CreationState::Uploading => upload(inner, &record, stop).await?,
            CreationState::Ready => send(inner, &record, stop).await?,
            _ => return Ok(()),
        }
        if stop.is_cancelled() {
            return stopped(inner, id).await;
        }
    }
}

async fn upload(
    inner: &Arc<EngineCore>,
    record: &CreationRecord,
    stop: &CancellationToken,
) -> Result<(), EngineError> {
    let id = record.id;
    let CreationSource::File { path, size, .. } = &record.source else {
        return settle(inner, id, CreationState::Ready, None).await;
    };
    // A job picked up after a restart sends the file that was chosen, or nothing.
    if let Some(Err(moved)) = super::check_source(&record.source) {
        return fail(inner, id, CreationProblem::FileChanged, moved.to_string()).await;
    }
    let stamp = match FileStamp::of(path) {
        Ok(stamp) => stamp,
        Err(e) => return fail(inner, id, CreationProblem::Unreadable, e.to_string()).await,
    };
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = match UploadFile::check(&name, *size) {
        Ok(file) => file,
        Err(e) => return fail(inner, id, CreationProblem::Refused, e.to_string()).await,
    };
    let mut report = |progress: Progress| {
        inner.events.send(Event::UploadProgress {
            creation_id: id,
            bytes_done: progress.bytes_done,
            total: progress.total.unwrap_or(file.size()),
            bytes_per_sec: progress.bytes_per_sec,
            eta_secs: progress.eta.map(|eta| eta.as_secs_f64()),
        });
    };
    let mut tickets = 0;
    'ticket: loop {
        tickets += 1;
        let client = inner.client();
        let ticket = tokio::select! {
            ticket = client.upload_ticket(&file) => ticket,
            _ = stop.cancelled() => return Ok(()),
        };
        let ticket = match ticket {
            Ok(ticket) => ticket,
            Err(e) => return fail(inner, id, api_problem(&e), e.to_string()).await,
        };
        let mut breaks = 0;
        loop {
            let request = UploadRequest {
                path,
                url: &ticket.upload_url,
                content_type: file.content_type(),
                stamp,
            };
            let interval = inner.transfer.progress_interval;
            let sent =
                transfer::upload::upload(&inner.http(), request, &mut report, stop, interval).await;
            match sent {
                Ok(_) => {
                    let identity = ticket.identity.clone();
                    return inner
                        .blocking(move |inner| {
                            inner.store.mark_uploaded(id, &identity)?;
                            creation_changed(inner, id)
                        })
                        .await;
                }
                Err(UploadError::Cancelled) => return Ok(()),
                Err(UploadError::LinkExpired | UploadError::Refused { .. })
                    if tickets < MAX_TICKETS =>
                {
                    continue 'ticket
                }
                Err(e @ UploadError::Network { .. }) if breaks < inner.transfer.backoff.len() => {
                    let pause = inner.transfer.backoff[breaks];
                    breaks += 1;
                    let note = format!(
                        "the upload broke off ({e}); sending it again in {} s",
                        pause.as_secs().max(1)
                    );
                    settle(inner, id, CreationState::Uploading, Some(note)).await?;
                    if !pause_unless_stopped(pause, stop).await {
                        return Ok(());
                    }
                }
                Err(e) => {
                    let problem = match e {
                        UploadError::FileChanged { .. } => CreationProblem::FileChanged,
                        UploadError::Unreadable { .. } => CreationProblem::Unreadable,
                        _ => CreationProblem::UploadFailed,
                    };
                    return fail(inner, id, problem, e.to_string()).await;
                }
            }
        }
    }
}

async fn send(
    inner: &Arc<EngineCore>,
    record: &CreationRecord,
    stop: &CancellationToken,
) -> Result<(), EngineError> {
    let id = record.id;
    let video = match &record.source {
        CreationSource::Link { url } => VideoSource::link(url),
        CreationSource::File { .. } => {
            let identity = record.request["video_url"].as_str().unwrap_or_default();
            if identity.is_empty() {
                return settle(inner, id, CreationState::Uploading, None).await;
            }
            Ok(VideoSource::Uploaded(identity.to_owned()))
        }
    };
    let request = match video
        .and_then(|video| CreateRequest::from_recorded(record.kind, &record.request, video))
    {
        Ok(request) => request,
        Err(e) => return fail(inner, id, CreationProblem::Refused, e.to_string()).await,
    };
    let Some(turn) = wait_for_a_slot(inner, record, stop).await? else {
        return Ok(());
    };
    settle(inner, id, CreationState::Sending, None).await?;
    // Sent on the submits' tracker: a shutdown waits for the answer to be written down.
    let client = inner.client();
    let answer = inner
        .submits
        .spawn(async move { client.create_project(&request).await })
        .await;
    match answer {
        Ok(Ok(created)) => {
            inner
                .blocking(move |inner| {
                    inner.store.mark_created(
                        id,
                        &created.id,
                        created.name.as_deref(),
                        created.status.as_str(),
                    )?;
                    creation_changed(inner, id)
                })
                .await?;
            inner.creation_wake.notify_one();
            Ok(())
        }
        Ok(Err(ApiError::RateLimited { .. })) => {
            let note = "waiting: WayinVideo is making five projects for this key; this one is sent when one of them finishes";
            settle(inner, id, CreationState::Ready, Some(note.into())).await?;
            drop(turn);
            pause_unless_stopped(inner.poll.max, stop).await;
            Ok(())
        }
        Ok(Err(e)) if e.may_have_reached_server() => {
            let state = CreationState::Unknown;
            problem(inner, id, state, CreationProblem::AnswerLost, e.to_string()).await
        }
        Ok(Err(e)) => fail(inner, id, api_problem(&e), e.to_string()).await,
        Err(e) => {
            let state = CreationState::Unknown;
            problem(inner, id, state, CreationProblem::AnswerLost, e.to_string()).await
        }
    }
}

/// Waits while five projects of this history are being made, saying so, and returns the
/// right to send; `None` when stopped first.
async fn wait_for_a_slot<'a>(
    inner: &'a Arc<EngineCore>,
    record: &CreationRecord,
    stop: &CancellationToken,
) -> Result<Option<tokio::sync::MutexGuard<'a, ()>>, EngineError> {
    let mut said = false;
    loop {
        let turn = tokio::select! {
            turn = inner.creation_send.lock() => turn,
            _ = stop.cancelled() => return Ok(None),
        };
        let running = inner
            .blocking(|inner| Ok(inner.store.running_creations()?.len()))
            .await?;
        if running < MAX_RUNNING {
            return Ok(Some(turn));
        }
        drop(turn);
        if !said {
            let note = format!(
                "waiting: {running} projects are being made and WayinVideo makes five at once; this one is sent when one of them finishes"
            );
            settle(inner, record.id, CreationState::Ready, Some(note)).await?;
            said = true;
        }
        tokio::select! {
            _ = tokio::time::sleep(inner.poll.first) => {}
            _ = inner.creation_wake.notified() => {}
            _ = stop.cancelled() => return Ok(None),
        }
    }
}

/// The job was stopped: by the person (the creation is cancelled) or by the engine's
/// shutdown (it stays as it is, for the next run to pick up).
async fn stopped(inner: &Arc<EngineCore>, id: CreationId) -> Result<(), EngineError> {
    if inner.shutdown.is_cancelled() {
        return Ok(());
    }
    inner.blocking(move |inner| mark_cancelled(inner, id)).await
}

/// Cancels creation `id` if nothing was sent for it yet.
pub(crate) fn mark_cancelled(inner: &Arc<EngineCore>, id: CreationId) -> Result<(), EngineError> {
    let Some(record) = inner.store.creation(id)? else {
        return Ok(());
    };
    if record.state.is_before_send() {
        inner
            .store
            .set_creation_state(id, CreationState::Cancelled, None)?;
        creation_changed(inner, id)?;
    }
    Ok(())
}

async fn settle(
    inner: &Arc<EngineCore>,
    id: CreationId,
    state: CreationState,
    note: Option<String>,
) -> Result<(), EngineError> {
    inner
        .blocking(move |inner| {
            inner.store.set_creation_state(id, state, note.as_deref())?;
            creation_changed(inner, id)
        })
        .await
}

async fn fail(
    inner: &Arc<EngineCore>,
    id: CreationId,
    kind: CreationProblem,
    message: String,
) -> Result<(), EngineError> {
    problem(inner, id, CreationState::Failed, kind, message).await
}

async fn problem(
    inner: &Arc<EngineCore>,
    id: CreationId,
    state: CreationState,
    kind: CreationProblem,
    message: String,
) -> Result<(), EngineError> {
    inner
        .blocking(move |inner| {
            inner
                .store
                .mark_creation_problem(id, state, kind, &message)?;
            creation_changed(inner, id)
        })
        .await
}

fn api_problem(error: &ApiError) -> CreationProblem {
    match error {
        ApiError::KeyRejected => CreationProblem::KeyRejected,
        ApiError::Network { .. } | ApiError::Server { .. } => CreationProblem::UploadFailed,
        _ => CreationProblem::Refused,
    }
}

/// False when stopped first.
async fn pause_unless_stopped(pause: Duration, stop: &CancellationToken) -> bool {
    tokio::select! {
        _ = tokio::time::sleep(pause) => true,
        _ = stop.cancelled() => false,
    }
}
