//! What is checked around the bytes of one download: before the first is fetched (the folder,
//! an existing file, the drive's limit) and after the last (the length, and what an error
//! can only say once the transfer has ended).

use std::path::Path;

use super::{finalize, TransferError};

/// Creates the folder if the user removed it, and refuses at once when the destination exists
/// with a size that cannot be this clip's, before spending a download on it.
pub(super) async fn prepare_folder(
    dest: &Path,
    expected_len: Option<u64>,
) -> Result<(), TransferError> {
    if let Some(dir) = finalize::parent_dir(dest) {
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(|err| TransferError::from_io(&dir, &err, None))?;
    }
    check_fits_drive(dest, expected_len)?;
    if let (Some(expected), Ok(existing)) = (expected_len, tokio::fs::symlink_metadata(dest).await)
    {
        if existing.len() != expected || !existing.is_file() {
            return Err(TransferError::DestinationExists {
                path: dest.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// Refuses, before any byte of it is fetched, a file the folder's drive cannot hold: on
/// FAT32 a 4K clip would otherwise fail at 4 GiB with an error that names no cause.
pub(super) fn check_fits_drive(dest: &Path, len: Option<u64>) -> Result<(), TransferError> {
    let (Some(len), Some(folder)) = (len, finalize::parent_dir(dest)) else {
        return Ok(());
    };
    let Some(file_system) = crate::volume::file_system_of(&folder) else {
        return Ok(());
    };
    match file_system.max_file_size() {
        Some(max) if len > max => Err(TransferError::TooLargeForDrive {
            folder,
            file_system: file_system.display_name().to_owned(),
            size: len,
        }),
        _ => Ok(()),
    }
}

/// A short file is never moved into place; a file of the wrong size is not worth resuming.
pub(super) fn check_length(
    part: &Path,
    len: u64,
    total: u64,
    expected_len: Option<u64>,
) -> Result<u64, TransferError> {
    let expected = expected_len.unwrap_or(total);
    if len == total && len == expected {
        return Ok(len);
    }
    let _ = finalize::remove_if_present(part);
    Err(TransferError::LengthMismatch {
        expected: if len != total { total } else { expected },
        got: len,
    })
}

/// Completes errors with what only the end of a transfer knows.
pub(super) async fn explain(err: TransferError, part: &Path, total: Option<u64>) -> TransferError {
    match err {
        TransferError::DiskFull { path, needed: None } => {
            let on_disk = tokio::fs::metadata(part)
                .await
                .map(|meta| meta.len())
                .unwrap_or(0);
            TransferError::DiskFull {
                path,
                needed: total.map(|total| total.saturating_sub(on_disk)),
            }
        }
        TransferError::LengthMismatch { .. } => {
            let _ = finalize::remove_if_present(part);
            err
        }
        other => other,
    }
}
