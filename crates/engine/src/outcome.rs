//! Where an export ended up: its record and downloads, whether it is over, and if it did not
//! fully succeed, the one reason a person needs to hear. Computed in `settling.rs`.

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
    pub problem: Option<String>,
    pub phase: ExportPhase,
    /// Timeline files written for the export that are still on disk.
    pub timelines: Vec<TimelineFileRecord>,
}
