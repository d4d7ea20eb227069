use std::path::PathBuf;
use std::time::Duration;

use wayin_api::WayinClient;

use crate::store::Store;
use transfer::TransferOptions;

pub struct EngineConfig {
    /// Holds the store file; the app's data folder by default.
    pub data_dir: PathBuf,
    /// A connection the caller already holds to the store in `data_dir`; `None`: the
    /// engine opens its own.
    pub store: Option<Store>,
    pub client: WayinClient,
    /// Downloads at once; changeable while running.
    pub concurrency: usize,
    pub poll: PollConfig,
    pub transfer: TransferOptions,
}

impl EngineConfig {
    pub fn new(data_dir: PathBuf, client: WayinClient) -> Self {
        Self {
            data_dir,
            store: None,
            client,
            concurrency: 3,
            poll: PollConfig::default(),
            transfer: TransferOptions::default(),
        }
    }
}

/// How often open exports are asked about. Quick at first, slower while nothing
/// changes, and never so often that polls crowd out a person's own calls.
#[derive(Debug, Clone)]
pub struct PollConfig {
    pub first: Duration,
    pub max: Duration,
    pub backoff: f64,
    /// After SUCCEEDED, how long to keep asking for links that are still missing.
    pub link_grace: Duration,
    /// Requests of each budget window left to people (opening a project, submitting).
    pub reserve: u32,
    /// How often the process that polls for a key says it still does.
    pub lease_heartbeat: Duration,
    /// A polling process silent this long has died: another one takes over.
    pub lease_stale: Duration,
}

impl Default for PollConfig {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(3),
            max: Duration::from_secs(30),
            backoff: 1.5,
            link_grace: Duration::from_secs(300),
            reserve: 3,
            lease_heartbeat: Duration::from_secs(5),
            lease_stale: Duration::from_secs(20),
        }
    }
}

/// The desktop app's identifier: its data folder is named after it.
pub const APP_IDENTIFIER: &str = "com.wayin.clipexporter";

/// Where the store lives unless told otherwise: `WAYIN_DATA_DIR`, else the folder
/// the desktop app uses, so the terminal command and the app share one history.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("WAYIN_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::BaseDirs::new()
        .map(|dirs| dirs.data_dir().join(APP_IDENTIFIER))
        .unwrap_or_else(|| PathBuf::from(".wayin-clip-exporter"))
}
