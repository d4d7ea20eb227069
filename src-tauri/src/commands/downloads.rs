//! One finished or unfinished clip: cancel, retry, reveal, open, drag. The page
//! names a download id; the path is looked up here.

use app::AppError;
use std::path::PathBuf;

use tauri::{Runtime, State, WebviewWindow};

use crate::ipc::CommandError;
use app::{AppState, ModeState};
use engine::downloaded::{finished_file, known};

#[tauri::command]
pub async fn download_cancel(
    state: State<'_, AppState>,
    download_id: i64,
) -> Result<(), CommandError> {
    let state = state.current();
    state
        .with_store(move |store| Ok(known(store, download_id)?))
        .await?;
    Ok(state.engine().await?.cancel_download(download_id).await?)
}

#[tauri::command]
pub async fn download_retry(
    state: State<'_, AppState>,
    download_id: i64,
) -> Result<(), CommandError> {
    let state = state.current();
    state
        .with_store(move |store| Ok(known(store, download_id)?))
        .await?;
    Ok(state.engine().await?.retry_download(download_id).await?)
}

#[tauri::command]
pub async fn download_reveal(
    state: State<'_, AppState>,
    download_id: i64,
) -> Result<(), CommandError> {
    let state = state.current();
    let path = finished(&state, download_id).await?;
    state.desktop()?.reveal(&path).map_err(AppError::Internal)?;
    Ok(())
}

#[tauri::command]
pub async fn download_open(
    state: State<'_, AppState>,
    download_id: i64,
) -> Result<(), CommandError> {
    let state = state.current();
    let path = finished(&state, download_id).await?;
    state.desktop()?.open(&path).map_err(AppError::Internal)?;
    Ok(())
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
    let path = finished(&state, download_id).await?;
    state
        .desktop()?
        .drag(window.label(), &[path])
        .await
        .map_err(AppError::Internal)?;
    Ok(())
}

async fn finished(state: &ModeState, download_id: i64) -> Result<PathBuf, AppError> {
    state
        .with_store(move |store| Ok(finished_file(store, download_id)?))
        .await
}
