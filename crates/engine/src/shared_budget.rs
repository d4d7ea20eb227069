//! The API key's request budget shared through the store: the desktop app and
//! `wayin-export` on one data folder together stay inside the vendor's 15 a minute,
//! instead of each keeping its own count and drawing 429s from the other's calls.

use std::sync::Arc;
use std::time::Duration;

use wayin_api::{SharedLedger, WayinClient};

use crate::Store;

struct StoreLedger {
    store: Store,
    /// A hash of the API address and the key ([`WayinClient::budget_id`]), never the key.
    budget_id: String,
}

impl SharedLedger for StoreLedger {
    fn take(&self, limit: u32, span: Duration) -> Result<Option<Duration>, String> {
        let span_ms = i64::try_from(span.as_millis()).unwrap_or(i64::MAX);
        self.store
            .take_request_slot(&self.budget_id, limit, span_ms)
            .map(|wait| wait.map(|ms| Duration::from_millis(ms.max(0) as u64)))
            .map_err(|e| e.to_string())
    }

    fn pause(&self, wait: Duration) -> Result<(), String> {
        let wait_ms = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX / 2);
        self.store
            .pause_requests(&self.budget_id, wait_ms)
            .map_err(|e| e.to_string())
    }
}

/// Every later call of `client` (and of its clones) also counts in `store`, shared with
/// other processes using the same key and API.
pub fn share_budget(client: &WayinClient, store: &Store) {
    client.budget().share_with(Arc::new(StoreLedger {
        store: store.clone(),
        budget_id: client.budget_id(),
    }));
}
