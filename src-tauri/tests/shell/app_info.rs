//! `app_info` and the ACL through the real IPC path on Tauri's mock runtime.

use crate::common::{demo_app, fake, invoke, live_app, window, Dirs};
use serde_json::{json, Value};
use std::path::Path;
use wayin_api::BaseUrl;

#[test]
fn live_mode_reports_the_api_the_build_and_whether_a_key_is_set() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);

    let info = app.ok("app_info", json!({}));

    assert_eq!(
        info,
        json!({
            "version": env!("CARGO_PKG_VERSION"),
            "commit": app::COMMIT,
            "demo": false,
            "apiBase": server.base_url(),
            "keySet": true,
            "historySetAside": null,
            "notices": [],
        })
    );
    assert!(
        !info.to_string().contains(&server.api_key()[30..]),
        "the key never reaches the web view"
    );
}

#[test]
fn the_build_names_the_commit_it_was_made_from() {
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned());
    match head {
        Some(head) => assert_eq!(app::COMMIT, head, "built from the checkout's commit"),
        None => assert_eq!(app::COMMIT, "unknown", "outside a checkout"),
    }
}

#[test]
fn demo_mode_runs_the_fake_api_on_loopback() {
    let app = demo_app();

    let info = app.ok("app_info", json!({}));

    assert_eq!(info["demo"], json!(true));
    assert_eq!(info["keySet"], json!(true));
    let api_base = info["apiBase"].as_str().unwrap();
    assert!(
        api_base.starts_with("http://127.0.0.1:"),
        "demo API is on loopback: {api_base}"
    );
    assert!(BaseUrl::parse(api_base).unwrap().is_loopback());
}

fn refused(result: Result<Value, Value>) -> String {
    result.expect_err("the ACL refuses the call").to_string()
}

#[test]
fn windows_without_the_capability_cannot_call_commands() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    let stranger = window(&app.app, "stranger");

    for cmd in ["app_info", "key_status", "settings_get", "download_open"] {
        let message = refused(invoke(&stranger, cmd, json!({"downloadId": 1})));
        assert!(message.contains("not allowed"), "{cmd}: {message}");
    }
}

/// The plugins the shell uses from Rust grant nothing to the page: it cannot
/// open files, pick paths or read the disk through them.
#[test]
fn plugin_commands_are_not_granted_to_the_page() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);

    for (cmd, args) in [
        ("plugin:opener|open_path", json!({"path": "/etc/passwd"})),
        (
            "plugin:opener|reveal_item_in_dir",
            json!({"paths": ["/etc"]}),
        ),
        ("plugin:dialog|open", json!({"options": {}})),
        (
            "plugin:notification|notify",
            json!({"options": {"title": "x"}}),
        ),
        ("plugin:fs|read_file", json!({"path": "/etc/passwd"})),
    ] {
        let message = refused(app.invoke(cmd, args));
        assert!(
            message.contains("not allowed") || message.contains("not found"),
            "{cmd}: {message}"
        );
    }
}

/// What page script could do with Tauri's core defaults, tried as injected script
/// would: build menus and tray icons, read images from any path, resolve the user's
/// folders, emit and listen to events, read or change the window and open the dev
/// tools. The page uses none of it, so the main window is granted none of it.
#[test]
fn core_commands_the_page_does_not_use_are_refused() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);

    for (cmd, args) in [
        ("plugin:menu|new", json!({"kind": "Menu", "options": {}})),
        ("plugin:tray|new", json!({"options": {}})),
        ("plugin:image|from_path", json!({"path": "/etc/passwd"})),
        ("plugin:resources|close", json!({"rid": 1})),
        ("plugin:path|resolve_directory", json!({"directory": 1})),
        ("plugin:path|resolve", json!({"paths": ["/etc"]})),
        (
            "plugin:event|emit",
            json!({"event": "exports-changed", "payload": null}),
        ),
        (
            "plugin:event|listen",
            json!({"event": "x", "target": {"kind": "Any"}, "handler": 1}),
        ),
        ("plugin:app|version", json!({})),
        ("plugin:app|name", json!({})),
        ("plugin:window|title", json!({"label": "main"})),
        (
            "plugin:window|set_title",
            json!({"label": "main", "value": "x"}),
        ),
        (
            "plugin:window|internal_toggle_maximize",
            json!({"label": "main"}),
        ),
        ("plugin:webview|get_all_webviews", json!({})),
        ("plugin:webview|internal_toggle_devtools", json!({})),
    ] {
        let message = refused(app.invoke(cmd, args));
        assert!(message.contains("not allowed"), "{cmd}: {message}");
    }
}

/// What the page does use still works without any core permission: its own
/// commands, and a `Channel` for events, whose large messages the page fetches
/// through `plugin:__TAURI_CHANNEL__|fetch` (exempt from the ACL in Tauri 2).
#[test]
fn the_page_keeps_invoke_and_channels() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);

    app.ok("app_info", json!({}));
    app.ok("settings_get", json!({}));
    app.ok("exports_watch", json!({"onEvent": "__CHANNEL__:7"}));
    let fetch = app
        .invoke("plugin:__TAURI_CHANNEL__|fetch", json!({}))
        .expect_err("no channel id header was sent")
        .to_string();
    assert!(!fetch.contains("not allowed"), "{fetch}");
    assert!(fetch.contains("channel id"), "{fetch}");
}

/// Tried: the history file overwritten with other bytes before the app starts. The app
/// opens, its first answer names where the damaged file was kept (with its bytes intact
/// there), later answers say nothing more, and exports work on a fresh history.
#[test]
fn a_damaged_history_is_kept_aside_said_once_and_work_goes_on() {
    let server = fake();
    let dirs = Dirs::new();
    let store = dirs.data().join(engine::STORE_FILE);
    std::fs::create_dir_all(dirs.data()).unwrap();
    let garbage = b"this is not a database, it was overwritten ".repeat(200);
    std::fs::write(&store, &garbage).unwrap();

    let app = live_app(&server, &dirs);
    let info = app.ok("app_info", json!({}));
    let kept = info["historySetAside"]
        .as_str()
        .expect("the kept file is named");
    assert_eq!(Path::new(kept).parent(), Some(dirs.data().as_path()));
    assert_eq!(
        std::fs::read(kept).unwrap(),
        garbage,
        "the damaged file is kept as it was"
    );
    assert_eq!(
        app.ok("app_info", json!({}))["historySetAside"],
        Value::Null
    );

    assert_eq!(app.ok("exports_list", json!({})), json!([]));
    app.ok("project_open", json!({"input": crate::common::MOMENTS}));
    app.ok(
        "export_submit",
        json!({"projectId": crate::common::MOMENTS, "projectName": null, "clips": [0], "options": {}}),
    );
    assert_eq!(
        app.ok("exports_list", json!({})).as_array().unwrap().len(),
        1
    );
}
