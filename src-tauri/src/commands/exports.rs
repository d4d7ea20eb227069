//! Previewing, submitting and following exports.

use tauri::ipc::Channel;
use tauri::{Runtime, State, WebviewWindow};

use crate::ipc::CommandError;
use crate::ipc::{EventView, ExportView};
use app::{AppState, ExportPreview};

use crate::watchers::Watchers;

#[tauri::command]
pub async fn export_preview(
    state: State<'_, AppState>,
    project_id: String,
    clips: Option<Vec<u32>>,
    options: serde_json::Value,
) -> Result<ExportPreview, CommandError> {
    Ok(state
        .current()
        .preview_export(&project_id, clips.as_deref(), options)?)
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
    let outcome = state
        .submit_export(&project_id, project_name, clips.as_deref(), options)
        .await?;
    Ok(ExportView::new(&outcome, state.mode()))
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
    dropped: State<'_, app::DroppedVideo>,
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
