//! `clips <PROJECT_ID>`: what a project offers to export.

use wayin_api::{Priority, TaskKind};

use crate::commands::Context;
use crate::error::CliResult;
use crate::output::{cell, clip_table};

pub async fn run(ctx: &Context, project_id: &str) -> CliResult {
    let client = ctx.client().await?;
    let project = client
        .project_clips(project_id, Priority::Interactive)
        .await?;
    if ctx.out.json {
        return ctx.out.json(&project.clips);
    }
    let kind = match project.kind {
        TaskKind::AiClipping => "AI Clipping",
        TaskKind::FindMoments => "Find Moments",
    };
    let name = project
        .name
        .as_deref()
        .map(cell)
        .unwrap_or_else(|| project.project_id.clone());
    let count = project.clips.len();
    let plural = if count == 1 { "" } else { "s" };
    ctx.out
        .line(&format!("{name} ({kind}, {count} clip{plural})"))?;
    if project.clips.is_empty() {
        return ctx
            .out
            .line("No clips yet: the task may still be processing.");
    }
    ctx.out.line(&clip_table(&project.clips))
}
