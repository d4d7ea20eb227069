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
            note: record.note.clone(),
            problem: record.problem,
            message: record.message.clone(),
        }
    }
}
