//! "Try the demo" and back, while the app runs: the demo and the real API each keep
//! their own state, so the mode left goes on (a real export keeps downloading) and
//! the real key is never read or written by the demo.

use tauri::State;

use crate::commands::app::{info_of, AppInfo};
use crate::ipc::CommandError;
use crate::startup;
use crate::state::{AppState, Mode};

/// Shows the demo, starting its stand-in API the first time.
#[tauri::command]
pub async fn demo_enter(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    if !state.has_mode(Mode::Demo) {
        let config = startup::demo_mode_config()
            .await
            .map_err(|e| CommandError::Internal(format!("the demo could not start: {e}")))?;
        state.add_mode(config)?;
    }
    switch(&state, Mode::Demo).await
}

/// Back to the real API: its key, history and downloads as they were.
#[tauri::command]
pub async fn demo_leave(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    if !state.has_mode(Mode::Live) {
        let config = startup::live_mode_config().map_err(|e| match e {
            startup::StartupError::State(e) => e,
            other => CommandError::Internal(other.to_string()),
        })?;
        state.add_mode(config)?;
    }
    switch(&state, Mode::Live).await
}

async fn switch(state: &AppState, mode: Mode) -> Result<AppInfo, CommandError> {
    state.switch_to(mode);
    state.ensure_engine().await?;
    Ok(info_of(state))
}
