//! Probing a file in a folder others may write to: a link or anything but a regular file is
//! refused before it is opened (a FIFO planted at a clip's name would block the read forever).

use std::path::Path;

use timeline::{Media, MediaPath};

use super::TimelineError;
use crate::no_follow::{open_read, OpenRefused};

pub(super) fn probe_media(path: &Path) -> Result<Media, TimelineError> {
    let name = display_name(path);
    let unreadable = |message: String| TimelineError::Unreadable {
        name: name.clone(),
        message,
    };
    let file = open_read(path).map_err(|refused| {
        unreadable(match refused {
            OpenRefused::Link => "it is a link, not the downloaded file".into(),
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
