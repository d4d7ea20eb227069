//! `POST /clips` (AI Clipping) and `POST /clips/find-moments` bodies that cannot be built
//! invalid. Both create the project without a render: clips are exported afterwards.

use serde_json::{json, Map, Value};

use super::{CreateError, VideoSource};
use crate::models::TaskKind;
use crate::request::TargetLang;

/// The most clips one project may be asked to keep: more is not a selection.
pub const MAX_CLIPS: u32 = 500;
/// Longest "what to find": a sentence or two is what the service is built for.
pub const MAX_QUERY_CHARS: usize = 500;
/// Longest project name kept; the rest is cut.
const MAX_NAME_CHARS: usize = 200;

/// How long AI Clipping's clips are (`target_duration`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClipLength {
    UpTo30s,
    /// The vendor's default.
    #[default]
    UpTo90s,
    From30To60s,
    From60To90s,
    From90To180s,
    From180To300s,
}

impl ClipLength {
    pub const ALL: [ClipLength; 6] = [
        Self::UpTo30s,
        Self::UpTo90s,
        Self::From30To60s,
        Self::From60To90s,
        Self::From90To180s,
        Self::From180To300s,
    ];

    pub fn as_wire(self) -> &'static str {
        match self {
            Self::UpTo30s => "DURATION_0_30",
            Self::UpTo90s => "DURATION_0_90",
            Self::From30To60s => "DURATION_30_60",
            Self::From60To90s => "DURATION_60_90",
            Self::From90To180s => "DURATION_90_180",
            Self::From180To300s => "DURATION_180_300",
        }
    }

    /// The seconds as people and `wayin-export --length` write them (`0-30`, `90-180`…).
    pub fn seconds(self) -> &'static str {
        match self {
            Self::UpTo30s => "0-30",
            Self::UpTo90s => "0-90",
            Self::From30To60s => "30-60",
            Self::From60To90s => "60-90",
            Self::From90To180s => "90-180",
            Self::From180To300s => "180-300",
        }
    }

    /// As a person reads it in a picker.
    pub fn label(self) -> &'static str {
        match self {
            Self::UpTo30s => "Up to 30 s",
            Self::UpTo90s => "Up to 90 s",
            Self::From30To60s => "30 to 60 s",
            Self::From60To90s => "60 to 90 s",
            Self::From90To180s => "90 s to 3 min",
            Self::From180To300s => "3 to 5 min",
        }
    }

    /// From either spelling: `0-30` or `DURATION_0_30`.
    pub fn parse(text: &str) -> Result<Self, CreateError> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|length| length.seconds() == text || length.as_wire().eq_ignore_ascii_case(text))
            .ok_or_else(|| {
                let allowed: Vec<&str> = Self::ALL.iter().map(|l| l.seconds()).collect();
                CreateError::new(
                    "target_duration",
                    format!("{text:?} is not a clip length: use {}", allowed.join(", ")),
                )
            })
    }
}

/// What both kinds of project share: a name, the languages, and at most how many clips.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProjectSettings {
    name: Option<String>,
    source_lang: Option<TargetLang>,
    target_lang: Option<TargetLang>,
    limit: Option<u32>,
}

impl ProjectSettings {
    /// `name` cleaned of control characters and cut to 200 characters (empty: none); the
    /// languages from the vendor's list (`None`: detected, and the same as the source); a
    /// limit from 1 to [`MAX_CLIPS`].
    pub fn new(
        name: Option<&str>,
        source_lang: Option<&str>,
        target_lang: Option<&str>,
        limit: Option<u32>,
    ) -> Result<Self, CreateError> {
        let name = name
            .map(|name| crate::safe_text::clean_line(name).trim().to_owned())
            .filter(|name| !name.is_empty())
            .map(|name| name.chars().take(MAX_NAME_CHARS).collect());
        let language = |field: &'static str, code: Option<&str>| {
            code.map(str::trim)
                .filter(|code| !code.is_empty())
                .map(|code| {
                    TargetLang::parse(code).map_err(|_| {
                        CreateError::new(
                            field,
                            format!("{code:?} is not a language code WayinVideo knows (for example en, es, zh-cn)"),
                        )
                    })
                })
                .transpose()
        };
        if let Some(limit) = limit {
            if !(1..=MAX_CLIPS).contains(&limit) {
                return Err(CreateError::new(
                    "limit",
                    format!("keep from 1 to {MAX_CLIPS} clips, not {limit}"),
                ));
            }
        }
        Ok(Self {
            name,
            source_lang: language("source_lang", source_lang)?,
            target_lang: language("target_lang", target_lang)?,
            limit,
        })
    }

    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// At most this many clips, the best by score: the API may not honour `limit` itself.
    pub fn limit(&self) -> Option<u32> {
        self.limit
    }
}

/// A project to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateRequest {
    AiClipping {
        video: VideoSource,
        settings: ProjectSettings,
        length: ClipLength,
    },
    FindMoments {
        video: VideoSource,
        settings: ProjectSettings,
        query: String,
    },
}

impl CreateRequest {
    pub fn ai_clipping(video: VideoSource, settings: ProjectSettings, length: ClipLength) -> Self {
        Self::AiClipping {
            video,
            settings,
            length,
        }
    }

    /// `query`: what to find, required, trimmed, at most [`MAX_QUERY_CHARS`] characters.
    pub fn find_moments(
        video: VideoSource,
        settings: ProjectSettings,
        query: &str,
    ) -> Result<Self, CreateError> {
        let query = crate::safe_text::clean_line(query).trim().to_owned();
        if query.is_empty() {
            return Err(CreateError::new(
                "query",
                "say what to find, for example \"funny reactions\"",
            ));
        }
        let chars = query.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(CreateError::new(
                "query",
                format!("keep it to {MAX_QUERY_CHARS} characters (it has {chars})"),
            ));
        }
        Ok(Self::FindMoments {
            video,
            settings,
            query,
        })
    }

    pub fn kind(&self) -> TaskKind {
        match self {
            Self::AiClipping { .. } => TaskKind::AiClipping,
            Self::FindMoments { .. } => TaskKind::FindMoments,
        }
    }

    pub fn video(&self) -> &VideoSource {
        match self {
            Self::AiClipping { video, .. } | Self::FindMoments { video, .. } => video,
        }
    }

    pub fn settings(&self) -> &ProjectSettings {
        match self {
            Self::AiClipping { settings, .. } | Self::FindMoments { settings, .. } => settings,
        }
    }

    /// The same request with its video replaced: a file's request is built before the upload
    /// names it.
    pub fn with_video(mut self, source: VideoSource) -> Self {
        match &mut self {
            Self::AiClipping { video, .. } | Self::FindMoments { video, .. } => *video = source,
        }
        self
    }

    /// A request written down earlier by [`CreateRequest::to_json`], read back with its video
    /// given apart (a file's is named only once it is uploaded). Every rule is checked again:
    /// a history edited by hand cannot send what could not be built.
    pub fn from_recorded(
        kind: TaskKind,
        body: &Value,
        video: VideoSource,
    ) -> Result<Self, CreateError> {
        let text = |field: &str| body.get(field).and_then(Value::as_str);
        let limit = match body.get("limit") {
            None | Some(Value::Null) => None,
            Some(value) => Some(
                value
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| CreateError::new("limit", "not a whole number"))?,
            ),
        };
        let settings = ProjectSettings::new(
            text("project_name"),
            text("source_lang"),
            text("target_lang"),
            limit,
        )?;
        match kind {
            TaskKind::AiClipping => {
                let length = match text("target_duration") {
                    Some(length) => ClipLength::parse(length)?,
                    None => ClipLength::default(),
                };
                Ok(Self::ai_clipping(video, settings, length))
            }
            TaskKind::FindMoments => {
                Self::find_moments(video, settings, text("query").unwrap_or_default())
            }
        }
    }

    /// The endpoint's path below the API's base.
    pub(crate) fn route(&self) -> &'static [&'static str] {
        match self {
            Self::AiClipping { .. } => &["clips"],
            Self::FindMoments { .. } => &["clips", "find-moments"],
        }
    }

    /// The body sent: only what was chosen, and never a render.
    pub fn to_json(&self) -> Value {
        let settings = self.settings();
        let mut body = Map::new();
        body.insert("video_url".into(), json!(self.video().as_str()));
        if let Some(name) = &settings.name {
            body.insert("project_name".into(), json!(name));
        }
        if let Some(lang) = &settings.source_lang {
            body.insert("source_lang".into(), json!(lang.code()));
        }
        if let Some(lang) = &settings.target_lang {
            body.insert("target_lang".into(), json!(lang.code()));
        }
        if let Some(limit) = settings.limit {
            body.insert("limit".into(), json!(limit));
        }
        match self {
            Self::AiClipping { length, .. } => {
                body.insert("target_duration".into(), json!(length.as_wire()));
            }
            Self::FindMoments { query, .. } => {
                body.insert("query".into(), json!(query));
            }
        }
        body.insert("enable_export".into(), json!(false));
        Value::Object(body)
    }
}
