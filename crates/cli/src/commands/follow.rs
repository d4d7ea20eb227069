//! What `export` and `download` share: starting the engine, following one export
//! with progress until its clips are on disk, Ctrl-C, and turning the outcome into
//! an exit code.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use engine::timelines::{TimelineError, TimelineFormat, WrittenTimeline};
use engine::{
    DownloadState, Engine, EngineConfig, EngineError, Event, ExportId, ExportOutcome, ExportRecord,
};
use serde_json::json;
use tokio::sync::broadcast::error::RecvError;

use crate::commands::Context;
use crate::error::{one_line, CliError, CliResult, Exit};
use crate::output::{bytes, cell};
use crate::progress::Progress;

/// `closed_reason` of an export whose results the API no longer has.
const CLOSED_EXPIRED: &str = "expired";

/// How long the API may stay unreachable before waiting on is pointless for a script;
/// the export stays recorded and `download` picks it up later.
const GIVE_UP_AFTER_FAILED_POLLS: Duration = Duration::from_secs(10 * 60);

pub fn data_dir(ctx: &Context) -> PathBuf {
    ctx.env
        .data_dir
        .clone()
        .unwrap_or_else(engine::default_data_dir)
}

pub async fn start_engine(ctx: &Context) -> CliResult<Engine> {
    let client = ctx.client().await?;
    let mut config = EngineConfig::new(data_dir(ctx), client);
    if let Some(downloads_at_once) = crate::config::concurrency()? {
        config.concurrency = downloads_at_once;
    }
    Engine::start(config).await.map_err(engine_error)
}

/// The output folder, created and made absolute: the engine records it in a history
/// the desktop app shares, where a relative path would mean nothing.
pub fn output_folder(dir: &Path) -> CliResult<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError::local(format!(
            "The folder {} cannot be created: {e}",
            dir.display()
        ))
    })?;
    dir.canonicalize()
        .map_err(|e| CliError::local(format!("The folder {} cannot be used: {e}", dir.display())))
}

pub fn engine_error(error: EngineError) -> CliError {
    match error {
        EngineError::Api(e) => e.into(),
        EngineError::Request(e) => e.into(),
        EngineError::Naming(e) => CliError::usage(format!("--name-template: {e}")),
        e @ EngineError::SubmitUnknown { .. } => CliError::new(
            Exit::SubmitUnknown,
            format!("{e} Run `wayin-export history` to see it."),
        ),
        e @ EngineError::NotFound(_) => CliError::new(Exit::Api, e.to_string()),
        e @ (EngineError::Store(_) | EngineError::Folder { .. }) => CliError::local(e.to_string()),
        EngineError::Timeline(e) => {
            let exit = match &e {
                TimelineError::NothingFinished => Exit::DownloadFailed,
                TimelineError::NothingInSource { .. } => Exit::Usage,
                TimelineError::NotFound(_) => Exit::Api,
                TimelineError::Unreadable { .. }
                | TimelineError::Write { .. }
                | TimelineError::Store(_) => Exit::Local,
            };
            CliError::new(exit, e.to_string())
        }
    }
}

/// Ctrl-C (and, on Unix, SIGTERM) caught from the moment this is created, so a signal
/// during a paid submit is held until the answer is recorded instead of killing it.
pub struct Interrupt {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(not(unix))]
    ctrl_c: tokio::signal::windows::CtrlC,
}

impl Interrupt {
    pub fn listen() -> CliResult<Self> {
        let fail = |e: std::io::Error| CliError::local(format!("Could not watch for Ctrl-C: {e}"));
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Self {
                int: signal(SignalKind::interrupt()).map_err(fail)?,
                term: signal(SignalKind::terminate()).map_err(fail)?,
            })
        }
        #[cfg(not(unix))]
        {
            Ok(Self {
                ctrl_c: tokio::signal::windows::ctrl_c().map_err(fail)?,
            })
        }
    }

    pub async fn recv(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
        #[cfg(not(unix))]
        self.ctrl_c.recv().await;
    }
}

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
    if let Ok(outcome) = engine.export_outcome(id) {
        show_export(engine, &mut progress, &outcome.export);
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
                Ok(event) if event.export_id() == id => {
                    let stop = match &event {
                        Event::PollFailed { kind, message, .. } => {
                            let since = *failing_since.get_or_insert_with(Instant::now);
                            // Every later poll would be refused the same way.
                            if kind == "key_rejected" {
                                Some(wayin_api::ApiError::KeyRejected.into())
                            } else if since.elapsed() >= GIVE_UP_AFTER_FAILED_POLLS {
                                Some(unreachable(engine, id, message))
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
                    show_event(engine, &mut progress, event);
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
                let export = engine.store().export(id).ok().flatten();
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

/// Stops polling and downloads so every `.part` holds what was received. A second
/// Ctrl-C does not wait for that: the `.part` files stay resumable either way, only
/// the last unwritten buffer is fetched again.
pub async fn stop_engine(engine: &Engine, interrupt: &mut Interrupt) {
    tokio::select! {
        _ = engine.shutdown() => {}
        _ = interrupt.recv() => {}
    }
}

fn interrupted(export: Option<&ExportRecord>) -> CliError {
    let message = match export.and_then(|e| Some((e.task_id.as_deref()?, &e.out_dir))) {
        Some((task, dir)) => format!(
            "Interrupted. Export task {task} is recorded and partial downloads are kept; resume with: {}",
            resume_command(task, dir)
        ),
        None => "Interrupted. The export is recorded; see `wayin-export history`.".to_owned(),
    };
    CliError::new(Exit::Interrupted, message)
}

/// The command that picks an export up again, quoted for a POSIX shell.
pub fn resume_command(task: &str, dir: &Path) -> String {
    format!(
        "wayin-export download {} --out {}",
        shell_quote(task),
        shell_quote(&dir.display().to_string())
    )
}

fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

fn unreachable(engine: &Engine, id: ExportId, message: &str) -> CliError {
    let resume = engine
        .store()
        .export(id)
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

fn show_event(engine: &Engine, progress: &mut Progress, event: Event) {
    match event {
        Event::ExportUpdated { export } => show_export(engine, progress, &export),
        Event::DownloadChanged { download } => show_download(progress, &download),
        Event::DownloadProgress {
            idx,
            bytes_done,
            total,
            bytes_per_sec,
            eta_secs,
            ..
        } => progress.clip_progress(idx, bytes_done, total, Some(bytes_per_sec), eta_secs),
        Event::PollFailed { message, .. } => progress.println(&format!(
            "render: could not check the export ({}); trying again",
            one_line(&message)
        )),
    }
}

fn show_export(engine: &Engine, progress: &mut Progress, export: &ExportRecord) {
    let Some(status) = export.status.as_deref() else {
        progress.render_status(&format!("submit {}", export.submit_state.as_str()), None);
        return;
    };
    // A clip with a download was rendered even once its link is forgotten.
    let downloads = engine.store().downloads(export.id).unwrap_or_default();
    let linked = engine
        .store()
        .clips(export.id)
        .map(|clips| {
            clips
                .iter()
                .filter(|c| export.wants_clip(c.clip.idx))
                .filter(|c| c.link.is_some() || downloads.iter().any(|d| d.idx == c.clip.idx))
                .count()
        })
        .unwrap_or(0);
    let detail = match &export.requested_clips {
        Some(wanted) => format!("{linked} of {} clips rendered", wanted.len()),
        None => format!("{linked} clips rendered"),
    };
    if export.polling_done {
        progress.render_done(&format!("{status} · {detail}"));
    } else {
        progress.render_status(status, Some(detail));
    }
}

fn show_download(progress: &mut Progress, download: &engine::DownloadRecord) {
    let name = download
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match download.state {
        DownloadState::Waiting => {}
        DownloadState::Downloading => progress.clip_started(download.idx, &name, download.total),
        DownloadState::Done => progress.clip_done(
            download.idx,
            &download.path.display().to_string(),
            download.total.or(Some(download.bytes_done)),
        ),
        DownloadState::Failed => progress.clip_failed(
            download.idx,
            download.error.as_deref().unwrap_or("unknown error"),
        ),
        DownloadState::Cancelled => progress.clip_failed(download.idx, "cancelled"),
    }
}

/// The summary on stdout, then the exit code: 0 only when every wanted clip is on
/// disk, complete.
fn report(ctx: &Context, outcome: &ExportOutcome, timelines: &[WrittenTimeline]) -> CliResult {
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
            "problem": outcome.problem,
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
    let problem = outcome.problem.clone().unwrap_or_else(|| {
        if outcome.settled {
            "Not every requested clip is on disk.".to_owned()
        } else {
            "The export is still going on.".to_owned()
        }
    });
    let exit = if export.is_failed() || export.closed_reason.as_deref() == Some(CLOSED_EXPIRED) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_command_is_quoted_for_the_shell() {
        assert_eq!(
            resume_command("exp_1", Path::new("/tmp/clips")),
            "wayin-export download exp_1 --out /tmp/clips"
        );
        assert_eq!(
            resume_command("exp_1", Path::new("/tmp/Bob's clips")),
            "wayin-export download exp_1 --out '/tmp/Bob'\\''s clips'"
        );
    }
}
