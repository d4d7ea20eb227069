//! Previewing and submitting exports, following them to disk, and everything
//! a finished clip offers: reveal, open, drag and play, all by download id.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{demo_app, fake, live_app, Asked, Dirs, TestApp, PODCAST};
use app::Mode;
use engine::store::NewExport;
use engine::{DownloadState, SubmitState};
use serde_json::{json, Value};
use tauri::http::{header, Request, StatusCode};
use wayin_clip_exporter::protocols::clip;

fn preview(app: &TestApp, clips: Value, options: Value) -> Value {
    app.ok(
        "export_preview",
        json!({"projectId": PODCAST, "clips": clips, "options": options}),
    )
}

#[test]
fn preview_shows_exactly_what_would_be_sent() {
    let app = demo_app();
    app.ok("project_open", json!({"input": PODCAST}));

    let plain = preview(&app, Value::Null, json!({"resolution": "HD_720"}));
    assert_eq!(
        plain["body"],
        json!({"project_id": PODCAST, "resolution": "HD_720", "enable_caption": false,
               "enable_ai_hook": false, "enable_ai_reframe": false})
    );
    assert_eq!(plain["warnings"], json!([]));
    assert_eq!(
        plain["summary"],
        "All 6 clips of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 720p"
    );

    let full = preview(
        &app,
        json!([4, 1, 1]),
        json!({
            "resolution": "FHD_1080", "targetLang": "es",
            "captions": {"display": "both", "style": "temp-3"},
            "hook": {"style": "casual", "position": "end", "keywords": "  pricing  ", "durationMs": 2500},
            "reframe": "RATIO_9_16"
        }),
    );
    assert_eq!(
        full["body"],
        json!({"project_id": PODCAST, "clip_indices": [1, 4], "target_lang": "es",
               "resolution": "FHD_1080", "enable_caption": true, "caption_display": "both",
               "cc_style_tpl": "temp-3", "enable_ai_hook": true, "ai_hook_script_style": "casual",
               "ai_hook_position": "end", "ai_hook_keywords": "pricing",
               "ai_hook_text_duration": 2500, "enable_ai_reframe": true, "ratio": "RATIO_9_16"})
    );
    assert_eq!(
        full["warnings"],
        json!(["Showing both caption lines works reliably only with a temp-static-* style; temp-3 may render one line only."])
    );
    assert_eq!(
        full["summary"],
        "2 clips of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 1080p · translated to Spanish · captions: both, style temp-3 · AI hook (casual, at the end, 2.5 s) · reframed to 9:16"
    );

    // A hook switched on with nothing chosen sends only its switch.
    let bare_hook = preview(&app, json!([0]), json!({"hook": {}, "captions": null}));
    let body = bare_hook["body"].as_object().unwrap();
    assert_eq!(body["enable_ai_hook"], true);
    assert_eq!(body["enable_caption"], false);
    for gated in [
        "ai_hook_script_style",
        "ai_hook_position",
        "ai_hook_keywords",
        "ai_hook_text_duration",
        "caption_display",
        "cc_style_tpl",
        "ratio",
        "target_lang",
    ] {
        assert!(!body.contains_key(gated), "{gated} is absent: {body:?}");
    }
    assert_eq!(
        bare_hook["summary"].as_str().unwrap().split(" · ").last(),
        Some("AI hook")
    );

    let static_both = preview(
        &app,
        Value::Null,
        json!({"captions": {"display": "both", "style": "temp-static-2"}}),
    );
    assert_eq!(static_both["warnings"], json!([]));
}

#[test]
fn preview_refuses_what_cannot_be_sent() {
    let app = demo_app();
    for (clips, options, says) in [
        (json!([]), json!({}), "Choose at least one clip"),
        (
            Value::Null,
            json!({"reframe": "RATIO_3_2"}),
            "is not a valid ratio",
        ),
        (
            Value::Null,
            json!({"targetLang": "klingon"}),
            "not a supported target language",
        ),
        (
            Value::Null,
            json!({"hook": {"durationMs": 0}}),
            "hook duration",
        ),
        (
            Value::Null,
            json!({"captions": {"display": "sideways"}}),
            "not a valid caption_display",
        ),
        (
            Value::Null,
            json!({"captions": {"display": "original", "style": "Temp 7!"}}),
            "not a caption style id",
        ),
        (
            Value::Null,
            json!({"resolution": 1080}),
            "The export options are not valid",
        ),
    ] {
        let err = app.err(
            "export_preview",
            json!({"projectId": PODCAST, "clips": clips, "options": options}),
        );
        assert_eq!(err["kind"], "invalid_request", "{err}");
        assert!(err["message"].as_str().unwrap().contains(says), "{err}");
    }
}

/// Waits for what the notifier or the engine does on its own task.
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_export_lands_on_disk_and_every_clip_can_be_revealed_opened_dragged_and_played() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    app.ok("project_open", json!({"input": PODCAST}));

    // Events reach a watcher as the page's shapes.
    let events: Arc<Mutex<Vec<Value>>> = Arc::default();
    let seen = events.clone();
    let engine = tauri::async_runtime::block_on(app.state.current().engine()).unwrap();
    tauri::async_runtime::spawn(wayin_clip_exporter::events::forward(
        app.state.current(),
        move |event| {
            seen.lock()
                .unwrap()
                .push(serde_json::to_value(event).unwrap());
            true
        },
    ));

    let submitted = app.ok(
        "export_submit",
        json!({"projectId": PODCAST, "projectName": "Podcast: ep 42", "clips": [0, 2],
               "options": {"resolution": "HD_720", "reframe": "RATIO_9_16"}}),
    );
    assert_ne!(
        submitted["phase"], "sending",
        "the answer is in: {submitted}"
    );
    assert_eq!(submitted["requestedClips"], json!([0, 2]));
    assert_eq!(submitted["options"]["reframe"], "RATIO_9_16");
    assert_eq!(submitted["request"]["clip_indices"], json!([0, 2]));
    let id = submitted["id"].as_i64().unwrap();

    let outcome = tauri::async_runtime::block_on(engine.wait_export(id)).unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);

    let list = app.ok("exports_list", json!({}));
    let export = &list[0];
    assert_eq!(export["id"], id);
    assert_eq!(export["phase"], "done");
    assert_eq!(export["problem"], serde_json::Value::Null);
    assert_eq!(export["status"], "SUCCEEDED");
    let downloads = export["downloads"].as_array().unwrap();
    assert_eq!(downloads.len(), 2);
    for download in downloads {
        assert_eq!(download["state"], "done");
        assert_eq!(download["bytesDone"], download["total"]);
        let name = download["fileName"].as_str().unwrap();
        assert!(name.starts_with("Podcast_ ep 42 - 0"), "{name}");
        assert!(dirs.downloads().join(name).is_file(), "{name} is on disk");
    }

    // The desktop is told once, when the export's clips are all on disk.
    eventually("the notification", || {
        app.desktop
            .asked()
            .iter()
            .any(|a| matches!(a, Asked::Notify(..)))
    });
    let notes: Vec<Asked> = app
        .desktop
        .asked()
        .into_iter()
        .filter(|a| matches!(a, Asked::Notify(..)))
        .collect();
    assert_eq!(notes.len(), 1);
    let Asked::Notify(title, body) = &notes[0] else {
        unreachable!()
    };
    assert_eq!(title, "Clips ready");
    assert!(
        body.starts_with("2 clips of Podcast: ep 42 downloaded to "),
        "{body}"
    );

    // Reveal, open and drag name the file by its download id only.
    let first = &downloads[0];
    let download_id = first["id"].as_i64().unwrap();
    let path = dirs.downloads().join(first["fileName"].as_str().unwrap());
    app.ok("download_reveal", json!({"downloadId": download_id}));
    app.ok("download_open", json!({"downloadId": download_id}));
    app.ok("download_drag", json!({"downloadId": download_id}));
    let asked: Vec<Asked> = app
        .desktop
        .asked()
        .into_iter()
        .filter(|a| !matches!(a, Asked::Notify(..)))
        .collect();
    assert_eq!(
        asked,
        [
            Asked::Reveal(path.clone()),
            Asked::Open(path.clone()),
            Asked::Drag("main".into(), vec![path.clone()])
        ]
    );

    // The player gets the bytes of the file, a range at a time.
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        first["url"],
        clip::url(Mode::Live, download_id),
        "a ready-to-use URL comes with a finished download"
    );
    let ranged = Request::builder()
        .uri(clip::url(Mode::Live, download_id))
        .header(header::RANGE, "bytes=10-1033")
        .body(Vec::new())
        .unwrap();
    let answer = tauri::async_runtime::block_on(clip::serve(&app.state, &ranged));
    assert_eq!(answer.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(answer.headers()[header::CONTENT_TYPE], "video/mp4");
    assert_eq!(
        answer.headers()[header::CONTENT_RANGE],
        format!("bytes 10-1033/{}", bytes.len()).as_str()
    );
    assert_eq!(answer.body().as_slice(), &bytes[10..1034]);

    // Watchers saw the export change, its clips arrive, and it complete.
    eventually("the export's completion event", || {
        events.lock().unwrap().iter().any(|e| {
            e["type"] == "export_updated"
                && e["export"]["id"] == id
                && e["export"]["phase"] == "done"
        })
    });
    let events = events.lock().unwrap().clone();
    assert!(events
        .iter()
        .any(|e| e["type"] == "download_changed" && e["download"]["state"] == "done"));
    assert!(events
        .iter()
        .filter(|e| e["type"] == "download_progress")
        .all(|e| e["downloadId"].is_i64() && e["bytesDone"].is_u64()));
}

/// Rows written the way the engine writes them, for downloads in every state.
fn recorded_download(
    app: &TestApp,
    dir: &Path,
    name: &str,
    state: DownloadState,
) -> (i64, PathBuf) {
    let mode = app.state.current();
    let store = mode.store();
    let export = store
        .insert_export(&NewExport {
            project_id: Some(PODCAST.into()),
            project_name: Some("Podcast".into()),
            request: None,
            requested_clips: None,
            submit_state: SubmitState::Rejected,
            task_id: None,
            out_dir: dir.to_path_buf(),
            name_template: engine::naming::DEFAULT_TEMPLATE.into(),
        })
        .unwrap();
    let path = dir.join(name);
    let download = store.plan_download(export, 0, &path).unwrap();
    store.set_download_state(download.id, state, None).unwrap();
    (download.id, path)
}

#[test]
fn paths_are_resolved_from_download_ids_and_unfinished_ones_are_refused() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    let dir = dirs.downloads();
    std::fs::create_dir_all(&dir).unwrap();

    let name = "Épisode 7 – « Ça marche » #1 100% [final] 東京.mp4";
    let (done, path) = recorded_download(&app, &dir, name, DownloadState::Done);
    std::fs::write(&path, b"not really a movie").unwrap();
    for cmd in ["download_reveal", "download_open", "download_drag"] {
        app.ok(cmd, json!({"downloadId": done}));
    }
    assert_eq!(
        app.desktop.asked(),
        [
            Asked::Reveal(path.clone()),
            Asked::Open(path.clone()),
            Asked::Drag("main".into(), vec![path.clone()])
        ]
    );

    let (waiting, _) = recorded_download(&app, &dir, "waiting.mp4", DownloadState::Waiting);
    let (failed, _) = recorded_download(&app, &dir, "failed.mp4", DownloadState::Failed);
    let (gone, _) = recorded_download(&app, &dir, "deleted since.mp4", DownloadState::Done);
    for cmd in ["download_reveal", "download_open", "download_drag"] {
        for (id, says) in [
            (waiting, "is not downloaded yet (waiting)"),
            (failed, "is not downloaded yet (failed)"),
            (gone, "deleted since.mp4 is no longer on disk"),
            (999_999, "Download 999999 is not known."),
        ] {
            let err = app.err(cmd, json!({"downloadId": id}));
            assert_eq!(err["kind"], "not_found_download", "{cmd} {id}");
            assert!(
                err["message"].as_str().unwrap().contains(says),
                "{cmd}: {err}"
            );
        }
    }
    assert_eq!(
        app.desktop.asked().len(),
        3,
        "nothing unfinished was opened"
    );

    let cancel_unknown = app.err("download_cancel", json!({"downloadId": 999_999}));
    assert_eq!(cancel_unknown["kind"], "not_found_download");
    let retry_unknown = app.err("download_retry", json!({"downloadId": 999_999}));
    assert_eq!(retry_unknown["kind"], "not_found_download");

    let unknown_clip = Request::builder()
        .uri(clip::url(Mode::Live, waiting))
        .body(Vec::new())
        .unwrap();
    let answer = tauri::async_runtime::block_on(clip::serve(&app.state, &unknown_clip));
    assert_eq!(answer.status(), StatusCode::NOT_FOUND);
}

#[test]
fn submitting_into_an_unusable_folder_costs_nothing() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    let file = dirs.root.path().join("a file");
    std::fs::write(&file, b"x").unwrap();
    let clips = dirs.root.path().join("clips");
    std::fs::create_dir_all(&clips).unwrap();
    *app.desktop.folder.lock().unwrap() = Some(clips.clone());
    app.ok("settings_choose_folder", json!({}));
    // The folder turns into a file behind the app's back.
    std::fs::remove_dir(&clips).unwrap();
    std::fs::write(&clips, b"x").unwrap();

    let err = app.err(
        "export_submit",
        json!({"projectId": PODCAST, "clips": [0], "options": {}}),
    );
    assert_eq!(err["kind"], "folder", "{err}");
    assert!(server.control().received_exports().is_empty());
}

#[cfg(unix)]
#[test]
fn a_finished_download_replaced_by_a_symlink_is_neither_opened_nor_served() {
    // Tried: after a clip finished, its file is swapped for a symlink to another of the user's
    // files, hoping "Open", "Show in folder", a drag or the player hands that file out.
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    let dir = dirs.downloads();
    std::fs::create_dir_all(&dir).unwrap();
    let secret = dirs.root.path().join("secret.txt");
    std::fs::write(&secret, b"not a clip").unwrap();
    let (done, path) = recorded_download(&app, &dir, "clip.mp4", DownloadState::Done);
    std::os::unix::fs::symlink(&secret, &path).unwrap();

    for cmd in ["download_reveal", "download_open", "download_drag"] {
        let err = app.err(cmd, json!({"downloadId": done}));
        assert_eq!(err["kind"], "not_found_download", "{cmd}");
        assert!(
            err["message"]
                .as_str()
                .unwrap()
                .contains("replaced by a link"),
            "{cmd}: {err}"
        );
    }
    assert_eq!(app.desktop.asked(), [], "nothing was handed to the desktop");

    let play = Request::builder()
        .uri(clip::url(Mode::Live, done))
        .header(header::RANGE, "bytes=0-")
        .body(Vec::new())
        .unwrap();
    let answer = tauri::async_runtime::block_on(clip::serve(&app.state, &play));
    assert_eq!(answer.status(), StatusCode::NOT_FOUND);
    assert!(!answer.body().windows(10).any(|w| w == b"not a clip"));
}

/// Tried: a project whose name (from the API, relayed by the page) carries an OSC
/// that retitles a terminal, a screen clear, a carriage return, a right-to-left
/// override and notification markup. The notification shows it as inert text.
#[test]
fn a_hostile_project_name_reaches_the_notification_as_inert_text() {
    const HOSTILE: &str = "proj_hostile_name";
    let server = fake();
    server.control().add_named_project(
        HOSTILE,
        "Evil\u{1b}]0;pwned\u{07} \u{1b}[2Jshow\r\u{202e}<b>&",
        &["one"],
        2048,
    );
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    let project = app.ok("project_open", json!({"input": HOSTILE}));
    let engine = tauri::async_runtime::block_on(app.state.current().engine()).unwrap();
    let submitted = app.ok(
        "export_submit",
        json!({"projectId": HOSTILE, "projectName": project["name"], "clips": null,
               "options": {"resolution": "HD_720"}}),
    );
    let id = submitted["id"].as_i64().unwrap();
    let outcome = tauri::async_runtime::block_on(engine.wait_export(id)).unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);

    eventually("the notification", || {
        app.desktop
            .asked()
            .iter()
            .any(|a| matches!(a, Asked::Notify(..)))
    });
    let body = app
        .desktop
        .asked()
        .into_iter()
        .find_map(|a| match a {
            Asked::Notify(_, body) => Some(body),
            _ => None,
        })
        .unwrap();
    assert!(
        !body
            .chars()
            .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
        "{body:?}"
    );
    if cfg!(all(unix, not(target_os = "macos"))) {
        assert!(
            body.starts_with("1 clip of Evil show&lt;b&gt;&amp; downloaded to "),
            "{body}"
        );
        assert!(!body.contains('<') && !body.contains('>'), "{body}");
    } else {
        assert!(
            body.starts_with("1 clip of Evil show<b>& downloaded to "),
            "{body}"
        );
    }
}
