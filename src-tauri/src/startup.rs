//! Decides at launch whether the app talks to the real API or runs the demo.

use crate::args::{DemoChoice, LaunchArgs};
use crate::state::AppState;
use fake_wayin::{FakeConfig, FakeServer};
use wayin_api::{ApiKey, BaseUrl};
use wayin_keychain::Keychain;

/// Demo exports render in real time, as the real service would.
const DEMO_SPEED: f64 = 1.0;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("could not start the demo API: {0}")]
    Demo(#[from] std::io::Error),
    #[error("WAYIN_API_BASE is not a usable API address: {0}")]
    ApiBase(String),
}

pub fn prepare_state(args: &LaunchArgs) -> Result<AppState, StartupError> {
    match args.demo {
        // Demo mode must not read (or unlock) the real keychain.
        DemoChoice::Always => start_demo(),
        DemoChoice::IfNoKey => match find_key() {
            Some(key) => Ok(AppState::live(&live_base()?, Some(key))),
            None => {
                tracing::info!("no API key found: starting in demo mode");
                start_demo()
            }
        },
        DemoChoice::Never => Ok(AppState::live(&live_base()?, find_key())),
    }
}

/// The fake API, on the app's own async runtime so it lives as long as the app.
pub fn start_demo() -> Result<AppState, StartupError> {
    let config = FakeConfig {
        speed: DEMO_SPEED,
        ..FakeConfig::default()
    };
    let server = tauri::async_runtime::block_on(FakeServer::start(config))?;
    tracing::info!(api_base = %server.base_url(), "demo API started");
    Ok(AppState::demo(server))
}

fn live_base() -> Result<BaseUrl, StartupError> {
    match std::env::var("WAYIN_API_BASE") {
        Ok(text) => BaseUrl::parse(&text).map_err(|err| StartupError::ApiBase(err.to_string())),
        Err(_) => Ok(BaseUrl::default()),
    }
}

/// WAYIN_API_KEY first, then the system keychain. A keychain that cannot be
/// reached counts as "no key": the app can still take one for this session.
fn find_key() -> Option<ApiKey> {
    if let Some(key) = std::env::var("WAYIN_API_KEY").ok().and_then(ApiKey::new) {
        return Some(key);
    }
    match Keychain::default_entry().load() {
        Ok(stored) => stored.and_then(ApiKey::new),
        Err(err) => {
            tracing::warn!("{err}");
            None
        }
    }
}
