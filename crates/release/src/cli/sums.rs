//! `wayin-release sums FILE…`: `SHA256SUMS` in the files' folder.

use std::path::{Path, PathBuf};

use release::{sha256sums, ReleaseError, SHA256SUMS};

use super::args::Args;
use super::Failure;

pub fn run(args: &[String]) -> Result<(), Failure> {
    let args = Args::parse(args, &[], &[])?;
    let files = args.files()?;
    let folder = common_folder(files)?;
    let written = folder.join(SHA256SUMS);
    let sums = sha256sums(files)?;
    std::fs::write(&written, sums).map_err(|err| ReleaseError::io(&written, "write", err))?;
    println!("{}", written.display());
    Ok(())
}

/// The one folder all `files` are in: the list names files without their folder, so it is
/// only checkable there.
pub fn common_folder(files: &[PathBuf]) -> Result<PathBuf, Failure> {
    let mut folders = files.iter().map(|file| folder_of(file));
    let first = folders.next().unwrap_or_else(|| PathBuf::from("."));
    match folders.find(|folder| !same_folder(folder, &first)) {
        Some(other) => Err(Failure::Usage(format!(
            "the files are in more than one folder ({} and {}): give files of one folder",
            first.display(),
            other.display()
        ))),
        None => Ok(first),
    }
}

fn folder_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
