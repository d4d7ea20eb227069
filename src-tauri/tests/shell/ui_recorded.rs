//! The page's test backend previews an export and a file name as the shell does, for any
//! options its tests type. So that those rules cannot drift from the shell's, this test asks
//! the real shell for a table of previews and names (every resolution, caption line, hook
//! field and ratio, the two refusals, good and broken templates) and writes its answers to
//! `tests/ui/recorded.js`; a page test asks the backend the same and expects the same, to the
//! letter. Written again with
//! `WAYIN_WRITE_UI_CATALOG=1 cargo test -p wayin-clip-exporter --test shell ui_`.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::{demo_app, TestApp, PODCAST};
use crate::ui_contract::check_written;

const HEADER: &str = "// Written by src-tauri/tests/shell/ui_recorded.rs from the shell's real answers: do not edit.\n";

fn recorded_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/ui/recorded.js")
}

fn preview(clips: Value, options: Value) -> (&'static str, Value) {
    (
        "export_preview",
        json!({"projectId": PODCAST, "clips": clips, "options": options}),
    )
}

fn name(template: &str, idx: u32) -> (&'static str, Value) {
    (
        "name_preview",
        json!({"template": template, "projectId": PODCAST, "idx": idx}),
    )
}

/// What the page's forms send, as the form builds it: every key present, null when off.
fn options(changes: Value) -> Value {
    let mut options = json!({"resolution": "SD_480", "targetLang": null, "captions": null,
                             "hook": null, "reframe": null});
    for (key, value) in changes.as_object().unwrap() {
        options[key] = value.clone();
    }
    options
}

fn asked() -> Vec<(&'static str, Value)> {
    let mut asked = vec![
        preview(json!([0, 1]), options(json!({}))),
        preview(json!(null), options(json!({"resolution": "UHD_4K"}))),
        preview(
            json!([2]),
            options(json!({"resolution": "HD_720", "targetLang": "es"})),
        ),
    ];
    for (display, style) in [
        ("both", json!("word-focus")),
        ("both", json!("temp-static-2")),
        ("both", json!(null)),
        ("original", json!(null)),
        ("translation", json!("temp-3")),
    ] {
        asked.push(preview(
            json!([0]),
            options(json!({"targetLang": "fr", "captions": {"display": display, "style": style}})),
        ));
    }
    for hook in [
        json!({"style": null, "position": null, "keywords": null, "durationMs": null}),
        json!({"style": "casual", "position": "end", "keywords": "pricing", "durationMs": 2500}),
        json!({"style": "serious", "position": "beginning", "keywords": null, "durationMs": 4000}),
    ] {
        asked.push(preview(json!([0, 2]), options(json!({"hook": hook}))));
    }
    for ratio in ["RATIO_9_16", "RATIO_1_1", "RATIO_4_5", "RATIO_16_9", ""] {
        asked.push(preview(json!([1]), options(json!({"reframe": ratio}))));
    }
    for style in ["Brand Style", "brand-style-2"] {
        asked.push(preview(
            json!([0]),
            options(json!({"captions": {"display": "original", "style": style}})),
        ));
    }
    for (template, idx) in [
        ("{idx:02} {title}", 0),
        ("{project} - {idx} - {title}", 1),
        ("{title} {score}", 2),
        ("{titel}", 0),
        ("{title", 0),
    ] {
        asked.push(name(template, idx));
    }
    asked
}

/// Each command asked, with its answer or its `{kind, message, field?}` refusal.
fn answers(app: &TestApp) -> Vec<Value> {
    asked()
        .into_iter()
        .map(|(cmd, args)| match app.invoke(cmd, args.clone()) {
            Ok(answer) => json!({"cmd": cmd, "args": args, "answer": answer}),
            Err(error) => json!({"cmd": cmd, "args": args, "error": error}),
        })
        .collect()
}

#[test]
fn the_page_tests_preview_exports_and_names_as_the_shell_does() {
    let app = demo_app();
    let project = app.ok("project_open", json!({"input": PODCAST}));
    let answers = answers(&app);
    let refused = answers.iter().filter(|a| a.get("error").is_some()).count();
    assert_eq!(refused, 4, "two refused options and two broken templates");
    let rendered = format!(
        "{HEADER}/** The project the answers are about, as `project_open` gave it. */\nexport const RECORDED_PROJECT = {};\n\n/** Each command asked, with the shell's answer or refusal. */\nexport const RECORDED = {};\n",
        serde_json::to_string_pretty(&project).unwrap(),
        serde_json::to_string_pretty(&answers).unwrap()
    );
    check_written(&recorded_file(), &rendered);
}
