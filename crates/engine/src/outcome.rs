//! Where an export ended up: its record and downloads, whether it is over, and if it did not
//! fully succeed, the one reason a person needs to hear, as a kind each front end words
//! itself. Computed in `settling.rs`.

use serde::Serialize;

use crate::store::{DownloadRecord, ExportRecord, TimelineFileRecord};
use crate::ExportPhase;

#[derive(Debug, Clone, Serialize)]
pub struct ExportOutcome {
    pub export: ExportRecord,
    pub downloads: Vec<DownloadRecord>,
    /// Nothing more will happen without someone acting.
    pub settled: bool,
    /// Every wanted clip is on disk, complete.
    pub complete: bool,
    pub problem: Option<ExportProblem>,
    pub phase: ExportPhase,
    /// Timeline files written for the export that are still on disk.
    pub timelines: Vec<TimelineFileRecord>,
}

/// Why an export did not (yet) fully succeed. Serialised as `{kind, …}`; `Display` is the
/// terminal's wording, the page words each kind itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum ExportProblem {
    /// The API refused the export at submit; nothing was charged. Its words.
    Refused {
        message: String,
    },
    /// The submit's answer never came: it may have been accepted and charged.
    AnswerLost {
        message: String,
    },
    /// WayinVideo could not render it; the vendor's words when it gave any.
    RenderFailed {
        message: Option<String>,
    },
    /// The results expired before every clip was downloaded.
    Expired,
    /// The export finished but these clips never got a link.
    LinksMissing {
        clips: Vec<u32>,
    },
    /// A download that no process runs any more (another window or command had it).
    DownloadStopped {
        idx: u32,
    },
    /// A download failed: its kind (`disk_full`, `network`…) and words.
    DownloadFailed {
        idx: u32,
        error_kind: Option<String>,
        message: String,
    },
    DownloadCancelled {
        idx: u32,
    },
    /// A wanted clip with neither a link nor a download once polling ended.
    NoLink {
        idx: u32,
    },
    NotDownloaded {
        idx: u32,
    },
    /// A requested clip the API did not render.
    NotRendered {
        idx: u32,
    },
}

impl ExportProblem {
    /// The stable name scripts and the page branch on.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Refused { .. } => "refused",
            Self::AnswerLost { .. } => "answer_lost",
            Self::RenderFailed { .. } => "render_failed",
            Self::Expired => "expired",
            Self::LinksMissing { .. } => "links_missing",
            Self::DownloadStopped { .. } => "download_stopped",
            Self::DownloadFailed { .. } => "download_failed",
            Self::DownloadCancelled { .. } => "download_cancelled",
            Self::NoLink { .. } => "no_link",
            Self::NotDownloaded { .. } => "not_downloaded",
            Self::NotRendered { .. } => "not_rendered",
        }
    }
}

impl std::fmt::Display for ExportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Refused { message } | Self::AnswerLost { message } => f.write_str(message),
            Self::RenderFailed { message } => write!(
                f,
                "The export failed: {}",
                message.as_deref().unwrap_or("no reason given")
            ),
            Self::Expired => f.write_str(
                "The export's results expired before every clip was downloaded. Export it again.",
            ),
            Self::LinksMissing { clips } => {
                let list: Vec<String> = clips.iter().map(u32::to_string).collect();
                write!(
                    f,
                    "The export finished but the API never gave a link for clip(s) {}. Try `download` again later.",
                    list.join(" ")
                )
            }
            Self::DownloadStopped { idx } => write!(
                f,
                "Clip {idx} stopped before it finished (another window or command may be downloading it); retry it to continue."
            ),
            Self::DownloadFailed { idx, message, .. } => {
                write!(f, "Clip {idx} could not be downloaded: {message}")
            }
            Self::DownloadCancelled { idx } => {
                write!(f, "The download of clip {idx} was cancelled.")
            }
            Self::NoLink { idx } => write!(f, "Clip {idx} has no link."),
            Self::NotDownloaded { idx } => write!(f, "Clip {idx} was not downloaded."),
            Self::NotRendered { idx } => write!(f, "Clip {idx} was not rendered by the API."),
        }
    }
}
