//! One mode's state: its store, key, engine, settings, the projects opened in it and its
//! thumbnail client, opened from a [`StateConfig`] and read by commands through
//! [`ModeState`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use engine::settings::{Settings, SettingsPatch};
use engine::{Engine, Store, STORE_FILE};
use fake_wayin::FakeServer;
use tokio::sync::watch;
use wayin_api::{ApiKey, BaseUrl, FetchClient, FetchGuard, ProjectClips};

use crate::key_slot::{KeySlot, KeySource};
use crate::modes::{lock, Demo, ModeState, StateConfig};
use crate::secret_store::SecretStore;
use crate::thumbnails::THUMBNAIL_FOLDER;
use crate::{AppError, KeyLookupError};

/// One mode's state.
pub(crate) struct ModeData {
    pub(crate) data_dir: PathBuf,
    pub(crate) cache_dir: PathBuf,
    pub(crate) default_download_dir: PathBuf,
    pub(crate) secrets: Option<Arc<dyn SecretStore>>,
    pub(crate) demo: Option<Demo>,
    /// Settings, presets and recent projects; the engine keeps its own connection
    /// to the same file for the export history.
    pub(crate) store: Store,
    pub(crate) key: Mutex<KeySlot>,
    /// `None` until the keychain has been asked.
    pub(crate) keychain_available: Mutex<Option<bool>>,
    /// Fixed for the run: the key in use belongs to this address's origin.
    pub(crate) api_base: BaseUrl,
    pub(crate) engine: watch::Sender<Option<Engine>>,
    /// The key the running engine's client holds, to share its request budget.
    pub(crate) running_key: Mutex<Option<ApiKey>>,
    pub(crate) projects: Mutex<HashMap<String, Arc<ProjectClips>>>,
    /// What the store held that could not be read (presets, settings), said once.
    notices: Mutex<Vec<String>>,
    /// For thumbnails only: no key, no API, never the `WayinClient`. Guarded for the run's
    /// API address (which hosts a thumbnail may name depends on it).
    pub(crate) thumbnails: FetchClient,
}

/// The thumbnail cache as an older version may have left it (default umask): the
/// user's alone from now on. Only the folder itself and the thumbnails in it; what
/// else shares the folder is not ours to change.
fn restrict_cache(cache_dir: &Path) {
    let tightened = transfer::private_fs::create_private_dir(cache_dir)
        .and_then(|()| transfer::private_fs::restrict_tree(&cache_dir.join(THUMBNAIL_FOLDER)));
    if let Err(err) = tightened {
        tracing::warn!("the thumbnail cache could not be made private: {err}");
    }
}

impl ModeData {
    pub(crate) fn open(config: StateConfig) -> Result<Self, AppError> {
        let store = Store::open(&config.data_dir.join(STORE_FILE))?;
        let notices = unreadable_rows(&store);
        // Earlier versions let the page store an address; it is never used again.
        store.delete_setting(engine::settings::LEGACY_API_BASE)?;
        restrict_cache(&config.cache_dir);
        let api_base = match &config.demo {
            Some(demo) => BaseUrl::parse(&demo.server.base_url())?,
            None => config.env_api_base.unwrap_or_default(),
        };
        let origin = api_base.origin();
        let mut keychain_available = None;
        let slot = if let Some(demo) = &config.demo {
            ApiKey::new(demo.server.api_key())
                .map(|key| KeySlot::new(key, KeySource::Demo))
                .unwrap_or_default()
        } else if let Some((key, source)) = config.initial_key {
            KeySlot::new(key, source)
        } else {
            let found = config
                .secrets
                .as_deref()
                .map(|secrets| crate::find_key(None, secrets, &origin));
            match found {
                Some(Ok(found)) => {
                    keychain_available = Some(true);
                    found
                        .map(|(key, source)| KeySlot::new(key, source))
                        .unwrap_or_default()
                }
                Some(Err(err)) => {
                    tracing::warn!("{err}");
                    keychain_available = match &err {
                        KeyLookupError::Keychain(err) => err.is_unavailable().then_some(false),
                        KeyLookupError::Malformed => Some(true),
                    };
                    KeySlot::default()
                }
                None => KeySlot::default(),
            }
        };
        let thumbnails = FetchClient::new(FetchGuard::for_api(&api_base), |builder| {
            builder
                .timeout(Duration::from_secs(20))
                .connect_timeout(Duration::from_secs(10))
                .user_agent(concat!("wayin-clip-exporter/", env!("CARGO_PKG_VERSION")))
        })
        .map_err(|e| AppError::Internal(format!("could not set up HTTPS: {e}")))?;
        Ok(ModeData {
            data_dir: config.data_dir,
            cache_dir: config.cache_dir,
            default_download_dir: config.default_download_dir,
            secrets: config.secrets,
            demo: config.demo,
            store,
            key: Mutex::new(slot),
            keychain_available: Mutex::new(keychain_available),
            api_base,
            engine: watch::channel(None).0,
            running_key: Mutex::new(None),
            projects: Mutex::new(HashMap::new()),
            notices: Mutex::new(notices),
            thumbnails,
        })
    }
}

impl ModeState {
    pub fn is_demo(&self) -> bool {
        self.shared().demo.is_some()
    }

    pub fn demo_server(&self) -> Option<&FakeServer> {
        self.shared().demo.as_ref().map(|d| &d.server)
    }

    pub fn api_base(&self) -> String {
        self.shared().api_base.as_str().to_string()
    }

    /// The origin whose keychain entry holds the key in use.
    pub fn api_origin(&self) -> String {
        self.shared().api_base.origin()
    }

    pub fn store(&self) -> &Store {
        &self.shared().store
    }

    /// Store work for a command, on the blocking pool: a store another process holds
    /// locked keeps a blocking thread waiting, never the window or the async workers.
    pub async fn with_store<T: Send + 'static>(
        &self,
        job: impl FnOnce(&Store) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let store = self.store().clone();
        tokio::task::spawn_blocking(move || job(&store))
            .await
            .map_err(|e| AppError::Internal(format!("the store could not be reached: {e}")))?
    }

    pub fn data_dir(&self) -> &Path {
        &self.shared().data_dir
    }

    pub fn cache_dir(&self) -> &Path {
        &self.shared().cache_dir
    }

    /// The guarded client for thumbnails.
    pub(crate) fn thumbnail_client(&self) -> &FetchClient {
        &self.shared().thumbnails
    }

    // ---- settings ----

    /// The settings as stored, with this mode's default download folder.
    pub async fn settings(&self) -> Result<Settings, AppError> {
        let default_dir = self.shared().default_download_dir.clone();
        self.with_store(move |store| Ok(Settings::load(store, &default_dir)?))
            .await
    }

    /// Stores the patch and hands the running engine what changed.
    pub async fn update_settings(&self, patch: SettingsPatch) -> Result<Settings, AppError> {
        self.with_store(move |store| Ok(patch.apply(store)?))
            .await?;
        let settings = self.settings().await?;
        if let Some(engine) = self.current_engine() {
            crate::lifecycle::apply_settings(&engine, &settings);
        }
        Ok(settings)
    }

    // ---- projects opened in this run ----

    pub fn remember_project(&self, project: ProjectClips) -> Arc<ProjectClips> {
        let project = Arc::new(project);
        lock(&self.shared().projects).insert(project.project_id.clone(), project.clone());
        project
    }

    pub fn open_project(&self, project_id: &str) -> Option<Arc<ProjectClips>> {
        lock(&self.shared().projects).get(project_id).cloned()
    }

    /// Where a damaged history was kept when this mode opened its store, the first time
    /// it is asked: the page says it once.
    /// Sentences about presets and settings the store held but could not read, the first
    /// time they are asked for: the window says them once.
    pub fn take_notices(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.shared().notices))
    }

    pub fn take_history_set_aside(&self) -> Option<PathBuf> {
        self.store().take_set_aside()
    }
}

/// What a person should be told about rows of `store` this version cannot read: each left
/// out or used at its default, never deleted.
fn unreadable_rows(store: &Store) -> Vec<String> {
    let mut notices: Vec<String> = store
        .unreadable_presets()
        .unwrap_or_default()
        .into_iter()
        .map(|name| {
            let name = wayin_api::safe_text::clean_line(&name);
            format!("The preset \u{201c}{name}\u{201d} could not be read and is left out; save it again to use it.")
        })
        .collect();
    let settings = engine::settings::unreadable_settings(store).unwrap_or_default();
    if !settings.is_empty() {
        notices.push(format!(
            "The saved {} could not be read, so the default is used until you set it again in Settings.",
            settings.join(", ")
        ));
    }
    notices
}
