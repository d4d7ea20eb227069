//! Whether a project's source video is still where it was and still the same file: selects
//! cut from a different file would land the wrong frames in the editor's timeline.

use std::path::{Path, PathBuf};

use transfer::upload::FileStamp;

use crate::store::CreationSource;

/// The source video is not what the project was made from any more.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} {why}. Choose the project's source video again.", path.display())]
pub struct SourceMoved {
    pub path: PathBuf,
    pub why: String,
}

/// The file a project was made from, when it is still there unchanged: its size, its
/// modification time and its fingerprint all as recorded. `None` for a project made from
/// a link.
pub fn check_source(source: &CreationSource) -> Option<Result<PathBuf, SourceMoved>> {
    let CreationSource::File {
        path,
        size,
        modified_ms,
        fingerprint,
    } = source
    else {
        return None;
    };
    Some(check_file(path, *size, *modified_ms, fingerprint).map(|()| path.clone()))
}

fn check_file(
    path: &Path,
    size: u64,
    modified_ms: Option<i64>,
    fingerprint: &str,
) -> Result<(), SourceMoved> {
    let moved = |why: &str| SourceMoved {
        path: path.to_path_buf(),
        why: why.to_owned(),
    };
    let stamp = FileStamp::of(path).map_err(|_| moved("is no longer there or cannot be read"))?;
    if stamp.size != size {
        return Err(moved(
            "has changed since the project was made (its size differs)",
        ));
    }
    if stamp.modified.and_then(super::millis_since_epoch) != modified_ms {
        return Err(moved(
            "has changed since the project was made (it was saved again)",
        ));
    }
    match super::fingerprint(path) {
        Ok(now) if now == fingerprint => Ok(()),
        Ok(_) => Err(moved(
            "has changed since the project was made (its content differs)",
        )),
        Err(_) => Err(moved("cannot be read")),
    }
}
