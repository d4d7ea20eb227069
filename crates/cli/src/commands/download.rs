//! `download <EXPORT_TASK_ID> --out DIR [--clips ...]`: the clips of any export task,
//! also one submitted elsewhere; resumes what an interrupted run left.

use engine::naming::DEFAULT_TEMPLATE;
use engine::DownloadPlan;

use crate::args::DownloadArgs;
use crate::commands::follow::{
    engine_error, follow, output_folder, start_engine, stop_engine, Interrupt,
};
use crate::commands::Context;
use crate::error::{CliError, CliResult, Exit};

pub async fn run(ctx: &Context, args: DownloadArgs) -> CliResult {
    let out_dir = output_folder(&args.out)?;
    let mut interrupt = Interrupt::listen()?;
    let engine = start_engine(ctx).await?;
    let task_id = args.export_task_id.trim();

    // A task this machine exported before keeps its file names and clip choice, so a
    // resumed download continues the same files instead of starting new ones.
    let known = engine.export_by_task(task_id).await.map_err(engine_error)?;
    let plan = DownloadPlan {
        out_dir,
        name_template: known
            .as_ref()
            .map(|e| e.name_template.clone())
            .unwrap_or_else(|| DEFAULT_TEMPLATE.to_owned()),
        project_name: known.as_ref().and_then(|e| e.project_name.clone()),
        clips: match args.clips {
            Some(mut clips) => {
                clips.sort_unstable();
                clips.dedup();
                Some(clips)
            }
            None => known.as_ref().and_then(|e| e.requested_clips.clone()),
        },
    };
    let attached = tokio::select! {
        attached = engine.attach(task_id, plan) => attached,
        _ = interrupt.recv() => {
            stop_engine(&engine, &mut interrupt).await;
            return Err(CliError::new(Exit::Interrupted, "Interrupted before the download started."));
        }
    };
    let id = match attached {
        Ok(id) => id,
        Err(e) => {
            stop_engine(&engine, &mut interrupt).await;
            return Err(engine_error(e));
        }
    };
    let timelines = args.timeline.map(|formats| formats.0).unwrap_or_default();
    follow(ctx, &engine, id, &mut interrupt, &timelines).await
}
