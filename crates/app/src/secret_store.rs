//! Where the key is kept between runs: the OS keychain, one entry per API origin.

use wayin_keychain::{Keychain, KeychainError};

/// Where keys are kept between runs, one per API origin (`scheme://host[:port]`):
/// a key is read back only for the origin it was saved for, so a changed API
/// address never receives the key of the old one. The OS keychain in the app;
/// tests use a keychain service of their own or a store that never answers.
pub trait SecretStore: Send + Sync + 'static {
    fn load(&self, origin: &str) -> Result<Option<String>, KeychainError>;
    fn save(&self, origin: &str, secret: &str) -> Result<(), KeychainError>;
    fn delete(&self, origin: &str) -> Result<bool, KeychainError>;
}

/// The OS keychain: every origin's key under one service name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeychainStore {
    service: String,
}

impl KeychainStore {
    /// The entries the app shares with `wayin-export`.
    pub fn app() -> Self {
        Self::new(wayin_keychain::SERVICE)
    }

    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    /// The one entry that may hold the key for `origin`.
    pub fn entry(&self, origin: &str) -> Keychain {
        Keychain::for_origin(&self.service, origin)
    }
}

impl SecretStore for KeychainStore {
    fn load(&self, origin: &str) -> Result<Option<String>, KeychainError> {
        self.entry(origin).load()
    }

    fn save(&self, origin: &str, secret: &str) -> Result<(), KeychainError> {
        self.entry(origin).save(secret)
    }

    fn delete(&self, origin: &str) -> Result<bool, KeychainError> {
        self.entry(origin).delete()
    }
}

/// A keychain that never answers: what a desktop without a Secret Service looks like.
pub struct NoKeychain;

impl NoKeychain {
    fn error() -> KeychainError {
        KeychainError::Unavailable {
            reason: "no keychain on this system".into(),
        }
    }
}

impl SecretStore for NoKeychain {
    fn load(&self, _origin: &str) -> Result<Option<String>, KeychainError> {
        Err(Self::error())
    }

    fn save(&self, _origin: &str, _secret: &str) -> Result<(), KeychainError> {
        Err(Self::error())
    }

    fn delete(&self, _origin: &str) -> Result<bool, KeychainError> {
        Err(Self::error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_api_keeps_the_entry_earlier_versions_used() {
        let store = KeychainStore::app();
        assert_eq!(
            store.entry(&wayin_api::BaseUrl::default().origin()),
            Keychain::default_entry()
        );
        assert_ne!(
            store.entry("http://127.0.0.1:8787"),
            Keychain::default_entry()
        );
    }
}
