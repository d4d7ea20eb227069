//! The desktop shell: window, commands and start-up. The work itself lives in
//! the engine; commands here stay a few lines each.

pub mod args;
mod commands;
pub mod error;
pub mod startup;
pub mod state;

use tauri::Runtime;

pub use args::LaunchArgs;
pub use state::AppState;

/// Registers state and commands. Generic over the runtime so tests can drive
/// the same app through `tauri::test::mock_builder()`.
pub fn build_app<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![commands::app::app_info])
}

/// The app's configuration, capabilities and embedded front end.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

pub fn run(args: LaunchArgs) -> Result<(), Box<dyn std::error::Error>> {
    init_logging();
    let state = startup::prepare_state(&args)?;
    build_app(tauri::Builder::default(), state).run(context())?;
    Ok(())
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}
