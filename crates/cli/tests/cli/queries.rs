//! The commands that only ask: `clips`, `status`, `key status`, and how failures
//! before any export look to a script.

use crate::common::{Harness, MOMENTS, PODCAST, SECRET};

// Tried: `clips` of an AI Clipping project prints a table with m:ss durations,
// scores and titles, and says which kind of task it is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clips_of_an_ai_clipping_project() {
    let h = Harness::start().await;
    let run = h.run(&["clips", PODCAST]).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].contains("(AI Clipping, 6 clips)"),
        "{}",
        run.stdout
    );
    assert!(lines[1].starts_with("IDX") && lines[1].contains("DURATION"));
    // Clip 0 runs from 754.2 s to 812.9 s.
    let first: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(&first[..3], ["0", "0:59", "94"], "{}", lines[2]);
    assert!(lines[2].ends_with("The pricing mistake that almost sank us"));
    assert_eq!(lines.len(), 2 + 6);
}

// Tried: `clips` of a Find Moments project (the id alone does not say which kind:
// the AI Clipping lookup answers 404 first).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clips_of_a_find_moments_project() {
    let h = Harness::start().await;
    let run = h.run(&["clips", MOMENTS]).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert!(
        run.stdout.contains("(Find Moments, 3 clips)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Live demo: 0 to 50% in 18 minutes"));
}

// Tried: `--json clips` for both kinds prints the clips array, parseable, with the
// fields a script needs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clips_json_is_the_clips_array() {
    let h = Harness::start().await;
    for (project, count) in [(PODCAST, 6), (MOMENTS, 3)] {
        let run = h.run(&["--json", "clips", project]).await;
        assert_eq!(run.code(), 0, "{}", run.describe());
        let clips = run.json();
        let clips = clips.as_array().expect("an array");
        assert_eq!(clips.len(), count);
        assert_eq!(clips[0]["idx"], 0);
        assert!(clips[0]["title"].is_string());
        assert!(clips[0]["begin_ms"].is_u64() && clips[0]["end_ms"].is_u64());
        assert!(clips[0]["score"].is_number());
    }
    // The flag works after the command too.
    let run = h.run(&["clips", MOMENTS, "--json"]).await;
    assert_eq!(run.json().as_array().unwrap().len(), 3);
}

// Tried: an unknown project id, and one copied from the web app's library: exit 4
// with the API client's hint on one line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_projects_are_api_errors_with_a_hint() {
    let h = Harness::start().await;
    let run = h.run(&["clips", "proj_does_not_exist"]).await;
    assert_eq!(run.code(), 4, "{}", run.describe());
    assert!(run.error_line().contains("was not found"));
    let run = h.run(&["clips", "hmtask_123"]).await;
    assert_eq!(run.code(), 4, "{}", run.describe());
    assert!(run.error_line().contains("not API ids"), "{}", run.stderr);
}

// Tried: a key the API rejects (403), for a query and for an export: exit 3 and a
// message that says what to do, never the key itself; nothing is submitted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_key_exits_3_with_a_clear_message() {
    let h = Harness::start().await;
    let wrong = "wayin_sk_wrong_key_8f3k2m1x";
    for args in [
        vec!["clips", PODCAST],
        vec!["status", "exp_anything"],
        vec!["export", PODCAST, "--out", h.out_dir("x").to_str().unwrap()],
    ] {
        let mut command = h.command(&args);
        command.env("WAYIN_API_KEY", wrong);
        let run = crate::common::finish(command, None).await;
        assert_eq!(run.code(), 3, "{args:?}: {}", run.describe());
        let line = run.error_line();
        assert!(line.contains("rejected"), "{line}");
        assert!(line.contains("key set"), "{line}");
        assert!(!run.stdout.contains(wrong) && !run.stderr.contains(wrong));
    }
    assert!(h.server.control().received_exports().is_empty());
}

// Tried: no WAYIN_API_KEY and nothing in the (test-only) keychain entry, or no
// keychain at all: exit 3 either way, with the way out in the message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_key_anywhere_exits_3() {
    let h = Harness::start().await;
    let mut command = h.command(&["clips", PODCAST]);
    command.env_remove("WAYIN_API_KEY");
    let run = crate::common::finish(command, None).await;
    assert_eq!(run.code(), 3, "{}", run.describe());
    assert!(run.error_line().contains("WAYIN_API_KEY"), "{}", run.stderr);
    assert_eq!(h.server.control().api_request_count(), 0);
}

// Tried: `key status` with the key in the environment: no keychain needed, the last
// four characters only, and the JSON shape scripts read.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_status_reports_the_variable_without_a_keychain() {
    let h = Harness::start().await;
    let last4 = &SECRET[SECRET.len() - 4..];
    let mut command = h.command(&["key", "status"]);
    // A session bus that does not exist: the keychain must not even be asked.
    command.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    let run = crate::common::finish(command, None).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_eq!(
        run.stdout.trim(),
        format!("API key: set (…{last4}), from WAYIN_API_KEY")
    );
    let run = h.run(&["--json", "key", "status"]).await;
    assert_eq!(
        run.json(),
        serde_json::json!({"set": true, "last4": last4, "source": "env"})
    );
}

// Tried: `status` of a finished export in text and in JSON (the task as the API
// gave it), and of an unknown task id (exit 4).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_shows_the_task() {
    let h = Harness::start().await;
    let out = h.out_dir("status");
    let submit = h
        .run(&[
            "export",
            MOMENTS,
            "--clips",
            "0,1",
            "--out",
            out.to_str().unwrap(),
            "--no-wait",
        ])
        .await;
    assert_eq!(submit.code(), 0, "{}", submit.describe());
    let task = submit.stdout.trim().to_owned();
    // At speed 50 two clips render in well under a second.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;

    let run = h.run(&["status", &task]).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert!(run.stdout.contains(&format!("Export task  {task}")));
    assert!(
        run.stdout.contains("Status       SUCCEEDED"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2 of 2 with a download link"));
    assert!(run.stdout.contains("Expires      20"), "{}", run.stdout);

    let run = h.run(&["--json", "status", &task]).await;
    let json = run.json();
    assert_eq!(json["export_task_id"], task.as_str());
    assert_eq!(json["status"], "SUCCEEDED");
    assert_eq!(json["clips"].as_array().unwrap().len(), 2);
    assert!(json["clips"][0]["export_link"].is_string());

    let run = h.run(&["status", "exp_no_such_task"]).await;
    assert_eq!(run.code(), 4, "{}", run.describe());
}

// Tried: gated flags without their switch, an unknown ratio, and the key as an
// argument: clap usage errors (exit 2) before any request is made.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_errors_exit_2_before_any_request() {
    let h = Harness::start().await;
    for args in [
        &["export", PODCAST, "--out", "o", "--caption-style", "temp-7"][..],
        &[
            "export",
            PODCAST,
            "--out",
            "o",
            "--hook-duration-ms",
            "2000",
        ],
        &["export", PODCAST, "--out", "o", "--reframe", "21:9"],
        &["export", PODCAST, "--out", "o", "--name-template", "{nope}"],
        &["key", "set", SECRET],
        &["--api-base", "http://example.com/api/v2", "clips", PODCAST],
    ] {
        let run = h.run(args).await;
        assert_eq!(run.code(), 2, "{args:?}: {}", run.describe());
    }
    let run = h
        .run(&["export", PODCAST, "--out", "o", "--caption-style", "temp-7"])
        .await;
    assert!(run.stderr.contains("--captions"), "{}", run.stderr);
    assert_eq!(h.server.control().api_request_count(), 0);
}

// Tried: `--help` documents the environment and the exit codes scripts rely on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_documents_exit_codes_and_environment() {
    let h = Harness::start().await;
    let run = h.run(&["--help"]).await;
    assert_eq!(run.code(), 0);
    for needle in [
        "WAYIN_RATE_LIMIT",
        "WAYIN_API_BASE",
        "WAYIN_DATA_DIR",
        "3    key problem",
        "130  interrupted",
    ] {
        assert!(run.stdout.contains(needle), "{needle}:\n{}", run.stdout);
    }
}
