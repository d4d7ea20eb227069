//! `selects <PROJECT_ID> --source FILE`: the project's clips as ranges of the user's own
//! source video. One read of the project from the API; nothing is rendered or charged.

use app::SelectsPlan;
use wayin_api::Priority;

use crate::args::SelectsArgs;
use crate::commands::follow::output_folder;
use crate::commands::timeline::print_written;
use crate::commands::Context;
use crate::error::{CliError, CliResult};
use crate::output::{cell, warn};

pub async fn run(ctx: &Context, args: SelectsArgs) -> CliResult {
    let source = std::path::absolute(&args.source)
        .map_err(|e| CliError::usage(format!("--source {}: {e}", args.source.display())))?;
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
