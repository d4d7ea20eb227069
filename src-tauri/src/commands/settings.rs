//! Reading and changing the settings; the download folder only through the system dialog.

use app::{AppError, AppState, ModeState};
use engine::settings::{Settings, SettingsPatch};
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
    // The key belongs to the API's origin: an address from the page could send it
    // anywhere, so the address comes only from WAYIN_API_BASE.
    if patch.get("apiBase").is_some() {
        return Err(AppError::InvalidRequest(
            "The API address cannot be changed from the app. Set WAYIN_API_BASE before starting it."
                .into(),
        )
        .into());
    }
    let patch: SettingsPatch = serde_json::from_value(patch)
        .map_err(|e| AppError::InvalidRequest(format!("The settings are not valid: {e}")))?;
    // Paths never come from the page: the folder is chosen in the system dialog.
    if patch.download_dir.is_some() {
        return Err(AppError::InvalidRequest(
            "The download folder is chosen with \"Choose folder\".".into(),
        )
        .into());
    }
    let settings = state.update_settings(patch).await?;
    Ok(view(&state, &settings))
}

/// The system folder picker; the settings stay as they were when it is cancelled.
#[tauri::command]
pub async fn settings_choose_folder(
    state: State<'_, AppState>,
) -> Result<SettingsView, CommandError> {
    let state = state.current();
    let current = state.settings().await?.download_dir;
    let chosen = state.desktop()?.choose_folder(Some(&current)).await;
    let settings = match chosen {
        Some(dir) => {
            let patch = SettingsPatch {
                download_dir: Some(dir.to_string_lossy().into_owned()),
                ..SettingsPatch::default()
            };
            state.update_settings(patch).await?
        }
        None => state.settings().await?,
    };
    Ok(view(&state, &settings))
}

fn view(state: &ModeState, settings: &Settings) -> SettingsView {
    SettingsView::new(settings, state.api_base(), state.is_demo())
}
