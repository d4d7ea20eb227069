//! "Try the demo" and back while the app runs: each mode keeps its own key, history
//! and folders, the mode left keeps going, and the real key is never read, written or
//! sent by the demo.

mod common;

use std::sync::Arc;

use common::*;
use serde_json::json;
use wayin_clip_exporter::state::{AppState, KeySource};

/// Tried: a first run with no key (the keychain empty) switches into the demo, opens a demo
/// project and reads its exports, then leaves. In the demo the app reports demo mode and the
/// demo's own key; after leaving it is back to no key, the keychain was never written and the
/// real API never saw a request.
#[test]
fn a_first_run_without_a_key_tries_the_demo_and_comes_back_untouched() {
    let server = fake();
    let dirs = Dirs::new();
    let keychain = Arc::new(MemoryKeychain::default());
    let desktop = Arc::new(Recorder::default());
    let config = live_config(
        &server,
        &dirs,
        None,
        Some(keychain.clone()),
        desktop.clone(),
    );
    let app = TestApp::new(AppState::open(config).unwrap(), desktop);
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
