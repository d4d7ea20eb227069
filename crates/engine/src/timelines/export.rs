//! An export's finished clips as one sequence, in the order the export asked for them.

use std::collections::HashMap;

use timeline::{Format, Marker, Timeline, TimelineClip};
use wayin_api::{Clip, ExportRequest};

use super::files::{write_new_file, WrittenTimeline};
use super::probe::{display_name, probe_media};
use super::{base_name, TimelineError};
use crate::store::{DownloadRecord, DownloadState, ExportId, ExportRecord, Store};

/// The export's sequence: one clip per finished download, named after its title, with the
/// frame rate, length and size each file really has.
pub fn export_timeline(store: &Store, export_id: ExportId) -> Result<Timeline, TimelineError> {
    timeline_of(store, &recorded_export(store, export_id)?)
}

fn recorded_export(store: &Store, export_id: ExportId) -> Result<ExportRecord, TimelineError> {
    store
        .export(export_id)?
        .ok_or_else(|| TimelineError::NotFound(format!("Export {export_id}")))
}

fn timeline_of(store: &Store, export: &ExportRecord) -> Result<Timeline, TimelineError> {
    let export_id = export.id;
    let clips: HashMap<u32, Clip> = store
        .clips(export_id)?
        .into_iter()
        .map(|record| (record.clip.idx, record.clip))
        .collect();
    let finished = in_export_order(export, store.downloads(export_id)?);
    if finished.is_empty() {
        return Err(TimelineError::NothingFinished);
    }
    let mut media = Vec::with_capacity(finished.len());
    let mut timeline_clips = Vec::with_capacity(finished.len());
    for download in &finished {
        let probed = probe_media(&download.path)?;
        let clip = clips.get(&download.idx);
        let title = clip
            .map(|clip| clip.title.trim())
            .filter(|title| !title.is_empty())
            .map(str::to_owned)
            .unwrap_or_else(|| display_name(&download.path));
        let (score, tags, description) = clip.map_or((None, &[][..], ""), |clip| {
            (clip.score, clip.tags.as_slice(), clip.desc.as_str())
        });
        timeline_clips.push(TimelineClip {
            name: title,
            media: media.len(),
            source_in: 0,
            frames: probed.info.frames,
            marker: Marker::for_clip(download.idx, score, tags, description),
            keywords: tags.to_vec(),
        });
        media.push(probed);
    }
    let project = project_name(export);
    let first = &media[0].info;
    Ok(Timeline {
        name: sequence_name(export, &project),
        event: project,
        rate: first.rate,
        width: first.width,
        height: first.height,
        media,
        clips: timeline_clips,
    })
}

/// Writes each format into `dir` (the export's download folder when `None`) and records it; a
/// recorded file there that still holds the same text is kept instead of written again.
pub fn write_export_timelines(
    store: &Store,
    export_id: ExportId,
    formats: &[Format],
    dir: Option<&std::path::Path>,
) -> Result<Vec<WrittenTimeline>, TimelineError> {
    let export = recorded_export(store, export_id)?;
    let timeline = timeline_of(store, &export)?;
    let dir = dir.unwrap_or(&export.out_dir);
    let recorded = store.timeline_files(export_id)?;
    let base = base_name(&project_name(&export), "timeline");
    let mut written = Vec::with_capacity(formats.len());
    for &format in formats {
        let text = timeline::render(&timeline, format);
        let unchanged = recorded
            .iter()
            .find(|file| file.format == format.id())
            .filter(|file| file.path.parent() == Some(dir))
            .filter(|file| holds_exactly(&file.path, text.as_bytes()));
        let path = match unchanged {
            Some(file) => file.path.clone(),
            None => write_new_file(dir, &base, format, text.as_bytes()).map_err(|e| {
                TimelineError::Write {
                    dir: dir.to_path_buf(),
                    message: e.to_string(),
                }
            })?,
        };
        store.record_timeline_file(export_id, format.id(), &path)?;
        written.push(WrittenTimeline { format, path });
    }
    Ok(written)
}

fn holds_exactly(path: &std::path::Path, expected: &[u8]) -> bool {
    transfer::no_follow::open_read(path).is_ok_and(|mut file| {
        let mut found = Vec::with_capacity(expected.len());
        use std::io::Read;
        // One byte more than expected tells a longer file from an equal one.
        (&mut file)
            .take(expected.len() as u64 + 1)
            .read_to_end(&mut found)
            .is_ok()
            && found == expected
    })
}

/// Finished downloads in the order the export asked for its clips, then any others by idx.
pub fn in_export_order(
    export: &ExportRecord,
    downloads: Vec<DownloadRecord>,
) -> Vec<DownloadRecord> {
    let rank = |idx: u32| {
        export
            .requested_clips
            .as_ref()
            .and_then(|order| order.iter().position(|&wanted| wanted == idx))
            .unwrap_or(usize::MAX)
    };
    let mut finished: Vec<DownloadRecord> = downloads
        .into_iter()
        .filter(|d| d.state == DownloadState::Done)
        .collect();
    finished.sort_by_key(|d| (rank(d.idx), d.idx));
    finished
}

/// Named as the export's clips are, so an export attached from elsewhere names its timeline
/// as it names its clips.
fn project_name(export: &ExportRecord) -> String {
    export
        .project_label()
        .or_else(|| export.task_id.clone())
        .unwrap_or_else(|| format!("Export {}", export.id))
}

/// `Podcast · 1080p · reframed to 9:16`: the project and the options it was rendered with.
fn sequence_name(export: &ExportRecord, project: &str) -> String {
    let options = export
        .request
        .clone()
        .and_then(|body| serde_json::from_value::<ExportRequest>(body).ok())
        .map(|request| request.options_summary());
    match options {
        Some(options) => format!("{project} · {options}"),
        None => project.to_owned(),
    }
}
