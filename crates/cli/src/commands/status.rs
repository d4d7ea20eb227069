//! `status <EXPORT_TASK_ID>`: one look at an export task, straight from the API.

use wayin_api::Priority;

use crate::commands::Context;
use crate::error::CliResult;
use crate::output::{cell, now_ms, relative, table, utc};

pub async fn run(ctx: &Context, export_task_id: &str) -> CliResult {
    let client = ctx.client().await?;
    let task = client
        .export_results(export_task_id, Priority::Interactive)
        .await?;
    if ctx.out.json {
        return ctx.out.json(&task);
    }
    let mut lines = vec![format!("Export task  {}", cell(&task.export_task_id))];
    if !task.name.trim().is_empty() {
        lines.push(format!("Name         {}", cell(&task.name)));
    }
    lines.push(format!("Status       {}", cell(task.status.as_str())));
    if let Some(message) = &task.error_message {
        lines.push(format!("Error        {}", cell(message)));
    }
    let cost = task
        .cost_usage
        .map(|c| format!("{c} API units"))
        .unwrap_or_else(|| "-".to_owned());
    lines.push(format!("Cost         {cost}"));
    let expiry = task
        .expire_at
        .map(|at| format!("{} ({})", utc(at), relative(at, now_ms())))
        .unwrap_or_else(|| "-".to_owned());
    lines.push(format!("Expires      {expiry}"));
    let ready = task
        .clips
        .iter()
        .filter(|c| c.export_link.is_some())
        .count();
    lines.push(format!(
        "Clips        {ready} of {} with a download link",
        task.clips.len()
    ));
    ctx.out.line(&lines.join("\n"))?;
    if task.clips.is_empty() {
        return Ok(());
    }
    let rows: Vec<Vec<String>> = task
        .clips
        .iter()
        .map(|clip| {
            let link = if clip.export_link.is_some() {
                "ready"
            } else {
                "missing"
            };
            vec![clip.idx.to_string(), link.to_owned(), cell(&clip.title)]
        })
        .collect();
    ctx.out.line("")?;
    ctx.out.line(&table(&["IDX", "LINK", "TITLE"], &rows))
}
