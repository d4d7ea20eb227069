//! `wayin-release` (crates/release), run through cargo so it is built from this checkout:
//! xtask itself stays free of dependencies, the crypto lives there.

use crate::process::{cargo, describe, status};
use std::ffi::OsStr;
use std::process::{Command, Stdio};

fn command<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = cargo();
    command
        .args(["run", "--release", "--quiet", "-p", "wayin-release", "--"])
        .args(args);
    command
}

/// Runs with the terminal attached.
pub fn run<I, S>(args: I) -> Result<(), String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = command(args);
    let exit = status(&mut command)?;
    if exit.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({exit})", describe(&command)))
    }
}

/// Runs and returns what it printed to standard output, trimmed; its messages still reach
/// the terminal.
pub fn output<I, S>(args: I) -> Result<String, String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = command(args);
    let out = command
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|err| format!("could not start {}: {err}", describe(&command)))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    } else {
        Err(format!("{} failed ({})", describe(&command), out.status))
    }
}
