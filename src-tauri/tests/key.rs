//! The API key through the commands: status, save (keychain or session only),
//! verify against the fake API, replace, delete. The system keychain part runs
//! against a real Secret Service when `WAYIN_TEST_SECRET_SERVICE=1` (as
//! `cargo xtask test` sets up); the no-keychain path always runs.

mod common;

use std::sync::Arc;

use common::{demo_app, fake, live_config, Dirs, Recorder, TestApp};
use fake_wayin::FakeServer;
use serde_json::{json, Value};
use wayin_clip_exporter::state::{KeySource, NoKeychain, SecretStore};
use wayin_clip_exporter::AppState;
use wayin_keychain::{Keychain, ACCOUNT};

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

    let saved = app.ok(
        "key_save",
        json!({"key": "wayin_sk_user_9876", "sessionOnly": false}),
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
    let keychain = Keychain::new(&service, ACCOUNT);
    let _cleanup = Cleanup(keychain.clone());
    let server = fake();
    let dirs = Dirs::new();

    let app = app_with(&server, &dirs, None, Arc::new(keychain.clone()));
    assert_eq!(
        status(&app),
        json!({"set": false, "last4": null, "source": null, "keychainAvailable": true})
    );
    app.ok(
        "key_save",
        json!({"key": "wayin_sk_first_1111", "sessionOnly": false}),
    );
    assert_eq!(
        Keychain::new(&service, ACCOUNT).load(),
        Ok(Some("wayin_sk_first_1111".into()))
    );

    // Replaced: the keychain holds the new key and the app uses it.
    let replaced = app.ok(
        "key_save",
        json!({"key": server.api_key(), "sessionOnly": false}),
    );
    assert_eq!(replaced["source"], "keychain");
    assert_eq!(
        Keychain::new(&service, ACCOUNT).load(),
        Ok(Some(server.api_key().to_string()))
    );
    assert_eq!(app.ok("key_verify", json!({})), json!({"ok": true}));
    drop(app);

    // A new start reads it back from the keychain.
    let restarted = app_with(&server, &dirs, None, Arc::new(keychain.clone()));
    let status_after = status(&restarted);
    assert_eq!(status_after["source"], "keychain");
    assert_eq!(status_after["set"], true);
    assert_eq!(restarted.ok("key_verify", json!({})), json!({"ok": true}));

    // A session-only key leaves the stored one alone.
    restarted.ok(
        "key_save",
        json!({"key": "wayin_sk_session_2222", "sessionOnly": true}),
    );
    assert_eq!(
        Keychain::new(&service, ACCOUNT).load(),
        Ok(Some(server.api_key().to_string()))
    );

    let deleted = restarted.ok("key_delete", json!({}));
    assert_eq!(
        deleted,
        json!({"set": false, "last4": null, "source": null, "keychainAvailable": true})
    );
    assert_eq!(Keychain::new(&service, ACCOUNT).load(), Ok(None));
}
