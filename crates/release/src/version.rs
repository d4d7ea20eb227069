//! The one spelling of a release's version that goes into signatures and the manifest.

use crate::ReleaseError;

/// `version` as the updater reads it: semver, without the `v` of a tag (`v1.2.0` → `1.2.0`).
/// Anything else is refused, since the plugin compares the manifest's version with the app's
/// and the signed one as semver.
pub fn release_version(version: &str) -> Result<String, ReleaseError> {
    let bare = version.strip_prefix('v').unwrap_or(version);
    semver::Version::parse(bare)
        .map(|parsed| parsed.to_string())
        .map_err(|_| ReleaseError::NotSemver {
            version: version.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_name_becomes_its_bare_version() {
        assert_eq!(release_version("v1.2.0").unwrap(), "1.2.0");
        assert_eq!(release_version("0.1.0").unwrap(), "0.1.0");
        assert_eq!(release_version("2.0.0-beta.1").unwrap(), "2.0.0-beta.1");
    }

    #[test]
    fn versions_the_updater_cannot_compare_are_refused() {
        for bad in ["1.2", "latest", "", "1.2.3\tversion:9.9.9", "v"] {
            assert!(
                matches!(release_version(bad), Err(ReleaseError::NotSemver { .. })),
                "{bad:?} was accepted"
            );
        }
    }
}
