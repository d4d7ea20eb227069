//! The third-party readers the timeline tests read our FCP7 XML, FCPXML, EDL and OTIO files
//! back with (crates/timeline/tests/readers): OpenTimelineIO with its adapters, pycmx and lxml,
//! in a Python environment of their own under the target folder, so the machine's Python is
//! left alone and a `cargo clean` removes them.
//!
//! The versions are pinned: a reader that changes what it reads would change what the tests
//! prove. A file in the environment records the list it was installed from, so a warm run
//! starts no pip at all, and a changed list reinstalls.

use crate::process::{describe, heading, target_dir};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the tests read with, pinned to the versions they were written against.
const PACKAGES: &[&str] = &[
    "opentimelineio==0.18.1",
    "otio-fcp-adapter==1.0.0",
    "otio-fcpx-xml-lite-adapter==0.2.3",
    "otio-cmx3600-adapter==1.0.0",
    "pycmx==1.5.1",
    "lxml==6.1.3",
];

/// Where the tests look for the readers' python.
pub const ENV_VAR: &str = "WAYIN_TIMELINE_READERS";

/// Modules the packages above provide; importing them proves the install works.
const MODULES: &str = "opentimelineio, otio_fcp_adapter, otio_fcpx_xml_lite_adapter, \
                       otio_cmx3600_adapter, pycmx, lxml.etree";

/// In the environment: the package list it was installed from.
const INSTALLED_LIST: &str = "wayin-installed-packages.txt";

/// The readers' python, installing them first when they are missing or out of date.
pub fn ensure_readers() -> Result<PathBuf, String> {
    let dir = target_dir().join("timeline-readers");
    let python = venv_python(&dir);
    let wanted = PACKAGES.join("\n") + "\n";
    let list_file = dir.join(INSTALLED_LIST);
    if python.is_file() && std::fs::read_to_string(&list_file).is_ok_and(|list| list == wanted) {
        return Ok(python);
    }

    heading("Timeline readers (OpenTimelineIO, pycmx, lxml) for the timeline tests");
    if !python.is_file() || !runs(&python) {
        create_venv(&dir)?;
    }
    // An install cut short must not pass for a complete one.
    let _ = std::fs::remove_file(&list_file);
    pip_install(&python)?;
    let imports = Command::new(&python)
        .args(["-c", &format!("import {MODULES}")])
        .output()
        .map_err(|err| format!("could not start {}: {err}", python.display()))?;
    if !imports.status.success() {
        return Err(format!(
            "the timeline readers were installed but do not import:\n{}",
            String::from_utf8_lossy(&imports.stderr).trim_end()
        ));
    }
    std::fs::write(&list_file, wanted)
        .map_err(|err| format!("cannot write {}: {err}", list_file.display()))?;
    println!("Timeline readers: {}", python.display());
    Ok(python)
}

fn venv_python(dir: &Path) -> PathBuf {
    if cfg!(windows) {
        dir.join("Scripts").join("python.exe")
    } else {
        dir.join("bin").join("python")
    }
}

fn runs(python: &Path) -> bool {
    Command::new(python)
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
}

/// python3, or `python` where that is the only name (Windows).
fn system_python() -> Result<&'static str, String> {
    ["python3", "python"]
        .into_iter()
        .find(|name| runs(Path::new(name)))
        .ok_or_else(|| "the timeline tests' readers need Python 3 (python3)".into())
}

/// Debian's python3 cannot make a venv until python3-venv brings `ensurepip`; its failed
/// attempt leaves a venv without pip behind, which `--clear` replaces on the second try.
fn create_venv(dir: &Path) -> Result<(), String> {
    let python = system_python()?;
    if venv(python, dir, false)? {
        return Ok(());
    }
    crate::system_deps::ensure_apt_packages(&["python3-venv"])?;
    if venv(python, dir, true)? {
        return Ok(());
    }
    Err(format!(
        "{python} -m venv {} failed: install Python's venv module (python3-venv on Debian)",
        dir.display()
    ))
}

fn venv(python: &str, dir: &Path, clear: bool) -> Result<bool, String> {
    let mut command = Command::new(python);
    command.args(["-m", "venv"]);
    if clear {
        command.arg("--clear");
    }
    command.arg(dir);
    let out = command
        .output()
        .map_err(|err| format!("could not start {}: {err}", describe(&command)))?;
    if out.status.success() {
        return Ok(true);
    }
    println!("{} failed:", describe(&command));
    print_last_lines(&out, 4);
    Ok(false)
}

/// pip's output is shown only when it fails, and then only its last lines.
fn pip_install(python: &Path) -> Result<(), String> {
    let mut command = Command::new(python);
    command
        .args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--prefer-binary",
        ])
        .args(PACKAGES);
    println!("Installing {}", PACKAGES.join(" "));
    let out = command
        .output()
        .map_err(|err| format!("could not start {}: {err}", describe(&command)))?;
    if out.status.success() {
        return Ok(());
    }
    println!("{} failed:", describe(&command));
    print_last_lines(&out, 8);
    Err("pip could not install the timeline readers".into())
}

fn print_last_lines(out: &std::process::Output, count: usize) {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    for line in &lines[lines.len().saturating_sub(count)..] {
        println!("  {line}");
    }
}
