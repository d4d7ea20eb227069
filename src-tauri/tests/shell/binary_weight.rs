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

/// The app's own build as Cargo resolves it alone (no test build beside it): each package
/// with its features, one per line.
fn app_packages_with_features() -> String {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let output = std::process::Command::new(env!("CARGO"))
        .args(["tree", "--offline", "--locked", "--edges", "normal,build"])
        .args(["--prefix", "none", "--format", "{p} [{f}]"])
        .args([
            "--manifest-path",
            manifest,
            "--package",
            "wayin-clip-exporter",
        ])
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_app_carries_neither_the_stand_ins_command_line_nor_synthetic_videos() {
    let packages = app_packages_with_features();
    assert!(
        packages.lines().any(|line| line.starts_with("fake-wayin ")),
        "the demo's stand-in is in the app:\n{packages}"
    );
    let test_support: Vec<&str> = packages
        .lines()
        .filter(|line| {
            line.starts_with("clap ")
                || (line.starts_with("fake-wayin ") && line.contains("cli"))
                || (line.starts_with("wayin-timeline ") && line.contains("testing"))
        })
        .collect();
    assert_eq!(test_support, Vec::<&str>::new());
}
