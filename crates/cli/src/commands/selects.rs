//! `selects <PROJECT_ID> [--source FILE]`: the project's clips as ranges of the user's own
//! source video (the file a project made here with `new` came from, unless `--source` names
//! another). One read of the project from the API; nothing is rendered or charged.

use app::SelectsPlan;
use wayin_api::Priority;

use crate::args::SelectsArgs;
use crate::commands::follow::output_folder;
use crate::commands::timeline::print_written;
use crate::commands::Context;
use crate::error::{CliError, CliResult};
use crate::output::{cell, warn};

pub async fn run(ctx: &Context, args: SelectsArgs) -> CliResult {
    let source = match &args.source {
        Some(source) => std::path::absolute(source)
            .map_err(|e| CliError::usage(format!("--source {}: {e}", source.display())))?,
        None => recorded_source(ctx, &args.project_id).await?,
    };
    let out = output_folder(&args.out)?;
    let client = ctx.client().await?;
    let project = client
        .project_clips(&args.project_id, Priority::Interactive)
        .await?;
    let plan = SelectsPlan::new(&project, args.clips.as_deref())?;
    let written = plan.write(source, args.format.0.clone(), out).await?;
    for skipped in &written.skipped {
        warn(&cell(skipped));
    }
    print_written(ctx, &written.files)
}

/// The file project `project_id` was made from on this machine, still unchanged.
async fn recorded_source(ctx: &Context, project_id: &str) -> CliResult<std::path::PathBuf> {
    let store = ctx.store()?;
    let project = project_id.to_owned();
    let found = tokio::task::spawn_blocking(move || app::project_source(&store, &project))
        .await
        .map_err(|e| CliError::local(format!("Reading the history stopped: {e}")))?;
    match found {
        Ok(Some(path)) => Ok(path),
        Ok(None) => Err(CliError::usage(format!(
            "Project {project_id} was not made from a file on this machine: name your source video with --source FILE."
        ))),
        Err(moved) => Err(CliError::usage(format!(
            "{moved} Name it with --source FILE."
        ))),
    }
}
