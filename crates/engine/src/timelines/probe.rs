//! Probing a file in a folder others may write to: a link or anything but a regular file is
//! refused before it is opened (a FIFO planted at a clip's name would block the read forever).

use std::path::Path;

use timeline::{Media, MediaPath};

use super::TimelineError;
use transfer::no_follow::{open_read, OpenRefused};

/// A downloaded clip: a link there was planted by someone else.
pub(super) fn probe_media(path: &Path) -> Result<Media, TimelineError> {
    probe(
        path,
        display_name(path),
        "it is a link, not the downloaded file",
    )
}

/// The source video the user named for selects. Unlike a download, a link here is the user's
/// own: it is followed, and the timeline points at the file itself. What it leads to must still
/// be a regular file (a FIFO would block the read forever).
pub(super) fn probe_source(path: &Path) -> Result<Media, TimelineError> {
    let resolved = std::fs::canonicalize(path).map_err(|e| TimelineError::Unreadable {
        name: display_name(path),
        message: e.to_string(),
    })?;
    // Named as the user named it, whatever the link led to.
    probe(&resolved, display_name(path), "it is a link")
}

fn probe(path: &Path, name: String, link: &str) -> Result<Media, TimelineError> {
    let unreadable = |message: String| TimelineError::Unreadable {
        name: name.clone(),
        message,
    };
    let file = open_read(path).map_err(|refused| {
        unreadable(match refused {
            OpenRefused::Link => link.to_owned(),
            OpenRefused::NotAFile => "it is not a regular file".into(),
            OpenRefused::Io(e) => e.to_string(),
        })
    })?;
    let info = timeline::probe_reader(std::io::BufReader::new(file))
        .map_err(|e| unreadable(e.to_string()))?;
    let path = MediaPath::native(path)
        .ok_or_else(|| unreadable("its path is not absolute UTF-8 text".into()))?;
    Ok(Media { path, info })
}

pub(super) fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
