//! Which file a download id means. The page only ever names a download id;
//! every path the app reveals, opens, plays or drags is looked up here.

use std::path::PathBuf;

use engine::{no_follow, DownloadState, Store};

use crate::error::CommandError;

/// The finished file of download `id`, or `not_found_download` when the id is
/// unknown, the clip is not downloaded yet, or its file is no longer on disk (or is
/// now a link).
pub fn finished(store: &Store, id: i64) -> Result<PathBuf, CommandError> {
    let download = store
        .download(id)?
        .ok_or_else(|| CommandError::NotFoundDownload(format!("Download {id} is not known.")))?;
    if download.state != DownloadState::Done {
        return Err(CommandError::NotFoundDownload(format!(
            "Clip {} is not downloaded yet ({}).",
            download.idx,
            download.state.as_str()
        )));
    }
    match std::fs::symlink_metadata(&download.path) {
        // A link at the name was not made by this app: what it points at is not the download,
        // and is never served, opened, revealed or dragged in its place.
        Ok(meta) if no_follow::is_link(&meta) => Err(CommandError::NotFoundDownload(format!(
            "{} has been replaced by a link; it is not opened.",
            download.path.display()
        ))),
        Ok(meta) if meta.is_file() => Ok(download.path),
        _ => Err(CommandError::NotFoundDownload(format!(
            "{} is no longer on disk.",
            download.path.display()
        ))),
    }
}

/// Download `id` exists at all (for cancel and retry).
pub fn known(store: &Store, id: i64) -> Result<(), CommandError> {
    store
        .download(id)?
        .map(|_| ())
        .ok_or_else(|| CommandError::NotFoundDownload(format!("Download {id} is not known.")))
}
