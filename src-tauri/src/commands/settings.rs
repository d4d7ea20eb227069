//! Settings, presets, the file-name preview and the catalog of option values.

use engine::naming::{NameFields, Template, DEFAULT_TEMPLATE};
use serde::Serialize;
use tauri::State;
use wayin_api::request::{HookStyle, Ratio, Resolution, KNOWN_CAPTION_STYLES, LANGUAGES};

use crate::error::CommandError;
use crate::options::ExportOptions;
use crate::state::{AppState, Settings, SettingsPatch};

#[tauri::command(async)]
pub fn settings_get(state: State<'_, AppState>) -> Result<Settings, CommandError> {
    state.settings()
}

#[tauri::command]
pub async fn settings_set(
    state: State<'_, AppState>,
    patch: serde_json::Value,
) -> Result<Settings, CommandError> {
    // The key belongs to the API's origin: an address from the page could send it
    // anywhere, so the address comes only from WAYIN_API_BASE.
    if patch.get("apiBase").is_some() {
        return Err(CommandError::InvalidRequest(
            "The API address cannot be changed from the app. Set WAYIN_API_BASE before starting it."
                .into(),
        ));
    }
    let patch: SettingsPatch = serde_json::from_value(patch)
        .map_err(|e| CommandError::InvalidRequest(format!("The settings are not valid: {e}")))?;
    // Paths never come from the page: the folder is chosen in the system dialog.
    if patch.download_dir.is_some() {
        return Err(CommandError::InvalidRequest(
            "The download folder is chosen with \"Choose folder\".".into(),
        ));
    }
    state.update_settings(patch).await
}

/// The system folder picker; the settings stay as they were when it is cancelled.
#[tauri::command]
pub async fn settings_choose_folder(state: State<'_, AppState>) -> Result<Settings, CommandError> {
    let current = state.stored_settings()?.download_dir;
    let chosen = state.desktop()?.choose_folder(Some(&current)).await;
    match chosen {
        Some(dir) => {
            let patch = SettingsPatch {
                download_dir: Some(dir.to_string_lossy().into_owned()),
                ..SettingsPatch::default()
            };
            state.update_settings(patch).await
        }
        None => state.settings(),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileNamePreview {
    pub file_name: String,
}

/// The file name `template` gives clip `idx` of a project opened in this run.
/// `options`, when given, fills `{resolution}` and `{ratio}` as the export would;
/// without them the API's defaults are shown.
#[tauri::command]
pub fn name_preview(
    state: State<'_, AppState>,
    template: String,
    project_id: String,
    idx: u32,
    options: Option<serde_json::Value>,
) -> Result<FileNamePreview, CommandError> {
    let template = Template::parse(&template)?;
    let project = state.open_project(&project_id).ok_or_else(|| {
        CommandError::NotFound(format!("Project {project_id} is not open: open it first."))
    })?;
    let clip = project.clips.iter().find(|c| c.idx == idx).ok_or_else(|| {
        CommandError::NotFound(format!("Project {project_id} has no clip {idx}."))
    })?;
    let options = options
        .map(ExportOptions::from_json)
        .transpose()?
        .unwrap_or_else(|| ExportOptions::from_json(serde_json::json!({})).expect("defaults"));
    let request = options.to_request(&project_id, None)?;
    let fields = NameFields {
        project: project.name.clone().unwrap_or_else(|| project_id.clone()),
        task: String::new(),
        idx,
        title: clip.title.clone(),
        score: clip.score,
        resolution: request.resolution().label().to_string(),
        ratio: request
            .reframe()
            .map(|r| r.label().replace(':', "x"))
            .unwrap_or_else(|| "original".into()),
        date: today(),
    };
    Ok(FileNamePreview {
        file_name: template.file_name(&fields),
    })
}

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

#[derive(Debug, Serialize)]
pub struct Labelled {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Language {
    pub code: &'static str,
    pub name: &'static str,
}

#[derive(Debug, Serialize)]
pub struct CaptionStyleEntry {
    pub id: &'static str,
    /// Static styles are the ones that show both caption lines reliably.
    #[serde(rename = "static")]
    pub is_static: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    pub resolutions: Vec<Labelled>,
    pub languages: Vec<Language>,
    pub caption_styles: Vec<CaptionStyleEntry>,
    pub hook_styles: Vec<&'static str>,
    pub ratios: Vec<Labelled>,
    pub default_template: &'static str,
}

/// Every value the export form offers, from the same tables the request is checked against.
#[tauri::command]
pub fn catalog() -> Catalog {
    Catalog {
        resolutions: Resolution::ALL
            .iter()
            .map(|r| Labelled {
                value: r.as_wire(),
                label: r.label(),
            })
            .collect(),
        languages: LANGUAGES
            .iter()
            .map(|(code, name)| Language { code, name })
            .collect(),
        caption_styles: KNOWN_CAPTION_STYLES
            .iter()
            .map(|id| CaptionStyleEntry {
                id,
                is_static: id.starts_with("temp-static-"),
            })
            .collect(),
        hook_styles: HookStyle::ALL.iter().map(|s| s.as_wire()).collect(),
        ratios: Ratio::ALL
            .iter()
            .map(|r| Labelled {
                value: r.as_wire(),
                label: r.label(),
            })
            .collect(),
        default_template: DEFAULT_TEMPLATE,
    }
}

/// Today as `YYYY-MM-DD` (UTC), the date the engine would put in `{date}`.
fn today() -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    engine::naming::civil_date(ms)
}
