//! Settings that survive a restart, the folder picker, presets and the catalog.

use std::sync::Arc;

use crate::common::{
    demo_app, fake, live_app, live_config, Asked, Dirs, Recorder, TestApp, PODCAST,
};
use app::KeySource;
use serde_json::json;
use wayin_clip_exporter::AppState;

#[test]
fn settings_survive_a_restart() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);

    let defaults = app.ok("settings_get", json!({}));
    assert_eq!(
        defaults,
        json!({"downloadDir": dirs.downloads().to_string_lossy(),
               "nameTemplate": "{project} - {idx:02} - {title}.mp4", "concurrency": 3,
               "autoTimelines": [], "checkUpdates": true, "apiBase": server.base_url(),
               "demo": false})
    );

    let changed = app.ok(
        "settings_set",
        json!({"patch": {"nameTemplate": "{idx:02} {title}", "concurrency": 5, "demo": true,
                         "checkUpdates": false}}),
    );
    assert_eq!(
        changed["downloadDir"],
        dirs.downloads().to_string_lossy().as_ref()
    );
    assert_eq!(changed["nameTemplate"], "{idx:02} {title}");
    assert_eq!(changed["concurrency"], 5);
    assert_eq!(changed["checkUpdates"], false);
    assert_eq!(changed["demo"], false, "demo is not a setting");

    let refused = app.err("settings_set", json!({"patch": {"nameTemplate": "{title"}}));
    assert_eq!(refused["kind"], "invalid_template");
    // A path from the page is refused: only the system dialog sets the folder.
    let elsewhere = dirs.root.path().join("Montage à rendre");
    let from_page = app.err(
        "settings_set",
        json!({"patch": {"downloadDir": elsewhere.to_string_lossy()}}),
    );
    assert_eq!(from_page["kind"], "invalid_request");
    let bad_base = app.err(
        "settings_set",
        json!({"patch": {"apiBase": "http://example.com/api"}}),
    );
    assert_eq!(bad_base["kind"], "invalid_request");
    assert_eq!(
        app.ok("settings_get", json!({})),
        changed,
        "refused patches change nothing"
    );
    drop(app);

    let restarted = live_app(&server, &dirs);
    assert_eq!(restarted.ok("settings_get", json!({})), changed);
}

// Tried: the page (or a script in it) pointing the app at another API, alone and
// along with a real change. Refused whole: the address stays, is not stored, and
// the other server is never called.
#[test]
fn the_page_cannot_change_the_api_address() {
    let first = fake();
    let second = fake();
    let dirs = Dirs::new();
    let app = live_app(&first, &dirs);
    let before = app.ok("settings_get", json!({}));

    for patch in [
        json!({"apiBase": second.base_url()}),
        json!({"apiBase": second.base_url(), "concurrency": 5}),
    ] {
        let refused = app.err("settings_set", json!({ "patch": patch }));
        assert_eq!(refused["kind"], "invalid_request");
        assert!(refused["message"]
            .as_str()
            .unwrap()
            .contains("WAYIN_API_BASE"));
    }
    assert_eq!(app.ok("settings_get", json!({})), before);
    app.ok("project_open", json!({"input": PODCAST}));
    assert_eq!(second.control().api_request_count(), 0);
    assert_eq!(
        app.state.current().store().setting("api_base").unwrap(),
        None
    );
    drop(app);

    let desktop = Arc::new(Recorder::default());
    let mut config = live_config(
        &first,
        &dirs,
        Some((first.api_key(), KeySource::Env)),
        None,
        desktop.clone(),
    );
    config.env_api_base = None;
    let restarted = TestApp::new(AppState::open(config).unwrap(), desktop);
    assert_eq!(
        restarted.ok("app_info", json!({}))["apiBase"],
        wayin_api::DEFAULT_BASE_URL
    );
}

#[test]
fn the_folder_picker_sets_the_download_folder_unless_cancelled() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);

    let unchanged = app.ok("settings_choose_folder", json!({}));
    assert_eq!(
        unchanged["downloadDir"],
        dirs.downloads().to_string_lossy().as_ref()
    );

    let picked = dirs.root.path().join("Rushes 2025");
    std::fs::create_dir_all(&picked).unwrap();
    *app.desktop.folder.lock().unwrap() = Some(picked.clone());
    let chosen = app.ok("settings_choose_folder", json!({}));
    assert_eq!(chosen["downloadDir"], picked.to_string_lossy().as_ref());
    assert_eq!(
        app.desktop.asked(),
        [
            Asked::ChooseFolder(Some(dirs.downloads())),
            Asked::ChooseFolder(Some(dirs.downloads()))
        ],
        "the picker opens at the current folder"
    );
}

#[test]
fn presets_are_saved_listed_replaced_and_deleted() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    assert_eq!(app.ok("presets_list", json!({})), json!([]));

    let reels = json!({"resolution": "FHD_1080", "targetLang": null,
                       "captions": {"display": "original", "style": "temp-7"},
                       "hook": null, "reframe": "RATIO_9_16"});
    let saved = app.ok("preset_save", json!({"name": "  Reels ", "options": reels}));
    assert_eq!(saved, json!([{"name": "Reels", "options": reels}]));

    let square = json!({"resolution": "HD_720", "targetLang": "de", "captions": null,
                        "hook": {"style": null, "position": "beginning", "keywords": null, "durationMs": 3000},
                        "reframe": "RATIO_1_1"});
    app.ok("preset_save", json!({"name": "Archive", "options": square}));
    let replaced_reels = json!({"resolution": "UHD_4K", "targetLang": null, "captions": null,
                                "hook": null, "reframe": null});
    let listed = app.ok(
        "preset_save",
        json!({"name": "Reels", "options": {"resolution": "UHD_4K"}}),
    );
    assert_eq!(
        listed,
        json!([{"name": "Archive", "options": square}, {"name": "Reels", "options": replaced_reels}])
    );

    let bad = app.err(
        "preset_save",
        json!({"name": "Broken", "options": {"reframe": "RATIO_2_1"}}),
    );
    assert_eq!(bad["kind"], "invalid_request");
    let unnamed = app.err("preset_save", json!({"name": " ", "options": {}}));
    assert_eq!(unnamed["kind"], "invalid_request");

    let left = app.ok("preset_delete", json!({"name": "Archive"}));
    assert_eq!(left, json!([{"name": "Reels", "options": replaced_reels}]));
    drop(app);
    let restarted = live_app(&server, &dirs);
    assert_eq!(restarted.ok("presets_list", json!({})), left);
}

#[test]
fn demo_mode_keeps_to_its_own_folder_and_address() {
    let app = demo_app();
    let settings = app.ok("settings_get", json!({}));
    assert_eq!(settings["demo"], true);
    let folder = settings["downloadDir"].as_str().unwrap();
    assert!(
        folder.starts_with(std::env::temp_dir().to_string_lossy().as_ref()),
        "demo downloads stay in the demo's temp folder: {folder}"
    );
    assert!(folder.ends_with("Wayin Clips"));
    assert!(app
        .state
        .current()
        .data_dir()
        .starts_with(std::env::temp_dir()));
    let refused = app.err(
        "settings_set",
        json!({"patch": {"apiBase": "https://wayinvideo-api.wayin.ai/api/v2"}}),
    );
    assert_eq!(refused["kind"], "invalid_request");
}

#[test]
fn the_catalog_lists_every_choice_of_the_form() {
    let app = demo_app();
    let catalog = app.ok("catalog", json!({}));
    assert_eq!(
        catalog["resolutions"],
        json!([{"value": "SD_480", "label": "480p"}, {"value": "HD_720", "label": "720p"},
               {"value": "FHD_1080", "label": "1080p"}, {"value": "QHD_2K", "label": "2K"},
               {"value": "UHD_4K", "label": "4K"}])
    );
    assert_eq!(
        catalog["ratios"],
        json!([{"value": "RATIO_9_16", "label": "9:16"}, {"value": "RATIO_1_1", "label": "1:1"},
               {"value": "RATIO_4_5", "label": "4:5"}, {"value": "RATIO_16_9", "label": "16:9"}])
    );
    assert_eq!(catalog["hookStyles"].as_array().unwrap().len(), 13);
    assert!(catalog["languages"]
        .as_array()
        .unwrap()
        .contains(&json!({"code": "zh-cn", "name": "Chinese (Simplified)"})));
    let styles = catalog["captionStyles"].as_array().unwrap();
    assert!(styles.contains(&json!({"id": "temp-static-1", "static": true})));
    assert!(styles.contains(&json!({"id": "temp-7", "static": false})));
    assert_eq!(
        catalog["defaults"],
        json!({"resolution": "SD_480", "captionStyle": "temp-7", "hookStyle": "serious",
               "nameTemplate": "{project} - {idx:02} - {title}.mp4", "concurrency": 3,
               "clipLength": "0-90", "hookPosition": "beginning"})
    );
    assert_eq!(
        catalog["limits"],
        json!({"maxConcurrency": 8, "maxClips": 500, "maxQueryChars": 500,
               "maxUploadBytes": 5u64 << 30, "videoExtensions": ["avi", "mp4", "mov", "webm"]})
    );
    let lengths: Vec<&str> = catalog["clipLengths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|length| length["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        lengths,
        ["0-30", "0-90", "30-60", "60-90", "90-180", "180-300"]
    );
}
