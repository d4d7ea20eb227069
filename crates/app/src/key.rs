//! The key in use: its status for the page, saving it (keychain or session
//! only) and deleting it. Keychain calls are blocking (D-Bus on Linux), so they
//! run on the blocking pool. Only the keychain entry of this run's API origin is
//! ever read, written or deleted. The key belongs to the mode the command started
//! in, whatever the window shows by the time the API has answered its check.

use wayin_api::ApiKey;

use crate::key_slot::{KeySlot, KeySource, KeyStatus};
use crate::modes::{lock, ModeState};
use crate::AppError;

impl ModeState {
    pub fn key_set(&self) -> bool {
        lock(&self.shared().key).key.is_some()
    }

    pub async fn key_status(&self) -> KeyStatus {
        let available = self.keychain_available().await;
        lock(&self.shared().key).status(available)
    }

    /// Asks the keychain once whether it answers at all; demo mode never asks.
    async fn keychain_available(&self) -> bool {
        if self.is_demo() {
            return false;
        }
        let Some(secrets) = self.shared().secrets.clone() else {
            return false;
        };
        if let Some(known) = *lock(&self.shared().keychain_available) {
            return known;
        }
        let origin = self.api_origin();
        let probe = tokio::task::spawn_blocking(move || secrets.load(&origin)).await;
        let available = !matches!(probe, Ok(Err(ref e)) if e.is_unavailable());
        *lock(&self.shared().keychain_available) = Some(available);
        available
    }

    /// One cheap API call with the key in use, through the running engine's client when
    /// there is one (its request budget).
    pub async fn verify_key_in_use(&self) -> Result<(), AppError> {
        let client = match self.current_engine() {
            Some(engine) => engine.client(),
            None => self.client()?,
        };
        Ok(client.verify_key().await?)
    }

    /// Stores the key (in the keychain unless `session_only`, and never in demo
    /// mode) and puts it to use at once. Unless `unverified`, the API is asked
    /// first and a key it refuses replaces nothing.
    pub async fn save_key(
        &self,
        key: ApiKey,
        session_only: bool,
        unverified: bool,
    ) -> Result<(), AppError> {
        if !unverified {
            self.check_key(&key).await?;
        }
        let held = self.app.0.transition.lock().await;
        let source = match (&self.shared().secrets, session_only || self.is_demo()) {
            (Some(secrets), false) => {
                let secrets = secrets.clone();
                let secret = key.expose().to_owned();
                let origin = self.api_origin();
                let saved = tokio::task::spawn_blocking(move || secrets.save(&origin, &secret))
                    .await
                    .map_err(|e| AppError::Internal(e.to_string()))?;
                *lock(&self.shared().keychain_available) = Some(match &saved {
                    Err(e) => !e.is_unavailable(),
                    Ok(()) => true,
                });
                saved?;
                KeySource::Keychain
            }
            _ => KeySource::Session,
        };
        *lock(&self.shared().key) = KeySlot::new(key, source);
        self.apply_client_holding(&held).await
    }

    async fn check_key(&self, key: &ApiKey) -> Result<(), AppError> {
        crate::check_key(self.client_config(key.clone())).await
    }

    /// Forgets the key: removed from the keychain, dropped from memory, and the
    /// engine stopped so nothing calls the API with it any more. Demo mode goes
    /// back to its demo key.
    pub async fn delete_key(&self) -> Result<(), AppError> {
        let held = self.app.0.transition.lock().await;
        let source = lock(&self.shared().key).source;
        if let (Some(secrets), false) = (self.shared().secrets.clone(), self.is_demo()) {
            let origin = self.api_origin();
            let deleted = tokio::task::spawn_blocking(move || secrets.delete(&origin))
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
            match deleted {
                Ok(_) => {}
                // Nothing can be stored where no keychain answers: only memory to clear.
                Err(e) if e.is_unavailable() && source != Some(KeySource::Keychain) => {
                    *lock(&self.shared().keychain_available) = Some(false);
                }
                Err(e) => return Err(e.into()),
            }
        }
        // The demo's own key comes straight back: its counts stay.
        let deleted_budget = (!self.is_demo())
            .then(|| self.client().ok().map(|client| client.budget_owner()))
            .flatten();
        let demo_key = self
            .demo_server()
            .and_then(|server| ApiKey::new(server.api_key()));
        *lock(&self.shared().key) = match demo_key {
            Some(key) => KeySlot::new(key, KeySource::Demo),
            None => KeySlot::default(),
        };
        if self.is_demo() {
            self.apply_client_holding(&held).await?;
        } else {
            self.stop_engine_holding(&held).await;
        }
        if let Some(owner) = deleted_budget {
            self.forget_budget(owner).await;
        }
        Ok(())
    }

    /// What the store keeps under a deleted key's request budget goes with the key, once
    /// nothing here uses it any more.
    async fn forget_budget(&self, owner: wayin_api::BudgetOwner) {
        let store = self.store().clone();
        let forgotten = tokio::task::spawn_blocking(move || {
            engine::shared_budget::forget_budget(&owner, &store)
        })
        .await;
        if let Ok(Err(err)) = forgotten {
            tracing::warn!("the deleted key's request counts stay in the store: {err}");
        }
    }
}
