//! Timelines for editors: an export's finished clips as one sequence (FCP7 XML, FCPXML, EDL,
//! OTIO), or "selects" on the user's own source video. Every frame rate, length and size comes
//! from probing the files; the files land beside the clips and never overwrite anything.

mod auto;
mod error;
mod export;
mod files;
mod probe;
mod selects;

use std::path::Path;

pub use error::TimelineError;
pub use export::{export_timeline, in_export_order, write_export_timelines};
pub use files::{write_timeline_files, WrittenTimeline};
pub use selects::{chosen_clips, selects_timeline, Selects, SkippedRange, SkippedReason};
pub use timeline::{Format as TimelineFormat, Timeline};

pub(crate) use auto::write_due_timelines;

use crate::engine::Engine;
use crate::error::EngineError;
use crate::store::ExportId;

impl Engine {
    /// Writes `formats` for the export's finished clips into its download folder and records
    /// them. A format whose recorded file still holds exactly what would be written is not
    /// written again. Reads and writes files: call it off the async workers.
    pub fn write_export_timelines(
        &self,
        export_id: ExportId,
        formats: &[TimelineFormat],
    ) -> Result<Vec<WrittenTimeline>, EngineError> {
        Ok(write_export_timelines(
            &self.inner.store,
            export_id,
            formats,
            None,
        )?)
    }

    /// The formats written automatically once an export's clips are all on disk; none stops it.
    pub fn set_auto_timelines(&self, formats: Vec<TimelineFormat>) {
        *self
            .inner
            .auto_timelines
            .write()
            .unwrap_or_else(|p| p.into_inner()) = formats;
    }
}

/// The name timeline files start from: `{project} - timeline`, `{project} - selects`.
pub fn base_name(project: &str, kind: &str) -> String {
    format!("{project} - {kind}")
}

/// Whether `path` names a file this app would write as a timeline.
pub fn is_timeline_path(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .and_then(TimelineFormat::from_extension)
        .is_some()
}
