//! Timelines end to end: `export`/`download --timeline`, `timeline` and `selects` against the
//! fake API. Every file is read back by independent third-party readers
//! (crates/timeline/tests/readers/read_timeline.py, run with the python named in
//! `WAYIN_TIMELINE_READERS`); without it those checks are skipped, except on CI.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{files_in, Harness, PODCAST};
use fake_wayin::{FaultScope, Faults};
use serde_json::{json, Value};
use timeline::testing::synthetic_mp4;
use timeline::{AudioInfo, Rate};

/// `{project}` in file names: the project's name with its colon made safe.
const PROJECT_FILE: &str = "Founders Unfiltered — Ep. 42_ pricing, hiring and burnout";
const PROJECT_NAME: &str = "Founders Unfiltered — Ep. 42: pricing, hiring and burnout";
/// The EDL's title keeps ASCII only: the em dash folds to a hyphen.
const PROJECT_ASCII: &str = "Founders Unfiltered - Ep. 42: pricing, hiring and burnout";

const READERS_SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../timeline/tests/readers/read_timeline.py"
);

/// The fake's rendered podcast clips are 3 s at 25 fps, however long their range in the source.
const PAL: Rate = Rate::new(25, 1);
const RENDERED_FRAMES: u64 = 75;

/// The formats in the order `all` writes them, with the label text output gives each.
const FORMATS: [(&str, &str); 4] = [
    ("xml", "Premiere Pro / DaVinci Resolve XML"),
    ("fcpxml", "Final Cut Pro XML"),
    ("edl", "EDL"),
    ("otio", "OpenTimelineIO"),
];

/// What the fake serves for `proj_demo_podcast`, spelled out so the tests do not take the
/// product's word for it.
struct FixtureClip {
    title: &'static str,
    begin_ms: u64,
    end_ms: u64,
    score: u32,
    /// `Tags: …. {desc}`, the marker's note.
    note: &'static str,
}

const PODCAST_CLIPS: [FixtureClip; 6] = [
    FixtureClip {
        title: "The pricing mistake that almost sank us",
        begin_ms: 754_200,
        end_ms: 812_900,
        score: 94,
        note: "Tags: startups, pricing, lessons. Why charging per seat nearly killed the company, \
               and the usage-based plan that saved it.",
    },
    FixtureClip {
        title: "How to hire your first ten engineers",
        begin_ms: 1_391_000,
        end_ms: 1_462_450,
        score: 91,
        note: "Tags: hiring, engineering, leadership. A founder's checklist for early hires: what \
               to test, what to skip, and when to wait.",
    },
    FixtureClip {
        title: "Burnout is a systems problem, not a you problem 🔥",
        begin_ms: 2_050_300,
        end_ms: 2_101_800,
        score: 88,
        note: "Tags: burnout, mental health, culture. Fixing the on-call rota did more for morale \
               than any offsite.",
    },
    FixtureClip {
        title: "The one metric we check every Monday",
        begin_ms: 312_000,
        end_ms: 349_500,
        score: 84,
        note: "Tags: metrics, growth. Net revenue retention, explained in under a minute.",
    },
    FixtureClip {
        title: "Remote work: what actually changed",
        begin_ms: 2_688_700,
        end_ms: 2_756_000,
        score: 79,
        note: "Tags: remote work, culture, productivity. Three habits that survived the return to \
               the office, and two that did not.",
    },
    FixtureClip {
        title: "Advice to my 25-year-old self",
        begin_ms: 3_301_000,
        end_ms: 3_344_250,
        score: 73,
        note:
            "Tags: advice, career. Closing thoughts: ship earlier, sleep more, write things down.",
    },
];

/// A time of the source in 25 fps frames, to the nearest frame (halves up).
fn pal_frames(ms: u64) -> u64 {
    (ms * 25 + 500) / 1000
}

/// One clip as every reader must see it.
struct Want {
    title: String,
    media: PathBuf,
    source_in: u64,
    frames: u64,
    marker: String,
    note: String,
}

impl Want {
    /// A whole rendered clip of the export in `dir`.
    fn rendered(dir: &Path, idx: u32) -> Want {
        let clip = &PODCAST_CLIPS[idx as usize];
        let media = dir.join(format!("{PROJECT_FILE} - {idx:02} - {}.mp4", clip.title));
        assert!(media.is_file(), "{} was downloaded", media.display());
        Want {
            title: clip.title.to_owned(),
            media,
            source_in: 0,
            frames: RENDERED_FRAMES,
            marker: format!("Clip {idx} · score {}", clip.score),
            note: clip.note.to_owned(),
        }
    }

    /// Clip `idx`'s range of the 25 fps `source`, cut at `source_frames`.
    fn selected(source: &Path, idx: u32, source_frames: u64) -> Want {
        let clip = &PODCAST_CLIPS[idx as usize];
        let source_in = pal_frames(clip.begin_ms);
        let source_out = pal_frames(clip.end_ms).min(source_frames);
        Want {
            title: clip.title.to_owned(),
            media: source.to_owned(),
            source_in,
            frames: source_out - source_in,
            marker: format!("Clip {idx} · score {}", clip.score),
            note: clip.note.to_owned(),
        }
    }
}

// ---- the readers ----

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
        _ if std::env::var_os("CI").is_some_and(|ci| !ci.is_empty()) => {
            panic!("WAYIN_TIMELINE_READERS is not set: on CI the timeline readers must run")
        }
        _ => {
            println!("reader checks skipped: set WAYIN_TIMELINE_READERS to the readers' python");
            None
        }
    }
}

async fn read_back(python: &Path, file: &Path) -> Value {
    let mut command = tokio::process::Command::new(python);
    command.arg(READERS_SCRIPT).arg(file);
    if file.extension().is_some_and(|ext| ext == "edl") {
        // An EDL does not state its rate.
        command.args(["--rate", "25"]);
    }
    let output = command
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the reader failed on {}:\n{stderr}",
        file.display()
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("the reader printed no JSON ({e}):\n{stderr}"))
}

/// The path a `file:` URL names, checked to be fully percent-encoded (a raw space or non-ASCII
/// byte is what breaks relinking in some editors).
fn path_of_url(url: &Value, prefix: &str) -> PathBuf {
    let url = url.as_str().unwrap_or_else(|| panic!("a URL, not {url}"));
    let encoded = url
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{url} starts with {prefix}"));
    assert!(
        encoded.starts_with('/') && encoded.bytes().all(|b| b.is_ascii_graphic()),
        "{url} is an encoded absolute path"
    );
    let bytes = encoded.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            decoded.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    PathBuf::from(String::from_utf8(decoded).expect("UTF-8 path"))
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// What the reader of `file`'s format must find: the clips in order, each with its name
/// (EDL: the media's file name), rate, length, source in, place on the sequence, media URL and
/// one marker. `name` is the sequence's, `edl_title` its ASCII form; FCPXML's reader reads no
/// name.
async fn assert_reads_back(python: &Path, file: &Path, name: &str, edl_title: &str, want: &[Want]) {
    let read = read_back(python, file).await;
    let what = file_name(file);
    let ext = file.extension().unwrap().to_str().unwrap().to_owned();
    let clips = read["clips"].as_array().expect("clips");
    let names: Vec<&str> = clips.iter().map(|c| c["name"].as_str().unwrap()).collect();
    let want_names: Vec<String> = want
        .iter()
        .map(|w| match ext.as_str() {
            "edl" => file_name(&w.media),
            _ => w.title.clone(),
        })
        .collect();
    assert_eq!(names, want_names, "{what}: clip names in order");
    assert_eq!(read["gaps"], 0, "{what}: no gaps");
    match ext.as_str() {
        "xml" | "otio" => assert_eq!(read["timeline_name"], name, "{what}: sequence name"),
        "edl" => {
            assert_eq!(read["timeline_name"], edl_title, "{what}: title");
            assert_eq!(read["edl_pycmx"]["title"], edl_title, "{what}: pycmx title");
            assert_eq!(read["edl_pycmx"]["unrecognized"], json!([]), "{what}");
            let events = read["edl_pycmx"]["events"].as_array().unwrap();
            let pycmx_names: Vec<&str> = events
                .iter()
                .map(|e| e["clip_name"].as_str().unwrap())
                .collect();
            assert_eq!(pycmx_names, want_names, "{what}: pycmx events");
        }
        _ => {}
    }
    let mut record_in = 0;
    for (clip, w) in clips.iter().zip(want) {
        let label = format!("{what}: {}", w.title);
        assert_eq!(clip["rate"], json!(25.0), "{label}: rate");
        assert_eq!(clip["duration_frames"], w.frames, "{label}: duration");
        assert_eq!(clip["source_in_frames"], w.source_in, "{label}: source in");
        assert_eq!(clip["record_in_frames"], record_in, "{label}: record in");
        let url = &clip["target_url"];
        match ext.as_str() {
            "xml" => assert_eq!(path_of_url(url, "file://localhost"), w.media, "{label}"),
            "fcpxml" | "otio" => assert_eq!(path_of_url(url, "file://"), w.media, "{label}"),
            _ => assert_eq!(*url, Value::Null, "{label}: an EDL has no media path"),
        }
        let (marker, comment, at) = match ext.as_str() {
            "xml" | "otio" => (w.marker.clone(), w.note.as_str(), w.source_in),
            // The reader adds the clip's start to a marker already on the file's time line.
            "fcpxml" => (w.marker.clone(), w.note.as_str(), 2 * w.source_in),
            // A locator at the record in: the marker's name and the clip's title, folded to
            // ASCII; the note is a comment.
            _ => (
                format!("{} - {}", edl_text(&w.marker), edl_text(&w.title)),
                "",
                record_in,
            ),
        };
        let markers: Vec<(&str, &str, &Value)> = clip["markers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["name"].as_str().unwrap(),
                    m["comment"].as_str().unwrap(),
                    &m["start_frames"],
                )
            })
            .collect();
        assert_eq!(
            markers,
            vec![(marker.as_str(), comment, &json!(at))],
            "{label}: one marker naming idx and score"
        );
        if ext == "edl" {
            assert_eq!(
                clip["comments"],
                json!([format!("COMMENT: {}", w.note)]),
                "{label}: note"
            );
        }
        record_in += w.frames;
    }
}

/// The timelines a `--json` run reports, as (format, path).
fn reported(report: &Value) -> Vec<(String, PathBuf)> {
    report["timelines"]
        .as_array()
        .unwrap_or_else(|| panic!("a timelines array: {report}"))
        .iter()
        .map(|t| {
            (
                t["format"].as_str().unwrap().to_owned(),
                PathBuf::from(t["path"].as_str().unwrap()),
            )
        })
        .collect()
}

pub(crate) fn write_source(path: &Path, frames: u64) {
    let stereo = AudioInfo {
        sample_rate: 48_000,
        channels: 2,
    };
    std::fs::write(path, synthetic_mp4(PAL, frames, 1920, 1080, Some(stereo))).unwrap();
}

fn names_in(dir: &Path) -> Vec<String> {
    files_in(dir).into_iter().map(|(name, _)| name).collect()
}

fn mtime(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

// ---- export and download ----

/// Tried: `export --clips 3,0,1 --timeline all`, in text then in JSON. Exit 0; the four
/// `{project} - timeline.*` files beside the three clips and nothing else; text output names
/// each with its format, `--json` lists them in `timelines`. Each file read back: three clips in
/// idx order 0, 1, 3 (the request sorts the indices, the API gets [0,1,3] and the recorded
/// export order is that), named by their titles, 75 frames at 25 fps each (the rendered file's
/// length, not the API's ~40–70 s range), media URLs decoding to the downloaded files, one
/// marker per clip with its idx and score. Then `timeline TASK` without `--out` gives back the
/// same four files and writes nothing new.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_with_all_timelines_reads_back_in_every_reader() {
    let h = Harness::start().await;
    let out = h.out_dir("clips");
    let run = h
        .run(&[
            "export",
            PODCAST,
            "--clips",
            "3,0,1",
            "--out",
            out.to_str().unwrap(),
            "--timeline",
            "all",
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let dir = out.canonicalize().unwrap();
    let control = h.server.control();
    assert_eq!(
        control.received_exports()[0]["clip_indices"],
        json!([0, 1, 3])
    );
    let task = run
        .stderr
        .split("Submitted export task ")
        .nth(1)
        .and_then(|rest| rest.split('.').next())
        .unwrap_or_else(|| panic!("the task id on stderr:\n{}", run.stderr))
        .to_owned();

    let timelines: Vec<PathBuf> = FORMATS
        .iter()
        .map(|(ext, _)| dir.join(format!("{PROJECT_FILE} - timeline.{ext}")))
        .collect();
    for ((_, label), path) in FORMATS.iter().zip(&timelines) {
        let line = format!("{label}: {}", path.display());
        assert!(run.stdout.contains(&line), "{line} in:\n{}", run.stdout);
    }
    let mut expected_names: Vec<String> = [0, 1, 3]
        .iter()
        .map(|&idx| file_name(&Want::rendered(&dir, idx).media))
        .chain(timelines.iter().map(|p| file_name(p)))
        .collect();
    expected_names.sort();
    assert_eq!(names_in(&dir), expected_names);

    let want: Vec<Want> = [0, 1, 3]
        .iter()
        .map(|&idx| Want::rendered(&dir, idx))
        .collect();
    if let Some(python) = readers() {
        let name = format!("{PROJECT_NAME} · 480p");
        for path in &timelines {
            assert_reads_back(
                &python,
                path,
                &name,
                &format!("{PROJECT_ASCII} - 480p"),
                &want,
            )
            .await;
        }
    }

    let json_out = h.out_dir("json");
    let run = h
        .run(&[
            "--json",
            "export",
            PODCAST,
            "--clips",
            "3,0,1",
            "--out",
            json_out.to_str().unwrap(),
            "--timeline",
            "all",
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let json_dir = json_out.canonicalize().unwrap();
    let expected: Vec<(String, PathBuf)> = FORMATS
        .iter()
        .map(|(ext, _)| {
            (
                (*ext).to_owned(),
                json_dir.join(format!("{PROJECT_FILE} - timeline.{ext}")),
            )
        })
        .collect();
    assert_eq!(reported(&run.json()), expected);
    for (_, path) in &expected {
        assert!(path.is_file(), "{}", path.display());
    }

    let before: Vec<_> = timelines.iter().map(|p| mtime(p)).collect();
    let run = h.run(&["--json", "timeline", &task]).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let again: Vec<PathBuf> = reported(&run.json()).into_iter().map(|t| t.1).collect();
    assert_eq!(again, timelines, "the recorded files, not new ones");
    assert_eq!(
        timelines.iter().map(|p| mtime(p)).collect::<Vec<_>>(),
        before
    );
    assert_eq!(names_in(&dir).len(), 7, "nothing new in the folder");
    h.assert_key_in_no_file();
}

/// Tried: `download TASK --timeline edl,otio --json` of a task exported with `--no-wait`, from a
/// data folder that never saw it. Exit 0; `timelines` lists exactly an EDL and an OTIO file in
/// the download folder, named like the clips after the API's name for the export (not the task
/// id); the OTIO's sequence has that name and reads back the task's two clips, 75 frames each,
/// pointing at the downloaded files.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn download_elsewhere_writes_the_timelines_asked_for() {
    let h = Harness::start().await;
    let run = h
        .run(&[
            "export",
            PODCAST,
            "--clips",
            "4,1",
            "--out",
            h.out_dir("unused").to_str().unwrap(),
            "--no-wait",
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let task = run.stdout.trim().to_owned();

    let elsewhere = tempfile::TempDir::new().unwrap();
    let out = h.out_dir("later");
    let mut command = h.command(&[
        "--json",
        "download",
        &task,
        "--out",
        out.to_str().unwrap(),
        "--timeline",
        "otio,edl",
    ]);
    command.env("WAYIN_DATA_DIR", elsewhere.path());
    let run = crate::common::finish(command, None).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let report = run.json();
    let dir = out.canonicalize().unwrap();
    // This machine knows the export only by the API's name for it, as its clips are named.
    let exported = format!("{PROJECT_FILE} export");
    let timelines = reported(&report);
    assert_eq!(
        timelines,
        [
            (
                "edl".to_owned(),
                dir.join(format!("{exported} - timeline.edl"))
            ),
            (
                "otio".to_owned(),
                dir.join(format!("{exported} - timeline.otio"))
            ),
        ]
    );
    let clips: Vec<PathBuf> = report["clips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| PathBuf::from(c["path"].as_str().unwrap()))
        .collect();
    assert_eq!(clips.len(), 2);
    for clip in &clips {
        assert!(file_name(clip).starts_with(&format!("{exported} - ")));
    }
    let mut expected: Vec<String> = clips
        .iter()
        .chain(timelines.iter().map(|t| &t.1))
        .map(|p| file_name(p))
        .collect();
    expected.sort();
    assert_eq!(names_in(&dir), expected, "two clips and two timelines");
    if let Some(python) = readers() {
        let read = read_back(&python, &timelines[1].1).await;
        assert_eq!(read["timeline_name"], format!("{PROJECT_NAME} export"));
        let got: Vec<(u64, PathBuf)> = read["clips"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["duration_frames"].as_u64().unwrap(),
                    path_of_url(&c["target_url"], "file://"),
                )
            })
            .collect();
        assert_eq!(
            got,
            clips
                .iter()
                .map(|p| (RENDERED_FRAMES, p.clone()))
                .collect::<Vec<_>>()
        );
    }
}

// ---- timeline ----

/// Tried: a plain export (no `--timeline`), then `timeline TASK --format fcpxml,edl --out OTHER`:
/// exactly those two files in OTHER, none in the download folder. The same command again
/// returns the same two paths, their bytes and modification times untouched, and OTHER still
/// holds two files (a recorded file in that folder holding the same text is kept). A fresh
/// folder with the user's own `{project} - timeline.edl` at the name: it keeps its content and
/// the new EDL is `{project} - timeline (2).edl`, with the same text as OTHER's. Back to OTHER
/// once more: its two files are still there, unchanged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_command_writes_only_new_files() {
    let h = Harness::start().await;
    let out = h.out_dir("clips");
    let run = h
        .run(&[
            "--json",
            "export",
            PODCAST,
            "--clips",
            "2,5",
            "--out",
            out.to_str().unwrap(),
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let report = run.json();
    assert_eq!(report["timelines"], json!([]), "none asked for");
    let task = report["export_task_id"].as_str().unwrap().to_owned();
    let clips_dir = out.canonicalize().unwrap();
    assert_eq!(names_in(&clips_dir).len(), 2);

    let other = h.out_dir("other");
    let args = [
        "--json",
        "timeline",
        &task,
        "--format",
        "fcpxml,edl",
        "--out",
        other.to_str().unwrap(),
    ];
    let run = h.run(&args).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let other_dir = other.canonicalize().unwrap();
    let edl = other_dir.join(format!("{PROJECT_FILE} - timeline.edl"));
    let fcpxml = other_dir.join(format!("{PROJECT_FILE} - timeline.fcpxml"));
    let first = reported(&run.json());
    assert_eq!(
        first,
        vec![
            ("fcpxml".to_owned(), fcpxml.clone()),
            ("edl".to_owned(), edl.clone())
        ]
    );
    assert_eq!(names_in(&other_dir), [file_name(&edl), file_name(&fcpxml)]);
    assert_eq!(names_in(&clips_dir).len(), 2, "nothing beside the clips");
    let bytes = files_in(&other_dir);
    let times = [mtime(&edl), mtime(&fcpxml)];
    assert!(
        std::str::from_utf8(&bytes[0].1)
            .unwrap()
            .contains("Burnout is a systems problem"),
        "the EDL's source file names"
    );

    let run = h.run(&args).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_eq!(reported(&run.json()), first, "the same files again");
    assert_eq!(files_in(&other_dir), bytes);
    assert_eq!([mtime(&edl), mtime(&fcpxml)], times, "not rewritten");

    let fresh = h.out_dir("fresh");
    std::fs::create_dir_all(&fresh).unwrap();
    let planted = fresh.join(format!("{PROJECT_FILE} - timeline.edl"));
    std::fs::write(&planted, "my own cut\n").unwrap();
    let run = h
        .run(&[
            "timeline",
            &task,
            "--format",
            "edl",
            "--out",
            fresh.to_str().unwrap(),
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let fresh_dir = fresh.canonicalize().unwrap();
    let second = fresh_dir.join(format!("{PROJECT_FILE} - timeline (2).edl"));
    assert_eq!(run.stdout.trim(), format!("EDL: {}", second.display()));
    assert_eq!(std::fs::read_to_string(&planted).unwrap(), "my own cut\n");
    assert_eq!(std::fs::read(&second).unwrap(), bytes[0].1);
    assert_eq!(names_in(&fresh_dir).len(), 2);
    // Only the newest file per format is recorded, so back in OTHER the EDL is not recognised
    // any more: whatever is written then, the files there keep their bytes.
    let run = h.run(&args).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let now = files_in(&other_dir);
    for original in &bytes {
        assert!(now.contains(original), "{} kept", original.0);
    }

    if let Some(python) = readers() {
        let want: Vec<Want> = [2, 5]
            .iter()
            .map(|&idx| Want::rendered(&clips_dir, idx))
            .collect();
        let name = format!("{PROJECT_NAME} · 480p");
        let edl_title = format!("{PROJECT_ASCII} - 480p");
        for path in [&fcpxml, &second] {
            assert_reads_back(&python, path, &name, &edl_title, &want).await;
        }
    }
}

/// Tried: `timeline` of a task this machine never downloaded, with no history at all and with
/// one: exit 4, one error line saying to download it first with the command to run. `timeline`
/// of an export submitted with `--no-wait` (nothing downloaded) and of one whose render failed:
/// exit 6 with the `nothing_finished` reason, and no file written. `--format aaf` on `timeline`,
/// `export --timeline aaf`, `selects --format aaf`: exit 2 before anything is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_errors_have_their_exit_codes() {
    let h = Harness::start().await;
    let want_download = "Download it first with `wayin-export download unknown_task --out DIR \
                         --timeline all`";
    let run = h.run(&["timeline", "unknown_task"]).await;
    assert_eq!(run.code(), 4, "{}", run.describe());
    assert!(run.error_line().contains(want_download), "{}", run.stderr);

    let waiting = h.out_dir("waiting");
    let run = h
        .run(&[
            "export",
            PODCAST,
            "--clips",
            "0",
            "--out",
            waiting.to_str().unwrap(),
            "--no-wait",
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let pending_task = run.stdout.trim().to_owned();

    let run = h.run(&["timeline", "unknown_task"]).await;
    assert_eq!(run.code(), 4, "with a history: {}", run.describe());
    assert!(run.error_line().contains(want_download), "{}", run.stderr);

    let nothing = "No clip of this export is on disk yet";
    let run = h.run(&["timeline", &pending_task]).await;
    assert_eq!(run.code(), 6, "{}", run.describe());
    assert!(run.error_line().contains(nothing), "{}", run.stderr);
    assert!(files_in(&waiting).is_empty());

    h.server.control().set_faults(
        FaultScope::Global,
        Faults {
            fail_export: Some("Source video could not be decoded".into()),
            ..Faults::default()
        },
    );
    let failed = h.out_dir("failed");
    let run = h
        .run(&[
            "--json",
            "export",
            PODCAST,
            "--out",
            failed.to_str().unwrap(),
        ])
        .await;
    assert_eq!(run.code(), 5, "{}", run.describe());
    let failed_task = run.json()["export_task_id"].as_str().unwrap().to_owned();
    h.server.control().clear_faults();
    let elsewhere = h.out_dir("elsewhere");
    let run = h
        .run(&[
            "timeline",
            &failed_task,
            "--out",
            elsewhere.to_str().unwrap(),
        ])
        .await;
    assert_eq!(run.code(), 6, "{}", run.describe());
    assert!(run.error_line().contains(nothing), "{}", run.stderr);
    assert!(files_in(&failed).is_empty());
    assert!(!elsewhere.exists() || files_in(&elsewhere).is_empty());

    let exports_before = h.server.control().received_exports().len();
    let source = h.out_dir("source.mp4");
    write_source(&source, 90_000);
    for args in [
        &["timeline", &pending_task, "--format", "aaf"][..],
        &["timeline", &pending_task, "--format", "xml,aaf"],
        &[
            "export",
            PODCAST,
            "--out",
            waiting.to_str().unwrap(),
            "--timeline",
            "aaf",
        ],
        &[
            "selects",
            PODCAST,
            "--source",
            source.to_str().unwrap(),
            "--out",
            waiting.to_str().unwrap(),
            "--format",
            "aaf",
        ],
    ] {
        let run = h.run(args).await;
        assert_eq!(run.code(), 2, "{args:?}: {}", run.describe());
        assert!(
            run.stderr.contains("unknown timeline format `aaf`"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(h.server.control().received_exports().len(), exports_before);
    // The failed export's engine picked the pending one up meanwhile: only its clip may be there.
    let written: Vec<String> = names_in(&waiting)
        .into_iter()
        .filter(|name| !name.contains(".mp4"))
        .collect();
    assert!(written.is_empty(), "{written:?}");
}

// ---- selects ----

/// `selects PODCAST --source SOURCE --out OUT [extra…]`.
async fn selects(h: &Harness, source: &Path, out: &Path, extra: &[&str]) -> crate::common::Run {
    let mut args = vec![
        "selects",
        PODCAST,
        "--source",
        source.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    h.run(&args).await
}

/// Nothing was exported, downloaded or recorded: the project was only read.
async fn assert_nothing_paid(h: &Harness) {
    let control = h.server.control();
    assert!(control.received_exports().is_empty());
    let calls = control.api_requests();
    assert!(!calls.is_empty());
    assert!(
        calls.iter().all(|c| c.method == "GET"),
        "only reads: {calls:?}"
    );
    assert!(control.cdn_requests().is_empty(), "nothing downloaded");
    assert_eq!(h.run(&["--json", "history"]).await.json(), json!([]));
}

/// Tried: `selects --format all` on a synthetic 60-minute 25 fps source whose name has a space
/// and an emoji. Exit 0 without a warning; the four `{project} - selects.*`
/// files and nothing else in OUT. Each reads back as the six clips by idx, each
/// round(begin_ms × 25 / 1000)..round(end_ms × 25 / 1000) of the one source file (URLs decode to
/// it), named by its title (🔥 intact; the EDL names the file), with its marker. No POST was
/// made, no file downloaded, no export recorded. Then `--clips 5,0 --format otio`: those two,
/// in that order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn selects_on_a_long_source_read_back_as_source_ranges() {
    let h = Harness::start().await;
    let media = h.work.path().canonicalize().unwrap().join("media");
    std::fs::create_dir_all(&media).unwrap();
    let source = media.join("Ep 42 master 🎙.mp4");
    let frames = 90_000;
    write_source(&source, frames);
    let out = h.out_dir("selects");
    let run = selects(&h, &source, &out, &["--format", "all"]).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
    let dir = out.canonicalize().unwrap();
    let files: Vec<PathBuf> = FORMATS
        .iter()
        .map(|(ext, _)| dir.join(format!("{PROJECT_FILE} - selects.{ext}")))
        .collect();
    for ((_, label), path) in FORMATS.iter().zip(&files) {
        let line = format!("{label}: {}", path.display());
        assert!(run.stdout.contains(&line), "{line} in:\n{}", run.stdout);
    }
    let mut expected: Vec<String> = files.iter().map(|p| file_name(p)).collect();
    expected.sort();
    assert_eq!(names_in(&dir), expected);
    assert_nothing_paid(&h).await;

    if let Some(python) = readers() {
        let want: Vec<Want> = (0..6)
            .map(|idx| Want::selected(&source, idx, frames))
            .collect();
        assert_eq!(want[3].source_in, 7_800);
        assert_eq!(want[0].frames, 20_323 - 18_855);
        for path in &files {
            assert_reads_back(
                &python,
                path,
                &format!("{PROJECT_NAME} · selects"),
                &format!("{PROJECT_ASCII} - selects"),
                &want,
            )
            .await;
        }

        let picked = h.out_dir("picked");
        let run = selects(
            &h,
            &source,
            &picked,
            &["--format", "otio", "--clips", "5,0"],
        )
        .await;
        assert_eq!(run.code(), 0, "{}", run.describe());
        let path = picked
            .canonicalize()
            .unwrap()
            .join(format!("{PROJECT_FILE} - selects.otio"));
        let want: Vec<Want> = [5, 0]
            .iter()
            .map(|&idx| Want::selected(&source, idx, frames))
            .collect();
        assert_reads_back(
            &python,
            &path,
            &format!("{PROJECT_NAME} · selects"),
            "",
            &want,
        )
        .await;
    }
}

/// Tried: a 35-minute source (52 500 frames), which ends inside clip 2 (34:10–35:01) and before
/// clips 4 (from 44:48) and 5 (from 55:01). Exit 0; one warning each: clip 2 cut at the end with
/// its end time and the source's, clips 4 and 5 left out with their start times. The readers
/// see clips 0–3 only, clip 2 ending on the source's last frame. A 5-minute source, shorter
/// than every clip's start (the first is at 5:12): exit 2 saying none of the clips falls inside
/// it (5:00) and to check the video, as the one line on stderr; no file written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn selects_on_a_short_source_say_what_was_cut_or_left_out() {
    let h = Harness::start().await;
    let source = h.work.path().canonicalize().unwrap().join("short.mp4");
    let frames = 52_500;
    write_source(&source, frames);
    let out = h.out_dir("short");
    let run = selects(&h, &source, &out, &["--format", "all"]).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: Clip 2 \"Burnout is a systems problem, not a you problem 🔥\" ends at \
             35:01, after the source video ends (35:00): cut at the end.",
            "warning: Clip 4 \"Remote work: what actually changed\" starts at 44:48, after the \
             source video ends (35:00): left out.",
            "warning: Clip 5 \"Advice to my 25-year-old self\" starts at 55:01, after the source \
             video ends (35:00): left out.",
        ],
        "{}",
        run.stderr
    );
    let dir = out.canonicalize().unwrap();
    assert_eq!(names_in(&dir).len(), 4);
    if let Some(python) = readers() {
        let want: Vec<Want> = (0..4)
            .map(|idx| Want::selected(&source, idx, frames))
            .collect();
        assert_eq!(want[2].source_in + want[2].frames, frames, "cut at the end");
        for (ext, _) in FORMATS {
            assert_reads_back(
                &python,
                &dir.join(format!("{PROJECT_FILE} - selects.{ext}")),
                &format!("{PROJECT_NAME} · selects"),
                &format!("{PROJECT_ASCII} - selects"),
                &want,
            )
            .await;
        }
    }

    let tiny = h.work.path().join("tiny.mp4");
    write_source(&tiny, 7_500);
    let none = h.out_dir("none");
    let run = selects(&h, &tiny, &none, &[]).await;
    assert_eq!(run.code(), 2, "{}", run.describe());
    assert_eq!(
        run.error_line(),
        "error: None of the clips falls inside the source video (5:00). Check that you chose \
         the project's original video.",
    );
    assert!(!run.stderr.contains("warning:"), "{}", run.stderr);
    assert!(files_in(&none).is_empty());
    assert_nothing_paid(&h).await;
}

/// Tried as `--source`: a JPEG, a text file, an empty `.mp4`, a missing file, a folder, a
/// FIFO nobody writes to and a symlink to that FIFO. Each: exit 1 within seconds (a FIFO is
/// never opened, so nothing waits for a writer), one error line naming the file and why, and
/// no timeline written. The real MP4 is then accepted, and so is a symlink to it (the user named
/// it): the timeline points at the real file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn selects_refuse_what_is_not_a_plain_mp4() {
    let h = Harness::start().await;
    let work = h.work.path().canonicalize().unwrap();
    let real = work.join("real.mp4");
    write_source(&real, 90_000);

    let jpeg = work.join("still.jpg");
    std::fs::write(
        &jpeg,
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9",
    )
    .unwrap();
    let text = work.join("notes.mp4");
    std::fs::write(&text, "not a video at all\n").unwrap();
    let empty = work.join("empty.mp4");
    std::fs::write(&empty, b"").unwrap();
    let folder = work.join("folder.mp4");
    std::fs::create_dir(&folder).unwrap();
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut cases = vec![
        (jpeg, "could not be read as a video"),
        (text, "could not be read as a video"),
        (empty, "could not be read as a video"),
        (work.join("missing.mp4"), "could not be read as a video"),
        (folder, "it is not a regular file"),
    ];
    #[cfg(unix)]
    {
        let fifo = work.join("pipe.mp4");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let to_fifo = work.join("to-pipe.mp4");
        std::os::unix::fs::symlink(&fifo, &to_fifo).unwrap();
        cases.push((fifo, "it is not a regular file"));
        cases.push((to_fifo, "it is not a regular file"));
    }

    let out = h.out_dir("refused");
    for (source, why) in cases {
        let run = tokio::time::timeout(Duration::from_secs(30), selects(&h, &source, &out, &[]))
            .await
            .unwrap_or_else(|_| panic!("{} hangs", source.display()));
        assert_eq!(run.code(), 1, "{}: {}", source.display(), run.describe());
        let line = run.error_line();
        assert!(
            line.contains(&file_name(&source)) && line.contains(why),
            "{}: {line}",
            source.display()
        );
        assert!(files_in(&out).is_empty());
    }

    let run = selects(&h, &real, &out, &["--format", "edl"]).await;
    assert_eq!(
        run.code(),
        0,
        "the file itself is accepted: {}",
        run.describe()
    );
    #[cfg(unix)]
    {
        let link = work.join("link.mp4");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let linked_out = h.out_dir("through a link");
        let run = selects(&h, &link, &linked_out, &["--format", "edl"]).await;
        assert_eq!(
            run.code(),
            0,
            "a link the user names is followed: {}",
            run.describe()
        );
        let edl = String::from_utf8(files_in(&linked_out).remove(0).1).unwrap();
        assert!(
            edl.contains("FROM CLIP NAME: real.mp4"),
            "the timeline points at the file itself: {edl}"
        );
    }
}

/// What an EDL's ASCII folding makes of the demo's titles and markers: typographic dashes
/// and quotes become their ASCII look-alikes, emoji go, spaces collapse.
fn edl_text(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '—' | '–' | '·' => Some('-'),
            '“' | '”' => Some('"'),
            '‘' | '’' => Some('\''),
            c if c.is_ascii() => Some(c),
            _ => None,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
