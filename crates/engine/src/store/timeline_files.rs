use std::path::{Path, PathBuf};

use rusqlite::params;
use serde::Serialize;

use super::{now_ms, ExportId, Store, StoreError};

/// A timeline file written for an export, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineFileRecord {
    pub export_id: ExportId,
    /// The format's id (`xmeml`, `fcpxml`, `cmx3600`, `otio`).
    pub format: String,
    pub path: PathBuf,
    pub written_at: i64,
}

/// Which timeline files were written for which export: the app lists and drags them, and
/// writes an export's timelines automatically only once.
impl Store {
    pub fn record_timeline_file(
        &self,
        export_id: ExportId,
        format: &str,
        path: &Path,
    ) -> Result<(), StoreError> {
        self.lock().execute(
            "INSERT INTO timeline_files (export_id, format, path, written_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (export_id, format) DO UPDATE SET path = excluded.path, written_at = excluded.written_at",
            params![export_id, format, path.to_string_lossy(), now_ms()],
        )?;
        Ok(())
    }

    /// In the order of their ids.
    pub fn timeline_files(
        &self,
        export_id: ExportId,
    ) -> Result<Vec<TimelineFileRecord>, StoreError> {
        let conn = self.lock();
        let rows = conn
            .prepare(
                "SELECT export_id, format, path, written_at FROM timeline_files \
                 WHERE export_id = ?1 ORDER BY format",
            )?
            .query_map([export_id], |row| {
                Ok(TimelineFileRecord {
                    export_id: row.get(0)?,
                    format: row.get(1)?,
                    path: PathBuf::from(row.get::<_, String>(2)?),
                    written_at: row.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
