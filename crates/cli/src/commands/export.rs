//! `export <PROJECT_ID> ...`: submit, wait for the render, download each clip as its
//! link appears.

use engine::naming::Template;
use engine::DownloadPlan;
use serde_json::json;
use wayin_api::request::{CaptionDisplay, CaptionOptions, HookOptions};
use wayin_api::{ExportOptions, ExportRequest, Priority};

use crate::args::ExportArgs;
use crate::commands::follow::{
    engine_error, follow, output_folder, resume_command, start_engine, stop_engine, Interrupt,
};
use crate::commands::Context;
use crate::error::{CliError, CliResult, Exit};
use crate::output::{note, warn};

pub async fn run(ctx: &Context, args: ExportArgs) -> CliResult {
    // Everything that can be refused locally is, before a single paid call.
    let request = build_request(&args)?;
    // The Settings page's template unless the command names one.
    let template = match args.name_template.clone() {
        Some(template) => template,
        None => ctx.settings()?.name_template,
    };
    Template::parse(&template).map_err(|e| CliError::usage(format!("--name-template: {e}")))?;
    let out_dir = output_folder(&args.out)?;
    let mut interrupt = Interrupt::listen()?;

    let engine = start_engine(ctx).await?;
    // The project lookup names the files and catches a wrong id or clip index while
    // nothing has been charged yet.
    let client = engine.client();
    let lookup = client.project_clips(request.project_id(), Priority::Interactive);
    let project = tokio::select! {
        project = lookup => project,
        _ = interrupt.recv() => {
            stop_engine(&engine, &mut interrupt).await;
            return Err(CliError::new(Exit::Interrupted, "Interrupted before anything was sent."));
        }
    };
    let project = match project {
        Ok(project) => project,
        Err(e) => {
            stop_engine(&engine, &mut interrupt).await;
            return Err(e.into());
        }
    };
    if let Some(wanted) = request.clip_indices() {
        let missing: Vec<String> = wanted
            .iter()
            .filter(|i| !project.clips.iter().any(|c| c.idx == **i))
            .map(u32::to_string)
            .collect();
        if !missing.is_empty() {
            stop_engine(&engine, &mut interrupt).await;
            let have: Vec<String> = project.clips.iter().map(|c| c.idx.to_string()).collect();
            return Err(CliError::usage(format!(
                "Project {} has no clip {} (its clips: {}).",
                request.project_id(),
                missing.join(", "),
                if have.is_empty() {
                    "none yet".to_owned()
                } else {
                    have.join(", ")
                }
            )));
        }
    }
    for warning in request.warnings() {
        warn(&warning.to_string());
    }
    note(&format!(
        "Exporting {}.",
        request.summary(
            project.name.as_deref().unwrap_or(request.project_id()),
            Some(project.clips.len())
        )
    ));

    let plan = DownloadPlan {
        out_dir: out_dir.clone(),
        name_template: template,
        project_name: project.name.clone(),
        clips: None,
    };
    // Not raced against Ctrl-C: the answer of a paid call must be recorded. A signal
    // meanwhile is held by `interrupt` and acted on right after.
    let id = match engine.submit(request, plan).await {
        Ok(id) => id,
        Err(e) => {
            stop_engine(&engine, &mut interrupt).await;
            return Err(engine_error(e));
        }
    };
    let task_id = engine
        .export(id)
        .await
        .map_err(engine_error)?
        .and_then(|e| e.task_id)
        .unwrap_or_default();

    if args.no_wait {
        stop_engine(&engine, &mut interrupt).await;
        if ctx.out.json {
            return ctx
                .out
                .json(&json!({"export_id": id, "export_task_id": task_id}));
        }
        note(&format!(
            "Submitted. Download the clips later with: {}",
            resume_command(&task_id, &out_dir)
        ));
        return ctx.out.line(&task_id);
    }
    note(&format!("Submitted export task {task_id}."));
    let timelines = args.timeline.map(|formats| formats.0).unwrap_or_default();
    follow(ctx, &engine, id, &mut interrupt, &timelines).await
}

/// The flags as the same `ExportOptions` the desktop app's form and presets send.
fn build_request(args: &ExportArgs) -> CliResult<ExportRequest> {
    let options = ExportOptions {
        resolution: args.resolution.unwrap_or_default().as_wire().to_owned(),
        target_lang: args.lang.as_ref().map(|lang| lang.code().to_owned()),
        captions: args.captions.then(|| CaptionOptions {
            display: args
                .caption_display
                .unwrap_or(CaptionDisplay::Original)
                .as_wire()
                .to_owned(),
            style: args.caption_style.as_ref().map(|s| s.as_str().to_owned()),
        }),
        hook: args.hook.then(|| HookOptions {
            style: args.hook_style.map(|s| s.as_wire().to_owned()),
            position: args.hook_position.map(|p| p.as_wire().to_owned()),
            keywords: args.hook_keywords.clone(),
            duration_ms: args.hook_duration_ms.map(|d| u64::from(d.as_ms())),
        }),
        reframe: args.reframe.map(|ratio| ratio.as_wire().to_owned()),
    };
    Ok(options.to_request(&args.project_id, args.clips.as_deref())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{Cli, Command};
    use clap::Parser;

    fn request(args: &[&str]) -> serde_json::Value {
        let cli = Cli::try_parse_from(["wayin-export", "export"].iter().chain(args)).unwrap();
        let Command::Export(args) = cli.command else {
            unreachable!()
        };
        build_request(&args).unwrap().to_json()
    }

    #[test]
    fn flags_become_the_wire_body() {
        let body = request(&[
            "proj_demo_podcast",
            "--out",
            "d",
            "--clips",
            "2,0",
            "--resolution",
            "UHD_4K",
            "--captions",
            "--caption-display",
            "both",
            "--caption-style",
            "temp-static-1",
            "--hook",
            "--hook-style",
            "dramatic",
            "--hook-position",
            "end",
            "--hook-keywords",
            "pricing",
            "--hook-duration-ms",
            "2500",
            "--reframe",
            "9:16",
            "--lang",
            "es",
        ]);
        assert_eq!(
            body,
            json!({
                "project_id": "proj_demo_podcast",
                "clip_indices": [0, 2],
                "target_lang": "es",
                "resolution": "UHD_4K",
                "enable_caption": true,
                "caption_display": "both",
                "cc_style_tpl": "temp-static-1",
                "enable_ai_hook": true,
                "ai_hook_script_style": "dramatic",
                "ai_hook_position": "end",
                "ai_hook_keywords": "pricing",
                "ai_hook_text_duration": 2500,
                "enable_ai_reframe": true,
                "ratio": "RATIO_9_16",
            })
        );
    }

    #[test]
    fn no_flags_send_the_defaults_with_every_switch_off() {
        assert_eq!(
            request(&["prj_x", "--out", "d"]),
            json!({
                "project_id": "prj_x",
                "resolution": "SD_480",
                "enable_caption": false,
                "enable_ai_hook": false,
                "enable_ai_reframe": false,
            })
        );
    }
}
