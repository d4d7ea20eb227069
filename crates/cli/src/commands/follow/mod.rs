//! What `export` and `download` share: starting the engine, following one export
//! with progress until its clips are on disk, Ctrl-C, and turning the outcome into
//! an exit code.

mod interrupt;
mod report;
mod setup;
mod show;

use std::time::{Duration, Instant};

use engine::timelines::TimelineFormat;
use engine::{Engine, Event, ExportId};
use tokio::sync::broadcast::error::RecvError;

use crate::commands::Context;
use crate::error::{one_line, CliError, CliResult, Exit};
use crate::progress::Progress;

pub use interrupt::{resume_command, stop_engine, Interrupt};
pub use setup::{data_dir, engine_error, output_folder, start_engine};

use interrupt::interrupted;
use report::report;
use show::{show_download, show_event, show_export};

/// How long the API may stay unreachable before waiting on is pointless for a script;
/// the export stays recorded and `download` picks it up later.
const GIVE_UP_AFTER_FAILED_POLLS: Duration = Duration::from_secs(10 * 60);

/// Follows export `id` until it settles, drawing progress; stops the engine either way.
pub async fn follow(
    ctx: &Context,
    engine: &Engine,
    id: ExportId,
    interrupt: &mut Interrupt,
    timelines: &[TimelineFormat],
) -> CliResult {
    // Subscribed before the first look, so no change falls between the two.
    let mut events = engine.subscribe();
    let mut progress = Progress::new(ctx.out.json);
    if let Ok(outcome) = engine.export_outcome(id).await {
        show_export(engine, &mut progress, &outcome.export).await;
        for download in &outcome.downloads {
            show_download(&mut progress, download);
        }
    }
    let waiting = engine.wait_export(id);
    tokio::pin!(waiting);
    let mut failing_since: Option<Instant> = None;
    let mut events_open = true;
    let result = loop {
        tokio::select! {
            outcome = &mut waiting => break outcome,
            event = events.recv(), if events_open => match event {
                Ok(event) if event.export_id() == Some(id) => {
                    let stop = match &event {
                        Event::PollFailed(engine::PollFailed { kind, message, .. }) => {
                            let since = *failing_since.get_or_insert_with(Instant::now);
                            // Every later poll would be refused the same way.
                            if kind == "key_rejected" {
                                Some(wayin_api::ApiError::KeyRejected.into())
                            } else if since.elapsed() >= GIVE_UP_AFTER_FAILED_POLLS {
                                Some(unreachable(engine, id, message).await)
                            } else {
                                None
                            }
                        }
                        Event::ExportUpdated { .. } => {
                            failing_since = None;
                            None
                        }
                        _ => None,
                    };
                    show_event(engine, &mut progress, event).await;
                    if let Some(stop) = stop {
                        progress.finish();
                        stop_engine(engine, interrupt).await;
                        return Err(stop);
                    }
                }
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => events_open = false,
            },
            _ = interrupt.recv() => {
                progress.finish();
                let export = engine.export(id).await.ok().flatten();
                eprintln!("Stopping: keeping what was downloaded so far (Ctrl-C again to quit at once)…");
                stop_engine(engine, interrupt).await;
                return Err(interrupted(export.as_ref()));
            }
        }
    };
    stop_engine(engine, interrupt).await;
    let outcome = result.map_err(engine_error)?;
    // The outcome can win the race against its last events: end every clip from it.
    for download in &outcome.downloads {
        show_download(&mut progress, download);
    }
    progress.finish();
    let written = crate::commands::timeline::after_downloads(engine, &outcome, timelines).await?;
    report(ctx, &outcome, &written)
}

async fn unreachable(engine: &Engine, id: ExportId, message: &str) -> CliError {
    let resume = engine
        .export(id)
        .await
        .ok()
        .flatten()
        .and_then(|e| Some(resume_command(e.task_id.as_deref()?, &e.out_dir)))
        .unwrap_or_else(|| "wayin-export history".to_owned());
    CliError::new(
        Exit::Api,
        format!(
            "Gave up after {} minutes without an answer about the export ({}). It stays recorded; continue with: {resume}",
            GIVE_UP_AFTER_FAILED_POLLS.as_secs() / 60,
            one_line(message)
        ),
    )
}
