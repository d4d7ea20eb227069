use std::collections::BTreeSet;
use std::sync::OnceLock;
use std::time::{Duration, UNIX_EPOCH};

use super::*;
use crate::plugin_mirror;
use crate::{generate_key_pair, KeyPair, SigningKey};

const VERSION: &str = "1.4.0";
const BASE_URL: &str = "https://github.com/owner/repo/releases/download/v{version}";
/// 2026-01-01T00:00:00Z.
const NEW_YEAR: u64 = 1_767_225_600;

const RELEASE_FILES: [&str; 6] = [
    "Wayin-Clip-Exporter_1.4.0_amd64.deb",
    "Wayin-Clip-Exporter-1.4.0-1.x86_64.rpm",
    "Wayin-Clip-Exporter_1.4.0_amd64.AppImage",
    "Wayin-Clip-Exporter_1.4.0_x64-setup.exe",
    "Wayin-Clip-Exporter_1.4.0_x64_en-US.msi",
    "Wayin-Clip-Exporter_1.4.0_universal.app.tar.gz",
];

struct Signer {
    keys: KeyPair,
    key: SigningKey,
}

/// One key for the whole module: opening it runs scrypt.
fn signer() -> &'static Signer {
    static SIGNER: OnceLock<Signer> = OnceLock::new();
    SIGNER.get_or_init(|| {
        let keys = generate_key_pair("pw").unwrap();
        let key = SigningKey::open(&keys.secret, "pw").unwrap();
        Signer { keys, key }
    })
}

/// Each file's pretend contents: its own name, so a wrong pick shows as a failed check.
fn contents(file_name: &str) -> Vec<u8> {
    format!("contents of {file_name}").into_bytes()
}

fn signed(file_name: &str, version: &str) -> UpdaterPackage {
    UpdaterPackage {
        file_name: file_name.to_string(),
        signature: signer()
            .key
            .sign_reader(contents(file_name).as_slice(), file_name, version)
            .unwrap(),
    }
}

fn release_packages() -> Vec<UpdaterPackage> {
    RELEASE_FILES
        .iter()
        .map(|name| signed(name, VERSION))
        .collect()
}

fn published() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(NEW_YEAR)
}

fn build(packages: &[UpdaterPackage]) -> Result<Manifest, ReleaseError> {
    build_manifest(VERSION, "Faster exports.", published(), BASE_URL, packages)
}

#[test]
fn what_we_write_reads_back_as_the_plugins_remote_release() {
    let json = build(&release_packages()).unwrap().to_json();
    let release = plugin_mirror::read_manifest(&json).unwrap();

    assert_eq!(release.version, semver::Version::new(1, 4, 0));
    assert_eq!(release.notes.as_deref(), Some("Faster exports."));
    assert_eq!(
        release.pub_date.map(|date| date.unix_timestamp()),
        Some(NEW_YEAR as i64)
    );
    let keys: BTreeSet<&str> = release.platforms.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "darwin-aarch64",
            "darwin-x86_64",
            "linux-x86_64",
            "linux-x86_64-appimage",
            "linux-x86_64-deb",
            "linux-x86_64-rpm",
            "windows-x86_64",
            "windows-x86_64-msi",
            "windows-x86_64-nsis",
        ])
    );
}

#[test]
fn each_install_finds_its_own_package_and_its_signature_checks_out() {
    let json = build(&release_packages()).unwrap().to_json();
    let release = plugin_mirror::read_manifest(&json).unwrap();
    let download = "https://github.com/owner/repo/releases/download/v1.4.0/";

    // (os, arch, the installer the running app was bundled as, the file it must get)
    let installs = [
        ("linux", "x86_64", Some("deb"), RELEASE_FILES[0]),
        ("linux", "x86_64", Some("rpm"), RELEASE_FILES[1]),
        ("linux", "x86_64", Some("appimage"), RELEASE_FILES[2]),
        ("linux", "x86_64", None, RELEASE_FILES[2]),
        ("windows", "x86_64", Some("nsis"), RELEASE_FILES[3]),
        ("windows", "x86_64", Some("msi"), RELEASE_FILES[4]),
        ("windows", "x86_64", None, RELEASE_FILES[3]),
        ("darwin", "aarch64", Some("app"), RELEASE_FILES[5]),
        ("darwin", "x86_64", Some("app"), RELEASE_FILES[5]),
    ];
    for (os, arch, installer, file) in installs {
        let (key, platform) = plugin_mirror::pick(&release, os, arch, installer)
            .unwrap_or_else(|| panic!("no entry for {os}-{arch} {installer:?}"));
        assert_eq!(platform.url, format!("{download}{file}"), "{key}");
        plugin_mirror::verify(
            &contents(file),
            &platform.signature,
            &signer().keys.public,
            &release.version.to_string(),
        )
        .unwrap_or_else(|err| panic!("{key}: {err}"));
    }
    assert!(plugin_mirror::pick(&release, "linux", "aarch64", Some("deb")).is_none());
}

#[test]
fn the_json_has_exactly_the_fields_the_plugin_reads() {
    let json = build(&release_packages()).unwrap().to_json();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let top: BTreeSet<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        top,
        BTreeSet::from(["version", "notes", "pub_date", "platforms"])
    );
    assert_eq!(value["version"], "1.4.0");
    assert_eq!(value["pub_date"], "2026-01-01T00:00:00Z");
    for (key, entry) in value["platforms"].as_object().unwrap() {
        let fields: BTreeSet<&str> = entry
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(fields, BTreeSet::from(["signature", "url"]), "{key}");
    }
    assert!(json.ends_with("}\n"));
}

#[test]
fn a_trailing_slash_on_the_base_url_makes_no_double_slash() {
    let manifest = build_manifest(
        "v1.4.0",
        "",
        published(),
        "https://downloads.example/wayin/",
        &[signed(RELEASE_FILES[0], VERSION)],
    )
    .unwrap();
    assert_eq!(manifest.version, "1.4.0");
    assert_eq!(
        manifest.platforms["linux-x86_64-deb"].url,
        "https://downloads.example/wayin/Wayin-Clip-Exporter_1.4.0_amd64.deb"
    );
}

#[test]
fn a_version_that_is_not_semver_is_refused() {
    for version in ["1.4", "latest", "1.4.0.1"] {
        let refused = build_manifest(
            version,
            "",
            published(),
            BASE_URL,
            &[signed(RELEASE_FILES[0], VERSION)],
        );
        assert!(
            matches!(refused, Err(ReleaseError::NotSemver { .. })),
            "{version}: {refused:?}"
        );
    }
}

#[test]
fn a_missing_signature_is_refused() {
    let mut packages = release_packages();
    packages[2].signature = String::new();
    let err = build(&packages).unwrap_err();
    assert!(
        matches!(err, ReleaseError::MissingSignature { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("wayin-release sign"), "{err}");
}

#[test]
fn a_signature_made_for_another_version_is_refused() {
    let stale = signed(RELEASE_FILES[0], "1.3.0");
    let err = build(&[stale]).unwrap_err();
    assert!(
        matches!(err, ReleaseError::SignatureMismatch { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("1.3.0"), "{err}");
}

#[test]
fn a_signature_made_for_another_file_is_refused() {
    let mut packages = release_packages();
    let swapped = packages[1].signature.clone();
    packages[0].signature = swapped;
    assert!(matches!(
        build(&packages),
        Err(ReleaseError::SignatureMismatch { .. })
    ));
}

#[test]
fn a_signature_that_is_not_one_is_refused() {
    let mut packages = release_packages();
    packages[0].signature = "bm90IGEgc2lnbmF0dXJl".into();
    assert!(matches!(
        build(&packages),
        Err(ReleaseError::SignatureMismatch { .. })
    ));
}

#[test]
fn a_file_name_a_url_or_release_host_would_change_is_refused() {
    let spaced = "Wayin Clip Exporter_1.4.0_amd64.deb";
    let err = build(&[signed(spaced, VERSION)]).unwrap_err();
    assert!(matches!(err, ReleaseError::NotUrlSafe { .. }), "{err}");
}

#[test]
fn two_packages_for_one_platform_are_refused() {
    let packages = [
        signed("Wayin-Clip-Exporter_1.4.0_amd64.deb", VERSION),
        signed("Other_1.4.0_amd64.deb", VERSION),
    ];
    let err = build(&packages).unwrap_err();
    assert!(
        matches!(&err, ReleaseError::DuplicatePlatform { platform, .. } if platform == "linux-x86_64-deb"),
        "{err}"
    );
}

#[test]
fn a_file_the_updater_cannot_install_is_refused() {
    let dmg = signed("Wayin-Clip-Exporter_1.4.0_universal.dmg", VERSION);
    assert!(matches!(
        build(&[dmg]),
        Err(ReleaseError::NotAnUpdaterPackage { .. })
    ));
}

#[test]
fn a_base_url_that_is_not_http_is_refused() {
    for base in [
        "",
        "ftp://host/files",
        "releases/v1.4.0",
        "https://",
        "https://a b",
    ] {
        let refused = build_manifest(
            VERSION,
            "",
            published(),
            base,
            &[signed(RELEASE_FILES[0], VERSION)],
        );
        assert!(
            matches!(refused, Err(ReleaseError::BadBaseUrl { .. })),
            "{base:?}: {refused:?}"
        );
    }
}

#[test]
fn a_release_without_packages_is_refused() {
    assert!(matches!(build(&[]), Err(ReleaseError::NoFiles)));
}
