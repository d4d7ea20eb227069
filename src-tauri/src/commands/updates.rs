//! Looking for a newer version and installing it; when and whether is the application's
//! (`app::ModeState::check_for_update`, `install_update`).

use app::{AppState, InstallStep, UpdateCheck};
use tauri::ipc::Channel;
use tauri::State;

use crate::ipc::CommandError;

/// `automatic`: the look the page makes at start, which Settings and a day's wait may skip.
#[tauri::command]
pub async fn update_check(
    state: State<'_, AppState>,
    automatic: bool,
) -> Result<UpdateCheck, CommandError> {
    Ok(state.current().check_for_update(automatic).await?)
}

/// Opens the page new versions are downloaded from (its address is the build's, not the
/// page's).
#[tauri::command]
pub async fn update_download_page(state: State<'_, AppState>) -> Result<(), CommandError> {
    Ok(state.current().open_download_page().await?)
}

/// Installs the offered version once no download or upload runs, each step down `on_step`,
/// then restarts into it.
#[tauri::command]
pub async fn update_install(
    state: State<'_, AppState>,
    on_step: Channel<InstallStep>,
) -> Result<(), CommandError> {
    let report = move |step: InstallStep| {
        let _ = on_step.send(step);
    };
    Ok(state.current().install_update(report).await?)
}
