//! Where the key comes from and whether the API takes it, for both front ends: the key of
//! `WAYIN_API_KEY` when it is set (the keychain is not even asked, so a machine without one
//! works), else the keychain's entry of the API's origin; a key stored for one address is
//! never read for another. A new key is checked with one cheap call before it replaces one.

use wayin_api::{ApiKey, ClientConfig, ErrorKind, WayinClient};
use wayin_keychain::KeychainError;

use crate::{AppError, KeySource, SecretStore};

/// Why no key could be read from the keychain.
#[derive(Debug, thiserror::Error)]
pub enum KeyLookupError {
    #[error(transparent)]
    Keychain(#[from] KeychainError),
    #[error("The key stored in the keychain is empty or malformed.")]
    Malformed,
}

/// The key to call the API at `origin` with: `env_key` when there is one, else what
/// `secrets` holds for `origin`; `None` when neither has a key. Blocking: the keychain is
/// asked on the calling thread.
pub fn find_key(
    env_key: Option<ApiKey>,
    secrets: &dyn SecretStore,
    origin: &str,
) -> Result<Option<(ApiKey, KeySource)>, KeyLookupError> {
    if let Some(key) = env_key {
        return Ok(Some((key, KeySource::Env)));
    }
    match secrets.load(origin)? {
        None => Ok(None),
        Some(stored) => ApiKey::new(stored)
            .map(|key| Some((key, KeySource::Keychain)))
            .ok_or(KeyLookupError::Malformed),
    }
}

/// One cheap call with a new key, once and without retries. A key the API refuses (or an
/// address it cannot be sent to) is [`AppError::Api`]; when the API cannot answer it is
/// [`AppError::KeyUnchecked`], and the person decides whether to keep the key anyway.
pub async fn check_key(config: ClientConfig) -> Result<(), AppError> {
    match WayinClient::check_new_key(config).await {
        Ok(()) => Ok(()),
        Err(e) if matches!(e.kind(), ErrorKind::KeyRejected | ErrorKind::InvalidConfig) => {
            Err(e.into())
        }
        Err(e) => Err(AppError::KeyUnchecked(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Mutex;

    /// A keychain in memory that counts how often it is asked.
    #[derive(Default)]
    struct Recorded {
        keys: HashMap<String, String>,
        asked: Mutex<usize>,
    }

    impl SecretStore for Recorded {
        fn load(&self, origin: &str) -> Result<Option<String>, KeychainError> {
            *self.asked.lock().unwrap() += 1;
            Ok(self.keys.get(origin).cloned())
        }
        fn save(&self, _: &str, _: &str) -> Result<(), KeychainError> {
            unreachable!("a lookup never writes")
        }
        fn delete(&self, _: &str) -> Result<bool, KeychainError> {
            unreachable!("a lookup never deletes")
        }
    }

    fn stored(origin: &str, key: &str) -> Recorded {
        Recorded {
            keys: HashMap::from([(origin.to_owned(), key.to_owned())]),
            ..Recorded::default()
        }
    }

    #[test]
    fn the_variable_wins_without_asking_the_keychain() {
        let secrets = stored("https://api.example", "sk_stored_0000");
        let env = ApiKey::new("sk_from_env_1234");
        let (key, source) = find_key(env, &secrets, "https://api.example")
            .unwrap()
            .unwrap();
        assert_eq!((key.last4().as_str(), source), ("1234", KeySource::Env));
        assert_eq!(*secrets.asked.lock().unwrap(), 0);
    }

    #[test]
    fn a_key_is_read_only_for_the_origin_it_was_stored_for() {
        let secrets = stored("https://api.example", "sk_stored_0000");
        let found = find_key(None, &secrets, "https://api.example").unwrap();
        assert_eq!(found.map(|(_, source)| source), Some(KeySource::Keychain));
        assert!(find_key(None, &secrets, "http://127.0.0.1:8787")
            .unwrap()
            .is_none());
    }

    #[test]
    fn a_malformed_stored_key_is_said_so_and_not_echoed() {
        let secrets = stored("https://api.example", "sk_bad\u{7}key");
        let err = find_key(None, &secrets, "https://api.example").unwrap_err();
        assert!(matches!(err, KeyLookupError::Malformed));
        assert!(!err.to_string().contains("sk_bad"));
    }
}
