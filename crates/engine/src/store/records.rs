use std::path::PathBuf;

use crate::ClosedReason;
use serde::{Deserialize, Serialize};
use wayin_api::Clip;

pub type ExportId = i64;
pub type DownloadId = i64;

/// Where the submit of an export stands. `Unknown` is the one that matters: the
/// request may have been charged, so it is shown, never silently sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmitState {
    /// Recorded, the request is on its way.
    Pending,
    /// The API answered with a task id.
    Sent,
    /// The answer never came: check before exporting again.
    Unknown,
    /// The API refused it; nothing was charged.
    Rejected,
    /// A task submitted elsewhere, followed here for its downloads.
    Attached,
}

impl SubmitState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Unknown => "unknown",
            Self::Rejected => "rejected",
            Self::Attached => "attached",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "pending" => Self::Pending,
            "sent" => Self::Sent,
            "unknown" => Self::Unknown,
            "rejected" => Self::Rejected,
            "attached" => Self::Attached,
            _ => return None,
        })
    }
}

/// What is needed to record an export before it is sent.
#[derive(Debug, Clone)]
pub struct NewExport {
    pub project_id: Option<String>,
    pub project_name: Option<String>,
    pub request: Option<serde_json::Value>,
    pub requested_clips: Option<Vec<u32>>,
    pub submit_state: SubmitState,
    pub task_id: Option<String>,
    pub out_dir: PathBuf,
    pub name_template: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportRecord {
    pub id: ExportId,
    pub project_id: Option<String>,
    pub project_name: Option<String>,
    pub request: Option<serde_json::Value>,
    /// `None`: every clip of the project.
    pub requested_clips: Option<Vec<u32>>,
    pub submit_state: SubmitState,
    pub submit_error: Option<String>,
    pub task_id: Option<String>,
    pub name: Option<String>,
    /// The API's status, as it last said it.
    pub status: Option<String>,
    pub error_message: Option<String>,
    pub cost_usage: Option<f64>,
    pub expire_at: Option<i64>,
    pub out_dir: PathBuf,
    pub name_template: String,
    /// Nothing more will be asked of the API for this export.
    pub polling_done: bool,
    /// `None` while polling goes on, and for a reason written by a newer version.
    pub closed_reason: Option<ClosedReason>,
    pub succeeded_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl ExportRecord {
    pub fn is_failed(&self) -> bool {
        self.status.as_deref() == Some("FAILED")
    }

    pub fn is_succeeded(&self) -> bool {
        self.status.as_deref() == Some("SUCCEEDED")
    }

    /// What the export's clips and timelines are named after: the project's name, else its
    /// id, else the API's name for the export (one attached from elsewhere).
    pub fn project_label(&self) -> Option<String> {
        self.project_name
            .clone()
            .or_else(|| self.project_id.clone())
            .or_else(|| self.name.clone())
    }

    /// Whether `idx` is one of the clips this export asked for (all, when unspecified).
    pub fn wants_clip(&self, idx: u32) -> bool {
        self.requested_clips
            .as_ref()
            .is_none_or(|clips| clips.contains(&idx))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClipRecord {
    pub export_id: ExportId,
    pub clip: Clip,
    pub link: Option<String>,
    pub link_fetched_at: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DownloadState {
    Waiting,
    Downloading,
    Done,
    Failed,
    Cancelled,
}

impl DownloadState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Downloading => "downloading",
            Self::Done => "done",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "waiting" => Self::Waiting,
            "downloading" => Self::Downloading,
            "done" => Self::Done,
            "failed" => Self::Failed,
            "cancelled" => Self::Cancelled,
            _ => return None,
        })
    }

    /// Still to be worked on (after a restart too).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Waiting | Self::Downloading)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DownloadRecord {
    pub id: DownloadId,
    pub export_id: ExportId,
    pub idx: u32,
    pub path: PathBuf,
    pub state: DownloadState,
    pub bytes_done: u64,
    pub total: Option<u64>,
    pub error_kind: Option<String>,
    pub error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}
