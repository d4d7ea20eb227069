//! Which updater platforms a package serves, by its file name.
//!
//! The plugin looks for `{os}-{arch}-{installer}` first, then `{os}-{arch}` (`updater_os`,
//! `updater_arch`, `Installer::name` in tauri-plugin-updater 2): `linux`, `darwin` or
//! `windows`; `x86_64`, `aarch64`, `i686`, `armv7` or `riscv64`; `appimage`, `deb`, `rpm`,
//! `app`, `msi` or `nsis`. The short `{os}-{arch}` key is what an install whose own key is
//! missing falls back to, so it goes to the package that replaces itself in place: the
//! AppImage on Linux (a .deb or .rpm written over an AppImage would break it), the
//! per-user NSIS installer on Windows, the app archive on macOS.

use crate::ReleaseError;

/// The kinds of package the updater installs, by how their file names end.
#[derive(Clone, Copy)]
enum Package {
    AppImage,
    Deb,
    Rpm,
    MacApp,
    Msi,
    Nsis,
}

impl Package {
    fn of(file_name: &str) -> Option<(Self, &str)> {
        // Archives of an AppImage or an installer are not listed: the app's updater is
        // built without the plugin's `zip` feature and installs the files as they are.
        const ENDINGS: [(&str, Package); 6] = [
            (".AppImage", Package::AppImage),
            (".deb", Package::Deb),
            (".rpm", Package::Rpm),
            (".app.tar.gz", Package::MacApp),
            (".msi", Package::Msi),
            ("-setup.exe", Package::Nsis),
        ];
        ENDINGS.iter().find_map(|&(ending, package)| {
            file_name
                .strip_suffix(ending)
                .filter(|stem| !stem.is_empty())
                .map(|stem| (package, stem))
        })
    }

    fn os(self) -> &'static str {
        match self {
            Self::AppImage | Self::Deb | Self::Rpm => "linux",
            Self::MacApp => "darwin",
            Self::Msi | Self::Nsis => "windows",
        }
    }

    fn installer(self) -> &'static str {
        match self {
            Self::AppImage => "appimage",
            Self::Deb => "deb",
            Self::Rpm => "rpm",
            Self::MacApp => "app",
            Self::Msi => "msi",
            Self::Nsis => "nsis",
        }
    }

    /// Whether this package also answers for `{os}-{arch}`.
    fn is_fallback(self) -> bool {
        matches!(self, Self::AppImage | Self::MacApp | Self::Nsis)
    }
}

/// The updater platform keys `file_name` is offered under, in the plugin's spelling.
///
/// A universal macOS app (`…_universal.app.tar.gz`) is offered to both Mac architectures.
pub fn updater_platforms(file_name: &str) -> Result<Vec<String>, ReleaseError> {
    let (package, stem) =
        Package::of(file_name).ok_or_else(|| ReleaseError::NotAnUpdaterPackage {
            file: file_name.to_string(),
        })?;
    let os = package.os();
    let mut keys = Vec::new();
    for arch in architectures(stem, package).ok_or_else(|| ReleaseError::UnknownArchitecture {
        file: file_name.to_string(),
    })? {
        match package {
            // Each install of a universal app asks under its own architecture's short key.
            Package::MacApp => keys.push(format!("{os}-{arch}")),
            _ => {
                keys.push(format!("{os}-{arch}-{}", package.installer()));
                if package.is_fallback() {
                    keys.push(format!("{os}-{arch}"));
                }
            }
        }
    }
    Ok(keys)
}

/// The plugin's architecture names for the one architecture `stem` names, as Tauri's
/// bundler and the distributions spell it (`amd64`, `x86_64`, `x64`, …).
fn architectures(stem: &str, package: Package) -> Option<&'static [&'static str]> {
    // `x86_64` is one word, though `_` separates the name's other words.
    let stem = stem.replace("x86_64", "amd64");
    let mut found: Option<&'static [&'static str]> = None;
    for word in stem.split(['_', '-', '.', ' ']) {
        let arch: &'static [&'static str] = match word.to_ascii_lowercase().as_str() {
            "amd64" | "x64" => &["x86_64"],
            "arm64" | "aarch64" => &["aarch64"],
            "i386" | "i686" | "x86" => &["i686"],
            "armhf" | "armhfp" | "armv7" | "armv7l" => &["armv7"],
            "riscv64" => &["riscv64"],
            "universal" if matches!(package, Package::MacApp) => &["aarch64", "x86_64"],
            _ => continue,
        };
        match found {
            Some(earlier) if earlier != arch => return None,
            _ => found = Some(arch),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(name: &str) -> Vec<String> {
        updater_platforms(name).unwrap_or_else(|err| panic!("{name}: {err}"))
    }

    #[test]
    fn linux_packages_as_tauris_bundler_names_them() {
        assert_eq!(
            keys("Wayin-Clip-Exporter_0.1.0_amd64.deb"),
            ["linux-x86_64-deb"]
        );
        assert_eq!(
            keys("Wayin-Clip-Exporter-0.1.0-1.x86_64.rpm"),
            ["linux-x86_64-rpm"]
        );
        assert_eq!(
            keys("Wayin-Clip-Exporter_0.1.0_amd64.AppImage"),
            ["linux-x86_64-appimage", "linux-x86_64"]
        );
        assert_eq!(
            keys("Wayin-Clip-Exporter_0.1.0_arm64.deb"),
            ["linux-aarch64-deb"]
        );
        assert_eq!(
            keys("Wayin-Clip-Exporter-0.1.0-1.aarch64.rpm"),
            ["linux-aarch64-rpm"]
        );
    }

    #[test]
    fn windows_installers_with_nsis_as_the_fallback() {
        assert_eq!(
            keys("Wayin-Clip-Exporter_0.1.0_x64-setup.exe"),
            ["windows-x86_64-nsis", "windows-x86_64"]
        );
        assert_eq!(
            keys("Wayin-Clip-Exporter_0.1.0_x64_en-US.msi"),
            ["windows-x86_64-msi"]
        );
        assert_eq!(
            keys("Wayin-Clip-Exporter_0.1.0_arm64-setup.exe"),
            ["windows-aarch64-nsis", "windows-aarch64"]
        );
    }

    #[test]
    fn a_universal_mac_app_serves_both_mac_architectures() {
        assert_eq!(
            keys("Wayin-Clip-Exporter_0.1.0_universal.app.tar.gz"),
            ["darwin-aarch64", "darwin-x86_64"]
        );
        assert_eq!(
            keys("Wayin-Clip-Exporter_0.1.0_aarch64.app.tar.gz"),
            ["darwin-aarch64"]
        );
        assert_eq!(
            keys("Wayin-Clip-Exporter_0.1.0_x64.app.tar.gz"),
            ["darwin-x86_64"]
        );
    }

    #[test]
    fn files_the_updater_does_not_install_are_refused() {
        for name in [
            "Wayin-Clip-Exporter_0.1.0_universal.dmg",
            "Wayin-Clip-Exporter_0.1.0_amd64.AppImage.tar.gz",
            "Wayin-Clip-Exporter_0.1.0_x64_en-US.msi.zip",
            "SHA256SUMS",
            ".deb",
        ] {
            assert!(
                matches!(
                    updater_platforms(name),
                    Err(ReleaseError::NotAnUpdaterPackage { .. })
                ),
                "{name} was accepted"
            );
        }
    }

    #[test]
    fn a_name_without_one_clear_architecture_is_refused() {
        for name in [
            "Wayin-Clip-Exporter_0.1.0.deb",
            "Wayin-Clip-Exporter.app.tar.gz",
            "Wayin-Clip-Exporter_0.1.0_amd64_arm64.deb",
            "Wayin-Clip-Exporter_0.1.0_universal.deb",
        ] {
            assert!(
                matches!(
                    updater_platforms(name),
                    Err(ReleaseError::UnknownArchitecture { .. })
                ),
                "{name} was accepted"
            );
        }
    }
}
