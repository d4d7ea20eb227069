//! Timelines for editors against the fake API's real MP4 clips: an export's finished clips as
//! one sequence, the files written beside them (by request or by themselves), hostile files in
//! the download folder, and selects on a source video.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::*;
use engine::timelines::{
    export_timeline, selects_timeline, write_export_timelines, SkippedReason, TimelineError,
    TimelineFormat,
};
use engine::{DownloadPlan, Engine, ExportId, ExportOutcome};
use timeline::testing::synthetic_mp4;
use timeline::{AudioInfo, Rate};
use wayin_api::{Clip, ExportRequest, Priority};

/// Exports `clips` of the podcast into `out` and waits until every clip is on disk.
async fn export_clips(engine: &Engine, out: &Path, clips: &[u32]) -> (ExportId, ExportOutcome) {
    export_with_plan(engine, plan(out), clips).await
}

async fn export_with_plan(
    engine: &Engine,
    plan: DownloadPlan,
    clips: &[u32],
) -> (ExportId, ExportOutcome) {
    let request = ExportRequest::new(PODCAST)
        .unwrap()
        .with_clips(clips.iter().copied())
        .unwrap();
    let id = engine.submit(request, plan).await.unwrap();
    let outcome = within(60, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    (id, outcome)
}

/// The names of the timeline files in `dir`, sorted.
fn timeline_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| engine::timelines::is_timeline_path(path))
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn names(base: &str, extensions: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = extensions
        .iter()
        .map(|extension| format!("{base}.{extension}"))
        .collect();
    names.sort();
    names
}

/// Runs `work` on its own thread and fails the test if it has not returned within 10 s: a
/// probe that opened a FIFO would block forever.
fn promptly<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("returned without hanging")
}

/// Waits until the export's recorded timeline files number `count`.
async fn recorded_timelines(engine: &Engine, id: ExportId, count: usize) -> Vec<PathBuf> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let files = engine.export_outcome(id).await.unwrap().timelines;
        if files.len() >= count {
            return files.into_iter().map(|file| file.path).collect();
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {count} timeline files: {files:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Tried: export clips 3, 0 and 1 (asked in that order) and build the sequence once all three
/// are on disk.
#[tokio::test]
async fn an_exports_timeline_holds_its_finished_clips_as_probed() {
    let server = fake().await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let (id, outcome) = export_clips(&engine, out.path(), &[3, 0, 1]).await;

    // The request canonicalises its clip list, so the export's order is ascending idx.
    assert_eq!(outcome.export.requested_clips, Some(vec![0, 1, 3]));
    let timeline = export_timeline(&store_of(&engine), id).unwrap();
    assert_eq!(timeline.event, "Podcast");
    assert!(timeline.name.starts_with("Podcast · "), "{}", timeline.name);
    assert_eq!(timeline.rate, Rate::new(25, 1));
    assert_eq!((timeline.width, timeline.height), (320, 180));
    let described: Vec<(&str, &str, u64, u64)> = timeline
        .clips
        .iter()
        .map(|clip| {
            (
                clip.name.as_str(),
                clip.marker.name.as_str(),
                clip.source_in,
                clip.frames,
            )
        })
        .collect();
    // 75 frames each: the files are 3 s long, whatever the API's begin..end says (~40–70 s).
    assert_eq!(
        described,
        [
            (
                "The pricing mistake that almost sank us",
                "Clip 0 · score 94",
                0,
                75
            ),
            (
                "How to hire your first ten engineers",
                "Clip 1 · score 91",
                0,
                75
            ),
            (
                "The one metric we check every Monday",
                "Clip 3 · score 84",
                0,
                75
            ),
        ]
    );
    assert_eq!(
        timeline.clips[0].marker.note,
        "Tags: startups, pricing, lessons. Why charging per seat nearly killed the company, and the usage-based plan that saved it."
    );
    assert_eq!(timeline.media.len(), 3);
    for (clip, media) in timeline.clips.iter().zip(&timeline.media) {
        assert_eq!(timeline.media[clip.media], *media);
        assert_eq!(media.info.rate, Rate::new(25, 1));
        assert_eq!(
            media.info.audio,
            Some(AudioInfo {
                sample_rate: 22_050,
                channels: 1
            })
        );
    }
    let by_idx = |idx: u32| {
        outcome
            .downloads
            .iter()
            .find(|d| d.idx == idx)
            .unwrap()
            .path
            .clone()
    };
    let media_names: Vec<&str> = timeline.media.iter().map(|m| m.path.file_name()).collect();
    let expected: Vec<String> = [0, 1, 3]
        .map(|idx| {
            by_idx(idx)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .into();
    assert_eq!(media_names, expected);
    assert_eq!(timeline.frames(), 225);
}

/// Tried: a plan naming clips 3, 0, 1 in that order (the request itself is sorted).
#[tokio::test]
async fn clips_listed_by_the_download_plan_keep_that_order() {
    let server = fake().await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let mut plan = plan(out.path());
    plan.clips = Some(vec![3, 0, 1]);
    let (id, outcome) = export_with_plan(&engine, plan, &[3, 0, 1]).await;

    assert_eq!(outcome.export.requested_clips, Some(vec![3, 0, 1]));
    let timeline = export_timeline(&store_of(&engine), id).unwrap();
    let markers: Vec<&str> = timeline
        .clips
        .iter()
        .map(|c| c.marker.name.as_str())
        .collect();
    assert_eq!(
        markers,
        [
            "Clip 3 · score 84",
            "Clip 0 · score 94",
            "Clip 1 · score 91"
        ]
    );
}

/// Tried: write all four formats, write them again, edit one, delete another, write again.
#[tokio::test]
async fn timeline_files_are_written_once_recorded_and_never_overwritten() {
    let server = fake().await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let (id, _) = export_clips(&engine, out.path(), &[3, 0, 1]).await;
    let store = &store_of(&engine);

    let first = write_export_timelines(store, id, &TimelineFormat::ALL, None).unwrap();
    assert_eq!(
        timeline_names(out.path()),
        names("Podcast - timeline", &["xml", "fcpxml", "edl", "otio"])
    );
    let formats: Vec<TimelineFormat> = first.iter().map(|w| w.format).collect();
    assert_eq!(formats, TimelineFormat::ALL);
    for written in &first {
        assert_eq!(written.path.parent(), Some(out.path()));
        assert_eq!(
            written.path.extension().unwrap(),
            written.format.extension()
        );
    }
    let recorded: Vec<PathBuf> = engine
        .export_outcome(id)
        .await
        .unwrap()
        .timelines
        .into_iter()
        .map(|file| file.path)
        .collect();
    let mut written_paths: Vec<PathBuf> = first.iter().map(|w| w.path.clone()).collect();
    written_paths.sort();
    let mut recorded_sorted = recorded.clone();
    recorded_sorted.sort();
    assert_eq!(recorded_sorted, written_paths);
    let contents: Vec<Vec<u8>> = first
        .iter()
        .map(|w| std::fs::read(&w.path).unwrap())
        .collect();
    let xml = String::from_utf8(contents[0].clone()).unwrap();
    assert!(xml.contains("The one metric we check every Monday"));

    // Asked again: the same files, untouched.
    let again = write_export_timelines(store, id, &TimelineFormat::ALL, None).unwrap();
    assert_eq!(again, first);
    assert_eq!(timeline_names(out.path()).len(), 4);
    for (written, content) in first.iter().zip(&contents) {
        assert_eq!(&std::fs::read(&written.path).unwrap(), content);
    }

    // An edited file is the user's: kept, and the timeline goes to a new name.
    let edl = &first[2].path;
    std::fs::write(edl, b"my own notes").unwrap();
    // A deleted one is written again.
    std::fs::remove_file(&first[0].path).unwrap();
    let third = write_export_timelines(store, id, &TimelineFormat::ALL, None).unwrap();
    assert_eq!(std::fs::read(edl).unwrap(), b"my own notes");
    assert_eq!(
        third[2].path.file_name().unwrap(),
        "Podcast - timeline (2).edl"
    );
    assert_eq!(std::fs::read(&third[2].path).unwrap(), contents[2]);
    assert_eq!(third[0].path, first[0].path);
    assert_eq!(std::fs::read(&third[0].path).unwrap(), contents[0]);
    assert_eq!(third[1], first[1]);
    assert_eq!(third[3], first[3]);
    let recorded: Vec<PathBuf> = engine
        .export_outcome(id)
        .await
        .unwrap()
        .timelines
        .into_iter()
        .map(|file| file.path)
        .collect();
    assert!(recorded.contains(&third[2].path), "{recorded:?}");
    assert!(!recorded.contains(edl), "{recorded:?}");
    assert_eq!(timeline_names(out.path()).len(), 5);
}

/// Tried: automatic XML and FCPXML, an export of two clips, then one clip deleted and
/// downloaded again so the export completes a second time.
#[tokio::test]
async fn chosen_formats_are_written_by_themselves_once_an_export_completes() {
    let server = fake().await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    engine.set_auto_timelines(vec![TimelineFormat::Xmeml, TimelineFormat::Fcpxml]);
    let (id, outcome) = export_clips(&engine, out.path(), &[0, 2]).await;

    let recorded = recorded_timelines(&engine, id, 2).await;
    let expected = names("Podcast - timeline", &["xml", "fcpxml"]);
    assert_eq!(timeline_names(out.path()), expected);
    assert_eq!(recorded.len(), 2);
    let before: Vec<Vec<u8>> = recorded
        .iter()
        .map(|path| std::fs::read(path).unwrap())
        .collect();

    let again = &outcome.downloads[0];
    std::fs::remove_file(&again.path).unwrap();
    engine.retry_download(again.id).await.unwrap();
    let outcome = within(60, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    assert!(again.path.is_file());
    // The automatic writing runs off the workers: give a second one time to appear.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(timeline_names(out.path()), expected);
    let now = engine.export_outcome(id).await.unwrap().timelines;
    let paths: Vec<PathBuf> = now.into_iter().map(|file| file.path).collect();
    assert_eq!(paths, recorded);
    for (path, content) in recorded.iter().zip(&before) {
        assert_eq!(&std::fs::read(path).unwrap(), content);
    }
}

/// Tried: automatic XML; the API holds back clip 1's link for a few polls, and an EDL is
/// written by hand while only clip 0 is on disk.
#[tokio::test]
async fn a_timeline_written_before_the_last_clip_arrived_does_not_stop_the_automatic_one() {
    let server = fake().await;
    server.control().set_faults(
        fake_wayin::FaultScope::Project(PODCAST.into()),
        fake_wayin::Faults {
            late_last_link_polls: Some(5),
            ..fake_wayin::Faults::default()
        },
    );
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    engine.set_auto_timelines(vec![TimelineFormat::Xmeml]);
    let request = ExportRequest::new(PODCAST)
        .unwrap()
        .with_clips([0, 1])
        .unwrap();
    let id = engine.submit(request, plan(out.path())).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let outcome = engine.export_outcome(id).await.unwrap();
        let done = |idx| {
            outcome
                .downloads
                .iter()
                .any(|d| d.idx == idx && d.state == engine::DownloadState::Done)
        };
        if done(0) {
            assert!(!done(1), "clip 1 came too early for this test");
            break;
        }
        assert!(Instant::now() < deadline, "clip 0 never finished");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let partial =
        write_export_timelines(&store_of(&engine), id, &[TimelineFormat::Edl], None).unwrap();
    assert_eq!(
        file_name(&partial[0].path),
        "Podcast - timeline.edl",
        "one clip so far"
    );

    let outcome = within(60, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    let recorded = recorded_timelines(&engine, id, 2).await;
    let xml = recorded
        .iter()
        .find(|path| path.extension().unwrap() == "xml")
        .unwrap();
    assert_eq!(file_name(xml), "Podcast - timeline.xml");
    let text = std::fs::read_to_string(xml).unwrap();
    assert!(text.contains("The pricing mistake that almost sank us"));
    assert!(text.contains("How to hire your first ten engineers"));
}

/// Tried: formats chosen, then none, before an export completes.
#[tokio::test]
async fn no_automatic_formats_write_nothing() {
    let server = fake().await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    engine.set_auto_timelines(vec![TimelineFormat::Edl]);
    engine.set_auto_timelines(Vec::new());
    let (id, _) = export_clips(&engine, out.path(), &[1]).await;

    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(timeline_names(out.path()), Vec::<String>::new());
    assert!(engine
        .export_outcome(id)
        .await
        .unwrap()
        .timelines
        .is_empty());
}

/// Checks that the export's timeline is refused as unreadable, naming `name`, and that
/// nothing is written.
async fn assert_unreadable(engine: &Engine, id: ExportId, out: &Path, name: &str, says: &str) {
    let store_engine = engine.clone();
    let err = promptly(move || export_timeline(&store_of(&store_engine), id)).unwrap_err();
    let TimelineError::Unreadable {
        name: found,
        message,
    } = &err
    else {
        panic!("not unreadable: {err}");
    };
    assert_eq!(found, name);
    assert!(message.contains(says), "{message}");
    assert!(err.to_string().starts_with(name), "{err}");

    let writer = engine.clone();
    let err = promptly(move || {
        write_export_timelines(&store_of(&writer), id, &TimelineFormat::ALL, None)
    })
    .unwrap_err();
    assert!(matches!(err, TimelineError::Unreadable { .. }), "{err}");
    assert_eq!(timeline_names(out), Vec::<String>::new());
    assert!(engine
        .export_outcome(id)
        .await
        .unwrap()
        .timelines
        .is_empty());
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Tried: after the export completed, clip 0's file swapped for a symlink to clip 1's (a real
/// MP4), then for a FIFO nobody writes to.
#[cfg(unix)]
#[tokio::test]
async fn a_finished_clip_replaced_by_a_link_or_a_fifo_is_refused_without_waiting() {
    let server = fake().await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let (id, outcome) = export_clips(&engine, out.path(), &[0, 1]).await;
    let clip0 = outcome.downloads.iter().find(|d| d.idx == 0).unwrap();
    let clip1 = outcome.downloads.iter().find(|d| d.idx == 1).unwrap();
    let name = file_name(&clip0.path);

    std::fs::remove_file(&clip0.path).unwrap();
    std::os::unix::fs::symlink(&clip1.path, &clip0.path).unwrap();
    assert_unreadable(&engine, id, out.path(), &name, "link").await;

    std::fs::remove_file(&clip0.path).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&clip0.path)
        .status()
        .unwrap();
    assert!(made.success());
    assert_unreadable(&engine, id, out.path(), &name, "not a regular file").await;
}

/// Tried: clip 0's file cut in the middle of its movie header, then overwritten with text.
#[tokio::test]
async fn a_damaged_clip_is_refused_by_name() {
    let server = fake().await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let (id, outcome) = export_clips(&engine, out.path(), &[0, 1]).await;
    let clip0 = &outcome.downloads.iter().find(|d| d.idx == 0).unwrap().path;
    let name = file_name(clip0);

    let bytes = std::fs::read(clip0).unwrap();
    let moov = bytes.windows(4).position(|w| w == b"moov").unwrap() - 4;
    let moov_len = u32::from_be_bytes(bytes[moov..moov + 4].try_into().unwrap()) as usize;
    std::fs::write(clip0, &bytes[..moov + moov_len / 2]).unwrap();
    assert_unreadable(&engine, id, out.path(), &name, "damaged or incomplete").await;

    std::fs::write(clip0, b"this is not a movie, just some text in a file").unwrap();
    assert_unreadable(&engine, id, out.path(), &name, "not an MP4").await;
}

/// The podcast's clips as the API lists them: begin..end within a ~56 min recording.
async fn podcast_clips(server: &fake_wayin::FakeServer) -> Vec<Clip> {
    let mut clips = client(server)
        .project_clips(PODCAST, Priority::Interactive)
        .await
        .unwrap()
        .clips;
    clips.sort_by_key(|clip| clip.idx);
    clips
}

fn source(dir: &Path, rate: Rate, frames: u64) -> PathBuf {
    let path = dir.join("source video.mp4");
    let audio = Some(AudioInfo {
        sample_rate: 48_000,
        channels: 2,
    });
    std::fs::write(&path, synthetic_mp4(rate, frames, 1920, 1080, audio)).unwrap();
    path
}

/// Tried: every podcast clip against a one-hour 25 fps source.
#[tokio::test]
async fn selects_are_the_clips_ranges_of_the_source_in_frames() {
    let server = fake().await;
    let clips = podcast_clips(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let source = source(dir.path(), Rate::new(25, 1), 3600 * 25);

    let selects = selects_timeline("Podcast", &clips, &source).unwrap();
    assert!(selects.skipped.is_empty(), "{:?}", selects.skipped);
    let timeline = &selects.timeline;
    assert_eq!(timeline.name, "Podcast · selects");
    assert_eq!(timeline.rate, Rate::new(25, 1));
    assert_eq!((timeline.width, timeline.height), (1920, 1080));
    assert_eq!(timeline.media.len(), 1);
    let ranges: Vec<(u64, u64)> = timeline
        .clips
        .iter()
        .map(|clip| (clip.source_in, clip.source_in + clip.frames))
        .collect();
    // 754.2 s is frame 18855; 812.9 s is 20322.5 frames, rounded to 20323.
    assert_eq!(
        ranges,
        [
            (18_855, 20_323),
            (34_775, 36_561),
            (51_258, 52_545),
            (7_800, 8_738),
            (67_218, 68_900),
            (82_525, 83_606),
        ]
    );
    assert_eq!(
        timeline.clips[3].name,
        "The one metric we check every Monday"
    );
    assert_eq!(timeline.clips[3].marker.name, "Clip 3 · score 84");
}

/// Tried: the podcast's clips against a 13:20 source, which ends inside clip 0 and before
/// clips 1, 2, 4 and 5 begin; then against a one-minute source; then a clip with no range.
#[tokio::test]
async fn a_short_source_cuts_or_leaves_out_clips_and_says_so() {
    let server = fake().await;
    let clips = podcast_clips(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let short = source(dir.path(), Rate::new(25, 1), 800 * 25);

    let selects = selects_timeline("Podcast", &clips, &short).unwrap();
    let kept: Vec<(u64, u64)> = selects
        .timeline
        .clips
        .iter()
        .map(|clip| (clip.source_in, clip.source_in + clip.frames))
        .collect();
    assert_eq!(kept, [(18_855, 20_000), (7_800, 8_738)]);
    let reasons: Vec<(u32, SkippedReason)> = selects
        .skipped
        .iter()
        .map(|skip| (skip.idx, skip.reason))
        .collect();
    let after = |begin_ms| SkippedReason::StartsAfterSourceEnd {
        begin_ms,
        source_ms: 800_000,
    };
    assert_eq!(
        reasons,
        [
            (
                0,
                SkippedReason::CutAtSourceEnd {
                    end_ms: 812_900,
                    source_ms: 800_000
                }
            ),
            (1, after(1_391_000)),
            (2, after(2_050_300)),
            (4, after(2_688_700)),
            (5, after(3_301_000)),
        ]
    );
    assert_eq!(
        selects.skipped[0].describe(),
        "Clip 0 \"The pricing mistake that almost sank us\" ends at 13:32, after the source video ends (13:20): cut at the end."
    );
    assert_eq!(
        selects.skipped[1].describe(),
        "Clip 1 \"How to hire your first ten engineers\" starts at 23:11, after the source video ends (13:20): left out."
    );

    let minute = dir.path().join("minute.mp4");
    std::fs::write(
        &minute,
        synthetic_mp4(Rate::new(25, 1), 60 * 25, 640, 360, None),
    )
    .unwrap();
    let err = selects_timeline("Podcast", &clips, &minute).unwrap_err();
    assert!(
        matches!(&err, TimelineError::NothingInSource { source_length } if source_length == "1:00"),
        "{err}"
    );
    assert!(err.to_string().contains("(1:00)"), "{err}");

    let mut unranged = clips[3].clone();
    unranged.begin_ms = None;
    let with_gap = [unranged, clips[0].clone()];
    let long = source(dir.path(), Rate::new(25, 1), 3600 * 25);
    let selects = selects_timeline("Podcast", &with_gap, &long).unwrap();
    assert_eq!(selects.timeline.clips.len(), 1);
    assert_eq!(selects.skipped.len(), 1);
    assert_eq!(selects.skipped[0].reason, SkippedReason::NoRange);
    assert_eq!(
        selects.skipped[0].describe(),
        "Clip 3 \"The one metric we check every Monday\" has no time range in the project: left out."
    );
}

/// Tried: clip 0 (754.2 s to 812.9 s) against an hour of 29.97 fps video.
#[tokio::test]
async fn a_29_97_source_rounds_milliseconds_to_the_nearest_frame() {
    let server = fake().await;
    let clips = podcast_clips(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let ntsc = Rate::new(30_000, 1001);
    let source = source(dir.path(), ntsc, 3600 * 30);

    let selects = selects_timeline("Podcast", &clips[..1], &source).unwrap();
    assert_eq!(selects.timeline.rate, ntsc);
    let clip = &selects.timeline.clips[0];
    // 754.2 s × 30000/1001 = 22603.40 frames → 22603; 812.9 s = 24362.64 → 24363.
    assert_eq!(clip.source_in, 22_603);
    assert_eq!(clip.source_in + clip.frames, 24_363);
    assert_eq!(ntsc.frames_from_ms(754_200), 22_603);
}
