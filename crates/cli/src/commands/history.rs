//! `history`: the exports and the projects made from footage recorded on this machine (by
//! this command and the desktop app), read from the store without starting the engine, so
//! looking never resumes downloads or uploads.

use engine::ClosedReason;
use engine::{CreationRecord, CreationSource, CreationState};
use engine::{DownloadState, ExportRecord, SubmitState, STORE_FILE};
use serde_json::json;

use crate::commands::follow::data_dir;
use crate::commands::Context;
use crate::error::{CliError, CliResult};
use crate::output::{cell, table, utc};

struct Row {
    export: ExportRecord,
    done: usize,
    total: Option<usize>,
}

pub async fn run(ctx: &Context) -> CliResult {
    let path = data_dir(ctx).join(STORE_FILE);
    let (rows, creations) = if path.exists() {
        tokio::task::spawn_blocking(move || read(&path))
            .await
            .map_err(|e| CliError::local(format!("Reading the history stopped: {e}")))??
    } else {
        (Vec::new(), Vec::new())
    };
    if ctx.out.json {
        let items: Vec<_> = rows
            .iter()
            .map(|r| {
                let mut value = serde_json::to_value(&r.export).unwrap_or_default();
                if let Some(object) = value.as_object_mut() {
                    object.insert("clips_done".into(), json!(r.done));
                    object.insert("clips_total".into(), json!(r.total));
                }
                value
            })
            .chain(creations.iter().map(|c| {
                json!({
                    "record": "project_creation",
                    "id": c.id,
                    "project_id": c.project_id,
                    "name": c.project_name,
                    "state": c.state,
                    "status": c.status,
                    "problem": c.problem,
                    "message": c.message,
                    "source": c.source,
                    "clips": c.clips.len(),
                    "created_at": c.created_at,
                })
            }))
            .collect();
        return ctx.out.json(&items);
    }
    if !creations.is_empty() {
        print_creations(ctx, &creations)?;
    }
    if rows.is_empty() {
        return ctx.out.line("No exports recorded yet.");
    }
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let e = &r.export;
            let total = r.total.map_or("?".to_owned(), |t| t.to_string());
            vec![
                e.id.to_string(),
                e.task_id.as_deref().map_or("-".to_owned(), cell),
                status(e),
                format!("{}/{total}", r.done),
                utc(e.created_at.max(0) as u64),
                cell(
                    e.project_name
                        .as_deref()
                        .or(e.project_id.as_deref())
                        .or(e.name.as_deref())
                        .unwrap_or("-"),
                ),
            ]
        })
        .collect();
    ctx.out.line(&table(
        &["ID", "EXPORT TASK", "STATUS", "CLIPS", "CREATED", "PROJECT"],
        &table_rows,
    ))
}

fn print_creations(ctx: &Context, creations: &[CreationRecord]) -> CliResult {
    let rows: Vec<Vec<String>> = creations
        .iter()
        .map(|c| {
            let state = match c.state {
                CreationState::Unknown => "UNKNOWN: check before creating again".to_owned(),
                state => format!("{state:?}").to_ascii_uppercase(),
            };
            let source = match &c.source {
                CreationSource::File { path, .. } => path.display().to_string(),
                CreationSource::Link { url } => url.clone(),
            };
            vec![
                c.project_id.as_deref().map_or("-".to_owned(), cell),
                state,
                c.clips.len().to_string(),
                utc(c.created_at.max(0) as u64),
                cell(c.project_name.as_deref().unwrap_or("-")),
                cell(&source),
            ]
        })
        .collect();
    ctx.out.line(&table(
        &["PROJECT", "STATE", "CLIPS", "CREATED", "NAME", "SOURCE"],
        &rows,
    ))?;
    ctx.out.line("")
}

fn read(path: &std::path::Path) -> CliResult<(Vec<Row>, Vec<CreationRecord>)> {
    let failed = |e: engine::store::StoreError| CliError::local(e.to_string());
    let store = super::open_store(path).map_err(failed)?;
    let mut rows = Vec::new();
    for export in store.exports().map_err(failed)? {
        let downloads = store.downloads(export.id).map_err(failed)?;
        let done = downloads
            .iter()
            .filter(|d| d.state == DownloadState::Done)
            .count();
        let total = match &export.requested_clips {
            Some(wanted) => Some(wanted.len()),
            // "All clips": known once the API has listed them.
            None => {
                let clips = store.clips(export.id).map_err(failed)?.len();
                (clips > 0 || export.polling_done).then_some(clips.max(downloads.len()))
            }
        };
        rows.push(Row {
            export,
            done,
            total,
        });
    }
    let creations = store.creations().map_err(failed)?;
    Ok((rows, creations))
}

/// The API's status once there is one; before that, where the submit stands.
fn status(export: &ExportRecord) -> String {
    match (export.submit_state, export.status.as_deref()) {
        (SubmitState::Unknown, _) => "UNKNOWN: check before exporting again".to_owned(),
        (SubmitState::Rejected, _) => "REJECTED".to_owned(),
        (SubmitState::Pending, None) => "SUBMITTING".to_owned(),
        (_, Some(status)) if export.closed_reason == Some(ClosedReason::Expired) => {
            format!("{} (expired)", cell(status))
        }
        (_, Some(status)) => cell(status),
        (_, None) => "-".to_owned(),
    }
}
