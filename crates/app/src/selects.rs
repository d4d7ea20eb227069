//! Selects: a project's clips as ranges of the editor's own source video, written as timeline
//! files. One workflow for the window and `wayin-export selects`; nothing is rendered or
//! charged.

use std::path::PathBuf;

use engine::timelines::{
    base_name, chosen_clips, selects_timeline, write_timeline_files, TimelineFormat,
    WrittenTimeline,
};
use wayin_api::ProjectClips;

use crate::AppError;

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
