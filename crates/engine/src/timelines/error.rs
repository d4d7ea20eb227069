use std::path::PathBuf;

use thiserror::Error;

use crate::store::StoreError;

#[derive(Debug, Error)]
pub enum TimelineError {
    #[error("No clip of this export is on disk yet. A timeline is made from finished downloads: wait for them, or retry the failed ones.")]
    NothingFinished,
    #[error("{name} could not be read as a video: {message}")]
    Unreadable { name: String, message: String },
    #[error("None of the clips falls inside the source video ({source_length}). Check that you chose the project's original video.")]
    NothingInSource { source_length: String },
    #[error("The timeline could not be written in {}: {message}. Check the folder and the free space, or choose another folder.", dir.display())]
    Write { dir: PathBuf, message: String },
    #[error("{0} was not found.")]
    NotFound(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}
