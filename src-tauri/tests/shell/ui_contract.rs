//! The page's tests answer from a stand-in backend (`tests/ui/mock-ipc.js`). So that its
//! answers cannot drift from the shell's, this test asks the real shell (demo mode, a real
//! export followed to disk) and writes the fields of each answer to `tests/ui/contract.js`;
//! a page test then holds the stand-in's answers against them. When a command's answer
//! changes in Rust, this test fails until the file is written again:
//! `WAYIN_WRITE_UI_CATALOG=1 cargo test -p wayin-clip-exporter --test shell ui_`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::{json, Value};

use crate::common::{demo_app, TestApp, PODCAST};

const HEADER: &str = "// Written by src-tauri/tests/shell/ui_contract.rs from the shell's real answers: do not edit.\n// Each command's fields as paths (`a.b`, `list[].c`); a field without paths below it was null,\n// empty or a plain value in the answer.\nexport const SHELL_FIELDS = ";

/// How deep the paths go: deep enough for a download inside an export inside a list.
const DEPTH: usize = 3;

fn contract_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/ui/contract.js")
}

fn field_paths(value: &Value, prefix: &str, depth: usize, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) if depth < DEPTH => {
            for (name, field) in fields {
                let path = if prefix.is_empty() {
                    name.clone()
                } else {
                    format!("{prefix}.{name}")
                };
                out.insert(path.clone());
                field_paths(field, &path, depth + 1, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                field_paths(item, &format!("{prefix}[]"), depth, out);
            }
        }
        _ => {}
    }
}

/// The real answers, after a project was opened, a preset saved, an export followed to disk
/// with a timeline written, and a project made from a link.
fn answers(app: &TestApp) -> BTreeMap<&'static str, Value> {
    let mut answers = BTreeMap::new();
    answers.insert(
        "project_open",
        app.ok("project_open", json!({"input": PODCAST})),
    );
    let options = json!({"resolution": "HD_720", "reframe": "RATIO_9_16",
                         "captions": {"display": "both", "style": "temp-static-1"}});
    answers.insert(
        "export_preview",
        app.ok(
            "export_preview",
            json!({"projectId": PODCAST, "clips": [0], "options": options}),
        ),
    );
    let submitted = app.ok(
        "export_submit",
        json!({"projectId": PODCAST, "projectName": null, "clips": [0], "options": options}),
    );
    let id = submitted["id"].as_i64().unwrap();
    let engine = tauri::async_runtime::block_on(app.state.current().engine()).unwrap();
    let outcome = tauri::async_runtime::block_on(engine.wait_export(id)).unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    answers.insert(
        "timeline_write",
        app.ok(
            "timeline_write",
            json!({"exportId": id, "format": "fcpxml"}),
        ),
    );
    let started = app.ok(
        "project_create",
        json!({"input": {"link": "https://www.youtube.com/watch?v=talk", "moments": "laughs"}}),
    );
    let creation = started["creation"]["id"].as_i64().unwrap();
    let made = tauri::async_runtime::block_on(engine.wait_creation(creation)).unwrap();
    assert!(made.state.is_settled(), "{made:?}");
    answers.insert("project_create", started);
    answers.insert(
        "preset_save",
        app.ok("preset_save", json!({"name": "Reels", "options": options})),
    );
    for cmd in [
        "app_info",
        "key_status",
        "settings_get",
        "demo_projects",
        "recent_projects",
        "presets_list",
        "exports_list",
        "creations_list",
    ] {
        answers.insert(cmd, app.ok(cmd, json!({})));
    }
    // Entering the demo from the demo answers as `app_info` does.
    answers.insert("demo_enter", app.ok("demo_enter", json!({})));
    answers.insert(
        "name_preview",
        app.ok(
            "name_preview",
            json!({"template": "{idx:02} {title}", "projectId": PODCAST, "idx": 0}),
        ),
    );
    answers
}

fn render(fields: &BTreeMap<&'static str, BTreeSet<String>>) -> String {
    let lines: Vec<String> = fields
        .iter()
        .map(|(cmd, paths)| {
            let paths: Vec<Value> = paths.iter().map(|p| Value::from(p.as_str())).collect();
            format!("  {cmd}: {}", Value::from(paths))
        })
        .collect();
    format!("{HEADER}{{\n{}\n}};\n", lines.join(",\n"))
}

#[test]
fn the_page_tests_know_the_fields_of_the_shells_answers() {
    let app = demo_app();
    let fields: BTreeMap<&'static str, BTreeSet<String>> = answers(&app)
        .into_iter()
        .map(|(cmd, answer)| {
            let mut paths = BTreeSet::new();
            field_paths(&answer, "", 0, &mut paths);
            (cmd, paths)
        })
        .collect();
    assert!(
        fields["exports_list"].contains("[].downloads[].state"),
        "an export followed to disk lists its downloads: {:?}",
        fields["exports_list"]
    );

    let path = contract_file();
    let rendered = render(&fields);
    if std::env::var_os("WAYIN_WRITE_UI_CATALOG").is_some() {
        std::fs::write(&path, &rendered).unwrap();
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == rendered,
        "tests/ui/contract.js is not the shell's answers' fields: write it again with \
         WAYIN_WRITE_UI_CATALOG=1 cargo test -p wayin-clip-exporter --test shell ui_"
    );
}
