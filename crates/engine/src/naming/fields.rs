use wayin_api::request::{Ratio, Resolution};
use wayin_api::Clip;

use super::{civil_date, NameFields};

/// What an export says about how its clips look, as far as their names are concerned.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportFrame {
    pub resolution: Option<Resolution>,
    /// `None`: not reframed.
    pub ratio: Option<Ratio>,
}

impl NameFields {
    /// The fields of `clip` in an export: the same for the file an export writes and for
    /// the name shown while a template is edited. `created_at_ms` gives `{date}`.
    pub fn for_clip(
        project: String,
        task: String,
        clip: &Clip,
        look: ExportFrame,
        created_at_ms: i64,
    ) -> Self {
        Self {
            project,
            task,
            idx: clip.idx,
            title: clip.title.clone(),
            score: clip.score,
            resolution: look
                .resolution
                .map(|r| r.label().to_owned())
                .unwrap_or_default(),
            ratio: look
                .ratio
                .map(|r| r.label().replace(':', "x"))
                .unwrap_or_else(|| "original".into()),
            date: civil_date(created_at_ms),
        }
    }
}
