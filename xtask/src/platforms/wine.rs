//! The API client's, the engine's, the clip server's and `wayin-export`'s test executables,
//! cross-built for Windows with MinGW and run under Wine: Windows file
//! semantics (reserved names, locks, no-clobber moves, long paths), the
//! Credential Manager and loopback networking, exercised by the same tests
//! that run on Linux plus the Windows-only ones.

use super::toolchain::WINDOWS;
use crate::process::{cargo, describe, forward_lines, heading, succeeds, workspace_root};
use crate::test_summary::TestSummary;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const PACKAGES: &[&str] = &[
    "wayin-api",
    "wayin-transfer",
    "wayin-engine",
    "wayin-clip-stream",
    "wayin-export",
];

pub fn run(summary: &mut TestSummary) -> Result<bool, String> {
    heading(&format!(
        "Windows test executables (cargo test --no-run --target {WINDOWS} -p {})",
        PACKAGES.join(" -p ")
    ));
    let executables = build_test_executables()?;
    if executables.is_empty() {
        return Err("the Windows test build produced no test executables".into());
    }
    let shim = build_prng_shim()?;
    let prefix = prepare_wine_prefix()?;

    heading(&format!(
        "Running {} Windows test executables under Wine",
        executables.len()
    ));
    // Test executables sit in deps/; the binaries they start (wayin-export.exe) one above.
    place_beside(&shim, &windows_target_dir().join("debug").join("any.exe"))?;
    // Every test runs: none is skipped by name under Wine.
    let mut all_passed = true;
    for executable in &executables {
        place_beside(&shim, executable)?;
        let binary = binary_name(executable);
        let mut command = wine(&prefix);
        command.arg(executable).arg("--test-threads=2");
        command.current_dir(workspace_root());
        println!("\n--- {binary} (Windows, under Wine)");
        if !run_under_wine(&mut command, &binary, summary)? {
            println!("{binary}: failed under Wine");
            all_passed = false;
        }
    }
    heading("wayin-export.exe under Wine against fake-wayin running natively");
    let exe = windows_target_dir().join("debug").join("wayin-export.exe");
    let native = super::wine_native::export_against_native_fake(&mut || wine(&prefix), &exe)?;
    if native {
        summary.passed += 1;
    } else {
        summary.failed += 1;
        all_passed = false;
    }
    Ok(all_passed)
}

/// Runs one test executable. When Wine itself fails to start it (its server went
/// away: "wine client error", and not one test ran), it is started once more; a test
/// that ran and failed is never run again.
fn run_under_wine(
    command: &mut Command,
    binary: &str,
    summary: &mut TestSummary,
) -> Result<bool, String> {
    for attempt in 1..=2 {
        let mut ran_tests = false;
        let status = crate::process::stream(command, |line| {
            ran_tests |= line.starts_with("running ");
            summary.add_line(line);
        })?;
        if status.success() || ran_tests || attempt == 2 {
            return Ok(status.success());
        }
        println!("{binary}: Wine did not start it ({status}); starting it once more");
    }
    unreachable!("the last attempt returns")
}

/// Builds with cargo's JSON messages on stdout to learn each test executable's path.
fn build_test_executables() -> Result<Vec<PathBuf>, String> {
    let mut command = cargo();
    command
        .args(["test", "--no-run", "--target", WINDOWS])
        .args(PACKAGES.iter().flat_map(|package| ["-p", package]))
        .args(["--message-format", "json-render-diagnostics"])
        .stdout(Stdio::piped());
    let output = command
        .spawn()
        .and_then(|child| child.wait_with_output())
        .map_err(|err| format!("could not start {}: {err}", describe(&command)))?;
    if !output.status.success() {
        return Err(format!("the Windows test build failed ({})", output.status));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    Ok(stdout
        .lines()
        .filter(|line| is_test_artifact(line))
        .filter_map(|line| json_string_field(line, "executable"))
        .map(PathBuf::from)
        .collect())
}

/// A test executable, not a binary: the *profile* says `"test":true` (the target object
/// has a `test` field too, which only says the target is tested by default).
fn is_test_artifact(line: &str) -> bool {
    let Some(start) = line.find("\"profile\":{") else {
        return false;
    };
    let profile = &line[start..];
    let profile = &profile[..profile.find('}').unwrap_or(profile.len())];
    line.contains("\"executable\":\"") && profile.contains("\"test\":true")
}

/// The value of `"name":"…"` in one line of cargo's JSON (paths here have no
/// quotes; backslashes are JSON-escaped).
fn json_string_field(line: &str, name: &str) -> Option<String> {
    let start = line.find(&format!("\"{name}\":\""))? + name.len() + 4;
    let end = start + line[start..].find('"')?;
    Some(line[start..end].replace("\\\\", "\\"))
}

/// `transfer-0123abcd.exe` → `transfer`.
fn binary_name(executable: &Path) -> String {
    let stem = executable
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.rsplit_once('-') {
        Some((name, hash)) if hash.chars().all(|c| c.is_ascii_hexdigit()) => name.to_owned(),
        _ => stem,
    }
}

fn windows_target_dir() -> PathBuf {
    crate::process::target_dir().join(WINDOWS)
}

/// Wine 8 (Debian 12) lacks bcryptprimitives.dll, whose ProcessPrng Rust's
/// standard library imports; see wine_prng_shim.c.
fn build_prng_shim() -> Result<PathBuf, String> {
    let out_dir = windows_target_dir().join("wine-shim");
    std::fs::create_dir_all(&out_dir).map_err(|err| err.to_string())?;
    let dll = out_dir.join("bcryptprimitives.dll");
    let source = workspace_root().join("xtask/src/platforms/wine_prng_shim.c");
    let mut compile = Command::new("x86_64-w64-mingw32-gcc");
    compile
        .args(["-shared", "-O2", "-o"])
        .arg(&dll)
        .arg(&source)
        .arg("-ladvapi32");
    if !succeeds(&mut compile)? {
        return Err("could not build the test-only bcryptprimitives.dll".into());
    }
    Ok(dll)
}

fn place_beside(dll: &Path, executable: &Path) -> Result<(), String> {
    let Some(dir) = executable.parent() else {
        return Ok(());
    };
    std::fs::copy(dll, dir.join("bcryptprimitives.dll"))
        .map(|_| ())
        .map_err(|err| {
            format!(
                "could not place the Wine shim beside {}: {err}",
                executable.display()
            )
        })
}

/// A Wine prefix of our own in the target folder, created once.
fn prepare_wine_prefix() -> Result<PathBuf, String> {
    let prefix = windows_target_dir().join("wine-prefix");
    if prefix.join("system.reg").is_file() {
        return Ok(prefix);
    }
    heading("Creating a Wine prefix (first run only)");
    std::fs::create_dir_all(&prefix).map_err(|err| err.to_string())?;
    let mut boot = wine(&prefix);
    boot.arg("wineboot").arg("--init");
    let status = boot
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            if let Some(out) = child.stdout.take() {
                forward_lines(out, &mut |_| {});
            }
            child.wait()
        })
        .map_err(|err| format!("could not start wineboot: {err}"))?;
    if !status.success() {
        return Err(format!("wineboot failed ({status})"));
    }
    Ok(prefix)
}

fn wine(prefix: &Path) -> Command {
    let mut command = Command::new("wine");
    command
        .env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        // No Mono or Gecko install prompts: the tests need neither.
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
        .env_remove("DISPLAY");
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binaries_are_not_test_executables() {
        let line = r#"{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"wayin-export","test":true},"profile":{"opt_level":"0","test":false},"executable":"/w/debug/wayin-export.exe"}"#;
        assert!(!is_test_artifact(line));
    }

    #[test]
    fn reads_the_executable_of_a_test_artifact() {
        let line = r#"{"reason":"compiler-artifact","target":{"kind":["test"],"test":true},"profile":{"opt_level":"0","test":true},"executable":"/w/target/x86_64-pc-windows-gnu/debug/deps/transfer-0a1b2c3d4e5f6789.exe","fresh":true}"#;
        assert!(is_test_artifact(line));
        let path = json_string_field(line, "executable").unwrap();
        assert_eq!(
            binary_name(Path::new(&path)),
            "transfer",
            "the hash is dropped from {path}"
        );
    }

    #[test]
    fn keeps_names_without_a_hash() {
        assert_eq!(
            binary_name(Path::new("deps/wayin-export.exe")),
            "wayin-export"
        );
        assert_eq!(
            binary_name(Path::new("deps/export_flow-zz.exe")),
            "export_flow-zz"
        );
    }
}
