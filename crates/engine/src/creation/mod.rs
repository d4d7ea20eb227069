//! A project created from the editor's own footage, as a job of the engine: written down
//! before anything is sent (the file as it was chosen, then the request), uploaded by
//! whichever engine holds the job, sent once, and followed until its clips are found.
//! An answer that never came is left "unknown" and never sent again by itself.

mod fingerprint;
pub(crate) mod job;
pub(crate) mod poll;
mod send;
mod source_check;

use std::path::PathBuf;

use transfer::upload::FileStamp;
use wayin_api::create::{CreateRequest, UploadFile, VideoSource};

use crate::error::EngineError;
use crate::store::{CreationSource, NewCreation};

pub use fingerprint::fingerprint;
pub use source_check::{check_source, SourceMoved};

/// What to make a project from.
#[derive(Debug, Clone)]
pub enum CreationSpec {
    /// The request names a link the service fetches itself.
    Link(CreateRequest),
    /// The file at `path` is uploaded first; the request's video becomes its identity.
    File {
        path: PathBuf,
        request: CreateRequest,
    },
}

/// What is written before anything is sent.
pub(crate) fn intent(spec: CreationSpec) -> Result<NewCreation, EngineError> {
    let (request, source) = match spec {
        CreationSpec::Link(request) => {
            let url = request.video().as_str().to_owned();
            (request, CreationSource::Link { url })
        }
        CreationSpec::File { path, request } => {
            let stamp = FileStamp::of(&path)?;
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            UploadFile::check(&name, stamp.size)?;
            let fingerprint =
                fingerprint(&path).map_err(|e| transfer::upload::UploadError::Unreadable {
                    path: path.clone(),
                    message: e.to_string(),
                })?;
            let source = CreationSource::File {
                modified_ms: stamp.modified.and_then(millis_since_epoch),
                size: stamp.size,
                path,
                fingerprint,
            };
            // The identity is filled in once the file is on the storage host.
            (
                request.with_video(VideoSource::Uploaded(String::new())),
                source,
            )
        }
    };
    Ok(NewCreation {
        kind: request.kind(),
        clip_limit: request.settings().limit(),
        project_name: request.settings().name().map(str::to_owned),
        request: request.to_json(),
        source,
    })
}

pub(crate) fn millis_since_epoch(time: std::time::SystemTime) -> Option<i64> {
    time.duration_since(std::time::UNIX_EPOCH)
        .ok()
        .map(|since| since.as_millis() as i64)
}
