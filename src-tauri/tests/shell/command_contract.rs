//! The commands are listed once, in `src/commands/list.rs`: the handler, the permission for
//! each and the capability granting them are made from it. Two places still name them by
//! hand, docs/IPC.md and the page's test backend; a command missing from one is undocumented
//! or untested by the page's tests. This test reads the capability the build wrote and both
//! hand-kept places, and says which differ from the list.

use std::collections::BTreeSet;
use std::path::Path;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` not found"))
        + start.len();
    let to = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("`{end}` not found after `{start}`"));
    &text[from..from + to]
}

fn listed() -> BTreeSet<String> {
    wayin_clip_exporter::COMMANDS
        .iter()
        .map(|name| name.to_string())
        .collect()
}

/// The capability the build wrote from the list, as the app embeds it.
fn capability() -> BTreeSet<String> {
    let written = include_str!(concat!(env!("OUT_DIR"), "/capabilities/main.json"));
    let json: serde_json::Value = serde_json::from_str(written).unwrap();
    json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|permission| {
            let name = permission.as_str().expect("a permission named by a string");
            name.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{name} is not an app command's allow- permission"))
                .replace('-', "_")
        })
        .collect()
}

/// The first column of the command table: every backticked name in it.
fn ipc_doc() -> BTreeSet<String> {
    let doc = read("../docs/IPC.md");
    let table = between(&doc, "| command | args | returns |", "\n\n");
    table
        .lines()
        .filter_map(|row| row.strip_prefix('|'))
        .filter_map(|row| row.split('|').next())
        .flat_map(|cell| {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|name| name != "command")
        .collect()
}

/// The keys of the page's test backend: `  name: …` at the first level of `COMMANDS`.
fn ui_mock() -> BTreeSet<String> {
    let mock = read("../tests/ui/mock-ipc.js");
    between(&mock, "const COMMANDS = {", "\n};")
        .lines()
        .filter_map(|line| line.strip_prefix("  "))
        .filter(|line| !line.starts_with(' '))
        .filter_map(|line| line.split_once(':'))
        .map(|(key, _)| key.trim().to_owned())
        .filter(|key| key.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !key.is_empty())
        .collect()
}

#[test]
fn every_list_of_commands_names_the_same_commands() {
    let reference = listed();
    assert!(
        reference.len() > 20,
        "commands/list.rs lists the commands: {reference:?}"
    );
    for (place, names) in [
        ("the capability written by build.rs", capability()),
        ("docs/IPC.md", ipc_doc()),
        ("tests/ui/mock-ipc.js", ui_mock()),
    ] {
        let missing: Vec<_> = reference.difference(&names).collect();
        let extra: Vec<_> = names.difference(&reference).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{place} differs from commands/list.rs: missing {missing:?}, not listed {extra:?}"
        );
    }
}

/// The window's CSP is kept as a directive map; none of it may let in inline code or
/// another site's scripts. The one wildcard is the port of the loopback clip server
/// (a free port each launch), for media alone.
#[test]
fn the_content_security_policy_is_a_directive_map_with_nothing_unsafe() {
    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let csp = conf["app"]["security"]["csp"]
        .as_object()
        .expect("app.security.csp is a map of directives");
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    for (directive, sources) in csp {
        let sources = sources
            .as_str()
            .expect("a directive's sources are one string");
        for source in sources.split_whitespace() {
            let whole_scheme = matches!(source, "http:" | "https:" | "data:" | "blob:" | "*");
            let loopback_media = directive == "media-src" && source == "http://127.0.0.1:*";
            assert!(
                !whole_scheme
                    && !source.contains("unsafe")
                    && (!source.contains('*') || loopback_media),
                "{directive} lets in {source}"
            );
        }
    }
}
