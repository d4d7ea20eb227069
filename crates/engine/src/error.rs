use std::path::PathBuf;

use thiserror::Error;
use wayin_api::{ApiError, RequestError};

use crate::naming::NamingError;
use crate::store::{ExportId, StoreError};

#[derive(Debug, Error)]
pub enum EngineError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Request(#[from] RequestError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Naming(#[from] NamingError),
    #[error("The export was sent but its answer never came ({message}). It may have been accepted and charged: check the export's status before exporting again.")]
    SubmitUnknown {
        export_id: ExportId,
        message: String,
    },
    #[error("The download folder {} cannot be used: {message}. Choose another folder.", path.display())]
    Folder { path: PathBuf, message: String },
    #[error("{0} was not found.")]
    NotFound(String),
    #[error("{0}")]
    NotFoundDownload(String),
    #[error("{0}")]
    InvalidSetting(String),
    #[error(transparent)]
    Timeline(#[from] crate::timelines::TimelineError),
    /// A project that cannot be created as asked, refused before any request.
    #[error("{0}")]
    Create(#[from] wayin_api::create::CreateError),
    /// A source video that cannot be sent.
    #[error(transparent)]
    Upload(#[from] transfer::upload::UploadError),
}
