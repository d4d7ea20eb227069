//! The updater plugin's side, restated for the tests from tauri-plugin-updater 2's
//! `updater.rs` (the same in 2.12 and 2.14): how it reads `latest.json` (`RemoteRelease`), picks a platform
//! (`get_urls`) and checks a download (`verify_signature`, `verify_signed_version`,
//! `signed_version`), with the same crates (minisign-verify, base64, semver, time).

use std::collections::HashMap;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// `ReleaseManifestPlatform`.
#[derive(Debug, Deserialize)]
pub struct Platform {
    pub url: String,
    pub signature: String,
}

/// `RemoteRelease`, static form.
#[derive(Debug)]
pub struct RemoteRelease {
    pub version: semver::Version,
    pub notes: Option<String>,
    pub pub_date: Option<OffsetDateTime>,
    pub platforms: HashMap<String, Platform>,
}

/// `InnerRemoteRelease`: the fields the plugin deserialises.
#[derive(Deserialize)]
struct Inner {
    #[serde(alias = "name")]
    version: String,
    notes: Option<String>,
    pub_date: Option<String>,
    platforms: Option<HashMap<String, Platform>>,
}

/// `latest.json` read as the plugin reads it, or why it would refuse it.
pub fn read_manifest(json: &str) -> Result<RemoteRelease, String> {
    let inner: Inner = serde_json::from_str(json).map_err(|err| err.to_string())?;
    let version = semver::Version::parse(inner.version.trim_start_matches('v'))
        .map_err(|err| format!("version: {err}"))?;
    let pub_date = inner
        .pub_date
        .map(|date| OffsetDateTime::parse(&date, &Rfc3339))
        .transpose()
        .map_err(|err| format!("invalid value for `pub_date`: {err}"))?;
    let platforms = inner
        .platforms
        .ok_or("no `platforms`: the plugin would want `url` and `signature` at the top")?;
    for platform in platforms.values() {
        // The plugin's `url` is a `Url`: it must parse.
        url::Url::parse(&platform.url).map_err(|err| format!("{}: {err}", platform.url))?;
    }
    Ok(RemoteRelease {
        version,
        notes: inner.notes,
        pub_date,
        platforms,
    })
}

/// `get_urls`: `{os}-{arch}-{installer}` first, then `{os}-{arch}`.
pub fn pick<'a>(
    release: &'a RemoteRelease,
    os: &str,
    arch: &str,
    installer: Option<&str>,
) -> Option<(&'a str, &'a Platform)> {
    let mut targets = Vec::new();
    if let Some(installer) = installer {
        targets.push(format!("{os}-{arch}-{installer}"));
    }
    targets.push(format!("{os}-{arch}"));
    targets.into_iter().find_map(|target| {
        release
            .platforms
            .get_key_value(&target)
            .map(|(key, platform)| (key.as_str(), platform))
    })
}

/// `verify_signature` with `require_signed_version` on, as the app sets it.
pub fn verify(
    data: &[u8],
    release_signature: &str,
    pub_key: &str,
    announced_version: &str,
) -> Result<(), String> {
    let pub_key_decoded = base64_to_string(pub_key)?;
    let public_key =
        minisign_verify::PublicKey::decode(&pub_key_decoded).map_err(|err| err.to_string())?;
    let signature_decoded = base64_to_string(release_signature)?;
    let signature =
        minisign_verify::Signature::decode(&signature_decoded).map_err(|err| err.to_string())?;
    public_key
        .verify(data, &signature, true)
        .map_err(|err| err.to_string())?;
    verify_signed_version(signature.trusted_comment(), announced_version)
}

fn verify_signed_version(trusted_comment: &str, announced_version: &str) -> Result<(), String> {
    let signed_version = signed_version(trusted_comment).ok_or("MissingSignedVersion")?;
    let matches = match (
        semver::Version::parse(signed_version.trim_start_matches('v')),
        semver::Version::parse(announced_version.trim_start_matches('v')),
    ) {
        (Ok(signed), Ok(announced)) => signed == announced,
        _ => signed_version == announced_version,
    };
    if matches {
        Ok(())
    } else {
        Err(format!(
            "SignedVersionMismatch: signed {signed_version}, announced {announced_version}"
        ))
    }
}

pub fn signed_version(trusted_comment: &str) -> Option<&str> {
    trusted_comment
        .split('\t')
        .find_map(|field| field.strip_prefix("version:"))
}

fn base64_to_string(base64_string: &str) -> Result<String, String> {
    let decoded = STANDARD
        .decode(base64_string)
        .map_err(|err| err.to_string())?;
    String::from_utf8(decoded).map_err(|_| "SignatureUtf8".to_string())
}
