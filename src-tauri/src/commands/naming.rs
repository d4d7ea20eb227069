//! The file name a template gives a real clip, shown while the template is edited.

use serde::Serialize;
use tauri::State;

use crate::ipc::CommandError;
use app::AppState;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileNamePreview {
    pub file_name: String,
}

/// The file name `template` gives clip `idx` of a project opened in this run.
#[tauri::command]
pub async fn name_preview(
    state: State<'_, AppState>,
    template: String,
    project_id: String,
    idx: u32,
    options: Option<serde_json::Value>,
) -> Result<FileNamePreview, CommandError> {
    let file_name = state
        .current()
        .preview_file_name(&template, &project_id, idx, options)?;
    Ok(FileNamePreview { file_name })
}
