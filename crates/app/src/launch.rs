//! Where a run's state comes from: the real API's address and key from the environment and
//! the keychain, or the demo's stand-in API with folders of its own; and where the store,
//! cache and downloads live.

use std::path::PathBuf;
use std::sync::Arc;

use fake_wayin::{FakeConfig, FakeServer};
use wayin_api::{ApiKey, BaseUrl};

use crate::{AppError, Demo, KeySource, KeychainStore, SecretStore, StateConfig};

/// Demo exports render five times faster than the real service: seconds, not minutes.
const DEMO_SPEED: f64 = 5.0;

#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error("could not start the demo API: {0}")]
    Demo(#[from] std::io::Error),
    #[error("WAYIN_API_BASE is not a usable API address: {0}")]
    ApiBase(String),
    #[error("{0}")]
    State(#[from] AppError),
}

/// The real API's mode, for a run that started in the demo and leaves it: the address from
/// `WAYIN_API_BASE`, the key from the keychain entry of its origin (read now, once).
pub fn live_mode_config() -> Result<StateConfig, LaunchError> {
    Ok(live_config(env_api_base()?, None))
}

pub fn live_config(base: Option<BaseUrl>, key: Option<(ApiKey, KeySource)>) -> StateConfig {
    let secrets: Arc<dyn SecretStore> = Arc::new(KeychainStore::app());
    StateConfig {
        data_dir: engine::default_data_dir(),
        cache_dir: cache_dir(),
        default_download_dir: engine::settings::default_download_dir(),
        secrets: Some(secrets),
        initial_key: key,
        env_api_base: base,
        demo: None,
        desktop: None,
    }
}

/// The demo's mode: the fake API started on the running async runtime, with folders of its
/// own. Used at launch and by "Try the demo".
pub async fn demo_mode_config() -> std::io::Result<StateConfig> {
    let config = FakeConfig {
        speed: DEMO_SPEED,
        // Nothing in the app steers its demo; no other program on the machine may either.
        admin_routes: false,
        ..FakeConfig::default()
    };
    let server = FakeServer::start(config).await?;
    tracing::info!(api_base = %server.base_url(), "demo API started");
    demo_config(server)
}

/// Demo mode's state around `server`: everything under one temp folder, no
/// keychain at all.
pub fn demo_config(server: FakeServer) -> std::io::Result<StateConfig> {
    let dir = tempfile::Builder::new().prefix("wayin-demo-").tempdir()?;
    Ok(StateConfig {
        data_dir: dir.path().join("data"),
        cache_dir: dir.path().join("cache"),
        // A space in the folder name, as in most real download folders.
        default_download_dir: dir.path().join(engine::settings::DOWNLOAD_FOLDER_NAME),
        secrets: None,
        initial_key: None,
        env_api_base: None,
        demo: Some(Demo { server, dir }),
        desktop: None,
    })
}

/// The platform cache folder named after the app, as Tauri's `app_cache_dir`.
fn cache_dir() -> PathBuf {
    directories::BaseDirs::new()
        .map(|d| d.cache_dir().join(engine::APP_IDENTIFIER))
        .unwrap_or_else(|| std::env::temp_dir().join(engine::APP_IDENTIFIER))
}

pub fn env_api_base() -> Result<Option<BaseUrl>, LaunchError> {
    match std::env::var("WAYIN_API_BASE") {
        Ok(text) if !text.trim().is_empty() => BaseUrl::parse(&text)
            .map(Some)
            .map_err(|err| LaunchError::ApiBase(err.to_string())),
        _ => Ok(None),
    }
}

/// The key to use with `base`: `env_key`, else the one stored for `base`'s origin. A
/// keychain that cannot be reached counts as "no key": the app can still take one for this
/// session.
pub fn launch_key(env_key: Option<ApiKey>, base: &BaseUrl) -> Option<(ApiKey, KeySource)> {
    crate::find_key(env_key, &KeychainStore::app(), &base.origin()).unwrap_or_else(|err| {
        tracing::warn!("{err}");
        None
    })
}

/// The window's log on standard output: `RUST_LOG` as `target=level` pairs and a default
/// level; anything else means "info". Logs never hold the key.
pub fn init_window_logging() {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter: tracing_subscriber::filter::Targets = std::env::var("RUST_LOG")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or_else(|| {
            tracing_subscriber::filter::Targets::new()
                .with_default(tracing_subscriber::filter::LevelFilter::INFO)
        });
    let _ = tracing_subscriber::fmt().finish().with(filter).try_init();
}
