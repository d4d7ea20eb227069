//! A project being made from the editor's footage, as the page shows it.

use engine::{CreationRecord, CreationSource};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreationView {
    pub id: i64,
    /// `ai_clipping` or `find_moments`.
    pub kind: wayin_api::TaskKind,
    /// `uploading`, `ready`, `sending`, `unknown`, `running`, `succeeded`, `failed`,
    /// `cancelled`.
    pub state: engine::CreationState,
    /// Once the API gave it: the project then opens like any other.
    pub project_id: Option<String>,
    pub name: Option<String>,
    /// The file's name (its folder stays in Rust) or the link.
    pub source: String,
    pub clips_found: usize,
    /// The clips found so far, best first: what the person sees arrive.
    pub found: Vec<FoundClip>,
    /// What it waits for now, in a few words.
    pub note: Option<String>,
    /// `refused`, `key_rejected`, `upload_failed`, `file_changed`, `unreadable`,
    /// `project_failed`, `answer_lost`, `expired`.
    pub problem: Option<engine::CreationProblem>,
    /// The vendor's or the storage host's words about the problem.
    pub message: Option<String>,
}

impl From<&CreationRecord> for CreationView {
    fn from(record: &CreationRecord) -> Self {
        let source = match &record.source {
            CreationSource::File { path, .. } => path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default(),
            CreationSource::Link { url } => url.clone(),
        };
        Self {
            id: record.id,
            kind: record.kind,
            state: record.state,
            project_id: record.project_id.clone(),
            name: record.project_name.clone(),
            source,
            clips_found: record.clips.len(),
            found: found_clips(&record.clips),
            note: record.note.clone(),
            problem: record.problem,
            message: record.message.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FoundClip {
    pub idx: u32,
    pub title: String,
    pub score: Option<f64>,
    pub duration_ms: Option<u64>,
}

fn found_clips(clips: &[wayin_api::Clip]) -> Vec<FoundClip> {
    let mut ranked: Vec<&wayin_api::Clip> = clips.iter().collect();
    ranked.sort_by(|a, b| wayin_api::create::best_first(a, b));
    ranked
        .into_iter()
        .map(|clip| FoundClip {
            idx: clip.idx,
            title: clip.title.clone(),
            score: clip.score,
            duration_ms: clip.duration_ms(),
        })
        .collect()
}
