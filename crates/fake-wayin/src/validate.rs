//! Checks of `POST /clips/export` bodies, with the human messages the client shows verbatim.
//!
//! Values are checked whenever they are present, even when their switch is off: the service
//! binds them to enums, so an invalid value is refused whether or not it would be used.
//! Unknown fields are ignored, as a Spring service ignores them.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::catalog::Project;
use crate::vocabulary::{
    CAPTION_DISPLAYS, HOOK_POSITIONS, HOOK_SCRIPT_STYLES, RATIOS, RESOLUTIONS, TARGET_LANGUAGES,
};

/// A submission that passed every check that does not need the project itself.
pub(crate) struct ExportOrder {
    pub project_id: String,
    /// `None` means every clip of the project.
    pub clip_indices: Option<Vec<u32>>,
    pub resolution: String,
}

const DEFAULT_RESOLUTION: &str = "SD_480";
/// The service stores integers as Java `int`s.
const MAX_INT: u64 = i32::MAX as u64;

pub(crate) fn check_export_request(body: &Value) -> Result<ExportOrder, String> {
    let fields = body
        .as_object()
        .ok_or("request body must be a JSON object")?;

    let project_id = match fields.get("project_id") {
        None | Some(Value::Null) => return Err("project_id is required".into()),
        Some(Value::String(id)) if id.trim().is_empty() => {
            return Err("project_id is required".into())
        }
        Some(Value::String(id)) => id.clone(),
        Some(_) => return Err("project_id must be a string".into()),
    };
    check_project_id(&project_id)?;
    let clip_indices = clip_indices(fields)?;
    let resolution = one_of_if_present(fields, "resolution", &RESOLUTIONS)?
        .unwrap_or(DEFAULT_RESOLUTION)
        .to_string();

    if let Some(lang) = optional_str(fields, "target_lang")? {
        if !TARGET_LANGUAGES.contains(&lang) {
            return Err(format!(
                "target_lang \"{lang}\" is not a supported language code"
            ));
        }
    }

    optional_bool(fields, "enable_caption")?;
    one_of_if_present(fields, "caption_display", &CAPTION_DISPLAYS)?;
    if let Some(style) = optional_str(fields, "cc_style_tpl")? {
        let is_style_id = !style.is_empty()
            && style
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !is_style_id {
            return Err(format!(
                "cc_style_tpl \"{style}\" is not a valid caption style id (lowercase letters, digits and '-')"
            ));
        }
    }

    optional_bool(fields, "enable_ai_hook")?;
    one_of_if_present(fields, "ai_hook_script_style", &HOOK_SCRIPT_STYLES)?;
    one_of_if_present(fields, "ai_hook_position", &HOOK_POSITIONS)?;
    optional_str(fields, "ai_hook_keywords")?;
    match fields.get("ai_hook_text_duration") {
        None | Some(Value::Null) => {}
        Some(value) if value.as_u64().is_some_and(|ms| (1..=MAX_INT).contains(&ms)) => {}
        Some(_) => {
            return Err("ai_hook_text_duration must be a positive integer (milliseconds)".into())
        }
    }

    let reframe = optional_bool(fields, "enable_ai_reframe")?.unwrap_or(false);
    let ratio = one_of_if_present(fields, "ratio", &RATIOS)?;
    if reframe && ratio.is_none() {
        return Err("ratio is required when enable_ai_reframe is true".into());
    }

    Ok(ExportOrder {
        project_id,
        clip_indices,
        resolution,
    })
}

/// Ids copied from the web app's library (`hmtask...`) look like project ids but are not.
pub(crate) fn check_project_id(project_id: &str) -> Result<(), String> {
    if project_id.starts_with("hmtask") {
        return Err(format!(
            "invalid project id \"{project_id}\": ids copied from the web app library are not API project ids"
        ));
    }
    Ok(())
}

/// The clips to render, in request order, once the project is known.
pub(crate) fn resolve_clip_indices(
    order: &ExportOrder,
    project: &Project,
) -> Result<Vec<u32>, String> {
    let clip_count = project.clips.len() as u32;
    let Some(requested) = &order.clip_indices else {
        return Ok((0..clip_count).collect());
    };
    if let Some(bad) = requested.iter().find(|&&idx| idx >= clip_count) {
        return Err(format!(
            "clip index {bad} is out of range: project {} has {clip_count} clips (0-{})",
            project.id,
            clip_count.saturating_sub(1)
        ));
    }
    Ok(requested.clone())
}

fn clip_indices(fields: &Map<String, Value>) -> Result<Option<Vec<u32>>, String> {
    let items = match fields.get("clip_indices") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) => items,
        Some(_) => return Err("clip_indices must be an array of integers".into()),
    };
    if items.is_empty() {
        return Err("clip_indices must not be empty; omit it to export every clip".into());
    }
    let mut seen = HashSet::new();
    let mut indices = Vec::with_capacity(items.len());
    for item in items {
        let idx = item
            .as_u64()
            .filter(|&idx| idx <= MAX_INT)
            .ok_or("clip_indices must be an array of non-negative integers")?
            as u32;
        if !seen.insert(idx) {
            return Err(format!("clip_indices lists clip {idx} more than once"));
        }
        indices.push(idx);
    }
    Ok(Some(indices))
}

fn optional_str<'a>(fields: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, String> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(format!("{name} must be a string")),
    }
}

fn optional_bool(fields: &Map<String, Value>, name: &str) -> Result<Option<bool>, String> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(flag)) => Ok(Some(*flag)),
        Some(_) => Err(format!("{name} must be a boolean")),
    }
}

fn one_of_if_present<'a>(
    fields: &'a Map<String, Value>,
    name: &str,
    allowed: &[&str],
) -> Result<Option<&'a str>, String> {
    match optional_str(fields, name)? {
        Some(value) if !allowed.contains(&value) => Err(format!(
            "{name} must be one of {} (got \"{value}\")",
            allowed.join(", ")
        )),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(body: Value) -> String {
        check_export_request(&body).err().unwrap_or_default()
    }

    #[test]
    fn minimal_request_defaults_to_every_clip_at_sd() {
        let order = check_export_request(&json!({"project_id": "proj_x"})).unwrap();
        assert_eq!(order.project_id, "proj_x");
        assert!(order.clip_indices.is_none());
        assert_eq!(order.resolution, "SD_480");
    }

    #[test]
    fn seed_example_is_accepted() {
        let body = json!({
            "project_id": "proj_abc123", "clip_indices": [0, 2], "resolution": "UHD_4K",
            "enable_caption": true, "caption_display": "both", "cc_style_tpl": "word-focus",
            "enable_ai_hook": true, "ai_hook_script_style": "serious", "ai_hook_position": "beginning",
            "enable_ai_reframe": true, "ratio": "RATIO_9_16"
        });
        assert!(check_export_request(&body).is_ok());
    }

    #[test]
    fn wrong_types_and_values_are_refused() {
        assert_eq!(message(json!([])), "request body must be a JSON object");
        assert_eq!(message(json!({})), "project_id is required");
        assert_eq!(
            message(json!({"project_id": 7})),
            "project_id must be a string"
        );
        assert_eq!(
            message(json!({"project_id": "p", "enable_caption": "yes"})),
            "enable_caption must be a boolean"
        );
        assert_eq!(
            message(json!({"project_id": "p", "clip_indices": [1, -1]})),
            "clip_indices must be an array of non-negative integers"
        );
        assert!(
            message(json!({"project_id": "p", "cc_style_tpl": "Temp 7"})).contains("cc_style_tpl")
        );
        assert!(
            message(json!({"project_id": "p", "ai_hook_text_duration": 1.5}))
                .contains("positive integer")
        );
    }
}
