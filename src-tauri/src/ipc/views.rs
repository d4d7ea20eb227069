//! The shapes the page receives (docs/IPC.md), built from the engine's records.
//! Field names are camelCase; nothing here carries a path the page could send back.

use engine::settings::Settings;
use engine::timelines::{TimelineFormat, WrittenTimeline};
use engine::{DownloadRecord, Event as EngineEvent, ExportOutcome};
use serde::Serialize;
use wayin_api::{Clip, ExportOptions, ProjectClips, TaskKind};

use app::Mode;

/// The settings as the page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    pub download_dir: String,
    pub name_template: String,
    pub concurrency: usize,
    /// Timeline formats by id (`catalog.timelineFormats`) written once an export's clips are
    /// all on disk; empty: none.
    pub auto_timelines: Vec<String>,
    /// Whether the app looks for a newer version when it starts (at most once a day).
    pub check_updates: bool,
    /// Read-only: `WAYIN_API_BASE`, or the WayinVideo API.
    pub api_base: String,
    pub demo: bool,
}

impl SettingsView {
    pub fn new(settings: &Settings, api_base: String, demo: bool) -> Self {
        Self {
            download_dir: settings.download_dir.to_string_lossy().into_owned(),
            name_template: settings.name_template.clone(),
            concurrency: settings.concurrency,
            auto_timelines: settings
                .auto_timelines
                .iter()
                .map(|format| format.id().to_string())
                .collect(),
            check_updates: settings.check_updates,
            api_base,
            demo,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClipView {
    pub idx: u32,
    pub title: String,
    pub begin_ms: Option<u64>,
    pub end_ms: Option<u64>,
    pub duration_ms: Option<u64>,
    pub score: Option<f64>,
    pub tags: Vec<String>,
    pub desc: String,
    /// A URL served by the shell (the `thumb` scheme), never the vendor's.
    pub thumbnail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectView {
    pub project_id: String,
    pub kind: TaskKind,
    pub name: Option<String>,
    pub clips: Vec<ClipView>,
    pub source_duration_ms: Option<u64>,
}

impl ProjectView {
    pub fn new(project: &ProjectClips) -> Self {
        Self {
            project_id: project.project_id.clone(),
            kind: project.kind,
            name: project.name.clone(),
            clips: project
                .clips
                .iter()
                .map(|clip| ClipView::new(&project.project_id, clip))
                .collect(),
            source_duration_ms: project.clips.iter().filter_map(|c| c.end_ms).max(),
        }
    }
}

/// A demo project as the first screen offers it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoProjectView {
    pub project_id: String,
    pub name: Option<String>,
    pub kind: TaskKind,
    pub clip_count: usize,
    /// The first clip's picture that has one, as `ClipView::thumbnail`.
    pub thumbnail: Option<String>,
}

impl DemoProjectView {
    pub fn new(project: &ProjectClips) -> Self {
        Self {
            project_id: project.project_id.clone(),
            name: project.name.clone(),
            kind: project.kind,
            clip_count: project.clips.len(),
            thumbnail: project
                .clips
                .iter()
                .find_map(|clip| ClipView::new(&project.project_id, clip).thumbnail),
        }
    }
}

impl ClipView {
    fn new(project_id: &str, clip: &Clip) -> Self {
        Self {
            idx: clip.idx,
            title: clip.title.clone(),
            begin_ms: clip.begin_ms,
            end_ms: clip.end_ms,
            duration_ms: clip.duration_ms(),
            score: clip.score,
            tags: clip.tags.clone(),
            desc: clip.desc.clone(),
            thumbnail: clip
                .thumbnail
                .as_ref()
                .map(|_| crate::protocols::thumb::url(project_id, clip.idx)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadView {
    pub id: i64,
    pub export_id: i64,
    pub idx: u32,
    pub file_name: String,
    pub state: engine::DownloadState,
    pub bytes_done: u64,
    pub total: Option<u64>,
    pub error_kind: Option<String>,
    pub error: Option<String>,
    /// For `<video src>` once the file is on disk (the `clip` scheme).
    pub url: Option<String>,
}

impl DownloadView {
    /// `mode`: whose download it is, which its player URL names.
    pub fn new(d: &DownloadRecord, mode: Mode) -> Self {
        Self {
            id: d.id,
            export_id: d.export_id,
            idx: d.idx,
            file_name: d
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            state: d.state,
            bytes_done: d.bytes_done,
            total: d.total,
            error_kind: d.error_kind.clone(),
            error: d.error.clone(),
            url: (d.state == engine::DownloadState::Done)
                .then(|| crate::protocols::clip::url(mode, d.id)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportView {
    pub id: i64,
    pub task_id: Option<String>,
    pub project_id: Option<String>,
    pub project_name: Option<String>,
    pub name: Option<String>,
    /// The API's own stage (`CREATED`, `QUEUED`, `ONGOING`…), which the rendering badge names.
    pub status: Option<String>,
    pub cost_usage: Option<f64>,
    pub expire_at: Option<i64>,
    pub created_at: i64,
    pub requested_clips: Option<Vec<u32>>,
    pub request: Option<serde_json::Value>,
    pub options: Option<ExportOptions>,
    /// Why it did not fully succeed: `{kind, …}` (docs/IPC.md), worded by the page.
    pub problem: Option<engine::ExportProblem>,
    /// Where it stands; the page's badge is keyed by it (`catalog.phases` lists them).
    pub phase: engine::ExportPhase,
    pub downloads: Vec<DownloadView>,
    /// Timeline files written for the export and still on disk.
    pub timelines: Vec<TimelineFileView>,
}

impl ExportView {
    /// `mode`: whose export it is, which its downloads' player URLs name.
    pub fn new(o: &ExportOutcome, mode: Mode) -> Self {
        let e = &o.export;
        Self {
            id: e.id,
            task_id: e.task_id.clone(),
            project_id: e.project_id.clone(),
            project_name: e.project_name.clone(),
            name: e.name.clone(),
            status: e.status.clone(),
            cost_usage: e.cost_usage,
            expire_at: e.expire_at,
            created_at: e.created_at,
            requested_clips: e.requested_clips.clone(),
            request: e.request.clone(),
            options: e.request.as_ref().and_then(ExportOptions::from_body),
            problem: o.problem.clone(),
            phase: o.phase,
            downloads: o
                .downloads
                .iter()
                .map(|d| DownloadView::new(d, mode))
                .collect(),
            timelines: o
                .timelines
                .iter()
                .filter_map(|file| {
                    let format = TimelineFormat::from_id(&file.format)?;
                    Some(TimelineFileView::from(&WrittenTimeline {
                        format,
                        path: file.path.clone(),
                    }))
                })
                .collect(),
        }
    }
}

/// What `exports_watch` sends down its channel.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventView {
    ExportUpdated {
        export: Box<ExportView>,
    },
    DownloadProgress(engine::DownloadProgress),
    DownloadChanged {
        download: DownloadView,
    },
    PollFailed(engine::PollFailed),
    CreationUpdated {
        creation: super::CreationView,
    },
    /// A video was dropped on the window: `project_create` with `dropped: true` uses it.
    VideoDropped {
        name: String,
    },
    UploadProgress(engine::UploadProgress),
}

impl EventView {
    /// `export` is the export's full current view, for `ExportUpdated`; the engine's
    /// event carries only the record, not its downloads or whether it is settled.
    /// `mode`: whose engine sent it.
    pub fn new(event: EngineEvent, export: Option<ExportView>, mode: Mode) -> Option<Self> {
        Some(match event {
            EngineEvent::ExportUpdated { .. } => Self::ExportUpdated {
                export: Box::new(export?),
            },
            // The outcome is in the event: nothing to read again.
            EngineEvent::ExportSettled { outcome } => Self::ExportUpdated {
                export: Box::new(ExportView::new(outcome.as_ref(), mode)),
            },
            EngineEvent::DownloadProgress(progress) => Self::DownloadProgress(progress),
            EngineEvent::DownloadChanged { download } => Self::DownloadChanged {
                download: DownloadView::new(download.as_ref(), mode),
            },
            EngineEvent::PollFailed(failed) => Self::PollFailed(failed),
            EngineEvent::CreationUpdated { creation } => Self::CreationUpdated {
                creation: super::CreationView::from(creation.as_ref()),
            },
            EngineEvent::UploadProgress(progress) => Self::UploadProgress(progress),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineFileView {
    /// The format's id, as `catalog.timelineFormats` lists them.
    pub format: String,
    /// What it is for: "Premiere Pro / DaVinci Resolve XML"…
    pub label: String,
    /// The file's name (the path stays in Rust).
    pub name: String,
}

impl From<&WrittenTimeline> for TimelineFileView {
    fn from(file: &WrittenTimeline) -> Self {
        Self {
            format: file.format.id().to_string(),
            label: file.format.label().to_string(),
            name: file_name(&file.path),
        }
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::DownloadState;
    use serde_json::json;
    use std::path::PathBuf;

    fn download() -> DownloadRecord {
        DownloadRecord {
            id: 7,
            export_id: 2,
            idx: 3,
            path: PathBuf::from("/home/ana/Videos/Wayin Clips/Podcast - 03 - Pricing.mp4"),
            state: DownloadState::Downloading,
            bytes_done: 1024,
            total: Some(4096),
            error_kind: None,
            error: None,
            created_at: 1,
            updated_at: 2,
        }
    }

    #[test]
    fn events_are_camel_case_and_tagged() {
        let progress = EventView::new(
            EngineEvent::DownloadProgress(engine::DownloadProgress {
                download_id: 7,
                export_id: 2,
                idx: 3,
                bytes_done: 1024,
                total: Some(4096),
                bytes_per_sec: 512.0,
                eta_secs: Some(6.0),
            }),
            None,
            Mode::Live,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(progress).unwrap(),
            json!({"type": "download_progress", "downloadId": 7, "exportId": 2, "idx": 3,
                   "bytesDone": 1024, "total": 4096, "bytesPerSec": 512.0, "etaSecs": 6.0})
        );
        let changed = EventView::new(
            EngineEvent::DownloadChanged {
                download: Box::new(download()),
            },
            None,
            Mode::Live,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(changed).unwrap(),
            json!({"type": "download_changed", "download": {
                "id": 7, "exportId": 2, "idx": 3, "fileName": "Podcast - 03 - Pricing.mp4",
                "state": "downloading", "bytesDone": 1024, "total": 4096,
                "errorKind": null, "error": null, "url": null}})
        );
        let failed = EventView::new(
            EngineEvent::PollFailed(engine::PollFailed {
                export_id: 2,
                kind: "network".into(),
                message: "offline".into(),
            }),
            None,
            Mode::Live,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(failed).unwrap(),
            json!({"type": "poll_failed", "exportId": 2, "kind": "network", "message": "offline"})
        );
        let upload = EventView::new(
            EngineEvent::UploadProgress(engine::UploadProgress {
                creation_id: 4,
                bytes_done: 10,
                total: 40,
                bytes_per_sec: 5.0,
                eta_secs: None,
            }),
            None,
            Mode::Live,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(upload).unwrap(),
            json!({"type": "upload_progress", "creationId": 4, "bytesDone": 10, "total": 40,
                   "bytesPerSec": 5.0, "etaSecs": null})
        );
    }

    #[test]
    fn a_finished_clips_player_url_names_its_mode() {
        let mut done = download();
        done.state = DownloadState::Done;
        let live = DownloadView::new(&done, Mode::Live).url.unwrap();
        let demo = DownloadView::new(&done, Mode::Demo).url.unwrap();
        assert!(live.ends_with("/live/7"), "{live}");
        assert!(demo.ends_with("/demo/7"), "{demo}");
    }
}
