//! `selects <PROJECT_ID> --source FILE`: the project's clips as ranges of the user's own
//! source video. One read of the project from the API; nothing is rendered or charged.

use engine::timelines::{base_name, chosen_clips, selects_timeline, write_timeline_files};
use wayin_api::Priority;

use crate::args::SelectsArgs;
use crate::commands::follow::{engine_error, output_folder};
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
    let clips = chosen_clips(&project.clips, args.clips.as_deref())
        .map_err(|idx| CliError::usage(format!("The project has no clip {idx}.")))?;
    let name = project
        .name
        .clone()
        .unwrap_or_else(|| project.project_id.clone());
    let formats = args.format.0.clone();
    let written = tokio::task::spawn_blocking(move || {
        let selects = selects_timeline(&name, &clips, &source)?;
        for skipped in &selects.skipped {
            warn(&cell(&skipped.describe()));
        }
        write_timeline_files(
            &selects.timeline,
            &formats,
            &out,
            &base_name(&name, "selects"),
        )
    })
    .await
    .map_err(|e| CliError::local(format!("Writing the timeline stopped: {e}")))?
    .map_err(|e| engine_error(e.into()))?;
    print_written(ctx, &written)
}
