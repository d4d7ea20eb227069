//! Creating projects from the editor's own footage: a local file is uploaded through a
//! one-time ticket (a pre-signed link, then a key-less PUT), a link is passed as it is, and
//! an AI Clipping or a Find Moments project is created from either, without a render
//! (`enable_export` false): exports are chosen afterwards, as for any project.
//!
//! Requests cannot be built invalid and say which field is wrong; answers are read in every
//! shape the vendor documents (`identity`|`identify`, `cost_usage`|`api_units_usage`,
//! `data.id`|`data.project_id`, numbers as strings).

mod answers;
mod request;
mod source;

pub use answers::{best_clips, best_first, CreationResults, ProjectCreated, UploadTicket};
pub use request::{ClipLength, CreateRequest, ProjectSettings, MAX_CLIPS, MAX_QUERY_CHARS};
pub use source::{UploadFile, VideoSource, MAX_UPLOAD_BYTES, VIDEO_EXTENSIONS};

/// A creation request refused before anything is sent, naming the field it is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct CreateError {
    /// The request's field (`video`, `query`, `limit`, `source_lang`…), as the API names it.
    pub field: &'static str,
    pub message: String,
}

impl CreateError {
    pub(crate) fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests;
