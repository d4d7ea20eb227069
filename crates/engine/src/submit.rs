//! Write-ahead submit: the export is recorded before it is sent, and its task id in
//! the same step as the answer arrives. A crash anywhere between leaves a record
//! that says "unknown — check before exporting again", never a silent second send.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use wayin_api::{ExportRequest, Priority};

use crate::changed::export_changed;
use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::export_poll::absorb;
use crate::naming::Template;
use crate::store::{ExportId, NewExport, SubmitState};

/// Where and how an export's clips land on disk.
#[derive(Debug, Clone)]
pub struct DownloadPlan {
    pub out_dir: PathBuf,
    /// See [`crate::naming`]; [`crate::naming::DEFAULT_TEMPLATE`] when unsure.
    pub name_template: String,
    /// Fills `{project}`; the project id is used when unknown.
    pub project_name: Option<String>,
    /// Only these clips; `None`: every clip the export renders.
    pub clips: Option<Vec<u32>>,
}

pub(crate) async fn submit(
    inner: &Arc<EngineCore>,
    request: ExportRequest,
    plan: DownloadPlan,
) -> Result<ExportId, EngineError> {
    // Everything that could stop the download is checked before anything is paid for.
    prepare_folder(&plan.out_dir)?;
    Template::parse(&plan.name_template)?;
    let requested = plan
        .clips
        .clone()
        .or_else(|| request.clip_indices().map(<[u32]>::to_vec));
    let intent = NewExport {
        project_id: Some(request.project_id().to_owned()),
        project_name: plan.project_name,
        request: Some(request.to_json()),
        requested_clips: requested,
        submit_state: SubmitState::Pending,
        task_id: None,
        out_dir: plan.out_dir,
        name_template: plan.name_template,
    };
    let id = inner
        .blocking(move |inner| {
            let id = inner.store.insert_export(&intent)?;
            export_changed(inner, id)?;
            Ok(id)
        })
        .await?;
    // The send runs on its own task: if the caller stops waiting (a closed window,
    // Ctrl-C), the answer is still recorded when it comes.
    let sender = inner.clone();
    inner
        .submits
        .spawn(async move { send(&sender, id, &request).await })
        .await
        .unwrap_or_else(|e| {
            Err(EngineError::SubmitUnknown {
                export_id: id,
                message: e.to_string(),
            })
        })?;
    Ok(id)
}

async fn send(
    inner: &Arc<EngineCore>,
    id: ExportId,
    request: &ExportRequest,
) -> Result<(), EngineError> {
    let outcome = inner.client().submit_export(request).await;
    inner
        .blocking(move |inner| record_answer(inner, id, outcome))
        .await
}

/// Writes the POST's answer down, in the same step as it arrived.
fn record_answer(
    inner: &Arc<EngineCore>,
    id: ExportId,
    outcome: Result<wayin_api::ExportSubmitted, wayin_api::ApiError>,
) -> Result<(), EngineError> {
    let result = match outcome {
        Ok(submitted) => {
            let task_id = &submitted.export_task_id;
            let recorded =
                inner
                    .store
                    .mark_submitted(id, task_id, &submitted.name, submitted.status.as_str());
            if let Err(e) = recorded {
                // Paid for but not written down: the task id must reach the person.
                return Err(EngineError::SubmitUnknown {
                    export_id: id,
                    message: format!(
                        "the API accepted it as export task {task_id}, but the history could not be written ({e}); download it with that id"
                    ),
                });
            }
            inner.scheduler_wake.notify_one();
            Ok(())
        }
        Err(e) if e.may_have_reached_server() => {
            inner
                .store
                .mark_submit_outcome(id, SubmitState::Unknown, &e.to_string())?;
            Err(EngineError::SubmitUnknown {
                export_id: id,
                message: e.to_string(),
            })
        }
        Err(e) => {
            inner
                .store
                .mark_submit_outcome(id, SubmitState::Rejected, &e.to_string())?;
            Err(e.into())
        }
    };
    export_changed(inner, id)?;
    result
}

/// Follows a task submitted anywhere. Asking for it first proves the id is right
/// before anything is recorded.
pub(crate) async fn attach(
    inner: &Arc<EngineCore>,
    task_id: &str,
    plan: DownloadPlan,
) -> Result<ExportId, EngineError> {
    prepare_folder(&plan.out_dir)?;
    Template::parse(&plan.name_template)?;
    let task = inner
        .client()
        .export_results(task_id, Priority::Interactive)
        .await?;
    inner
        .blocking(move |inner| record_attached(inner, task, plan))
        .await
}

/// Records an attached task (or finds it recorded for the same folder and clips) and
/// takes in what the API said about it.
fn record_attached(
    inner: &Arc<EngineCore>,
    task: wayin_api::ExportTask,
    plan: DownloadPlan,
) -> Result<ExportId, EngineError> {
    let existing = inner
        .store
        .export_by_task(&task.export_task_id)?
        .filter(|e| e.out_dir == plan.out_dir && e.requested_clips == plan.clips);
    let id = match existing {
        Some(export) => {
            inner.store.reopen_polling(export.id)?;
            for download in inner.store.downloads(export.id)? {
                let finished =
                    download.state == crate::store::DownloadState::Done && download.path.exists();
                if !finished {
                    crate::worker::retry(inner, download.id)?;
                }
            }
            export.id
        }
        None => inner.store.insert_export(&NewExport {
            project_id: None,
            project_name: plan.project_name,
            request: None,
            requested_clips: plan.clips,
            submit_state: SubmitState::Attached,
            task_id: Some(task.export_task_id.clone()),
            out_dir: plan.out_dir,
            name_template: plan.name_template,
        })?,
    };
    absorb(inner, id, &task)?;
    inner.scheduler_wake.notify_one();
    Ok(id)
}

fn prepare_folder(dir: &Path) -> Result<(), EngineError> {
    let fail = |message: String| EngineError::Folder {
        path: dir.to_path_buf(),
        message,
    };
    if dir.to_str().is_none() {
        return Err(fail("its path is not valid Unicode".into()));
    }
    std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
    // Proves the folder is writable now, rather than after the export is paid for.
    let probe = tempfile_in(dir).map_err(|e| fail(format!("it is not writable ({e})")))?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}

fn tempfile_in(dir: &Path) -> std::io::Result<std::path::PathBuf> {
    let probe = dir.join(format!(".wayin-write-test-{}", std::process::id()));
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&probe)?;
    Ok(probe)
}
