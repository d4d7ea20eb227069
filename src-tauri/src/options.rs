//! Export options as the page's form holds them, turned into an
//! `ExportRequest` (which cannot be built invalid) and back, for presets and
//! "export again". Every field arrives as text and is checked here, so a wrong
//! value gets an `invalid_request` that names it rather than a generic IPC error.

use serde::{Deserialize, Serialize};
use wayin_api::request::{
    CaptionDisplay, CaptionStyle, Captions, Hook, HookDuration, HookPosition, HookStyle, Ratio,
    Resolution, TargetLang,
};
use wayin_api::ExportRequest;

use crate::error::CommandError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportOptions {
    #[serde(default = "default_resolution")]
    pub resolution: String,
    #[serde(default)]
    pub target_lang: Option<String>,
    #[serde(default)]
    pub captions: Option<CaptionOptions>,
    #[serde(default)]
    pub hook: Option<HookOptions>,
    #[serde(default)]
    pub reframe: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptionOptions {
    pub display: String,
    #[serde(default)]
    pub style: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HookOptions {
    #[serde(default)]
    pub style: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub keywords: Option<String>,
    #[serde(default)]
    pub duration_ms: Option<u64>,
}

fn default_resolution() -> String {
    Resolution::default().as_wire().to_string()
}

/// Empty text counts as "not chosen": form fields send `""` for a cleared select.
fn chosen(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl ExportOptions {
    pub fn from_json(value: serde_json::Value) -> Result<Self, CommandError> {
        serde_json::from_value(value).map_err(|e| {
            CommandError::InvalidRequest(format!("The export options are not valid: {e}"))
        })
    }

    /// The request for `project_id`; `clips: None` means every clip.
    pub fn to_request(
        &self,
        project_id: &str,
        clips: Option<&[u32]>,
    ) -> Result<ExportRequest, CommandError> {
        let captions = match &self.captions {
            None => None,
            Some(c) => Some(Captions {
                display: c.display.parse::<CaptionDisplay>()?,
                style: chosen(&c.style).map(CaptionStyle::parse).transpose()?,
            }),
        };
        let hook = match &self.hook {
            None => None,
            Some(h) => Some(Hook {
                style: chosen(&h.style).map(str::parse::<HookStyle>).transpose()?,
                position: chosen(&h.position)
                    .map(str::parse::<HookPosition>)
                    .transpose()?,
                keywords: h.keywords.clone(),
                duration: h.duration_ms.map(HookDuration::from_ms).transpose()?,
            }),
        };
        let request = ExportRequest::new(project_id)?
            .with_resolution(self.resolution.parse::<Resolution>()?)
            .with_target_lang(
                chosen(&self.target_lang)
                    .map(TargetLang::parse)
                    .transpose()?,
            )
            .with_captions(captions)
            .with_hook(hook)
            .with_reframe(chosen(&self.reframe).map(str::parse::<Ratio>).transpose()?);
        Ok(match clips {
            Some(indices) => request.with_clips(indices.iter().copied())?,
            None => request,
        })
    }

    /// The form options a stored request body was built from.
    pub fn from_request(request: &ExportRequest) -> Self {
        Self {
            resolution: request.resolution().as_wire().to_string(),
            target_lang: request.target_lang().map(|l| l.code().to_string()),
            captions: request.captions().map(|c| CaptionOptions {
                display: c.display.as_wire().to_string(),
                style: c.style.as_ref().map(|s| s.as_str().to_string()),
            }),
            hook: request.hook().map(|h| HookOptions {
                style: h.style.map(|s| s.as_wire().to_string()),
                position: h.position.map(|p| p.as_wire().to_string()),
                keywords: h.keywords.clone(),
                duration_ms: h.duration.map(|d| u64::from(d.as_ms())),
            }),
            reframe: request.reframe().map(|r| r.as_wire().to_string()),
        }
    }

    /// `None` for a body this version cannot read back (it is still shown as sent).
    pub fn from_body(body: &serde_json::Value) -> Option<Self> {
        serde_json::from_value::<ExportRequest>(body.clone())
            .ok()
            .map(|r| Self::from_request(&r))
    }
}

/// One line a person reads before paying for the export.
pub fn summary(request: &ExportRequest, clip_count: Option<usize>, project: &str) -> String {
    let clips = match (request.clip_indices(), clip_count) {
        (Some(chosen), _) if chosen.len() == 1 => "1 clip".to_string(),
        (Some(chosen), _) => format!("{} clips", chosen.len()),
        (None, Some(1)) => "The only clip".to_string(),
        (None, Some(n)) => format!("All {n} clips"),
        (None, None) => "All clips".to_string(),
    };
    format!("{clips} of {project} · {}", request.options_summary())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn options(value: serde_json::Value) -> ExportOptions {
        ExportOptions::from_json(value).unwrap()
    }

    #[test]
    fn round_trips_through_a_request() {
        let form = options(json!({
            "resolution": "FHD_1080", "targetLang": "es",
            "captions": {"display": "both", "style": "temp-static-2"},
            "hook": {"style": "casual", "position": "end", "keywords": "pricing", "durationMs": 2500},
            "reframe": "RATIO_9_16"
        }));
        let request = form.to_request("proj_x", Some(&[2, 0])).unwrap();
        assert_eq!(ExportOptions::from_request(&request), form);
        assert_eq!(ExportOptions::from_body(&request.to_json()), Some(form));
    }

    #[test]
    fn cleared_fields_mean_not_chosen() {
        let form = options(json!({
            "resolution": "HD_720", "targetLang": "", "reframe": null,
            "captions": {"display": "original", "style": ""}
        }));
        let body = form.to_request("proj_x", None).unwrap().to_json();
        assert_eq!(
            body,
            json!({"project_id": "proj_x", "resolution": "HD_720", "enable_caption": true,
                   "caption_display": "original", "enable_ai_hook": false, "enable_ai_reframe": false})
        );
    }

    #[test]
    fn wrong_values_are_named() {
        let err = options(json!({"resolution": "8K"}))
            .to_request("proj_x", None)
            .unwrap_err();
        assert_eq!(err.kind(), "invalid_request");
        assert!(err.to_string().contains("\"8K\" is not a valid resolution"));
        let err = options(json!({"hook": {"durationMs": 0}}))
            .to_request("proj_x", None)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "The hook duration must be a whole number of milliseconds above zero."
        );
        let err = ExportOptions::from_json(json!({"captions": {"style": "temp-1"}})).unwrap_err();
        assert_eq!(err.kind(), "invalid_request");
        let err = options(json!({}))
            .to_request("proj_x", Some(&[]))
            .unwrap_err();
        assert_eq!(err.kind(), "invalid_request");
    }

    #[test]
    fn summary_reads_like_a_sentence() {
        let request = options(json!({
            "resolution": "UHD_4K",
            "hook": {"position": "beginning", "durationMs": 3000},
            "reframe": "RATIO_1_1"
        }))
        .to_request("proj_x", Some(&[1, 3]))
        .unwrap();
        assert_eq!(
            summary(&request, Some(6), "Podcast"),
            "2 clips of Podcast · 4K · AI hook (at the beginning, 3 s) · reframed to 1:1"
        );
        let all = options(json!({})).to_request("proj_x", None).unwrap();
        assert_eq!(
            summary(&all, Some(6), "Podcast"),
            "All 6 clips of Podcast · 480p"
        );
    }
}
