//! `SHA256SUMS`: one line per file in the format `sha256sum` writes and `sha256sum -c` reads.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::ReleaseError;

/// The checksum file's name, beside the files it lists.
pub const SHA256SUMS: &str = "SHA256SUMS";

/// The text of `SHA256SUMS` for `files`: `<hex>  <file name>` lines sorted by name. Names
/// only, so the list is checked from the folder the files were downloaded to.
pub fn sha256sums(files: &[PathBuf]) -> Result<String, ReleaseError> {
    if files.is_empty() {
        return Err(ReleaseError::NoFiles);
    }
    let mut lines: Vec<(String, String)> = Vec::with_capacity(files.len());
    for path in files {
        let name = listable_name(path)?;
        if lines.iter().any(|(listed, _)| *listed == name) {
            return Err(ReleaseError::BadChecksumName { file: name });
        }
        lines.push((name, sha256_hex(path)?));
    }
    lines.sort();
    Ok(lines
        .into_iter()
        .map(|(name, hex)| format!("{hex}  {name}\n"))
        .collect())
}

/// The file's name as `sha256sum -c` will look it up. A backslash or a line break would be
/// escaped by `sha256sum` and read back differently, so such names are refused.
fn listable_name(path: &Path) -> Result<String, ReleaseError> {
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| ReleaseError::BadChecksumName {
            file: path.display().to_string(),
        })?;
    if name.contains(['\\', '\n', '\r']) {
        return Err(ReleaseError::BadChecksumName {
            file: name.to_string(),
        });
    }
    Ok(name.to_string())
}

fn sha256_hex(path: &Path) -> Result<String, ReleaseError> {
    let file = File::open(path).map_err(|err| ReleaseError::io(path, "read", err))?;
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 256 * 1024];
    loop {
        let read = reader
            .read(&mut buffer)
            .map_err(|err| ReleaseError::io(path, "read", err))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn write(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    #[test]
    fn each_line_is_the_hex_digest_two_spaces_and_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let abc = write(dir.path(), "abc.deb", b"abc");
        assert_eq!(
            sha256sums(&[abc]).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  abc.deb\n"
        );
    }

    #[test]
    fn lines_are_sorted_by_name_whatever_order_the_files_come_in() {
        let dir = tempfile::tempdir().unwrap();
        let b = write(dir.path(), "b.rpm", b"b");
        let a = write(dir.path(), "a.deb", b"a");
        let sums = sha256sums(&[b, a]).unwrap();
        let names: Vec<&str> = sums
            .lines()
            .map(|line| line.split_once("  ").unwrap().1)
            .collect();
        assert_eq!(names, ["a.deb", "b.rpm"]);
    }

    #[test]
    fn sha256sum_checks_the_list_in_the_files_folder() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            write(
                dir.path(),
                "Wayin-Clip-Exporter_1.0.0_amd64.deb",
                b"deb bytes",
            ),
            write(
                dir.path(),
                "Wayin-Clip-Exporter-1.0.0-1.x86_64.rpm",
                &[7; 300_000],
            ),
            write(dir.path(), "empty.AppImage", b""),
        ];
        std::fs::write(dir.path().join(SHA256SUMS), sha256sums(&files).unwrap()).unwrap();

        let check = Command::new("sha256sum")
            .args(["--check", "--strict", SHA256SUMS])
            .current_dir(dir.path())
            .output()
            .expect("sha256sum (coreutils) runs");
        assert!(
            check.status.success(),
            "sha256sum -c failed: {}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&check.stdout)
                .matches(": OK")
                .count(),
            3
        );
    }

    #[test]
    fn sha256sum_notices_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let deb = write(dir.path(), "app.deb", b"original");
        std::fs::write(
            dir.path().join(SHA256SUMS),
            sha256sums(std::slice::from_ref(&deb)).unwrap(),
        )
        .unwrap();
        std::fs::write(&deb, b"0riginal").unwrap();

        let check = Command::new("sha256sum")
            .args(["--check", SHA256SUMS])
            .current_dir(dir.path())
            .output()
            .expect("sha256sum (coreutils) runs");
        assert!(!check.status.success());
    }

    #[test]
    fn two_files_of_the_same_name_are_refused() {
        let one = tempfile::tempdir().unwrap();
        let two = tempfile::tempdir().unwrap();
        let files = [
            write(one.path(), "app.deb", b"1"),
            write(two.path(), "app.deb", b"2"),
        ];
        assert!(matches!(
            sha256sums(&files),
            Err(ReleaseError::BadChecksumName { .. })
        ));
    }

    #[test]
    fn a_name_sha256sum_would_escape_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let odd = write(dir.path(), "back\\slash.deb", b"x");
        assert!(matches!(
            sha256sums(&[odd]),
            Err(ReleaseError::BadChecksumName { .. })
        ));
    }

    #[test]
    fn a_missing_file_names_its_path() {
        let err = sha256sums(&[PathBuf::from("/nonexistent/app.deb")]).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/app.deb"), "{err}");
    }
}
