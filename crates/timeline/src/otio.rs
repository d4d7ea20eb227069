//! OpenTimelineIO JSON: a `Timeline.1` whose `Stack.1` holds a video track of `Clip.2`s and,
//! when any medium has sound, an audio track of the same clips (a gap where a medium is silent,
//! so both tracks stay in sync).
//!
//! OTIO counts time as frames at a floating-point rate; each clip's range is counted at its
//! medium's own rate, so clips of different rates need no conversion. Every media reference
//! carries its `available_range`: OTIO's own FCP writers refuse a reference without one.

use serde_json::{json, Value};

use crate::model::{Media, Timeline, TimelineClip};
use crate::rate::Rate;

const MEDIA_KEY: &str = "DEFAULT_MEDIA";

pub fn write(timeline: &Timeline) -> String {
    let video: Vec<Value> = timeline
        .clips
        .iter()
        .map(|clip| clip_json(timeline, clip, true))
        .collect();
    let mut tracks = vec![track_json("Video 1", "Video", video)];
    if timeline.has_audio() {
        let audio = timeline
            .clips
            .iter()
            .map(|clip| {
                let media = &timeline.media[clip.media];
                if media.info.audio.is_some() {
                    clip_json(timeline, clip, false)
                } else {
                    gap_json(media.info.rate, clip.frames)
                }
            })
            .collect();
        tracks.push(track_json("Audio 1", "Audio", audio));
    }

    let document = json!({
        "OTIO_SCHEMA": "Timeline.1",
        "name": timeline.name,
        "metadata": {
            "wayin": {
                "event": timeline.event,
                "rate": format!("{}/{}", timeline.rate.num, timeline.rate.den),
                "width": timeline.width,
                "height": timeline.height,
            }
        },
        // The sequence starts at 00:00:00:00, as the other formats' sequences do.
        "global_start_time": time(timeline.rate, 0),
        "tracks": {
            "OTIO_SCHEMA": "Stack.1",
            "name": "tracks",
            "metadata": {},
            "source_range": null,
            "effects": [],
            "markers": [],
            "enabled": true,
            "children": tracks,
        },
    });
    let mut text = serde_json::to_string_pretty(&document)
        .expect("a JSON value built from strings and numbers serializes");
    text.push('\n');
    text
}

fn track_json(name: &str, kind: &str, children: Vec<Value>) -> Value {
    json!({
        "OTIO_SCHEMA": "Track.1",
        "name": name,
        "metadata": {},
        "source_range": null,
        "effects": [],
        "markers": [],
        "enabled": true,
        "kind": kind,
        "children": children,
    })
}

/// One clip; its marker goes on the video track only, so an editor shows it once.
fn clip_json(timeline: &Timeline, clip: &TimelineClip, with_marker: bool) -> Value {
    let media = &timeline.media[clip.media];
    let rate = media.info.rate;
    let markers = if with_marker {
        vec![json!({
            "OTIO_SCHEMA": "Marker.2",
            "name": clip.marker.name,
            "metadata": {},
            "color": "RED",
            "marked_range": range(rate, clip.source_in, 0),
            "comment": clip.marker.note,
        })]
    } else {
        Vec::new()
    };
    json!({
        "OTIO_SCHEMA": "Clip.2",
        "name": clip.name,
        "metadata": {
            "wayin": {
                "keywords": clip.keywords,
                "file_name": media.path.file_name(),
            }
        },
        "source_range": range(rate, clip.source_in, clip.frames),
        "effects": [],
        "markers": markers,
        "enabled": true,
        "media_references": { MEDIA_KEY: reference_json(media) },
        "active_media_reference_key": MEDIA_KEY,
    })
}

fn reference_json(media: &Media) -> Value {
    json!({
        "OTIO_SCHEMA": "ExternalReference.1",
        "name": media.path.file_name(),
        "metadata": {
            "wayin": {
                "width": media.info.width,
                "height": media.info.height,
            }
        },
        "target_url": media.path.file_url(),
        "available_range": range(media.info.rate, 0, media.info.frames),
    })
}

fn gap_json(rate: Rate, frames: u64) -> Value {
    json!({
        "OTIO_SCHEMA": "Gap.1",
        "name": "",
        "metadata": {},
        "source_range": range(rate, 0, frames),
        "effects": [],
        "markers": [],
        "enabled": true,
    })
}

fn range(rate: Rate, start: u64, duration: u64) -> Value {
    json!({
        "OTIO_SCHEMA": "TimeRange.1",
        "start_time": time(rate, start),
        "duration": time(rate, duration),
    })
}

/// OTIO's rates are floats; 30000/1001 as an f64 is the same number Python's OTIO computes.
fn time(rate: Rate, frames: u64) -> Value {
    json!({
        "OTIO_SCHEMA": "RationalTime.1",
        "rate": rate.as_f64(),
        "value": frames as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AudioInfo, Marker, MediaInfo, MediaPath};

    fn media(path: MediaPath, rate: Rate, frames: u64, audio: bool) -> Media {
        Media {
            path,
            info: MediaInfo {
                rate,
                frames,
                width: 1280,
                height: 720,
                audio: audio.then_some(AudioInfo {
                    sample_rate: 48_000,
                    channels: 2,
                }),
            },
        }
    }

    fn sample(audio: [bool; 2]) -> Timeline {
        let ntsc = Rate::new(30000, 1001);
        Timeline {
            name: "Q&A <cut> \"1\" 🎬".into(),
            event: "Project".into(),
            rate: ntsc,
            width: 1280,
            height: 720,
            media: vec![
                media(MediaPath::unix("/m/a b.mp4"), ntsc, 900, audio[0]),
                media(MediaPath::windows(r"C:\v\c 🔥.mp4"), ntsc, 300, audio[1]),
            ],
            clips: vec![
                TimelineClip {
                    name: "A & B".into(),
                    media: 0,
                    source_in: 120,
                    frames: 60,
                    marker: Marker::for_clip(1, Some(88.5), &["t".into()], "d"),
                    keywords: vec!["t".into()],
                },
                TimelineClip {
                    name: "C".into(),
                    media: 1,
                    source_in: 0,
                    frames: 300,
                    marker: Marker::for_clip(2, None, &[], ""),
                    keywords: vec![],
                },
            ],
        }
    }

    #[test]
    fn clips_carry_ranges_references_and_markers() {
        let value: Value = serde_json::from_str(&write(&sample([true, true]))).unwrap();
        assert_eq!(value["OTIO_SCHEMA"], "Timeline.1");
        assert_eq!(value["name"], "Q&A <cut> \"1\" 🎬");
        let tracks = value["tracks"]["children"].as_array().unwrap();
        assert_eq!(tracks.len(), 2);
        assert_eq!(tracks[0]["kind"], "Video");
        assert_eq!(tracks[1]["kind"], "Audio");
        let clip = &tracks[0]["children"][0];
        assert_eq!(clip["OTIO_SCHEMA"], "Clip.2");
        assert_eq!(clip["source_range"]["start_time"]["value"], 120.0);
        assert_eq!(clip["source_range"]["duration"]["value"], 60.0);
        assert_eq!(clip["source_range"]["duration"]["rate"], 30000.0 / 1001.0);
        let reference = &clip["media_references"][MEDIA_KEY];
        assert_eq!(reference["target_url"], "file:///m/a%20b.mp4");
        assert_eq!(reference["available_range"]["duration"]["value"], 900.0);
        assert_eq!(clip["active_media_reference_key"], MEDIA_KEY);
        let marker = &clip["markers"][0];
        assert_eq!(marker["OTIO_SCHEMA"], "Marker.2");
        assert_eq!(marker["name"], "Clip 1 · score 88.50");
        assert_eq!(marker["comment"], "Tags: t. d");
        assert_eq!(marker["marked_range"]["start_time"]["value"], 120.0);
        assert_eq!(
            tracks[0]["children"][1]["media_references"][MEDIA_KEY]["target_url"],
            "file:///C:/v/c%20%F0%9F%94%A5.mp4"
        );
        assert_eq!(tracks[1]["children"][0]["markers"], json!([]));
    }

    #[test]
    fn silent_media_leave_a_gap_on_the_audio_track_and_no_audio_means_no_track() {
        let value: Value = serde_json::from_str(&write(&sample([true, false]))).unwrap();
        let audio = &value["tracks"]["children"][1]["children"];
        assert_eq!(audio[0]["OTIO_SCHEMA"], "Clip.2");
        assert_eq!(audio[1]["OTIO_SCHEMA"], "Gap.1");
        assert_eq!(audio[1]["source_range"]["duration"]["value"], 300.0);

        let value: Value = serde_json::from_str(&write(&sample([false, false]))).unwrap();
        assert_eq!(value["tracks"]["children"].as_array().unwrap().len(), 1);
    }
}
