//! Small helpers for running the commands each step is made of.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, ExitStatus};

/// Prints a step title so a long log can be scanned by eye.
pub fn heading(title: &str) {
    println!("\n==> {title}");
}

/// The cargo that started xtask, so every step uses the same toolchain.
pub fn cargo() -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(program);
    command.current_dir(workspace_root());
    forget_xtask_package(&mut command);
    command
}

/// `cargo run` describes the xtask package to it through CARGO_PKG_* and
/// friends. Some build scripts (ring's) rerun when those change, so passing
/// them on would rebuild dependencies on every switch between xtask and a
/// plain cargo command.
pub fn forget_xtask_package(command: &mut Command) {
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        let set_by_cargo_run = name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_MANIFEST_")
            || matches!(
                name,
                "CARGO_CRATE_NAME" | "CARGO_BIN_NAME" | "CARGO_PRIMARY_PACKAGE"
            );
        if set_by_cargo_run {
            command.env_remove(name);
        }
    }
}

pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}

/// Where cargo builds: CARGO_TARGET_DIR, else `target` in the workspace (the
/// end-to-end tests look in the same place, see tests/e2e/paths.js).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// Runs to completion with the terminal attached; Ok(false) when it exits non-zero.
pub fn succeeds(command: &mut Command) -> Result<bool, String> {
    Ok(status(command)?.success())
}

pub fn status(command: &mut Command) -> Result<ExitStatus, String> {
    command
        .status()
        .map_err(|err| format!("could not start {}: {err}", describe(command)))
}

pub fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Whether `program` can be found on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Runs with stdout passed to the terminal line by line and to `on_line`.
pub fn stream(command: &mut Command, mut on_line: impl FnMut(&str)) -> Result<ExitStatus, String> {
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|err| format!("could not start {}: {err}", describe(command)))?;
    if let Some(stdout) = child.stdout.take() {
        forward_lines(stdout, &mut on_line);
    }
    child
        .wait()
        .map_err(|err| format!("lost track of {}: {err}", describe(command)))
}

/// Copies `stdout` to the terminal as it arrives, handing each line to `on_line`.
pub fn forward_lines(stdout: impl std::io::Read, on_line: &mut impl FnMut(&str)) {
    let mut reader = BufReader::new(stdout);
    let mut buffer = Vec::new();
    let mut terminal = std::io::stdout();
    while matches!(reader.read_until(b'\n', &mut buffer), Ok(n) if n > 0) {
        let _ = terminal.write_all(&buffer);
        let _ = terminal.flush();
        on_line(String::from_utf8_lossy(&buffer).trim_end());
        buffer.clear();
    }
}
