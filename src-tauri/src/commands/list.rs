// The window's commands, listed once, by the file that holds them. `build.rs` includes this
// file too, so it holds plain tokens only: the handler (`lib.rs`), the permission made for
// each command and the capability granting them (`build.rs`) and
// `wayin_clip_exporter::COMMANDS` all come from it.

macro_rules! window_commands {
    ($then:ident) => {
        $then! {
            app::{app_info},
            mode::{demo_enter, demo_leave},
            key::{key_status, key_save, key_verify, key_delete},
            project::{project_open, recent_projects, demo_projects},
            creation::{project_create, creations_list, creation_cancel},
            exports::{export_preview, export_submit, exports_list, exports_watch},
            downloads::{download_cancel, download_retry, download_reveal, download_open, download_drag},
            timelines::{timeline_write, timeline_drag, export_drag_all, selects_write},
            settings::{settings_get, settings_set, settings_choose_folder},
            naming::{name_preview},
            presets::{presets_list, preset_save, preset_delete},
            catalog::{catalog},
            updates::{update_check, update_install, update_download_page},
        }
    };
}

/// The commands' names, as the page invokes them.
macro_rules! command_names {
    ($($module:ident::{$($command:ident),*}),* $(,)?) => {
        &[$($(stringify!($command)),*),*]
    };
}
