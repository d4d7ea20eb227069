//! The desktop shell: window, commands and start-up. The work itself lives in the
//! application (`crates/app`) and the engine under it; commands here stay a few lines each.

include!("commands/list.rs");
mod commands;

/// Every command the page may invoke (`commands/list.rs`).
pub const COMMANDS: &[&str] = window_commands!(command_names);

macro_rules! handler {
    ($($module:ident::{$($command:ident),*}),* $(,)?) => {
        tauri::generate_handler![$($(commands::$module::$command),*),*]
    };
}
pub mod desktop;
pub mod events;
pub mod ipc;
pub mod protocols;
mod watchers;
pub mod webview;

use std::sync::Arc;
use std::time::Duration;

use tauri::{Manager, RunEvent, Runtime};

pub use app::launch_args::LaunchArgs;
pub use app::AppState;

/// Registers state, URL schemes, the plugins the shell calls from Rust, and the
/// commands. Generic over the runtime so tests can drive the same app through
/// `tauri::test::mock_builder()`.
pub fn build_app<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    register(builder)
        .manage(state)
        .manage(watchers::Watchers::default())
        .setup(|app| {
            install_desktop(app.handle());
            Ok(())
        })
}

/// Everything but the state, which `run` creates only once it is sure to be the
/// one instance running.
fn register<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    protocols::register(builder)
        .manage(app::DroppedVideo::default())
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                window.state::<app::DroppedVideo>().dropped(paths);
            }
        })
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .invoke_handler(window_commands!(handler))
}

fn install_desktop<R: Runtime>(app: &tauri::AppHandle<R>) {
    let state = app.state::<AppState>().inner().clone();
    state.install_desktop(Arc::new(desktop::NativeDesktop::new(app.clone())));
    if let Some(source) = desktop::updater::ReleaseSource::of_this_build() {
        state.install_updates(Arc::new(desktop::updater::PluginUpdates::new(
            app.clone(),
            source,
        )));
    }
}

/// The app's configuration, capabilities and embedded front end.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// When the process started, for the start-up time the page reports on its first call.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// `env_key`: `WAYIN_API_KEY`, already taken out of the environment.
pub fn run(
    args: LaunchArgs,
    env_key: Option<wayin_api::ApiKey>,
) -> Result<(), Box<dyn std::error::Error>> {
    STARTED.get_or_init(std::time::Instant::now);
    app::launch::init_window_logging();
    // Single instance first: a second launch only brings the running window
    // forward and exits before it opens the store, reads the keychain or starts
    // a demo.
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build());
    // macOS needs its menu bar for Cmd+Q/W and editing keys; elsewhere none.
    #[cfg(target_os = "macos")]
    let builder = builder.menu(desktop::menu::app_menu);
    let app = register(builder)
        .setup(move |app| {
            let state = tauri::async_runtime::block_on(args.prepare_state(env_key))?;
            // Before the state is managed: the page's first list of downloads already
            // carries the player's URLs.
            if cfg!(target_os = "linux") {
                protocols::stream::start(app.handle());
            }
            app.manage(state.clone());
            app.manage(watchers::Watchers::default());
            install_desktop(app.handle());
            if let Some(window) = app.get_webview_window("main") {
                webview::keep_caches_small(&window);
            }
            // Downloads left unfinished last time resume as soon as the app is up.
            tauri::async_runtime::spawn(async move {
                if let Err(err) = state.current().ensure_engine().await {
                    tracing::warn!("export engine not started: {err}");
                }
            });
            Ok(())
        })
        .build(context())?;
    exit_on_signals(app.handle().clone());
    app.run(|app, event| {
        if let RunEvent::Exit = event {
            if let Some(state) = app.try_state::<AppState>() {
                let state = state.inner().clone();
                tauri::async_runtime::block_on(async {
                    // Transfers stop at once; anything unfinished resumes next time.
                    let _ = tokio::time::timeout(Duration::from_secs(5), state.shutdown()).await;
                });
                state.remove_demo_files();
            }
        }
    });
    Ok(())
}

/// Ctrl-C in a terminal or a polite kill ends the app as closing its window
/// does, so downloads stop cleanly and demo files are removed.
fn exit_on_signals(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let Ok(mut term) = signal(SignalKind::terminate()) else {
                return;
            };
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            return;
        }
        app.exit(0);
    });
}
