//! Updater signatures: minisign signatures whose trusted comment names the file and the
//! version, as `cargo tauri signer sign` writes them.

use std::fmt;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use minisign::{PublicKey, SecretKey};

use crate::keys::{open_secret_key, public_key_text};
use crate::{base64_text, release_version, ReleaseError};

/// The untrusted comment tauri-cli puts on its signatures, so ours read the same.
const UNTRUSTED_COMMENT: &str = "signature from tauri secret key";

/// An opened release secret key. Opening runs scrypt, so a release opens it once for all
/// of its packages.
pub struct SigningKey {
    secret: SecretKey,
    public: PublicKey,
}

/// Never prints the key.
impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}

impl SigningKey {
    /// Opens `secret` (what `TAURI_SIGNING_PRIVATE_KEY` holds) with `password`.
    pub fn open(secret: &str, password: &str) -> Result<Self, ReleaseError> {
        let secret = open_secret_key(secret, password)?;
        let public = PublicKey::from_secret_key(&secret).map_err(|err| ReleaseError::Crypto {
            reason: err.to_string(),
        })?;
        Ok(Self { secret, public })
    }

    /// The public half, in the form the updater's `pubkey` takes.
    pub fn public_key(&self) -> Result<String, ReleaseError> {
        public_key_text(&self.secret)
    }

    /// Signs what `data` yields as the file `file_name` of release `version`; returns the
    /// base64 of the whole signature file, the updater's `signature` value.
    pub fn sign_reader(
        &self,
        data: impl Read,
        file_name: &str,
        version: &str,
    ) -> Result<String, ReleaseError> {
        let version = release_version(version)?;
        // The trusted comment is one line of tab-separated fields.
        if file_name.contains(['\t', '\r', '\n']) {
            return Err(ReleaseError::BreaksTrustedComment {
                what: "file name",
                value: file_name.to_string(),
            });
        }
        let trusted_comment = format!(
            "timestamp:{}\tfile:{file_name}\tversion:{version}",
            unix_seconds()
        );
        // Handing minisign the public key makes it check the signature it just made.
        let signature = minisign::sign(
            Some(&self.public),
            &self.secret,
            data,
            Some(&trusted_comment),
            Some(UNTRUSTED_COMMENT),
        )
        .map_err(|err| ReleaseError::Crypto {
            reason: err.to_string(),
        })?;
        Ok(base64_text::encode(&signature.to_string()))
    }

    /// Signs the file at `path` under its own name, reading it as a stream.
    pub fn sign_file(&self, path: &Path, version: &str) -> Result<String, ReleaseError> {
        let file_name = path
            .file_name()
            .and_then(|name| name.to_str())
            .ok_or_else(|| ReleaseError::NotUrlSafe {
                file: path.display().to_string(),
            })?;
        let file = File::open(path).map_err(|err| ReleaseError::io(path, "read", err))?;
        self.sign_reader(BufReader::new(file), file_name, version)
    }
}

/// Signs `data` as the file `file_name` of release `version` with the secret key `secret`
/// opened with `password`; returns the base64 of the whole minisign signature file.
pub fn sign(
    secret: &str,
    password: &str,
    data: &[u8],
    file_name: &str,
    version: &str,
) -> Result<String, ReleaseError> {
    SigningKey::open(secret, password)?.sign_reader(data, file_name, version)
}

/// Where the signature of `package` is kept: beside it, with `.sig` added to its name.
pub fn signature_path(package: &Path) -> PathBuf {
    let mut name = package.as_os_str().to_owned();
    name.push(".sig");
    PathBuf::from(name)
}

fn unix_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

#[cfg(test)]
mod tests;
