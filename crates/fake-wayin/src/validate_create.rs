//! Checks of `POST /upload/single-file`, `POST /clips` and `POST /clips/find-moments` bodies,
//! with the messages the service would show. Unknown fields are ignored.

use serde_json::{Map, Value};

use crate::catalog::ProjectKind;
use crate::vocabulary::TARGET_LANGUAGES;

const DURATIONS: [&str; 6] = [
    "DURATION_0_30",
    "DURATION_0_90",
    "DURATION_30_60",
    "DURATION_60_90",
    "DURATION_90_180",
    "DURATION_180_300",
];

/// A creation that passed every check.
pub(crate) struct CreationOrder {
    pub kind: ProjectKind,
    pub video_url: String,
    pub name: Option<String>,
    pub limit: Option<u32>,
    pub query: Option<String>,
}

/// The file name of an upload ticket, extension included.
pub(crate) fn check_upload_request(body: &Value) -> Result<String, String> {
    let fields = body
        .as_object()
        .ok_or("request body must be a JSON object")?;
    let name = match fields.get("name") {
        Some(Value::String(name)) if !name.trim().is_empty() => name.trim().to_owned(),
        Some(Value::String(_)) | None | Some(Value::Null) => return Err("name is required".into()),
        Some(_) => return Err("name must be a string".into()),
    };
    if !name.contains('.') {
        return Err("name must include the file extension, for example my-video.mp4".into());
    }
    Ok(name)
}

pub(crate) fn check_creation(kind: ProjectKind, body: &Value) -> Result<CreationOrder, String> {
    let fields = body
        .as_object()
        .ok_or("request body must be a JSON object")?;
    let video_url = required_string(fields, "video_url")?;
    let name = optional_string(fields, "project_name")?;
    for field in ["source_lang", "target_lang"] {
        if let Some(code) = optional_string(fields, field)? {
            if !TARGET_LANGUAGES.contains(&code.as_str()) {
                return Err(format!("{field} {code:?} is not a supported language code"));
            }
        }
    }
    let limit = match fields.get("limit") {
        None | Some(Value::Null) => None,
        Some(value) => Some(
            value
                .as_u64()
                .filter(|n| (1..=i32::MAX as u64).contains(n))
                .ok_or("limit must be a positive integer")? as u32,
        ),
    };
    if let Some(value) = fields.get("enable_export") {
        if !value.is_boolean() && !value.is_null() {
            return Err("enable_export must be a boolean".into());
        }
    }
    let query = match kind {
        ProjectKind::AiClipping => {
            if let Some(duration) = optional_string(fields, "target_duration")? {
                if !DURATIONS.contains(&duration.as_str()) {
                    return Err(format!(
                        "target_duration {duration:?} is not one of {}",
                        DURATIONS.join(", ")
                    ));
                }
            }
            None
        }
        ProjectKind::FindMoments => Some(required_string(fields, "query")?),
    };
    Ok(CreationOrder {
        kind,
        video_url,
        name,
        limit,
        query,
    })
}

fn required_string(fields: &Map<String, Value>, field: &str) -> Result<String, String> {
    optional_string(fields, field)?.ok_or_else(|| format!("{field} is required"))
}

fn optional_string(fields: &Map<String, Value>, field: &str) -> Result<Option<String>, String> {
    match fields.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if text.trim().is_empty() => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.trim().to_owned())),
        Some(_) => Err(format!("{field} must be a string")),
    }
}

/// Whether `video_url` is a web link (the service fetches it) rather than an upload identity.
pub(crate) fn is_link(video_url: &str) -> bool {
    let lower = video_url.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
