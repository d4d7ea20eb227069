//! "Try the demo" and back, while the app runs: the demo and the real API each keep
//! their own state, so the mode left goes on (a real export keeps downloading) and
//! the real key is never read or written by the demo.

use app::AppError;
use tauri::State;

use crate::commands::app::{info_of, AppInfo};
use crate::ipc::CommandError;
use app::launch::{demo_mode_config, live_mode_config, LaunchError};
use app::{AppState, Mode};

/// Shows the demo, starting its stand-in API the first time.
#[tauri::command]
pub async fn demo_enter(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    let build = async {
        demo_mode_config()
            .await
            .map_err(|e| AppError::Internal(format!("the demo could not start: {e}")))
    };
    Ok(info_of(&state.switch(Mode::Demo, build).await?))
}

/// Back to the real API: its key, history and downloads as they were.
#[tauri::command]
pub async fn demo_leave(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    let build = async {
        live_mode_config().map_err(|e| match e {
            LaunchError::State(e) => e,
            other => AppError::Internal(other.to_string()),
        })
    };
    Ok(info_of(&state.switch(Mode::Live, build).await?))
}
