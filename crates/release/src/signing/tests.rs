use std::io::Write;
use std::path::Path;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::*;
use crate::plugin_mirror;
use crate::{generate_key_pair, KeyPair, PASSWORD_VAR};

const PACKAGE: &[u8] = b"\x7fELF pretend this is an AppImage";

fn pair(password: &str) -> KeyPair {
    generate_key_pair(password).expect("a key pair")
}

fn decoded(base64: &str) -> String {
    base64_text::decode(base64).expect("base64 text")
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

#[test]
fn a_signature_verifies_the_way_the_updater_plugin_checks_it() {
    let keys = pair("correct horse");
    let signature = sign(
        &keys.secret,
        "correct horse",
        PACKAGE,
        "Wayin-Clip-Exporter_1.4.0_amd64.AppImage",
        "1.4.0",
    )
    .unwrap();

    // Step by step as `verify_signature` does it.
    let public_key = minisign_verify::PublicKey::decode(&decoded(&keys.public)).unwrap();
    let parsed = minisign_verify::Signature::decode(&decoded(&signature)).unwrap();
    public_key.verify(PACKAGE, &parsed, true).unwrap();
    let comment = parsed.trusted_comment();
    assert_eq!(plugin_mirror::signed_version(comment), Some("1.4.0"));
    let fields: Vec<&str> = comment.split('\t').collect();
    assert_eq!(fields.len(), 3, "{comment}");
    assert!(fields[0]
        .strip_prefix("timestamp:")
        .is_some_and(|secs| secs.parse::<u64>().is_ok_and(|secs| secs > 1_600_000_000)));
    assert_eq!(fields[1], "file:Wayin-Clip-Exporter_1.4.0_amd64.AppImage");
    assert_eq!(fields[2], "version:1.4.0");

    // And through the whole mirror, version check included.
    plugin_mirror::verify(PACKAGE, &signature, &keys.public, "1.4.0").unwrap();
}

#[test]
fn the_signature_file_reads_like_tauri_clis() {
    let keys = pair("pw");
    let signature = sign(&keys.secret, "pw", PACKAGE, "app.deb", "1.0.0").unwrap();
    let text = decoded(&signature);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(
        lines[0],
        "untrusted comment: signature from tauri secret key"
    );
    assert!(lines[2].starts_with("trusted comment: timestamp:"));
}

#[test]
fn a_changed_byte_fails_verification() {
    let keys = pair("pw");
    let signature = sign(&keys.secret, "pw", PACKAGE, "app.deb", "1.0.0").unwrap();
    let mut tampered = PACKAGE.to_vec();
    tampered[5] ^= 1;
    assert!(plugin_mirror::verify(&tampered, &signature, &keys.public, "1.0.0").is_err());
    let mut longer = PACKAGE.to_vec();
    longer.push(0);
    assert!(plugin_mirror::verify(&longer, &signature, &keys.public, "1.0.0").is_err());
}

#[test]
fn a_signature_by_another_key_fails_verification() {
    let ours = pair("pw");
    let theirs = pair("pw");
    let signature = sign(&theirs.secret, "pw", PACKAGE, "app.deb", "1.0.0").unwrap();
    assert!(plugin_mirror::verify(PACKAGE, &signature, &ours.public, "1.0.0").is_err());
}

#[test]
fn a_signature_for_another_version_is_refused_by_the_plugin() {
    let keys = pair("pw");
    let signature = sign(&keys.secret, "pw", PACKAGE, "app.deb", "1.0.0").unwrap();
    let refused = plugin_mirror::verify(PACKAGE, &signature, &keys.public, "1.1.0").unwrap_err();
    assert!(refused.contains("SignedVersionMismatch"), "{refused}");
}

#[test]
fn a_tag_name_is_signed_as_its_bare_version() {
    let keys = pair("pw");
    let signature = sign(&keys.secret, "pw", PACKAGE, "app.deb", "v2.0.1").unwrap();
    let parsed = minisign_verify::Signature::decode(&decoded(&signature)).unwrap();
    assert_eq!(
        plugin_mirror::signed_version(parsed.trusted_comment()),
        Some("2.0.1")
    );
}

#[test]
fn the_wrong_password_is_a_clear_error() {
    let keys = pair("right");
    let err = sign(&keys.secret, "wrong", PACKAGE, "app.deb", "1.0.0").unwrap_err();
    assert!(matches!(err, ReleaseError::WrongPassword), "{err:?}");
    let message = err.to_string();
    assert!(message.contains(PASSWORD_VAR), "{message}");
    assert!(
        !message.contains("right") && !message.contains("wrong"),
        "{message}"
    );
}

#[test]
fn an_empty_password_encrypts_and_opens_like_tauri_clis() {
    let keys = pair("");
    // tauri-cli 2 (minisign 0.9) encrypts with the empty password rather than storing the
    // key in the clear; a key stored either way must open with "" in both tools.
    let secret_text = decoded(&keys.secret);
    let key_line = secret_text.lines().nth(1).unwrap();
    let key_bytes = STANDARD.decode(key_line).unwrap();
    assert_eq!(
        &key_bytes[2..4],
        b"Sc",
        "the key is marked as scrypt-encrypted"
    );

    let signature = sign(&keys.secret, "", PACKAGE, "app.deb", "1.0.0").unwrap();
    plugin_mirror::verify(PACKAGE, &signature, &keys.public, "1.0.0").unwrap();
    assert!(matches!(
        sign(&keys.secret, "not empty", PACKAGE, "app.deb", "1.0.0"),
        Err(ReleaseError::WrongPassword)
    ));
}

#[test]
fn a_key_made_by_the_minisign_command_line_tool_signs_here() {
    let secret = base64_text::encode(&fixture("minisign-cli.key"));
    let public = base64_text::encode(&fixture("minisign-cli.pub"));
    let signature = sign(&secret, "fixture password", PACKAGE, "app.deb", "3.1.4").unwrap();
    plugin_mirror::verify(PACKAGE, &signature, &public, "3.1.4").unwrap();
    assert!(matches!(
        sign(&secret, "", PACKAGE, "app.deb", "3.1.4"),
        Err(ReleaseError::WrongPassword)
    ));
}

#[test]
fn the_public_key_of_an_opened_secret_is_the_one_generated_with_it() {
    let keys = pair("pw");
    let opened = SigningKey::open(&keys.secret, "pw").unwrap();
    assert_eq!(opened.public_key().unwrap(), keys.public);
    assert!(decoded(&keys.public).starts_with("untrusted comment: minisign public key: "));
}

#[test]
fn a_secret_that_is_not_a_key_is_refused_without_repeating_it() {
    for not_a_key in [
        "hunter2-not-base64!",
        &base64_text::encode("hunter2 is not a key file"),
        &base64_text::encode("untrusted comment: x\nhunter2hunter2\n"),
    ] {
        let err = sign(not_a_key, "", PACKAGE, "app.deb", "1.0.0").unwrap_err();
        assert!(
            matches!(err, ReleaseError::SecretKeyUnreadable { .. }),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(message.contains("TAURI_SIGNING_PRIVATE_KEY"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
        assert!(!message.contains(not_a_key), "{message}");
    }
}

#[test]
fn debug_output_never_shows_the_secret() {
    let keys = pair("pw");
    assert!(!format!("{keys:?}").contains(&keys.secret));
    let opened = SigningKey::open(&keys.secret, "pw").unwrap();
    assert_eq!(format!("{opened:?}"), "SigningKey(<redacted>)");
}

#[test]
fn a_file_name_with_a_tab_or_line_break_is_refused() {
    let keys = pair("pw");
    for name in ["app\tversion:9.9.9.deb", "app\n.deb"] {
        assert!(matches!(
            sign(&keys.secret, "pw", PACKAGE, name, "1.0.0"),
            Err(ReleaseError::BreaksTrustedComment { .. })
        ));
    }
}

#[test]
fn a_version_that_is_not_semver_is_refused() {
    let keys = pair("pw");
    assert!(matches!(
        sign(&keys.secret, "pw", PACKAGE, "app.deb", "next"),
        Err(ReleaseError::NotSemver { .. })
    ));
}

#[test]
fn a_file_is_signed_under_its_own_name_as_it_is_on_disk() {
    let keys = pair("pw");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Wayin-Clip-Exporter_1.0.0_x64-setup.exe");
    let mut file = std::fs::File::create(&path).unwrap();
    let contents: Vec<u8> = (0..600_000u32).map(|i| (i % 251) as u8).collect();
    file.write_all(&contents).unwrap();
    drop(file);

    let opened = SigningKey::open(&keys.secret, "pw").unwrap();
    let signature = opened.sign_file(&path, "1.0.0").unwrap();
    plugin_mirror::verify(&contents, &signature, &keys.public, "1.0.0").unwrap();
    let parsed = minisign_verify::Signature::decode(&decoded(&signature)).unwrap();
    assert!(parsed
        .trusted_comment()
        .contains("\tfile:Wayin-Clip-Exporter_1.0.0_x64-setup.exe\t"));
}

#[test]
fn the_signature_goes_beside_the_package_with_sig_added() {
    assert_eq!(
        signature_path(Path::new("out/Wayin-Clip-Exporter_1.0.0_amd64.AppImage")),
        Path::new("out/Wayin-Clip-Exporter_1.0.0_amd64.AppImage.sig")
    );
    assert_eq!(
        signature_path(Path::new("a.app.tar.gz")),
        Path::new("a.app.tar.gz.sig")
    );
}
