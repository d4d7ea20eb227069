//! Selects: a project's clips as ranges of the editor's own source video, written as timeline
//! files. One workflow for the window and `wayin-export selects`; nothing is rendered or
//! charged.

use std::path::PathBuf;

use engine::timelines::{
    base_name, chosen_clips, selects_timeline, write_timeline_files, TimelineFormat,
    WrittenTimeline,
};
use wayin_api::ProjectClips;

use crate::{AppError, ModeState};

/// What a selects run wrote, and the clips it left out with the reason, one line each.
pub struct WrittenSelects {
    pub files: Vec<WrittenTimeline>,
    pub skipped: Vec<String>,
}

/// The clips a selects run will lay out, checked before anything is asked of the person.
pub struct SelectsPlan {
    name: String,
    chosen: Vec<wayin_api::Clip>,
}

impl SelectsPlan {
    /// `project`'s `clips` (every clip when `None`); a clip the project does not have is
    /// refused here, before the source video is asked for.
    pub fn new(project: &ProjectClips, clips: Option<&[u32]>) -> Result<Self, AppError> {
        let chosen = chosen_clips(&project.clips, clips).map_err(|idx| {
            AppError::NotFound(format!("Project {} has no clip {idx}.", project.project_id))
        })?;
        let name = project
            .name
            .clone()
            .unwrap_or_else(|| project.project_id.clone());
        Ok(Self { name, chosen })
    }

    /// Writes `formats` of the chosen clips as ranges of `source` into `out_dir`, off the
    /// async workers.
    pub async fn write(
        self,
        source: PathBuf,
        formats: Vec<TimelineFormat>,
        out_dir: PathBuf,
    ) -> Result<WrittenSelects, AppError> {
        let Self { name, chosen } = self;
        tokio::task::spawn_blocking(move || {
            let selects = selects_timeline(&name, &chosen, &source)?;
            let files = write_timeline_files(
                &selects.timeline,
                &formats,
                &out_dir,
                &base_name(&name, "selects"),
            )?;
            let skipped = selects.skipped.iter().map(|s| s.describe()).collect();
            Ok::<_, AppError>(WrittenSelects { files, skipped })
        })
        .await
        .map_err(|e| AppError::Internal(format!("writing the selects stopped: {e}")))?
    }
}

/// A selects run from the window: `written` is `None` when the person closed the file picker.
pub struct SelectsRun {
    pub written: Option<WrittenSelects>,
    pub shown_in_folder: bool,
    /// Why the file picker was opened for a project made here from a file: that file moved
    /// or changed since (its folder is not named).
    pub source_moved: Option<String>,
}

impl ModeState {
    /// Writes selects of an open project's `clips` (every clip when `None`) into the
    /// download folder in every format and shows them. A project made here from a file
    /// uses that file while it is unchanged; otherwise the person picks the source video.
    pub async fn write_selects(
        &self,
        project_id: &str,
        clips: Option<&[u32]>,
    ) -> Result<SelectsRun, AppError> {
        let project = self.open_project(project_id).ok_or_else(|| {
            AppError::NotFound(format!("Project {project_id} is not open: open it first."))
        })?;
        let plan = SelectsPlan::new(&project, clips)?;
        let made_from = project_id.to_owned();
        let recorded = self
            .with_store(move |store| Ok(crate::project_source(store, &made_from)))
            .await?;
        let source_moved = recorded.as_ref().err().map(|moved| {
            let name = moved.path.file_name().unwrap_or_default().to_string_lossy();
            format!("{name} {}.", moved.why)
        });
        let chosen = match recorded {
            Ok(Some(source)) => Some(source),
            Ok(None) | Err(_) => self.desktop()?.choose_video(None).await,
        };
        let Some(source) = chosen else {
            return Ok(SelectsRun {
                written: None,
                shown_in_folder: false,
                source_moved,
            });
        };
        let out_dir = self.settings().await?.download_dir;
        let written = plan
            .write(source, TimelineFormat::ALL.to_vec(), out_dir)
            .await?;
        let shown_in_folder = written
            .files
            .first()
            .is_some_and(|first| self.show_in_folder(&first.path));
        Ok(SelectsRun {
            written: Some(written),
            shown_in_folder,
            source_moved,
        })
    }
}
