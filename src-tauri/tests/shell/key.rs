//! The API key through the commands: status, save (keychain or session only),
//! verify against the fake API, replace, delete. The system keychain part runs
//! against a real Secret Service when `WAYIN_TEST_SECRET_SERVICE=1` (as
//! `cargo xtask test` sets up); the no-keychain path always runs.

use std::sync::Arc;

use crate::common::{
    demo_app, fake, live_config, origin_of, Dirs, MemoryKeychain, Recorder, TestApp,
};
use app::{KeySource, KeychainStore, NoKeychain, SecretStore};
use fake_wayin::FakeServer;
use serde_json::{json, Value};
use wayin_api::BaseUrl;
use wayin_clip_exporter::AppState;
use wayin_keychain::Keychain;

fn app_with(
    server: &FakeServer,
    dirs: &Dirs,
    key: Option<(&str, KeySource)>,
    secrets: Arc<dyn SecretStore>,
) -> TestApp {
    let desktop = Arc::new(Recorder::default());
    let config = live_config(server, dirs, key, Some(secrets), desktop.clone());
    TestApp::new(AppState::open(config).unwrap(), desktop)
}

fn no_keychain() -> Arc<dyn SecretStore> {
    Arc::new(NoKeychain)
}

#[test]
fn without_a_keychain_the_key_is_kept_for_the_session_only() {
    let server = fake();
    let dirs = Dirs::new();
    let app = app_with(&server, &dirs, None, no_keychain());

    assert_eq!(
        app.ok("key_status", json!({})),
        json!({"set": false, "last4": null, "source": null, "keychainAvailable": false})
    );
    assert_eq!(app.err("key_verify", json!({}))["kind"], "key_missing");
    assert_eq!(app.err("exports_list", json!({}))["kind"], "key_missing");

    let refused = app.err(
        "key_save",
        json!({"key": server.api_key(), "sessionOnly": false}),
    );
    assert_eq!(refused["kind"], "keychain_unavailable");
    assert!(refused["message"]
        .as_str()
        .unwrap()
        .contains("for this session only"));
    assert_eq!(app.ok("key_status", json!({}))["set"], false);

    let status = app.ok(
        "key_save",
        json!({"key": format!("  {}\n", server.api_key()), "sessionOnly": true}),
    );
    let last4 = &server.api_key()[server.api_key().len() - 4..];
    assert_eq!(
        status,
        json!({"set": true, "last4": last4, "source": "session", "keychainAvailable": false})
    );
    assert_eq!(app.ok("key_verify", json!({})), json!({"ok": true}));
    // The engine started with the key: the history can be read.
    assert_eq!(app.ok("exports_list", json!({})), json!([]));

    let deleted = app.ok("key_delete", json!({}));
    assert_eq!(deleted["set"], false);
    assert_eq!(app.err("exports_list", json!({}))["kind"], "key_missing");
}

#[test]
fn a_rejected_key_says_so() {
    let server = fake();
    let dirs = Dirs::new();
    let app = app_with(
        &server,
        &dirs,
        Some(("wayin_sk_wrong_0000", KeySource::Env)),
        no_keychain(),
    );
    assert_eq!(app.ok("key_status", json!({}))["source"], "env");

    let rejected = app.err("key_verify", json!({}));
    assert_eq!(
        rejected,
        json!({"kind": "key_rejected", "message": "The API key was rejected (HTTP 403). Check the key in Settings, or create a new one in your WayinVideo account."})
    );
    assert!(
        !rejected.to_string().contains("wrong"),
        "the key is never echoed"
    );

    // Replacing the key while the engine runs takes effect at once.
    app.ok(
        "key_save",
        json!({"key": server.api_key(), "sessionOnly": true}),
    );
    assert_eq!(app.ok("key_verify", json!({})), json!({"ok": true}));
    assert_eq!(
        app.ok("project_open", json!({"input": "proj_demo_podcast"}))["clips"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
}

#[test]
fn an_empty_key_is_no_key() {
    let server = fake();
    let dirs = Dirs::new();
    let app = app_with(&server, &dirs, None, no_keychain());
    let err = app.err("key_save", json!({"key": "   ", "sessionOnly": true}));
    assert_eq!(err["kind"], "key_missing");
}

#[test]
fn demo_mode_keeps_a_saved_key_in_memory_and_falls_back_to_its_own() {
    let app = demo_app();
    let status = app.ok("key_status", json!({}));
    assert_eq!(status["source"], "demo");
    assert_eq!(status["keychainAvailable"], false);

    // The demo API refuses any key but its own: nothing changes.
    let refused = app.err(
        "key_save",
        json!({"key": "wayin_sk_user_9876", "sessionOnly": false}),
    );
    assert_eq!(refused["kind"], "key_rejected");
    assert_eq!(app.ok("key_status", json!({})), status);

    let saved = app.ok(
        "key_save",
        json!({"key": "wayin_sk_user_9876", "sessionOnly": false, "unverified": true}),
    );
    assert_eq!(
        saved,
        json!({"set": true, "last4": "9876", "source": "session", "keychainAvailable": false})
    );
    assert_eq!(app.err("key_verify", json!({}))["kind"], "key_rejected");

    let deleted = app.ok("key_delete", json!({}));
    assert_eq!(deleted["source"], "demo");
    assert_eq!(app.ok("key_verify", json!({})), json!({"ok": true}));
}

fn memory_app(server: &FakeServer, dirs: &Dirs, keychain: Arc<MemoryKeychain>) -> TestApp {
    app_with(server, dirs, None, keychain)
}

// Tried: replacing a working key with one the API refuses. The refused key
// must not reach the keychain, and the app must go on with the working key.
#[test]
fn a_refused_key_never_replaces_a_working_one() {
    let server = fake();
    let dirs = Dirs::new();
    let keychain = Arc::new(MemoryKeychain::default());
    let app = memory_app(&server, &dirs, keychain.clone());
    let origin = origin_of(&server);

    let saved = app.ok(
        "key_save",
        json!({"key": server.api_key(), "sessionOnly": false}),
    );
    assert_eq!(saved["source"], "keychain");
    assert_eq!(keychain.key_for(&origin).as_deref(), Some(server.api_key()));

    let before = server.control().api_request_count();
    let refused = app.err(
        "key_save",
        json!({"key": "wayin_sk_refused_0000", "sessionOnly": false}),
    );
    assert_eq!(refused["kind"], "key_rejected");
    assert!(
        !refused.to_string().contains("refused_0000"),
        "the key is never echoed"
    );
    assert_eq!(
        server.control().api_request_count(),
        before + 1,
        "one cheap call checked the key"
    );
    assert_eq!(
        keychain.key_for(&origin).as_deref(),
        Some(server.api_key()),
        "the keychain still holds the working key"
    );
    assert_eq!(app.ok("key_status", json!({})), saved);
    // The engine still calls the API with the working key.
    assert_eq!(app.ok("key_verify", json!({})), json!({"ok": true}));
    app.ok("project_open", json!({"input": "proj_demo_podcast"}));

    // A session-only attempt with a refused key changes nothing either.
    let refused = app.err(
        "key_save",
        json!({"key": "wayin_sk_refused_0000", "sessionOnly": true}),
    );
    assert_eq!(refused["kind"], "key_rejected");
    assert_eq!(app.ok("key_status", json!({}))["source"], "keychain");
}

// Tried: a new key while the API cannot be reached (nothing listens at its
// address). The key is not stored until the person says to keep it anyway,
// and the key stored before stays until then.
#[test]
fn an_unreachable_api_asks_before_keeping_an_unchecked_key() {
    let server = fake();
    let dirs = Dirs::new();
    let unreachable = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        drop(listener);
        BaseUrl::parse(&format!("http://{address}/api/v2")).unwrap()
    };
    let origin = unreachable.origin();
    let keychain = Arc::new(MemoryKeychain::holding(&origin, "wayin_sk_old_1111"));
    let desktop = Arc::new(Recorder::default());
    let mut config = live_config(
        &server,
        &dirs,
        None,
        Some(keychain.clone()),
        desktop.clone(),
    );
    config.env_api_base = Some(unreachable);
    let app = TestApp::new(AppState::open(config).unwrap(), desktop);
    assert_eq!(app.ok("key_status", json!({}))["last4"], "1111");

    let unchecked = app.err(
        "key_save",
        json!({"key": "wayin_sk_new_2222", "sessionOnly": false}),
    );
    assert_eq!(unchecked["kind"], "key_unchecked");
    assert!(unchecked["message"]
        .as_str()
        .unwrap()
        .starts_with("The key could not be checked with WayinVideo, so it was not saved."));
    assert_eq!(
        keychain.key_for(&origin).as_deref(),
        Some("wayin_sk_old_1111")
    );
    assert_eq!(app.ok("key_status", json!({}))["last4"], "1111");

    let kept = app.ok(
        "key_save",
        json!({"key": "wayin_sk_new_2222", "sessionOnly": false, "unverified": true}),
    );
    assert_eq!(kept["last4"], "2222");
    assert_eq!(kept["source"], "keychain");
    assert_eq!(
        keychain.key_for(&origin).as_deref(),
        Some("wayin_sk_new_2222")
    );
}

// Tried: a key saved while the app talks to one API, then the app started
// against another address (WAYIN_API_BASE changed). The key must not follow:
// the new address needs a key of its own, and deleting that one leaves the
// first alone.
#[test]
fn a_key_belongs_to_the_api_origin_it_was_saved_for() {
    let first = fake();
    let second = fake();
    let keychain = Arc::new(MemoryKeychain::default());

    let dirs = Dirs::new();
    let app = memory_app(&first, &dirs, keychain.clone());
    app.ok(
        "key_save",
        json!({"key": first.api_key(), "sessionOnly": false}),
    );
    drop(app);

    let before = second.control().api_request_count();
    let moved = memory_app(&second, &dirs, keychain.clone());
    assert_eq!(
        moved.ok("key_status", json!({})),
        json!({"set": false, "last4": null, "source": null, "keychainAvailable": true})
    );
    assert_eq!(moved.err("key_verify", json!({}))["kind"], "key_missing");
    assert_eq!(
        moved.err("project_open", json!({"input": "proj_demo_podcast"}))["kind"],
        "key_missing"
    );
    assert_eq!(
        second.control().api_request_count(),
        before,
        "nothing was sent with the old key"
    );
    assert_eq!(keychain.origins(), [origin_of(&first)]);

    moved.ok(
        "key_save",
        json!({"key": second.api_key(), "sessionOnly": false}),
    );
    moved.ok("key_delete", json!({}));
    assert_eq!(
        keychain.origins(),
        [origin_of(&first)],
        "only the second origin's key was deleted"
    );
    drop(moved);

    let back = memory_app(&first, &dirs, keychain);
    assert_eq!(back.ok("key_status", json!({}))["source"], "keychain");
    assert_eq!(back.ok("key_verify", json!({})), json!({"ok": true}));
}

fn real_secret_service(test: &str) -> bool {
    let real = std::env::var("WAYIN_TEST_SECRET_SERVICE").as_deref() == Ok("1");
    if !real {
        eprintln!("{test}: skipped, set WAYIN_TEST_SECRET_SERVICE=1 in a session with an unlocked Secret Service (cargo xtask test does)");
    }
    real
}

/// Removes the test's keychain entry even when the test fails.
struct Cleanup(Keychain);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = self.0.delete();
    }
}

fn status(app: &TestApp) -> Value {
    app.ok("key_status", json!({}))
}

#[test]
fn the_key_lives_in_the_system_keychain_across_restarts() {
    if !real_secret_service("the_key_lives_in_the_system_keychain_across_restarts") {
        return;
    }
    let service = format!(
        "wayin-clip-exporter-shell-test-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    let server = fake();
    let keychains = KeychainStore::new(&service);
    let keychain = keychains.entry(&origin_of(&server));
    let _cleanup = Cleanup(keychain.clone());
    let dirs = Dirs::new();
    let stored = || Keychain::new(keychain.service(), keychain.account()).load();

    let app = app_with(&server, &dirs, None, Arc::new(keychains.clone()));
    assert_eq!(
        status(&app),
        json!({"set": false, "last4": null, "source": null, "keychainAvailable": true})
    );
    let saved = app.ok(
        "key_save",
        json!({"key": server.api_key(), "sessionOnly": false}),
    );
    assert_eq!(saved["source"], "keychain");
    assert_eq!(stored(), Ok(Some(server.api_key().to_string())));

    // A key the API refuses replaces nothing: not in the keychain, not in use.
    let refused = app.err(
        "key_save",
        json!({"key": "wayin_sk_refused_1111", "sessionOnly": false}),
    );
    assert_eq!(refused["kind"], "key_rejected");
    assert_eq!(stored(), Ok(Some(server.api_key().to_string())));
    assert_eq!(app.ok("key_verify", json!({})), json!({"ok": true}));
    drop(app);

    // A new start reads it back from the keychain.
    let restarted = app_with(&server, &dirs, None, Arc::new(keychains.clone()));
    let status_after = status(&restarted);
    assert_eq!(status_after["source"], "keychain");
    assert_eq!(status_after["set"], true);
    assert_eq!(restarted.ok("key_verify", json!({})), json!({"ok": true}));

    // A session-only key leaves the stored one alone.
    restarted.ok(
        "key_save",
        json!({"key": "wayin_sk_session_2222", "sessionOnly": true, "unverified": true}),
    );
    assert_eq!(stored(), Ok(Some(server.api_key().to_string())));

    let deleted = restarted.ok("key_delete", json!({}));
    assert_eq!(
        deleted,
        json!({"set": false, "last4": null, "source": null, "keychainAvailable": true})
    );
    assert_eq!(stored(), Ok(None));
}

/// The requests counted and the polling leases held in the store, whatever their budget.
fn budget_rows(dirs: &Dirs) -> (i64, i64) {
    let store = rusqlite::Connection::open(dirs.data().join(engine::STORE_FILE)).unwrap();
    let count = |table: &str| -> i64 {
        store
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    (count("api_requests"), count("poll_leases"))
}

/// Tried: a saved key used for a few calls (its requests counted and its polling lease held
/// in the store), then deleted. The store keeps nothing under its name afterwards, and
/// the name it was kept under is neither the key nor a plain hash of it.
#[test]
fn deleting_the_key_deletes_what_the_store_kept_under_its_budget() {
    let server = fake();
    let dirs = Dirs::new();
    let keychain = Arc::new(MemoryKeychain::default());
    let app = memory_app(&server, &dirs, keychain);
    app.ok(
        "key_save",
        json!({"key": server.api_key(), "sessionOnly": false}),
    );
    app.ok("project_open", json!({"input": crate::common::PODCAST}));
    app.ok("exports_list", json!({}));
    let (requests, _) = budget_rows(&dirs);
    assert!(requests > 0, "the calls were counted");
    let store = rusqlite::Connection::open(dirs.data().join(engine::STORE_FILE)).unwrap();
    let name: String = store
        .query_row("SELECT budget_id FROM api_requests LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(!name.contains(&server.api_key()[server.api_key().len() - 6..]));

    app.ok("key_delete", json!({}));
    assert_eq!(budget_rows(&dirs), (0, 0));
}
