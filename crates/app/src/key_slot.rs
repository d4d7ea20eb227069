//! The API key as the app holds it: read once, cached in memory, and never shown
//! to the web view beyond "set or not" and its last four characters.

use serde::Serialize;
use wayin_api::ApiKey;

/// Where the key in use came from; the Settings page says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    Keychain,
    /// Kept in memory only, for this run.
    Session,
    /// `WAYIN_API_KEY`.
    Env,
    /// The demo API's own key.
    Demo,
}

impl KeySource {
    /// The name the page and `wayin-export --json` give it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Keychain => "keychain",
            Self::Session => "session",
            Self::Env => "env",
            Self::Demo => "demo",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyStatus {
    pub set: bool,
    pub last4: Option<String>,
    pub source: Option<KeySource>,
    pub keychain_available: bool,
}

#[derive(Default)]
pub(crate) struct KeySlot {
    pub key: Option<ApiKey>,
    pub source: Option<KeySource>,
}

impl KeySlot {
    pub fn new(key: ApiKey, source: KeySource) -> Self {
        Self {
            key: Some(key),
            source: Some(source),
        }
    }

    pub fn status(&self, keychain_available: bool) -> KeyStatus {
        KeyStatus {
            set: self.key.is_some(),
            last4: self.key.as_ref().map(ApiKey::last4),
            source: self.key.as_ref().and(self.source),
            keychain_available,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_never_carries_the_key() {
        let slot = KeySlot::new(
            ApiKey::new("wayin_sk_live_abcd1234").unwrap(),
            KeySource::Session,
        );
        let json = serde_json::to_string(&slot.status(false)).unwrap();
        assert_eq!(
            json,
            r#"{"set":true,"last4":"1234","source":"session","keychainAvailable":false}"#
        );
        assert!(!json.contains("abcd"));
        for source in [
            KeySource::Keychain,
            KeySource::Session,
            KeySource::Env,
            KeySource::Demo,
        ] {
            assert_eq!(
                serde_json::to_value(source).unwrap(),
                source.as_str(),
                "one name for the page and the terminal"
            );
        }
        assert_eq!(
            serde_json::to_string(&KeySlot::default().status(true)).unwrap(),
            r#"{"set":false,"last4":null,"source":null,"keychainAvailable":true}"#
        );
    }
}
