use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension, Row};

use super::exports::path_text;
use super::records::{DownloadId, DownloadRecord, DownloadState, ExportId};
use super::{now_ms, Store, StoreError};

const DOWNLOAD_COLUMNS: &str =
    "id, export_id, idx, path, state, bytes_done, total, error_kind, error, created_at, updated_at";

impl Store {
    /// Plans a clip's download. One row per clip of an export: asking twice returns
    /// the first plan, so a link seen on two polls never starts two downloads.
    pub fn plan_download(
        &self,
        export_id: ExportId,
        idx: u32,
        path: &Path,
    ) -> Result<DownloadRecord, StoreError> {
        let now = now_ms();
        {
            let conn = self.lock();
            conn.execute(
                "INSERT INTO downloads (export_id, idx, path, state, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, 'waiting', ?4, ?4) ON CONFLICT (export_id, idx) DO NOTHING",
                params![export_id, idx, path_text(path)?, now],
            )?;
        }
        self.download_for_clip(export_id, idx)?.ok_or_else(|| {
            StoreError::Corrupt(format!(
                "download of clip {idx} of export {export_id} vanished"
            ))
        })
    }

    pub fn download(&self, id: DownloadId) -> Result<Option<DownloadRecord>, StoreError> {
        let sql = format!("SELECT {DOWNLOAD_COLUMNS} FROM downloads WHERE id = ?1");
        self.lock()
            .query_row(&sql, [id], download_from_row)
            .optional()?
            .transpose()
    }

    pub fn download_for_clip(
        &self,
        export_id: ExportId,
        idx: u32,
    ) -> Result<Option<DownloadRecord>, StoreError> {
        let sql =
            format!("SELECT {DOWNLOAD_COLUMNS} FROM downloads WHERE export_id = ?1 AND idx = ?2");
        self.lock()
            .query_row(&sql, params![export_id, idx], download_from_row)
            .optional()?
            .transpose()
    }

    pub fn downloads(&self, export_id: ExportId) -> Result<Vec<DownloadRecord>, StoreError> {
        self.select_downloads("export_id = ?1 ORDER BY idx", Some(export_id))
    }

    /// Downloads that were waiting or running when the app last stopped.
    pub fn open_downloads(&self) -> Result<Vec<DownloadRecord>, StoreError> {
        self.select_downloads("state IN ('waiting', 'downloading') ORDER BY id", None)
    }

    /// Every path a download has been given, so a new plan never reuses one.
    pub fn planned_paths(&self) -> Result<Vec<PathBuf>, StoreError> {
        let conn = self.lock();
        let paths = conn
            .prepare("SELECT path FROM downloads")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(paths.into_iter().map(PathBuf::from).collect())
    }

    pub fn set_download_state(
        &self,
        id: DownloadId,
        state: DownloadState,
        error: Option<(&str, &str)>,
    ) -> Result<(), StoreError> {
        self.lock().execute(
            "UPDATE downloads SET state = ?2, error_kind = ?3, error = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, state.as_str(), error.map(|e| e.0), error.map(|e| e.1), now_ms()],
        )?;
        Ok(())
    }

    /// Records a running download as cancelled, unless something changed its state since it
    /// started (a retry set it waiting while the run wound down). Whether it was recorded.
    pub fn cancel_running_download(&self, id: DownloadId) -> Result<bool, StoreError> {
        let changed = self.lock().execute(
            "UPDATE downloads SET state = ?2, error_kind = NULL, error = NULL, updated_at = ?3 \
             WHERE id = ?1 AND state = ?4",
            params![
                id,
                DownloadState::Cancelled.as_str(),
                now_ms(),
                DownloadState::Downloading.as_str()
            ],
        )?;
        Ok(changed > 0)
    }

    pub fn set_download_progress(
        &self,
        id: DownloadId,
        bytes_done: u64,
        total: Option<u64>,
    ) -> Result<(), StoreError> {
        self.lock().execute(
            "UPDATE downloads SET bytes_done = ?2, total = COALESCE(?3, total), updated_at = ?4 WHERE id = ?1",
            params![id, bytes_done as i64, total.map(|t| t as i64), now_ms()],
        )?;
        Ok(())
    }

    /// Drops a total that proved wrong, so the next attempt trusts the server again.
    pub fn forget_download_total(&self, id: DownloadId) -> Result<(), StoreError> {
        self.lock().execute(
            "UPDATE downloads SET total = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, now_ms()],
        )?;
        Ok(())
    }

    /// The file had to take another name (one with the planned name appeared meanwhile).
    pub fn set_download_path(&self, id: DownloadId, path: &Path) -> Result<(), StoreError> {
        self.lock().execute(
            "UPDATE downloads SET path = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, path_text(path)?, now_ms()],
        )?;
        Ok(())
    }

    fn select_downloads(
        &self,
        clause: &str,
        export_id: Option<ExportId>,
    ) -> Result<Vec<DownloadRecord>, StoreError> {
        let conn = self.lock();
        let sql = format!("SELECT {DOWNLOAD_COLUMNS} FROM downloads WHERE {clause}");
        let mut statement = conn.prepare(&sql)?;
        let rows = match export_id {
            Some(id) => statement
                .query_map([id], download_from_row)?
                .collect::<Result<Vec<_>, _>>()?,
            None => statement
                .query_map([], download_from_row)?
                .collect::<Result<Vec<_>, _>>()?,
        };
        rows.into_iter().collect()
    }
}

fn download_from_row(row: &Row<'_>) -> rusqlite::Result<Result<DownloadRecord, StoreError>> {
    let id: DownloadId = row.get(0)?;
    let state: String = row.get(4)?;
    let Some(state) = DownloadState::parse(&state) else {
        return Ok(Err(StoreError::Corrupt(format!(
            "download {id}: state {state:?}"
        ))));
    };
    Ok(Ok(DownloadRecord {
        id,
        export_id: row.get(1)?,
        idx: row.get(2)?,
        path: PathBuf::from(row.get::<_, String>(3)?),
        state,
        bytes_done: row.get::<_, i64>(5)?.max(0) as u64,
        total: row.get::<_, Option<i64>>(6)?.map(|t| t.max(0) as u64),
        error_kind: row.get(7)?,
        error: row.get(8)?,
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
    }))
}
