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

/// What the platform checks found: the steps that failed, and one tally line for each
/// step that ran tests (`Windows tests under Wine: N passed, N failed, N skipped`).
#[derive(Default)]
pub struct Report {
    pub failed: Vec<&'static str>,
    pub tallies: Vec<String>,
}

/// Runs every platform check, adding its test counts to `summary`.
pub fn run(summary: &mut TestSummary) -> Report {
    run_only(summary, &[])
}

/// Runs the steps named in `only` (all when empty).
fn run_only(summary: &mut TestSummary, only: &[String]) -> Report {
    let mut report = Report::default();
    heading("Cross-platform toolchain (MinGW, Wine, zig, Rust targets, FUSE drivers)");
    if let Err(message) = toolchain::prepare() {
        println!("Cross-platform checks could not run: {message}");
        report.failed.push("cross-platform toolchain");
        return report;
    }
    let chosen = STEPS
        .iter()
        .filter(|(key, _, _)| only.is_empty() || only.iter().any(|o| o == key));
    for &(_, name, step) in chosen {
        let before = *summary;
        match step(summary) {
            Ok(true) => {}
            Ok(false) => report.failed.push(name),
            Err(message) => {
                println!("{name} could not run: {message}");
                report.failed.push(name);
            }
        }
        let ran = TestSummary {
            passed: summary.passed - before.passed,
            failed: summary.failed - before.failed,
            ignored: summary.ignored.saturating_sub(before.ignored),
            binaries: summary.binaries - before.binaries,
        };
        if ran != TestSummary::default() {
            report
                .tallies
                .push(format!("{name}: {}", ran.closing_line()));
        }
    }
    report
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
    let report = run_only(&mut summary, only);
    heading("Summary");
    for tally in &report.tallies {
        println!("{tally}");
    }
    if !report.failed.is_empty() {
        println!("Failed: {}", report.failed.join(", "));
    }
    println!("{}", summary.closing_line());
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
