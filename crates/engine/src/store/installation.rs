use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::{Store, StoreError};

/// Bytes of the installation's salt.
const SALT_LEN: usize = 16;

/// What belongs to this installation (this data folder) rather than to a key or an export.
impl Store {
    /// The salt the request budgets' names are made with, made the first time it is asked
    /// for and the same for every process on this data folder afterwards. Read from the
    /// file once per store: the polling lease asks for it at every heartbeat.
    pub fn installation_salt(&self) -> Result<Vec<u8>, StoreError> {
        if let Some(salt) = self.salt.get() {
            return Ok(salt.clone());
        }
        let salt = self.read_or_make_salt()?;
        Ok(self.salt.get_or_init(|| salt).clone())
    }

    fn read_or_make_salt(&self) -> Result<Vec<u8>, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let stored: Option<Vec<u8>> = tx
            .query_row("SELECT salt FROM installation WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        let salt = match stored {
            Some(salt) => salt,
            None => {
                let mut salt = vec![0u8; SALT_LEN];
                getrandom::fill(&mut salt).map_err(|e| {
                    StoreError::Corrupt(format!("no randomness for the installation's salt: {e}"))
                })?;
                tx.execute(
                    "INSERT INTO installation (id, salt) VALUES (1, ?1)",
                    params![salt],
                )?;
                salt
            }
        };
        tx.commit()?;
        Ok(salt)
    }

    /// Everything kept under `budget_id` (requests counted, a pause, the polling lease): the
    /// key it names has been deleted.
    pub fn forget_budget(&self, budget_id: &str) -> Result<(), StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        for table in ["api_requests", "api_pauses", "poll_leases"] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE budget_id = ?1"),
                [budget_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_salt_is_made_once_and_kept_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("exports.sqlite3");
        let first = Store::open(&path).unwrap().installation_salt().unwrap();
        assert_eq!(first.len(), SALT_LEN);
        assert_eq!(
            Store::open(&path).unwrap().installation_salt().unwrap(),
            first
        );
        let elsewhere = Store::open_in_memory()
            .unwrap()
            .installation_salt()
            .unwrap();
        assert_ne!(elsewhere, first, "each installation has its own");
    }

    #[test]
    fn forgetting_a_budget_leaves_the_others() {
        let store = Store::open_in_memory().unwrap();
        for budget in ["gone", "kept"] {
            store.take_request_slot(budget, 15, 60_000).unwrap();
            store.pause_requests(budget, 1_000).unwrap();
            store.hold_poll_lease(budget, "me", 15_000).unwrap();
        }
        store.forget_budget("gone").unwrap();
        let count = |table: &str, budget: &str| -> i64 {
            store
                .lock()
                .query_row(
                    &format!("SELECT COUNT(*) FROM {table} WHERE budget_id = ?1"),
                    [budget],
                    |r| r.get(0),
                )
                .unwrap()
        };
        for table in ["api_requests", "api_pauses", "poll_leases"] {
            assert_eq!(
                (count(table, "gone"), count(table, "kept")),
                (0, 1),
                "{table}"
            );
        }
    }
}
