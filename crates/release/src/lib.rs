//! The files a release of the desktop app is published with, made the way Tauri's updater
//! plugin reads them:
//!
//! - a minisign signature of each updater package (`keys`, `signing`), with the release's
//!   version in its trusted comment so the plugin's `requireSignedVersion` check passes;
//! - `SHA256SUMS` for people checking a download by hand (`checksums`);
//! - `latest.json`, the manifest the app's update check fetches (`manifest`, `platforms`).
//!
//! Keys and signatures take the form `cargo tauri signer generate` and `cargo tauri signer
//! sign` give them (the same minisign crate, called the same way), so keys made by either
//! tool work with the other.

mod base64_text;
mod checksums;
mod error;
mod keys;
mod manifest;
mod platforms;
#[cfg(test)]
mod plugin_mirror;
mod signing;
mod version;

pub use checksums::{sha256sums, SHA256SUMS};
pub use error::{ReleaseError, PASSWORD_VAR, SECRET_KEY_VAR};
pub use keys::{generate_key_pair, KeyPair};
pub use manifest::{build_manifest, Manifest, PlatformEntry, UpdaterPackage, MANIFEST_FILE};
pub use platforms::updater_platforms;
pub use signing::{sign, signature_path, SigningKey};
pub use version::release_version;
