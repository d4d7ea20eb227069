//! One finished or unfinished clip: cancel, retry, reveal, open, drag. The page
//! names a download id; the path is looked up here.

use tauri::{Runtime, State, WebviewWindow};

use crate::ipc::CommandError;
use crate::state::AppState;
use engine::downloaded::{finished_file, known};

#[tauri::command]
pub async fn download_cancel(
    state: State<'_, AppState>,
    download_id: i64,
) -> Result<(), CommandError> {
    known(state.store(), download_id)?;
    Ok(state.engine().await?.cancel_download(download_id)?)
}

#[tauri::command]
pub async fn download_retry(
    state: State<'_, AppState>,
    download_id: i64,
) -> Result<(), CommandError> {
    known(state.store(), download_id)?;
    Ok(state.engine().await?.retry_download(download_id)?)
}

#[tauri::command(async)]
pub fn download_reveal(state: State<'_, AppState>, download_id: i64) -> Result<(), CommandError> {
    let path = finished_file(state.store(), download_id)?;
    state
        .desktop()?
        .reveal(&path)
        .map_err(CommandError::Internal)
}

#[tauri::command(async)]
pub fn download_open(state: State<'_, AppState>, download_id: i64) -> Result<(), CommandError> {
    let path = finished_file(state.store(), download_id)?;
    state.desktop()?.open(&path).map_err(CommandError::Internal)
}

/// Starts a native drag of the finished file; the page calls it as the mouse
/// starts dragging the clip's row.
#[tauri::command]
pub async fn download_drag<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    download_id: i64,
) -> Result<(), CommandError> {
    let path = finished_file(state.store(), download_id)?;
    state
        .desktop()?
        .drag(window.label(), &[path])
        .await
        .map_err(CommandError::Internal)
}
