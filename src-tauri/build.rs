/// Every command the app exposes. Listing them makes tauri-build generate an
/// `allow-<command>` permission for each, and makes app commands subject to
/// the capability files at all.
const COMMANDS: &[&str] = &[
    "app_info",
    "demo_enter",
    "demo_leave",
    "catalog",
    "key_status",
    "key_save",
    "key_verify",
    "key_delete",
    "project_open",
    "recent_projects",
    "demo_projects",
    "project_create",
    "creations_list",
    "creation_cancel",
    "export_preview",
    "export_submit",
    "exports_list",
    "exports_watch",
    "download_cancel",
    "download_retry",
    "download_reveal",
    "download_open",
    "download_drag",
    "timeline_write",
    "timeline_drag",
    "export_drag_all",
    "selects_write",
    "settings_get",
    "settings_set",
    "settings_choose_folder",
    "name_preview",
    "presets_list",
    "preset_save",
    "preset_delete",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    if let Err(err) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        panic!("tauri-build failed: {err:#}");
    }
}
