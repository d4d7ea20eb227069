use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::{now_ms, Store, StoreError};

/// Which process polls the API for a key: one holds the lease and renews it; the
/// others follow the store. See [`crate::lease`].
impl Store {
    /// Takes or renews the lease of `budget_id` for `owner`: free, already `owner`'s,
    /// or not renewed by its holder for `stale_ms` (the holder died). `false`: someone
    /// else holds it.
    pub fn hold_poll_lease(
        &self,
        budget_id: &str,
        owner: &str,
        stale_ms: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_ms();
        let holder: Option<(String, i64)> = tx
            .query_row(
                "SELECT owner, heartbeat_at FROM poll_leases WHERE budget_id = ?1",
                [budget_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let free = match &holder {
            None => true,
            Some((holder, heartbeat_at)) => holder == owner || *heartbeat_at <= now - stale_ms,
        };
        if free {
            tx.execute(
                "INSERT INTO poll_leases (budget_id, owner, heartbeat_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (budget_id) DO UPDATE SET owner = excluded.owner, heartbeat_at = excluded.heartbeat_at",
                params![budget_id, owner, now],
            )?;
        }
        tx.commit()?;
        Ok(free)
    }

    /// Gives the lease up (a clean stop), so another process takes it at its next try.
    pub fn release_poll_lease(&self, budget_id: &str, owner: &str) -> Result<(), StoreError> {
        self.lock().execute(
            "DELETE FROM poll_leases WHERE budget_id = ?1 AND owner = ?2",
            params![budget_id, owner],
        )?;
        Ok(())
    }
}
