//! `cargo xtask check-platforms`, also run by `cargo xtask test`: what this Linux machine
//! can prove about macOS and Windows. Clippy for Windows (MinGW) and both Mac
//! architectures (zig), the Windows test executables under Wine, and downloads onto
//! real exFAT and FAT32 volumes.

mod drives;
mod lints;
mod toolchain;
mod wine;

use crate::process::heading;
use crate::test_summary::TestSummary;
use std::process::ExitCode;

/// One step of the checks: Ok(false) when it ran and failed.
type Step = fn(&mut TestSummary) -> Result<bool, String>;

/// Runs every platform check; returns the names of the steps that failed.
pub fn run(summary: &mut TestSummary) -> Vec<&'static str> {
    let mut failed = Vec::new();
    heading("Cross-platform toolchain (MinGW, Wine, zig, Rust targets, FUSE drivers)");
    if let Err(message) = toolchain::prepare() {
        println!("Cross-platform checks could not run: {message}");
        return vec!["cross-platform toolchain"];
    }
    let steps: [(&'static str, Step); 4] = [
        ("Windows lints", |_| lints::windows()),
        ("macOS lints", |_| lints::macos()),
        ("Windows tests under Wine", wine::run),
        ("external-drive tests", drives::run),
    ];
    for (name, step) in steps {
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

/// `cargo xtask check-platforms` on its own.
pub fn command() -> Result<ExitCode, String> {
    let mut summary = TestSummary::default();
    let failed = run(&mut summary);
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
