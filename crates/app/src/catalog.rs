//! The option values a front end offers, with their defaults and limits, from the API
//! client's and the engine's own tables: the page hard-codes none of them.

use engine::naming::DEFAULT_TEMPLATE;
use engine::settings::{DEFAULT_CONCURRENCY, MAX_CONCURRENCY};
use serde::Serialize;
use wayin_api::create::{
    ClipLength, MAX_CLIPS, MAX_QUERY_CHARS, MAX_UPLOAD_BYTES, VIDEO_EXTENSIONS,
};
use wayin_api::request::{
    CaptionDisplay, HookPosition, HookStyle, Ratio, Resolution, DEFAULT_CAPTION_STYLE,
    KNOWN_CAPTION_STYLES, LANGUAGES,
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineFormatEntry {
    /// What `timeline_write`, `timeline_drag` and the settings take.
    pub id: &'static str,
    pub extension: &'static str,
    /// What it is for: "Premiere Pro / DaVinci Resolve XML"…
    pub label: &'static str,
    /// For buttons and choices: "Premiere / Resolve"…
    pub short_label: &'static str,
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
    pub defaults: Defaults,
    pub limits: Limits,
    /// Every phase an export view can be in (`ExportView::phase`).
    pub phases: Vec<&'static str>,
    /// Every `kind` a command's error can carry.
    pub error_kinds: Vec<crate::ErrorKind>,
    /// The timeline formats written, in the order they are offered.
    pub timeline_formats: Vec<TimelineFormatEntry>,
    /// AI Clipping's clip lengths, as `project_create` takes them (`0-30`…).
    pub clip_lengths: Vec<Labelled>,
    /// Which caption lines are burnt in, in the form's order.
    pub caption_displays: Vec<Labelled>,
    /// Where the hook appears.
    pub hook_positions: Vec<Labelled>,
}

/// What is used when nothing is chosen: the API's defaults for an export's options,
/// the engine's for the settings.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Defaults {
    pub resolution: &'static str,
    pub caption_style: &'static str,
    pub hook_style: &'static str,
    pub name_template: &'static str,
    pub concurrency: usize,
    pub clip_length: &'static str,
    pub hook_position: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    pub max_concurrency: usize,
    /// The most clips a new project may be asked to keep.
    pub max_clips: u32,
    /// The longest "what to find" of Find Moments, in characters.
    pub max_query_chars: usize,
    /// The largest file one upload takes, in bytes.
    pub max_upload_bytes: u64,
    /// The file types a new project can be made from.
    pub video_extensions: Vec<&'static str>,
}

/// Every value the export form offers, from the same tables the request is checked against.
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
        defaults: Defaults {
            resolution: Resolution::default().as_wire(),
            caption_style: DEFAULT_CAPTION_STYLE,
            hook_style: HookStyle::API_DEFAULT.as_wire(),
            name_template: DEFAULT_TEMPLATE,
            concurrency: DEFAULT_CONCURRENCY,
            clip_length: ClipLength::default().seconds(),
            hook_position: HookPosition::API_DEFAULT.as_wire(),
        },
        limits: Limits {
            max_concurrency: MAX_CONCURRENCY,
            max_clips: MAX_CLIPS,
            max_query_chars: MAX_QUERY_CHARS,
            max_upload_bytes: MAX_UPLOAD_BYTES,
            video_extensions: VIDEO_EXTENSIONS.to_vec(),
        },
        phases: engine::ExportPhase::ALL
            .iter()
            .map(|phase| phase.as_str())
            .collect(),
        error_kinds: crate::ErrorKind::ALL.to_vec(),
        timeline_formats: engine::timelines::TimelineFormat::ALL
            .iter()
            .map(|format| TimelineFormatEntry {
                id: format.id(),
                extension: format.extension(),
                label: format.label(),
                short_label: format.short_label(),
            })
            .collect(),
        clip_lengths: ClipLength::ALL
            .iter()
            .map(|length| Labelled {
                value: length.seconds(),
                label: length.label(),
            })
            .collect(),
        caption_displays: [
            CaptionDisplay::Original,
            CaptionDisplay::Translation,
            CaptionDisplay::Both,
        ]
        .iter()
        .map(|display| Labelled {
            value: display.as_wire(),
            label: display.label(),
        })
        .collect(),
        hook_positions: HookPosition::ALL
            .iter()
            .map(|position| Labelled {
                value: position.as_wire(),
                label: position.label(),
            })
            .collect(),
    }
}
