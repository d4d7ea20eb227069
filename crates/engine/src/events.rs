//! What the engine tells its subscribers (the app's window, the terminal's bars).
//! Progress arrives already throttled by the transfer (at most 10 a second per file).

use serde::Serialize;
use tokio::sync::broadcast;

use crate::outcome::ExportOutcome;
use crate::store::{
    CreationId, CreationRecord, DownloadId, DownloadRecord, ExportId, ExportRecord,
};

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// Anything about an export changed: submit state, status, cost, links.
    ExportUpdated {
        export: Box<ExportRecord>,
    },
    DownloadProgress(DownloadProgress),
    /// A download was planned, started, finished, failed or was cancelled.
    DownloadChanged {
        download: Box<DownloadRecord>,
    },
    /// The export is over: nothing more happens to it unless someone acts (a retry).
    /// Sent by whichever change settled it, with the outcome as it stands.
    ExportSettled {
        outcome: Box<ExportOutcome>,
    },
    /// Asking the API about an export failed; polling goes on, more slowly.
    PollFailed(PollFailed),
    /// Anything about a project being created changed: its state, its id, clips found.
    CreationUpdated {
        creation: Box<CreationRecord>,
    },
    /// A creation's file is on its way to the storage host.
    UploadProgress(UploadProgress),
}

/// How far one clip's download is. Serialised with camelCase fields, as the IPC passes it on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadProgress {
    pub download_id: DownloadId,
    pub export_id: ExportId,
    pub idx: u32,
    pub bytes_done: u64,
    pub total: Option<u64>,
    pub bytes_per_sec: f64,
    pub eta_secs: Option<f64>,
}

/// Asking the API about an export failed; `kind` is the API error's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PollFailed {
    pub export_id: ExportId,
    pub kind: String,
    pub message: String,
}

/// How far a creation's upload is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadProgress {
    pub creation_id: CreationId,
    pub bytes_done: u64,
    pub total: u64,
    pub bytes_per_sec: f64,
    pub eta_secs: Option<f64>,
}

impl Event {
    /// The export the event is about; `None` for a project being created.
    pub fn export_id(&self) -> Option<ExportId> {
        Some(match self {
            Self::ExportUpdated { export } => export.id,
            Self::DownloadProgress(progress) => progress.export_id,
            Self::DownloadChanged { download } => download.export_id,
            Self::ExportSettled { outcome } => outcome.export.id,
            Self::PollFailed(failed) => failed.export_id,
            Self::CreationUpdated { .. } | Self::UploadProgress(_) => return None,
        })
    }

    /// The project creation the event is about, if it is about one.
    pub fn creation_id(&self) -> Option<CreationId> {
        match self {
            Self::CreationUpdated { creation } => Some(creation.id),
            Self::UploadProgress(progress) => Some(progress.creation_id),
            _ => None,
        }
    }
}

/// A broadcast hub: a slow subscriber misses old progress, never blocks a download.
#[derive(Clone)]
pub(crate) struct EventHub {
    sender: broadcast::Sender<Event>,
}

impl EventHub {
    pub fn new() -> Self {
        Self {
            sender: broadcast::channel(1024).0,
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.sender.subscribe()
    }

    pub fn send(&self, event: Event) {
        // No subscriber is not an error: the engine works the same unwatched.
        let _ = self.sender.send(event);
    }
}
