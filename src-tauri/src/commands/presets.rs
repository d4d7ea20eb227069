//! Named option sets, checked as an export would check them.

use serde::Serialize;
use tauri::State;
use wayin_api::ExportOptions;

use crate::ipc::CommandError;
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct Preset {
    pub name: String,
    pub options: serde_json::Value,
}

#[tauri::command(async)]
pub fn presets_list(state: State<'_, AppState>) -> Result<Vec<Preset>, CommandError> {
    presets(&state)
}

/// Saves (or replaces) a named option set; the options are checked as an
/// export would check them, so a preset always applies cleanly.
#[tauri::command(async)]
pub fn preset_save(
    state: State<'_, AppState>,
    name: String,
    options: serde_json::Value,
) -> Result<Vec<Preset>, CommandError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CommandError::InvalidRequest(
            "Give the preset a name.".into(),
        ));
    }
    let options = ExportOptions::from_json(options)?;
    options.to_request("preset", None)?;
    let json = serde_json::to_value(&options).map_err(|e| CommandError::Internal(e.to_string()))?;
    state.store().save_preset(name, &json)?;
    presets(&state)
}

#[tauri::command(async)]
pub fn preset_delete(
    state: State<'_, AppState>,
    name: String,
) -> Result<Vec<Preset>, CommandError> {
    state.store().delete_preset(&name)?;
    presets(&state)
}

fn presets(state: &AppState) -> Result<Vec<Preset>, CommandError> {
    Ok(state
        .store()
        .presets()?
        .into_iter()
        .map(|(name, options)| Preset { name, options })
        .collect())
}
