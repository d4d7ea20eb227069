//! Writing timeline files: named from the project, safe on every file system, never
//! overwriting anything (a name is taken with `create_new`, so a file that appears meanwhile is
//! not replaced either), and no half-written file left behind.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use timeline::{Format, Timeline};

use super::TimelineError;
use crate::naming::{safe_file_name, unique_in_folder, EXTENSION};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenTimeline {
    pub format: Format,
    pub path: PathBuf,
}

/// Writes `timeline` once per format into `dir` as `{base}.{extension}` (or the next free
/// name).
pub fn write_timeline_files(
    timeline: &Timeline,
    formats: &[Format],
    dir: &Path,
    base: &str,
) -> Result<Vec<WrittenTimeline>, TimelineError> {
    let write_error = |e: std::io::Error| TimelineError::Write {
        dir: dir.to_path_buf(),
        message: e.to_string(),
    };
    formats
        .iter()
        .map(|&format| {
            let text = timeline::render(timeline, format);
            let path = write_new_file(dir, base, format, text.as_bytes()).map_err(write_error)?;
            Ok(WrittenTimeline { format, path })
        })
        .collect()
}

/// Creates `dir` if needed, then a new file holding `bytes`.
pub(super) fn write_new_file(
    dir: &Path,
    base: &str,
    format: Format,
    bytes: &[u8],
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let name = safe_name(base, format);
    loop {
        let path = dir.join(unique_in_folder(dir, &name, &|_| false));
        let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => file,
            // Taken between the look and the create: the next free name.
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let written = file.write_all(bytes).and_then(|()| file.sync_all());
        if let Err(e) = written {
            drop(file);
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
        return Ok(path);
    }
}

/// `{base}.{extension}`, made safe by the same rules as clip names.
fn safe_name(base: &str, format: Format) -> String {
    let clip_name = safe_file_name(base);
    let stem = clip_name.strip_suffix(EXTENSION).unwrap_or(&clip_name);
    format!("{stem}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_and_never_replace_a_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(safe_name("CON", Format::Edl), "CON_.edl");
        assert_eq!(safe_name("../a: b?", Format::Fcpxml), "a_ b.fcpxml");
        let long = "é".repeat(300);
        assert!(safe_name(&long, Format::Fcpxml).len() <= 255);
        std::fs::write(dir.path().join("Show - timeline.xml"), "mine").unwrap();
        let path = write_new_file(dir.path(), "Show - timeline", Format::Xmeml, b"new").unwrap();
        assert_eq!(path.file_name().unwrap(), "Show - timeline (2).xml");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("Show - timeline.xml")).unwrap(),
            "mine"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_at_the_name_is_neither_followed_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere.txt");
        std::os::unix::fs::symlink(&target, dir.path().join("Show - timeline.edl")).unwrap();
        let path = write_new_file(dir.path(), "Show - timeline", Format::Edl, b"x").unwrap();
        assert_eq!(path.file_name().unwrap(), "Show - timeline (2).edl");
        assert!(!target.exists());
    }
}
