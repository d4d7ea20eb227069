//! Final Cut Pro 7 XML (`xmeml` version 4), the XML Premiere Pro and DaVinci Resolve import.
//!
//! The `<sequence>` sits directly under `<xmeml>`: Resolve imports an empty timeline from one
//! nested in a `<project>`. Each clip is a video `<clipitem>` plus, when its medium has sound,
//! one audio `<clipitem>` per channel track (two at most: stereo splits into a left and a right
//! mono track, as Final Cut 7 and Premiere lay it out), all linked to one another.

use crate::model::{Media, Placement, Timeline, TimelineClip};
use crate::rate::Rate;
use crate::xml::XmlWriter;

/// The `xmeml` document of `timeline`.
pub fn write(timeline: &Timeline) -> String {
    let placements = timeline.placements();
    let items = ClipItems::number(timeline);
    let mut xml = XmlWriter::new("xmeml");
    let mut written_files = vec![false; timeline.media.len()];

    xml.open("xmeml", &[("version", "4")]);
    xml.open("sequence", &[("id", "sequence-1")]);
    xml.text("name", &timeline.name);
    xml.text("duration", &timeline.frames().to_string());
    write_rate(&mut xml, timeline.rate);
    write_timecode(&mut xml, timeline.rate);
    xml.open("media", &[]);

    xml.open("video", &[]);
    xml.open("format", &[]);
    write_video_characteristics(&mut xml, timeline.rate, timeline.width, timeline.height);
    xml.close();
    xml.open("track", &[]);
    for (index, clip) in timeline.clips.iter().enumerate() {
        let item = Item {
            clip,
            media: &timeline.media[clip.media],
            placement: placements[index],
            links: &items.links[index],
        };
        write_clipitem(&mut xml, &item, &items.links[index][0], &mut written_files);
    }
    write_track_state(&mut xml);
    xml.close();
    xml.close();

    if items.audio_tracks > 0 {
        write_audio(&mut xml, timeline, &placements, &items, &mut written_files);
    }

    xml.close();
    xml.close();
    xml.close();
    xml.finish()
}

/// Where one clipitem sits: its id, track and 1-based position among its track's clipitems.
#[derive(Debug, Clone)]
struct Link {
    id: String,
    audio: bool,
    track: usize,
    clip_index: usize,
}

/// Every clipitem of the sequence, numbered in document order: the video track first, then
/// each audio track.
struct ClipItems {
    audio_tracks: usize,
    /// Per clip, its video clipitem then its audio clipitems in track order.
    links: Vec<Vec<Link>>,
}

impl ClipItems {
    fn number(timeline: &Timeline) -> ClipItems {
        let audio_tracks = timeline
            .clips
            .iter()
            .map(|clip| audio_channel_tracks(&timeline.media[clip.media]))
            .max()
            .unwrap_or(0);
        let mut next_id = 0;
        let mut new_id = || {
            next_id += 1;
            format!("clipitem-{next_id}")
        };
        let mut links: Vec<Vec<Link>> = timeline
            .clips
            .iter()
            .enumerate()
            .map(|(index, _)| {
                vec![Link {
                    id: new_id(),
                    audio: false,
                    track: 1,
                    clip_index: index + 1,
                }]
            })
            .collect();
        for track in 1..=audio_tracks {
            let mut clip_index = 0;
            for (clip, clip_links) in timeline.clips.iter().zip(&mut links) {
                if audio_channel_tracks(&timeline.media[clip.media]) >= track {
                    clip_index += 1;
                    clip_links.push(Link {
                        id: new_id(),
                        audio: true,
                        track,
                        clip_index,
                    });
                }
            }
        }
        ClipItems {
            audio_tracks,
            links,
        }
    }
}

/// How many mono audio tracks a medium's sound takes: none, one, or two for stereo and more.
fn audio_channel_tracks(media: &Media) -> usize {
    media
        .info
        .audio
        .map_or(0, |audio| usize::from(audio.channels.clamp(1, 2)))
}

struct Item<'a> {
    clip: &'a TimelineClip,
    media: &'a Media,
    placement: Placement,
    /// The clip's video clipitem and its audio ones.
    links: &'a [Link],
}

fn write_audio(
    xml: &mut XmlWriter,
    timeline: &Timeline,
    placements: &[Placement],
    items: &ClipItems,
    written_files: &mut [bool],
) {
    xml.open("audio", &[]);
    xml.text("numOutputChannels", &items.audio_tracks.to_string());
    xml.open("format", &[]);
    xml.open("samplecharacteristics", &[]);
    xml.text("depth", "16");
    xml.text("samplerate", &timeline.audio_sample_rate().to_string());
    xml.close();
    xml.close();
    for track in 1..=items.audio_tracks {
        xml.open("track", &[]);
        for (index, clip) in timeline.clips.iter().enumerate() {
            let links = &items.links[index];
            let Some(own) = links.iter().find(|link| link.audio && link.track == track) else {
                continue;
            };
            let item = Item {
                clip,
                media: &timeline.media[clip.media],
                placement: placements[index],
                links,
            };
            write_clipitem(xml, &item, own, written_files);
        }
        write_track_state(xml);
        xml.close();
    }
    xml.close();
}

fn write_clipitem(xml: &mut XmlWriter, item: &Item, own: &Link, written_files: &mut [bool]) {
    let media_rate = item.media.info.rate;
    let placement = item.placement;
    xml.open("clipitem", &[("id", &own.id)]);
    xml.text("name", &item.clip.name);
    xml.text("enabled", "TRUE");
    xml.text("duration", &item.media.info.frames.to_string());
    // In and out count the medium's frames, so the clipitem states the medium's rate; start
    // and end count the sequence's.
    write_rate(xml, media_rate);
    xml.text("start", &placement.record_in.to_string());
    xml.text("end", &placement.record_out.to_string());
    xml.text("in", &placement.source_in.to_string());
    xml.text("out", &placement.source_out.to_string());

    let file_id = format!("file-{}", item.clip.media + 1);
    if std::mem::replace(&mut written_files[item.clip.media], true) {
        xml.empty("file", &[("id", &file_id)]);
    } else {
        write_file(xml, &file_id, item.media);
    }

    if own.audio {
        xml.open("sourcetrack", &[]);
        xml.text("mediatype", "audio");
        xml.text("trackindex", &own.track.to_string());
        xml.close();
    } else {
        // One marker per clip, on its video item only so editors do not show it twice.
        let marker = &item.clip.marker;
        xml.open("marker", &[]);
        xml.text("name", &marker.name);
        xml.text("comment", &marker.note);
        xml.text("in", &placement.source_in.to_string());
        xml.text("out", "-1");
        xml.close();
    }

    if item.links.len() > 1 {
        for link in item.links {
            write_link(xml, link);
        }
    }
    xml.close();
}

fn write_link(xml: &mut XmlWriter, link: &Link) {
    xml.open("link", &[]);
    xml.text("linkclipref", &link.id);
    xml.text("mediatype", if link.audio { "audio" } else { "video" });
    xml.text("trackindex", &link.track.to_string());
    xml.text("clipindex", &link.clip_index.to_string());
    if link.audio {
        xml.text("groupindex", "1");
    }
    xml.close();
}

fn write_file(xml: &mut XmlWriter, id: &str, media: &Media) {
    let info = &media.info;
    xml.open("file", &[("id", id)]);
    xml.text("name", media.path.file_name());
    xml.text("pathurl", &media.path.localhost_url());
    write_rate(xml, info.rate);
    xml.text("duration", &info.frames.to_string());
    write_timecode(xml, info.rate);
    xml.open("media", &[]);
    xml.open("video", &[]);
    write_video_characteristics(xml, info.rate, info.width, info.height);
    xml.close();
    if let Some(audio) = info.audio {
        xml.open("audio", &[]);
        xml.open("samplecharacteristics", &[]);
        xml.text("depth", "16");
        xml.text("samplerate", &audio.sample_rate.to_string());
        xml.close();
        xml.text("channelcount", &audio.channels.to_string());
        xml.close();
    }
    xml.close();
    xml.close();
}

fn write_video_characteristics(xml: &mut XmlWriter, rate: Rate, width: u32, height: u32) {
    xml.open("samplecharacteristics", &[]);
    write_rate(xml, rate);
    xml.text("width", &width.to_string());
    xml.text("height", &height.to_string());
    xml.text("anamorphic", "FALSE");
    xml.text("pixelaspectratio", "square");
    xml.text("fielddominance", "none");
    xml.text("colordepth", "24");
    xml.close();
}

fn write_rate(xml: &mut XmlWriter, rate: Rate) {
    xml.open("rate", &[]);
    xml.text("timebase", &rate.timebase().to_string());
    xml.text("ntsc", if rate.is_ntsc() { "TRUE" } else { "FALSE" });
    xml.close();
}

/// A start timecode of 00:00:00:00, non-drop-frame: what a rendered clip carries.
fn write_timecode(xml: &mut XmlWriter, rate: Rate) {
    xml.open("timecode", &[]);
    write_rate(xml, rate);
    xml.text("string", &rate.timecode(0).to_string());
    xml.text("frame", "0");
    xml.text("displayformat", "NDF");
    xml.close();
}

fn write_track_state(xml: &mut XmlWriter) {
    xml.text("enabled", "TRUE");
    xml.text("locked", "FALSE");
}
