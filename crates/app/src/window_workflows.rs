//! What the window's forms ask of the application beyond one engine call: the export
//! form's preview and submit, and a new project from a link, a dropped video or one the
//! person picks. The terminal reads its flags into the same requests and engine calls.

use std::path::PathBuf;

use engine::{CreationRecord, DownloadPlan, ExportOutcome};
use wayin_api::ExportOptions;

use crate::{AppError, ModeState, NewProject};

/// Exactly the body an export would send, what to warn about, and a sentence saying it.
#[derive(Debug, serde::Serialize)]
pub struct ExportPreview {
    pub body: serde_json::Value,
    pub warnings: Vec<String>,
    pub summary: String,
}

/// Where a new project's video comes from.
pub enum VideoChoice {
    /// The link in `NewProject::source`.
    Link,
    /// The video dropped on the window, if one was.
    Dropped(Option<PathBuf>),
    /// The system file picker.
    AskForFile,
}

impl ModeState {
    /// The export the form describes, as it would be sent, without sending it.
    pub fn preview_export(
        &self,
        project_id: &str,
        clips: Option<&[u32]>,
        options: serde_json::Value,
    ) -> Result<ExportPreview, AppError> {
        let request = ExportOptions::from_json(options)?.to_request(project_id, clips)?;
        let project = self.open_project(request.project_id());
        let name = project
            .as_ref()
            .and_then(|p| p.name.clone())
            .unwrap_or_else(|| request.project_id().to_string());
        Ok(ExportPreview {
            body: request.to_json(),
            warnings: request.warnings().iter().map(ToString::to_string).collect(),
            summary: request.summary(&name, project.map(|p| p.clips.len())),
        })
    }

    /// Records and sends the export; its clips download into the folder and under the
    /// names the settings give, as they render.
    pub async fn submit_export(
        &self,
        project_id: &str,
        project_name: Option<String>,
        clips: Option<&[u32]>,
        options: serde_json::Value,
    ) -> Result<ExportOutcome, AppError> {
        let request = ExportOptions::from_json(options)?.to_request(project_id, clips)?;
        let engine = self.engine().await?;
        let settings = self.settings().await?;
        let project_name = project_name
            .filter(|n| !n.trim().is_empty())
            .or_else(|| self.open_project(project_id).and_then(|p| p.name.clone()));
        let plan = DownloadPlan {
            out_dir: settings.download_dir,
            name_template: settings.name_template,
            project_name,
            clips: request.clip_indices().map(<[u32]>::to_vec),
        };
        let id = engine.submit(request, plan).await?;
        Ok(engine.export_outcome(id).await?)
    }

    /// Checks the form, asks for the video when that is the choice, and starts the
    /// creation. `None`: the person closed the file picker and nothing was done.
    pub async fn start_creation(
        &self,
        project: NewProject,
        video: VideoChoice,
    ) -> Result<Option<CreationRecord>, AppError> {
        let spec = match video {
            VideoChoice::Link => project.link_spec()?,
            VideoChoice::Dropped(path) => {
                project.check_choices()?;
                let path = path.ok_or_else(|| {
                    AppError::InvalidRequest("No video was dropped on the window.".into())
                })?;
                project.file_spec(path)?
            }
            VideoChoice::AskForFile => {
                project.check_choices()?;
                let Some(path) = self.desktop()?.choose_video(None).await else {
                    return Ok(None);
                };
                project.file_spec(path)?
            }
        };
        let engine = self.engine().await?;
        let id = engine.create_project(spec).await?;
        Ok(engine.creation(id).await?)
    }
}
