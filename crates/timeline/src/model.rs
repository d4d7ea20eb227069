//! What a timeline is made of, whatever format it is written in: media files with their probed
//! properties, and clips that each take a frame range of one medium, in sequence order.

use crate::media_path::MediaPath;
use crate::rate::Rate;

/// What probing a media file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaInfo {
    pub rate: Rate,
    /// Video frames in the file.
    pub frames: u64,
    pub width: u32,
    pub height: u32,
    pub audio: Option<AudioInfo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AudioInfo {
    pub sample_rate: u32,
    pub channels: u16,
}

/// One media file the timeline points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    pub path: MediaPath,
    pub info: MediaInfo,
}

/// A marker: a short name and a longer note (EDL keeps only the name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub name: String,
    pub note: String,
}

impl Marker {
    /// The marker of one WayinVideo clip: its idx and score in the name, the tags and the
    /// description in the note.
    pub fn for_clip(idx: u32, score: Option<f64>, tags: &[String], description: &str) -> Marker {
        let name = match score {
            Some(score) => format!("Clip {idx} · score {}", trim_float(score)),
            None => format!("Clip {idx}"),
        };
        let mut note = String::new();
        if !tags.is_empty() {
            note.push_str("Tags: ");
            note.push_str(&tags.join(", "));
        }
        let description = description.trim();
        if !description.is_empty() {
            if !note.is_empty() {
                note.push_str(". ");
            }
            note.push_str(description);
        }
        Marker { name, note }
    }
}

fn trim_float(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value:.2}")
    }
}

/// One clip on the timeline: `frames` frames of `media` from `source_in`, both counted at the
/// medium's own rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineClip {
    pub name: String,
    /// Index into `Timeline::media`.
    pub media: usize,
    pub source_in: u64,
    pub frames: u64,
    pub marker: Marker,
    /// FCPXML keywords (the clip's tags).
    pub keywords: Vec<String>,
}

/// One sequence of clips.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The sequence's name: the project and the export's options.
    pub name: String,
    /// What holds the sequence where a format has such a level (FCPXML's event): the project.
    pub event: String,
    /// The sequence's frame rate and size: the first medium's.
    pub rate: Rate,
    pub width: u32,
    pub height: u32,
    pub media: Vec<Media>,
    pub clips: Vec<TimelineClip>,
}

/// Where one clip sits, in frames: `record_*` on the sequence at the sequence's rate,
/// `source_*` in the medium at the medium's rate. `*_out` is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub record_in: u64,
    pub record_out: u64,
    pub source_in: u64,
    pub source_out: u64,
}

impl Timeline {
    /// The clips' places on the sequence, one after the other from frame 0.
    pub fn placements(&self) -> Vec<Placement> {
        let mut record = 0;
        self.clips
            .iter()
            .map(|clip| {
                let media_rate = self.media[clip.media].info.rate;
                let length = self.rate.convert(clip.frames, media_rate);
                let placement = Placement {
                    record_in: record,
                    record_out: record + length,
                    source_in: clip.source_in,
                    source_out: clip.source_in + clip.frames,
                };
                record += length;
                placement
            })
            .collect()
    }

    /// The sequence's length in its own frames.
    pub fn frames(&self) -> u64 {
        self.placements().last().map_or(0, |last| last.record_out)
    }

    /// Whether any medium has sound.
    pub fn has_audio(&self) -> bool {
        self.media.iter().any(|media| media.info.audio.is_some())
    }

    /// The sample rate of the sequence's audio: the first medium with sound's, else 48 kHz.
    pub fn audio_sample_rate(&self) -> u32 {
        self.media
            .iter()
            .find_map(|media| media.info.audio.map(|audio| audio.sample_rate))
            .unwrap_or(48_000)
    }
}

/// The formats we write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Final Cut Pro 7 XML (`xmeml` v4): Premiere Pro and DaVinci Resolve.
    Xmeml,
    /// FCPXML 1.10: Final Cut Pro, and DaVinci Resolve.
    Fcpxml,
    /// CMX3600 EDL: any editor.
    Edl,
    /// OpenTimelineIO JSON: Resolve 18.5+, and tools.
    Otio,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Xmeml, Format::Fcpxml, Format::Edl, Format::Otio];

    /// The format's stable name, which the store keeps and the window sends: apart from
    /// its file extension, so a second flavour of one extension can be added.
    pub fn id(self) -> &'static str {
        match self {
            Format::Xmeml => "xmeml",
            Format::Fcpxml => "fcpxml",
            Format::Edl => "cmx3600",
            Format::Otio => "otio",
        }
    }

    /// The file extension, which is also the format's name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xmeml => "xml",
            Format::Fcpxml => "fcpxml",
            Format::Edl => "edl",
            Format::Otio => "otio",
        }
    }

    /// Who or what reads it, in a few words, for buttons and choices.
    pub fn short_label(self) -> &'static str {
        match self {
            Format::Xmeml => "Premiere / Resolve",
            Format::Fcpxml => "Final Cut",
            Format::Edl => "EDL",
            Format::Otio => "OTIO",
        }
    }

    /// What the format is for, as a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Xmeml => "Premiere Pro / DaVinci Resolve XML",
            Format::Fcpxml => "Final Cut Pro XML",
            Format::Edl => "EDL",
            Format::Otio => "OpenTimelineIO",
        }
    }

    pub fn from_extension(text: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|format| format.extension().eq_ignore_ascii_case(text.trim()))
    }

    pub fn from_id(text: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.id() == text)
    }

    /// The format `text` names by its id or its extension (as people type it).
    pub fn from_name(text: &str) -> Option<Format> {
        let text = text.trim();
        Format::ALL
            .into_iter()
            .find(|format| format.id().eq_ignore_ascii_case(text))
            .or_else(|| Format::from_extension(text))
    }

    /// A comma list of ids or extensions, or `all`; each format once, in `ALL`'s order.
    pub fn parse_list(text: &str) -> Result<Vec<Format>, String> {
        let mut formats = Vec::new();
        for word in text
            .split(',')
            .map(str::trim)
            .filter(|word| !word.is_empty())
        {
            if word.eq_ignore_ascii_case("all") {
                formats.extend(Format::ALL);
                continue;
            }
            match Format::from_name(word) {
                Some(format) => formats.push(format),
                None => {
                    return Err(format!(
                        "unknown timeline format `{word}`: use xml (xmeml), fcpxml, edl (cmx3600), otio or all"
                    ))
                }
            }
        }
        if formats.is_empty() {
            return Err(
                "no timeline format given: use xml (xmeml), fcpxml, edl (cmx3600), otio or all"
                    .into(),
            );
        }
        formats.sort();
        formats.dedup();
        Ok(formats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_lists_accept_names_and_all_once_each() {
        assert_eq!(Format::parse_list("all").unwrap(), Format::ALL.to_vec());
        assert_eq!(
            Format::parse_list("otio, XML,xml").unwrap(),
            vec![Format::Xmeml, Format::Otio]
        );
        assert!(Format::parse_list("aaf").unwrap_err().contains("aaf"));
        assert_eq!(
            Format::parse_list("cmx3600,xmeml,edl").unwrap(),
            vec![Format::Xmeml, Format::Edl]
        );
        for format in Format::ALL {
            assert_eq!(Format::from_id(format.id()), Some(format));
            assert_eq!(Format::from_name(format.extension()), Some(format));
        }
        assert!(Format::parse_list(" , ").is_err());
    }

    #[test]
    fn a_clip_marker_names_idx_and_score_and_notes_tags_and_description() {
        let marker = Marker::for_clip(3, Some(94.0), &["a".into(), "b c".into()], " Why. ");
        assert_eq!(marker.name, "Clip 3 · score 94");
        assert_eq!(marker.note, "Tags: a, b c. Why.");
        assert_eq!(Marker::for_clip(0, None, &[], "").note, "");
    }
}
