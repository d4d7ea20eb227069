//! Every format we write, read back by independent third-party readers: OpenTimelineIO's
//! adapters for FCP7 XML, FCPXML and CMX3600, pycmx for the EDL a second time, and OTIO's own
//! JSON reader (tests/readers/read_timeline.py). What they read must be what we wrote.
//!
//! The readers live in a Python environment that `cargo xtask test` prepares and names in
//! `WAYIN_TIMELINE_READERS` (the environment's python). Without it the tests skip, except on
//! CI, where a skipped check would pass unnoticed.
//!
//! `WAYIN_FCPXML_DTD` and `WAYIN_XMEML_DTD`, when set, name local copies of the DTDs to validate
//! against (Apple's are not ours to commit).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use timeline::{
    AudioInfo, Format, Marker, Media, MediaInfo, MediaPath, Rate, Timeline, TimelineClip,
};

const FILM: Rate = Rate::new(24000, 1001);
const PAL: Rate = Rate::new(25, 1);
const NTSC: Rate = Rate::new(30000, 1001);
const THIRTY: Rate = Rate::new(30, 1);

const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/readers/read_timeline.py"
);

const STEREO: AudioInfo = AudioInfo {
    sample_rate: 48_000,
    channels: 2,
};

const MONO: AudioInfo = AudioInfo {
    sample_rate: 48_000,
    channels: 1,
};

// ---- fixtures ----

/// What a reader of a format that keeps only ASCII (the EDL's title, locators and comments)
/// gets for one clip's marker, spelled out by hand.
struct AsciiMarker {
    name: &'static str,
    note: &'static str,
}

struct Sample {
    timeline: Timeline,
    edl_title: &'static str,
    edl_markers: Vec<AsciiMarker>,
}

fn media(path: MediaPath, rate: Rate, frames: u64, audio: Option<AudioInfo>) -> Media {
    Media {
        path,
        info: MediaInfo {
            rate,
            frames,
            width: 1920,
            height: 1080,
            audio,
        },
    }
}

/// Three clips from two files: a whole rendered clip, part of a second (silent or mono) file,
/// and a range further into the first file, as a selects timeline on a source video has.
/// `windows` puts the second file on a Windows drive.
fn sample(rate: Rate, second_has_audio: bool, windows: bool) -> Sample {
    let second = if windows {
        MediaPath::windows(r"C:\Users\Ana\Videos\two & three 🎬.mp4")
    } else {
        MediaPath::unix("/tmp/wayin exports/two & three.mp4")
    };
    let timeline = Timeline {
        name: "Q&A <Best> \"cuts\" 🎬 it's".to_owned(),
        event: "Talk & <Q>".to_owned(),
        rate,
        width: 1920,
        height: 1080,
        media: vec![
            media(
                MediaPath::unix("/Users/Ana Lí/Movies/Q&A <1> \"best\" 🔥.mp4"),
                rate,
                1000,
                Some(STEREO),
            ),
            media(second, rate, 400, second_has_audio.then_some(MONO)),
        ],
        clips: vec![
            TimelineClip {
                name: "Q&A <1> \"best\" 🔥".to_owned(),
                media: 0,
                source_in: 0,
                frames: 1000,
                marker: Marker::for_clip(
                    1,
                    Some(94.0),
                    &["fun".into(), "a & b <c>".into()],
                    "Why \"this\" <works> 🎉",
                ),
                keywords: vec!["fun".into(), "a & b <c>".into()],
            },
            TimelineClip {
                name: "two & three".to_owned(),
                media: 1,
                source_in: 37,
                frames: 300,
                marker: Marker::for_clip(2, None, &[], ""),
                keywords: Vec::new(),
            },
            TimelineClip {
                name: "Q&A again 's' 🎬".to_owned(),
                media: 0,
                source_in: 500,
                frames: 123,
                marker: Marker::for_clip(3, Some(71.25), &["x".into()], "d"),
                keywords: vec!["x".into()],
            },
        ],
    };
    Sample {
        timeline,
        edl_title: "Q&A <Best> \"cuts\" it's",
        edl_markers: vec![
            AsciiMarker {
                name: "Clip 1 - score 94 - Q&A <1> \"best\"",
                note: "Tags: fun, a & b <c>. Why \"this\" <works>",
            },
            AsciiMarker {
                name: "Clip 2 - two & three",
                note: "",
            },
            AsciiMarker {
                name: "Clip 3 - score 71.25 - Q&A again 's'",
                note: "Tags: x. d",
            },
        ],
    }
}

/// The timelines each reader is given: every rate it reads correctly, a silent file, a
/// Windows path.
fn samples(rates: &[Rate]) -> Vec<Sample> {
    rates
        .iter()
        .enumerate()
        .map(|(index, rate)| sample(*rate, index % 2 == 0, index == 1))
        .collect()
}

// ---- running the readers ----

/// The readers' python, or None when this run skips them.
fn readers() -> Option<PathBuf> {
    // The readers are a Python environment installed on the Linux host; a Windows build of
    // these tests (run under Wine) checks everything else and leaves reading back to Linux.
    if cfg!(windows) {
        println!("reader checks run on the Linux host, not in this Windows build");
        return None;
    }
    match std::env::var_os("WAYIN_TIMELINE_READERS") {
        Some(python) if !python.is_empty() => Some(PathBuf::from(python)),
        _ if std::env::var_os("CI").is_some_and(|ci| !ci.is_empty()) => panic!(
            "WAYIN_TIMELINE_READERS is not set: on CI the timeline readers must run. \
             Run `cargo xtask test`, which installs them and sets it"
        ),
        _ => {
            println!(
                "skipped: set WAYIN_TIMELINE_READERS to the python of the timeline readers' \
                 environment (`cargo xtask test` prepares it in target/timeline-readers)"
            );
            None
        }
    }
}

/// Writes the sample in `format` into `dir` and returns what the reader made of it.
fn read_back(python: &Path, dir: &Path, sample: &Sample, format: Format) -> Value {
    let timeline = &sample.timeline;
    let file = dir.join(format!(
        "{} {}.{}",
        timeline.rate.num,
        timeline.rate.den,
        format.extension()
    ));
    std::fs::write(&file, timeline::render(timeline, format))
        .expect("the timeline file is written");
    let mut command = Command::new(python);
    command.arg(SCRIPT).arg(&file).args([
        "--rate",
        &format!("{}/{}", timeline.rate.num, timeline.rate.den),
    ]);
    if let Some(dtd) = dtd_for(format) {
        command.arg("--dtd").arg(dtd);
    }
    let output = command
        .output()
        .unwrap_or_else(|err| panic!("cannot run {}: {err}", python.display()));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the {} reader failed on {}:\n{stderr}",
        format.extension(),
        file.display()
    );
    let read: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "the reader printed no JSON ({err}):\n{}\n{stderr}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    if let Some(check) = read.get("dtd_check") {
        assert_eq!(
            check["valid"],
            true,
            "{} fails {}: {}",
            file.display(),
            check["dtd"],
            check["errors"]
        );
    }
    read
}

fn dtd_for(format: Format) -> Option<PathBuf> {
    let variable = match format {
        Format::Fcpxml => "WAYIN_FCPXML_DTD",
        Format::Xmeml => "WAYIN_XMEML_DTD",
        Format::Edl | Format::Otio => return None,
    };
    match std::env::var_os(variable) {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => {
            println!("DTD check skipped: set {variable} to a local copy of the DTD");
            None
        }
    }
}

// ---- what every reader must return ----

fn rate_of(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("a rate is a number, not {value}"))
}

/// The clips' order, names, rates, lengths, source ins and places on the sequence.
fn assert_clip_timing(read: &Value, sample: &Sample, names: &[String], what: &str) {
    let timeline = &sample.timeline;
    let clips = read["clips"].as_array().expect("clips");
    let read_names: Vec<&str> = clips
        .iter()
        .map(|clip| clip["name"].as_str().unwrap())
        .collect();
    assert_eq!(read_names, names, "{what}: clip names in order");
    assert_eq!(read["gaps"], 0, "{what}: the clips are contiguous");
    assert_eq!(
        read["track_kinds"][0], "Video",
        "{what}: the first track is video"
    );
    for ((clip, written), placement) in clips.iter().zip(&timeline.clips).zip(timeline.placements())
    {
        let media_rate = timeline.media[written.media].info.rate.as_f64();
        let name = &clip["name"];
        assert!(
            (rate_of(&clip["rate"]) - media_rate).abs() < 1e-9,
            "{what}: {name} rate {} for {media_rate}",
            clip["rate"]
        );
        assert_eq!(
            clip["duration_frames"],
            json!(written.frames),
            "{what}: {name} duration"
        );
        assert_eq!(
            clip["source_in_frames"],
            json!(written.source_in),
            "{what}: {name} source in"
        );
        assert_eq!(
            clip["record_in_frames"],
            json!(placement.record_in),
            "{what}: {name} place on the sequence"
        );
    }
}

fn urls(read: &Value) -> Vec<Value> {
    read["clips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|clip| clip["target_url"].clone())
        .collect()
}

fn titles(timeline: &Timeline) -> Vec<String> {
    timeline
        .clips
        .iter()
        .map(|clip| clip.name.clone())
        .collect()
}

/// Each clip's markers as (name, comment, start frame).
fn markers(read: &Value) -> Vec<Vec<(String, String, Value)>> {
    read["clips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|clip| {
            clip["markers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|marker| {
                    (
                        marker["name"].as_str().unwrap().to_owned(),
                        marker["comment"].as_str().unwrap().to_owned(),
                        marker["start_frames"].clone(),
                    )
                })
                .collect()
        })
        .collect()
}

/// The markers as written, each at `start(clip index)`.
fn written_markers(
    timeline: &Timeline,
    start: impl Fn(usize) -> u64,
) -> Vec<Vec<(String, String, Value)>> {
    timeline
        .clips
        .iter()
        .enumerate()
        .map(|(index, clip)| {
            vec![(
                clip.marker.name.clone(),
                clip.marker.note.clone(),
                json!(start(index)),
            )]
        })
        .collect()
}

// ---- the formats ----

#[test]
fn fcp7_xml_reads_back_in_otio_fcp_adapter_at_every_rate() {
    let Some(python) = readers() else { return };
    let dir = tempfile::tempdir().unwrap();
    for sample in samples(&[PAL, THIRTY, NTSC, FILM]) {
        let timeline = &sample.timeline;
        let what = format!("xmeml at {}", timeline.rate);
        let read = read_back(&python, dir.path(), &sample, Format::Xmeml);
        assert_eq!(read["timeline_name"], timeline.name.as_str(), "{what}");
        assert_clip_timing(&read, &sample, &titles(timeline), &what);
        let expected: Vec<Value> = timeline
            .clips
            .iter()
            .map(|clip| json!(timeline.media[clip.media].path.localhost_url()))
            .collect();
        assert_eq!(urls(&read), expected, "{what}: pathurls");
        // A clip item's marker counts frames of the source file, as the xmeml spec has it.
        let source_in = |index: usize| timeline.clips[index].source_in;
        assert_eq!(
            markers(&read),
            written_markers(timeline, source_in),
            "{what}: markers"
        );
    }
}

/// The FCPXML reader counts frames as `int(rate)`, so it mis-reads 29.97 and 23.976: only the
/// integer rates go through it (the fractional ones are covered by the writer's own tests).
#[test]
fn fcpxml_reads_back_in_otio_fcpx_xml_lite_adapter_at_integer_rates() {
    let Some(python) = readers() else { return };
    let dir = tempfile::tempdir().unwrap();
    for sample in samples(&[PAL, THIRTY]) {
        let timeline = &sample.timeline;
        let what = format!("fcpxml at {}", timeline.rate);
        let read = read_back(&python, dir.path(), &sample, Format::Fcpxml);
        // The reader takes the timeline's name from `sequence@name`, an attribute FCPXML 1.10
        // does not have (the name is the project's), so there is no name to compare.
        assert_clip_timing(&read, &sample, &titles(timeline), &what);
        let expected: Vec<Value> = timeline
            .clips
            .iter()
            .map(|clip| json!(timeline.media[clip.media].path.file_url()))
            .collect();
        assert_eq!(urls(&read), expected, "{what}: media-rep URLs");
        // FCPXML puts an asset clip's marker on the file's time line, at the clip's `start`
        // (its source in) for its first frame. The reader adds the clip's start to the marker's
        // once more, so a marker written at the source in reads back at twice it.
        let read_position = |index: usize| 2 * timeline.clips[index].source_in;
        assert_eq!(
            markers(&read),
            written_markers(timeline, read_position),
            "{what}: markers (value and note)"
        );
        // The reader drops keywords; the script lists them from the XML itself.
        let keywords: Vec<Vec<String>> = timeline
            .clips
            .iter()
            .map(|clip| clip.keywords.clone())
            .collect();
        assert_eq!(
            read["keywords_by_lxml"],
            json!(keywords),
            "{what}: keywords"
        );
    }
}

/// An EDL names media by file name only (`* FROM CLIP NAME`), which is what both readers call
/// the clip, and keeps its title, locators and comments in ASCII.
#[test]
fn edl_reads_back_in_otio_cmx_3600_and_pycmx_at_every_rate() {
    let Some(python) = readers() else { return };
    let dir = tempfile::tempdir().unwrap();
    for sample in samples(&[PAL, THIRTY, NTSC, FILM]) {
        let timeline = &sample.timeline;
        let what = format!("EDL at {}", timeline.rate);
        let read = read_back(&python, dir.path(), &sample, Format::Edl);
        let file_names: Vec<String> = timeline
            .clips
            .iter()
            .map(|clip| timeline.media[clip.media].path.file_name().to_owned())
            .collect();

        // OpenTimelineIO's adapter.
        assert_eq!(read["timeline_name"], sample.edl_title, "{what}: title");
        assert_clip_timing(&read, &sample, &file_names, &what);
        assert_eq!(
            urls(&read),
            vec![Value::Null; timeline.clips.len()],
            "{what}: an EDL carries no media path beyond the file name"
        );
        // A locator sits at the clip's first frame on the sequence (record timecode). Its name
        // is all a `* LOC` line holds; the note travels as a `* COMMENT` line, which the
        // adapter keeps among the clip's comments.
        let placements = timeline.placements();
        let expected_markers: Vec<Vec<(String, String, Value)>> = sample
            .edl_markers
            .iter()
            .zip(&placements)
            .map(|(marker, placement)| {
                vec![(
                    marker.name.to_owned(),
                    String::new(),
                    json!(placement.record_in),
                )]
            })
            .collect();
        assert_eq!(markers(&read), expected_markers, "{what}: locators");
        let comments: Vec<Value> = read["clips"]
            .as_array()
            .unwrap()
            .iter()
            .map(|clip| clip.get("comments").cloned().unwrap_or(json!([])))
            .collect();
        let expected_comments: Vec<Value> = sample
            .edl_markers
            .iter()
            .map(|marker| match marker.note {
                "" => json!([]),
                note => json!([format!("COMMENT: {note}")]),
            })
            .collect();
        assert_eq!(comments, expected_comments, "{what}: notes");

        // pycmx, reading the fixed columns.
        let pycmx = &read["edl_pycmx"];
        assert_eq!(pycmx["title"], sample.edl_title, "{what}: pycmx title");
        assert_eq!(
            pycmx["format"], "3600",
            "{what}: pycmx sees CMX3600 columns"
        );
        assert_eq!(
            pycmx["unrecognized"],
            json!([]),
            "{what}: lines pycmx cannot parse"
        );
        let events = pycmx["events"].as_array().unwrap();
        assert_eq!(events.len(), timeline.clips.len(), "{what}: pycmx events");
        for (index, ((event, clip), placement)) in events
            .iter()
            .zip(&timeline.clips)
            .zip(&placements)
            .enumerate()
        {
            let media = &timeline.media[clip.media];
            let source = media.info.rate;
            let record = timeline.rate;
            let marker = &sample.edl_markers[index];
            let mut remarks = vec![format!(
                "LOC: {} YELLOW  {}",
                record.timecode(placement.record_in),
                marker.name
            )];
            if !marker.note.is_empty() {
                remarks.push(format!("COMMENT: {}", marker.note));
            }
            let audio: &[u32] = match media.info.audio.as_ref().map(|audio| audio.channels) {
                None => &[],
                Some(1) => &[1],
                Some(_) => &[1, 2],
            };
            assert_eq!(
                *event,
                json!({
                    "event": index + 1,
                    "source": "AX",
                    "video": true,
                    "audio_channels": audio,
                    "transition": "C",
                    "source_in": source.timecode(placement.source_in).to_string(),
                    "source_out": source.timecode(placement.source_out).to_string(),
                    "record_in": record.timecode(placement.record_in).to_string(),
                    "record_out": record.timecode(placement.record_out).to_string(),
                    "clip_name": file_names[index],
                    "remarks": remarks,
                }),
                "{what}: pycmx event {}",
                index + 1
            );
        }
    }
}

#[test]
fn otio_reads_back_in_opentimelineio_at_every_rate() {
    let Some(python) = readers() else { return };
    let dir = tempfile::tempdir().unwrap();
    for sample in samples(&[PAL, THIRTY, NTSC, FILM]) {
        let timeline = &sample.timeline;
        let what = format!("OTIO at {}", timeline.rate);
        let read = read_back(&python, dir.path(), &sample, Format::Otio);
        assert_eq!(read["timeline_name"], timeline.name.as_str(), "{what}");
        assert_clip_timing(&read, &sample, &titles(timeline), &what);
        let tracks = if timeline.has_audio() {
            json!(["Video", "Audio"])
        } else {
            json!(["Video"])
        };
        assert_eq!(read["track_kinds"], tracks, "{what}: tracks");
        let expected: Vec<Value> = timeline
            .clips
            .iter()
            .map(|clip| json!(timeline.media[clip.media].path.file_url()))
            .collect();
        assert_eq!(urls(&read), expected, "{what}: target URLs");
        // OTIO's clip markers count frames of the clip's media.
        let source_in = |index: usize| timeline.clips[index].source_in;
        assert_eq!(
            markers(&read),
            written_markers(timeline, source_in),
            "{what}: markers"
        );
    }
}
