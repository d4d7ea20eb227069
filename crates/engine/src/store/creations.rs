//! Projects being created, written down before anything is sent: a claim says which running
//! engine does the job, and a claim nobody renews is taken over.

use rusqlite::{params, OptionalExtension};
use wayin_api::create::CreationResults;
use wayin_api::{Clip, TaskKind, TaskStatus};

use super::creation_records::{
    CreationId, CreationProblem, CreationRecord, CreationSource, CreationState,
};
use super::creation_rows::{kind_text, row_to_creation};
use super::{now_ms, Store, StoreError};

const COLUMNS: &str = "id, kind, request_json, source_path, source_size, source_modified_ms, \
     source_fingerprint, source_link, state, note, problem, project_id, project_name, status, \
     clips_json, clip_limit, error_message, created_at, updated_at";

/// What is written before anything is sent.
#[derive(Debug, Clone)]
pub struct NewCreation {
    pub kind: TaskKind,
    pub request: serde_json::Value,
    pub source: CreationSource,
    pub clip_limit: Option<u32>,
    pub project_name: Option<String>,
}

/// What taking over abandoned creations found.
#[derive(Debug, Default)]
pub struct AbandonedCreations {
    /// Not sent yet: their jobs are now the claimer's to run.
    pub to_run: Vec<CreationId>,
    /// Caught sending by a process that stopped: now `Unknown`.
    pub answer_lost: Vec<CreationId>,
}

impl Store {
    /// Records a creation claimed by `owner`: an upload for a file, ready to send for a link.
    pub fn insert_creation(
        &self,
        new: &NewCreation,
        owner: &str,
    ) -> Result<CreationId, StoreError> {
        let now = now_ms();
        let (path, size, modified, fingerprint, link, state) = match &new.source {
            CreationSource::File {
                path,
                size,
                modified_ms,
                fingerprint,
            } => (
                Some(super::exports::path_text(path)?),
                Some(*size as i64),
                *modified_ms,
                Some(fingerprint.clone()),
                None,
                CreationState::Uploading,
            ),
            CreationSource::Link { url } => (
                None,
                None,
                None,
                None,
                Some(url.clone()),
                CreationState::Ready,
            ),
        };
        self.durably(|conn| {
            conn.execute(
                "INSERT INTO creations (kind, request_json, source_path, source_size, \
                 source_modified_ms, source_fingerprint, source_link, state, project_name, \
                 clip_limit, claimed_by, claimed_at, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?12)",
                params![
                    kind_text(new.kind),
                    new.request.to_string(),
                    path,
                    size,
                    modified,
                    fingerprint,
                    link,
                    state.as_str(),
                    new.project_name,
                    new.clip_limit,
                    owner,
                    now,
                ],
            )?;
            Ok(conn.last_insert_rowid())
        })
    }

    pub fn creation(&self, id: CreationId) -> Result<Option<CreationRecord>, StoreError> {
        self.lock()
            .query_row(
                &format!("SELECT {COLUMNS} FROM creations WHERE id = ?1"),
                [id],
                row_to_creation,
            )
            .optional()?
            .transpose()
    }

    /// Every creation, newest first.
    pub fn creations(&self) -> Result<Vec<CreationRecord>, StoreError> {
        self.select(
            &format!("SELECT {COLUMNS} FROM creations ORDER BY id DESC"),
            [],
        )
    }

    /// The creation that made project `project_id` on this machine, if one did.
    pub fn creation_by_project(
        &self,
        project_id: &str,
    ) -> Result<Option<CreationRecord>, StoreError> {
        Ok(self
            .select(
                &format!("SELECT {COLUMNS} FROM creations WHERE project_id = ?1 ORDER BY id DESC"),
                [project_id],
            )?
            .into_iter()
            .next())
    }

    /// Creations whose project is being made: the API is asked about them.
    pub fn running_creations(&self) -> Result<Vec<CreationRecord>, StoreError> {
        self.select(
            &format!("SELECT {COLUMNS} FROM creations WHERE state = 'running' ORDER BY id"),
            [],
        )
    }

    /// Takes over every creation whose job nobody renewed for `stale_ms` (never one of
    /// `owner`'s own): those not yet sent are to run again here; one caught sending becomes
    /// `Unknown` (its answer is lost with the process that sent it).
    pub fn claim_abandoned_creations(
        &self,
        owner: &str,
        stale_ms: i64,
    ) -> Result<AbandonedCreations, StoreError> {
        let now = now_ms();
        let cutoff = now - stale_ms;
        let ids = |conn: &rusqlite::Connection, sql: &str| -> Result<Vec<CreationId>, StoreError> {
            let mut statement = conn.prepare(sql)?;
            let ids = statement
                .query_map(params![owner, now, cutoff], |row| row.get(0))?
                .collect::<Result<Vec<CreationId>, _>>()?;
            Ok(ids)
        };
        self.durably(|conn| {
            let answer_lost = ids(
                conn,
                "UPDATE creations SET state = 'unknown', problem = 'answer_lost', note = NULL, \
                 error_message = 'the app stopped while the project was being asked for', \
                 updated_at = ?2 WHERE state = 'sending' AND claimed_at < ?3 \
                 AND claimed_by IS NOT ?1 RETURNING id",
            )?;
            let to_run = ids(
                conn,
                "UPDATE creations SET claimed_by = ?1, claimed_at = ?2 \
                 WHERE state IN ('uploading', 'ready') AND claimed_at < ?3 \
                 AND claimed_by IS NOT ?1 RETURNING id",
            )?;
            Ok(AbandonedCreations {
                to_run,
                answer_lost,
            })
        })
    }

    /// The job is still alive: its claim is not taken over. False when `owner` no longer
    /// holds it (another engine took it over) or it was cancelled: the job must stop.
    pub fn renew_creation_claim(&self, id: CreationId, owner: &str) -> Result<bool, StoreError> {
        let renewed = self.lock().execute(
            "UPDATE creations SET claimed_at = ?3 WHERE id = ?1 AND claimed_by = ?2 \
             AND state IN ('uploading', 'ready', 'sending')",
            params![id, owner, now_ms()],
        )?;
        Ok(renewed == 1)
    }

    /// Moves creation `id` from one of `from` to `to`, only while `owner` holds its job;
    /// false when it was not in such a state or is another's (cancelled, taken over): the
    /// job then stops. `Sending` is synced to the disk before the request leaves.
    pub fn move_creation(
        &self,
        id: CreationId,
        owner: &str,
        from: &[CreationState],
        to: CreationState,
        note: Option<&str>,
    ) -> Result<bool, StoreError> {
        let from: Vec<&str> = from.iter().map(|state| state.as_str()).collect();
        self.durably(|conn| {
            let moved = conn.execute(
                "UPDATE creations SET state = ?2, note = ?3, claimed_at = ?4, updated_at = ?4 \
                 WHERE id = ?1 AND claimed_by = ?5 \
                 AND state IN (SELECT value FROM json_each(?6))",
                params![
                    id,
                    to.as_str(),
                    note,
                    now_ms(),
                    owner,
                    serde_json::to_string(&from).expect("names serialise")
                ],
            )?;
            Ok(moved == 1)
        })
    }

    /// Cancels creation `id` if nothing was sent for it yet, whoever runs its job (that job's
    /// next step then finds it cancelled and stops). False when it was past that point.
    pub fn cancel_creation(&self, id: CreationId) -> Result<bool, StoreError> {
        self.durably(|conn| {
            let cancelled = conn.execute(
                "UPDATE creations SET state = 'cancelled', note = NULL, updated_at = ?2 \
                 WHERE id = ?1 AND state IN ('uploading', 'ready')",
                params![id, now_ms()],
            )?;
            Ok(cancelled == 1)
        })
    }

    /// The file is on the storage host: the request now names it by its one-time identity.
    /// False when the job is no longer `owner`'s to carry on.
    pub fn mark_uploaded(
        &self,
        id: CreationId,
        owner: &str,
        identity: &str,
    ) -> Result<bool, StoreError> {
        self.durably(|conn| {
            let request: String = conn.query_row(
                "SELECT request_json FROM creations WHERE id = ?1",
                [id],
                |row| row.get(0),
            )?;
            let mut request: serde_json::Value = serde_json::from_str(&request)
                .map_err(|e| StoreError::Corrupt(format!("creation {id}'s request: {e}")))?;
            request["video_url"] = serde_json::Value::from(identity);
            let moved = conn.execute(
                "UPDATE creations SET state = 'ready', request_json = ?2, note = NULL, \
                 updated_at = ?3 WHERE id = ?1 AND state = 'uploading' AND claimed_by = ?4",
                params![id, request.to_string(), now_ms(), owner],
            )?;
            Ok(moved == 1)
        })
    }

    /// The API took the request: its project id, in the same step as the answer came. Written
    /// whatever the creation was marked meanwhile (a late answer beats "unknown").
    pub fn mark_created(
        &self,
        id: CreationId,
        project_id: &str,
        name: Option<&str>,
        status: &str,
    ) -> Result<(), StoreError> {
        self.durably(|conn| {
            conn.execute(
                "UPDATE creations SET state = 'running', project_id = ?2, \
                 project_name = COALESCE(?3, project_name), status = ?4, note = NULL, \
                 problem = NULL, error_message = NULL, updated_at = ?5 WHERE id = ?1",
                params![id, project_id, name, status, now_ms()],
            )?;
            Ok(())
        })
    }

    /// The creation ended without a project, or the project failed.
    pub fn mark_creation_problem(
        &self,
        id: CreationId,
        state: CreationState,
        problem: CreationProblem,
        message: &str,
    ) -> Result<(), StoreError> {
        self.durably(|conn| {
            conn.execute(
                "UPDATE creations SET state = ?2, problem = ?3, error_message = ?4, note = NULL, \
                 updated_at = ?5 WHERE id = ?1 AND state NOT IN ('cancelled', 'succeeded')",
                params![id, state.as_str(), problem.as_str(), message, now_ms()],
            )?;
            Ok(())
        })
    }

    /// What the API says about the project now, with the best clips found so far. Returns
    /// whether anything changed.
    pub fn record_creation_results(
        &self,
        id: CreationId,
        results: &CreationResults,
        clips: &[Clip],
    ) -> Result<bool, StoreError> {
        let clips: Vec<Clip> = clips
            .iter()
            .cloned()
            .map(|clip| Clip {
                export_link: None,
                ..clip
            })
            .collect();
        let clips_json = serde_json::to_string(&clips).expect("clips serialise");
        let status = results.status.as_str();
        let (state, problem, message) = if results.status == TaskStatus::Failed {
            let words = results
                .error_message
                .clone()
                .unwrap_or_else(|| "the service gave no reason".into());
            (
                CreationState::Failed,
                Some(CreationProblem::ProjectFailed.as_str()),
                Some(words),
            )
        } else if results.status == TaskStatus::Succeeded {
            (CreationState::Succeeded, None, None)
        } else {
            (CreationState::Running, None, None)
        };
        let changed = self.durably(|conn| {
            Ok(conn.execute(
                "UPDATE creations SET state = ?2, status = ?3, clips_json = ?4, \
                 project_name = COALESCE(?5, project_name), problem = COALESCE(?6, problem), \
                 error_message = COALESCE(?7, error_message), updated_at = ?8 \
                 WHERE id = ?1 AND (state IS NOT ?2 OR status IS NOT ?3 \
                 OR clips_json IS NOT ?4)",
                params![
                    id,
                    state.as_str(),
                    status,
                    clips_json,
                    results.name,
                    problem,
                    message,
                    now_ms()
                ],
            )?)
        })?;
        Ok(changed > 0)
    }

    fn select<P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
    ) -> Result<Vec<CreationRecord>, StoreError> {
        let conn = self.lock();
        let mut statement = conn.prepare(sql)?;
        let rows = statement.query_map(params, row_to_creation)?;
        rows.map(|row| row?).collect()
    }
}
