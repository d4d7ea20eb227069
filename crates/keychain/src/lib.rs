//! The one keychain entry that holds the WayinVideo API key.
//!
//! Backed by the platform's own store through `keyring` (macOS Keychain,
//! Windows Credential Manager, the Secret Service on Linux). There is
//! deliberately no in-memory fallback: when no store answers, callers get
//! [`KeychainError::Unavailable`] and can keep the key for the session only.
//!
//! Every call talks to the store synchronously (over D-Bus on Linux); async
//! callers should run it on a blocking thread.

mod classify;
mod error;

pub use error::KeychainError;

/// Service name under which the app stores its key.
pub const SERVICE: &str = "wayin-clip-exporter";
/// Account name of the API key entry.
pub const ACCOUNT: &str = "api-key";

/// Address of one keychain entry. Holds no secret, so `Debug` is safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keychain {
    service: String,
    account: String,
}

impl Keychain {
    /// The entry the app and the CLI share.
    pub fn default_entry() -> Self {
        Self::new(SERVICE, ACCOUNT)
    }

    pub fn new(service: impl Into<String>, account: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            account: account.into(),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    /// The stored key, or `None` when nothing is stored.
    pub fn load(&self) -> Result<Option<String>, KeychainError> {
        match self.entry()?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(classify::keychain_error(err)),
        }
    }

    /// Stores `secret`, replacing any key already there.
    pub fn save(&self, secret: &str) -> Result<(), KeychainError> {
        if secret.is_empty() {
            return Err(KeychainError::Failed {
                reason: "an empty key cannot be stored".into(),
            });
        }
        self.entry()?
            .set_password(secret)
            .map_err(classify::keychain_error)
    }

    /// Removes the key. `Ok(false)` when nothing was stored.
    pub fn delete(&self) -> Result<bool, KeychainError> {
        match self.entry()?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(err) => Err(classify::keychain_error(err)),
        }
    }

    // A fresh entry per call: nothing read from the store is cached in-process.
    fn entry(&self) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(&self.service, &self.account).map_err(classify::keychain_error)
    }
}
