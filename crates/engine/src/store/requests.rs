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
        match paused_until {
            // Further ahead than any pause this app records: a clock that has since stepped
            // back, or another program's writing. Forgotten, not waited out.
            Some(until) if until > now + LONGEST_PAUSE_MS => {
                tx.execute("DELETE FROM api_pauses WHERE budget_id = ?1", [budget_id])?;
            }
            Some(until) if until > now => {
                tx.commit()?;
                return Ok(Some(until - now));
            }
            _ => {}
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

    /// No process sends under `budget_id` for `wait_ms` (after a 429), at most
    /// `LONGEST_PAUSE_MS`. A longer pause already recorded stays, unless it is longer than
    /// any this app records.
    pub fn pause_requests(&self, budget_id: &str, wait_ms: i64) -> Result<(), StoreError> {
        let now = now_ms();
        self.lock().execute(
            "INSERT INTO api_pauses (budget_id, until_ms) VALUES (?1, ?2) \
             ON CONFLICT (budget_id) DO UPDATE SET until_ms = CASE \
               WHEN until_ms > ?3 THEN excluded.until_ms \
               ELSE MAX(until_ms, excluded.until_ms) END",
            params![
                budget_id,
                now + wait_ms.clamp(0, LONGEST_PAUSE_MS),
                now + LONGEST_PAUSE_MS
            ],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUDGET: &str = "budget";

    fn pause_until(store: &Store, until: i64) {
        store
            .lock()
            .execute(
                "INSERT OR REPLACE INTO api_pauses (budget_id, until_ms) VALUES (?1, ?2)",
                params![BUDGET, until],
            )
            .unwrap();
    }

    // Tried: a pause recorded a year ahead (another program, or a clock stepped back since).
    #[test]
    fn a_pause_beyond_any_the_app_records_is_forgotten() {
        let store = Store::open_in_memory().unwrap();
        pause_until(&store, now_ms() + 365 * DAY_MS);
        assert_eq!(store.take_request_slot(BUDGET, 15, 60_000).unwrap(), None);
        assert_eq!(store.take_request_slot(BUDGET, 15, 60_000).unwrap(), None);
    }

    #[test]
    fn a_pause_within_bounds_is_waited_out() {
        let store = Store::open_in_memory().unwrap();
        store.pause_requests(BUDGET, 30_000).unwrap();
        let wait = store
            .take_request_slot(BUDGET, 15, 60_000)
            .unwrap()
            .unwrap();
        assert!((29_000..=30_000).contains(&wait), "{wait}");
    }

    // Tried: a Retry-After of a day, then a year-ahead pause replaced by a real one.
    #[test]
    fn a_pause_asked_for_is_held_to_the_longest_the_app_records() {
        let store = Store::open_in_memory().unwrap();
        store.pause_requests(BUDGET, DAY_MS).unwrap();
        let wait = store
            .take_request_slot(BUDGET, 15, 60_000)
            .unwrap()
            .unwrap();
        assert!(wait <= LONGEST_PAUSE_MS, "{wait}");

        pause_until(&store, now_ms() + 365 * DAY_MS);
        store.pause_requests(BUDGET, 5_000).unwrap();
        let wait = store
            .take_request_slot(BUDGET, 15, 60_000)
            .unwrap()
            .unwrap();
        assert!(wait <= 5_000, "{wait}");
    }
}
