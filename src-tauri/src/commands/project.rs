//! Opening a project: its clips, for the grid, thumbnails and name previews.

use tauri::State;

use crate::ipc::CommandError;
use crate::ipc::{DemoProjectView, ProjectView};
use app::AppState;
use engine::recent::RecentProject;

/// `input` is an id, or any text or link that contains one.
#[tauri::command]
pub async fn project_open(
    state: State<'_, AppState>,
    input: String,
) -> Result<ProjectView, CommandError> {
    let project = state.current().open_project_named(&input).await?;
    Ok(ProjectView::new(&project))
}

/// The demo's projects; none outside demo mode.
#[tauri::command]
pub async fn demo_projects(
    state: State<'_, AppState>,
) -> Result<Vec<DemoProjectView>, CommandError> {
    let projects = state.current().demo_project_list().await?;
    Ok(projects.iter().map(|p| DemoProjectView::new(p)).collect())
}

#[tauri::command]
pub async fn recent_projects(
    state: State<'_, AppState>,
) -> Result<Vec<RecentProject>, CommandError> {
    Ok(state.current().recent_projects().await?)
}
