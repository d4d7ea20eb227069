//! Text a server sends (project names, clip titles, export names) reaching a terminal:
//! every output, text and `--json`, stdout and stderr, carries it without a single
//! escape sequence, control or bidi-override character, and the JSON still parses.

use crate::common::Harness;
use serde_json::Value;

const PROJECT: &str = "proj_hostile_text";
/// Retitles the terminal (OSC 0), clears it (CSI 2J), overwrites the line (\r),
/// reverses what follows (U+202E), and would be markup to a notification daemon.
const NAME: &str = "Evil\u{1b}]0;pwned\u{07} show\u{1b}[2J\r\u{202e}<b>&";
const TITLES: [&str; 2] = [
    "Intro\u{1b}[31m red\u{9b}1m\u{1b}]8;;http://x\u{1b}\\link",
    "exe.mp4\u{202e}\u{7}\u{0}\rbell",
];

async fn harness() -> Harness {
    let h = Harness::start().await;
    h.server
        .control()
        .add_named_project(PROJECT, NAME, &TITLES, 2048);
    h
}

/// No character a terminal would act on, raw or (in JSON) escaped.
fn assert_inert(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what} holds {bad:?}:\n{text}");
    // In a JSON document an escape would come back to life when the value is printed; in
    // plain text a backslash is just a character (a Windows path's `C:\users\root`).
    if serde_json::from_str::<Value>(text).is_err() {
        return;
    }
    // A JSON-escaped backslash starts no escape: the path written `C:\\users\\root` holds
    // `\r` only inside `\\r`.
    let unescaped_backslashes = text.to_lowercase().replace("\\\\", "");
    for escaped in ["\\u001b", "\\u0007", "\\u009b", "\\r", "\\u202e", "\\u0000"] {
        assert!(
            !unescaped_backslashes.contains(escaped),
            "{what} holds {escaped}:\n{text}"
        );
    }
}

fn assert_strings_inert(value: &Value) {
    match value {
        Value::String(text) => assert_inert("a JSON string", text),
        Value::Array(items) => items.iter().for_each(assert_strings_inert),
        Value::Object(map) => map.values().for_each(assert_strings_inert),
        _ => {}
    }
}

// Tried: `clips` of a project whose name and titles carry escape sequences, in text
// and in `--json`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clips_print_hostile_names_and_titles_inert() {
    let h = harness().await;
    let run = h.run(&["clips", PROJECT]).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_inert("clips stdout", &run.stdout);
    assert_inert("clips stderr", &run.stderr);
    assert!(run.stdout.contains("Evil show<b>&"), "{}", run.stdout);
    assert!(run.stdout.contains("Intro redlink"), "{}", run.stdout);

    let run = h.run(&["--json", "clips", PROJECT]).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_inert("clips --json stdout", &run.stdout);
    let clips = run.json();
    assert_strings_inert(&clips);
    assert_eq!(clips[1]["title"], "exe.mp4bell");
}

// Tried: a whole export of that project, then `status` and `history` of it, in text
// and `--json`: the export's name (the project's, from the API) and every title stay
// inert on stdout and stderr alike.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_status_and_history_print_hostile_text_inert() {
    let h = harness().await;
    let out = h.out_dir("hostile");
    let run = h
        .run(&["--json", "export", PROJECT, "--out", out.to_str().unwrap()])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_inert("export --json stdout", &run.stdout);
    assert_inert("export --json stderr", &run.stderr);
    let report = run.json();
    assert_strings_inert(&report);
    let task = report["export_task_id"].as_str().unwrap().to_owned();

    for json in [false, true] {
        let mut args = vec!["status", task.as_str()];
        if json {
            args.insert(0, "--json");
        }
        let run = h.run(&args).await;
        assert_eq!(run.code(), 0, "{}", run.describe());
        assert_inert("status stdout", &run.stdout);
        assert_inert("status stderr", &run.stderr);
        if json {
            let status = run.json();
            assert_strings_inert(&status);
            assert_eq!(status["name"], "Evil show<b>& export");
        } else {
            assert!(
                run.stdout.contains("Evil show<b>& export"),
                "{}",
                run.stdout
            );
        }

        let mut args = vec!["history"];
        if json {
            args.insert(0, "--json");
        }
        let run = h.run(&args).await;
        assert_eq!(run.code(), 0, "{}", run.describe());
        assert_inert("history stdout", &run.stdout);
        if json {
            assert_strings_inert(&run.json());
        }
    }

    let run = h
        .run(&["export", PROJECT, "--out", out.to_str().unwrap()])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_inert("export stdout", &run.stdout);
    assert_inert("export stderr", &run.stderr);
}
