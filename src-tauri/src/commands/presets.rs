//! Named option sets, checked as an export would check them.

use tauri::State;

use crate::ipc::CommandError;
use app::{AppState, Preset};

#[tauri::command]
pub async fn presets_list(state: State<'_, AppState>) -> Result<Vec<Preset>, CommandError> {
    Ok(state.current().presets().await?)
}

#[tauri::command]
pub async fn preset_save(
    state: State<'_, AppState>,
    name: String,
    options: serde_json::Value,
) -> Result<Vec<Preset>, CommandError> {
    Ok(state.current().save_preset(&name, options).await?)
}

#[tauri::command]
pub async fn preset_delete(
    state: State<'_, AppState>,
    name: String,
) -> Result<Vec<Preset>, CommandError> {
    Ok(state.current().delete_preset(&name).await?)
}
