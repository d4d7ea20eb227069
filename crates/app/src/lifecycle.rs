//! The engine's life: started once a key exists, its client swapped when the key
//! changes, stopped when the key is deleted or the app quits. The API address is
//! fixed for the whole run. Starting, swapping and stopping hold the app's one
//! transition lock, as switching modes and changing the key do.

use engine::settings::Settings;
use engine::{Engine, EngineConfig};
use tokio::sync::{watch, MutexGuard};
use wayin_api::{ApiKey, ClientConfig, WayinClient};

use crate::mode_data::ModeData;
use crate::modes::{lock, AppState, ModeState};
use crate::AppError;

/// Proof that the caller holds the transition lock.
pub(crate) type Held<'a> = MutexGuard<'a, ()>;

impl ModeState {
    /// A client for the current key and API address, or `key_missing`.
    pub fn client(&self) -> Result<WayinClient, AppError> {
        let key = lock(&self.shared().key)
            .key
            .clone()
            .ok_or(AppError::KeyMissing)?;
        Ok(WayinClient::new(self.client_config(key))?)
    }

    /// How a client for `key` calls this run's API address. One budget per key: a
    /// client for the key the engine already uses keeps counting against its requests.
    pub(crate) fn client_config(&self, key: ApiKey) -> ClientConfig {
        let mut config = ClientConfig::new(self.shared().api_base.clone(), key.clone());
        if let Some(engine) = self.current_engine() {
            if self.running_key_matches(&key) {
                config.budget = engine.client().budget().clone();
            }
        }
        config
    }

    fn running_key_matches(&self, key: &ApiKey) -> bool {
        lock(&self.shared().running_key).as_ref() == Some(key)
    }

    pub fn current_engine(&self) -> Option<Engine> {
        self.shared().engine.borrow().clone()
    }

    /// Follows the engine as it starts, is replaced or stops.
    pub fn engine_updates(&self) -> watch::Receiver<Option<Engine>> {
        self.shared().engine.subscribe()
    }

    /// The running engine, or `key_missing` when there is no key to run it with.
    pub async fn engine(&self) -> Result<Engine, AppError> {
        self.ensure_engine().await?.ok_or(AppError::KeyMissing)
    }

    /// Starts the engine if a key exists and it is not running yet.
    pub async fn ensure_engine(&self) -> Result<Option<Engine>, AppError> {
        if let Some(engine) = self.current_engine() {
            return Ok(Some(engine));
        }
        let held = self.app.0.transition.lock().await;
        self.start_engine_holding(&held).await
    }

    pub(crate) async fn start_engine_holding(
        &self,
        _held: &Held<'_>,
    ) -> Result<Option<Engine>, AppError> {
        if let Some(engine) = self.current_engine() {
            return Ok(Some(engine));
        }
        if !self.key_set() {
            return Ok(None);
        }
        let client = self.client()?;
        let settings = self.settings().await?;
        let store = Some(self.store().clone());
        let engine = start_engine(&self.shared().data_dir, client, store, &settings).await?;
        *lock(&self.shared().running_key) = lock(&self.shared().key).key.clone();
        self.shared().engine.send_replace(Some(engine.clone()));
        crate::notify::spawn_notifier(self.clone(), engine.clone());
        tracing::info!(mode = ?self.mode, "export engine started");
        Ok(Some(engine))
    }

    /// The current key takes effect: a running engine switches client,
    /// a stopped one starts.
    pub(crate) async fn apply_client_holding(&self, held: &Held<'_>) -> Result<(), AppError> {
        match self.current_engine() {
            Some(engine) => {
                engine.replace_client(self.client()?);
                *lock(&self.shared().running_key) = lock(&self.shared().key).key.clone();
            }
            None => {
                self.start_engine_holding(held).await?;
            }
        }
        Ok(())
    }

    pub(crate) async fn stop_engine_holding(&self, _held: &Held<'_>) {
        stop_engine_of(self.shared()).await;
    }
}

impl AppState {
    /// Lets downloads stop cleanly (they resume at the next start), in both modes.
    pub async fn shutdown(&self) {
        let _held = self.0.transition.lock().await;
        for mode in self.all_modes() {
            stop_engine_of(mode).await;
        }
    }
}

/// Starts an engine on the data folder `data_dir` (on `store` when one is open already) with
/// `client`, running by `settings`: the window and `wayin-export` start theirs here.
pub async fn start_engine(
    data_dir: &std::path::Path,
    client: WayinClient,
    store: Option<engine::Store>,
    settings: &Settings,
) -> Result<Engine, engine::EngineError> {
    let mut config = EngineConfig::new(data_dir.to_path_buf(), client);
    config.store = store;
    config.concurrency = settings.concurrency;
    let engine = Engine::start(config).await?;
    apply_settings(&engine, settings);
    Ok(engine)
}

/// Hands a running engine the settings it runs by: at its start and after every change.
pub fn apply_settings(engine: &Engine, settings: &Settings) {
    engine.set_concurrency(settings.concurrency);
    engine.set_auto_timelines(settings.auto_timelines.clone());
}

async fn stop_engine_of(mode: &ModeData) {
    if let Some(engine) = mode.engine.send_replace(None) {
        engine.shutdown().await;
        tracing::info!("export engine stopped");
    }
    *lock(&mode.running_key) = None;
}
