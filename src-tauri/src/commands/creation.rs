//! Starting from the footage: a project made from a video the person chooses in the system
//! dialog or a link they paste. The page never names a file: a path it sent could be any of
//! the person's files, uploaded to a stranger's storage.

use serde::{Deserialize, Serialize};
use tauri::State;

use crate::ipc::{CommandError, CreationView};
use app::{AppState, NewProject, VideoChoice};

/// The new project as the page's form describes it: a link, the video dropped on the window
/// (`dropped`), or neither, which asks for a file in the system dialog.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewProjectInput {
    link: Option<String>,
    #[serde(default)]
    dropped: bool,
    moments: Option<String>,
    length: Option<String>,
    max_clips: Option<u32>,
    source_lang: Option<String>,
    lang: Option<String>,
    name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreationStarted {
    /// The person closed the file dialog: nothing was done.
    pub cancelled: bool,
    pub creation: Option<CreationView>,
}

/// Checks the form, asks for the video when no link is given, and starts the creation.
#[tauri::command]
pub async fn project_create(
    state: State<'_, AppState>,
    dropped: State<'_, app::DroppedVideo>,
    input: NewProjectInput,
) -> Result<CreationStarted, CommandError> {
    let project = NewProject {
        source: input.link.clone().unwrap_or_default(),
        moments: input.moments,
        length: input.length,
        max_clips: input.max_clips,
        source_lang: input.source_lang,
        lang: input.lang,
        name: input.name,
    };
    let video = match (input.link, input.dropped) {
        (Some(_), _) => VideoChoice::Link,
        (None, true) => VideoChoice::Dropped(dropped.path()),
        (None, false) => VideoChoice::AskForFile,
    };
    let started = state.current().start_creation(project, video).await?;
    Ok(CreationStarted {
        cancelled: started.is_none(),
        creation: started.as_ref().map(CreationView::from),
    })
}

/// Every project made here, newest first.
#[tauri::command]
pub async fn creations_list(state: State<'_, AppState>) -> Result<Vec<CreationView>, CommandError> {
    let all = state.current().engine().await?.creations().await?;
    Ok(all.iter().map(CreationView::from).collect())
}

/// Stops a creation before its request is sent; once sent, it is left to finish.
#[tauri::command]
pub async fn creation_cancel(
    state: State<'_, AppState>,
    id: i64,
) -> Result<CreationView, CommandError> {
    let record = state.current().engine().await?.cancel_creation(id).await?;
    Ok(CreationView::from(&record))
}
