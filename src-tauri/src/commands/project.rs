//! Opening a project: its clips, for the grid, thumbnails and name previews.

use app::AppError;
use std::sync::Arc;

use tauri::State;
use wayin_api::{Priority, ProjectClips};

use crate::ipc::CommandError;
use crate::ipc::{DemoProjectView, ProjectView};
use app::{AppState, ModeState};
use engine::recent::{self, RecentProject};

/// `input` is an id, or any text or link that contains one.
#[tauri::command]
pub async fn project_open(
    state: State<'_, AppState>,
    input: String,
) -> Result<ProjectView, CommandError> {
    let state = state.current();
    let id = wayin_api::project_id::find(&input)
        .map_err(|no_id| AppError::NotFound(no_id.to_string()))?;
    let project = fetch_project(&state, &id).await?;
    let opened = RecentProject {
        project_id: project.project_id.clone(),
        name: project.name.clone(),
        kind: project.kind,
        opened_at: engine::clock::now_ms(),
    };
    state
        .with_store(move |store| Ok(recent::remember(store, opened)?))
        .await?;
    Ok(ProjectView::new(&project))
}

/// The projects the demo's API knows, so a person can open one without knowing
/// an id; none outside demo mode. Listing them does not make them recent.
#[tauri::command]
pub async fn demo_projects(
    state: State<'_, AppState>,
) -> Result<Vec<DemoProjectView>, CommandError> {
    let state = state.current();
    if !state.is_demo() {
        return Ok(Vec::new());
    }
    let mut projects = Vec::with_capacity(fake_wayin::DEMO_PROJECT_IDS.len());
    for id in fake_wayin::DEMO_PROJECT_IDS {
        let project = fetch_project(&state, id).await?;
        projects.push(DemoProjectView::new(&project));
    }
    Ok(projects)
}

/// The project read through the API, remembered for this run so its thumbnails
/// and name previews can be served.
async fn fetch_project(state: &ModeState, id: &str) -> Result<Arc<ProjectClips>, CommandError> {
    // Through the engine's client: reading a project counts against the same
    // per-key budget as the engine's polls, and goes ahead of them.
    let client = state.engine().await?.client();
    let mut project = client.project_clips(id, Priority::Interactive).await?;
    let made_here = project.clone();
    project = state
        .with_store(move |store| {
            let mut project = made_here;
            app::keep_chosen_clip_count(store, &mut project);
            Ok(project)
        })
        .await?;
    Ok(state.remember_project(project))
}

#[tauri::command]
pub async fn recent_projects(
    state: State<'_, AppState>,
) -> Result<Vec<RecentProject>, CommandError> {
    let state = state.current();
    Ok(state.with_store(|store| Ok(recent::list(store)?)).await?)
}
