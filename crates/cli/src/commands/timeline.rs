//! `timeline <EXPORT_TASK_ID>`: timelines of an export already downloaded on this machine,
//! read from the store without starting the engine (no key, no API call).

use engine::timelines::{write_export_timelines, TimelineFormat, WrittenTimeline};
use engine::{Engine, ExportOutcome, STORE_FILE};
use serde_json::json;

use crate::args::TimelineArgs;
use crate::commands::follow::{data_dir, engine_error, output_folder};
use crate::commands::Context;
use crate::error::{CliError, CliResult, Exit};
use crate::output::cell;

pub fn run(ctx: &Context, args: TimelineArgs) -> CliResult {
    let path = data_dir(ctx).join(STORE_FILE);
    let task_id = args.export_task_id.trim();
    let not_here = || {
        CliError::new(
            Exit::Api,
            format!(
                "Export task {} was not downloaded on this machine. Download it first with \
                 `wayin-export download {} --out DIR --timeline all`.",
                cell(task_id),
                cell(task_id)
            ),
        )
    };
    if !path.exists() {
        return Err(not_here());
    }
    let store = super::open_store(&path).map_err(|e| CliError::local(e.to_string()))?;
    let export = store
        .export_by_task(task_id)
        .map_err(|e| CliError::local(e.to_string()))?
        .ok_or_else(not_here)?;
    let out = args.out.as_deref().map(output_folder).transpose()?;
    let written = write_export_timelines(&store, export.id, &args.format.0, out.as_deref())
        .map_err(|e| engine_error(e.into()))?;
    print_written(ctx, &written)
}

/// The timelines asked for, once every clip is on disk; a partial export gets none (a
/// sequence with holes would look complete in the editor).
pub async fn after_downloads(
    engine: &Engine,
    outcome: &ExportOutcome,
    formats: &[TimelineFormat],
) -> CliResult<Vec<WrittenTimeline>> {
    if formats.is_empty() || !outcome.complete {
        return Ok(Vec::new());
    }
    let engine = engine.clone();
    let id = outcome.export.id;
    let formats = formats.to_vec();
    tokio::task::spawn_blocking(move || engine.write_export_timelines(id, &formats))
        .await
        .map_err(|e| CliError::local(format!("Writing the timelines stopped: {e}")))?
        .map_err(engine_error)
}

/// One line per file, or `{"timelines": [{format, path}]}` with `--json`.
pub fn print_written(ctx: &Context, written: &[WrittenTimeline]) -> CliResult {
    if ctx.out.json {
        return ctx.out.json(&json!({ "timelines": as_json(written) }));
    }
    ctx.out.line(&lines(written).join("\n"))
}

pub fn as_json(written: &[WrittenTimeline]) -> serde_json::Value {
    written
        .iter()
        .map(|file| json!({"format": file.format.extension(), "path": file.path}))
        .collect()
}

pub fn lines(written: &[WrittenTimeline]) -> Vec<String> {
    written
        .iter()
        .map(|file| {
            format!(
                "{}: {}",
                file.format.label(),
                cell(&file.path.display().to_string())
            )
        })
        .collect()
}
