//! A creation's one request for its project: sent after waiting for one of the five projects
//! and exports being processed to finish when five are, on the submits' tracker so a shutdown waits for its
//! answer, and that answer written down in the same step as it arrived.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use wayin_api::create::{CreateRequest, VideoSource};
use wayin_api::ApiError;

use super::job::{api_problem, Job, MAX_UNREACHED};
use crate::changed::creation_changed;
use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::store::{CreationId, CreationProblem, CreationRecord, CreationSource, CreationState};

use CreationState::{Ready, Sending, Uploading};

/// Projects and exports WayinVideo processes at once for a key; a sixth is answered 429.
const MAX_RUNNING: usize = 5;

/// Why a send is tried again later: the project surely was not made.
enum SendAgain {
    /// Five projects or exports are being processed for the key.
    FiveRunning,
    /// WayinVideo could not be reached.
    Unreached,
}

impl Job {
    /// Asks for the project once; true when the job goes on (it waits and asks again).
    pub(super) async fn send(&self, record: &CreationRecord) -> Result<bool, EngineError> {
        let video = match &record.source {
            CreationSource::Link { url } => VideoSource::link(url),
            CreationSource::File { .. } => {
                let identity = record.request["video_url"].as_str().unwrap_or_default();
                if identity.is_empty() {
                    return self.step(&[Ready], Uploading, None).await;
                }
                Ok(VideoSource::Uploaded(identity.to_owned()))
            }
        };
        let request = match video
            .and_then(|video| CreateRequest::from_recorded(record.kind, &record.request, video))
        {
            Ok(request) => request,
            Err(e) => return self.fail(CreationProblem::Refused, e.to_string()).await,
        };
        let Some(turn) = self.wait_for_a_slot().await? else {
            return Ok(false);
        };
        // The last moment a cancel counts: from here the request may reach WayinVideo.
        if self.stop.is_cancelled() || !self.step(&[Ready], Sending, None).await? {
            return Ok(false);
        }
        // The POST and the writing of its answer run on the submits' tracker: a shutdown
        // waits for both, so a project that was made is never left without its id.
        let (client, inner, id) = (self.inner.client(), self.inner.clone(), self.id);
        let answered = self
            .inner
            .submits
            .spawn(async move {
                let answer = client.create_project(&request).await;
                inner
                    .blocking(move |inner| record_answer(inner, id, answer))
                    .await
            })
            .await;
        drop(turn);
        let retry = match answered {
            Ok(Ok(retry)) => retry,
            Ok(Err(e)) => return Err(e),
            Err(e) => {
                let message = e.to_string();
                let (state, problem) = (CreationState::Unknown, CreationProblem::AnswerLost);
                self.inner
                    .blocking(move |inner| {
                        inner
                            .store
                            .mark_creation_problem(id, state, problem, &message)?;
                        creation_changed(inner, id)
                    })
                    .await?;
                None
            }
        };
        match retry {
            Some(SendAgain::FiveRunning) => Ok(self.pause(self.inner.poll.max).await),
            Some(SendAgain::Unreached) => {
                let tries = self.unreached.fetch_add(1, Ordering::SeqCst) + 1;
                if tries >= MAX_UNREACHED {
                    let words = "WayinVideo could not be reached; nothing was created. Check your connection and try again.";
                    return self.fail(CreationProblem::Refused, words.into()).await;
                }
                Ok(self.pause(self.inner.poll.max).await)
            }
            None => Ok(false),
        }
    }

    /// Waits while five projects or exports of this history are being processed, saying so, and
    /// returns the right to send; `None` when stopped first.
    async fn wait_for_a_slot(
        &self,
    ) -> Result<Option<tokio::sync::MutexGuard<'_, ()>>, EngineError> {
        let mut said = false;
        loop {
            let turn = tokio::select! {
                turn = self.inner.creation_send.lock() => turn,
                _ = self.stop.cancelled() => return Ok(None),
            };
            let running = self.inner.blocking(processing_here).await?;
            if running < MAX_RUNNING {
                return Ok(Some(turn));
            }
            drop(turn);
            if !said {
                let note = format!(
                    "waiting: WayinVideo is processing {running} projects and exports for this key and takes five at once; this one is sent when one of them finishes"
                );
                if !self.step(&[Ready], Ready, Some(note)).await? {
                    return Ok(None);
                }
                said = true;
            }
            tokio::select! {
                _ = tokio::time::sleep(self.inner.poll.first) => {}
                _ = self.inner.creation_wake.notified() => {}
                _ = self.stop.cancelled() => return Ok(None),
            }
        }
    }
}

/// Projects being made and exports being rendered that this history knows of: WayinVideo
/// counts both among the five it processes at once for a key.
fn processing_here(inner: &Arc<EngineCore>) -> Result<usize, EngineError> {
    let creations = inner.store.running_creations()?.len();
    let exports = inner.store.open_exports()?;
    let rendering = exports
        .iter()
        .filter(|export| !export.is_succeeded() && !export.is_failed())
        .count();
    Ok(creations + rendering)
}

/// Writes the create POST's answer down, in the same step as it arrived. Returns why to ask
/// again when the project surely was not made; `None` when the creation is settled or running.
fn record_answer(
    inner: &Arc<EngineCore>,
    id: CreationId,
    answer: Result<wayin_api::create::ProjectCreated, ApiError>,
) -> Result<Option<SendAgain>, EngineError> {
    let retry = match answer {
        Ok(created) => {
            inner.store.mark_created(
                id,
                &created.id,
                created.name.as_deref(),
                created.status.as_str(),
            )?;
            inner.scheduler_wake.notify_one();
            None
        }
        Err(ApiError::RateLimited { .. }) => {
            let note = "waiting: WayinVideo is processing five projects and exports for this key; this one is sent when one of them finishes";
            inner
                .store
                .move_creation(id, &inner.owner, &[Sending], Ready, Some(note))?;
            Some(SendAgain::FiveRunning)
        }
        Err(e) if !e.may_have_reached_server() && e.is_transient() => {
            let note = format!("could not reach WayinVideo ({e}); trying again shortly");
            inner
                .store
                .move_creation(id, &inner.owner, &[Sending], Ready, Some(&note))?;
            Some(SendAgain::Unreached)
        }
        Err(e) => {
            let (state, problem) = if e.may_have_reached_server() {
                (CreationState::Unknown, CreationProblem::AnswerLost)
            } else {
                (CreationState::Failed, api_problem(&e))
            };
            inner
                .store
                .mark_creation_problem(id, state, problem, &e.to_string())?;
            None
        }
    };
    creation_changed(inner, id)?;
    Ok(retry)
}
