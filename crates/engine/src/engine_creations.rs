//! The engine's methods for projects made from the editor's footage: start one, read them,
//! cancel one, wait for one. The job itself is `creation/`.

use tokio::sync::broadcast::error::RecvError;

use crate::creation::{intent, job, CreationSpec};
use crate::engine::Engine;
use crate::error::EngineError;
use crate::events::Event;
use crate::store::{CreationId, CreationRecord};

impl Engine {
    /// Writes the creation down and starts its job: for a file, after checking what can be
    /// checked before any request (its type, size and that it can be read).
    pub async fn create_project(&self, spec: CreationSpec) -> Result<CreationId, EngineError> {
        let new = tokio::task::spawn_blocking(move || intent(spec))
            .await
            .map_err(|_| crate::store::StoreError::Stopped)??;
        let id = self
            .inner
            .blocking(move |inner| {
                let id = inner.store.insert_creation(&new, &inner.owner)?;
                crate::changed::creation_changed(inner, id)?;
                Ok(id)
            })
            .await?;
        job::spawn(&self.inner, id);
        Ok(id)
    }

    pub async fn creation(&self, id: CreationId) -> Result<Option<CreationRecord>, EngineError> {
        self.inner
            .blocking(move |inner| Ok(inner.store.creation(id)?))
            .await
    }

    /// Every project created here, newest first.
    pub async fn creations(&self) -> Result<Vec<CreationRecord>, EngineError> {
        self.inner
            .blocking(|inner| Ok(inner.store.creations()?))
            .await
    }

    /// The creation that made `project_id` on this machine: where its source video is.
    pub async fn creation_by_project(
        &self,
        project_id: &str,
    ) -> Result<Option<CreationRecord>, EngineError> {
        let project_id = project_id.to_owned();
        self.inner
            .blocking(move |inner| Ok(inner.store.creation_by_project(&project_id)?))
            .await
    }

    /// Stops a creation before its request is sent, whichever process runs it (an upload here
    /// stops at once, one elsewhere at its next heartbeat). Once sent, the project is the
    /// service's: it is followed to its end, and the record says where it stands.
    pub async fn cancel_creation(&self, id: CreationId) -> Result<CreationRecord, EngineError> {
        self.inner
            .blocking(move |inner| {
                if inner.store.cancel_creation(id)? {
                    crate::changed::creation_changed(inner, id)?;
                }
                Ok(())
            })
            .await?;
        let running = self
            .inner
            .creation_jobs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&id)
            .cloned();
        if let Some(stop) = running {
            stop.cancel();
        }
        self.creation(id)
            .await?
            .ok_or_else(|| EngineError::NotFound(format!("Project creation {id}")))
    }

    /// Resolves once the creation has settled: the project succeeded or failed, the
    /// creation was refused or cancelled, or its answer was lost.
    pub async fn wait_creation(&self, id: CreationId) -> Result<CreationRecord, EngineError> {
        self.wait_creation_until(id, |state| state.is_settled())
            .await
    }

    /// Resolves once the API gave the project its id (or the creation ended without one).
    pub async fn wait_created(&self, id: CreationId) -> Result<CreationRecord, EngineError> {
        self.wait_creation_until(id, |state| {
            state.is_settled() || state == crate::store::CreationState::Running
        })
        .await
    }

    async fn wait_creation_until(
        &self,
        id: CreationId,
        done: impl Fn(crate::store::CreationState) -> bool,
    ) -> Result<CreationRecord, EngineError> {
        let mut events = self.inner.events.subscribe();
        loop {
            let record = self
                .creation(id)
                .await?
                .ok_or_else(|| EngineError::NotFound(format!("Project creation {id}")))?;
            if done(record.state) {
                return Ok(record);
            }
            // Another process may do the job: its changes reach this one through the store.
            let look_again = tokio::time::sleep(self.inner.poll.first);
            tokio::pin!(look_again);
            loop {
                tokio::select! {
                    event = events.recv() => match event {
                        Ok(Event::CreationUpdated { creation }) if creation.id == id => break,
                        Ok(_) => {}
                        Err(RecvError::Lagged(_)) => break,
                        Err(RecvError::Closed) => return Ok(record),
                    },
                    _ = &mut look_again => break,
                    _ = self.inner.shutdown.cancelled() => return Ok(record),
                }
            }
        }
    }
}
