//! A store file SQLite cannot use as a database (overwritten, truncated, its pages
//! damaged) is set aside, never deleted, and a fresh history starts beside it: an
//! editor can go on exporting at once, and the old file is still there to look at.
//! A store that cannot be opened for another reason is named with its real cause.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode};

use super::{companion_files, StoreError};

/// Whether `err` says the file is not a usable database, rather than that it could
/// not be reached (permissions, a full disk, a read-only volume, a lock).
pub(super) fn is_damage(err: &StoreError) -> bool {
    match err {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _)) => matches!(
            failure.code,
            ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt
        ),
        StoreError::Damaged(_) => true,
        _ => false,
    }
}

/// SQLite's quick check of every page and index: `Err` with its first complaint.
pub(super) fn quick_check(conn: &Connection) -> Result<(), StoreError> {
    let verdict: String = conn.query_row("PRAGMA quick_check(1)", [], |row| row.get(0))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(StoreError::Damaged(verdict))
    }
}

/// Moves the damaged file (and what SQLite kept beside it) to a name carrying the
/// date and time, unused so far; returns where the database file went.
pub(super) fn set_aside(path: &Path, now_ms: i64) -> std::io::Result<PathBuf> {
    let kept = free_name(path, now_ms);
    std::fs::rename(path, &kept)?;
    for (companion, kept_companion) in companion_files(path).iter().zip(companion_files(&kept)) {
        if companion.exists() {
            if let Err(err) = std::fs::rename(companion, &kept_companion) {
                tracing::warn!(file = %companion.display(), "a damaged store's companion file stays: {err}");
            }
        }
    }
    Ok(kept)
}

/// `exports.sqlite3` → `exports.damaged-2026-12-07-134501.sqlite3`, with `-2`, `-3`…
/// when a file of that name exists already.
fn free_name(path: &Path, now_ms: i64) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "store".into());
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let (year, month, day) = crate::clock::civil_from_days(now_ms.div_euclid(86_400_000));
    let seconds = now_ms.rem_euclid(86_400_000) / 1000;
    let stamp = format!(
        "{year:04}-{month:02}-{day:02}-{:02}{:02}{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
    let dir = path.parent().unwrap_or(Path::new("."));
    (1..)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            dir.join(format!("{stem}.damaged-{stamp}{suffix}{extension}"))
        })
        .find(|candidate| !candidate.exists())
        .expect("some name is free")
}

/// The words for a store that could not be opened, naming the file and what stopped it. An
/// error that already says what to do (a history from a newer version) stays as it is.
pub(super) fn open_failure(path: &Path, err: StoreError) -> StoreError {
    let cause = match &err {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, detail)) => match failure.code {
            ErrorCode::ReadOnly => {
                "the file or its folder is read-only; check the volume and the file's permissions"
                    .to_owned()
            }
            ErrorCode::DiskFull => "the disk is full; free some space".to_owned(),
            ErrorCode::PermissionDenied => {
                "permission denied; check the file's owner and permissions".to_owned()
            }
            ErrorCode::CannotOpen => cannot_open_cause(path),
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                "another program holds it locked; try again in a moment".to_owned()
            }
            _ => detail.clone().unwrap_or_else(|| failure.to_string()),
        },
        StoreError::Sqlite(other) => other.to_string(),
        _ => return err,
    };
    StoreError::Open {
        path: path.display().to_string(),
        cause,
    }
}

/// SQLite says only "unable to open": the file system says why.
fn cannot_open_cause(path: &Path) -> String {
    let probe = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path);
    match probe {
        Err(err) if err.kind() == std::io::ErrorKind::PermissionDenied => {
            "permission denied; check the file's and its folder's owner and permissions".into()
        }
        Err(err) => err.to_string(),
        Ok(_) => "SQLite could not open it".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{NewExport, Store, SubmitState};
    use super::*;

    fn export() -> NewExport {
        NewExport {
            project_id: Some("proj_1".into()),
            project_name: Some("Podcast".into()),
            request: None,
            requested_clips: Some(vec![0]),
            submit_state: SubmitState::Pending,
            task_id: None,
            out_dir: PathBuf::from("/tmp/out"),
            name_template: "{title}.mp4".into(),
        }
    }

    fn kept_files(dir: &Path) -> Vec<PathBuf> {
        let mut kept: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.to_string_lossy().contains(".damaged-"))
            .collect();
        kept.sort();
        kept
    }

    #[test]
    fn an_overwritten_history_is_kept_aside_once_and_a_fresh_one_works() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("exports.sqlite3");
        let garbage = b"not a database at all ".repeat(500);
        std::fs::write(&path, &garbage).unwrap();

        let store = Store::open(&path).unwrap();
        let kept = store
            .take_set_aside()
            .expect("the damaged file was set aside");
        assert_eq!(store.take_set_aside(), None, "said once");
        assert_eq!(std::fs::read(&kept).unwrap(), garbage);
        let name = kept.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("exports.damaged-") && name.ends_with(".sqlite3"),
            "{name}"
        );
        store.insert_export(&export()).unwrap();
        assert_eq!(store.exports().unwrap().len(), 1);
        drop(store);
        let reopened = Store::open(&path).unwrap();
        assert_eq!(reopened.take_set_aside(), None, "a healthy history stays");
        assert_eq!(reopened.exports().unwrap().len(), 1);
        assert_eq!(kept_files(dir.path()), vec![kept]);
    }

    #[test]
    fn a_history_cut_short_is_kept_aside_with_its_companions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("exports.sqlite3");
        {
            let store = Store::open(&path).unwrap();
            for _ in 0..200 {
                store.insert_export(&export()).unwrap();
            }
            store
                .lock()
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
                .unwrap();
        }
        let whole = std::fs::metadata(&path).unwrap().len();
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(whole / 2).unwrap();
        drop(file);

        let store = Store::open(&path).unwrap();
        let kept = store
            .take_set_aside()
            .expect("a cut-short file is set aside");
        assert_eq!(std::fs::metadata(&kept).unwrap().len(), whole / 2);
        assert!(store.exports().unwrap().is_empty());
    }

    #[test]
    fn a_history_that_cannot_be_opened_is_named_with_its_cause_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("exports.sqlite3");
        std::fs::create_dir(&path).unwrap();
        let err = Store::open(&path).err().expect("a folder is no history");
        let message = err.to_string();
        assert!(
            message.contains(&path.display().to_string()),
            "names the file: {message}"
        );
        assert!(
            !message.contains("disk is not full"),
            "no guessed cause: {message}"
        );
        assert!(path.is_dir(), "nothing was moved");
        assert!(kept_files(dir.path()).is_empty());
    }

    #[test]
    fn a_kept_name_never_replaces_an_earlier_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("exports.sqlite3");
        let when = 1_796_651_101_000; // 2026-12-07 13:45:01 UTC
        let first = free_name(&path, when);
        assert_eq!(
            first.file_name().unwrap(),
            "exports.damaged-2026-12-07-134501.sqlite3"
        );
        std::fs::write(&first, b"earlier").unwrap();
        assert_eq!(
            free_name(&path, when).file_name().unwrap(),
            "exports.damaged-2026-12-07-134501-2.sqlite3"
        );
    }
}
