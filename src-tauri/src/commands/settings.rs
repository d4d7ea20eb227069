//! Reading and changing the settings; the download folder only through the system dialog.

use tauri::State;

use crate::ipc::CommandError;
use engine::settings::SettingsPatch;

use crate::ipc::SettingsView;
use crate::state::AppState;

#[tauri::command]
pub async fn settings_get(state: State<'_, AppState>) -> Result<SettingsView, CommandError> {
    let state = state.current();
    state.settings().await
}

#[tauri::command]
pub async fn settings_set(
    state: State<'_, AppState>,
    patch: serde_json::Value,
) -> Result<SettingsView, CommandError> {
    let state = state.current();
    // The key belongs to the API's origin: an address from the page could send it
    // anywhere, so the address comes only from WAYIN_API_BASE.
    if patch.get("apiBase").is_some() {
        return Err(CommandError::InvalidRequest(
            "The API address cannot be changed from the app. Set WAYIN_API_BASE before starting it."
                .into(),
        ));
    }
    let patch: SettingsPatch = serde_json::from_value(patch)
        .map_err(|e| CommandError::InvalidRequest(format!("The settings are not valid: {e}")))?;
    // Paths never come from the page: the folder is chosen in the system dialog.
    if patch.download_dir.is_some() {
        return Err(CommandError::InvalidRequest(
            "The download folder is chosen with \"Choose folder\".".into(),
        ));
    }
    state.update_settings(patch).await
}

/// The system folder picker; the settings stay as they were when it is cancelled.
#[tauri::command]
pub async fn settings_choose_folder(
    state: State<'_, AppState>,
) -> Result<SettingsView, CommandError> {
    let state = state.current();
    let current = state.stored_settings().await?.download_dir;
    let chosen = state.desktop()?.choose_folder(Some(&current)).await;
    match chosen {
        Some(dir) => {
            let patch = SettingsPatch {
                download_dir: Some(dir.to_string_lossy().into_owned()),
                ..SettingsPatch::default()
            };
            state.update_settings(patch).await
        }
        None => state.settings().await,
    }
}
