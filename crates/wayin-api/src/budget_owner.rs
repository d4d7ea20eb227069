//! The name under which every process using one key with one API shares a request budget.
//!
//! The name is kept in the shared store, which a person may copy or back up. It is a slow,
//! salted hash of the API's origin and the key: the salt is the installation's own (kept in
//! that store), so no table made in advance applies, and each guess at a key costs the
//! hash's full work. Computed once per process for each key and salt.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::ApiKey;

/// PBKDF2-HMAC-SHA256 rounds: tens of milliseconds once per key and process here, the
/// same for every guess someone holding a copy of the store makes.
const ROUNDS: u32 = 100_000;

/// One API origin and one key: whoever shares their request budget.
#[derive(Clone)]
pub struct BudgetOwner {
    origin: String,
    key: ApiKey,
}

impl std::fmt::Debug for BudgetOwner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BudgetOwner")
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

impl BudgetOwner {
    pub fn new(origin: String, key: ApiKey) -> Self {
        BudgetOwner { origin, key }
    }

    /// The budget's name under this installation's `salt`: 32 hex digits from which the key
    /// cannot be read back. The first call for a key and salt does the hash's work.
    pub fn id(&self, salt: &[u8]) -> String {
        let memo_key: [u8; 32] = Sha256::new()
            .chain_update(salt)
            .chain_update(b"\0")
            .chain_update(self.origin.as_bytes())
            .chain_update(b"\0")
            .chain_update(self.key.expose().as_bytes())
            .finalize()
            .into();
        static MEMO: OnceLock<Mutex<HashMap<[u8; 32], String>>> = OnceLock::new();
        let memo = MEMO.get_or_init(Default::default);
        if let Some(id) = memo
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&memo_key)
        {
            return id.clone();
        }
        let id = self.slow_id(salt);
        memo.lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(memo_key, id.clone());
        id
    }

    fn slow_id(&self, salt: &[u8]) -> String {
        let mut password = Vec::with_capacity(self.origin.len() + 1 + self.key.expose().len());
        password.extend_from_slice(self.origin.as_bytes());
        password.push(0);
        password.extend_from_slice(self.key.expose().as_bytes());
        let mut labelled_salt = b"wayin-clip-exporter request budget\0".to_vec();
        labelled_salt.extend_from_slice(salt);
        pbkdf2_first_block(&password, &labelled_salt, ROUNDS)[..16]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// The first 32-byte block of PBKDF2-HMAC-SHA256 (RFC 8018), all a 16-byte name needs.
fn pbkdf2_first_block(password: &[u8], salt: &[u8], rounds: u32) -> [u8; 32] {
    let mac = Hmac::<Sha256>::new_from_slice(password).expect("HMAC takes a key of any length");
    let mut block: [u8; 32] = mac
        .clone()
        .chain_update(salt)
        .chain_update(1u32.to_be_bytes())
        .finalize()
        .into_bytes()
        .into();
    let mut sum = block;
    for _ in 1..rounds {
        block = mac
            .clone()
            .chain_update(block)
            .finalize()
            .into_bytes()
            .into();
        for (total, byte) in sum.iter_mut().zip(block) {
            *total ^= byte;
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    // RFC 7914, section 11: PBKDF2-HMAC-SHA256 of "passwd" / "salt", one round.
    #[test]
    fn the_hash_is_pbkdf2_hmac_sha256() {
        assert_eq!(
            hex(&pbkdf2_first_block(b"passwd", b"salt", 1)),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
    }

    fn owner(origin: &str, key: &str) -> BudgetOwner {
        BudgetOwner::new(origin.into(), ApiKey::new(key).unwrap())
    }

    #[test]
    fn the_name_depends_on_the_origin_the_key_and_the_installation() {
        let id = owner("https://wayinvideo-api.wayin.ai", "wayin_sk_live_abcd1234").id(b"one");
        assert_eq!(id.len(), 32);
        assert!(!id.contains("abcd1234"));
        assert_eq!(
            id,
            owner("https://wayinvideo-api.wayin.ai", "wayin_sk_live_abcd1234").id(b"one")
        );
        for other in [
            owner("https://wayinvideo-api.wayin.ai", "wayin_sk_live_other").id(b"one"),
            owner("http://127.0.0.1:8787", "wayin_sk_live_abcd1234").id(b"one"),
            owner("https://wayinvideo-api.wayin.ai", "wayin_sk_live_abcd1234").id(b"two"),
        ] {
            assert_ne!(id, other);
        }
        assert!(
            !format!("{:?}", owner("https://a.example", "wayin_sk_live_abcd1234")).contains("abcd")
        );
    }
}
