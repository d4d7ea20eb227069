//! The API key's request budget shared through the store: the desktop app and
//! `wayin-export` on one data folder together stay inside the vendor's 15 a minute,
//! instead of each keeping its own count and drawing 429s from the other's calls.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use wayin_api::{BudgetOwner, SharedLedger, WayinClient};

use crate::store::StoreError;
use crate::Store;

/// The name `owner`'s budget is kept under in `store`: a slow, salted hash of the API and
/// the key, never the key. Blocking: the first call for a key does the hash's work.
pub fn budget_id(owner: &BudgetOwner, store: &Store) -> Result<String, StoreError> {
    Ok(owner.id(&store.installation_salt()?))
}

/// Deletes what `store` keeps under `owner`'s budget (requests counted, a pause, the
/// polling lease): its key is being deleted. Blocking.
pub fn forget_budget(owner: &BudgetOwner, store: &Store) -> Result<(), StoreError> {
    store.forget_budget(&budget_id(owner, store)?)
}

struct StoreLedger {
    store: Store,
    owner: BudgetOwner,
    /// Made at the first request, off the async workers, as the ledger is always asked.
    budget_id: OnceLock<String>,
}

impl StoreLedger {
    fn budget_id(&self) -> Result<&str, String> {
        if let Some(id) = self.budget_id.get() {
            return Ok(id);
        }
        let id = budget_id(&self.owner, &self.store).map_err(|e| e.to_string())?;
        Ok(self.budget_id.get_or_init(|| id))
    }
}

impl SharedLedger for StoreLedger {
    fn take(&self, limit: u32, span: Duration) -> Result<Option<Duration>, String> {
        let span_ms = i64::try_from(span.as_millis()).unwrap_or(i64::MAX);
        self.store
            .take_request_slot(self.budget_id()?, limit, span_ms)
            .map(|wait| wait.map(|ms| Duration::from_millis(ms.max(0) as u64)))
            .map_err(|e| e.to_string())
    }

    fn pause(&self, wait: Duration) -> Result<(), String> {
        let wait_ms = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX / 2);
        self.store
            .pause_requests(self.budget_id()?, wait_ms)
            .map_err(|e| e.to_string())
    }
}

/// Every later call of `client` (and of its clones) also counts in `store`, shared with
/// other processes using the same key and API.
pub fn share_budget(client: &WayinClient, store: &Store) {
    client.budget().share_with(Arc::new(StoreLedger {
        store: store.clone(),
        owner: client.budget_owner(),
        budget_id: OnceLock::new(),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use wayin_api::ApiKey;

    #[test]
    fn one_key_has_another_name_in_each_installation() {
        let owner = BudgetOwner::new(
            "https://wayinvideo-api.wayin.ai".into(),
            ApiKey::new("wayin_sk_live_abcd1234").unwrap(),
        );
        let here = Store::open_in_memory().unwrap();
        let there = Store::open_in_memory().unwrap();
        let name = budget_id(&owner, &here).unwrap();
        assert_eq!(name, budget_id(&owner, &here).unwrap());
        assert_ne!(name, budget_id(&owner, &there).unwrap());
    }
}
