//! What the lock file must not bring back into the app's binary (`cargo xtask bench-app`
//! prints its size beside an empty Tauri app's; the README says what weighs).

const LOCK_FILE: &str = include_str!("../../../Cargo.lock");

/// The versions of package `name` the lock file holds.
fn versions_of(name: &str) -> Vec<&'static str> {
    let wanted = format!("name = \"{name}\"");
    let lines: Vec<&str> = LOCK_FILE.lines().collect();
    lines
        .windows(2)
        .filter(|pair| pair[0] == wanted)
        .filter_map(|pair| pair[1].strip_prefix("version = "))
        .collect()
}

/// The `dependencies` entries of package `name` in the lock file ("zbus 5.19.0", or just
/// "zbus" when the lock holds one version).
fn dependencies_of(name: &str) -> Vec<&'static str> {
    LOCK_FILE
        .split("[[package]]")
        .find(|block| {
            block
                .lines()
                .any(|line| line == format!("name = \"{name}\""))
        })
        .and_then(|block| block.split("dependencies = [").nth(1))
        .and_then(|list| list.split(']').next())
        .map(|list| {
            list.lines()
                .map(|line| line.trim().trim_end_matches(',').trim_matches('"'))
                .filter(|entry| !entry.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

// Tried: `cargo update` moved notify-rust to a release built on zbus 6 while Tauri's
// plugins stay on zbus 5, and the binary carried both D-Bus stacks (about 1 MB).
// (The lock file also lists a zbus 4 for an optional keyring backend that is not built.)
#[test]
fn one_d_bus_stack_for_the_plugins_and_notifications() {
    let users = [
        "notify-rust",
        "tauri-plugin-notification",
        "tauri-plugin-opener",
        "tauri-plugin-single-instance",
    ];
    let zbus: Vec<(&str, &str)> = users
        .iter()
        .map(|user| {
            let entry = dependencies_of(user)
                .into_iter()
                .find(|dep| dep.split(' ').next() == Some("zbus"))
                .unwrap_or_else(|| panic!("{user} has no zbus in Cargo.lock"));
            (*user, entry)
        })
        .collect();
    assert!(
        zbus.iter().all(|(_, entry)| *entry == zbus[0].1),
        "different zbus versions {zbus:?}: pin notify-rust to a release on the plugins' zbus \
         (cargo update -p notify-rust --precise <version>)"
    );
}

// Tried: reqwest's `http2` feature, which links the h2 crate for nothing the API needs.
#[test]
fn no_http2_stack() {
    assert_eq!(
        versions_of("h2"),
        Vec::<&str>::new(),
        "h2 is back: check reqwest's features in the workspace Cargo.toml"
    );
}
