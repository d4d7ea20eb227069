//! Timelines for editors from a list of clips: FCP7 XML (`xmeml` v4) for Premiere Pro and
//! DaVinci Resolve, FCPXML 1.10 for Final Cut Pro, a CMX3600 EDL and OpenTimelineIO.
//!
//! Frame rates, frame counts, sizes and audio come from probing the MP4 files themselves
//! (`probe`); every time written is an integer count on the frame grid (`rate`).

pub mod edl;
pub mod fcpxml;
mod model;
pub mod otio;
pub mod probe;
pub mod rate;
#[doc(hidden)]
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod xmeml;
mod xml;

pub use model::{AudioInfo, Format, Marker, Media, MediaInfo, Placement, Timeline, TimelineClip};
pub use probe::{probe_bytes, probe_file, probe_reader, ProbeError};
pub use rate::Rate;
pub mod media_path;

pub use media_path::{MediaPath, PathStyle};

/// The timeline as the text of `format`'s file.
pub fn render(timeline: &Timeline, format: Format) -> String {
    match format {
        Format::Xmeml => xmeml::write(timeline),
        Format::Fcpxml => fcpxml::write(timeline),
        Format::Edl => edl::write(timeline),
        Format::Otio => otio::write(timeline),
    }
}
