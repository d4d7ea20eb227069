//! The export engine: makes an export safe (nothing paid for is lost), fast
//! (downloads at disk speed) and hands-off (downloads start as clips render).
//! Knows nothing of windows; the desktop shell and the `wayin-export` command both
//! drive it through [`Engine`] and its [`Event`]s.

mod auto_timelines;
mod cadence;
mod changed;
pub mod clock;
mod closed_reason;
mod config;
mod creation;
pub mod downloaded;
mod elsewhere;
mod engine;
mod engine_core;
mod engine_creations;
mod error;
mod events;
mod export_poll;
mod lease;
pub mod naming;
mod new_downloads;
mod outcome;
mod phase;
mod queue;
pub mod recent;
mod recovery;
mod runs_downloads;
mod scheduler;
pub mod settings;
mod settling;
pub mod shared_budget;
pub mod store;
mod submit;
pub mod timelines;
mod worker;

pub use closed_reason::ClosedReason;
pub use config::{default_data_dir, EngineConfig, PollConfig, APP_IDENTIFIER};
pub use creation::{check_source, fingerprint, CreationSpec, SourceMoved};
pub use engine::{Engine, STORE_FILE};
pub use error::EngineError;
pub use events::{DownloadProgress, Event, PollFailed, UploadProgress};
pub use outcome::{ExportOutcome, ExportProblem};
pub use phase::ExportPhase;
pub use store::{
    ClipRecord, CreationId, CreationProblem, CreationRecord, CreationSource, CreationState,
    DownloadId, DownloadRecord, DownloadState, ExportId, ExportRecord, Store, SubmitState,
    TimelineFileRecord,
};
pub use submit::DownloadPlan;
