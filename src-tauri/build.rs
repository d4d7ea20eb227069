//! Makes the window's permissions from its one list of commands (`src/commands/list.rs`):
//! tauri-build generates an `allow-<command>` permission for each listed command, and the
//! capability granting exactly those to the main window is written here, into `OUT_DIR`,
//! so no second list can fall behind.

include!("src/commands/list.rs");

const COMMANDS: &[&str] = window_commands!(command_names);

/// Why the capability grants what it grants; read by people in `OUT_DIR/capabilities`.
const DESCRIPTION: &str = "What the main window may call: the app's own commands, nothing more. The page uses only invoke and Channel from Tauri's core, which need no permission (a Channel's data fetch is exempt from the ACL), so no core permission is granted: no window, webview, event, path, menu, tray, image, resources or app command. No plugin permission either: dialog, opener and notification are used from Rust only.";

fn main() {
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let folder = out_dir.join("capabilities");
    std::fs::create_dir_all(&folder).expect("the capabilities folder can be made");
    let permissions: Vec<String> = COMMANDS
        .iter()
        .map(|command| format!("allow-{}", command.replace('_', "-")))
        .collect();
    let capability = serde_json::json!({
        "identifier": "main",
        "description": DESCRIPTION,
        "windows": ["main"],
        "permissions": permissions,
    });
    let text = serde_json::to_string_pretty(&capability).expect("a capability serialises");
    std::fs::write(folder.join("main.json"), text + "\n").expect("the capability is written");
    // tauri-build keeps the pattern for the whole build.
    let pattern: &'static str = Box::leak(format!("{}/*.json", folder.display()).into_boxed_str());
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    let attributes = tauri_build::Attributes::new()
        .app_manifest(manifest)
        .capabilities_path_pattern(pattern);
    if let Err(err) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {err:#}");
    }
}
