//! `wayin-release` as a release uses it: a key pair, signatures, SHA256SUMS and latest.json
//! in one folder, read back the way the updater plugin and `sha256sum -c` read them.

// The unit tests' restatement of the plugin; not all of it is needed here.
#[allow(dead_code)]
#[path = "../src/plugin_mirror.rs"]
mod plugin_mirror;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PASSWORD: &str = "release password";
const PACKAGES: [&str; 3] = [
    "Wayin-Clip-Exporter_2.0.0_amd64.deb",
    "Wayin-Clip-Exporter-2.0.0-1.x86_64.rpm",
    "Wayin-Clip-Exporter_2.0.0_amd64.AppImage",
];

/// The command with no release key or password inherited from the machine running the tests.
fn wayin_release() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wayin-release"));
    command
        .env_remove("TAURI_SIGNING_PRIVATE_KEY")
        .env_remove("TAURI_SIGNING_PRIVATE_KEY_PASSWORD");
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("wayin-release runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn succeeded(output: Output) -> Output {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        stdout(&output),
        stderr(&output)
    );
    output
}

/// A new key pair in `dir`: (secret key file, public key).
fn keygen(dir: &Path) -> (PathBuf, String) {
    let key_file = dir.join("release.key");
    let output = succeeded(run(wayin_release()
        .args(["keygen", "--out"])
        .arg(&key_file)
        .env("TAURI_SIGNING_PRIVATE_KEY_PASSWORD", PASSWORD)));
    (key_file, stdout(&output).trim().to_string())
}

fn contents(name: &str) -> Vec<u8> {
    format!("the bytes of {name}").into_bytes()
}

fn write_packages(dir: &Path) -> Vec<PathBuf> {
    PACKAGES
        .iter()
        .map(|name| {
            let path = dir.join(name);
            std::fs::write(&path, contents(name)).unwrap();
            path
        })
        .collect()
}

fn signing<'a>(command: &'a mut Command, secret: &str, password: &str) -> &'a mut Command {
    command
        .env("TAURI_SIGNING_PRIVATE_KEY", secret)
        .env("TAURI_SIGNING_PRIVATE_KEY_PASSWORD", password)
}

#[test]
fn keygen_sign_sums_and_manifest_make_a_release_the_updater_and_sha256sum_accept() {
    let keys = tempfile::tempdir().unwrap();
    let (key_file, public) = keygen(keys.path());
    let secret = std::fs::read_to_string(&key_file).unwrap();
    let release = tempfile::tempdir().unwrap();
    let packages = write_packages(release.path());

    let signed = succeeded(run(signing(
        wayin_release()
            .args(["sign", "--version", "v2.0.0"])
            .args(&packages),
        &secret,
        PASSWORD,
    )));
    assert_eq!(stdout(&signed).lines().count(), 3);
    succeeded(run(wayin_release().arg("sums").args(&packages)));
    succeeded(run(wayin_release()
        .args([
            "manifest",
            "--version",
            "2.0.0",
            "--notes",
            "Faster exports.",
        ])
        .args(["--base-url", "https://downloads.example/wayin/{version}/"])
        .args(&packages)));

    let check = Command::new("sha256sum")
        .args(["--check", "--strict", "SHA256SUMS"])
        .current_dir(release.path())
        .output()
        .expect("sha256sum (coreutils) runs");
    assert!(check.status.success(), "{}", stdout(&check));

    let json = std::fs::read_to_string(release.path().join("latest.json")).unwrap();
    let manifest = plugin_mirror::read_manifest(&json).unwrap();
    assert_eq!(manifest.version.to_string(), "2.0.0");
    for (installer, name) in [
        (Some("deb"), PACKAGES[0]),
        (Some("rpm"), PACKAGES[1]),
        (Some("appimage"), PACKAGES[2]),
        (None, PACKAGES[2]),
    ] {
        let (key, platform) =
            plugin_mirror::pick(&manifest, "linux", "x86_64", installer).expect("an entry");
        assert_eq!(
            platform.url,
            format!("https://downloads.example/wayin/2.0.0/{name}"),
            "{key}"
        );
        plugin_mirror::verify(&contents(name), &platform.signature, &public, "2.0.0")
            .unwrap_or_else(|err| panic!("{key}: {err}"));
    }
}

#[test]
fn keygen_prints_the_public_key_and_keeps_the_secret_in_a_private_file() {
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("release.key");
    let output = succeeded(run(wayin_release()
        .args(["keygen", "--out"])
        .arg(&key_file)));
    let secret = std::fs::read_to_string(&key_file).unwrap();
    let public = std::fs::read_to_string(dir.path().join("release.key.pub")).unwrap();

    assert_eq!(stdout(&output).trim(), public);
    assert!(!stdout(&output).contains(&secret));
    assert!(!stderr(&output).contains(&secret));
    assert!(stderr(&output).contains("TAURI_SIGNING_PRIVATE_KEY"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn keygen_prints_the_secret_only_when_asked() {
    let asked = succeeded(run(wayin_release().args(["keygen", "--print-secret"])));
    assert_eq!(stdout(&asked).lines().count(), 2);

    let not_asked = run(wayin_release().arg("keygen"));
    assert_eq!(not_asked.status.code(), Some(2));
    assert!(stdout(&not_asked).is_empty());
    assert!(stderr(&not_asked).contains("--out FILE"));
}

#[test]
fn keygen_never_replaces_an_existing_key() {
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("release.key");
    std::fs::write(&key_file, "the key in use").unwrap();
    let output = run(wayin_release().args(["keygen", "--out"]).arg(&key_file));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&key_file).unwrap(),
        "the key in use"
    );
}

#[test]
fn public_key_names_the_pair_keygen_made() {
    let dir = tempfile::tempdir().unwrap();
    let (key_file, public) = keygen(dir.path());
    let secret = std::fs::read_to_string(&key_file).unwrap();
    let output = succeeded(run(signing(
        wayin_release().arg("public-key"),
        &secret,
        PASSWORD,
    )));
    assert_eq!(stdout(&output).trim(), public);
}

#[test]
fn the_secret_key_can_be_given_as_the_path_of_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let (key_file, public) = keygen(dir.path());
    let output = succeeded(run(signing(
        wayin_release().arg("public-key"),
        key_file.to_str().unwrap(),
        PASSWORD,
    )));
    assert_eq!(stdout(&output).trim(), public);
}

#[test]
fn signing_without_a_key_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let packages = write_packages(dir.path());
    let output = run(wayin_release()
        .args(["sign", "--version", "1.0.0"])
        .args(&packages));
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("TAURI_SIGNING_PRIVATE_KEY is not set"),
        "{message}"
    );
    assert!(message.contains("wayin-release keygen"), "{message}");
    assert!(!packages[0].with_extension("deb.sig").exists());
}

#[test]
fn a_wrong_password_or_a_broken_key_is_reported_without_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let (key_file, _) = keygen(dir.path());
    let secret = std::fs::read_to_string(&key_file).unwrap();
    let packages = write_packages(dir.path());

    let wrong = run(signing(
        wayin_release()
            .args(["sign", "--version", "1.0.0"])
            .args(&packages),
        &secret,
        "not the password",
    ));
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("TAURI_SIGNING_PRIVATE_KEY_PASSWORD"));

    let broken = format!("{}AAAA", &secret[..secret.len() / 2]);
    let unreadable = run(signing(
        wayin_release()
            .args(["sign", "--version", "1.0.0"])
            .args(&packages),
        &broken,
        PASSWORD,
    ));
    assert_eq!(unreadable.status.code(), Some(1));

    for output in [&wrong, &unreadable] {
        let printed = format!("{}{}", stdout(output), stderr(output));
        assert!(!printed.contains(&secret), "{printed}");
        assert!(!printed.contains(&broken), "{printed}");
        assert!(!printed.contains(PASSWORD), "{printed}");
    }
}

#[test]
fn manifest_refuses_a_package_without_its_signature() {
    let dir = tempfile::tempdir().unwrap();
    let packages = write_packages(dir.path());
    let output = run(wayin_release()
        .args(["manifest", "--version", "1.0.0", "--notes", ""])
        .args(["--base-url", "https://downloads.example/wayin"])
        .args(&packages));
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("has no signature"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("latest.json").exists());
}

#[test]
fn sums_refuses_files_from_two_folders() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let a = one.path().join("a.deb");
    let b = two.path().join("b.rpm");
    std::fs::write(&a, "a").unwrap();
    std::fs::write(&b, "b").unwrap();
    let output = run(wayin_release().arg("sums").arg(&a).arg(&b));
    assert_eq!(output.status.code(), Some(2));
    assert!(!one.path().join("SHA256SUMS").exists());
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let output = run(wayin_release().arg("publish"));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("usage: wayin-release"));
}
