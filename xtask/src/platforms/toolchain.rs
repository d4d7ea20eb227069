//! What cross-platform checks need on a Debian machine: Rust's Windows and
//! macOS standard libraries, MinGW for Windows C code, Wine to run Windows
//! test executables, zig (from PyPI) as a C compiler with macOS headers, and
//! FUSE drivers for the external-drive file systems.

use crate::pip;
use crate::process::{on_path, succeeds};
use crate::system_deps::ensure_apt_packages;
use std::path::PathBuf;
use std::process::Command;

pub const WINDOWS: &str = "x86_64-pc-windows-gnu";
pub const MACOS: &[&str] = &["aarch64-apple-darwin", "x86_64-apple-darwin"];

const APT_PACKAGES: &[&str] = &[
    "gcc-mingw-w64-x86-64",
    "wine",
    "wine64",
    "exfat-fuse",
    "exfatprogs",
    "fusefat",
    "dosfstools",
    // actionlint checks the workflows' `run:` blocks with it.
    "shellcheck",
];

/// zig as a C compiler and the cargo wrapper that points cc-rs at it.
const PIP_PACKAGES: &[&str] = &["ziglang", "cargo-zigbuild"];

pub fn prepare() -> Result<(), String> {
    ensure_apt_packages(APT_PACKAGES)?;
    ensure_rust_targets()?;
    if cargo_zigbuild().is_none() {
        let python = pip::python()?;
        pip::ensure_pip(&python)?;
        if !pip::install(&python, PIP_PACKAGES)? {
            return Err(format!(
                "pip install failed for: {}",
                PIP_PACKAGES.join(" ")
            ));
        }
    }
    if cargo_zigbuild().is_none() {
        return Err(
            "cargo-zigbuild is installed but was not found on PATH or beside python3".into(),
        );
    }
    Ok(())
}

fn ensure_rust_targets() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|err| format!("could not run rustup: {err}"))?;
    let installed = String::from_utf8_lossy(&installed.stdout);
    let missing: Vec<&str> = std::iter::once(WINDOWS)
        .chain(MACOS.iter().copied())
        .filter(|target| !installed.lines().any(|line| line.trim() == *target))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !succeeds(
        Command::new("rustup")
            .args(["target", "add"])
            .args(&missing),
    )? {
        return Err(format!(
            "rustup target add failed for: {}",
            missing.join(" ")
        ));
    }
    Ok(())
}

/// pip puts scripts beside the interpreter or in the user's scripts folder, which is not
/// always on PATH (pyenv without shims, a --user install).
pub fn cargo_zigbuild() -> Option<PathBuf> {
    if on_path("cargo-zigbuild") {
        return Some(PathBuf::from("cargo-zigbuild"));
    }
    pip::installed_script(&pip::python().ok()?, "cargo-zigbuild")
}
