//! The keychain entries that hold WayinVideo API keys: one per API origin.
//!
//! A key belongs to the origin it was entered for and is only ever read back for
//! that origin, so pointing the app at another address never carries a stored
//! key there. The WayinVideo API itself keeps the entry name earlier versions
//! used, so existing users keep their key.
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
/// Account name of the API key entry of the WayinVideo API.
pub const ACCOUNT: &str = "api-key";
/// The WayinVideo API's origin (scheme, host and port of its default address).
pub const WAYIN_ORIGIN: &str = "https://wayinvideo-api.wayin.ai";

/// The account that holds the key for `origin` (`scheme://host[:port]`): the
/// historic name for WayinVideo's own API, a name that carries the origin for
/// any other.
pub fn account_for_origin(origin: &str) -> String {
    if origin == WAYIN_ORIGIN {
        ACCOUNT.to_owned()
    } else {
        format!("{ACCOUNT}@{origin}")
    }
}

/// Address of one keychain entry. Holds no secret, so `Debug` is safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keychain {
    service: String,
    account: String,
}

impl Keychain {
    /// The entry the app and the CLI share for the WayinVideo API.
    pub fn default_entry() -> Self {
        Self::new(SERVICE, ACCOUNT)
    }

    /// The entry of `service` that holds the key for API `origin`.
    pub fn for_origin(service: impl Into<String>, origin: &str) -> Self {
        Self::new(service, account_for_origin(origin))
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
