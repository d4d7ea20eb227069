//! The API key: set, checked, replaced, deleted. The key goes in; only
//! "set / not set" and its last four characters come out.

use app::AppError;
use serde::Serialize;
use tauri::State;
use wayin_api::ApiKey;

use crate::ipc::CommandError;
use app::{AppState, KeyStatus};

#[derive(Debug, Serialize)]
pub struct Verified {
    pub ok: bool,
}

#[tauri::command]
pub async fn key_status(state: State<'_, AppState>) -> Result<KeyStatus, CommandError> {
    let state = state.current();
    Ok(state.key_status().await)
}

/// Checked with one API call, then stored in the system keychain unless
/// `session_only` (or in demo mode, where nothing is stored). A refused key
/// (`key_rejected`) leaves the current one in place; `key_unchecked` (the API
/// could not be reached) lets the page ask, then call again with `unverified`.
/// `keychain_unavailable` tells the page to offer "this session only".
#[tauri::command]
pub async fn key_save(
    state: State<'_, AppState>,
    key: String,
    session_only: bool,
    unverified: Option<bool>,
) -> Result<KeyStatus, CommandError> {
    let state = state.current();
    let key = ApiKey::new(key).ok_or(AppError::KeyMissing)?;
    state
        .save_key(key, session_only, unverified.unwrap_or(false))
        .await?;
    Ok(state.key_status().await)
}

/// One cheap API call with the key in use.
#[tauri::command]
pub async fn key_verify(state: State<'_, AppState>) -> Result<Verified, CommandError> {
    state.current().verify_key_in_use().await?;
    Ok(Verified { ok: true })
}

#[tauri::command]
pub async fn key_delete(state: State<'_, AppState>) -> Result<KeyStatus, CommandError> {
    let state = state.current();
    state.delete_key().await?;
    Ok(state.key_status().await)
}
