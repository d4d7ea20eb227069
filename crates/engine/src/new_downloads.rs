//! Turning rendered clips into planned downloads with safe, unique file names.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use wayin_api::request::{Ratio, Resolution};
use wayin_api::Clip;

use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::naming::{safe_file_name, unique_in_folder, ExportFrame, NameFields, Template};
use crate::store::{DownloadId, ExportId, ExportRecord};

/// Plans a download for every wanted clip that has a link and no download yet, and
/// queues them. Safe to call after every poll: a clip is planned once.
pub(crate) fn plan_new_downloads(
    inner: &Arc<EngineCore>,
    export_id: ExportId,
) -> Result<Vec<DownloadId>, EngineError> {
    let Some(export) = inner.store.export(export_id)? else {
        return Ok(Vec::new());
    };
    let template = Template::parse(&export.name_template)?;
    let mut planned = Vec::new();
    for clip in inner.store.clips(export_id)? {
        let idx = clip.clip.idx;
        if clip.link.is_none()
            || !export.wants_clip(idx)
            || inner.store.download_for_clip(export_id, idx)?.is_some()
        {
            continue;
        }
        let raw = template.render(&name_fields(&export, &clip.clip));
        let path = free_path(inner, &export.out_dir, &safe_file_name(&raw))?;
        let record = inner.store.plan_download(export_id, idx, &path)?;
        inner.queue.enqueue(inner, record.id);
        crate::changed::download_changed(inner, record.id)?;
        planned.push(record.id);
    }
    Ok(planned)
}

/// The next free name beside `taken_path` (a different file appeared under its name).
pub(crate) fn next_free_path(
    inner: &Arc<EngineCore>,
    taken_path: &Path,
) -> Result<PathBuf, EngineError> {
    free_path_beside(inner, taken_path, |name| name.to_owned())
}

/// The same name folded to plain ASCII ("Café 🎬.mp4" → "Cafe.mp4"), free in its folder: for
/// drives whose file system refuses anything else.
pub(crate) fn plain_free_path(
    inner: &Arc<EngineCore>,
    refused_path: &Path,
) -> Result<PathBuf, EngineError> {
    free_path_beside(inner, refused_path, crate::naming::plain_ascii_name)
}

/// A free name in `path`'s folder for `rename` of its file name.
fn free_path_beside(
    inner: &Arc<EngineCore>,
    path: &Path,
    rename: impl Fn(&str) -> String,
) -> Result<PathBuf, EngineError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "clip.mp4".into());
    free_path(inner, dir, &rename(&name))
}

fn free_path(inner: &Arc<EngineCore>, dir: &Path, name: &str) -> Result<PathBuf, EngineError> {
    // Names planned for other downloads count as taken even before their files exist.
    let taken: HashSet<String> = inner
        .store
        .planned_paths()?
        .into_iter()
        .filter(|p| p.parent() == Some(dir))
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().to_lowercase()))
        .collect();
    let unique = unique_in_folder(dir, name, &|candidate: &str| {
        taken.contains(&candidate.to_lowercase())
    });
    Ok(dir.join(unique))
}

fn name_fields(export: &ExportRecord, clip: &Clip) -> NameFields {
    let request = export.request.as_ref();
    let text = |field: &str| request.and_then(|r| r.get(field)).and_then(|v| v.as_str());
    let look = ExportFrame {
        resolution: text("resolution").and_then(|r| r.parse::<Resolution>().ok()),
        ratio: text("ratio").and_then(|r| r.parse::<Ratio>().ok()),
    };
    NameFields::for_clip(
        export.project_label().unwrap_or_else(|| "export".into()),
        export.task_id.clone().unwrap_or_default(),
        clip,
        look,
        export.created_at,
    )
}
