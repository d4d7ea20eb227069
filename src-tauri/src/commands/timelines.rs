//! Into the editor: timeline files of an export, selects on the user's source video,
//! and dragging every finished clip of an export at once. The page names an export
//! or project id and a format; the application looks up or asks for every path.

use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};

use crate::ipc::CommandError;
use crate::ipc::TimelineFileView;
use app::{timeline_format, AppState};

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
    let format = timeline_format(&format)?;
    let written = state.current().write_timeline(export_id, format).await?;
    Ok(TimelineWritten {
        file: TimelineFileView::from(&written.file),
        shown_in_folder: written.shown_in_folder,
    })
}

/// Drags a timeline file written earlier (Final Cut on macOS takes a dropped `.fcpxml`).
#[tauri::command]
pub async fn timeline_drag<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    export_id: i64,
    format: String,
) -> Result<(), CommandError> {
    let format = timeline_format(&format)?;
    let state = state.current();
    Ok(state
        .drag_timeline(window.label(), export_id, format)
        .await?)
}

/// One native drag of every finished clip of the export, in the export's order.
#[tauri::command]
pub async fn export_drag_all<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    export_id: i64,
) -> Result<(), CommandError> {
    let state = state.current();
    Ok(state.drag_finished_clips(window.label(), export_id).await?)
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

/// Writes a timeline of the chosen clips (every clip when none) as ranges of the
/// project's original video into the download folder and shows it. No API call,
/// nothing rendered or charged.
#[tauri::command]
pub async fn selects_write(
    state: State<'_, AppState>,
    project_id: String,
    clips: Option<Vec<u32>>,
) -> Result<SelectsView, CommandError> {
    let run = state
        .current()
        .write_selects(&project_id, clips.as_deref())
        .await?;
    let (files, skipped) = run
        .written
        .as_ref()
        .map(|w| {
            (
                w.files.iter().map(TimelineFileView::from).collect(),
                w.skipped.clone(),
            )
        })
        .unwrap_or_default();
    Ok(SelectsView {
        cancelled: run.written.is_none(),
        files,
        skipped,
        shown_in_folder: run.shown_in_folder,
        source_moved: run.source_moved,
    })
}
