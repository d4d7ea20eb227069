//! FCPXML 1.10, the XML Final Cut Pro (10.6 and later) and DaVinci Resolve import.
//!
//! Every time is a rational number of seconds on a frame grid (`Rate::fcpxml_time`): a time off
//! the grid makes Final Cut refuse the item. Offsets and durations on the spine are counted in
//! sequence frames, a clip's `start` in its medium's frames.

use crate::model::{Media, Timeline, TimelineClip};
use crate::rate::Rate;
use crate::xml::XmlWriter;

/// The FCPXML document of `timeline`.
pub fn write(timeline: &Timeline) -> String {
    let resources = Resources::collect(timeline);
    let mut xml = XmlWriter::new("fcpxml");
    xml.open("fcpxml", &[("version", "1.10")]);
    resources.write(&mut xml, timeline);

    xml.open("library", &[]);
    xml.open("event", &[("name", &timeline.event)]);
    xml.open("project", &[("name", &timeline.name)]);
    let sequence_format = resources.format_id(&VideoFormat::of_timeline(timeline));
    xml.open(
        "sequence",
        &[
            ("format", &sequence_format),
            ("duration", &timeline.rate.fcpxml_time(timeline.frames())),
            ("tcStart", "0s"),
            ("tcFormat", "NDF"),
            ("audioLayout", audio_layout(timeline)),
            (
                "audioRate",
                sequence_audio_rate(timeline.audio_sample_rate()),
            ),
        ],
    );
    xml.open("spine", &[]);
    for (clip, placement) in timeline.clips.iter().zip(timeline.placements()) {
        let media = &timeline.media[clip.media];
        let rate = media.info.rate;
        let start = rate.fcpxml_time(placement.source_in);
        // On the sequence's grid, so the next clip's offset is exactly this one's end; with
        // equal rates it is the clip's own frame count.
        let duration = timeline
            .rate
            .fcpxml_time(placement.record_out - placement.record_in);
        xml.open(
            "asset-clip",
            &[
                ("ref", &resources.asset_id(clip.media)),
                ("offset", &timeline.rate.fcpxml_time(placement.record_in)),
                ("name", &clip.name),
                ("start", &start),
                ("duration", &duration),
                (
                    "format",
                    &resources.format_id(&VideoFormat::of_media(media)),
                ),
                ("tcFormat", "NDF"),
            ],
        );
        write_marker_and_keywords(&mut xml, clip, rate, &start, &duration);
        xml.close();
    }
    xml.close();
    xml.close();
    xml.close();
    xml.close();
    xml.close();

    xml.close();
    xml.finish()
}

/// The clip's marker at its first frame, and its tags as one keyword range over all of it.
/// Both count the clip's local time, which is its medium's.
fn write_marker_and_keywords(
    xml: &mut XmlWriter,
    clip: &TimelineClip,
    rate: Rate,
    start: &str,
    duration: &str,
) {
    let frame = rate.fcpxml_frame_duration();
    let mut marker = vec![
        ("start", start),
        ("duration", frame.as_str()),
        ("value", clip.marker.name.as_str()),
    ];
    if !clip.marker.note.is_empty() {
        marker.push(("note", clip.marker.note.as_str()));
    }
    xml.empty("marker", &marker);
    let keywords = keyword_list(&clip.keywords);
    if !keywords.is_empty() {
        xml.empty(
            "keyword",
            &[
                ("start", start),
                ("duration", duration),
                ("value", &keywords),
            ],
        );
    }
}

/// Final Cut reads a keyword's `value` as a comma-separated list, so a comma inside a tag would
/// split it: it becomes a space. Whitespace runs collapse and empty tags go.
fn keyword_list(tags: &[String]) -> String {
    tags.iter()
        .map(|tag| {
            tag.replace(',', " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|tag| !tag.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct VideoFormat {
    rate: Rate,
    width: u32,
    height: u32,
}

impl VideoFormat {
    fn of_timeline(timeline: &Timeline) -> VideoFormat {
        VideoFormat {
            rate: timeline.rate,
            width: timeline.width,
            height: timeline.height,
        }
    }

    fn of_media(media: &Media) -> VideoFormat {
        VideoFormat {
            rate: media.info.rate,
            width: media.info.width,
            height: media.info.height,
        }
    }

    /// Final Cut's name for a standard format; other sizes (vertical video, say) go unnamed and
    /// Final Cut takes them from `frameDuration`, `width` and `height`.
    fn standard_name(self) -> Option<String> {
        let size = match (self.width, self.height) {
            (1280, 720) => "720p",
            (1920, 1080) => "1080p",
            (3840, 2160) => "3840x2160p",
            _ => return None,
        };
        let rate = match (self.rate.num, self.rate.den) {
            (24000, 1001) => "2398",
            (30000, 1001) => "2997",
            (60000, 1001) => "5994",
            (num @ (24 | 25 | 30 | 50 | 60), 1) => {
                return Some(format!("FFVideoFormat{size}{num}"))
            }
            _ => return None,
        };
        Some(format!("FFVideoFormat{size}{rate}"))
    }
}

/// The `<resources>`: the distinct video formats, the sequence's first, then one asset per
/// medium, numbered `r1`, `r2`, … in that order.
struct Resources {
    formats: Vec<VideoFormat>,
}

impl Resources {
    fn collect(timeline: &Timeline) -> Resources {
        let mut formats = vec![VideoFormat::of_timeline(timeline)];
        for media in &timeline.media {
            let format = VideoFormat::of_media(media);
            if !formats.contains(&format) {
                formats.push(format);
            }
        }
        Resources { formats }
    }

    fn format_id(&self, format: &VideoFormat) -> String {
        let index = self
            .formats
            .iter()
            .position(|known| known == format)
            .expect("every format is collected");
        format!("r{}", index + 1)
    }

    fn asset_id(&self, media: usize) -> String {
        format!("r{}", self.formats.len() + media + 1)
    }

    fn write(&self, xml: &mut XmlWriter, timeline: &Timeline) {
        xml.open("resources", &[]);
        for format in &self.formats {
            let id = self.format_id(format);
            let name = format.standard_name();
            let frame_duration = format.rate.fcpxml_frame_duration();
            let width = format.width.to_string();
            let height = format.height.to_string();
            let mut attributes = vec![("id", id.as_str())];
            if let Some(name) = &name {
                attributes.push(("name", name));
            }
            attributes.extend([
                ("frameDuration", frame_duration.as_str()),
                ("width", &width),
                ("height", &height),
            ]);
            xml.empty("format", &attributes);
        }
        for (index, media) in timeline.media.iter().enumerate() {
            self.write_asset(xml, index, media);
        }
        xml.close();
    }

    fn write_asset(&self, xml: &mut XmlWriter, index: usize, media: &Media) {
        let info = &media.info;
        let id = self.asset_id(index);
        let name = asset_name(media);
        let duration = info.rate.fcpxml_time(info.frames);
        let format = self.format_id(&VideoFormat::of_media(media));
        let mut attributes = vec![
            ("id", id.as_str()),
            ("name", name),
            ("start", "0s"),
            ("duration", &duration),
            ("hasVideo", "1"),
            ("format", &format),
            ("videoSources", "1"),
        ];
        let audio = info
            .audio
            .map(|audio| (audio.channels.to_string(), audio.sample_rate.to_string()));
        match &audio {
            Some((channels, sample_rate)) => attributes.extend([
                ("hasAudio", "1"),
                ("audioSources", "1"),
                ("audioChannels", channels),
                ("audioRate", sample_rate),
            ]),
            None => attributes.push(("hasAudio", "0")),
        }
        xml.open("asset", &attributes);
        xml.empty(
            "media-rep",
            &[("kind", "original-media"), ("src", &media.path.file_url())],
        );
        xml.close();
    }
}

/// The file name without its extension, as Final Cut names a clip it imports.
fn asset_name(media: &Media) -> &str {
    let file_name = media.path.file_name();
    match file_name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file_name,
    }
}

/// Mono only when every medium with sound is mono.
fn audio_layout(timeline: &Timeline) -> &'static str {
    let channels: Vec<u16> = timeline
        .media
        .iter()
        .filter_map(|media| media.info.audio.map(|audio| audio.channels))
        .collect();
    if !channels.is_empty() && channels.iter().all(|&count| count <= 1) {
        "mono"
    } else {
        "stereo"
    }
}

/// A sequence's `audioRate` is one of the DTD's named rates; Final Cut resamples any other
/// medium, so an unnamed rate takes the common 48 kHz.
fn sequence_audio_rate(sample_rate: u32) -> &'static str {
    match sample_rate {
        32_000 => "32k",
        44_100 => "44.1k",
        88_200 => "88.2k",
        96_000 => "96k",
        176_400 => "176.4k",
        192_000 => "192k",
        _ => "48k",
    }
}
