//! What the store keeps of a project being created from the editor's own footage.

use std::path::PathBuf;

use serde::Serialize;
use wayin_api::{Clip, TaskKind};

pub type CreationId = i64;

/// Where a creation stands. Before `Sending` nothing was paid for and the job may run again;
/// from `Sending` on it never sends again by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CreationState {
    /// The file is on its way to the storage host (or will be, by whoever picks the job up).
    Uploading,
    /// The video is named (a link, or an uploaded file's identity); the project is not asked
    /// for yet, or it waits for one of the five running projects to finish.
    Ready,
    /// The request is on its way: an answer that never comes leaves it `Unknown`.
    Sending,
    /// The answer never came: the project may exist. Check before creating it again.
    Unknown,
    /// The API took it: its id is recorded, its clips are being found.
    Running,
    Succeeded,
    /// Refused, failed by the service, or stopped by its file: `problem` says which.
    Failed,
    /// Stopped by the person before anything was sent.
    Cancelled,
}

impl CreationState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Uploading => "uploading",
            Self::Ready => "ready",
            Self::Sending => "sending",
            Self::Unknown => "unknown",
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "uploading" => Self::Uploading,
            "ready" => Self::Ready,
            "sending" => Self::Sending,
            "unknown" => Self::Unknown,
            "running" => Self::Running,
            "succeeded" => Self::Succeeded,
            "failed" => Self::Failed,
            "cancelled" => Self::Cancelled,
            _ => return None,
        })
    }

    /// Nothing more happens to it unless someone acts.
    pub fn is_settled(self) -> bool {
        matches!(
            self,
            Self::Unknown | Self::Succeeded | Self::Failed | Self::Cancelled
        )
    }
}

/// Why a creation did not succeed, for each front end to word itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CreationProblem {
    /// The API refused the request; nothing was created.
    Refused,
    /// The key was rejected.
    KeyRejected,
    /// The file could not be sent (its storage host refused it, or the connection kept
    /// breaking).
    UploadFailed,
    /// The file changed while it was sent.
    FileChanged,
    /// The file could not be read.
    Unreadable,
    /// The service failed the project; the vendor's words are in `message`.
    ProjectFailed,
    /// The creation's answer never came.
    AnswerLost,
    /// The project's results can no longer be read.
    Expired,
}

impl CreationProblem {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Refused => "refused",
            Self::KeyRejected => "key_rejected",
            Self::UploadFailed => "upload_failed",
            Self::FileChanged => "file_changed",
            Self::Unreadable => "unreadable",
            Self::ProjectFailed => "project_failed",
            Self::AnswerLost => "answer_lost",
            Self::Expired => "expired",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Refused,
            Self::KeyRejected,
            Self::UploadFailed,
            Self::FileChanged,
            Self::Unreadable,
            Self::ProjectFailed,
            Self::AnswerLost,
            Self::Expired,
        ]
        .into_iter()
        .find(|problem| problem.as_str() == text)
    }
}

/// The video a project is made from. A file is written down as it was when chosen, so
/// selects cut from it later can tell whether it is still the same file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CreationSource {
    File {
        path: PathBuf,
        size: u64,
        modified_ms: Option<i64>,
        fingerprint: String,
    },
    Link {
        url: String,
    },
}

/// One project being created (or made) from the editor's footage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreationRecord {
    pub id: CreationId,
    pub kind: TaskKind,
    pub state: CreationState,
    pub source: CreationSource,
    /// The request as it will be (or was) sent; a file's `video_url` is filled once uploaded.
    #[serde(skip)]
    pub request: serde_json::Value,
    /// The project's id once the API gave it: it opens like any other project.
    pub project_id: Option<String>,
    pub project_name: Option<String>,
    /// The API's status (`QUEUED`, `ONGOING`, `SUCCEEDED`, `FAILED`…), once asked.
    pub status: Option<String>,
    /// The clips found so far, at most `clip_limit` of them, the best by score.
    pub clips: Vec<Clip>,
    pub clip_limit: Option<u32>,
    /// What it is waiting for right now, in a few words (`five projects are running`).
    pub note: Option<String>,
    pub problem: Option<CreationProblem>,
    /// The vendor's or the storage host's words about the problem.
    pub message: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}
