//! Selects on the source video: each clip as its `begin_ms..end_ms` range of the user's own
//! long video, nothing rendered and no API units spent.

use std::path::Path;

use timeline::{Marker, Timeline, TimelineClip};
use wayin_api::Clip;

use super::probe::probe_source;
use super::TimelineError;

/// The selects timeline and the clips that did not fit the source as given.
#[derive(Debug, Clone)]
pub struct Selects {
    pub timeline: Timeline,
    pub skipped: Vec<SkippedRange>,
}

/// A clip whose range the source could not give in full: said, never silently cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRange {
    pub idx: u32,
    pub title: String,
    pub reason: SkippedReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkippedReason {
    /// The API gave no begin or end time.
    NoRange,
    /// It starts at or after the source's end: left out.
    StartsAfterSourceEnd { begin_ms: u64, source_ms: u64 },
    /// It runs past the source's end: cut there.
    CutAtSourceEnd { end_ms: u64, source_ms: u64 },
}

impl SkippedRange {
    /// What happened, as a person reads it.
    pub fn describe(&self) -> String {
        let clock = |ms: u64| format_clock(ms);
        match self.reason {
            SkippedReason::NoRange => format!(
                "Clip {} \"{}\" has no time range in the project: left out.",
                self.idx, self.title
            ),
            SkippedReason::StartsAfterSourceEnd {
                begin_ms,
                source_ms,
            } => format!(
                "Clip {} \"{}\" starts at {}, after the source video ends ({}): left out.",
                self.idx,
                self.title,
                clock(begin_ms),
                clock(source_ms)
            ),
            SkippedReason::CutAtSourceEnd { end_ms, source_ms } => format!(
                "Clip {} \"{}\" ends at {}, after the source video ends ({}): cut at the end.",
                self.idx,
                self.title,
                clock(end_ms),
                clock(source_ms)
            ),
        }
    }
}

/// The clips named by `wanted`, in that order; every clip by idx when `None`. `Err` names the
/// first idx the project does not have.
pub fn chosen_clips(clips: &[Clip], wanted: Option<&[u32]>) -> Result<Vec<Clip>, u32> {
    let Some(wanted) = wanted else {
        let mut all = clips.to_vec();
        all.sort_by_key(|clip| clip.idx);
        return Ok(all);
    };
    wanted
        .iter()
        .map(|idx| {
            clips
                .iter()
                .find(|clip| clip.idx == *idx)
                .cloned()
                .ok_or(*idx)
        })
        .collect()
}

/// `clips` (in the order given) as ranges of `source`, named `{project} · selects`.
pub fn selects_timeline(
    project: &str,
    clips: &[Clip],
    source: &Path,
) -> Result<Selects, TimelineError> {
    let media = probe_source(source)?;
    let rate = media.info.rate;
    let source_frames = media.info.frames;
    let source_ms = rate.ms_from_frames(source_frames);
    let mut skipped = Vec::new();
    let mut timeline_clips = Vec::new();
    for clip in clips {
        let title = clip.title.trim().to_owned();
        let skip = |reason| SkippedRange {
            idx: clip.idx,
            title: title.clone(),
            reason,
        };
        let (Some(begin_ms), Some(end_ms)) = (clip.begin_ms, clip.end_ms) else {
            skipped.push(skip(SkippedReason::NoRange));
            continue;
        };
        let source_in = rate.frames_from_ms(begin_ms);
        let mut source_out = rate.frames_from_ms(end_ms.max(begin_ms));
        if source_in >= source_frames {
            skipped.push(skip(SkippedReason::StartsAfterSourceEnd {
                begin_ms,
                source_ms,
            }));
            continue;
        }
        if source_out > source_frames {
            skipped.push(skip(SkippedReason::CutAtSourceEnd { end_ms, source_ms }));
            source_out = source_frames;
        }
        if source_out == source_in {
            skipped.push(skip(SkippedReason::NoRange));
            continue;
        }
        timeline_clips.push(TimelineClip {
            name: if title.is_empty() {
                format!("Clip {}", clip.idx)
            } else {
                title.clone()
            },
            media: 0,
            source_in,
            frames: source_out - source_in,
            marker: Marker::for_clip(clip.idx, clip.score, &clip.tags, &clip.desc),
            keywords: clip.tags.clone(),
        });
    }
    if timeline_clips.is_empty() {
        return Err(TimelineError::NothingInSource {
            source_length: format_clock(source_ms),
        });
    }
    Ok(Selects {
        timeline: Timeline {
            name: format!("{project} · selects"),
            event: project.to_owned(),
            rate,
            width: media.info.width,
            height: media.info.height,
            media: vec![media],
            clips: timeline_clips,
        },
        skipped,
    })
}

/// `1:02:03` or `12:03`.
fn format_clock(ms: u64) -> String {
    let seconds = ms / 1000;
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}
