//! `key set | status | delete` against a real Secret Service (the project's test
//! command provides a disposable one) or, in the Windows build run under Wine, the
//! Credential Manager; skipped with a note elsewhere.

use crate::common::{Harness, PODCAST, SECRET};

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

    let run = crate::common::finish(without_env(&["--json", "key", "status"]), None).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_eq!(run.json()["set"], false);

    let run = h
        .run_with_stdin(without_env(&["key", "set"]), &format!("  {SECRET}\n"))
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_eq!(run.stdout.trim(), format!("Key saved (…{last4})"));

    let run = crate::common::finish(without_env(&["--json", "key", "status"]), None).await;
    assert_eq!(
        run.json(),
        serde_json::json!({"set": true, "last4": last4, "source": "keychain"})
    );

    let run = crate::common::finish(without_env(&["clips", PODCAST]), None).await;
    assert_eq!(run.code(), 0, "the stored key works: {}", run.describe());

    let run = crate::common::finish(without_env(&["key", "delete"]), None).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_eq!(run.stdout.trim(), "Key deleted from the system keychain.");
    let run = crate::common::finish(without_env(&["key", "delete"]), None).await;
    assert_eq!(
        run.stdout.trim(),
        "No key was stored in the system keychain."
    );

    let run = crate::common::finish(without_env(&["clips", PODCAST]), None).await;
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
    assert_eq!(
        crate::common::finish(command, None).await.json()["set"],
        false
    );
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

    let run = crate::common::finish(elsewhere(&["--json", "key", "status"]), None).await;
    assert_eq!(run.json()["set"], false, "{}", run.describe());
    let run = crate::common::finish(elsewhere(&["clips", PODCAST]), None).await;
    assert_eq!(run.code(), 3, "no key for this API: {}", run.describe());
    let flag = other.server.base_url();
    let run =
        crate::common::finish(without_env(&["--api-base", &flag, "clips", PODCAST]), None).await;
    assert_eq!(run.code(), 3, "{}", run.describe());
    assert_eq!(other.server.control().api_request_count(), 0);

    let run = crate::common::finish(elsewhere(&["key", "delete"]), None).await;
    assert_eq!(
        run.stdout.trim(),
        "No key was stored in the system keychain."
    );
    let run = crate::common::finish(without_env(&["clips", PODCAST]), None).await;
    assert_eq!(
        run.code(),
        0,
        "the first API's key is still there: {}",
        run.describe()
    );
    let run = crate::common::finish(without_env(&["key", "delete"]), None).await;
    assert_eq!(run.code(), 0);
}

// Tried: replacing a working stored key with one the API refuses: not saved (one
// check call, exit 3), the working key stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_key_never_replaces_a_working_one() {
    if !real_secret_service("a_refused_key_never_replaces_a_working_one") {
        return;
    }
    let h = Harness::start().await;
    let without_env = |args: &[&str]| {
        let mut command = h.command(args);
        command.env_remove("WAYIN_API_KEY");
        command
    };
    let run = h
        .run_with_stdin(without_env(&["key", "set"]), &format!("{SECRET}\n"))
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());

    let calls = h.server.control().api_request_count();
    let run = h
        .run_with_stdin(without_env(&["key", "set"]), "wayin_sk_not_this_one_9999\n")
        .await;
    assert_eq!(run.code(), 3, "{}", run.describe());
    assert!(run.stderr.contains("not saved"), "{}", run.describe());
    assert_eq!(
        h.server.control().api_request_count(),
        calls + 1,
        "one check call"
    );
    let status = crate::common::finish(without_env(&["--json", "key", "status"]), None).await;
    assert_eq!(status.json()["last4"], SECRET[SECRET.len() - 4..]);
    let run = crate::common::finish(without_env(&["key", "delete"]), None).await;
    assert_eq!(run.code(), 0);
}

// Tried: an API that drops every connection. A key cannot be checked there, so it is
// not saved (exit 4, saying how to keep it anyway) and whatever was stored stays;
// `--unverified` keeps it on purpose.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unchecked_key_is_kept_only_when_asked() {
    if !real_secret_service("an_unchecked_key_is_kept_only_when_asked") {
        return;
    }
    let h = Harness::start().await;
    let dropping = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = dropping.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for connection in dropping.incoming() {
            drop(connection);
        }
    });
    let base = h
        .server
        .base_url()
        .replace(&h.server.port().to_string(), &port.to_string());
    let unreachable = |args: &[&str]| {
        let mut command = h.command(args);
        command.env_remove("WAYIN_API_KEY");
        command.env("WAYIN_API_BASE", &base);
        command
    };
    let first = "wayin_sk_first_unchecked_1111";
    let run = h
        .run_with_stdin(
            unreachable(&["key", "set", "--unverified"]),
            &format!("{first}\n"),
        )
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());

    let run = h
        .run_with_stdin(unreachable(&["key", "set"]), "wayin_sk_second_key_2222\n")
        .await;
    assert_eq!(run.code(), 4, "{}", run.describe());
    assert!(run.stderr.contains("--unverified"), "{}", run.describe());
    let status = crate::common::finish(unreachable(&["--json", "key", "status"]), None).await;
    assert_eq!(status.json()["last4"], "1111", "{}", status.describe());
    let run = crate::common::finish(unreachable(&["key", "delete"]), None).await;
    assert_eq!(run.code(), 0);
}
