//! `wayin-export`: WayinVideo clip exports from a terminal, on the same engine as the
//! desktop app.

mod args;
mod commands;
mod config;
mod error;
mod output;
mod progress;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::config::Env;

fn main() -> ExitCode {
    // First of all, before any thread or child starts: the key leaves the
    // environment (and, on Linux, the process's copy of it) as soon as it is read.
    let env_key = wayin_api::take_env_secret(config::ENV_KEY);
    // Then parse: `--help` and usage errors (exit 2) need no runtime.
    let cli = Cli::parse();
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: could not start: {e}");
            return ExitCode::from(error::Exit::Local as u8);
        }
    };
    let result = runtime.block_on(commands::run(cli, Env::from_process(env_key)));
    // Blocking keychain calls must not keep a finished command alive.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", e.one_line());
            ExitCode::from(e.exit as u8)
        }
    }
}

/// Diagnostics only when asked for with `WAYIN_LOG`: progress bars own stderr otherwise.
fn init_logging() {
    let Ok(filter) = std::env::var("WAYIN_LOG") else {
        return;
    };
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter: tracing_subscriber::filter::Targets = filter.parse().unwrap_or_else(|_| {
        tracing_subscriber::filter::Targets::new()
            .with_default(tracing_subscriber::filter::LevelFilter::WARN)
    });
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_target(false)
        .finish()
        .with(filter)
        .try_init();
}
