//! The release key from the environment, where tauri-cli reads it too.

use std::path::Path;

use release::{ReleaseError, SigningKey, PASSWORD_VAR, SECRET_KEY_VAR};

/// Opens the key in `TAURI_SIGNING_PRIVATE_KEY` (its base64 text, or the path of a file
/// holding it, as tauri-cli accepts) with `TAURI_SIGNING_PRIVATE_KEY_PASSWORD` (unset: no
/// password).
pub fn signing_key() -> Result<SigningKey, ReleaseError> {
    let value = std::env::var(SECRET_KEY_VAR)
        .ok()
        .filter(|value| !value.trim().is_empty())
        .ok_or(ReleaseError::SecretKeyMissing)?;
    let password = std::env::var(PASSWORD_VAR).unwrap_or_default();
    let secret = match key_file(&value) {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|err| ReleaseError::io(path, "read the secret key file", err))?,
        None => value,
    };
    SigningKey::open(&secret, &password)
}

/// The file `value` names, when it names one. Base64 text holds `/` too, so only a path
/// that exists counts.
fn key_file(value: &str) -> Option<&Path> {
    let path = Path::new(value.trim());
    path.is_file().then_some(path)
}
