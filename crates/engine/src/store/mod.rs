//! The engine's memory: one SQLite file. Every state that must survive a crash is
//! written here before anything acts on it.

mod creation_records;
mod creation_rows;
mod creations;
mod damaged;
mod downloads;
mod exports;
mod installation;
mod leases;
mod migrations;
mod presets;
mod records;
mod requests;
mod settings;
mod timeline_files;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;
use thiserror::Error;

use transfer::private_fs;

pub use creation_records::{
    CreationId, CreationProblem, CreationRecord, CreationSource, CreationState,
};
pub use creations::{AbandonedCreations, NewCreation};
pub use records::{
    ClipRecord, DownloadId, DownloadRecord, DownloadState, ExportId, ExportRecord, NewExport,
    SubmitState,
};
pub use timeline_files::TimelineFileRecord;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("The export history could not be read or written ({0}). Check that the disk is not full and the data folder is writable.")]
    Sqlite(#[from] rusqlite::Error),
    #[error("The export history was written by a newer version of this app (schema {found}, this app knows {known}). Update the app.")]
    TooNew { found: usize, known: usize },
    #[error("The export history holds a damaged entry: {0}")]
    Corrupt(String),
    #[error("The export history is damaged: {0}")]
    Damaged(String),
    #[error("The export history {path} could not be opened: {cause}.")]
    Open { path: String, cause: String },
    #[error("Could not create the data folder {path}: {message}")]
    DataDir { path: String, message: String },
    #[error("The export history could not be reached: the app is stopping.")]
    Stopped,
}

/// One connection to the store file. Clones share it: the desktop app's settings, its
/// engine and its commands all go through the same one.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    /// Where a damaged file found at open was kept, until someone has said so.
    set_aside: Arc<Mutex<Option<PathBuf>>>,
    /// The installation's salt, once read: it never changes once made.
    salt: Arc<std::sync::OnceLock<Vec<u8>>>,
}

impl Store {
    /// Opens (creating if needed) the store file and brings its schema up to date. The
    /// folder and the files (the database, its `-wal` and `-shm`) are the user's alone.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent() {
            if let Err(e) = private_fs::create_private_dir(dir) {
                // A folder that exists but cannot be tightened (not the user's own, a
                // read-only mount) still holds a usable history.
                if !dir.is_dir() {
                    return Err(StoreError::DataDir {
                        path: dir.display().to_string(),
                        message: e.to_string(),
                    });
                }
                tracing::warn!(folder = %dir.display(), "the data folder could not be made private: {e}");
            }
        }
        let restrict = || {
            let made_private = private_fs::ensure_private_file(path).and_then(|()| {
                companion_files(path)
                    .iter()
                    .try_for_each(|file| private_fs::restrict_file(file))
            });
            if let Err(e) = made_private {
                tracing::warn!(store = %path.display(), "the store could not be made private: {e}");
            }
        };
        restrict();
        let store = match Self::open_checked(path) {
            Ok(store) => store,
            Err(err) if damaged::is_damage(&err) => {
                let kept = damaged::set_aside(path, now_ms()).map_err(|e| StoreError::Open {
                    path: path.display().to_string(),
                    cause: format!("it is damaged ({err}) and could not be set aside ({e})"),
                })?;
                tracing::warn!(store = %path.display(), kept = %kept.display(), "a damaged export history was set aside: {err}");
                let store = Self::open_checked(path).map_err(|e| damaged::open_failure(path, e))?;
                *lock_ignoring_poison(&store.set_aside) = Some(kept);
                store
            }
            Err(err) => return Err(damaged::open_failure(path, err)),
        };
        // SQLite gives a new `-wal` and `-shm` the database's mode; an old one is
        // tightened above, and anything made while opening here.
        restrict();
        Ok(store)
    }

    fn open_checked(path: &Path) -> Result<Self, StoreError> {
        let store = Self::setup(Connection::open(path)?)?;
        damaged::quick_check(&store.lock())?;
        Ok(store)
    }

    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::setup(Connection::open_in_memory()?)
    }

    /// The file a damaged history was moved to when this store was opened, the first
    /// time it is asked: whoever shows it says it once.
    pub fn take_set_aside(&self) -> Option<PathBuf> {
        lock_ignoring_poison(&self.set_aside).take()
    }

    fn setup(mut conn: Connection) -> Result<Self, StoreError> {
        // WAL lets the UI read history while downloads write progress. NORMAL keeps
        // every commit safe from a crash of the app; the writes that must also survive a
        // power cut (an export's intent and its task id) go through `durably`. Syncing
        // every progress update instead would, on ext4, force the download's unwritten
        // data out with each one.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A forgotten signed link is overwritten with zeros, not left in a free block.
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations::migrate(&mut conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            set_aside: Arc::new(Mutex::new(None)),
            salt: Arc::new(std::sync::OnceLock::new()),
        })
    }

    pub fn schema_version(&self) -> Result<usize, StoreError> {
        let version: i64 = self
            .lock()
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(version as usize)
    }

    pub fn latest_schema_version() -> usize {
        migrations::latest_version()
    }

    /// Runs `write` with every commit synced to the disk before it returns.
    fn durably<T>(
        &self,
        write: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let conn = self.lock();
        conn.pragma_update(None, "synchronous", "FULL")?;
        let result = write(&conn);
        // The write's own outcome is what matters; a failed reset only costs speed.
        if let Err(e) = conn.pragma_update(None, "synchronous", "NORMAL") {
            tracing::warn!(error = %e, "the store stays in its slower, fully synced mode");
        }
        result
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (each write is one
        // statement or transaction), so the poison flag carries no information.
        lock_ignoring_poison(&self.conn)
    }
}

fn lock_ignoring_poison<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The files SQLite keeps beside the database.
fn companion_files(path: &Path) -> Vec<std::path::PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            std::path::PathBuf::from(name)
        })
        .collect()
}

pub(crate) use crate::clock::now_ms;

#[cfg(test)]
mod tests;
