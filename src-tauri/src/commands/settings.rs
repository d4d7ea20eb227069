//! Reading and changing the settings; the download folder only through the system dialog.

use app::{AppState, ModeState};
use engine::settings::Settings;
use tauri::State;

use crate::ipc::{CommandError, SettingsView};

#[tauri::command]
pub async fn settings_get(state: State<'_, AppState>) -> Result<SettingsView, CommandError> {
    let state = state.current();
    let settings = state.settings().await?;
    Ok(view(&state, &settings))
}

#[tauri::command]
pub async fn settings_set(
    state: State<'_, AppState>,
    patch: serde_json::Value,
) -> Result<SettingsView, CommandError> {
    let state = state.current();
    let settings = state.update_settings_from_page(patch).await?;
    Ok(view(&state, &settings))
}

/// The system folder picker; the settings stay as they were when it is cancelled.
#[tauri::command]
pub async fn settings_choose_folder(
    state: State<'_, AppState>,
) -> Result<SettingsView, CommandError> {
    let state = state.current();
    let settings = state.choose_download_folder().await?;
    Ok(view(&state, &settings))
}

fn view(state: &ModeState, settings: &Settings) -> SettingsView {
    SettingsView::new(settings, state.api_base(), state.is_demo())
}
