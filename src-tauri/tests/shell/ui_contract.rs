//! The page's tests answer from a stand-in backend (`tests/ui/mock-ipc.js`). So that its
//! answers cannot drift from the shell's, this test asks the real shell (demo mode, a real
//! export followed to disk) and writes the fields of each answer to `tests/ui/contract.js`;
//! a page test then holds the stand-in's answers against them. When a command's answer
//! changes in Rust, this test fails until the file is written again:
//! `WAYIN_WRITE_UI_CATALOG=1 cargo test -p wayin-clip-exporter --test shell ui_`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use tauri::Manager;
use wayin_clip_exporter::ipc::EventView;

use crate::common::{demo_app, fake, live_app, Dirs, TestApp, PODCAST};
use crate::timelines::source;
use crate::ui_types::Shape;
use app::desktop::BoxFuture;
use app::{UpdateOffer, UpdateSource};

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

/// The real answers and events, after a project was opened, a preset saved, an export
/// followed to disk with a timeline and selects written, a project made from a link and one
/// from a dropped video, and a key saved and deleted in live mode.
fn samples(app: &TestApp) -> Samples {
    let mut samples = Samples::default();
    let events = Arc::new(Mutex::new(Vec::new()));
    let forwarding = tauri::async_runtime::spawn(wayin_clip_exporter::events::forward(
        app.state.current(),
        recorder(&events),
    ));
    let drops = app.app.state::<app::DroppedVideo>();
    let dropping = tauri::async_runtime::spawn(wayin_clip_exporter::events::forward_drops(
        drops.names(),
        recorder(&events),
    ));

    // Every event from the first on: the engine is running and both are listening.
    let engine = tauri::async_runtime::block_on(app.state.current().engine()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));

    samples.answer(app, "project_open", json!({"input": PODCAST}));
    let options = json!({"resolution": "HD_720", "reframe": "RATIO_9_16",
                         "captions": {"display": "both", "style": "temp-static-1"}});
    samples.answer(
        app,
        "export_preview",
        json!({"projectId": PODCAST, "clips": [0], "options": options}),
    );
    let submitted = samples.answer(
        app,
        "export_submit",
        json!({"projectId": PODCAST, "projectName": null, "clips": [0], "options": options}),
    );
    let id = submitted["id"].as_i64().unwrap();
    let outcome = tauri::async_runtime::block_on(engine.wait_export(id)).unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    samples.answer(
        app,
        "timeline_write",
        json!({"exportId": id, "format": "fcpxml"}),
    );
    let dirs = Dirs::new();
    *app.desktop.video.lock().unwrap() = Some(source(&dirs, "full episode.mp4", 3600));
    samples.answer(
        app,
        "selects_write",
        json!({"projectId": PODCAST, "clips": null}),
    );

    let started = samples.answer(
        app,
        "project_create",
        json!({"input": {"link": "https://www.youtube.com/watch?v=talk", "moments": "laughs"}}),
    );
    let creation = started["creation"]["id"].as_i64().unwrap();
    let made = tauri::async_runtime::block_on(engine.wait_creation(creation)).unwrap();
    assert!(made.state.is_settled(), "{made:?}");
    assert!(drops.dropped(&[source(&dirs, "interview.mov", 120)]));
    let dropped = samples.answer(
        app,
        "project_create",
        json!({"input": {"dropped": true, "moments": "the laughs"}}),
    );
    let creation = dropped["creation"]["id"].as_i64().unwrap();
    let made = tauri::async_runtime::block_on(engine.wait_creation(creation)).unwrap();
    assert!(made.state.is_settled(), "{made:?}");
    let stopped = app.ok(
        "project_create",
        json!({"input": {"link": "https://www.youtube.com/watch?v=second", "moments": "laughs"}}),
    );
    samples.answer(
        app,
        "creation_cancel",
        json!({"id": stopped["creation"]["id"]}),
    );

    let download = app.ok("exports_list", json!({}))[0]["downloads"][0]["id"].clone();
    for cmd in ["download_reveal", "download_open"] {
        samples.answer(app, cmd, json!({"downloadId": download}));
    }
    samples.answer(
        app,
        "preset_save",
        json!({"name": "Reels", "options": options}),
    );
    samples.answer(app, "preset_save", json!({"name": "Square", "options": {}}));
    samples.answer(app, "preset_delete", json!({"name": "Square"}));
    samples.answer(
        app,
        "settings_set",
        json!({"patch": {"nameTemplate": "{idx:02} {title}"}}),
    );
    *app.desktop.folder.lock().unwrap() = Some(dirs.root.path().to_path_buf());
    samples.answer(app, "settings_choose_folder", json!({}));
    for cmd in [
        "app_info",
        "key_status",
        "settings_get",
        "demo_projects",
        "recent_projects",
        "presets_list",
        "exports_list",
        "creations_list",
        "catalog",
    ] {
        samples.answer(app, cmd, json!({}));
    }
    samples.answer(app, "demo_enter", json!({}));
    samples.answer(
        app,
        "name_preview",
        json!({"template": "{idx:02} {title}", "projectId": PODCAST, "idx": 0}),
    );
    forwarding.abort();
    dropping.abort();
    samples.events = std::mem::take(&mut events.lock().unwrap());
    // No fault happens on the way: the one event a failed poll sends is made here.
    samples.events.push(
        serde_json::to_value(EventView::PollFailed(engine::PollFailed {
            export_id: id,
            kind: "network".into(),
            message: "The API could not be reached.".into(),
        }))
        .unwrap(),
    );
    update_answers(app, &mut samples);
    samples.answer(app, "demo_leave", json!({}));
    key_answers(&mut samples);
    failure_answers(&mut samples);
    samples
}

/// In live mode, an export with every option that the service fails to render, and a
/// project it fails to make: the lists then show a problem, a hook and a language.
fn failure_answers(samples: &mut Samples) {
    let server = fake();
    server.control().set_faults(
        fake_wayin::FaultScope::Global,
        fake_wayin::Faults {
            fail_export: Some("Rendering failed.".into()),
            fail_creation: Some("The video could not be read.".into()),
            ..Default::default()
        },
    );
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    let options = json!({"resolution": "FHD_1080", "targetLang": "es", "reframe": "RATIO_1_1",
        "captions": {"display": "translation", "style": null},
        "hook": {"style": "casual", "position": "end", "keywords": "pricing", "durationMs": 2500}});
    let submitted = samples.answer(
        &app,
        "export_submit",
        json!({"projectId": PODCAST, "projectName": "Podcast", "clips": [0, 1], "options": options}),
    );
    let started = samples.answer(
        &app,
        "project_create",
        json!({"input": {"link": "https://www.youtube.com/watch?v=talk", "moments": null,
                         "length": "0-30", "maxClips": 3, "sourceLang": "en", "lang": "es",
                         "name": "Talk"}}),
    );
    let engine = tauri::async_runtime::block_on(app.state.current().engine()).unwrap();
    let failed =
        tauri::async_runtime::block_on(engine.wait_export(submitted["id"].as_i64().unwrap()))
            .unwrap();
    assert!(failed.problem.is_some(), "{failed:?}");
    let id = started["creation"]["id"].as_i64().unwrap();
    let made = tauri::async_runtime::block_on(engine.wait_creation(id)).unwrap();
    assert!(made.state.is_settled(), "{made:?}");
    samples.answer(&app, "exports_list", json!({}));
    samples.answer(&app, "creations_list", json!({}));
    samples.answer(&app, "presets_list", json!({}));
    samples.answer(
        &app,
        "preset_save",
        json!({"name": "Everything", "options": options}),
    );
}

/// `update_check` and the install's steps, from a release server that offers a version.
fn update_answers(app: &TestApp, samples: &mut Samples) {
    app.state.install_updates(Arc::new(OfferingSource));
    samples.answer(app, "update_check", json!({"automatic": false}));
    samples.answer(app, "update_check", json!({"automatic": true}));
    let steps = Arc::new(Mutex::new(Vec::new()));
    let kept = steps.clone();
    tauri::async_runtime::block_on(app.state.current().install_update(move |step| {
        kept.lock()
            .unwrap()
            .push(serde_json::to_value(step).unwrap())
    }))
    .unwrap();
    let mut steps = std::mem::take(&mut *steps.lock().unwrap());
    // Nothing is being downloaded here: the step an install waiting for one sends is made.
    let waiting = app::InstallStep::Waiting {
        downloads: 2,
        uploads: 1,
    };
    steps.push(serde_json::to_value(waiting).unwrap());
    samples.channels.insert("update_install", steps);
}

/// A release server offering 0.2.0, whose install takes two chunks.
struct OfferingSource;

impl UpdateSource for OfferingSource {
    fn check(&self) -> BoxFuture<Result<Option<UpdateOffer>, String>> {
        Box::pin(async {
            Ok(Some(UpdateOffer {
                version: "0.2.0".into(),
                current: env!("CARGO_PKG_VERSION").into(),
                notes: Some("Faster downloads.".into()),
                date: Some("2026-12-01T10:00:00Z".into()),
                installs_itself: true,
                download_page: "https://example.org/download".into(),
            }))
        })
    }

    fn install(
        &self,
        mut on_bytes: Box<dyn FnMut(u64, Option<u64>) + Send>,
    ) -> BoxFuture<Result<String, String>> {
        Box::pin(async move {
            on_bytes(1000, Some(2000));
            on_bytes(1000, Some(2000));
            Ok("0.2.0".to_string())
        })
    }

    fn restart(&self) {}

    fn download_page(&self) -> String {
        "https://example.org/download".into()
    }
}

/// Keeps every event it is handed, as the page would receive it.
fn recorder(events: &Arc<Mutex<Vec<Value>>>) -> impl FnMut(EventView) -> bool {
    let events = events.clone();
    move |event| {
        let value = serde_json::to_value(event).unwrap();
        events.lock().unwrap().push(value);
        true
    }
}

/// The key's commands, in live mode: a key saved for this session, checked and deleted.
fn key_answers(samples: &mut Samples) {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    samples.answer(
        &app,
        "key_save",
        json!({"key": server.api_key(), "sessionOnly": true}),
    );
    samples.answer(&app, "key_verify", json!({}));
    samples.answer(&app, "key_delete", json!({}));
}

#[derive(Default)]
struct Samples {
    answers: BTreeMap<&'static str, Vec<Value>>,
    events: Vec<Value>,
    /// What a command's channel carries (besides `exports_watch`'s events), by command.
    channels: BTreeMap<&'static str, Vec<Value>>,
}

impl Samples {
    fn answer(&mut self, app: &TestApp, cmd: &'static str, args: Value) -> Value {
        let answer = app.ok(cmd, args);
        self.answers.entry(cmd).or_default().push(answer.clone());
        answer
    }

    /// The events by their `type`.
    fn events_by_type(&self) -> BTreeMap<String, Vec<&Value>> {
        by_tag(&self.events, "type")
    }
}

/// `values` grouped by the text of their `tag` field.
fn by_tag<'a>(values: &'a [Value], tag: &str) -> BTreeMap<String, Vec<&'a Value>> {
    let mut grouped: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for value in values {
        let name = value[tag].as_str().expect("every message names its kind");
        grouped.entry(name.to_string()).or_default().push(value);
    }
    grouped
}

/// A union of one object type per kind, each with its `tag` field the kind's literal.
fn tagged_union(values: &[Value], tag: &str) -> String {
    let kinds: Vec<String> = by_tag(values, tag)
        .into_iter()
        .map(|(kind, values)| Shape::of(values).render_tagged(1, tag, &kind))
        .collect();
    kinds.join(" | ")
}

impl Samples {}

fn field_sets<'a>(
    samples: impl IntoIterator<Item = (String, Vec<&'a Value>)>,
) -> BTreeMap<String, BTreeSet<String>> {
    samples
        .into_iter()
        .map(|(name, values)| {
            let mut paths = BTreeSet::new();
            for value in values {
                field_paths(value, "", 0, &mut paths);
            }
            (name, paths)
        })
        .collect()
}

fn render_fields(fields: &BTreeMap<String, BTreeSet<String>>) -> String {
    let lines: Vec<String> = fields
        .iter()
        .map(|(name, paths)| {
            let paths: Vec<Value> = paths.iter().map(|p| Value::from(p.as_str())).collect();
            format!("  {name}: {}", Value::from(paths))
        })
        .collect();
    format!("{{\n{}\n}};\n", lines.join(",\n"))
}

/// `contract.js`: each answer's and each event's fields as paths.
fn render_contract(samples: &Samples) -> String {
    let answers = field_sets(
        samples
            .answers
            .iter()
            .filter(|(cmd, _)| **cmd != "catalog")
            .map(|(cmd, values)| (cmd.to_string(), values.iter().collect())),
    );
    let events = field_sets(samples.events_by_type());
    format!(
        "{HEADER}{}\n/** Each event's fields, by its `type`. */\nexport const SHELL_EVENT_FIELDS = {}",
        render_fields(&answers),
        render_fields(&events)
    )
}

/// `shell.d.ts`: each command's answer and each event as a type, and names for the views
/// the page passes around. A command no sample asked answers `unknown`, so the page cannot
/// read a field of it until one does.
fn render_types(samples: &Samples) -> String {
    let mut out = String::from(TYPES_HEADER);
    out.push_str("/** What each command answers. */\nexport interface Answers {\n");
    for cmd in wayin_clip_exporter::COMMANDS {
        let answer = match samples.answers.get(cmd) {
            Some(values) => Shape::of(values).render_answer(),
            None => "unknown".into(),
        };
        out.push_str(&format!("  {cmd}: {answer};\n"));
    }
    out.push_str("}\n\n/** The events `exports_watch` sends, by their `type`. */\nexport interface Events {\n");
    for (tag, values) in samples.events_by_type() {
        let event = Shape::of(values).render_tagged(1, "type", &tag);
        out.push_str(&format!("  {tag}: {event};\n"));
    }
    out.push_str(
        "}\n\n/** What a command's channel carries, by command. */\nexport interface Channels {\n",
    );
    for (cmd, values) in &samples.channels {
        out.push_str(&format!("  {cmd}: {};\n", tagged_union(values, "step")));
    }
    out.push_str("}\n\nexport type Command = keyof Answers;\nexport type ShellEvent = Events[keyof Events];\n");
    for (name, path) in VIEW_NAMES {
        out.push_str(&format!("export type {name} = {path};\n"));
    }
    out
}

const TYPES_HEADER: &str = "// Written by src-tauri/tests/shell/ui_contract.rs from the shell's real answers and events:\n// do not edit. A field only ever seen as null, or a list only ever empty, is `any`: no answer\n// showed its shape. Whether a field may be null is not recorded.\n\n";

/// The views the page hands between its modules, named after the shell's types.
const VIEW_NAMES: &[(&str, &str)] = &[
    ("AppInfo", "Answers[\"app_info\"]"),
    ("KeyStatus", "Answers[\"key_status\"]"),
    ("Catalog", "Answers[\"catalog\"]"),
    ("SettingsView", "Answers[\"settings_get\"]"),
    ("ProjectView", "Answers[\"project_open\"]"),
    ("ClipView", "ProjectView[\"clips\"][number]"),
    ("DemoProjectView", "Answers[\"demo_projects\"][number]"),
    ("RecentProject", "Answers[\"recent_projects\"][number]"),
    ("Preset", "Answers[\"presets_list\"][number]"),
    ("ExportOptions", "Preset[\"options\"]"),
    ("ExportView", "Answers[\"exports_list\"][number]"),
    ("DownloadView", "ExportView[\"downloads\"][number]"),
    ("TimelineFileView", "ExportView[\"timelines\"][number]"),
    ("CreationView", "Answers[\"creations_list\"][number]"),
    ("UpdateOffer", "Answers[\"update_check\"][\"offer\"]"),
    ("InstallStep", "Channels[\"update_install\"]"),
];

fn types_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/types/shell.d.ts")
}

/// Writes `path` when asked to, then fails unless it holds `rendered`.
pub(crate) fn check_written(path: &Path, rendered: &str) {
    if std::env::var_os("WAYIN_WRITE_UI_CATALOG").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, rendered).unwrap();
    }
    let written = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        written == rendered,
        "{} is not the shell's answers' fields: write it again with \
         WAYIN_WRITE_UI_CATALOG=1 cargo test -p wayin-clip-exporter --test shell ui_",
        path.display()
    );
}

#[test]
fn the_page_and_its_tests_know_the_shells_answers_and_events() {
    let app = demo_app();
    let samples = samples(&app);
    let exports = field_sets([(
        "exports_list".to_string(),
        samples.answers["exports_list"].iter().collect(),
    )]);
    assert!(
        exports["exports_list"].contains("[].downloads[].state"),
        "an export followed to disk lists its downloads: {exports:?}"
    );
    let heard: BTreeSet<String> = samples.events_by_type().into_keys().collect();
    for kind in [
        "export_updated",
        "download_progress",
        "download_changed",
        "creation_updated",
        "upload_progress",
        "video_dropped",
        "poll_failed",
    ] {
        assert!(heard.contains(kind), "no {kind} event was heard: {heard:?}");
    }
    check_written(&contract_file(), &render_contract(&samples));
    check_written(&types_file(), &render_types(&samples));
}
