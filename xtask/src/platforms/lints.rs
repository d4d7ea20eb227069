//! Clippy for the platforms this machine cannot run the app on: Windows
//! through MinGW, macOS through zig. Code behind `cfg(windows)` and
//! `cfg(target_os = "macos")` is compiled and linted like Linux code.

use super::toolchain::{cargo_zigbuild, MACOS, WINDOWS};
use crate::process::{cargo, forget_xtask_package, heading, succeeds, workspace_root};
use std::path::Path;
use std::process::Command;

const CLIPPY_ARGS: &[&str] = &["--workspace", "--all-targets", "--", "-D", "warnings"];

pub fn windows() -> Result<bool, String> {
    heading(&format!(
        "Lints for Windows (cargo clippy --target {WINDOWS} --workspace --all-targets -- -D warnings)"
    ));
    succeeds(
        cargo()
            .args(["clippy", "--target", WINDOWS])
            .args(CLIPPY_ARGS),
    )
}

/// Both Mac architectures: `cfg(target_arch)` differs between them in
/// dependencies (ring's assembly, for one).
pub fn macos() -> Result<bool, String> {
    let zigbuild = cargo_zigbuild().ok_or("cargo-zigbuild is missing")?;
    let wrapper = workspace_root().join("xtask/src/platforms/zig-cc-for-check.sh");
    let mut all_passed = true;
    for target in MACOS {
        heading(&format!(
            "Lints for macOS (cargo zigbuild clippy --target {target} --workspace --all-targets -- -D warnings)"
        ));
        let mut command = zigbuild_clippy(&zigbuild, &wrapper, target);
        all_passed &= succeeds(&mut command)?;
    }
    Ok(all_passed)
}

fn zigbuild_clippy(zigbuild: &Path, wrapper: &Path, target: &str) -> Command {
    let mut command = Command::new(zigbuild);
    command
        .current_dir(workspace_root())
        .args(["clippy", "--target", target])
        .args(CLIPPY_ARGS)
        // cc-rs reads CC_<target-with-hyphens> before the underscore form
        // cargo-zigbuild sets, so the wrapper sits in front of zig.
        .env(format!("CC_{target}"), wrapper);
    forget_xtask_package(&mut command);
    command
}
