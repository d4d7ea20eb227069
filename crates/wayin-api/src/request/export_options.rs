//! Export options as a form or a preset holds them: every choice as text, in the
//! shape the desktop page sends (camelCase JSON). `to_request` checks each value and
//! says which field a wrong one is in, so the page shows the verdict beside that field
//! and no rule is written twice; `from_request` goes back, for presets and "export again".
//! The desktop shell, its presets and `wayin-export` all build requests through here.

use serde::{Deserialize, Serialize};

use super::{
    CaptionDisplay, CaptionStyle, Captions, ExportRequest, Hook, HookDuration, HookPosition,
    HookStyle, Ratio, RequestError, Resolution, TargetLang,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportOptions {
    #[serde(default = "default_resolution")]
    pub resolution: String,
    #[serde(default)]
    pub target_lang: Option<String>,
    /// Animated captions; `None` is off.
    #[serde(default)]
    pub captions: Option<CaptionOptions>,
    /// The AI hook; `None` is off.
    #[serde(default)]
    pub hook: Option<HookOptions>,
    /// The AI reframe's ratio; `None` is off, and blank text is "on, with no ratio chosen",
    /// which is refused.
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

/// Why options cannot be sent, and the field it is about: its path in the options' JSON
/// (`resolution`, `targetLang`, `captions.display`, `captions.style`, `hook.style`,
/// `hook.position`, `hook.durationMs`, `reframe`), or `clips` and `projectId`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct OptionsError {
    pub field: Option<&'static str>,
    pub error: RequestError,
}

impl OptionsError {
    fn at(field: &'static str) -> impl Fn(RequestError) -> Self {
        move |error| Self {
            field: Some(field),
            error,
        }
    }
}

fn default_resolution() -> String {
    Resolution::default().as_wire().to_string()
}

/// Blank text counts as "not chosen": a cleared select sends `""`.
fn chosen(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl Default for ExportOptions {
    /// Every switch off, at the API's default resolution.
    fn default() -> Self {
        Self {
            resolution: default_resolution(),
            target_lang: None,
            captions: None,
            hook: None,
            reframe: None,
        }
    }
}

impl ExportOptions {
    /// Options from JSON a page or a stored preset sent; unknown shapes are refused whole.
    pub fn from_json(value: serde_json::Value) -> Result<Self, OptionsError> {
        serde_json::from_value(value).map_err(|e| OptionsError {
            field: None,
            error: RequestError::MalformedOptions(e.to_string()),
        })
    }

    /// The request for `project_id`; `clips: None` means every clip.
    pub fn to_request(
        &self,
        project_id: &str,
        clips: Option<&[u32]>,
    ) -> Result<ExportRequest, OptionsError> {
        let captions = match &self.captions {
            None => None,
            Some(c) => Some(Captions {
                display: c
                    .display
                    .parse::<CaptionDisplay>()
                    .map_err(OptionsError::at("captions.display"))?,
                style: chosen(&c.style)
                    .map(CaptionStyle::parse)
                    .transpose()
                    .map_err(OptionsError::at("captions.style"))?,
            }),
        };
        let hook = match &self.hook {
            None => None,
            Some(h) => Some(Hook {
                style: chosen(&h.style)
                    .map(str::parse::<HookStyle>)
                    .transpose()
                    .map_err(OptionsError::at("hook.style"))?,
                position: chosen(&h.position)
                    .map(str::parse::<HookPosition>)
                    .transpose()
                    .map_err(OptionsError::at("hook.position"))?,
                keywords: h.keywords.clone(),
                duration: h
                    .duration_ms
                    .map(HookDuration::from_ms)
                    .transpose()
                    .map_err(OptionsError::at("hook.durationMs"))?,
            }),
        };
        let reframe = match &self.reframe {
            None => None,
            Some(ratio) if ratio.trim().is_empty() => {
                return Err(OptionsError::at("reframe")(RequestError::ReframeNeedsRatio))
            }
            Some(ratio) => Some(
                ratio
                    .parse::<Ratio>()
                    .map_err(OptionsError::at("reframe"))?,
            ),
        };
        let request = ExportRequest::new(project_id)
            .map_err(OptionsError::at("projectId"))?
            .with_resolution(
                self.resolution
                    .parse::<Resolution>()
                    .map_err(OptionsError::at("resolution"))?,
            )
            .with_target_lang(
                chosen(&self.target_lang)
                    .map(TargetLang::parse)
                    .transpose()
                    .map_err(OptionsError::at("targetLang"))?,
            )
            .with_captions(captions)
            .with_hook(hook)
            .with_reframe(reframe);
        match clips {
            Some(indices) => request
                .with_clips(indices.iter().copied())
                .map_err(OptionsError::at("clips")),
            None => Ok(request),
        }
    }

    /// The options a request was built from.
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

    /// `None` for a stored body this version cannot read back (it is still shown as sent).
    pub fn from_body(body: &serde_json::Value) -> Option<Self> {
        serde_json::from_value::<ExportRequest>(body.clone())
            .ok()
            .map(|r| Self::from_request(&r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn options(value: serde_json::Value) -> ExportOptions {
        ExportOptions::from_json(value).unwrap()
    }

    fn refused(value: serde_json::Value, clips: Option<&[u32]>) -> OptionsError {
        options(value).to_request("proj_x", clips).unwrap_err()
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
        assert_eq!(options(json!({})), ExportOptions::default());
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

    // Tried: a wrong value in every field the form has, and a blank reframe ratio.
    #[test]
    fn each_wrong_value_names_its_field() {
        let cases = [
            (
                json!({"resolution": "8K"}),
                "resolution",
                "\"8K\" is not a valid resolution",
            ),
            (
                json!({"targetLang": "klingon"}),
                "targetLang",
                "not a supported target language",
            ),
            (
                json!({"captions": {"display": "all"}}),
                "captions.display",
                "\"all\"",
            ),
            (
                json!({"captions": {"display": "both", "style": "Temp 7"}}),
                "captions.style",
                "caption style id",
            ),
            (json!({"hook": {"style": "loud"}}), "hook.style", "\"loud\""),
            (
                json!({"hook": {"position": "middle"}}),
                "hook.position",
                "\"middle\"",
            ),
            (
                json!({"hook": {"durationMs": 0}}),
                "hook.durationMs",
                "above zero",
            ),
            (json!({"reframe": "RATIO_2_1"}), "reframe", "\"RATIO_2_1\""),
            (
                json!({"reframe": " "}),
                "reframe",
                "AI reframe needs a ratio",
            ),
        ];
        for (value, field, message) in cases {
            let err = refused(value.clone(), None);
            assert_eq!(err.field, Some(field), "{value}");
            assert!(err.to_string().contains(message), "{value}: {err}");
        }
        // The desktop page's test double (tests/ui/mock-ipc.js) repeats these two texts.
        assert_eq!(
            refused(json!({"reframe": ""}), None).to_string(),
            "AI reframe needs a ratio (9:16, 1:1, 4:5 or 16:9)."
        );
        assert_eq!(
            refused(json!({"captions": {"display": "both", "style": "Brand Style"}}), None)
                .to_string(),
            "\"Brand Style\" is not a caption style id: use lowercase letters, digits and dashes (for example temp-7)."
        );
        let err = refused(json!({}), Some(&[]));
        assert_eq!(err.field, Some("clips"));
        let err = options(json!({})).to_request("../x", None).unwrap_err();
        assert_eq!(err.field, Some("projectId"));
    }

    #[test]
    fn malformed_options_are_refused_whole() {
        let err = ExportOptions::from_json(json!({"captions": {"style": "temp-1"}})).unwrap_err();
        assert_eq!(err.field, None);
        assert!(err
            .to_string()
            .starts_with("The export options are not valid:"));
    }
}
