//! Decides at launch whether the app talks to the real API or runs the demo,
//! and where its store, cache and downloads live.

use app::launch::{env_api_base, launch_key, live_config};
use app::{AppState, KeySource};
use wayin_api::{ApiKey, BaseUrl};

use crate::args::{DemoChoice, LaunchArgs};

pub use app::launch::{
    demo_config, demo_mode_config, live_mode_config, LaunchError as StartupError,
};

/// `env_key`: `WAYIN_API_KEY`, taken out of the environment by `main` before
/// anything else ran.
pub fn prepare_state(args: &LaunchArgs, env_key: Option<ApiKey>) -> Result<AppState, StartupError> {
    match args.demo {
        // Demo mode must not read (or unlock) the real keychain.
        DemoChoice::Always => start_demo(),
        DemoChoice::IfNoKey => {
            let base = env_api_base()?;
            match launch_key(env_key, &base.clone().unwrap_or_default()) {
                Some(found) => live_state(base, Some(found)),
                None => {
                    tracing::info!("no API key found: starting in demo mode");
                    start_demo()
                }
            }
        }
        DemoChoice::Never => live_state(env_api_base()?, env_key.map(|key| (key, KeySource::Env))),
    }
}

/// The real API at `base`. `key`: one already found; otherwise the keychain
/// entry of `base`'s origin is read once.
fn live_state(
    base: Option<BaseUrl>,
    key: Option<(ApiKey, KeySource)>,
) -> Result<AppState, StartupError> {
    Ok(AppState::open(live_config(base, key))?)
}

/// The fake API on the app's own async runtime, so it lives as long as the app,
/// with a store, cache and download folder of its own in a temp folder.
pub fn start_demo() -> Result<AppState, StartupError> {
    let config = tauri::async_runtime::block_on(demo_mode_config())?;
    Ok(AppState::open(config)?)
}
