//! Into the editor: timeline files of an export, selects on the user's source video,
//! and dragging every finished clip of an export at once. The page names an export
//! or project id and a format; every path is looked up or chosen here.

use app::AppError;
use std::path::PathBuf;

use engine::timelines::{in_export_order, TimelineFormat};
use engine::ExportOutcome;
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};

use crate::ipc::CommandError;
use crate::ipc::TimelineFileView;
use app::{AppState, ModeState, SelectsPlan, WrittenSelects};
use engine::downloaded::finished_file;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineWritten {
    #[serde(flatten)]
    pub file: TimelineFileView,
    /// Whether the file manager showed it; the file is written either way.
    pub shown_in_folder: bool,
}

/// Writes one timeline of the export's finished clips beside them, then shows it in
/// its folder.
#[tauri::command]
pub async fn timeline_write(
    state: State<'_, AppState>,
    export_id: i64,
    format: String,
) -> Result<TimelineWritten, CommandError> {
    let state = state.current();
    let format = parse_format(&format)?;
    let engine = state.engine().await?;
    let written = tauri::async_runtime::spawn_blocking(move || {
        engine.write_export_timelines(export_id, &[format])
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    let file = written
        .first()
        .ok_or_else(|| AppError::Internal("no timeline was written".into()))?;
    Ok(TimelineWritten {
        file: TimelineFileView::from(file),
        shown_in_folder: show_in_folder(&state, &file.path),
    })
}

/// Shows a file just written in its folder; a desktop without a file manager is no
/// reason to report the file as not written.
fn show_in_folder(state: &ModeState, path: &std::path::Path) -> bool {
    let shown = state
        .desktop()
        .and_then(|desktop| desktop.reveal(path).map_err(AppError::Internal));
    if let Err(e) = &shown {
        tracing::info!("the file manager did not show the timeline: {e}");
    }
    shown.is_ok()
}

/// Drags a timeline file written earlier (Final Cut on macOS takes a dropped `.fcpxml`).
#[tauri::command]
pub async fn timeline_drag<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    export_id: i64,
    format: String,
) -> Result<(), CommandError> {
    let state = state.current();
    let format = parse_format(&format)?;
    let outcome = state.engine().await?.export_outcome(export_id).await?;
    let file = outcome
        .timelines
        .iter()
        .find(|file| file.format == format.extension())
        .ok_or_else(|| {
            AppError::NotFound(format!(
                "No {} of this export is on disk: write it first.",
                format.label()
            ))
        })?;
    state
        .desktop()?
        .drag(window.label(), std::slice::from_ref(&file.path))
        .await
        .map_err(AppError::Internal)?;
    Ok(())
}

/// One native drag of every finished clip of the export, in the export's order.
#[tauri::command]
pub async fn export_drag_all<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    export_id: i64,
) -> Result<(), CommandError> {
    let state = state.current();
    let outcome = state.engine().await?.export_outcome(export_id).await?;
    let paths = finished_in_order(&state, &outcome).await?;
    if paths.is_empty() {
        return Err(engine::EngineError::NotFoundDownload(
            "No clip of this export is on disk yet: wait for the downloads to finish.".into(),
        )
        .into());
    }
    state
        .desktop()?
        .drag(window.label(), &paths)
        .await
        .map_err(AppError::Internal)?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectsView {
    /// The person closed the file picker: nothing was written.
    pub cancelled: bool,
    pub files: Vec<TimelineFileView>,
    /// Clips whose range the source could not give in full, said as sentences.
    pub skipped: Vec<String>,
    pub shown_in_folder: bool,
    /// Why the dialog was opened for a project made here from a file: that file moved or
    /// changed since (its folder is not named).
    pub source_moved: Option<String>,
}

/// Asks for the project's original video, then writes a timeline of the chosen clips
/// (every clip when none) as ranges of it into the download folder and shows it. No
/// API call, nothing rendered or charged.
#[tauri::command]
pub async fn selects_write(
    state: State<'_, AppState>,
    project_id: String,
    clips: Option<Vec<u32>>,
) -> Result<SelectsView, CommandError> {
    let state = state.current();
    let project = state.open_project(&project_id).ok_or_else(|| {
        AppError::NotFound(format!("Project {project_id} is not open: open it first."))
    })?;
    let plan = SelectsPlan::new(&project, clips.as_deref())?;
    // A project made here from a file needs no dialog while that file is unchanged.
    let made_from = project_id.clone();
    let recorded = state
        .with_store(move |store| Ok(app::project_source(store, &made_from)))
        .await?;
    let source_moved = recorded.as_ref().err().map(|moved| {
        let name = moved.path.file_name().unwrap_or_default().to_string_lossy();
        format!("{name} {}.", moved.why)
    });
    let chosen = match recorded {
        Ok(Some(source)) => Some(source),
        Ok(None) | Err(_) => state.desktop()?.choose_video(None).await,
    };
    let Some(source) = chosen else {
        return Ok(SelectsView {
            cancelled: true,
            files: Vec::new(),
            skipped: Vec::new(),
            shown_in_folder: false,
            source_moved,
        });
    };
    let out_dir = state.settings().await?.download_dir;
    let formats = TimelineFormat::ALL.to_vec();
    let WrittenSelects {
        files: written,
        skipped,
    } = plan.write(source, formats, out_dir).await?;
    let shown_in_folder = written
        .first()
        .is_some_and(|first| show_in_folder(&state, &first.path));
    Ok(SelectsView {
        cancelled: false,
        files: written.iter().map(TimelineFileView::from).collect(),
        skipped,
        shown_in_folder,
        source_moved,
    })
}

/// The export's finished clips that are still plain files, in the order it asked for them.
async fn finished_in_order(
    state: &ModeState,
    outcome: &ExportOutcome,
) -> Result<Vec<PathBuf>, AppError> {
    let downloads = in_export_order(&outcome.export, outcome.downloads.clone());
    state
        .with_store(move |store| {
            Ok(downloads
                .into_iter()
                .filter_map(|d| finished_file(store, d.id).ok())
                .collect())
        })
        .await
}

fn parse_format(text: &str) -> Result<TimelineFormat, AppError> {
    TimelineFormat::from_extension(text).ok_or_else(|| {
        AppError::InvalidRequest(format!(
            "{text:?} is not a timeline format: use xml, fcpxml, edl or otio."
        ))
    })
}
