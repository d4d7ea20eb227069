//! The option values a front end offers, with their defaults and limits, from the API
//! client's and the engine's own tables: the page hard-codes none of them.

use engine::naming::DEFAULT_TEMPLATE;
use engine::settings::{DEFAULT_CONCURRENCY, MAX_CONCURRENCY};
use serde::Serialize;
use wayin_api::request::{
    HookStyle, Ratio, Resolution, DEFAULT_CAPTION_STYLE, KNOWN_CAPTION_STYLES, LANGUAGES,
};

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
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    pub max_concurrency: usize,
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
        },
        limits: Limits {
            max_concurrency: MAX_CONCURRENCY,
        },
        phases: engine::ExportPhase::ALL
            .iter()
            .map(|phase| phase.as_str())
            .collect(),
    }
}
