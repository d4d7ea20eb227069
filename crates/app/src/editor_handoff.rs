//! Handing an export to the editor: a timeline file of its finished clips written beside
//! them and shown in its folder, or its files dragged out of the window. The page names
//! an export and a format; every path is looked up here.

use std::path::{Path, PathBuf};

use engine::downloaded::finished_file;
use engine::timelines::{in_export_order, TimelineFormat, WrittenTimeline};

use crate::{AppError, ModeState};

/// A file written for the editor, and whether the file manager showed it.
pub struct ShownTimeline {
    pub file: WrittenTimeline,
    /// A desktop without a file manager is no reason to report the file as not written.
    pub shown_in_folder: bool,
}

/// The format `text` names, by its id (`xmeml`, `fcpxml`, `cmx3600`, `otio`) or its extension.
pub fn timeline_format(text: &str) -> Result<TimelineFormat, AppError> {
    TimelineFormat::from_name(text).ok_or_else(|| {
        let known: Vec<&str> = TimelineFormat::ALL.iter().map(|f| f.id()).collect();
        AppError::InvalidRequest(format!(
            "{text:?} is not a timeline format: use {}.",
            known.join(", ")
        ))
    })
}

impl ModeState {
    /// Writes one timeline of the export's finished clips beside them, then shows it.
    pub async fn write_timeline(
        &self,
        export_id: i64,
        format: TimelineFormat,
    ) -> Result<ShownTimeline, AppError> {
        let engine = self.engine().await?;
        let written = tokio::task::spawn_blocking(move || {
            engine.write_export_timelines(export_id, &[format])
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
        let file = written
            .into_iter()
            .next()
            .ok_or_else(|| AppError::Internal("no timeline was written".into()))?;
        let shown_in_folder = self.show_in_folder(&file.path);
        Ok(ShownTimeline {
            file,
            shown_in_folder,
        })
    }

    /// Shows a file just written in its folder; says whether that worked.
    pub fn show_in_folder(&self, path: &Path) -> bool {
        let shown = self
            .desktop()
            .and_then(|desktop| desktop.reveal(path).map_err(AppError::Internal));
        if let Err(e) = &shown {
            tracing::info!("the file manager did not show the file written: {e}");
        }
        shown.is_ok()
    }

    /// Drags a timeline file written earlier from the window `window_label` (Final Cut on
    /// macOS takes a dropped `.fcpxml`).
    pub async fn drag_timeline(
        &self,
        window_label: &str,
        export_id: i64,
        format: TimelineFormat,
    ) -> Result<(), AppError> {
        let outcome = self.engine().await?.export_outcome(export_id).await?;
        let file = outcome
            .timelines
            .iter()
            .find(|file| file.format == format.id())
            .ok_or_else(|| {
                AppError::NotFound(format!(
                    "No {} of this export is on disk: write it first.",
                    format.label()
                ))
            })?;
        self.drag(window_label, std::slice::from_ref(&file.path))
            .await
    }

    /// One native drag of every finished clip of the export, in the export's order.
    pub async fn drag_finished_clips(
        &self,
        window_label: &str,
        export_id: i64,
    ) -> Result<(), AppError> {
        let outcome = self.engine().await?.export_outcome(export_id).await?;
        let downloads = in_export_order(&outcome.export, outcome.downloads);
        // Only clips that are still plain files where they were written.
        let paths: Vec<PathBuf> = self
            .with_store(move |store| {
                Ok(downloads
                    .into_iter()
                    .filter_map(|d| finished_file(store, d.id).ok())
                    .collect())
            })
            .await?;
        if paths.is_empty() {
            return Err(engine::EngineError::NotFoundDownload(
                "No clip of this export is on disk yet: wait for the downloads to finish.".into(),
            )
            .into());
        }
        self.drag(window_label, &paths).await
    }

    /// One native drag of `paths` from the window `window_label`.
    pub(crate) async fn drag(&self, window_label: &str, paths: &[PathBuf]) -> Result<(), AppError> {
        self.desktop()?
            .drag(window_label, paths)
            .await
            .map_err(AppError::Internal)
    }
}
