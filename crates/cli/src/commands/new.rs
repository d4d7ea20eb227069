//! `new <FILE|URL>`: a project made from the editor's own video. The file is uploaded with
//! a progress bar, the project created once, its clips listed as they are found.

use engine::{CreationProblem, CreationRecord, CreationState, Engine, Event};
use serde_json::json;
use tokio::sync::broadcast::error::RecvError;

use crate::args::NewArgs;
use crate::commands::follow::{engine_error, start_engine, stop_engine, Interrupt};
use crate::commands::Context;
use crate::error::{CliError, CliResult, Exit};
use crate::output::{cell, clip_table};
use crate::progress::Progress;

pub async fn run(ctx: &Context, args: NewArgs) -> CliResult {
    let spec = app::NewProject {
        source: args.source.clone(),
        moments: args.moments.clone(),
        length: args.length.clone(),
        max_clips: args.max_clips,
        source_lang: args.source_lang.clone(),
        lang: args.lang.clone(),
        name: args.name.clone(),
    }
    .spec()
    .map_err(|e| CliError::usage(e.to_string()))?;
    let mut interrupt = Interrupt::listen()?;
    let engine = start_engine(ctx).await?;
    let id = match engine.create_project(spec).await {
        Ok(id) => id,
        Err(e) => {
            stop_engine(&engine, &mut interrupt).await;
            return Err(refused_before_sending(e));
        }
    };
    let mut progress = Progress::new(ctx.out.json);
    let mut events = engine.subscribe();
    let waiting = async {
        if args.no_wait {
            engine.wait_created(id).await
        } else {
            engine.wait_creation(id).await
        }
    };
    tokio::pin!(waiting);
    let mut clips_said = 0;
    let mut uploading = false;
    let mut last_note = None;
    let record = loop {
        tokio::select! {
            record = &mut waiting => break record,
            event = events.recv() => match event {
                Ok(Event::UploadProgress(upload)) if upload.creation_id == id => {
                    uploading = true;
                    progress.upload_progress(upload.bytes_done, upload.total, upload.bytes_per_sec, upload.eta_secs);
                }
                Ok(Event::CreationUpdated { creation }) if creation.id == id => {
                    let sent = !matches!(creation.state, CreationState::Uploading | CreationState::Cancelled);
                    if sent && uploading {
                        progress.upload_done("sent");
                        uploading = false;
                    }
                    if creation.note != last_note {
                        if let Some(note) = &creation.note {
                            progress.println(note);
                        }
                        last_note = creation.note.clone();
                    }
                    if creation.clips.len() > clips_said {
                        clips_said = creation.clips.len();
                        let plural = if clips_said == 1 { "" } else { "s" };
                        progress.println(&format!("finding clips: {clips_said} clip{plural} found so far"));
                    }
                }
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => {}
            },
            _ = interrupt.recv() => {
                progress.finish();
                return Err(interrupted(&engine, id, &mut interrupt).await);
            }
        }
    };
    progress.finish();
    stop_engine(&engine, &mut interrupt).await;
    let record = record.map_err(engine_error)?;
    outcome(ctx, &record)
}

/// A file or a request refused before anything was sent: bad input, exit 2.
fn refused_before_sending(error: engine::EngineError) -> CliError {
    match error {
        e @ (engine::EngineError::Create(_) | engine::EngineError::Upload(_)) => {
            CliError::usage(e.to_string())
        }
        other => engine_error(other),
    }
}

/// Ctrl-C: an upload not yet sent is cancelled; a project already asked for stays the
/// service's, recorded here. The stop waits for an answer on its way to be written down, so
/// what is said is where the creation really stands.
async fn interrupted(
    engine: &Engine,
    id: engine::CreationId,
    interrupt: &mut Interrupt,
) -> CliError {
    let cancelled = engine.cancel_creation(id).await;
    stop_engine(engine, interrupt).await;
    let record = engine.creation(id).await.ok().flatten();
    let message = match (&cancelled, record.as_ref().map(|r| (r.state, r.project_id.as_deref()))) {
        (_, Some((_, Some(project)))) => format!(
            "Interrupted. Project {project} is being made all the same: see its clips with `wayin-export clips {project}`."
        ),
        (_, Some((CreationState::Cancelled, None))) => {
            "Interrupted: the upload stopped and no project was created.".to_owned()
        }
        (Err(e), _) => format!(
            "Interrupted; the creation could not be cancelled ({e}). Check `wayin-export history` before creating it again."
        ),
        _ => "Interrupted while the project was being asked for: it may exist. Check `wayin-export history` before creating it again.".to_owned(),
    };
    CliError::new(Exit::Interrupted, message)
}

fn outcome(ctx: &Context, record: &CreationRecord) -> CliResult {
    let project = record.project_id.clone().unwrap_or_default();
    match record.state {
        CreationState::Succeeded | CreationState::Running => print(ctx, record),
        CreationState::Unknown => Err(CliError::new(
            Exit::SubmitUnknown,
            format!(
                "The project was asked for but the answer never came ({}). It may exist: check `wayin-export history` before creating it again.",
                record.message.as_deref().unwrap_or("no answer")
            ),
        )),
        CreationState::Cancelled => Err(CliError::new(
            Exit::Interrupted,
            "The creation was cancelled before anything was sent.",
        )),
        CreationState::Uploading | CreationState::Ready | CreationState::Sending => {
            Err(CliError::local(
                "The creation stopped before it finished; it is picked up again the next time the app or wayin-export runs. See `wayin-export history`.",
            ))
        }
        _ => {
            let words = record.message.clone().unwrap_or_default();
            Err(match record.problem {
                Some(CreationProblem::ProjectFailed) => CliError::new(
                    Exit::RenderFailed,
                    format!("Project {project} FAILED: {words}"),
                ),
                Some(CreationProblem::Expired) => CliError::new(
                    Exit::RenderFailed,
                    format!("Project {project} can no longer be read: {words}"),
                ),
                Some(CreationProblem::KeyRejected) => CliError::key(words),
                Some(CreationProblem::FileChanged | CreationProblem::Unreadable) => {
                    CliError::local(words)
                }
                _ => CliError::api(words),
            })
        }
    }
}

fn print(ctx: &Context, record: &CreationRecord) -> CliResult {
    let project = record.project_id.as_deref().unwrap_or_default();
    if ctx.out.json {
        return ctx.out.json(&json!({
            "project_id": project,
            "name": record.project_name,
            "status": record.status,
            "clips": record.clips,
        }));
    }
    let name = record.project_name.as_deref().map(cell).unwrap_or_default();
    if record.state == CreationState::Running {
        return ctx.out.line(&format!(
            "{project}\t{name}: created; its clips are being found (see them with `wayin-export clips {project}`)."
        ));
    }
    let count = record.clips.len();
    let plural = if count == 1 { "" } else { "s" };
    ctx.out
        .line(&format!("{project}\t{name} ({count} clip{plural})"))?;
    if record.clips.is_empty() {
        return ctx.out.line("No clips were found in this video.");
    }
    ctx.out.line(&clip_table(&record.clips))
}
