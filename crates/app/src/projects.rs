//! Opening a project: its clips read through the API and kept for this run (thumbnails and
//! name previews are served from them), the recent list, and the demo's projects.

use std::sync::Arc;

use engine::recent::{self, RecentProject};
use wayin_api::{Priority, ProjectClips};

use crate::{AppError, ModeState};

impl ModeState {
    /// The project `input` names (an id, or any text or link that contains one), read now
    /// and added to the recent list.
    pub async fn open_project_named(&self, input: &str) -> Result<Arc<ProjectClips>, AppError> {
        let id = wayin_api::project_id::find(input)
            .map_err(|no_id| AppError::NotFound(no_id.to_string()))?;
        let project = self.fetch_project(&id).await?;
        let opened = RecentProject {
            project_id: project.project_id.clone(),
            name: project.name.clone(),
            kind: project.kind,
            opened_at: engine::clock::now_ms(),
        };
        self.with_store(move |store| Ok(recent::remember(store, opened)?))
            .await?;
        Ok(project)
    }

    /// The projects the demo's API knows, so a person can open one without knowing an id;
    /// none outside demo mode. Listing them does not make them recent.
    pub async fn demo_project_list(&self) -> Result<Vec<Arc<ProjectClips>>, AppError> {
        if !self.is_demo() {
            return Ok(Vec::new());
        }
        let mut projects = Vec::with_capacity(fake_wayin::DEMO_PROJECT_IDS.len());
        for id in fake_wayin::DEMO_PROJECT_IDS {
            projects.push(self.fetch_project(id).await?);
        }
        Ok(projects)
    }

    pub async fn recent_projects(&self) -> Result<Vec<RecentProject>, AppError> {
        self.with_store(|store| Ok(recent::list(store)?)).await
    }

    /// The project read through the API, remembered for this run. Through the engine's
    /// client: reading a project counts against the same per-key budget as the engine's
    /// polls, and goes ahead of them.
    async fn fetch_project(&self, id: &str) -> Result<Arc<ProjectClips>, AppError> {
        let client = self.engine().await?.client();
        let fetched = client.project_clips(id, Priority::Interactive).await?;
        let project = self
            .with_store(move |store| {
                let mut project = fetched;
                crate::keep_chosen_clip_count(store, &mut project);
                Ok(project)
            })
            .await?;
        Ok(self.remember_project(project))
    }
}
