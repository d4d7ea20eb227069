//! The front end's tests: the page's modules type-checked against the shell's answers and
//! events (`tsc`), then `node --test tests/ui`, headless Chromium driven by playwright-core
//! with the page's IPC seam replaced by an in-memory backend.

use crate::process::{heading, on_path, stream, succeeds, workspace_root};
use crate::test_summary::TestSummary;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The compiler options that check `ui/js` against `ui/types/shell.d.ts`, in `tests/ui`.
const PAGE_TSCONFIG: &str = "tsconfig.page.json";

/// Where Chromium is looked for when CHROMIUM_PATH is not set.
const CHROMIUM_CANDIDATES: &[&str] = &[
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
];

/// Installs the test dependencies, type-checks the page and runs every
/// `tests/ui/*.test.js`; true when all passed. Results are added to `summary`, the
/// type check as one test.
pub fn run(summary: &mut TestSummary) -> Result<bool, String> {
    let dir = workspace_root().join("tests").join("ui");
    for tool in ["node", "npm"] {
        if !on_path(tool) {
            return Err(format!(
                "`{tool}` is not on PATH; install Node.js 18 or newer (Debian: apt-get install nodejs npm)"
            ));
        }
    }
    let chromium = find_chromium().ok_or(
        "no Chromium found; install it (Debian: apt-get install chromium) or set CHROMIUM_PATH",
    )?;

    heading("UI test dependencies (npm ci in tests/ui)");
    // `npm ci` installs exactly the lockfile; the browser is the system's, never downloaded.
    let installed = succeeds(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefer-offline"])
            .current_dir(&dir)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )?;
    if !installed {
        return Ok(false);
    }

    // The browser tests run even when the types disagree, so one run shows both.
    let typed = check_page_types(&dir)?;
    summary.add_check(typed);

    heading("UI tests (node --test tests/ui, headless Chromium)");
    let files = test_files(&dir)?;
    let status = stream(
        Command::new("node")
            .arg("--test")
            .arg("--test-reporter=tap")
            .args(&files)
            .current_dir(workspace_root())
            .env("CHROMIUM_PATH", &chromium),
        |line| summary.add_node_line(line),
    )?;
    Ok(typed && status.success())
}

/// Runs tsc over the page's modules; true when it found no error. A field the page reads
/// that no answer or event of the shell carries is an error, as is a missing `shell.d.ts`.
fn check_page_types(dir: &Path) -> Result<bool, String> {
    heading("Page types (tsc -p tests/ui/tsconfig.page.json: ui/js against ui/types/shell.d.ts)");
    let mut errors = 0;
    let status = stream(
        Command::new("node")
            .args([
                "node_modules/typescript/bin/tsc",
                "-p",
                PAGE_TSCONFIG,
                "--pretty",
                "false",
            ])
            .current_dir(dir),
        |line| errors += usize::from(line.contains(": error TS")),
    )?;
    if status.success() {
        println!("No type errors.");
    } else {
        println!("tsc found {errors} type error(s) in the page: see above.");
    }
    Ok(status.success())
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM_PATH") {
        return Some(PathBuf::from(path));
    }
    CHROMIUM_CANDIDATES
        .iter()
        .map(PathBuf::from)
        .find(|path| path.is_file())
}

/// `tests/ui/*.test.js`, named one by one: `node --test <dir>` means different
/// things in different Node versions.
pub(crate) fn test_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|err| format!("could not read {}: {err}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.ends_with(".test.js"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.test.js files in {}", dir.display()));
    }
    Ok(files)
}
