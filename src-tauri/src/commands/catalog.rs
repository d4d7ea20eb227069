//! The option values the page offers, from the API client's own lists.

use engine::naming::DEFAULT_TEMPLATE;
use serde::Serialize;
use wayin_api::request::{HookStyle, Ratio, Resolution, KNOWN_CAPTION_STYLES, LANGUAGES};

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
