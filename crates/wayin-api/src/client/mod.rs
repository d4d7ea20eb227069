use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::base_url::BaseUrl;
use crate::budget::{Budget, Priority};
use crate::error::{ApiError, ErrorKind};
use crate::key::ApiKey;
use crate::models::{ExportSubmitted, ExportTask, ProjectClips, ProjectResultsBody, TaskKind};
use crate::request::{check_project_id, ExportRequest};
use crate::retry::RetryPolicy;

mod create;
mod transport;

const VERSION_HEADER: &str = "x-wayinvideo-api-version";
const HMTASK_HINT: &str = "Ids copied from the WayinVideo web app's library (hmtask…) are not API ids: use the project id the API returned when the AI Clipping or Find Moments task was created (it looks like proj_… or prj…).";
const PROJECT_HINT: &str = "Check the id: it is the one the API returned when the AI Clipping or Find Moments task was created.";
/// Far above any real answer (a 500-clip project is well under 1 MiB).
pub const MAX_ANSWER_BYTES: usize = 8 << 20;
const EXPORT_HINT: &str =
    "Export results are kept for about 3 days; an older export has to be submitted again.";

pub struct ClientConfig {
    pub base_url: BaseUrl,
    pub key: ApiKey,
    /// Shared by every client of the same key.
    pub budget: Budget,
    pub retry: RetryPolicy,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// The largest answer read into memory; a bigger one is an error, not an allocation.
    pub max_answer_bytes: usize,
}

impl ClientConfig {
    pub fn new(base_url: BaseUrl, key: ApiKey) -> Self {
        Self {
            base_url,
            key,
            budget: Budget::default(),
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_answer_bytes: MAX_ANSWER_BYTES,
        }
    }
}

/// The WayinVideo clips API. Cheap to clone; clones share the connection pool and budget.
#[derive(Clone)]
pub struct WayinClient {
    http: reqwest::Client,
    config: Arc<ClientConfig>,
}

pub(super) enum Call<'a> {
    Get,
    /// A paid call: repeated only when the server surely did not act on it.
    Post(&'a Value),
}

impl WayinClient {
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        let mut builder = crate::tls::client_builder()
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            // The API never redirects; following one could carry the key elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("wayin-clip-exporter/", env!("CARGO_PKG_VERSION")));
        if config.base_url.is_loopback() {
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|e| ApiError::InvalidConfig {
            message: format!("Could not set up HTTPS: {e}"),
        })?;
        Ok(Self {
            http,
            config: Arc::new(config),
        })
    }

    pub fn base_url(&self) -> &BaseUrl {
        &self.config.base_url
    }

    pub fn budget(&self) -> &Budget {
        &self.config.budget
    }

    /// Who shares this client's request budget with other processes: its API and key.
    pub fn budget_owner(&self) -> crate::BudgetOwner {
        crate::BudgetOwner::new(self.config.base_url.origin(), self.config.key.clone())
    }

    /// A project's clips, from AI Clipping or, failing that, Find Moments: the id does
    /// not say which kind of task made it.
    pub async fn project_clips(
        &self,
        project_id: &str,
        priority: Priority,
    ) -> Result<ProjectClips, ApiError> {
        let id = checked_id(project_id)?;
        let lookups: [(TaskKind, &[&str]); 2] = [
            (TaskKind::AiClipping, &["clips", "results"]),
            (TaskKind::FindMoments, &["clips", "find-moments", "results"]),
        ];
        for (kind, route) in lookups {
            let segments: Vec<&str> = route.iter().copied().chain([id.as_str()]).collect();
            match self
                .call::<ProjectResultsBody>(Call::Get, &segments, priority)
                .await
            {
                Ok(body) => {
                    return Ok(ProjectClips {
                        project_id: id.clone(),
                        kind,
                        name: body.name.or(body.title),
                        status: body.status,
                        clips: body.clips,
                    })
                }
                Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::InvalidRequest) => {}
                Err(e) => return Err(e),
            }
        }
        let hint = if id.to_ascii_lowercase().starts_with("hmtask") {
            HMTASK_HINT
        } else {
            PROJECT_HINT
        };
        Err(ApiError::NotFound {
            what: format!("Project {id}"),
            hint: Some(hint.to_owned()),
        })
    }

    /// Submits an export (a paid call, never repeated once it may have reached the server).
    pub async fn submit_export(
        &self,
        request: &ExportRequest,
    ) -> Result<ExportSubmitted, ApiError> {
        let body = request.to_json();
        let submitted: ExportSubmitted = self
            .call(
                Call::Post(&body),
                &["clips", "export"],
                Priority::Interactive,
            )
            .await
            .map_err(|e| match e {
                ApiError::NotFound { .. } => ApiError::NotFound {
                    what: format!("Project {}", request.project_id()),
                    hint: Some(PROJECT_HINT.to_owned()),
                },
                other => other,
            })?;
        if submitted.export_task_id.trim().is_empty() {
            return Err(ApiError::UnexpectedResponse {
                status: 200,
                excerpt: "the export was accepted without an export_task_id".into(),
            });
        }
        Ok(submitted)
    }

    /// An export's progress and the links of the clips rendered so far. Every call
    /// returns fresh links.
    pub async fn export_results(
        &self,
        export_task_id: &str,
        priority: Priority,
    ) -> Result<ExportTask, ApiError> {
        let id = checked_id(export_task_id)?;
        self.call(Call::Get, &["clips", "export", &id], priority)
            .await
            .map_err(|e| match e {
                ApiError::NotFound { .. } => ApiError::NotFound {
                    what: format!("Export task {id}"),
                    hint: Some(EXPORT_HINT.to_owned()),
                },
                other => other,
            })
    }

    /// Checks a key before anyone stores it: one call, no retries and a short timeout, so a
    /// person replacing a key hears at once whether the API took it (`key_rejected`) or
    /// could not be asked (any other kind).
    pub async fn check_new_key(mut config: ClientConfig) -> Result<(), ApiError> {
        config.retry = RetryPolicy::none();
        config.timeout = Duration::from_secs(15);
        WayinClient::new(config)?.verify_key().await
    }

    /// Checks the key with one cheap call: asking for an export that does not exist
    /// answers 404 to a valid key and 403 to a rejected one.
    pub async fn verify_key(&self) -> Result<(), ApiError> {
        match self
            .export_results("key-check", Priority::Interactive)
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::InvalidRequest) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

fn checked_id(id: &str) -> Result<String, ApiError> {
    check_project_id(id).map_err(|e| ApiError::InvalidRequest {
        message: e.to_string(),
    })
}
