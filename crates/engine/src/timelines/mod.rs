//! Timelines for editors: an export's finished clips as one sequence (FCP7 XML, FCPXML, EDL,
//! OTIO), or "selects" on the user's own source video. Every frame rate, length and size comes
//! from probing the files; the files land beside the clips and never overwrite anything.

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
