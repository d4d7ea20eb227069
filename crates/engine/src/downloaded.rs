//! Which file a download id means. Callers (the desktop page) only ever name a
//! download id; every path revealed, opened, played or dragged is looked up here.

use std::path::PathBuf;

use crate::{DownloadId, DownloadState, EngineError, Store};
use transfer::no_follow;

/// The finished file of download `id`, or `NotFoundDownload` when the id is
/// unknown, the clip is not downloaded yet, or its file is no longer on disk (or is
/// now a link).
pub fn finished_file(store: &Store, id: DownloadId) -> Result<PathBuf, EngineError> {
    let download = store
        .download(id)?
        .ok_or_else(|| EngineError::NotFoundDownload(format!("Download {id} is not known.")))?;
    if download.state != DownloadState::Done {
        return Err(EngineError::NotFoundDownload(format!(
            "Clip {} is not downloaded yet ({}).",
            download.idx,
            download.state.as_str()
        )));
    }
    match std::fs::symlink_metadata(&download.path) {
        // A link at the name was not made by this app: what it points at is not the download,
        // and is never served, opened, revealed or dragged in its place.
        Ok(meta) if no_follow::is_link(&meta) => Err(EngineError::NotFoundDownload(format!(
            "{} has been replaced by a link; it is not opened.",
            download.path.display()
        ))),
        Ok(meta) if meta.is_file() => Ok(download.path),
        _ => Err(EngineError::NotFoundDownload(format!(
            "{} is no longer on disk.",
            download.path.display()
        ))),
    }
}

/// Download `id` exists at all (for cancel and retry).
pub fn known(store: &Store, id: DownloadId) -> Result<(), EngineError> {
    store
        .download(id)?
        .map(|_| ())
        .ok_or_else(|| EngineError::NotFoundDownload(format!("Download {id} is not known.")))
}
