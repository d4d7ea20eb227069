//! Into the editor from the app: a timeline file per format for an export, dragging every
//! finished clip at once, selects on the user's source video, and automatic timelines.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{live_app, Asked, Dirs, TestApp, MOMENTS, PODCAST};
use engine::store::NewExport;
use engine::{DownloadState, SubmitState};
use serde_json::{json, Value};
use timeline::testing::synthetic_mp4;
use timeline::Rate;

/// Submits clips `clips` of the podcast as "Podcast" and waits until they are all on disk.
fn export_to_completion(app: &TestApp, clips: &[u32]) -> i64 {
    app.ok("project_open", json!({"input": PODCAST}));
    let submitted = app.ok(
        "export_submit",
        json!({"projectId": PODCAST, "projectName": "Podcast", "clips": clips,
               "options": {"resolution": "HD_720"}}),
    );
    let id = submitted["id"].as_i64().unwrap();
    let engine = tauri::async_runtime::block_on(app.state.current().engine()).unwrap();
    let outcome = tauri::async_runtime::block_on(engine.wait_export(id)).unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    id
}

/// An export recorded with one clip still waiting to download.
fn export_with_nothing_finished(app: &TestApp, dir: &Path) -> i64 {
    let mode = app.state.current();
    let store = mode.store();
    let export = store
        .insert_export(&NewExport {
            project_id: Some(PODCAST.into()),
            project_name: Some("Podcast".into()),
            request: None,
            requested_clips: Some(vec![0]),
            submit_state: SubmitState::Sent,
            task_id: None,
            out_dir: dir.to_path_buf(),
            name_template: engine::naming::DEFAULT_TEMPLATE.into(),
        })
        .unwrap();
    let download = store
        .plan_download(export, 0, &dir.join("waiting.mp4"))
        .unwrap();
    store
        .set_download_state(download.id, DownloadState::Waiting, None)
        .unwrap();
    export
}

/// What the commands asked of the desktop, apart from notifications.
fn asked(app: &TestApp) -> Vec<Asked> {
    app.desktop
        .asked()
        .into_iter()
        .filter(|a| !matches!(a, Asked::Notify(..)))
        .collect()
}

fn export_view(app: &TestApp, id: i64) -> Value {
    app.ok("exports_list", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .cloned()
        .unwrap()
}

/// The finished clips' paths in the download folder, in idx order.
fn clip_paths(app: &TestApp, dirs: &Dirs, id: i64) -> Vec<PathBuf> {
    let mut downloads = export_view(app, id)["downloads"]
        .as_array()
        .unwrap()
        .clone();
    downloads.sort_by_key(|d| d["idx"].as_u64());
    downloads
        .iter()
        .map(|d| dirs.downloads().join(d["fileName"].as_str().unwrap()))
        .collect()
}

/// Names of the files in `dir` with a timeline extension, sorted; none when it does not exist.
fn timeline_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| engine::timelines::is_timeline_path(path))
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Tried: an XML timeline before any clip was done, then after an export of clips 3, 0 and 1;
/// an unknown format; dragging a written and an unwritten format.
#[test]
fn a_timeline_file_is_written_revealed_listed_and_dragged() {
    let server = crate::common::fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    std::fs::create_dir_all(dirs.downloads()).unwrap();

    let waiting = export_with_nothing_finished(&app, &dirs.downloads());
    let early = app.err(
        "timeline_write",
        json!({"exportId": waiting, "format": "xml"}),
    );
    assert_eq!(early["kind"], "nothing_finished", "{early}");

    let id = export_to_completion(&app, &[3, 0, 1]);
    let unknown = app.err("timeline_write", json!({"exportId": id, "format": "aaf"}));
    assert_eq!(unknown["kind"], "invalid_request", "{unknown}");
    assert!(unknown["message"].as_str().unwrap().contains("\"aaf\""));
    assert_eq!(asked(&app), [], "nothing was revealed for a refused format");

    let written = app.ok("timeline_write", json!({"exportId": id, "format": "xmeml"}));
    let file = json!({"format": "xmeml", "label": "Premiere Pro / DaVinci Resolve XML",
                      "name": "Podcast - timeline.xml"});
    let mut shown = file.clone();
    shown["shownInFolder"] = json!(true);
    assert_eq!(written, shown, "no path crosses to the page");
    let path = dirs.downloads().join("Podcast - timeline.xml");
    assert!(path.is_file());
    let xml = std::fs::read_to_string(&path).unwrap();
    assert!(xml.contains("The one metric we check every Monday"));
    assert_eq!(asked(&app), [Asked::Reveal(path.clone())]);
    assert_eq!(
        timeline_names(&dirs.downloads()),
        ["Podcast - timeline.xml"]
    );

    assert_eq!(export_view(&app, id)["timelines"], json!([file]));

    // A format named by its extension, as people type it, is the same format.
    app.ok("timeline_drag", json!({"exportId": id, "format": "xml"}));
    assert_eq!(
        asked(&app)[1..],
        [Asked::Drag("main".into(), vec![path.clone()])]
    );
    let unwritten = app.err("timeline_drag", json!({"exportId": id, "format": "edl"}));
    assert_eq!(unwritten["kind"], "not_found", "{unwritten}");
    assert_eq!(asked(&app).len(), 2);

    // Without a file manager the timeline is still written, and said not shown.
    *app.desktop.reveal_fails.lock().unwrap() = Some("no file manager".into());
    let unshown = app.ok("timeline_write", json!({"exportId": id, "format": "edl"}));
    assert_eq!(unshown["name"], "Podcast - timeline.edl");
    assert_eq!(unshown["shownInFolder"], false);
    assert!(dirs.downloads().join("Podcast - timeline.edl").is_file());
    assert_eq!(
        export_view(&app, id)["timelines"].as_array().unwrap().len(),
        2
    );
}

/// Tried: drag all for an export of clips 3, 0 and 1; again once clip 1's file was swapped
/// for a symlink; and for an export with nothing finished.
#[test]
fn every_finished_clip_is_dragged_at_once_in_export_order() {
    let server = crate::common::fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    std::fs::create_dir_all(dirs.downloads()).unwrap();

    let waiting = export_with_nothing_finished(&app, &dirs.downloads());
    let none = app.err("export_drag_all", json!({"exportId": waiting}));
    assert_eq!(none["kind"], "not_found_download", "{none}");
    assert_eq!(asked(&app), []);

    let id = export_to_completion(&app, &[3, 0, 1]);
    let clips = clip_paths(&app, &dirs, id);
    assert_eq!(clips.len(), 3);
    // The app's requests list clips in ascending idx, so that is the export's order.
    assert_eq!(export_view(&app, id)["requestedClips"], json!([0, 1, 3]));
    app.ok("export_drag_all", json!({"exportId": id}));
    assert_eq!(asked(&app), [Asked::Drag("main".into(), clips.clone())]);

    #[cfg(unix)]
    {
        let elsewhere = dirs.root.path().join("private.mp4");
        std::fs::copy(&clips[1], &elsewhere).unwrap();
        std::fs::remove_file(&clips[1]).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &clips[1]).unwrap();
        app.desktop.asked.lock().unwrap().clear();
        app.ok("export_drag_all", json!({"exportId": id}));
        assert_eq!(
            asked(&app),
            [Asked::Drag(
                "main".into(),
                vec![clips[0].clone(), clips[2].clone()]
            )]
        );
    }
}

/// A synthetic source video of `seconds` at 25 fps, outside the download folder.
pub(crate) fn source(dirs: &Dirs, name: &str, seconds: u64) -> PathBuf {
    let path = dirs.root.path().join(name);
    std::fs::write(
        &path,
        synthetic_mp4(Rate::new(25, 1), seconds * 25, 1280, 720, None),
    )
    .unwrap();
    path
}

/// Tried: selects for a project not opened; the picker closed; an hour-long source; a
/// 13:20 source that ends inside clip 0 and before clips 1, 2, 4 and 5.
#[test]
fn selects_are_written_on_the_chosen_source_video() {
    let server = crate::common::fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);

    let unopened = app.err(
        "selects_write",
        json!({"projectId": MOMENTS, "clips": null}),
    );
    assert_eq!(unopened["kind"], "not_found", "{unopened}");
    assert_eq!(asked(&app), [], "no picker for a project not opened");

    app.ok("project_open", json!({"input": PODCAST}));
    let cancelled = app.ok(
        "selects_write",
        json!({"projectId": PODCAST, "clips": null}),
    );
    assert_eq!(
        cancelled,
        json!({"cancelled": true, "files": [], "skipped": [], "shownInFolder": false,
               "sourceMoved": null})
    );
    assert_eq!(asked(&app), [Asked::ChooseVideo(None)]);
    assert_eq!(timeline_names(&dirs.downloads()), Vec::<String>::new());

    *app.desktop.video.lock().unwrap() = Some(source(&dirs, "full episode.mp4", 3600));
    let selects = app.ok(
        "selects_write",
        json!({"projectId": PODCAST, "clips": null}),
    );
    assert_eq!(selects["cancelled"], false);
    assert_eq!(selects["skipped"], json!([]));
    assert_eq!(selects["shownInFolder"], true);
    let base = "Founders Unfiltered — Ep. 42_ pricing, hiring and burnout - selects";
    let files = selects["files"].as_array().unwrap();
    let listed: Vec<(&str, &str)> = files
        .iter()
        .map(|f| (f["format"].as_str().unwrap(), f["name"].as_str().unwrap()))
        .collect();
    let expected: Vec<(&str, String)> = [
        ("xmeml", "xml"),
        ("fcpxml", "fcpxml"),
        ("cmx3600", "edl"),
        ("otio", "otio"),
    ]
    .into_iter()
    .map(|(id, ext)| (id, format!("{base}.{ext}")))
    .collect();
    assert_eq!(
        listed,
        expected
            .iter()
            .map(|(id, name)| (*id, name.as_str()))
            .collect::<Vec<_>>()
    );
    let mut on_disk: Vec<String> = expected.iter().map(|(_, name)| name.clone()).collect();
    on_disk.sort();
    assert_eq!(timeline_names(&dirs.downloads()), on_disk);
    let first = dirs.downloads().join(&expected[0].1);
    assert_eq!(
        asked(&app)[1..],
        [Asked::ChooseVideo(None), Asked::Reveal(first)]
    );

    *app.desktop.video.lock().unwrap() = Some(source(&dirs, "trimmed.mp4", 800));
    let short = app.ok(
        "selects_write",
        json!({"projectId": PODCAST, "clips": null}),
    );
    assert_eq!(
        short["skipped"],
        json!([
            "Clip 0 \"The pricing mistake that almost sank us\" ends at 13:32, after the source video ends (13:20): cut at the end.",
            "Clip 1 \"How to hire your first ten engineers\" starts at 23:11, after the source video ends (13:20): left out.",
            "Clip 2 \"Burnout is a systems problem, not a you problem 🔥\" starts at 34:10, after the source video ends (13:20): left out.",
            "Clip 4 \"Remote work: what actually changed\" starts at 44:48, after the source video ends (13:20): left out.",
            "Clip 5 \"Advice to my 25-year-old self\" starts at 55:01, after the source video ends (13:20): left out."
        ])
    );
    // Earlier selects are never overwritten.
    assert_eq!(short["files"][0]["name"], format!("{base} (2).xml"));
    assert_eq!(timeline_names(&dirs.downloads()).len(), 8);
}

/// Tried: FCPXML chosen in the settings, an unknown format refused, then an export of two clips.
#[test]
fn automatic_timelines_are_a_setting_and_written_once_an_export_completes() {
    let server = crate::common::fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);

    let set = app.ok(
        "settings_set",
        json!({"patch": {"autoTimelines": ["fcpxml"]}}),
    );
    assert_eq!(set["autoTimelines"], json!(["fcpxml"]));
    let refused = app.err("settings_set", json!({"patch": {"autoTimelines": ["aaf"]}}));
    assert_eq!(refused["kind"], "invalid_request", "{refused}");
    assert_eq!(
        app.ok("settings_get", json!({}))["autoTimelines"],
        json!(["fcpxml"])
    );

    let id = export_to_completion(&app, &[0, 2]);
    eventually("the automatic timeline", || {
        export_view(&app, id)["timelines"]
            .as_array()
            .is_some_and(|files| !files.is_empty())
    });
    assert_eq!(
        export_view(&app, id)["timelines"],
        json!([{"format": "fcpxml", "label": "Final Cut Pro XML",
                "name": "Podcast - timeline.fcpxml"}])
    );
    assert_eq!(
        timeline_names(&dirs.downloads()),
        ["Podcast - timeline.fcpxml"]
    );
}
