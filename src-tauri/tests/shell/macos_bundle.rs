//! What the macOS bundle promises, checked on any system: Linux builds never
//! read `Info.plist`, yet a macOS dev build panics on one it cannot parse and
//! the bundler merges it into every shipped app.

use std::path::Path;

fn manifest_file(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn info_plist() -> plist::Dictionary {
    plist::Value::from_file(manifest_file("Info.plist"))
        .expect("Info.plist parses as tauri-codegen and the bundler read it")
        .into_dictionary()
        .expect("Info.plist is a dictionary")
}

/// A download folder on the Desktop, in Documents or Downloads, on an external
/// drive or a network share is refused outright by macOS unless the app says
/// why it asks; each text must be there and mean something.
#[test]
fn every_protected_folder_kind_has_a_usage_text() {
    let plist = info_plist();
    for key in [
        "NSDesktopFolderUsageDescription",
        "NSDocumentsFolderUsageDescription",
        "NSDownloadsFolderUsageDescription",
        "NSRemovableVolumesUsageDescription",
        "NSNetworkVolumesUsageDescription",
    ] {
        let text = plist
            .get(key)
            .and_then(plist::Value::as_string)
            .unwrap_or_else(|| panic!("{key} missing"));
        assert!(
            text.contains("Wayin Clip Exporter") && text.len() > 40,
            "{key} must tell the person who asks and why: {text:?}"
        );
    }
}

/// Keys the bundler writes from tauri.conf.json would be overridden by a copy
/// in Info.plist and then drift from it; they belong in the config only.
#[test]
fn identity_comes_from_the_config_not_a_second_copy() {
    let plist = info_plist();
    for key in [
        "CFBundleIdentifier",
        "CFBundleName",
        "CFBundleShortVersionString",
        "NSHumanReadableCopyright",
        "LSApplicationCategoryType",
        "LSMinimumSystemVersion",
    ] {
        assert!(plist.get(key).is_none(), "{key} belongs in tauri.conf.json");
    }
    let config: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(manifest_file("tauri.conf.json")).expect("tauri.conf.json"),
    )
    .expect("valid JSON");
    let bundle = &config["bundle"];
    // "Video" is what the bundler turns into public.app-category.video.
    assert_eq!(bundle["category"], "Video");
    assert!(bundle["copyright"].as_str().is_some_and(|c| !c.is_empty()));
    // Below 10.15 the system WebKit lacks what the page uses (aspect-ratio needs Safari 15).
    assert_eq!(bundle["macOS"]["minimumSystemVersion"], "10.15");
    // Notarization requires the hardened runtime.
    assert_eq!(bundle["macOS"]["hardenedRuntime"], true);
}
