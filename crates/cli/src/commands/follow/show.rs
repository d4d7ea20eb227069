//! Engine events drawn as progress: the render, then each clip's download.

use engine::{DownloadState, Engine, Event, ExportRecord};

use crate::error::one_line;
use crate::progress::Progress;

pub(super) async fn show_event(engine: &Engine, progress: &mut Progress, event: Event) {
    match event {
        Event::ExportUpdated { export } => show_export(engine, progress, &export).await,
        Event::DownloadChanged { download } => show_download(progress, &download),
        Event::DownloadProgress(p) => progress.clip_progress(
            p.idx,
            p.bytes_done,
            p.total,
            Some(p.bytes_per_sec),
            p.eta_secs,
        ),
        // `follow` ends on the outcome itself.
        Event::ExportSettled { .. } => {}
        Event::PollFailed(failed) => progress.println(&format!(
            "render: could not check the export ({}); trying again",
            one_line(&failed.message)
        )),
        // `new` draws a project's creation itself.
        Event::CreationUpdated { .. } | Event::UploadProgress(_) => {}
    }
}

pub(super) async fn show_export(engine: &Engine, progress: &mut Progress, export: &ExportRecord) {
    let Some(status) = export.status.as_deref() else {
        progress.render_status(&format!("submit {}", export.submit_state.as_str()), None);
        return;
    };
    let linked = engine.rendered_clips(export.id).await.unwrap_or(0);
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

pub(super) fn show_download(progress: &mut Progress, download: &engine::DownloadRecord) {
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
