//! Everything that can stop a release step, each said with what to do about it.
//!
//! No variant holds the secret key or its password, so no message can print them.

use std::fmt;
use std::path::PathBuf;

/// The variable the secret key is read from, named as tauri-cli names it.
pub const SECRET_KEY_VAR: &str = "TAURI_SIGNING_PRIVATE_KEY";
/// The variable its password is read from (unset means no password).
pub const PASSWORD_VAR: &str = "TAURI_SIGNING_PRIVATE_KEY_PASSWORD";

#[derive(Debug)]
pub enum ReleaseError {
    /// No secret key in the environment.
    SecretKeyMissing,
    /// The secret key is not a base64 minisign secret key file.
    SecretKeyUnreadable { reason: String },
    /// The password does not open the secret key.
    WrongPassword,
    /// minisign failed to make a key pair or a signature.
    Crypto { reason: String },
    /// A version the updater could not compare.
    NotSemver { version: String },
    /// A value that would break the signature's one-line trusted comment.
    BreaksTrustedComment { what: &'static str, value: String },
    /// A file name that cannot be a download URL as it is.
    NotUrlSafe { file: String },
    /// A file that no updater platform installs.
    NotAnUpdaterPackage { file: String },
    /// A file whose name does not say which processor it is for.
    UnknownArchitecture { file: String },
    /// Two files offered for the same updater platform.
    DuplicatePlatform {
        platform: String,
        first: String,
        second: String,
    },
    /// An updater package without its signature.
    MissingSignature { file: String },
    /// A signature that is not for this file or this version.
    SignatureMismatch { file: String, reason: String },
    /// A base download URL that is not http(s).
    BadBaseUrl { url: String },
    /// Nothing to work on.
    NoFiles,
    /// Files that `sha256sum -c` could not tell apart or read back.
    BadChecksumName { file: String },
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        action: &'static str,
        source: std::io::Error,
    },
}

impl ReleaseError {
    /// A failed file operation: `action` is what could not be done ("read", "write", …).
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            action,
            source,
        }
    }
}

impl fmt::Display for ReleaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SecretKeyMissing => write!(
                f,
                "{SECRET_KEY_VAR} is not set: set it to the release secret key (the base64 text \
                 `wayin-release keygen --out FILE` or `cargo tauri signer generate` wrote) or to \
                 the path of that file, and {PASSWORD_VAR} to its password"
            ),
            Self::SecretKeyUnreadable { reason } => write!(
                f,
                "{SECRET_KEY_VAR} does not hold a release secret key ({reason}): it must be the \
                 base64 text of a minisign secret key file, as `wayin-release keygen` and \
                 `cargo tauri signer generate` write it, or the path of such a file"
            ),
            Self::WrongPassword => write!(
                f,
                "the password does not open the release secret key: set {PASSWORD_VAR} to the \
                 password the key was made with (unset or empty if it was made without one)"
            ),
            Self::Crypto { reason } => write!(f, "minisign failed: {reason}"),
            Self::NotSemver { version } => write!(
                f,
                "`{version}` is not a semantic version: use MAJOR.MINOR.PATCH (like 1.4.0), the \
                 form the updater compares versions in"
            ),
            Self::BreaksTrustedComment { what, value } => write!(
                f,
                "the {what} {value:?} contains a tab or a line break, which would break the \
                 signature's trusted comment: rename it"
            ),
            Self::NotUrlSafe { file } => write!(
                f,
                "{file} has characters a download URL would have to change (only letters, digits, \
                 `.`, `_`, `-` and `~` are kept as they are; GitHub turns spaces into dots): \
                 rename it, for example with `-` in place of spaces"
            ),
            Self::NotAnUpdaterPackage { file } => write!(
                f,
                "{file} is not a package the updater installs: give .AppImage, .deb, .rpm, \
                 .app.tar.gz, .msi or -setup.exe files"
            ),
            Self::UnknownArchitecture { file } => write!(
                f,
                "cannot tell which processor {file} is for: its name needs one of amd64, x86_64, \
                 x64, arm64, aarch64, i386, i686, x86, armhf, armv7, riscv64 or (.app.tar.gz) \
                 universal, as `_universal.app.tar.gz`"
            ),
            Self::DuplicatePlatform {
                platform,
                first,
                second,
            } => write!(
                f,
                "{first} and {second} are both for the updater platform {platform}: give one"
            ),
            Self::MissingSignature { file } => write!(
                f,
                "{file} has no signature: run `wayin-release sign --version VERSION {file}` first \
                 (it writes {file}.sig beside it)"
            ),
            Self::SignatureMismatch { file, reason } => write!(
                f,
                "the signature of {file} does not belong in this release ({reason}): sign it again \
                 with `wayin-release sign --version VERSION {file}`"
            ),
            Self::BadBaseUrl { url } => write!(
                f,
                "`{url}` is not a download address: give an http:// or https:// URL of the folder \
                 the files will be published in"
            ),
            Self::NoFiles => write!(f, "no files given"),
            Self::BadChecksumName { file } => write!(
                f,
                "{file} cannot be listed in SHA256SUMS: two files have that name, or it holds a \
                 backslash or a line break that `sha256sum -c` reads differently; rename it"
            ),
            Self::Io {
                path,
                action,
                source,
            } => write!(f, "cannot {action} {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for ReleaseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
