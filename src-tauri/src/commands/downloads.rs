//! One finished or unfinished clip: cancel, retry, reveal, open, drag. The page
//! names a download id; the application looks the path up.

use tauri::{Runtime, State, WebviewWindow};

use crate::ipc::CommandError;
use app::AppState;

#[tauri::command]
pub async fn download_cancel(
    state: State<'_, AppState>,
    download_id: i64,
) -> Result<(), CommandError> {
    Ok(state.current().cancel_download(download_id).await?)
}

#[tauri::command]
pub async fn download_retry(
    state: State<'_, AppState>,
    download_id: i64,
) -> Result<(), CommandError> {
    Ok(state.current().retry_download(download_id).await?)
}

#[tauri::command]
pub async fn download_reveal(
    state: State<'_, AppState>,
    download_id: i64,
) -> Result<(), CommandError> {
    Ok(state.current().reveal_download(download_id).await?)
}

#[tauri::command]
pub async fn download_open(
    state: State<'_, AppState>,
    download_id: i64,
) -> Result<(), CommandError> {
    Ok(state.current().open_download(download_id).await?)
}

/// Starts a native drag of the finished file; the page calls it as the mouse
/// starts dragging the clip's row.
#[tauri::command]
pub async fn download_drag<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    download_id: i64,
) -> Result<(), CommandError> {
    let state = state.current();
    Ok(state.drag_download(window.label(), download_id).await?)
}
