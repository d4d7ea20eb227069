//! Moving a finished `.part` into place without ever replacing a file that is already there.

use std::fs::{self, File};
use std::io::{self, ErrorKind, Read};
use std::path::{Path, PathBuf};

use super::TransferError;
use crate::no_follow::is_plain_file;

pub(super) enum Placed {
    Moved,
    /// `dest` already held exactly these bytes; the part was dropped.
    AlreadyPresent,
}

pub(super) async fn place(part: &Path, dest: &Path) -> Result<Placed, TransferError> {
    let (part, dest) = (part.to_path_buf(), dest.to_path_buf());
    let err_path = dest.clone();
    tokio::task::spawn_blocking(move || place_blocking(&part, &dest))
        .await
        .unwrap_or_else(|join| {
            Err(TransferError::Io {
                path: err_path,
                message: join.to_string(),
            })
        })
}

fn place_blocking(part: &Path, dest: &Path) -> Result<Placed, TransferError> {
    // Two rounds at most: the second only when another program creates `dest` between our
    // check and our link, which then goes to the comparison like any existing file.
    for _ in 0..2 {
        match fs::symlink_metadata(dest) {
            Ok(_) => return settle_existing(part, dest),
            Err(err) if err.kind() == ErrorKind::NotFound => {}
            Err(err) => return Err(TransferError::from_io(dest, &err, None)),
        }
        // A hard link fails if `dest` exists, which a rename would silently replace (always on
        // Windows, and on Unix too): that is what makes this move never clobber anything.
        match fs::hard_link(part, dest) {
            Ok(()) => {
                ensure_plain_file(dest)?;
                remove_if_present(part)?;
                sync_parent(dest);
                return Ok(Placed::Moved);
            }
            Err(err) if err.kind() == ErrorKind::AlreadyExists => continue,
            // FAT, exFAT and some network shares have no hard links.
            Err(_) => {
                if fs::symlink_metadata(dest).is_ok() {
                    continue;
                }
                fs::rename(part, dest).map_err(|err| TransferError::from_io(dest, &err, None))?;
                ensure_plain_file(dest)?;
                sync_parent(dest);
                return Ok(Placed::Moved);
            }
        }
    }
    settle_existing(part, dest)
}

/// The name just made must hold a regular file: a part swapped for a symlink after it was
/// opened would otherwise be moved into place as that link. Such an entry is taken back.
fn ensure_plain_file(dest: &Path) -> Result<(), TransferError> {
    if is_plain_file(dest) {
        return Ok(());
    }
    let _ = fs::remove_file(dest);
    Err(TransferError::PartRefused {
        path: super::part_path(dest),
    })
}

/// `dest` exists: fine if it is this very file, never touched otherwise. A link at the name is
/// never ours, whatever it points at.
fn settle_existing(part: &Path, dest: &Path) -> Result<Placed, TransferError> {
    if !is_plain_file(dest) {
        return Err(TransferError::DestinationExists {
            path: dest.to_path_buf(),
        });
    }
    match same_content(part, dest) {
        Ok(true) => {
            remove_if_present(part)?;
            Ok(Placed::AlreadyPresent)
        }
        Ok(false) => Err(TransferError::DestinationExists {
            path: dest.to_path_buf(),
        }),
        // Unreadable (a folder, no permission): it is not ours to replace either way.
        Err(_) => Err(TransferError::DestinationExists {
            path: dest.to_path_buf(),
        }),
    }
}

pub(super) fn same_content(a: &Path, b: &Path) -> io::Result<bool> {
    let open = |path: &Path| {
        crate::no_follow::open_read(path)
            .map_err(|_| io::Error::other(format!("{} is not a plain file", path.display())))
    };
    let (mut a, mut b) = (open(a)?, open(b)?);
    if a.metadata()?.len() != b.metadata()?.len() || !b.metadata()?.is_file() {
        return Ok(false);
    }
    let mut left = vec![0u8; 1 << 20];
    let mut right = vec![0u8; 1 << 20];
    loop {
        let read = read_full(&mut a, &mut left)?;
        if read == 0 {
            return Ok(read_full(&mut b, &mut right[..1])? == 0);
        }
        let other = read_full(&mut b, &mut right[..read])?;
        if other != read || left[..read] != right[..read] {
            return Ok(false);
        }
    }
}

fn read_full(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(filled)
}

pub(super) fn remove_if_present(path: &Path) -> Result<(), TransferError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == ErrorKind::NotFound => Ok(()),
        Err(err) => Err(TransferError::from_io(path, &err, None)),
    }
}

/// Makes the new directory entry durable, so a crash right after cannot lose the file the
/// store already calls finished. Best effort: some file systems cannot sync a directory.
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = parent_dir(path) {
        if let Ok(dir) = File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

pub(super) fn parent_dir(path: &Path) -> Option<PathBuf> {
    match path.parent() {
        Some(parent) if parent.as_os_str().is_empty() => Some(PathBuf::from(".")),
        Some(parent) => Some(parent.to_path_buf()),
        None => None,
    }
}
