//! `latest.json`: the static manifest the updater plugin fetches, in the shape its
//! `RemoteRelease` reads (`version`, `notes`, `pub_date`, `platforms`).

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::{base64_text, release_version, updater_platforms, ReleaseError};

/// The manifest's file name, published beside the packages.
pub const MANIFEST_FILE: &str = "latest.json";

/// A release as the updater sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Semver, without a `v`.
    pub version: String,
    /// Shown to the person before they update.
    pub notes: String,
    /// RFC 3339, in UTC.
    pub pub_date: String,
    /// By the plugin's platform key (`linux-x86_64-deb`, `darwin-aarch64`, …).
    pub platforms: BTreeMap<String, PlatformEntry>,
}

/// One platform's download.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformEntry {
    /// The base64 signature file text, as `sign` returns it.
    pub signature: String,
    pub url: String,
}

/// A signed package to list: its file name as published, and its signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdaterPackage {
    pub file_name: String,
    pub signature: String,
}

impl Manifest {
    /// The manifest as it is published.
    pub fn to_json(&self) -> String {
        let mut json =
            serde_json::to_string_pretty(self).expect("strings and maps always serialise");
        json.push('\n');
        json
    }
}

/// The manifest of release `version`, published at `published`, whose packages are
/// downloaded from `base_url` (a folder URL; `{version}` in it is replaced by the
/// version). Each package is checked to carry a signature made for it and this version, so
/// a stale or swapped `.sig` is caught here rather than by every app that updates.
pub fn build_manifest(
    version: &str,
    notes: &str,
    published: SystemTime,
    base_url: &str,
    packages: &[UpdaterPackage],
) -> Result<Manifest, ReleaseError> {
    let version = release_version(version)?;
    let base_url = download_folder(base_url, &version)?;
    if packages.is_empty() {
        return Err(ReleaseError::NoFiles);
    }
    let mut platforms: BTreeMap<String, PlatformEntry> = BTreeMap::new();
    let mut offered_by: BTreeMap<String, &str> = BTreeMap::new();
    for package in packages {
        let name = package.file_name.as_str();
        if !is_url_safe(name) {
            return Err(ReleaseError::NotUrlSafe {
                file: name.to_string(),
            });
        }
        let keys = updater_platforms(name)?;
        check_signature(package, &version)?;
        for key in keys {
            if let Some(first) = offered_by.insert(key.clone(), name) {
                return Err(ReleaseError::DuplicatePlatform {
                    platform: key,
                    first: first.to_string(),
                    second: name.to_string(),
                });
            }
            platforms.insert(
                key,
                PlatformEntry {
                    signature: package.signature.clone(),
                    url: format!("{base_url}/{name}"),
                },
            );
        }
    }
    Ok(Manifest {
        version,
        notes: notes.to_string(),
        pub_date: rfc3339(published),
        platforms,
    })
}

/// `base_url` with `{version}` filled in and no trailing slash.
fn download_folder(base_url: &str, version: &str) -> Result<String, ReleaseError> {
    let url = base_url.replace("{version}", version);
    let url = url.trim_end_matches('/');
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match host {
        Some(rest) if !rest.is_empty() && !rest.contains(char::is_whitespace) => {
            Ok(url.to_string())
        }
        _ => Err(ReleaseError::BadBaseUrl {
            url: base_url.to_string(),
        }),
    }
}

/// Whether `name` is the same in a URL and after an upload to a release host: letters,
/// digits and `._-~` only (RFC 3986's unreserved characters).
fn is_url_safe(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '~'))
}

/// The signature is read, not verified (that is the app's job, with the public key): its
/// trusted comment must name this file and this version.
fn check_signature(package: &UpdaterPackage, version: &str) -> Result<(), ReleaseError> {
    if package.signature.trim().is_empty() {
        return Err(ReleaseError::MissingSignature {
            file: package.file_name.clone(),
        });
    }
    let mismatch = |reason: String| ReleaseError::SignatureMismatch {
        file: package.file_name.clone(),
        reason,
    };
    let text = base64_text::decode(&package.signature)
        .map_err(|reason| mismatch(format!("not a signature: {reason}")))?;
    let comment = minisign::SignatureBox::from_string(&text)
        .and_then(|signature| signature.trusted_comment())
        .map_err(|err| mismatch(format!("not a minisign signature: {err}")))?;
    let field = |name: &str| {
        comment
            .split('\t')
            .find_map(|field| field.strip_prefix(name))
            .map(str::to_string)
    };
    let signed_version = field("version:")
        .ok_or_else(|| mismatch("it names no version; the app requires one".into()))?;
    if release_version(&signed_version).ok().as_deref() != Some(version) {
        return Err(mismatch(format!(
            "signed for version {signed_version}, not {version}"
        )));
    }
    match field("file:") {
        Some(signed_file) if signed_file == package.file_name => Ok(()),
        Some(signed_file) => Err(mismatch(format!("signed as {signed_file}"))),
        None => Err(mismatch("it names no file".into())),
    }
}

fn rfc3339(when: SystemTime) -> String {
    let seconds = when
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    OffsetDateTime::from_unix_timestamp(seconds as i64)
        .ok()
        .and_then(|date| date.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string())
}

#[cfg(test)]
mod tests;
