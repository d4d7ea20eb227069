//! The creation endpoints: an upload ticket, a new project (a paid call, never repeated once
//! it may have reached the server) and its results while it is being made.

use super::{checked_id, Call, WayinClient};
use crate::budget::Priority;
use crate::create::{CreateRequest, CreationResults, ProjectCreated, UploadFile, UploadTicket};
use crate::error::ApiError;
use crate::models::TaskKind;

impl WayinClient {
    /// A pre-signed link to PUT `file` to, and the identity that names it afterwards.
    pub async fn upload_ticket(&self, file: &UploadFile) -> Result<UploadTicket, ApiError> {
        let body = serde_json::json!({ "name": file.name() });
        self.call(
            Call::Post(&body),
            &["upload", "single-file"],
            Priority::Interactive,
        )
        .await
    }

    /// Creates the project `request` describes, without a render.
    pub async fn create_project(
        &self,
        request: &CreateRequest,
    ) -> Result<ProjectCreated, ApiError> {
        let body = request.to_json();
        self.call(Call::Post(&body), request.route(), Priority::Interactive)
            .await
    }

    /// Where project `id` of `kind` stands, with the clips found so far.
    pub async fn creation_results(
        &self,
        kind: TaskKind,
        id: &str,
        priority: Priority,
    ) -> Result<CreationResults, ApiError> {
        let id = checked_id(id)?;
        let segments: Vec<&str> = match kind {
            TaskKind::AiClipping => vec!["clips", "results", &id],
            TaskKind::FindMoments => vec!["clips", "find-moments", "results", &id],
        };
        self.call(Call::Get, &segments, priority).await
    }
}
