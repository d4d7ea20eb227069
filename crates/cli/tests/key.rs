//! `key set | status | delete` against a real Secret Service (the project's test
//! command provides a disposable one) or, in the Windows build run under Wine, the
//! Credential Manager; skipped with a note elsewhere.

mod common;

use common::{Harness, PODCAST, SECRET};

/// On Windows the keychain is the Credential Manager, there in every session (and
/// disposable under Wine's test prefix); elsewhere a throwaway Secret Service must be named.
fn real_secret_service(test: &str) -> bool {
    let enabled = cfg!(windows) || std::env::var("WAYIN_TEST_SECRET_SERVICE").as_deref() == Ok("1");
    if !enabled {
        eprintln!(
            "skipped {test}: needs a disposable Secret Service (run `cargo xtask test`, \
             or set WAYIN_TEST_SECRET_SERVICE=1 inside a throwaway D-Bus session)"
        );
    }
    enabled
}

// Tried: the whole key life cycle with no WAYIN_API_KEY: `key set` reads the key
// from stdin and never echoes it, `key status` shows the last 4 from the keychain,
// the API accepts calls made with the stored key, `key delete` removes it, and the
// key appears in no output.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_set_status_use_delete() {
    if !real_secret_service("key_set_status_use_delete") {
        return;
    }
    let h = Harness::start().await;
    let last4 = &SECRET[SECRET.len() - 4..];
    let without_env = |args: &[&str]| {
        let mut command = h.command(args);
        command.env_remove("WAYIN_API_KEY");
        command
    };

    let run = common::finish(without_env(&["--json", "key", "status"]), None).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_eq!(run.json()["set"], false);

    let run = h
        .run_with_stdin(without_env(&["key", "set"]), &format!("  {SECRET}\n"))
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_eq!(run.stdout.trim(), format!("Key saved (…{last4})"));

    let run = common::finish(without_env(&["--json", "key", "status"]), None).await;
    assert_eq!(
        run.json(),
        serde_json::json!({"set": true, "last4": last4, "source": "keychain"})
    );

    let run = common::finish(without_env(&["clips", PODCAST]), None).await;
    assert_eq!(run.code(), 0, "the stored key works: {}", run.describe());

    let run = common::finish(without_env(&["key", "delete"]), None).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_eq!(run.stdout.trim(), "Key deleted from the system keychain.");
    let run = common::finish(without_env(&["key", "delete"]), None).await;
    assert_eq!(
        run.stdout.trim(),
        "No key was stored in the system keychain."
    );

    let run = common::finish(without_env(&["clips", PODCAST]), None).await;
    assert_eq!(run.code(), 3, "{}", run.describe());
}

// Tried: `key set` with empty input: refused (exit 3), nothing stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_set_refuses_empty_input() {
    if !real_secret_service("key_set_refuses_empty_input") {
        return;
    }
    let h = Harness::start().await;
    let mut command = h.command(&["key", "set"]);
    command.env_remove("WAYIN_API_KEY");
    let run = h.run_with_stdin(command, "\n").await;
    assert_eq!(run.code(), 3, "{}", run.describe());
    let mut command = h.command(&["--json", "key", "status"]);
    command.env_remove("WAYIN_API_KEY");
    assert_eq!(common::finish(command, None).await.json()["set"], false);
}

// Tried: a key stored while talking to one API, then the command pointed at
// another (WAYIN_API_BASE, then --api-base). The stored key must not follow:
// the other API sees no key and no call, and deleting there leaves it alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stored_key_is_used_only_for_its_own_api() {
    if !real_secret_service("a_stored_key_is_used_only_for_its_own_api") {
        return;
    }
    let h = Harness::start().await;
    let other = Harness::start().await;
    let without_env = |args: &[&str]| {
        let mut command = h.command(args);
        command.env_remove("WAYIN_API_KEY");
        command
    };
    let elsewhere = |args: &[&str]| {
        let mut command = without_env(args);
        command.env("WAYIN_API_BASE", other.server.base_url());
        command
    };

    let run = h
        .run_with_stdin(without_env(&["key", "set"]), &format!("{SECRET}\n"))
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());

    let run = common::finish(elsewhere(&["--json", "key", "status"]), None).await;
    assert_eq!(run.json()["set"], false, "{}", run.describe());
    let run = common::finish(elsewhere(&["clips", PODCAST]), None).await;
    assert_eq!(run.code(), 3, "no key for this API: {}", run.describe());
    let flag = other.server.base_url();
    let run = common::finish(without_env(&["--api-base", &flag, "clips", PODCAST]), None).await;
    assert_eq!(run.code(), 3, "{}", run.describe());
    assert_eq!(other.server.control().api_request_count(), 0);

    let run = common::finish(elsewhere(&["key", "delete"]), None).await;
    assert_eq!(
        run.stdout.trim(),
        "No key was stored in the system keychain."
    );
    let run = common::finish(without_env(&["clips", PODCAST]), None).await;
    assert_eq!(
        run.code(),
        0,
        "the first API's key is still there: {}",
        run.describe()
    );
    let run = common::finish(without_env(&["key", "delete"]), None).await;
    assert_eq!(run.code(), 0);
}
