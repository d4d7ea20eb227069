//! Previewing, submitting and following exports.

use engine::DownloadPlan;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{Runtime, State, WebviewWindow};
use wayin_api::ExportOptions;

use crate::ipc::CommandError;
use crate::ipc::{EventView, ExportView};
use app::AppState;

use crate::watchers::Watchers;

#[derive(Debug, Serialize)]
pub struct Preview {
    /// Exactly the body that would be sent.
    pub body: serde_json::Value,
    pub warnings: Vec<String>,
    pub summary: String,
}

#[tauri::command]
pub async fn export_preview(
    state: State<'_, AppState>,
    project_id: String,
    clips: Option<Vec<u32>>,
    options: serde_json::Value,
) -> Result<Preview, CommandError> {
    let state = state.current();
    let request = ExportOptions::from_json(options)?.to_request(&project_id, clips.as_deref())?;
    let project = state.open_project(request.project_id());
    let name = project
        .as_ref()
        .and_then(|p| p.name.clone())
        .unwrap_or_else(|| request.project_id().to_string());
    Ok(Preview {
        body: request.to_json(),
        warnings: request.warnings().iter().map(ToString::to_string).collect(),
        summary: request.summary(&name, project.map(|p| p.clips.len())),
    })
}

/// Records and sends the export; its clips download into the folder from
/// Settings as they render.
#[tauri::command]
pub async fn export_submit(
    state: State<'_, AppState>,
    project_id: String,
    project_name: Option<String>,
    clips: Option<Vec<u32>>,
    options: serde_json::Value,
) -> Result<ExportView, CommandError> {
    let state = state.current();
    let request = ExportOptions::from_json(options)?.to_request(&project_id, clips.as_deref())?;
    let engine = state.engine().await?;
    let settings = state.settings().await?;
    let project_name = project_name
        .filter(|n| !n.trim().is_empty())
        .or_else(|| state.open_project(&project_id).and_then(|p| p.name.clone()));
    let plan = DownloadPlan {
        out_dir: settings.download_dir,
        name_template: settings.name_template,
        project_name,
        clips: request.clip_indices().map(<[u32]>::to_vec),
    };
    let id = engine.submit(request, plan).await?;
    Ok(ExportView::new(
        &engine.export_outcome(id).await?,
        state.mode(),
    ))
}

/// History, newest first.
#[tauri::command]
pub async fn exports_list(state: State<'_, AppState>) -> Result<Vec<ExportView>, CommandError> {
    let state = state.current();
    let outcomes = state.engine().await?.export_outcomes().await?;
    Ok(outcomes
        .iter()
        .map(|outcome| ExportView::new(outcome, state.mode()))
        .collect())
}

/// Events flow until the window closes or calls this again (a reload).
#[tauri::command]
pub async fn exports_watch<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    watchers: State<'_, Watchers>,
    dropped: State<'_, crate::dropped::DroppedVideo>,
    on_event: Channel<EventView>,
) -> Result<(), CommandError> {
    let state = state.current();
    let drops = dropped.names();
    let to_page = on_event.clone();
    let forwarding =
        crate::events::forward(state.clone(), move |event| on_event.send(event).is_ok());
    let drops = crate::events::forward_drops(drops, move |event| to_page.send(event).is_ok());
    watchers.replace(window.label(), tauri::async_runtime::spawn(forwarding));
    let drops_label = format!("{}:drops", window.label());
    watchers.replace(&drops_label, tauri::async_runtime::spawn(drops));
    Ok(())
}
