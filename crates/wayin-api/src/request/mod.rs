//! `POST /clips/export` bodies that cannot be built invalid: a switch and the fields it
//! gates travel together, so a gated field cannot be sent with its switch off and
//! reframe cannot be asked for without a ratio.

mod caption_style;
mod export_options;
mod languages;
mod options;
mod summary;

use std::num::NonZeroU32;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use caption_style::{CaptionStyle, DEFAULT_CAPTION_STYLE, KNOWN_CAPTION_STYLES};
pub use export_options::{CaptionOptions, ExportOptions, HookOptions, OptionsError};
pub use languages::{TargetLang, LANGUAGES};
pub use options::{CaptionDisplay, HookPosition, HookStyle, Ratio, Resolution};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RequestError {
    #[error("A project id is required.")]
    MissingProjectId,
    #[error("Project id {0:?} contains characters a project id never has.")]
    BadProjectId(String),
    #[error("Choose at least one clip, or leave the selection empty to export all clips.")]
    NoClips,
    #[error("{value:?} is not a valid {field}. Use one of: {allowed}.")]
    UnknownValue {
        field: &'static str,
        value: String,
        allowed: String,
    },
    #[error("{0:?} is not a supported target language code (for example en, es, zh-cn).")]
    UnknownLanguage(String),
    #[error("{0:?} is not a caption style id: use lowercase letters, digits and dashes (for example temp-7).")]
    BadCaptionStyle(String),
    #[error("The hook duration must be a whole number of milliseconds above zero.")]
    BadHookDuration,
    #[error("AI reframe needs a ratio (9:16, 1:1, 4:5 or 16:9).")]
    ReframeNeedsRatio,
    #[error("{0} is only used when {1} is on.")]
    GatedFieldWithoutSwitch(&'static str, &'static str),
    #[error("The export options are not valid: {0}")]
    MalformedOptions(String),
}

/// Something the API accepts but that is probably not what the person wants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RequestWarning {
    /// The vendor's own CLI refuses two caption lines with an animated style, while its
    /// docs show the combination: it is sent, with this warning shown beside it.
    BothCaptionsNeedStaticStyle { style: String },
}

impl std::fmt::Display for RequestWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::BothCaptionsNeedStaticStyle { style } => write!(
                f,
                "Showing both caption lines works reliably only with a temp-static-* style; {style} may render one line only."
            ),
        }
    }
}

/// Animated captions: which lines, in which style (the vendor's default when `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captions {
    pub display: CaptionDisplay,
    pub style: Option<CaptionStyle>,
}

/// The AI hook and its optional settings (the vendor's defaults where `None`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Hook {
    pub style: Option<HookStyle>,
    pub position: Option<HookPosition>,
    pub keywords: Option<String>,
    pub duration: Option<HookDuration>,
}

/// How long the hook text stays on screen, in milliseconds, never zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HookDuration(NonZeroU32);

impl HookDuration {
    pub fn from_ms(ms: u64) -> Result<Self, RequestError> {
        u32::try_from(ms)
            .ok()
            .and_then(NonZeroU32::new)
            .map(Self)
            .ok_or(RequestError::BadHookDuration)
    }

    pub fn as_ms(self) -> u32 {
        self.0.get()
    }
}

/// One export: which clips of which project, rendered how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "WireRequest", try_from = "WireRequest")]
pub struct ExportRequest {
    project_id: String,
    clip_indices: Option<Vec<u32>>,
    target_lang: Option<TargetLang>,
    resolution: Resolution,
    captions: Option<Captions>,
    hook: Option<Hook>,
    reframe: Option<Ratio>,
}

impl ExportRequest {
    /// All clips of the project at the API's defaults.
    pub fn new(project_id: &str) -> Result<Self, RequestError> {
        Ok(Self {
            project_id: check_project_id(project_id)?,
            clip_indices: None,
            target_lang: None,
            resolution: Resolution::default(),
            captions: None,
            hook: None,
            reframe: None,
        })
    }

    /// Only these clips (sorted, duplicates dropped). An empty list is refused rather
    /// than read as "all": that would cost far more than whoever passed it expected.
    pub fn with_clips(
        mut self,
        indices: impl IntoIterator<Item = u32>,
    ) -> Result<Self, RequestError> {
        let mut indices: Vec<u32> = indices.into_iter().collect();
        indices.sort_unstable();
        indices.dedup();
        if indices.is_empty() {
            return Err(RequestError::NoClips);
        }
        self.clip_indices = Some(indices);
        Ok(self)
    }

    pub fn with_all_clips(mut self) -> Self {
        self.clip_indices = None;
        self
    }

    pub fn with_resolution(mut self, resolution: Resolution) -> Self {
        self.resolution = resolution;
        self
    }

    pub fn with_target_lang(mut self, lang: Option<TargetLang>) -> Self {
        self.target_lang = lang;
        self
    }

    pub fn with_captions(mut self, captions: Option<Captions>) -> Self {
        self.captions = captions;
        self
    }

    pub fn with_hook(mut self, hook: Option<Hook>) -> Self {
        self.hook = hook.map(|mut hook| {
            hook.keywords = hook
                .keywords
                .map(|k| k.trim().to_owned())
                .filter(|k| !k.is_empty());
            hook
        });
        self
    }

    pub fn with_reframe(mut self, ratio: Option<Ratio>) -> Self {
        self.reframe = ratio;
        self
    }

    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    /// `None` means every clip of the project.
    pub fn clip_indices(&self) -> Option<&[u32]> {
        self.clip_indices.as_deref()
    }

    pub fn resolution(&self) -> Resolution {
        self.resolution
    }

    pub fn target_lang(&self) -> Option<&TargetLang> {
        self.target_lang.as_ref()
    }

    pub fn captions(&self) -> Option<&Captions> {
        self.captions.as_ref()
    }

    pub fn hook(&self) -> Option<&Hook> {
        self.hook.as_ref()
    }

    pub fn reframe(&self) -> Option<Ratio> {
        self.reframe
    }

    pub fn warnings(&self) -> Vec<RequestWarning> {
        let mut warnings = Vec::new();
        if let Some(captions) = &self.captions {
            let static_style = captions.style.as_ref().is_some_and(CaptionStyle::is_static);
            if captions.display == CaptionDisplay::Both && !static_style {
                let style = captions
                    .style
                    .as_ref()
                    .map_or(DEFAULT_CAPTION_STYLE, CaptionStyle::as_str);
                warnings.push(RequestWarning::BothCaptionsNeedStaticStyle {
                    style: style.to_owned(),
                });
            }
        }
        warnings
    }

    /// The JSON body exactly as it is sent.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("an export request always serialises")
    }
}

pub(crate) fn check_project_id(id: &str) -> Result<String, RequestError> {
    let id = id.trim();
    if id.is_empty() {
        return Err(RequestError::MissingProjectId);
    }
    let plausible = id.len() <= 200
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && id != "."
        && id != "..";
    if plausible {
        Ok(id.to_owned())
    } else {
        Err(RequestError::BadProjectId(id.to_owned()))
    }
}

/// The body on the wire. Switches are always sent; gated fields only with their
/// switch on; nulls never.
#[derive(Debug, Serialize, Deserialize)]
struct WireRequest {
    project_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    clip_indices: Option<Vec<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target_lang: Option<TargetLang>,
    #[serde(default)]
    resolution: Resolution,
    #[serde(default)]
    enable_caption: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    caption_display: Option<CaptionDisplay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cc_style_tpl: Option<CaptionStyle>,
    #[serde(default)]
    enable_ai_hook: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ai_hook_script_style: Option<HookStyle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ai_hook_position: Option<HookPosition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ai_hook_keywords: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ai_hook_text_duration: Option<u64>,
    #[serde(default)]
    enable_ai_reframe: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ratio: Option<Ratio>,
}

impl From<ExportRequest> for WireRequest {
    fn from(r: ExportRequest) -> Self {
        let captions = r.captions;
        let hook = r.hook;
        Self {
            project_id: r.project_id,
            clip_indices: r.clip_indices,
            target_lang: r.target_lang,
            resolution: r.resolution,
            enable_caption: captions.is_some(),
            caption_display: captions.as_ref().map(|c| c.display),
            cc_style_tpl: captions.and_then(|c| c.style),
            enable_ai_hook: hook.is_some(),
            ai_hook_script_style: hook.as_ref().and_then(|h| h.style),
            ai_hook_position: hook.as_ref().and_then(|h| h.position),
            ai_hook_keywords: hook.as_ref().and_then(|h| h.keywords.clone()),
            ai_hook_text_duration: hook.and_then(|h| h.duration).map(|d| d.as_ms().into()),
            enable_ai_reframe: r.reframe.is_some(),
            ratio: r.reframe,
        }
    }
}

/// Reading a body back (a stored request, a preset) applies the same rules as
/// building one: a gated field with its switch off is refused, not silently dropped.
impl TryFrom<WireRequest> for ExportRequest {
    type Error = RequestError;

    fn try_from(w: WireRequest) -> Result<Self, Self::Error> {
        if !w.enable_caption {
            if w.caption_display.is_some() {
                return Err(RequestError::GatedFieldWithoutSwitch(
                    "caption_display",
                    "enable_caption",
                ));
            }
            if w.cc_style_tpl.is_some() {
                return Err(RequestError::GatedFieldWithoutSwitch(
                    "cc_style_tpl",
                    "enable_caption",
                ));
            }
        }
        if !w.enable_ai_hook {
            let gated = [
                ("ai_hook_script_style", w.ai_hook_script_style.is_some()),
                ("ai_hook_position", w.ai_hook_position.is_some()),
                ("ai_hook_keywords", w.ai_hook_keywords.is_some()),
                ("ai_hook_text_duration", w.ai_hook_text_duration.is_some()),
            ];
            if let Some((field, _)) = gated.into_iter().find(|(_, set)| *set) {
                return Err(RequestError::GatedFieldWithoutSwitch(
                    field,
                    "enable_ai_hook",
                ));
            }
        }
        if !w.enable_ai_reframe && w.ratio.is_some() {
            return Err(RequestError::GatedFieldWithoutSwitch(
                "ratio",
                "enable_ai_reframe",
            ));
        }
        let reframe = match (w.enable_ai_reframe, w.ratio) {
            (true, None) => return Err(RequestError::ReframeNeedsRatio),
            (_, ratio) => ratio,
        };
        let captions = w.enable_caption.then(|| Captions {
            display: w.caption_display.unwrap_or(CaptionDisplay::Original),
            style: w.cc_style_tpl,
        });
        let hook = match w.enable_ai_hook {
            false => None,
            true => Some(Hook {
                style: w.ai_hook_script_style,
                position: w.ai_hook_position,
                keywords: w.ai_hook_keywords,
                duration: w
                    .ai_hook_text_duration
                    .map(HookDuration::from_ms)
                    .transpose()?,
            }),
        };
        let request = ExportRequest::new(&w.project_id)?
            .with_resolution(w.resolution)
            .with_target_lang(w.target_lang)
            .with_captions(captions)
            .with_hook(hook)
            .with_reframe(reframe);
        match w.clip_indices {
            Some(indices) => request.with_clips(indices),
            None => Ok(request),
        }
    }
}

#[cfg(test)]
mod tests;
