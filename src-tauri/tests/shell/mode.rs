//! "Try the demo" and back while the app runs: each mode keeps its own key, history
//! and folders, the mode left keeps going, and the real key is never read, written or
//! sent by the demo.

use std::sync::Arc;
use std::time::Duration;

use crate::common::*;
use app::{AppState, KeySource};
use fake_wayin::{FakeServer, FaultScope, Faults};
use serde_json::json;

/// The real API's mode on its first run: no key yet, an empty keychain.
fn first_run_app(server: &FakeServer, dirs: &Dirs) -> (TestApp, Arc<MemoryKeychain>) {
    let keychain = Arc::new(MemoryKeychain::default());
    let desktop = Arc::new(Recorder::default());
    let config = live_config(server, dirs, None, Some(keychain.clone()), desktop.clone());
    (
        TestApp::new(AppState::open(config).unwrap(), desktop),
        keychain,
    )
}

/// Tried: a first run with no key (the keychain empty) switches into the demo, opens a demo
/// project and reads its exports, then leaves. In the demo the app reports demo mode and the
/// demo's own key; after leaving it is back to no key, the keychain was never written and the
/// real API never saw a request.
#[test]
fn a_first_run_without_a_key_tries_the_demo_and_comes_back_untouched() {
    let server = fake();
    let dirs = Dirs::new();
    let (app, keychain) = first_run_app(&server, &dirs);
    assert_eq!(app.ok("app_info", json!({}))["demo"], false);
    assert_eq!(app.ok("key_status", json!({}))["set"], false);

    let demo = app.ok("demo_enter", json!({}));
    assert_eq!(demo["demo"], true);
    assert_ne!(
        demo["apiBase"],
        server.base_url(),
        "the demo has its own stand-in API"
    );
    let key = app.ok("key_status", json!({}));
    assert_eq!(
        (key["set"].clone(), key["source"].clone()),
        (json!(true), json!("demo"))
    );
    let project = app.ok("project_open", json!({"input": PODCAST}));
    assert_eq!(project["clips"].as_array().unwrap().len(), 6);
    assert_eq!(app.ok("exports_list", json!({})), json!([]));
    let demo_settings = app.ok("settings_get", json!({}));
    assert_ne!(
        demo_settings["downloadDir"],
        dirs.downloads().to_string_lossy().as_ref(),
        "demo downloads go to the demo's own folder"
    );

    let back = app.ok("demo_leave", json!({}));
    assert_eq!(back["demo"], false);
    assert_eq!(back["apiBase"], server.base_url());
    assert_eq!(app.ok("key_status", json!({}))["set"], false);
    assert_eq!(app.err("exports_list", json!({}))["kind"], "key_missing");
    assert!(
        keychain.origins().is_empty(),
        "the keychain was never written"
    );
    assert!(
        server.control().api_request_count() == 0,
        "the real API heard nothing from the demo"
    );

    // Entering again finds the same demo, with the project opened before.
    app.ok("demo_enter", json!({}));
    assert_eq!(
        app.ok("demo_projects", json!({})).as_array().unwrap().len(),
        2
    );
}

/// Tried: an app with a working key and an export in its history enters the demo, where the
/// history is the demo's (empty), and leaves: the real key, its source and the real history
/// are as they were.
#[test]
fn the_real_key_and_history_are_as_they_were_after_the_demo() {
    let server = fake();
    let dirs = Dirs::new();
    let desktop = Arc::new(Recorder::default());
    let config = live_config(
        &server,
        &dirs,
        Some((server.api_key(), KeySource::Env)),
        None,
        desktop.clone(),
    );
    let app = TestApp::new(AppState::open(config).unwrap(), desktop);
    app.ok("project_open", json!({"input": MOMENTS}));
    app.ok(
        "export_submit",
        json!({"projectId": MOMENTS, "projectName": null, "clips": [0], "options": {}}),
    );
    let before = app.ok("key_status", json!({}));
    assert_eq!(
        app.ok("exports_list", json!({})).as_array().unwrap().len(),
        1
    );

    app.ok("demo_enter", json!({}));
    assert_eq!(app.ok("exports_list", json!({})), json!([]));
    assert_eq!(app.ok("key_status", json!({}))["source"], "demo");

    app.ok("demo_leave", json!({}));
    assert_eq!(app.ok("key_status", json!({})), before);
    let history = app.ok("exports_list", json!({}));
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(history[0]["projectId"], MOMENTS);
}

/// Tried: a first run without a key pastes the real key and presses Try the demo while
/// WayinVideo takes 1.5 s to answer the key's check. The key lands where it was typed:
/// the real API's keychain entry and the real mode, in use once the demo is left. The
/// demo keeps its own key and its stand-in never heard the real one.
#[test]
fn a_key_being_checked_when_the_demo_opens_stays_with_the_real_api() {
    let server = fake();
    server.control().set_faults(
        FaultScope::Global,
        Faults {
            slow_ms: Some(1_500),
            ..Faults::default()
        },
    );
    let dirs = Dirs::new();
    let (app, keychain) = first_run_app(&server, &dirs);
    let real_key = server.api_key().to_string();

    let window = app.window.clone();
    let typed = real_key.clone();
    let saving = std::thread::spawn(move || {
        invoke(
            &window,
            "key_save",
            json!({"key": typed, "sessionOnly": false}),
        )
    });
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(app.ok("demo_enter", json!({}))["demo"], true);
    let saved = saving
        .join()
        .unwrap()
        .expect("the real API accepted the key");
    assert_eq!(saved["source"], "keychain");

    let in_demo = app.ok("key_status", json!({}));
    assert_eq!(in_demo["source"], "demo", "the demo keeps its own key");
    let demo_server = demo_control(&app);
    let refused: Vec<_> = demo_server
        .api_requests()
        .into_iter()
        .filter(|request| request.status == 401)
        .collect();
    assert_eq!(
        refused,
        vec![],
        "the demo's stand-in was never sent another key"
    );
    assert_eq!(
        keychain.key_for(&origin_of(&server)).as_deref(),
        Some(real_key.as_str())
    );

    app.ok("demo_leave", json!({}));
    let live = app.ok("key_status", json!({}));
    assert_eq!(
        (
            live["set"].clone(),
            live["source"].clone(),
            live["last4"].clone()
        ),
        (
            json!(true),
            json!("keychain"),
            json!(real_key[real_key.len() - 4..])
        )
    );
}

/// Tried: another process holds the real store's write lock for 2 s while the real
/// mode's engine starts (its history answer waits on the lock), and Try the demo is
/// pressed meanwhile. Then an export is pressed in the demo: the demo's stand-in gets
/// it and the demo's history holds it; the real API never sees an export and the real
/// history stays empty.
#[test]
fn an_engine_starting_behind_a_held_store_never_serves_the_demo() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    let holder = rusqlite::Connection::open(dirs.data().join(engine::STORE_FILE)).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    holder
        .execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('held_by_test', '1')",
            [],
        )
        .unwrap();

    let window = app.window.clone();
    let listing = std::thread::spawn(move || invoke(&window, "exports_list", json!({})));
    std::thread::sleep(Duration::from_millis(300));
    let window = app.window.clone();
    let entering = std::thread::spawn(move || invoke(&window, "demo_enter", json!({})));
    std::thread::sleep(Duration::from_millis(1_700));
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(
        listing.join().unwrap().expect("the real history"),
        json!([])
    );
    assert_eq!(
        entering.join().unwrap().expect("the demo opens")["demo"],
        true
    );

    app.ok("project_open", json!({"input": PODCAST}));
    app.ok(
        "export_submit",
        json!({"projectId": PODCAST, "projectName": null, "clips": [0], "options": {}}),
    );
    let demo_server = demo_control(&app);
    assert_eq!(demo_server.received_exports().len(), 1);
    assert_eq!(
        server.control().received_exports(),
        Vec::<serde_json::Value>::new()
    );
    let demo_history = app.ok("exports_list", json!({}));
    assert_eq!(demo_history[0]["projectId"], PODCAST);

    app.ok("demo_leave", json!({}));
    assert_eq!(app.ok("exports_list", json!({})), json!([]));
}

/// Tried: a clip exported and downloaded in the real mode, its player URL kept, then the
/// demo entered. The kept URL still plays the real file, and the same URL with its mode
/// changed to the demo's asks the demo, which has no download of that number: it never
/// opens the real clip.
#[test]
fn a_player_url_names_its_mode_and_plays_that_modes_clip_after_a_switch() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    app.ok("project_open", json!({"input": MOMENTS}));
    let real = app.ok(
        "export_submit",
        json!({"projectId": MOMENTS, "projectName": null, "clips": [0], "options": {}}),
    );
    let engine = tauri::async_runtime::block_on(app.state.current().engine()).unwrap();
    let export_id = real["id"].as_i64().unwrap();
    tauri::async_runtime::block_on(engine.wait_export(export_id)).unwrap();
    let real_download = &app.ok("exports_list", json!({}))[0]["downloads"][0];
    let real_url = real_download["url"].as_str().unwrap().to_owned();
    let real_file = dirs
        .downloads()
        .join(real_download["fileName"].as_str().unwrap());
    assert!(
        real_url.ends_with(&format!("/live/{}", real_download["id"])),
        "{real_url}"
    );

    app.ok("demo_enter", json!({}));
    assert_eq!(
        played(&app, &real_url),
        (200, std::fs::read(&real_file).unwrap()),
        "a URL handed out in the real mode plays the real clip while the demo is shown"
    );
    let demo_url = real_url.replace("/live/", "/demo/");
    assert_eq!(
        played(&app, &demo_url).0,
        404,
        "the demo has no download of that number yet"
    );
}

/// The demo's stand-in, for a look at what it received; the demo is the mode shown.
fn demo_control(app: &TestApp) -> fake_wayin::Control {
    app.state
        .current()
        .demo_server()
        .expect("the demo runs")
        .control()
}

/// The `clip:` scheme's answer to `url`: status and body.
fn played(app: &TestApp, url: &str) -> (u16, Vec<u8>) {
    let request = tauri::http::Request::builder()
        .uri(url)
        .body(Vec::new())
        .unwrap();
    let answer = tauri::async_runtime::block_on(wayin_clip_exporter::protocols::clip::serve(
        &app.state, &request,
    ));
    (answer.status().as_u16(), answer.body().clone())
}

/// Tried: the admin routes the test stand-in serves (`/__fake/health`, `/__fake/faults`,
/// `/__fake/requests`) asked of the demo's built-in stand-in once the demo runs. None
/// answers there; the same routes answer on a stand-in made for tests.
#[test]
fn the_demos_stand_in_serves_no_admin_routes() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    let demo = app.ok("demo_enter", json!({}));
    let demo_origin = wayin_api::BaseUrl::parse(demo["apiBase"].as_str().unwrap())
        .unwrap()
        .origin();
    let status = |url: String| {
        let http = wayin_api::tls::client_builder().build().unwrap();
        tauri::async_runtime::block_on(async move { http.get(url).send().await.unwrap().status() })
    };
    for route in ["health", "faults", "requests"] {
        assert_eq!(
            status(format!("{demo_origin}/__fake/{route}")),
            404,
            "{route}"
        );
        assert_eq!(
            status(format!("{}/__fake/{route}", server.origin())),
            200,
            "{route}"
        );
    }
}
