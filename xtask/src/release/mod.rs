//! `cargo xtask release`: the packages of `cargo xtask bundle`, built to update themselves
//! from the release, then signed for the updater, with `SHA256SUMS` and the updater's
//! `latest.json`, gathered in one folder ready to publish.
//!
//! The signing key comes from `TAURI_SIGNING_PRIVATE_KEY` (and its password from
//! `TAURI_SIGNING_PRIVATE_KEY_PASSWORD`), as for tauri-cli; it is checked before the long
//! build starts, and the app is built trusting that key's public half.

mod names;
mod options;
mod tool;

use crate::bundle;
use crate::process::{heading, workspace_root};
use names::{
    download_page, mac_archive_name, manifest_url, published_name, release_folder_name,
    workspace_version,
};
use options::{Options, BASE_URL_VAR};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const SECRET_KEY_VAR: &str = "TAURI_SIGNING_PRIVATE_KEY";

/// What the app is compiled with (`option_env!` in src-tauri's updater): where it fetches
/// `latest.json`, the key its updates must be signed with, and the page to send people to
/// when a package manager owns the install.
const MANIFEST_VAR: &str = "WAYIN_UPDATE_MANIFEST";
const PUBKEY_VAR: &str = "WAYIN_UPDATE_PUBKEY";
const DOWNLOAD_PAGE_VAR: &str = "WAYIN_DOWNLOAD_PAGE";

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let options = Options::parse(args)?;
    let version = app_version()?;
    let base_url = options.base_url(non_empty_var(BASE_URL_VAR));
    heading(&format!("Release {version}"));
    println!("Downloads from {}", base_url.replace("{version}", &version));

    if non_empty_var(SECRET_KEY_VAR).is_none() {
        return Err(format!(
            "{SECRET_KEY_VAR} is not set, and a release's packages must be signed for the \
             updater. Make a key pair with\n  cargo run -p wayin-release -- keygen --out \
             ~/.wayin-release.key\n(it prints the public key; the password comes from \
             TAURI_SIGNING_PRIVATE_KEY_PASSWORD), then set {SECRET_KEY_VAR} to that file's path \
             or contents. Nothing was built."
        ));
    }
    let manifest = non_empty_var(MANIFEST_VAR)
        .or_else(|| manifest_url(&base_url))
        .ok_or_else(|| {
            format!(
                "{base_url} is not a GitHub release folder, so the app's address for \
                 latest.json cannot be derived from it: set {MANIFEST_VAR} to the fixed URL \
                 latest.json will be served from (and {DOWNLOAD_PAGE_VAR} to the page people \
                 download from). Nothing was built."
            )
        })?;

    heading("Release key (wayin-release public-key)");
    // Opening the key here means a wrong password stops the release in seconds, not
    // after the build.
    let pubkey = tool::output(["public-key"])?;
    println!("The app will accept updates signed by this key:\n  {pubkey}");
    println!("and look for them at {manifest}");

    let mut app_env = vec![(MANIFEST_VAR, manifest), (PUBKEY_VAR, pubkey)];
    if let Some(page) = non_empty_var(DOWNLOAD_PAGE_VAR).or_else(|| download_page(&base_url)) {
        app_env.push((DOWNLOAD_PAGE_VAR, page));
    }
    let packages = bundle::build(&bundle::Request {
        appimage: options.appimage,
        build_args: &[],
        env: &app_env,
    })?;

    heading("Release files");
    let folder = bundle::output_dir(&[])
        .join("bundle")
        .join(release_folder_name(&version));
    fresh_folder(&folder)?;
    let published = gather(&packages, &folder, &version)?;
    let updater: Vec<&PathBuf> = published
        .iter()
        .filter(|path| is_updater_package(path))
        .collect();

    let mut sign: Vec<OsString> = vec!["sign".into(), "--version".into(), version.clone().into()];
    sign.extend(updater.iter().map(|path| path.as_os_str().to_owned()));
    tool::run(sign)?;

    let mut sums: Vec<OsString> = vec!["sums".into()];
    sums.extend(published.iter().map(|path| path.as_os_str().to_owned()));
    tool::run(sums)?;

    let mut manifest_args: Vec<OsString> = vec![
        "manifest".into(),
        "--version".into(),
        version.clone().into(),
    ];
    match &options.notes_file {
        Some(file) => manifest_args.extend(["--notes-file".into(), file.into()]),
        None => manifest_args.extend([
            "--notes".into(),
            format!("Wayin Clip Exporter {version}").into(),
        ]),
    }
    manifest_args.extend(["--base-url".into(), base_url.into()]);
    manifest_args.extend(updater.iter().map(|path| path.as_os_str().to_owned()));
    tool::run(manifest_args)?;

    heading(&format!("Release {version}: {}", folder.display()));
    for entry in sorted_entries(&folder)? {
        println!(
            "  {}  ({})",
            file_name(&entry),
            bundle::describe_size(&entry)
        );
    }
    println!(
        "Publish every file of the folder together; check downloads with \
         `sha256sum -c SHA256SUMS` in the folder they were saved to."
    );
    Ok(ExitCode::SUCCESS)
}

fn non_empty_var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

fn app_version() -> Result<String, String> {
    let path = workspace_root().join("Cargo.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    workspace_version(&text)
        .ok_or_else(|| format!("no [workspace.package] version in {}", path.display()))
}

/// The release folder, emptied of an earlier run's files.
fn fresh_folder(folder: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(folder) {
        Ok(()) => {}
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(format!("cannot empty {}: {err}", folder.display())),
    }
    std::fs::create_dir_all(folder)
        .map_err(|err| format!("cannot create {}: {err}", folder.display()))
}

/// Copies each package into `folder` under a name a URL keeps as it is; a macOS `.app`
/// goes in as the `.tar.gz` the updater installs. Returns what is in the folder.
fn gather(packages: &[PathBuf], folder: &Path, version: &str) -> Result<Vec<PathBuf>, String> {
    let mut published = Vec::new();
    for package in packages {
        let name = file_name(package);
        let target = if package.is_dir() && name.ends_with(".app") {
            let target = folder.join(mac_archive_name(&name, version, std::env::consts::ARCH));
            archive_app(package, &target)?;
            target
        } else {
            let target = folder.join(published_name(&name));
            std::fs::copy(package, &target).map_err(|err| {
                format!(
                    "cannot copy {} to {}: {err}",
                    package.display(),
                    target.display()
                )
            })?;
            target
        };
        println!("  {}", target.display());
        published.push(target);
    }
    published.sort();
    Ok(published)
}

/// `Name.app` as `Name.app/…` inside a gzip tar, the layout the macOS updater unpacks.
fn archive_app(app: &Path, target: &Path) -> Result<(), String> {
    let parent = app.parent().unwrap_or(Path::new("."));
    let mut tar = Command::new("tar");
    tar.arg("-czf")
        .arg(target)
        .arg("-C")
        .arg(parent)
        .arg(app.file_name().unwrap_or_default())
        // macOS's tar would add `._` resource-fork files beside each file.
        .env("COPYFILE_DISABLE", "1");
    let exit = crate::process::status(&mut tar)?;
    if exit.success() {
        Ok(())
    } else {
        Err(format!("tar of {} failed ({exit})", app.display()))
    }
}

/// Everything but the macOS disk image, which is for installing by hand.
fn is_updater_package(path: &Path) -> bool {
    !file_name(path).ends_with(".dmg")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn sorted_entries(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|err| format!("cannot list {}: {err}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    entries.sort();
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_package_but_the_disk_image_is_offered_to_the_updater() {
        for name in [
            "Wayin-Clip-Exporter_0.1.0_amd64.deb",
            "Wayin-Clip-Exporter-0.1.0-1.x86_64.rpm",
            "Wayin-Clip-Exporter_0.1.0_amd64.AppImage",
            "Wayin-Clip-Exporter_0.1.0_aarch64.app.tar.gz",
            "Wayin-Clip-Exporter_0.1.0_x64_en-US.msi",
            "Wayin-Clip-Exporter_0.1.0_x64-setup.exe",
        ] {
            assert!(is_updater_package(Path::new(name)), "{name}");
        }
        assert!(!is_updater_package(Path::new(
            "Wayin-Clip-Exporter_0.1.0_aarch64.dmg"
        )));
    }

    #[test]
    fn packages_are_copied_in_under_their_published_names() {
        let dir = std::env::temp_dir().join(format!("xtask-release-gather-{}", std::process::id()));
        let built = dir.join("built");
        let folder = dir.join("release-0.1.0");
        std::fs::create_dir_all(&built).unwrap();
        fresh_folder(&folder).unwrap();
        let deb = built.join("Wayin Clip Exporter_0.1.0_amd64.deb");
        std::fs::write(&deb, b"deb").unwrap();

        let published = gather(&[deb], &folder, "0.1.0").unwrap();
        assert_eq!(
            published,
            [folder.join("Wayin-Clip-Exporter_0.1.0_amd64.deb")]
        );
        assert_eq!(std::fs::read(&published[0]).unwrap(), b"deb");

        // A second run starts from an empty folder.
        fresh_folder(&folder).unwrap();
        assert_eq!(sorted_entries(&folder).unwrap(), Vec::<PathBuf>::new());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_mac_app_goes_in_as_the_archive_the_updater_unpacks() {
        let dir = std::env::temp_dir().join(format!("xtask-release-app-{}", std::process::id()));
        let app = dir.join("macos").join("Wayin Clip Exporter.app");
        std::fs::create_dir_all(app.join("Contents/MacOS")).unwrap();
        std::fs::write(app.join("Contents/MacOS/wayin-clip-exporter"), b"binary").unwrap();
        let folder = dir.join("release-0.1.0");
        fresh_folder(&folder).unwrap();

        let published = gather(&[app], &folder, "0.1.0").unwrap();
        let archive = &published[0];
        assert!(
            file_name(archive).ends_with(".app.tar.gz"),
            "{}",
            archive.display()
        );
        let listing = Command::new("tar")
            .arg("-tzf")
            .arg(archive)
            .output()
            .unwrap();
        let listing = String::from_utf8_lossy(&listing.stdout);
        // The updater drops the first path component and unpacks the rest in place.
        assert!(
            listing
                .lines()
                .any(|line| line == "Wayin Clip Exporter.app/Contents/MacOS/wayin-clip-exporter"),
            "{listing}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
