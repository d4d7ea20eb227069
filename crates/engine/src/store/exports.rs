use std::path::PathBuf;

use crate::ClosedReason;
use rusqlite::{params, OptionalExtension, Row};
use wayin_api::{Clip, ExportTask};

use super::records::{ClipRecord, ExportId, ExportRecord, NewExport, SubmitState};
use super::{now_ms, Store, StoreError};

const EXPORT_COLUMNS: &str =
    "id, project_id, project_name, request_json, requested_clips, submit_state, \
     submit_error, task_id, name, status, error_message, cost_usage, expire_at, out_dir, \
     name_template, polling_done, closed_reason, succeeded_at, created_at, updated_at";

impl Store {
    /// Records an export before anything is sent, so a crash cannot lose it.
    pub fn insert_export(&self, new: &NewExport) -> Result<ExportId, StoreError> {
        let now = now_ms();
        self.durably(|conn| {
        conn.execute(
            "INSERT INTO exports (project_id, project_name, request_json, requested_clips, submit_state, \
             task_id, out_dir, name_template, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                new.project_id,
                new.project_name,
                new.request.as_ref().map(|r| r.to_string()),
                new.requested_clips.as_ref().map(|c| serde_json::to_string(c).expect("indices serialise")),
                new.submit_state.as_str(),
                new.task_id,
                path_text(&new.out_dir)?,
                new.name_template,
                now,
            ],
        )?;
        Ok(conn.last_insert_rowid())
        })
    }

    /// The API accepted the export: its task id is recorded in the same step.
    pub fn mark_submitted(
        &self,
        id: ExportId,
        task_id: &str,
        name: &str,
        status: &str,
    ) -> Result<(), StoreError> {
        self.durably(|conn| {
        conn.execute(
            "UPDATE exports SET submit_state = 'sent', submit_error = NULL, task_id = ?2, name = ?3, status = ?4, \
             polling_done = 0, closed_reason = NULL, updated_at = ?5 WHERE id = ?1",
            params![id, task_id, name, status, now_ms()],
        )?;
        Ok(())
        })
    }

    /// The submit ended without a task id: refused (`Rejected`) or unanswered (`Unknown`).
    pub fn mark_submit_outcome(
        &self,
        id: ExportId,
        state: SubmitState,
        error: &str,
    ) -> Result<(), StoreError> {
        self.durably(|conn| {
        conn.execute(
            "UPDATE exports SET submit_state = ?2, submit_error = ?3, polling_done = 1, updated_at = ?4 WHERE id = ?1",
            params![id, state.as_str(), error, now_ms()],
        )?;
        Ok(())
        })
    }

    /// Submits recorded more than `older_than_ms` ago and still waiting for their answer:
    /// no submit takes that long, so the process that sent them stopped and the answer is
    /// lost. Younger ones may belong to another process sharing the store, still sending.
    pub fn pending_submits_to_unknown(
        &self,
        why: &str,
        older_than_ms: i64,
    ) -> Result<Vec<ExportId>, StoreError> {
        let cutoff = now_ms() - older_than_ms;
        self.durably(|conn| {
            let ids: Vec<ExportId> = conn
                .prepare("SELECT id FROM exports WHERE submit_state = 'pending' AND created_at <= ?1")?
                .query_map([cutoff], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            conn.execute(
                "UPDATE exports SET submit_state = 'unknown', submit_error = ?1, polling_done = 1, updated_at = ?2 \
                 WHERE submit_state = 'pending' AND created_at <= ?3",
                params![why, now_ms(), cutoff],
            )?;
            Ok(ids)
        })
    }

    /// Saves what a poll said: status, cost, expiry, and each clip with its fresh link.
    pub fn record_poll(&self, id: ExportId, task: &ExportTask) -> Result<(), StoreError> {
        let now = now_ms();
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        tx.execute(
            "UPDATE exports SET name = COALESCE(NULLIF(?2, ''), name), status = ?3, error_message = ?4, \
             cost_usage = COALESCE(?5, cost_usage), expire_at = COALESCE(?6, expire_at), \
             succeeded_at = CASE WHEN ?3 = 'SUCCEEDED' THEN COALESCE(succeeded_at, ?7) ELSE succeeded_at END, \
             updated_at = ?7 WHERE id = ?1",
            params![
                id,
                task.name,
                task.status.as_str(),
                task.error_message,
                task.cost_usage,
                task.expire_at.map(|v| v as i64),
                now
            ],
        )?;
        for clip in &task.clips {
            upsert_clip(&tx, id, clip, now)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Nothing more will be asked of the API for this export.
    pub fn close_polling(&self, id: ExportId, reason: &ClosedReason) -> Result<(), StoreError> {
        self.lock().execute(
            "UPDATE exports SET polling_done = 1, closed_reason = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, reason.stored(), now_ms()],
        )?;
        Ok(())
    }

    pub fn export(&self, id: ExportId) -> Result<Option<ExportRecord>, StoreError> {
        let conn = self.lock();
        let sql = format!("SELECT {EXPORT_COLUMNS} FROM exports WHERE id = ?1");
        conn.query_row(&sql, [id], export_from_row)
            .optional()?
            .transpose()
    }

    /// The newest record of a task (a task downloaded into two folders has two).
    pub fn export_by_task(&self, task_id: &str) -> Result<Option<ExportRecord>, StoreError> {
        let conn = self.lock();
        let sql = format!(
            "SELECT {EXPORT_COLUMNS} FROM exports WHERE task_id = ?1 ORDER BY id DESC LIMIT 1"
        );
        conn.query_row(&sql, [task_id], export_from_row)
            .optional()?
            .transpose()
    }

    /// Newest first.
    pub fn exports(&self) -> Result<Vec<ExportRecord>, StoreError> {
        self.select_exports("1 = 1 ORDER BY created_at DESC, id DESC")
    }

    /// Exports whose task is still followed.
    pub fn open_exports(&self) -> Result<Vec<ExportRecord>, StoreError> {
        self.select_exports("polling_done = 0 AND task_id IS NOT NULL ORDER BY id")
    }

    /// The ids of exports whose record changed at or after `since_ms`.
    pub fn exports_changed_since(&self, since_ms: i64) -> Result<Vec<ExportId>, StoreError> {
        let conn = self.lock();
        let ids = conn
            .prepare("SELECT id FROM exports WHERE updated_at >= ?1 ORDER BY id")?
            .query_map([since_ms], |r| r.get(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids)
    }

    fn select_exports(&self, clause: &str) -> Result<Vec<ExportRecord>, StoreError> {
        let conn = self.lock();
        let sql = format!("SELECT {EXPORT_COLUMNS} FROM exports WHERE {clause}");
        let rows = conn
            .prepare(&sql)?
            .query_map([], export_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().collect()
    }

    pub fn clips(&self, export_id: ExportId) -> Result<Vec<ClipRecord>, StoreError> {
        let conn = self.lock();
        let rows = conn
            .prepare("SELECT clip_json, link, link_fetched_at FROM export_clips WHERE export_id = ?1 ORDER BY idx")?
            .query_map([export_id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(json, link, link_fetched_at)| {
                let mut clip: Clip = serde_json::from_str(&json)
                    .map_err(|e| StoreError::Corrupt(format!("clip of export {export_id}: {e}")))?;
                clip.export_link.clone_from(&link);
                Ok(ClipRecord {
                    export_id,
                    clip,
                    link,
                    link_fetched_at,
                })
            })
            .collect()
    }

    pub fn clip(&self, export_id: ExportId, idx: u32) -> Result<Option<ClipRecord>, StoreError> {
        Ok(self
            .clips(export_id)?
            .into_iter()
            .find(|c| c.clip.idx == idx))
    }

    /// Follows a closed export again (its downloads need fresh links).
    pub fn reopen_polling(&self, id: ExportId) -> Result<(), StoreError> {
        self.lock().execute(
            "UPDATE exports SET polling_done = 0, closed_reason = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, now_ms()],
        )?;
        Ok(())
    }

    /// Forgets the signed links of every export that needs them no more: expired ones
    /// (their links are dead anyway) and those whose polling is over and every download
    /// is done. A download started again later asks the results endpoint for a fresh
    /// link, as it does when a stored one has expired. Returns how many were forgotten.
    pub fn forget_spent_links(&self) -> Result<usize, StoreError> {
        let conn = self.lock();
        // Rows written before links were kept out of `clip_json`.
        let scrubbed = conn.execute(
            "UPDATE export_clips SET clip_json = json_remove(clip_json, '$.export_link') \
             WHERE json_extract(clip_json, '$.export_link') IS NOT NULL",
            [],
        )?;
        let forgotten = conn.execute(
            "UPDATE export_clips SET link = NULL, link_fetched_at = NULL \
             WHERE link IS NOT NULL AND export_id IN ( \
               SELECT e.id FROM exports e WHERE (e.expire_at IS NOT NULL AND e.expire_at <= ?1) \
               OR (e.polling_done = 1 \
                   AND EXISTS (SELECT 1 FROM downloads d WHERE d.export_id = e.id) \
                   AND NOT EXISTS (SELECT 1 FROM downloads d WHERE d.export_id = e.id AND d.state <> 'done')))",
            [now_ms()],
        )?;
        if scrubbed + forgotten > 0 {
            // The write-ahead log still holds the pages as they were: copy them into the
            // database and empty it. Another connection reading just now can delay that
            // to a later call; nothing is lost meanwhile.
            let emptied = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                r.get::<_, i64>(0)
            });
            if !matches!(emptied, Ok(0)) {
                tracing::debug!(?emptied, "the store's log was not emptied this time");
            }
        }
        Ok(forgotten)
    }

    pub fn delete_export(&self, id: ExportId) -> Result<(), StoreError> {
        self.lock()
            .execute("DELETE FROM exports WHERE id = ?1", [id])?;
        Ok(())
    }
}

fn upsert_clip(
    tx: &rusqlite::Transaction<'_>,
    export_id: ExportId,
    clip: &Clip,
    now: i64,
) -> Result<(), StoreError> {
    // The link has its own column, which forgets it when the downloads are done.
    let json = serde_json::to_string(&Clip {
        export_link: None,
        ..clip.clone()
    })
    .expect("clips serialise");
    // A poll that lacks a link (not rendered yet, or a late link) must not erase one
    // already known.
    tx.execute(
        "INSERT INTO export_clips (export_id, idx, clip_json, link, link_fetched_at) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (export_id, idx) DO UPDATE SET clip_json = excluded.clip_json, \
         link = COALESCE(excluded.link, export_clips.link), \
         link_fetched_at = CASE WHEN excluded.link IS NULL THEN export_clips.link_fetched_at ELSE excluded.link_fetched_at END",
        params![export_id, clip.idx, json, clip.export_link, clip.export_link.as_ref().map(|_| now)],
    )?;
    Ok(())
}

type RowResult = Result<ExportRecord, StoreError>;

fn export_from_row(row: &Row<'_>) -> rusqlite::Result<RowResult> {
    let id: ExportId = row.get(0)?;
    let request: Option<String> = row.get(3)?;
    let requested: Option<String> = row.get(4)?;
    let submit_state: String = row.get(5)?;
    let out_dir: String = row.get(13)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("export {id}: {what}"));
    let build = || -> RowResult {
        Ok(ExportRecord {
            id,
            project_id: row.get(1)?,
            project_name: row.get(2)?,
            request: request
                .map(|r| serde_json::from_str(&r))
                .transpose()
                .map_err(|_| corrupt("request"))?,
            requested_clips: requested
                .map(|r| serde_json::from_str(&r))
                .transpose()
                .map_err(|_| corrupt("requested clips"))?,
            submit_state: SubmitState::parse(&submit_state)
                .ok_or_else(|| corrupt("submit state"))?,
            submit_error: row.get(6)?,
            task_id: row.get(7)?,
            name: row.get(8)?,
            status: row.get(9)?,
            error_message: row.get(10)?,
            cost_usage: row.get(11)?,
            expire_at: row.get(12)?,
            out_dir: PathBuf::from(out_dir),
            name_template: row.get(14)?,
            polling_done: row.get::<_, i64>(15)? != 0,
            closed_reason: row
                .get::<_, Option<String>>(16)?
                .as_deref()
                .and_then(ClosedReason::parse),
            succeeded_at: row.get(17)?,
            created_at: row.get(18)?,
            updated_at: row.get(19)?,
        })
    };
    Ok(build())
}

pub(super) fn path_text(path: &std::path::Path) -> Result<String, StoreError> {
    path.to_str().map(str::to_owned).ok_or_else(|| {
        StoreError::Corrupt(format!(
            "the folder {} is not valid Unicode; choose another folder",
            path.display()
        ))
    })
}
