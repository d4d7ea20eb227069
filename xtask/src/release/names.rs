//! What a release's files and folder are called, and the addresses derived from the
//! download folder's.

/// The workspace's version (`[workspace.package] version`), which every crate and the app
/// share, from the text of the root Cargo.toml.
pub fn workspace_version(cargo_toml: &str) -> Option<String> {
    let mut in_section = false;
    for line in cargo_toml.lines().map(str::trim) {
        if line.starts_with('[') {
            in_section = line == "[workspace.package]";
            continue;
        }
        if !in_section {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.trim() == "version" {
            return Some(value.trim().trim_matches('"').to_string());
        }
    }
    None
}

/// The folder a release's files are gathered in, under the bundle folder.
pub fn release_folder_name(version: &str) -> String {
    format!("release-{version}")
}

/// `name` as it can be published: a release host and a URL keep letters, digits and
/// `._-~` as they are (GitHub turns a space into a dot), so anything else becomes `-`.
pub fn published_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '~') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The archive the macOS updater installs, for the app bundle `app_name` (`Name.app`):
/// the bundler's `.app` carries neither version nor architecture in its name, and the
/// manifest needs the architecture.
pub fn mac_archive_name(app_name: &str, version: &str, arch: &str) -> String {
    let product = app_name.strip_suffix(".app").unwrap_or(app_name);
    let arch = match arch {
        "x86_64" => "x64",
        other => other,
    };
    published_name(&format!("{product}_{version}_{arch}.app.tar.gz"))
}

/// `https://github.com/OWNER/REPO` when `base_url` is a GitHub release download folder.
fn github_repository(base_url: &str) -> Option<String> {
    let path = base_url.strip_prefix("https://github.com/")?;
    let mut parts = path.split('/');
    let (owner, repo) = (parts.next()?, parts.next()?);
    let is_release = parts.next() == Some("releases") && parts.next() == Some("download");
    (is_release && !owner.is_empty() && !repo.is_empty())
        .then(|| format!("https://github.com/{owner}/{repo}"))
}

/// Where the app looks for `latest.json`: for GitHub, the newest release's copy, which
/// GitHub serves at a fixed address. Elsewhere there is no such address to derive.
pub fn manifest_url(base_url: &str) -> Option<String> {
    github_repository(base_url).map(|repo| format!("{repo}/releases/latest/download/latest.json"))
}

/// The page a person downloads a new version from by hand.
pub fn download_page(base_url: &str) -> Option<String> {
    github_repository(base_url).map(|repo| format!("{repo}/releases"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::options::DEFAULT_BASE_URL;

    #[test]
    fn the_version_comes_from_the_workspace_package_section() {
        let toml = "[workspace]\nmembers = []\nversion = \"9.9.9\"\n\n\
                    [workspace.package]\nedition = \"2021\"\nversion = \"0.3.1\"\n\n\
                    [workspace.dependencies]\nsemver = { version = \"1\" }\n";
        assert_eq!(workspace_version(toml).as_deref(), Some("0.3.1"));
        assert_eq!(workspace_version("[package]\nversion = \"1.0.0\"\n"), None);
    }

    #[test]
    fn the_real_workspace_has_a_version() {
        let toml =
            std::fs::read_to_string(crate::process::workspace_root().join("Cargo.toml")).unwrap();
        let version = workspace_version(&toml).expect("[workspace.package] version");
        assert_eq!(version.split('.').count(), 3, "{version}");
    }

    #[test]
    fn the_release_folder_is_named_after_the_version() {
        assert_eq!(release_folder_name("1.2.0"), "release-1.2.0");
    }

    #[test]
    fn published_names_have_no_spaces() {
        assert_eq!(
            published_name("Wayin Clip Exporter_0.1.0_amd64.deb"),
            "Wayin-Clip-Exporter_0.1.0_amd64.deb"
        );
        assert_eq!(
            published_name("Wayin Clip Exporter-0.1.0-1.x86_64.rpm"),
            "Wayin-Clip-Exporter-0.1.0-1.x86_64.rpm"
        );
        assert_eq!(published_name("a (1)+b.msi"), "a--1--b.msi");
    }

    #[test]
    fn the_mac_archive_names_its_version_and_architecture() {
        assert_eq!(
            mac_archive_name("Wayin Clip Exporter.app", "0.1.0", "aarch64"),
            "Wayin-Clip-Exporter_0.1.0_aarch64.app.tar.gz"
        );
        assert_eq!(
            mac_archive_name("Wayin Clip Exporter.app", "0.1.0", "x86_64"),
            "Wayin-Clip-Exporter_0.1.0_x64.app.tar.gz"
        );
    }

    #[test]
    fn github_download_folders_give_the_latest_manifest_and_the_releases_page() {
        assert_eq!(
            manifest_url(DEFAULT_BASE_URL).as_deref(),
            Some("https://github.com/wayin-clip-exporter/wayin-clip-exporter/releases/latest/download/latest.json")
        );
        assert_eq!(
            download_page("https://github.com/me/fork/releases/download/v1.0.0").as_deref(),
            Some("https://github.com/me/fork/releases")
        );
    }

    #[test]
    fn other_hosts_give_no_derived_address() {
        assert_eq!(manifest_url("https://dl.example/wayin/{version}"), None);
        assert_eq!(manifest_url("https://github.com/me/fork/archive"), None);
        assert_eq!(download_page("https://github.com/me"), None);
    }
}
