//! What the window shows about the app itself.

use app::{AppState, ModeState};
use serde::Serialize;
use tauri::State;

use crate::ipc::CommandError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// The commit the build was made from, or "unknown".
    pub commit: String,
    pub demo: bool,
    pub api_base: String,
    /// Whether a key is available; the key itself never reaches the web view.
    pub key_set: bool,
    /// Where a damaged export history was kept when it was found at start: said by the
    /// first answer only.
    pub history_set_aside: Option<String>,
    /// Presets and settings the store held but could not read, one sentence each: said by
    /// the first answer only.
    pub notices: Vec<String>,
}

/// The page's first call: from here on the window is interactive. Logged once, with the time
/// since the process started (`cargo xtask bench-app` reads it).
static FIRST_CALL: std::sync::Once = std::sync::Once::new();

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    let state = state.current();
    Ok(info_of(&state))
}

/// What `app_info` answers, for commands that change it.
pub fn info_of(state: &ModeState) -> AppInfo {
    FIRST_CALL.call_once(|| {
        if let Some(started) = crate::STARTED.get() {
            let elapsed_ms = started.elapsed().as_millis() as u64;
            tracing::info!(target: "wayin::startup", elapsed_ms, "window interactive");
        }
    });
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        commit: app::COMMIT.to_string(),
        demo: state.is_demo(),
        api_base: state.api_base(),
        key_set: state.key_set(),
        history_set_aside: state
            .take_history_set_aside()
            .map(|path| path.display().to_string()),
        notices: state.take_notices(),
    }
}
