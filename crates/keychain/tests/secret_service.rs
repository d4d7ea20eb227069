//! Against the real Secret Service (gnome-keyring in `cargo xtask test`'s session).

mod common;

use common::{real_secret_service, unique_service, Cleanup};
use std::process::Command;
use wayin_keychain::{account_for_origin, Keychain, KeychainError, ACCOUNT, SERVICE, WAYIN_ORIGIN};

/// What the Secret Service itself holds for the entry, read with libsecret's
/// own tool rather than through keyring.
fn secret_tool_lookup(keychain: &Keychain) -> Option<String> {
    let output = Command::new("secret-tool")
        .args(["lookup", "service", keychain.service()])
        .args(["username", keychain.account()])
        .output()
        .expect("secret-tool (libsecret-tools) is installed");
    output
        .status
        .success()
        .then(|| String::from_utf8(output.stdout).expect("UTF-8 secret"))
        .map(|secret| secret.trim_end_matches('\n').to_string())
}

#[test]
fn stores_reads_back_replaces_and_deletes() {
    if !real_secret_service("stores_reads_back_replaces_and_deletes") {
        return;
    }
    let service = unique_service("lifecycle");
    let keychain = Keychain::new(&service, ACCOUNT);
    let _cleanup = Cleanup(keychain.clone());

    assert_eq!(keychain.load(), Ok(None));

    keychain.save("wayin_sk_first_1234").unwrap();
    let fresh = Keychain::new(&service, ACCOUNT);
    assert_eq!(fresh.load(), Ok(Some("wayin_sk_first_1234".into())));
    assert_eq!(
        secret_tool_lookup(&keychain).as_deref(),
        Some("wayin_sk_first_1234"),
        "the key is in the Secret Service itself"
    );

    keychain.save("wayin_sk_second_5678").unwrap();
    assert_eq!(
        Keychain::new(&service, ACCOUNT).load(),
        Ok(Some("wayin_sk_second_5678".into()))
    );
    assert_eq!(
        secret_tool_lookup(&keychain).as_deref(),
        Some("wayin_sk_second_5678")
    );

    assert_eq!(keychain.delete(), Ok(true));
    assert_eq!(Keychain::new(&service, ACCOUNT).load(), Ok(None));
    assert_eq!(secret_tool_lookup(&keychain), None);
    assert_eq!(keychain.delete(), Ok(false), "nothing left to delete");
}

#[test]
fn unicode_key_round_trips() {
    if !real_secret_service("unicode_key_round_trips") {
        return;
    }
    let keychain = Keychain::new(unique_service("unicode"), ACCOUNT);
    let _cleanup = Cleanup(keychain.clone());
    let key = "clé-🔑-ключ-鍵-ﬁ";

    keychain.save(key).unwrap();

    let fresh = Keychain::new(keychain.service(), keychain.account());
    assert_eq!(fresh.load(), Ok(Some(key.to_string())));
    assert_eq!(secret_tool_lookup(&keychain).as_deref(), Some(key));
}

#[test]
fn accounts_of_one_service_are_separate() {
    if !real_secret_service("accounts_of_one_service_are_separate") {
        return;
    }
    let service = unique_service("accounts");
    let first = Keychain::new(&service, "first");
    let second = Keychain::new(&service, "second");
    let _cleanup = (Cleanup(first.clone()), Cleanup(second.clone()));

    first.save("key-one").unwrap();
    assert_eq!(second.load(), Ok(None));
    second.save("key-two").unwrap();
    assert_eq!(first.load(), Ok(Some("key-one".into())));
    assert_eq!(second.delete(), Ok(true));
    assert_eq!(first.load(), Ok(Some("key-one".into())));
}

#[test]
fn empty_key_is_refused_without_touching_the_store() {
    let keychain = Keychain::new(unique_service("empty"), ACCOUNT);
    assert!(matches!(
        keychain.save(""),
        Err(KeychainError::Failed { .. })
    ));
}

#[test]
fn default_entry_is_the_app_entry() {
    let keychain = Keychain::default_entry();
    assert_eq!(keychain.service(), SERVICE);
    assert_eq!(keychain.service(), "wayin-clip-exporter");
    assert_eq!(keychain.account(), "api-key");
}

// Tried: a key saved for one API origin, then read for another origin (another
// host, the same host on another port or scheme). Each must find nothing, so a
// changed API address never receives the key stored for the old one.
#[test]
fn a_key_saved_for_one_origin_is_not_returned_for_another() {
    if !real_secret_service("a_key_saved_for_one_origin_is_not_returned_for_another") {
        return;
    }
    let service = unique_service("origins");
    let origin_a = "https://api.example.test";
    let others = [
        "https://attacker.example.test",
        "https://api.example.test:8443",
        "http://api.example.test",
        WAYIN_ORIGIN,
    ];
    let a = Keychain::for_origin(&service, origin_a);
    let _cleanup = Cleanup(a.clone());
    a.save("wayin_sk_for_origin_a_1234").unwrap();

    for other in others {
        let b = Keychain::for_origin(&service, other);
        let _cleanup = Cleanup(b.clone());
        assert_eq!(
            b.load(),
            Ok(None),
            "{other} sees no key saved for {origin_a}"
        );
        b.save("wayin_sk_for_origin_b_5678").unwrap();
        assert_eq!(
            Keychain::for_origin(&service, origin_a).load(),
            Ok(Some("wayin_sk_for_origin_a_1234".into())),
            "saving for {other} leaves {origin_a}'s key alone"
        );
        assert_eq!(b.delete(), Ok(true));
    }
    assert_eq!(
        secret_tool_lookup(&a).as_deref(),
        Some("wayin_sk_for_origin_a_1234")
    );
}

#[test]
fn the_wayinvideo_origin_keeps_the_entry_earlier_versions_used() {
    assert_eq!(account_for_origin(WAYIN_ORIGIN), ACCOUNT);
    assert_eq!(
        Keychain::for_origin(SERVICE, WAYIN_ORIGIN),
        Keychain::default_entry()
    );
    let other = account_for_origin("http://127.0.0.1:8787");
    assert_ne!(other, ACCOUNT);
    assert!(other.contains("http://127.0.0.1:8787"), "{other}");
    assert_ne!(other, account_for_origin("http://127.0.0.1:8788"));
}
