//! The release key pair, in the form Tauri keeps it: each half is the base64 of a minisign
//! key file's text.

use std::fmt;

use minisign::{ErrorKind, PublicKey, SecretKey, SecretKeyBox};

use crate::base64_text;
use crate::ReleaseError;

/// A new release key pair.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyPair {
    /// What the updater's `pubkey` holds: base64 of the minisign public key file.
    pub public: String,
    /// What `TAURI_SIGNING_PRIVATE_KEY` holds: base64 of the minisign secret key file,
    /// encrypted with the password it was made with.
    pub secret: String,
}

/// Never prints the secret half, so a `{:?}` in a log or a panic cannot leak it.
impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPair")
            .field("public", &self.public)
            .field("secret", &"<redacted>")
            .finish()
    }
}

/// A new key pair whose secret half is encrypted with `password`.
///
/// An empty password still goes through minisign's encryption, as `cargo tauri signer
/// generate` does it, so the key opens with an empty password in both tools.
pub fn generate_key_pair(password: &str) -> Result<KeyPair, ReleaseError> {
    // `Some`, always: with `None` minisign asks for a password on the terminal.
    let pair =
        minisign::KeyPair::generate_encrypted_keypair(Some(password.to_owned())).map_err(crypto)?;
    let public = pair.pk.to_box().map_err(crypto)?.to_string();
    let secret = pair.sk.to_box(None).map_err(crypto)?.to_string();
    Ok(KeyPair {
        public: base64_text::encode(&public),
        secret: base64_text::encode(&secret),
    })
}

/// Opens the secret key `secret` (base64 of a minisign secret key file) with `password`.
pub(crate) fn open_secret_key(secret: &str, password: &str) -> Result<SecretKey, ReleaseError> {
    let text = base64_text::decode(secret)
        .map_err(|reason| ReleaseError::SecretKeyUnreadable { reason })?;
    // Always decrypted, as tauri-cli 2 does: its keys are encrypted even with an empty
    // password, and one stored in the clear is refused by both tools alike.
    SecretKeyBox::from_string(&text)
        .map_err(unreadable_secret)?
        .into_secret_key(Some(password.to_owned()))
        .map_err(|err| match err.kind() {
            // The checksum inside the key did not match after decryption.
            ErrorKind::Verify => ReleaseError::WrongPassword,
            _ => unreadable_secret(err),
        })
}

/// The public half of an opened secret key, in the updater's `pubkey` form.
pub(crate) fn public_key_text(secret: &SecretKey) -> Result<String, ReleaseError> {
    let public = PublicKey::from_secret_key(secret).map_err(crypto)?;
    Ok(base64_text::encode(
        &public.to_box().map_err(crypto)?.to_string(),
    ))
}

fn crypto(err: minisign::PError) -> ReleaseError {
    ReleaseError::Crypto {
        reason: err.to_string(),
    }
}

/// minisign's messages name what is wrong with a key's layout, never its bytes.
fn unreadable_secret(err: minisign::PError) -> ReleaseError {
    ReleaseError::SecretKeyUnreadable {
        reason: err.to_string(),
    }
}
