//! `wayin-release`: the signed files a release of the desktop app is published with.
//! See `cli::USAGE`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::Failure::Usage(message)) => {
            eprintln!("wayin-release: {message}\n\n{}", cli::USAGE);
            ExitCode::from(2)
        }
        Err(cli::Failure::Release(err)) => {
            eprintln!("wayin-release: {err}");
            ExitCode::FAILURE
        }
    }
}
