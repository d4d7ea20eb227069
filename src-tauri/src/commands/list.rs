// The window's commands, listed once. `build.rs` includes this file too, so it holds plain
// tokens only: the handler (`lib.rs`), the permission made for each command and the
// capability granting them (`build.rs`) and `wayin_clip_exporter::COMMANDS` all come from it.

macro_rules! window_commands {
    ($then:ident) => {
        $then! {
            app::app_info,
            mode::demo_enter,
            mode::demo_leave,
            key::key_status,
            key::key_save,
            key::key_verify,
            key::key_delete,
            project::project_open,
            project::recent_projects,
            project::demo_projects,
            creation::project_create,
            creation::creations_list,
            creation::creation_cancel,
            exports::export_preview,
            exports::export_submit,
            exports::exports_list,
            exports::exports_watch,
            downloads::download_cancel,
            downloads::download_retry,
            downloads::download_reveal,
            downloads::download_open,
            downloads::download_drag,
            timelines::timeline_write,
            timelines::timeline_drag,
            timelines::export_drag_all,
            timelines::selects_write,
            settings::settings_get,
            settings::settings_set,
            settings::settings_choose_folder,
            naming::name_preview,
            presets::presets_list,
            presets::preset_save,
            presets::preset_delete,
            catalog::catalog,
        }
    };
}

/// The commands' names, as the page invokes them.
macro_rules! command_names {
    ($($module:ident :: $command:ident),* $(,)?) => {
        &[$(stringify!($command)),*]
    };
}
