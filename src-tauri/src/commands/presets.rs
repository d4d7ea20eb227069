//! Named option sets, checked as an export would check them.

use app::AppError;
use engine::Store;
use serde::Serialize;
use tauri::State;
use wayin_api::ExportOptions;

use crate::ipc::CommandError;
use app::AppState;

#[derive(Debug, Serialize)]
pub struct Preset {
    pub name: String,
    pub options: serde_json::Value,
}

#[tauri::command]
pub async fn presets_list(state: State<'_, AppState>) -> Result<Vec<Preset>, CommandError> {
    let state = state.current();
    Ok(state.with_store(presets).await?)
}

#[tauri::command]
pub async fn preset_save(
    state: State<'_, AppState>,
    name: String,
    options: serde_json::Value,
) -> Result<Vec<Preset>, CommandError> {
    let state = state.current();
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err(AppError::InvalidRequest("Give the preset a name.".into()).into());
    }
    let options = ExportOptions::from_json(options)?;
    options.to_request("preset", None)?;
    let json = serde_json::to_value(&options).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(state
        .with_store(move |store| {
            store.save_preset(&name, &json)?;
            presets(store)
        })
        .await?)
}

#[tauri::command]
pub async fn preset_delete(
    state: State<'_, AppState>,
    name: String,
) -> Result<Vec<Preset>, CommandError> {
    let state = state.current();
    Ok(state
        .with_store(move |store| {
            store.delete_preset(&name)?;
            presets(store)
        })
        .await?)
}

fn presets(store: &Store) -> Result<Vec<Preset>, AppError> {
    Ok(store
        .presets()?
        .into_iter()
        .map(|(name, options)| Preset { name, options })
        .collect())
}
