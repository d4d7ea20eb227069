//! The summary of a settled export on stdout, and its exit code.

use engine::timelines::WrittenTimeline;
use engine::{ClosedReason, DownloadState, ExportOutcome};
use serde_json::json;

use crate::commands::Context;
use crate::error::{CliError, CliResult, Exit};
use crate::output::{bytes, cell};

use super::resume_command;

/// The summary on stdout, then the exit code: 0 only when every wanted clip is on
/// disk, complete.
pub(super) fn report(
    ctx: &Context,
    outcome: &ExportOutcome,
    timelines: &[WrittenTimeline],
) -> CliResult {
    let export = &outcome.export;
    let mut downloads = outcome.downloads.clone();
    downloads.sort_by_key(|d| d.idx);
    if ctx.out.json {
        let clips: Vec<_> = downloads
            .iter()
            .map(|d| {
                json!({
                    "idx": d.idx,
                    "path": d.path,
                    "state": d.state.as_str(),
                    "bytes": d.bytes_done,
                    "error": d.error,
                })
            })
            .collect();
        ctx.out.json(&json!({
            "export_id": export.id,
            "export_task_id": export.task_id,
            "status": export.status,
            "error_message": export.error_message,
            "cost_usage": export.cost_usage,
            "expire_at": export.expire_at,
            "out_dir": export.out_dir,
            "complete": outcome.complete,
            "problem": outcome.problem.as_ref().map(ToString::to_string),
            "problem_kind": outcome.problem.as_ref().map(|problem| problem.kind()),
            "phase": outcome.phase,
            "clips": clips,
            "timelines": crate::commands::timeline::as_json(timelines),
        }))?;
    } else {
        let done: Vec<_> = downloads
            .iter()
            .filter(|d| d.state == DownloadState::Done)
            .collect();
        if !done.is_empty() {
            let mut lines = vec![format!(
                "Saved {} clip{} in {}:",
                done.len(),
                if done.len() == 1 { "" } else { "s" },
                cell(&export.out_dir.display().to_string())
            )];
            for d in &done {
                let name = d
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                lines.push(format!(
                    "  {:>2}  {}  ({})",
                    d.idx,
                    cell(&name),
                    bytes(d.bytes_done)
                ));
            }
            lines.extend(crate::commands::timeline::lines(timelines));
            ctx.out.line(&lines.join("\n"))?;
        }
    }
    if outcome.complete {
        return Ok(());
    }
    let problem = outcome
        .problem
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_else(|| {
            if outcome.settled {
                "Not every requested clip is on disk.".to_owned()
            } else {
                "The export is still going on.".to_owned()
            }
        });
    let exit = if export.is_failed() || export.closed_reason == Some(ClosedReason::Expired) {
        Exit::RenderFailed
    } else {
        Exit::DownloadFailed
    };
    let hint = match (&export.task_id, exit) {
        (Some(task), Exit::DownloadFailed) => {
            format!(" Retry with: {}", resume_command(task, &export.out_dir))
        }
        _ => String::new(),
    };
    Err(CliError::new(exit, format!("{problem}{hint}")))
}
