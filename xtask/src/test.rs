//! `cargo xtask test`: every check and test the project has, in one command.

use crate::e2e_tests;
use crate::process::{cargo, heading, succeeds};
use crate::system_deps;
use crate::test_summary::TestSummary;
use crate::timeline_readers;
use crate::ui_tests;
use std::process::ExitCode;

pub fn run(cargo_test_args: &[String]) -> Result<ExitCode, String> {
    system_deps::prepare(system_deps::Purpose::Test)?;
    let mut failed_steps: Vec<&str> = Vec::new();
    if !provide_timeline_readers() {
        failed_steps.push("timeline readers");
    }

    heading("Formatting (cargo fmt --all --check)");
    if !succeeds(cargo().args(["fmt", "--all", "--check"]))? {
        failed_steps.push("formatting");
    }

    heading("Lints (cargo clippy --workspace --all-targets -- -D warnings)");
    if !succeeds(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))? {
        failed_steps.push("clippy");
    }

    heading("Building tests (cargo test --workspace --no-run)");
    // Same arguments as the run, so the run finds everything already built.
    let built = succeeds(
        cargo()
            .args(["test", "--workspace", "--no-run"])
            .args(cargo_test_args),
    )?;
    let mut summary = TestSummary::default();
    if built {
        if !run_tests(cargo_test_args, &mut summary)? {
            failed_steps.push("tests");
        }
    } else {
        failed_steps.push("building tests");
    }

    match ui_tests::run(&mut summary) {
        Ok(true) => {}
        Ok(false) => failed_steps.push("UI tests"),
        Err(message) => {
            println!("UI tests could not run: {message}");
            failed_steps.push("UI tests");
        }
    }

    // The window tests start the binaries the test build just made; after a
    // failed build those would be stale or missing.
    if built {
        if !run_e2e(&mut summary) {
            failed_steps.push("end-to-end tests");
        }
    } else {
        println!("\nEnd-to-end tests not run: the build failed.");
    }

    let platforms = crate::platforms::run(&mut summary);
    failed_steps.extend(platforms.failed);

    heading("Summary");
    for tally in &platforms.tallies {
        println!("{tally}");
    }
    if summary.binaries == 0 {
        println!("No test results were reported.");
    }
    if !failed_steps.is_empty() {
        println!("Failed: {}", failed_steps.join(", "));
    }
    println!("{}", summary.closing_line());
    Ok(if failed_steps.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `cargo xtask test-ui`: the front end's tests alone, for quick turns on ui/.
pub fn run_ui_only() -> Result<ExitCode, String> {
    system_deps::prepare(system_deps::Purpose::Test)?;
    let mut summary = TestSummary::default();
    let passed = ui_tests::run(&mut summary)?;
    heading("Summary");
    println!("{}", summary.closing_line());
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `cargo xtask test-e2e`: the end-to-end tests alone, after the same build
/// `test` makes (so the two share every artifact).
pub fn run_e2e_only() -> Result<ExitCode, String> {
    system_deps::prepare(system_deps::Purpose::Test)?;
    provide_timeline_readers();
    heading("Building (cargo test --workspace --no-run)");
    if !succeeds(cargo().args(["test", "--workspace", "--no-run"]))? {
        return Ok(ExitCode::FAILURE);
    }
    let mut summary = TestSummary::default();
    let passed = run_e2e(&mut summary);
    heading("Summary");
    println!("{}", summary.closing_line());
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Installs the third-party timeline readers and names their Python in
/// `WAYIN_TIMELINE_READERS` for every test run after this (the Rust tests and the
/// window tests read the files we write with them). False when they could not be
/// installed; the tests that need them then fail and say so.
fn provide_timeline_readers() -> bool {
    match timeline_readers::ensure_readers() {
        Ok(python) => {
            std::env::set_var(timeline_readers::ENV_VAR, python);
            true
        }
        Err(message) => {
            println!("The timeline readers could not be installed: {message}");
            false
        }
    }
}

/// True when the end-to-end tests ran and all passed.
fn run_e2e(summary: &mut TestSummary) -> bool {
    match e2e_tests::run(summary) {
        Ok(passed) => passed,
        Err(message) => {
            println!("End-to-end tests could not run: {message}");
            false
        }
    }
}

/// Runs the tests once; true when every test binary exited cleanly.
fn run_tests(extra_args: &[String], summary: &mut TestSummary) -> Result<bool, String> {
    let mut args: Vec<String> = ["test", "--workspace", "--no-fail-fast"]
        .map(String::from)
        .to_vec();
    args.extend_from_slice(extra_args);

    if cfg!(target_os = "linux") {
        heading("Running tests in an isolated session (Xvfb, D-Bus, Secret Service)");
    } else {
        heading("Running tests (system keychain tests skip themselves off Linux)");
    }
    run_in_session(&args, summary)
}

/// Upper bound for one test run, in minutes; WAYIN_TEST_TIME_LIMIT_MINUTES overrides it.
#[cfg(target_os = "linux")]
const DEFAULT_TIME_LIMIT_MINUTES: u64 = 45;

#[cfg(target_os = "linux")]
fn run_in_session(args: &[String], summary: &mut TestSummary) -> Result<bool, String> {
    let minutes = std::env::var("WAYIN_TEST_TIME_LIMIT_MINUTES")
        .ok()
        .and_then(|text| text.parse::<u64>().ok())
        .unwrap_or(DEFAULT_TIME_LIMIT_MINUTES);
    let time_limit = std::time::Duration::from_secs(minutes * 60);
    let session = crate::session::Session::create(time_limit)?;
    let cargo_program = std::path::PathBuf::from(cargo().get_program());
    let status = session.run(&cargo_program, args, |line| summary.add_line(line))?;
    Ok(status.success())
}

#[cfg(not(target_os = "linux"))]
fn run_in_session(args: &[String], summary: &mut TestSummary) -> Result<bool, String> {
    let status = crate::process::stream(cargo().args(args), |line| summary.add_line(line))?;
    Ok(status.success())
}
