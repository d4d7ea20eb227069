// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;
use wayin_clip_exporter::args::{LaunchArgs, USAGE};

fn main() -> ExitCode {
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
    match wayin_clip_exporter::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("wayin-clip-exporter: {err}");
            ExitCode::FAILURE
        }
    }
}
