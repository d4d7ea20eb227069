//! Helpers shared by the keychain integration tests.
#![allow(dead_code)] // each test binary uses a different subset

use std::time::{SystemTime, UNIX_EPOCH};
use wayin_keychain::Keychain;

/// True when a real, unlocked Secret Service is up for tests (`cargo xtask test`
/// sets this inside its private session). Otherwise says why the test is skipped,
/// so a plain `cargo test` never touches the keychain of the person running it.
pub fn real_secret_service(test: &str) -> bool {
    let enabled = std::env::var("WAYIN_TEST_SECRET_SERVICE").as_deref() == Ok("1");
    if !enabled {
        eprintln!(
            "skipped {test}: needs a disposable Secret Service (run `cargo xtask test`, \
             or set WAYIN_TEST_SECRET_SERVICE=1 inside a throwaway D-Bus session)"
        );
    }
    enabled
}

/// A service name no other test (or real app) uses.
pub fn unique_service(tag: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "wayin-clip-exporter-test-{tag}-{}-{nanos}",
        std::process::id()
    )
}

/// Deletes the entry when the test ends, even by panic.
pub struct Cleanup(pub Keychain);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = self.0.delete();
    }
}
