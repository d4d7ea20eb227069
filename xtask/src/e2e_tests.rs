//! The end-to-end tests: `node --test tests/e2e`, the real app window driven
//! through tauri-driver and WebKitWebDriver against fake-wayin, inside an
//! isolated desktop session of their own (Xvfb, D-Bus, a throwaway unlocked
//! gnome-keyring), so the keychain entry they write is never a real one.
//!
//! They start `target/debug/wayin-clip-exporter` and `target/debug/fake-wayin`
//! as `cargo test --workspace --no-run` left them: building them again with
//! `cargo build` would resolve features differently and compile the app a
//! second time.

use crate::process::{heading, on_path, target_dir, workspace_root};
use crate::test_summary::TestSummary;

/// The binaries the tests start, under the target folder's `debug`.
const BINARIES: &[&str] = &["wayin-clip-exporter", "fake-wayin"];

/// Upper bound for the whole step; they take about two minutes.
#[cfg(target_os = "linux")]
const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Runs every `tests/e2e/*.test.js` (or those `WAYIN_E2E_ONLY` names); true when all passed. Results are added to `summary`.
pub fn run(summary: &mut TestSummary) -> Result<bool, String> {
    if !cfg!(target_os = "linux") {
        println!(
            "The end-to-end tests run on Linux only (tauri-driver needs WebKitWebDriver there)."
        );
        return Ok(true);
    }
    if !on_path("node") {
        return Err("`node` is not on PATH; install Node.js 18 or newer".into());
    }
    for tool in ["tauri-driver", "WebKitWebDriver", "secret-tool"] {
        if !on_path(tool) {
            return Err(format!(
                "`{tool}` is not on PATH (cargo xtask test installs it: see system_deps.rs)"
            ));
        }
    }
    let debug = target_dir().join("debug");
    for binary in BINARIES {
        if !debug.join(binary).is_file() {
            return Err(format!(
                "{} is missing: build it with cargo test --workspace --no-run",
                debug.join(binary).display()
            ));
        }
    }

    heading(
        "End-to-end tests (node --test tests/e2e, the app through tauri-driver, isolated session)",
    );
    let mut files = crate::ui_tests::test_files(&workspace_root().join("tests").join("e2e"))?;
    // `WAYIN_E2E_ONLY=drive-unplug,disk` runs only the files whose names contain one of these.
    if let Some(only) = std::env::var("WAYIN_E2E_ONLY")
        .ok()
        .filter(|v| !v.is_empty())
    {
        let wanted: Vec<&str> = only
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect();
        files.retain(|file| {
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            wanted.iter().any(|part| name.contains(part))
        });
        if files.is_empty() {
            return Err(format!(
                "WAYIN_E2E_ONLY={only:?} names no file in tests/e2e"
            ));
        }
    }
    let mut args: Vec<String> = vec!["--test".into(), "--test-reporter=tap".into()];
    args.extend(files.iter().map(|file| file.display().to_string()));
    run_in_session(&args, summary)
}

#[cfg(target_os = "linux")]
fn run_in_session(args: &[String], summary: &mut TestSummary) -> Result<bool, String> {
    let session = crate::session::Session::create(TIME_LIMIT)?;
    let node = std::path::Path::new("node");
    let status = session.run(node, args, |line| summary.add_node_line(line))?;
    Ok(status.success())
}

#[cfg(not(target_os = "linux"))]
fn run_in_session(_args: &[String], _summary: &mut TestSummary) -> Result<bool, String> {
    Ok(true)
}
