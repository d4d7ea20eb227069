//! The anchor `bench-app` measures the app against: an empty Tauri app of the same Tauri
//! version and window size, generated under the target folder and built with the
//! workspace's lock file, so only what the app itself adds differs. It is built twice: with
//! Tauri's usual release settings plus fat LTO (`release`, the anchor the goals are set
//! against), and with the workspace's own release profile copied over (`app-profile`), to
//! show what the profile alone does to a binary.

use std::path::{Path, PathBuf};

use crate::process::{cargo, succeeds, target_dir, workspace_root};

/// The empty app's two builds.
pub struct EmptyApp {
    /// `release`: opt-level 3, fat LTO, one codegen unit, stripped.
    pub standard: PathBuf,
    /// The same app under the workspace's `[profile.release]`.
    pub app_profile: PathBuf,
}

/// Writes the empty app's project (when changed) and builds it both ways.
pub fn build() -> Result<EmptyApp, String> {
    let dir = target_dir().join("bench-empty-tauri");
    let root = workspace_root();
    let tauri = locked_version(&root, "tauri")?;
    let tauri_build = locked_version(&root, "tauri-build")?;
    let files = [
        (
            "Cargo.toml",
            cargo_toml(&tauri, &tauri_build, &release_profile(&root)?),
        ),
        (
            "build.rs",
            "fn main() {\n    tauri_build::build();\n}\n".to_string(),
        ),
        ("src/main.rs", MAIN_RS.to_string()),
        ("tauri.conf.json", TAURI_CONF.to_string()),
        ("dist/index.html", INDEX_HTML.to_string()),
    ];
    for (name, text) in files {
        write_if_changed(&dir.join(name), &text)?;
    }
    copy_if_changed(&root.join("icons/icon.png"), &dir.join("icons/icon.png"))?;
    // The workspace's versions of every shared crate, so Tauri, wry and WebKit's bindings are
    // the ones the app links.
    copy_if_changed(&root.join("Cargo.lock"), &dir.join("Cargo.lock"))?;
    for profile in ["release", "app-profile"] {
        let built = succeeds(
            cargo()
                .args(["build", "--profile", profile, "--manifest-path"])
                .arg(dir.join("Cargo.toml"))
                .env("CARGO_TARGET_DIR", dir.join("target")),
        )?;
        if !built {
            return Err(format!("the empty Tauri app did not build ({profile})"));
        }
    }
    Ok(EmptyApp {
        standard: dir.join("target/release/empty-tauri"),
        app_profile: dir.join("target/app-profile/empty-tauri"),
    })
}

/// The settings under `[profile.release]` in the workspace's Cargo.toml, as written there.
fn release_profile(root: &Path) -> Result<String, String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let mut lines = manifest
        .lines()
        .skip_while(|line| line.trim() != "[profile.release]");
    if lines.next().is_none() {
        return Err("the workspace's Cargo.toml has no [profile.release]".into());
    }
    Ok(lines
        .take_while(|line| !line.trim_start().starts_with('['))
        .filter(|line| !line.trim_start().starts_with('#') && !line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect())
}

fn cargo_toml(tauri: &str, tauri_build: &str, app_profile: &str) -> String {
    format!(
        r#"[package]
name = "empty-tauri"
version = "0.1.0"
edition = "2021"

[workspace]

[build-dependencies]
tauri-build = {{ version = "={tauri_build}", features = [] }}

[dependencies]
tauri = {{ version = "={tauri}", features = [] }}

[profile.release]
lto = "fat"
codegen-units = 1
strip = true

[profile.app-profile]
inherits = "release"
{app_profile}"#
    )
}

const MAIN_RS: &str = r#"#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the empty app runs");
}
"#;

/// The app's window: same size, title and identifier kind; nothing else.
const TAURI_CONF: &str = r#"{
  "productName": "Empty Tauri",
  "version": "0.1.0",
  "identifier": "com.example.emptytauri",
  "build": { "frontendDist": "dist" },
  "app": {
    "windows": [{ "title": "Empty Tauri", "width": 1200, "height": 800 }],
    "security": { "csp": "default-src 'self'" }
  },
  "bundle": { "active": false, "icon": ["icons/icon.png"] }
}
"#;

const INDEX_HTML: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Empty Tauri</title></head><body></body></html>\n";

/// The version of `name` the workspace's lock file holds.
fn locked_version(root: &Path, name: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == wanted {
            if let Some(version) = lines
                .next()
                .and_then(|next| next.strip_prefix("version = \""))
                .and_then(|rest| rest.strip_suffix('"'))
            {
                return Ok(version.to_string());
            }
        }
    }
    Err(format!("{name} is not in Cargo.lock"))
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy_if_changed(from: &Path, to: &Path) -> Result<(), String> {
    let bytes = std::fs::read(from).map_err(|e| format!("{}: {e}", from.display()))?;
    if std::fs::read(to).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(to, bytes).map_err(|e| format!("{}: {e}", to.display()))
}
