//! The engine as a command starts it: the shared data folder, the output folder and
//! the engine's errors as exit codes.

use std::path::{Path, PathBuf};

use engine::timelines::TimelineError;
use engine::{Engine, EngineError};

use crate::commands::Context;
use crate::error::{CliError, CliResult, Exit};

pub fn data_dir(ctx: &Context) -> PathBuf {
    ctx.env
        .data_dir
        .clone()
        .unwrap_or_else(engine::default_data_dir)
}

/// The engine as the desktop app starts it, on the same data folder and settings: the
/// downloads at once of the Settings page unless `WAYIN_CONCURRENCY` says otherwise. The
/// download folder and the automatic timelines are the window's: here `--out` and
/// `--timeline` say them.
pub async fn start_engine(ctx: &Context) -> CliResult<Engine> {
    let client = ctx.client().await?;
    let store = ctx.store()?;
    let mut settings = ctx.settings()?;
    if let Some(downloads_at_once) = crate::config::concurrency()? {
        settings.concurrency = downloads_at_once;
    }
    settings.auto_timelines.clear();
    app::start_engine(&data_dir(ctx), client, Some(store), &settings)
        .await
        .map_err(engine_error)
}

/// The output folder, created and made absolute: the engine records it in a history
/// the desktop app shares, where a relative path would mean nothing.
pub fn output_folder(dir: &Path) -> CliResult<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError::local(format!(
            "The folder {} cannot be created: {e}",
            dir.display()
        ))
    })?;
    dir.canonicalize()
        .map_err(|e| CliError::local(format!("The folder {} cannot be used: {e}", dir.display())))
}

pub fn engine_error(error: EngineError) -> CliError {
    match error {
        EngineError::Api(e) => e.into(),
        EngineError::Request(e) => e.into(),
        EngineError::Naming(e) => CliError::usage(format!("--name-template: {e}")),
        e @ EngineError::SubmitUnknown { .. } => CliError::new(
            Exit::SubmitUnknown,
            format!("{e} Run `wayin-export history` to see it."),
        ),
        e @ EngineError::NotFound(_) => CliError::new(Exit::Api, e.to_string()),
        e @ EngineError::NotFoundDownload(_) => CliError::local(e.to_string()),
        e @ EngineError::InvalidSetting(_) => CliError::usage(e.to_string()),
        e @ (EngineError::Store(_) | EngineError::Folder { .. }) => CliError::local(e.to_string()),
        e @ EngineError::Create(_) => CliError::usage(e.to_string()),
        EngineError::Upload(e) => CliError::local(e.to_string()),
        EngineError::Timeline(e) => {
            let exit = match &e {
                TimelineError::NothingFinished => Exit::DownloadFailed,
                TimelineError::NothingInSource { .. } => Exit::Usage,
                TimelineError::NotFound(_) => Exit::Api,
                TimelineError::Unreadable { .. }
                | TimelineError::Write { .. }
                | TimelineError::Store(_) => Exit::Local,
            };
            CliError::new(exit, e.to_string())
        }
    }
}
