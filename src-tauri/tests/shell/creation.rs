//! Starting from the footage in the window: the file comes from the system dialog (the page
//! cannot name one), the project is made and opens, and its selects need no dialog.

use crate::common::{live_app, Asked, Dirs};
use crate::timelines::source;
use serde_json::json;

fn form(link: Option<&str>) -> serde_json::Value {
    json!({"input": {"link": link, "moments": null, "length": "0-30", "maxClips": 2,
                     "sourceLang": null, "lang": null, "name": "Keynote"}})
}

/// Tried: a path where the link goes, a form with 501 clips, an unknown field (no dialog, no
/// request for any); the dialog closed (nothing made); then a chosen 5-minute file: uploaded,
/// made, opened, and its selects written without asking for the video again.
#[test]
fn a_chosen_file_becomes_a_project_whose_selects_need_no_dialog() {
    let server = crate::common::fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);

    let path_as_link = app.err("project_create", form(Some("/home/editor/secret.mp4")));
    assert_eq!(path_as_link["kind"], "invalid_request", "{path_as_link}");
    let mut too_many = form(None);
    too_many["input"]["maxClips"] = json!(501);
    assert_eq!(
        app.err("project_create", too_many)["kind"],
        "invalid_request"
    );
    let mut path_field = form(None);
    path_field["input"]["path"] = json!("/etc/passwd");
    assert!(app.invoke("project_create", path_field).is_err());
    assert_eq!(app.desktop.asked(), [], "no dialog for a refused form");
    assert_eq!(server.control().api_request_count(), 0);

    let closed = app.ok("project_create", form(None));
    assert_eq!(closed, json!({"cancelled": true, "creation": null}));
    assert_eq!(app.desktop.asked(), [Asked::ChooseVideo(None)]);

    let video = source(&dirs, "keynote.mp4", 300);
    *app.desktop.video.lock().unwrap() = Some(video.clone());
    let started = app.ok("project_create", form(None));
    let creation = &started["creation"];
    assert_eq!(
        creation["source"], "keynote.mp4",
        "the name, never the folder"
    );
    assert_eq!(creation["state"], "uploading");
    let id = creation["id"].as_i64().unwrap();

    let engine = tauri::async_runtime::block_on(app.state.current().engine()).unwrap();
    let done = tauri::async_runtime::block_on(engine.wait_creation(id)).unwrap();
    assert_eq!(done.state, engine::CreationState::Succeeded, "{done:?}");
    let listed = app.ok("creations_list", json!({}));
    assert_eq!(listed[0]["state"], "succeeded");
    assert_eq!(listed[0]["clipsFound"], 2);
    let project_id = listed[0]["projectId"].as_str().unwrap().to_owned();
    assert_eq!(server.control().received_creations()[0]["limit"], 2);

    app.ok("project_open", json!({"input": project_id}));
    let asked_before = app.desktop.asked().len();
    let selects = app.ok(
        "selects_write",
        json!({"projectId": project_id, "clips": null}),
    );
    assert_eq!(selects["cancelled"], false, "{selects}");
    let dialogs = app.desktop.asked()[asked_before..]
        .iter()
        .filter(|a| matches!(a, Asked::ChooseVideo(_)))
        .count();
    assert_eq!(dialogs, 0, "the project's own source was used");

    std::fs::write(&video, b"saved again").unwrap();
    *app.desktop.video.lock().unwrap() = None;
    let moved = app.ok(
        "selects_write",
        json!({"projectId": project_id, "clips": null}),
    );
    assert_eq!(moved["cancelled"], true, "the dialog was asked, and closed");
    let why = moved["sourceMoved"].as_str().unwrap();
    assert!(why.starts_with("keynote.mp4 has changed"), "{why}");
    assert!(
        !why.contains(dirs.root.path().to_str().unwrap()),
        "no folder: {why}"
    );
}

/// Tried in demo mode: asking for a dropped video before any drop (refused); dropping a text
/// file and a folder (not kept); then a dropped 2-minute MOV, made into a Find Moments project
/// by the demo's stand-in with no key and no units.
#[test]
fn a_video_dropped_on_the_window_becomes_a_project_in_the_demo() {
    use tauri::Manager;
    let app = crate::common::demo_app();
    let dirs = Dirs::new();
    let mut input = form(None);
    input["input"]["dropped"] = json!(true);
    input["input"]["moments"] = json!("the laughs");
    input["input"]["length"] = json!(null);
    let none_yet = app.err("project_create", input.clone());
    assert_eq!(none_yet["kind"], "invalid_request", "{none_yet}");

    let drops = app.app.state::<app::DroppedVideo>();
    let text = dirs.root.path().join("notes.txt");
    std::fs::write(&text, "not a video").unwrap();
    let folder = dirs.root.path().join("folder.mov");
    std::fs::create_dir(&folder).unwrap();
    assert!(!drops.dropped(&[text, folder]));
    assert_eq!(drops.path(), None);

    let video = source(&dirs, "interview.mov", 120);
    assert!(drops.dropped(std::slice::from_ref(&video)));
    let started = app.ok("project_create", input);
    assert_eq!(started["creation"]["source"], "interview.mov");
    assert_eq!(app.desktop.asked(), [], "no dialog for a dropped video");
    let id = started["creation"]["id"].as_i64().unwrap();
    let engine = tauri::async_runtime::block_on(app.state.current().engine()).unwrap();
    let done = tauri::async_runtime::block_on(engine.wait_creation(id)).unwrap();
    assert_eq!(done.state, engine::CreationState::Succeeded, "{done:?}");
    assert_eq!(done.kind, wayin_api::TaskKind::FindMoments);
    assert_eq!(done.clips.len(), 2, "at most two, the best");
}
