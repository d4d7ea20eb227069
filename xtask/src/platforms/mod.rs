//! `cargo xtask check-platforms`, also run by `cargo xtask test`: what this Linux machine
//! can prove about macOS and Windows. Clippy for Windows (MinGW) and both Mac
//! architectures (zig), the Windows test executables under Wine, and downloads onto
//! real exFAT and FAT32 volumes; and actionlint on the release workflow that builds the
//! macOS and Windows packages.

mod drives;
mod lints;
mod toolchain;
mod wine;
mod wine_native;

use crate::process::heading;
use crate::test_summary::TestSummary;
use std::process::ExitCode;

/// One step of the checks: Ok(false) when it ran and failed.
type Step = fn(&mut TestSummary) -> Result<bool, String>;

/// The steps, by the name `cargo xtask check-platforms <name>` runs one alone.
const STEPS: [(&str, &str, Step); 5] = [
    ("windows-lints", "Windows lints", |_| lints::windows()),
    ("macos-lints", "macOS lints", |_| lints::macos()),
    ("wine", "Windows tests under Wine", wine::run),
    ("drives", "external-drive tests", drives::run),
    ("workflows", "release workflow check", |_| {
        crate::actionlint::run()
    }),
];

/// Runs every platform check; returns the names of the steps that failed.
pub fn run(summary: &mut TestSummary) -> Vec<&'static str> {
    run_only(summary, &[])
}

/// Runs the steps named in `only` (all when empty).
fn run_only(summary: &mut TestSummary, only: &[String]) -> Vec<&'static str> {
    let mut failed = Vec::new();
    heading("Cross-platform toolchain (MinGW, Wine, zig, Rust targets, FUSE drivers)");
    if let Err(message) = toolchain::prepare() {
        println!("Cross-platform checks could not run: {message}");
        return vec!["cross-platform toolchain"];
    }
    let chosen = STEPS
        .iter()
        .filter(|(key, _, _)| only.is_empty() || only.iter().any(|o| o == key));
    for &(_, name, step) in chosen {
        match step(summary) {
            Ok(true) => {}
            Ok(false) => failed.push(name),
            Err(message) => {
                println!("{name} could not run: {message}");
                failed.push(name);
            }
        }
    }
    failed
}

/// `cargo xtask check-platforms [STEP…]` on its own.
pub fn command(only: &[String]) -> Result<ExitCode, String> {
    if let Some(unknown) = only
        .iter()
        .find(|o| !STEPS.iter().any(|(key, _, _)| key == o))
    {
        let keys: Vec<&str> = STEPS.iter().map(|(key, _, _)| *key).collect();
        return Err(format!(
            "no step `{unknown}`; the steps: {}",
            keys.join(", ")
        ));
    }
    let mut summary = TestSummary::default();
    let failed = run_only(&mut summary, only);
    heading("Summary");
    if !failed.is_empty() {
        println!("Failed: {}", failed.join(", "));
    }
    println!("{}", summary.closing_line());
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
