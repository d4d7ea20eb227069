use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use app::{AppState, SecretStore, StateConfig};
use fake_wayin::{FakeConfig, FakeServer};
use wayin_api::BaseUrl;
use wayin_keychain::KeychainError;

/// A keychain in memory, one entry per API origin, as the OS keychain keeps them.
#[derive(Default)]
pub struct MemoryKeychain {
    keys: Mutex<HashMap<String, String>>,
}

impl MemoryKeychain {
    pub fn key_for(&self, origin: &str) -> Option<String> {
        self.keys.lock().unwrap().get(origin).cloned()
    }
}

impl SecretStore for MemoryKeychain {
    fn load(&self, origin: &str) -> Result<Option<String>, KeychainError> {
        Ok(self.key_for(origin))
    }

    fn save(&self, origin: &str, secret: &str) -> Result<(), KeychainError> {
        self.keys
            .lock()
            .unwrap()
            .insert(origin.to_owned(), secret.to_owned());
        Ok(())
    }

    fn delete(&self, origin: &str) -> Result<bool, KeychainError> {
        Ok(self.keys.lock().unwrap().remove(origin).is_some())
    }
}

/// The application in live mode against a fake API, with no key yet.
pub struct Live {
    pub server: FakeServer,
    pub keychain: Arc<MemoryKeychain>,
    pub state: AppState,
    _dirs: tempfile::TempDir,
}

/// The data folder of a run whose folders live under `root`.
pub fn data_dir(root: &std::path::Path) -> std::path::PathBuf {
    root.join("data")
}

impl Live {
    pub async fn start() -> Self {
        Self::in_folder(tempfile::tempdir().unwrap()).await
    }

    /// The application on folders under `dirs`, which may hold a store already.
    pub async fn in_folder(dirs: tempfile::TempDir) -> Self {
        let server = FakeServer::start(FakeConfig {
            speed: 200.0,
            ..FakeConfig::default()
        })
        .await
        .expect("the fake API starts");
        let keychain = Arc::new(MemoryKeychain::default());
        let secrets: Arc<dyn SecretStore> = keychain.clone();
        let state = AppState::open(StateConfig {
            data_dir: data_dir(dirs.path()),
            cache_dir: dirs.path().join("cache"),
            default_download_dir: dirs.path().join("Wayin Clips"),
            secrets: Some(secrets),
            initial_key: None,
            env_api_base: Some(BaseUrl::parse(&server.base_url()).unwrap()),
            demo: None,
            desktop: None,
        })
        .expect("the application opens");
        Self {
            server,
            keychain,
            state,
            _dirs: dirs,
        }
    }

    /// The origin the key is kept for.
    pub fn origin(&self) -> String {
        BaseUrl::parse(&self.server.base_url()).unwrap().origin()
    }
}
