//! The commit the app is built from, for `--version` and the window's About line: read
//! from git when the source is a checkout, "unknown" otherwise (a source archive).

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (output.status.success() && !text.is_empty()).then_some(text)
}

/// Cargo runs the script again on every build when a watched file does not exist, so only
/// files that do are watched.
fn watch(path: &Path) {
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=WAYIN_COMMIT={commit}");
    // Built again when the checkout moves to another commit: HEAD is the worktree's own,
    // branches live in the repository's common folder (loose, or packed).
    let Some(git_dir) = git(&["rev-parse", "--absolute-git-dir"]).map(PathBuf::from) else {
        return;
    };
    watch(&git_dir.join("HEAD"));
    let common = git(&["rev-parse", "--git-common-dir"])
        .map(PathBuf::from)
        // A relative answer is relative to where git ran: this crate's folder.
        .map(|dir| std::env::current_dir().map_or(dir.clone(), |here| here.join(&dir)))
        .unwrap_or_else(|| git_dir.clone());
    watch(&common.join("packed-refs"));
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watch(&common.join(branch));
    }
}
