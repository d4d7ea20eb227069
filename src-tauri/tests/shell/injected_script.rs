//! A script injected into the page (a future XSS, or a person talked into
//! pasting something into the dev tools) calls every command the page can call,
//! in several orders, trying to send the stored key to a server of its own: the
//! API address in the settings, the address stored by earlier versions, a key
//! saved while pointed elsewhere. A second local server records the head of every
//! request it receives; it must never see the key, nor any `Authorization` header.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{fake, fake_with, live_config, Dirs, Recorder, TestApp, PODCAST};
use app::{KeySource, NoKeychain};
use engine::{Store, STORE_FILE};
use serde_json::{json, Value};
use wayin_clip_exporter::AppState;

/// An HTTP server that answers 404 to everything and keeps each request's head.
struct Recording {
    base: String,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Recording {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/api/v2", listener.local_addr().unwrap());
        let heads = Arc::new(Mutex::new(Vec::new()));
        let kept = heads.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if let Some(head) = read_head(stream) {
                    kept.lock().unwrap().push(head);
                }
            }
        });
        Self { base, heads }
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }

    /// The server never saw the key, nor any header that could carry one.
    fn assert_never_saw(&self, key: &str, order: &str) {
        for head in self.heads() {
            assert!(
                !head.contains(key),
                "{order}: the key reached the recording server:\n{head}"
            );
            assert!(
                !head.to_ascii_lowercase().contains("authorization"),
                "{order}: an Authorization header reached the recording server:\n{head}"
            );
        }
    }
}

fn read_head(mut stream: TcpStream) -> Option<String> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let _ = stream
        .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    Some(String::from_utf8_lossy(&head).into_owned())
}

/// One call the page can make, with the arguments a hostile script would pick.
type Step = (&'static str, Value);

fn steps(recording: &str, key: &str) -> Vec<Step> {
    let options = json!({"resolution": "SD_480"});
    vec![
        ("settings_set", json!({"patch": {"apiBase": recording}})),
        (
            "settings_set",
            json!({"patch": {"apiBase": recording, "concurrency": 2}}),
        ),
        ("settings_set", json!({"patch": {"api_base": recording}})),
        ("key_verify", json!({})),
        ("app_info", json!({})),
        ("settings_get", json!({})),
        ("key_status", json!({})),
        ("project_open", json!({"input": PODCAST})),
        (
            "project_open",
            json!({"input": format!("{recording}/projects/{PODCAST}")}),
        ),
        (
            "export_preview",
            json!({"projectId": PODCAST, "clips": [0], "options": options}),
        ),
        (
            "export_submit",
            json!({"projectId": PODCAST, "projectName": null, "clips": [0], "options": options}),
        ),
        ("exports_list", json!({})),
        ("recent_projects", json!({})),
        ("demo_projects", json!({})),
        (
            "name_preview",
            json!({"template": "{title}", "projectId": PODCAST, "idx": 0}),
        ),
        (
            "preset_save",
            json!({"name": "x", "options": {"resolution": "HD_720"}}),
        ),
        ("presets_list", json!({})),
        ("catalog", json!({})),
        ("settings_choose_folder", json!({})),
        ("download_retry", json!({"downloadId": 1})),
        ("download_cancel", json!({"downloadId": 1})),
        ("download_open", json!({"downloadId": 1})),
        ("download_reveal", json!({"downloadId": 1})),
        ("download_drag", json!({"downloadId": 1})),
        ("key_save", json!({"key": key, "sessionOnly": true})),
        (
            "key_save",
            json!({"key": key, "sessionOnly": false, "unverified": true}),
        ),
        ("key_verify", json!({})),
        ("key_delete", json!({})),
        (
            "key_save",
            json!({"key": key, "sessionOnly": true, "unverified": true}),
        ),
        ("settings_set", json!({"patch": {"apiBase": recording}})),
        ("key_verify", json!({})),
        ("project_open", json!({"input": PODCAST})),
    ]
}

fn play(app: &TestApp, steps: &[Step]) {
    for (cmd, args) in steps {
        // Whether each call succeeds does not matter: only where the key goes.
        let _ = app.invoke(cmd, args.clone());
    }
}

#[test]
fn no_order_of_page_calls_sends_the_key_to_another_server() {
    let recording = Recording::start();
    // The API's own limit is not what this test is about.
    let server = fake_with(|config| config.rate_limit = 0);
    let key = server.api_key().to_string();
    let all = steps(&recording.base, &key);
    let mut reversed = all.clone();
    reversed.reverse();
    // The address change attempted before every single call.
    let address_first: Vec<Step> = all
        .iter()
        .flat_map(|step| {
            [
                (
                    "settings_set",
                    json!({"patch": {"apiBase": recording.base}}),
                ),
                step.clone(),
            ]
        })
        .collect();
    // Key replaced and checked right after the address change.
    let key_after_address: Vec<Step> = vec![
        (
            "settings_set",
            json!({"patch": {"apiBase": recording.base}}),
        ),
        ("key_save", json!({"key": key, "sessionOnly": false})),
        ("key_verify", json!({})),
        ("exports_list", json!({})),
    ];

    for (order, script) in [
        ("in order", &all),
        ("reversed", &reversed),
        ("address before every call", &address_first),
        ("key saved after the address", &key_after_address),
    ] {
        let dirs = Dirs::new();
        let desktop = Arc::new(Recorder::default());
        *desktop.folder.lock().unwrap() = Some(dirs.root.path().join("picked"));
        let config = live_config(
            &server,
            &dirs,
            Some((&key, KeySource::Env)),
            Some(Arc::new(NoKeychain)),
            desktop.clone(),
        );
        let app = TestApp::new(AppState::open(config).unwrap(), desktop.clone());
        play(&app, script);
        // The app still talks to its own API, with the key.
        assert_eq!(
            app.ok("app_info", json!({}))["apiBase"],
            server.base_url(),
            "{order}"
        );
        drop(app);

        // The next start, as the same user: whatever the script left in the store.
        let config = live_config(
            &server,
            &dirs,
            Some((&key, KeySource::Env)),
            Some(Arc::new(NoKeychain)),
            desktop.clone(),
        );
        let restarted = TestApp::new(AppState::open(config).unwrap(), desktop);
        play(
            &restarted,
            &[
                ("key_verify", json!({})),
                ("project_open", json!({"input": PODCAST})),
            ],
        );
        recording.assert_never_saw(&key, order);
    }
    assert!(
        server.control().api_request_count() > 0,
        "the real API was used all along"
    );
}

// Tried: an API address that an earlier version let the page store (the attack
// of the past, already done). It must be neither used nor kept.
#[test]
fn an_address_stored_by_an_earlier_version_is_ignored_and_forgotten() {
    let recording = Recording::start();
    let server = fake();
    let dirs = Dirs::new();
    std::fs::create_dir_all(dirs.data()).unwrap();
    Store::open(&dirs.data().join(STORE_FILE))
        .unwrap()
        .set_setting("api_base", &recording.base)
        .unwrap();

    let desktop = Arc::new(Recorder::default());
    let mut config = live_config(
        &server,
        &dirs,
        Some((server.api_key(), KeySource::Env)),
        None,
        desktop.clone(),
    );
    // No WAYIN_API_BASE: earlier versions fell back to the stored address here.
    config.env_api_base = None;
    let app = TestApp::new(AppState::open(config).unwrap(), desktop);
    assert_eq!(
        app.ok("settings_get", json!({}))["apiBase"],
        wayin_api::DEFAULT_BASE_URL
    );
    assert_eq!(
        app.state.current().store().setting("api_base").unwrap(),
        None,
        "the stored address is deleted"
    );
    assert!(recording.heads().is_empty());
}
