use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::{now_ms, Store, StoreError};

/// Requests of other keys (an old key, another API) are kept no longer than this.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Longer than any `Retry-After` the API sends; a longer pause comes from a clock that
/// stepped back.
const LONGEST_PAUSE_MS: i64 = 10 * 60 * 1000;

/// The request budget shared by every process using one key on this data folder
/// (see [`crate::shared_budget`]). Times are wall-clock milliseconds, which all the
/// processes agree on.
impl Store {
    /// Counts a request sent now under `budget_id`, unless `limit` were already counted
    /// within `span_ms` or a pause is in force: then the milliseconds until one may be.
    /// One immediate transaction, so two processes cannot both take the last slot.
    pub fn take_request_slot(
        &self,
        budget_id: &str,
        limit: u32,
        span_ms: i64,
    ) -> Result<Option<i64>, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_ms();
        tx.execute(
            "DELETE FROM api_requests WHERE (budget_id = ?1 AND sent_at <= ?2) OR sent_at <= ?3 OR sent_at > ?4",
            params![budget_id, now - span_ms, now - DAY_MS, now],
        )?;
        let paused_until: Option<i64> = tx
            .query_row(
                "SELECT until_ms FROM api_pauses WHERE budget_id = ?1",
                [budget_id],
                |r| r.get(0),
            )
            .optional()?;
        // A pause from a clock that has since stepped back is not waited out for hours.
        if let Some(until) = paused_until.filter(|&until| until > now) {
            return Ok(Some((until - now).min(LONGEST_PAUSE_MS)));
        }
        let in_window: i64 = tx.query_row(
            "SELECT COUNT(*) FROM api_requests WHERE budget_id = ?1",
            [budget_id],
            |r| r.get(0),
        )?;
        if in_window >= i64::from(limit) {
            // The slot frees when the request `limit` places back leaves the window.
            let freeing: i64 = tx.query_row(
                "SELECT sent_at FROM api_requests WHERE budget_id = ?1 \
                 ORDER BY sent_at DESC LIMIT 1 OFFSET ?2",
                params![budget_id, i64::from(limit) - 1],
                |r| r.get(0),
            )?;
            return Ok(Some((freeing + span_ms - now).clamp(1, span_ms)));
        }
        tx.execute(
            "INSERT INTO api_requests (budget_id, sent_at) VALUES (?1, ?2)",
            params![budget_id, now],
        )?;
        tx.commit()?;
        Ok(None)
    }

    /// No process sends under `budget_id` for `wait_ms` (after a 429). A longer pause
    /// already recorded stays.
    pub fn pause_requests(&self, budget_id: &str, wait_ms: i64) -> Result<(), StoreError> {
        self.lock().execute(
            "INSERT INTO api_pauses (budget_id, until_ms) VALUES (?1, ?2) \
             ON CONFLICT (budget_id) DO UPDATE SET until_ms = MAX(until_ms, excluded.until_ms)",
            params![budget_id, now_ms() + wait_ms],
        )?;
        Ok(())
    }
}
