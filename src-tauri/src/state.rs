//! What the app knows for its whole run: where the API is and the key to use.

use fake_wayin::FakeServer;
use std::sync::Mutex;
use wayin_api::{ApiKey, BaseUrl};

pub struct AppState {
    api_base: String,
    api_key: Mutex<Option<ApiKey>>,
    /// Demo mode's fake API. Held here so it serves for as long as the app runs.
    demo_server: Option<FakeServer>,
}

impl AppState {
    /// The real API (or whatever `api_base` points to), with the key if one was found.
    pub fn live(api_base: &BaseUrl, api_key: Option<ApiKey>) -> Self {
        Self {
            api_base: api_base.as_str().to_string(),
            api_key: Mutex::new(api_key),
            demo_server: None,
        }
    }

    /// Demo mode: the in-process fake API and the key it accepts.
    pub fn demo(server: FakeServer) -> Self {
        Self {
            api_base: server.base_url(),
            api_key: Mutex::new(ApiKey::new(server.api_key())),
            demo_server: Some(server),
        }
    }

    pub fn is_demo(&self) -> bool {
        self.demo_server.is_some()
    }

    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    pub fn key_set(&self) -> bool {
        self.api_key
            .lock()
            .map(|key| key.is_some())
            .unwrap_or(false)
    }
}
