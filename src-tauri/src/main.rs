// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use app::launch_args::{LaunchArgs, USAGE};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Before anything else, above all before any thread or WebKit process starts:
    // no child may inherit the key, and the process keeps no copy of it there.
    let env_key = wayin_api::take_env_secret("WAYIN_API_KEY").and_then(wayin_api::ApiKey::new);
    wayin_clip_exporter::webview::prefer_direct_painting();
    wayin_clip_exporter::STARTED.get_or_init(std::time::Instant::now);
    let args = match LaunchArgs::parse(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("wayin-clip-exporter: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match wayin_clip_exporter::run(args, env_key) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("wayin-clip-exporter: {err}");
            ExitCode::FAILURE
        }
    }
}
