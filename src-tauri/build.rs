/// Every command the app exposes. Listing them makes tauri-build generate an
/// `allow-<command>` permission for each, and makes app commands subject to
/// the capability files at all.
const COMMANDS: &[&str] = &["app_info"];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    if let Err(err) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        panic!("tauri-build failed: {err:#}");
    }
}
