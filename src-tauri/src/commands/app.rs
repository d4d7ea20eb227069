//! What the window shows about the app itself.

use crate::state::AppState;
use serde::Serialize;
use tauri::State;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub demo: bool,
    pub api_base: String,
    /// Whether a key is available; the key itself never reaches the web view.
    pub key_set: bool,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        demo: state.is_demo(),
        api_base: state.api_base(),
        key_set: state.key_set(),
    }
}
