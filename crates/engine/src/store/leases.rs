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
        // A heartbeat ahead of now by more than the lease's life is no holder's: a clock
        // stepped back, or another program's writing.
        let free = match &holder {
            None => true,
            Some((holder, heartbeat_at)) => {
                holder == owner || *heartbeat_at <= now - stale_ms || *heartbeat_at > now + stale_ms
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn beat(store: &Store, owner: &str, at: i64) {
        store
            .lock()
            .execute(
                "INSERT OR REPLACE INTO poll_leases (budget_id, owner, heartbeat_at) VALUES ('b', ?1, ?2)",
                params![owner, at],
            )
            .unwrap();
    }

    // Tried: a lease whose heartbeat is a year ahead, as a clock stepped back leaves it.
    #[test]
    fn a_heartbeat_from_the_future_holds_no_lease() {
        let store = Store::open_in_memory().unwrap();
        beat(&store, "gone", now_ms() + 365 * 24 * 3_600_000);
        assert!(store.hold_poll_lease("b", "me", 15_000).unwrap());
    }

    #[test]
    fn a_live_holder_keeps_its_lease() {
        let store = Store::open_in_memory().unwrap();
        beat(&store, "other", now_ms());
        assert!(!store.hold_poll_lease("b", "me", 15_000).unwrap());
        beat(&store, "other", now_ms() - 20_000);
        assert!(store.hold_poll_lease("b", "me", 15_000).unwrap());
    }
}
