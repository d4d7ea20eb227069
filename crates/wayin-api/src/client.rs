use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, ACCEPT, RETRY_AFTER};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::base_url::BaseUrl;
use crate::body::{mebibytes, read_capped, BodyError};
use crate::budget::{Budget, Priority};
use crate::envelope::{message_of, unwrap_data, NoData};
use crate::error::{excerpt, ApiError, ErrorKind};
use crate::key::ApiKey;
use crate::models::{ExportSubmitted, ExportTask, ProjectClips, ProjectResultsBody, TaskKind};
use crate::request::{check_project_id, ExportRequest};
use crate::retry::RetryPolicy;

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

enum Call<'a> {
    Get,
    /// A paid call: repeated only when the server surely did not act on it.
    Post(&'a Value),
}

impl WayinClient {
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
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

    async fn call<T: DeserializeOwned>(
        &self,
        call: Call<'_>,
        segments: &[&str],
        priority: Priority,
    ) -> Result<T, ApiError> {
        let mut attempt = 0;
        let mut rate_limited_for = Duration::ZERO;
        loop {
            self.config.budget.acquire(priority).await;
            let error = match self.send_once(&call, segments).await {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };
            let server_wait = match &error {
                ApiError::RateLimited { retry_after } => *retry_after,
                _ => None,
            };
            let repeatable = match call {
                Call::Get => error.is_transient(),
                Call::Post(_) => {
                    matches!(error, ApiError::RateLimited { .. })
                        || matches!(
                            error,
                            ApiError::Network {
                                may_have_reached_server: false,
                                ..
                            }
                        )
                }
            };
            let mut delay = self.config.retry.delay(attempt, server_wait);
            if matches!(error, ApiError::RateLimited { .. }) {
                // A 429 is an answer to wait, not a failure: the call is waited out (the
                // server surely did not act on it, so a POST may be too) for as long as
                // the policy's patience lasts, however many times it comes.
                let wait = server_wait
                    .or(delay)
                    .unwrap_or(Duration::from_secs(1))
                    .max(Duration::from_secs(1) / 10);
                // Everyone sharing the key waits, not only this call.
                self.config.budget.pause_for(wait);
                rate_limited_for += wait;
                if rate_limited_for > self.config.retry.rate_limit_patience {
                    // Patience spent: the 429 is the answer.
                    return Err(error);
                }
                delay = Some(wait);
                attempt = attempt.saturating_sub(1);
            }
            match delay {
                Some(delay) if repeatable => {
                    tracing::debug!(
                        path = segments.join("/"),
                        attempt,
                        ?delay,
                        kind = error.kind().as_str(),
                        "retrying"
                    );
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                _ => return Err(error),
            }
        }
    }

    async fn send_once<T: DeserializeOwned>(
        &self,
        call: &Call<'_>,
        segments: &[&str],
    ) -> Result<T, ApiError> {
        let url = self.config.base_url.join(segments);
        let request = match call {
            Call::Get => self.http.get(url),
            Call::Post(body) => self.http.post(url).json(body),
        };
        let response = request
            .bearer_auth(self.config.key.expose())
            .header(VERSION_HEADER, "v2")
            .header(ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| network_error(&e, !e.is_connect()))?;
        let status = response.status();
        let retry_after = retry_after(response.headers());
        let bytes = match read_capped(response, self.config.max_answer_bytes).await {
            Ok(bytes) => bytes,
            Err(BodyError::Broken(e)) => return Err(network_error(&e, true)),
            Err(BodyError::TooLarge { limit }) => {
                return Err(ApiError::UnexpectedResponse {
                    status: status.as_u16(),
                    excerpt: format!(
                        "the answer is larger than {}, more than this app reads from the API",
                        mebibytes(limit)
                    ),
                })
            }
        };
        tracing::debug!(
            path = segments.join("/"),
            status = status.as_u16(),
            "api call"
        );
        self.classify(status, &bytes, retry_after)
    }

    fn classify<T: DeserializeOwned>(
        &self,
        status: StatusCode,
        bytes: &[u8],
        retry_after: Option<Duration>,
    ) -> Result<T, ApiError> {
        let json: Option<Value> = serde_json::from_slice(bytes).ok();
        let excerpt = || excerpt(&String::from_utf8_lossy(bytes), self.config.key.expose());
        let scrub = |text: &str| crate::error::excerpt(text, self.config.key.expose());
        let code = status.as_u16();
        if status.is_success() {
            let Some(json) = json else {
                return Err(ApiError::UnexpectedResponse {
                    status: code,
                    excerpt: format!("not JSON: {}", excerpt()),
                });
            };
            return unwrap_data(&json).map_err(|no_data| match no_data {
                NoData::Refused { code, message } => ApiError::InvalidRequest {
                    message: scrub(&format!("{message} (code {code})")),
                },
                NoData::Malformed(why) => ApiError::UnexpectedResponse {
                    status: code,
                    excerpt: format!("{}: {}", scrub(&why), excerpt()),
                },
            });
        }
        // Whatever the server wrote is shown to people and stored: never with the key in it,
        // even if the server echoed the request back.
        let message = json.as_ref().and_then(message_of).map(|m| scrub(&m));
        Err(match code {
            401 | 403 => ApiError::KeyRejected,
            429 => ApiError::RateLimited { retry_after },
            404 => ApiError::NotFound {
                what: "The requested item".into(),
                hint: None,
            },
            400 | 405 | 409 | 422 => ApiError::InvalidRequest {
                message: message.unwrap_or_else(excerpt),
            },
            500..=599 => ApiError::Server {
                status: code,
                message,
            },
            _ => ApiError::UnexpectedResponse {
                status: code,
                excerpt: excerpt(),
            },
        })
    }
}

fn checked_id(id: &str) -> Result<String, ApiError> {
    check_project_id(id).map_err(|e| ApiError::InvalidRequest {
        message: e.to_string(),
    })
}

/// `Retry-After` in seconds (the HTTP-date form is not used by this API).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: f64 = headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(3600.0)))
}

/// Describes a transport failure without the URL (it may be long) and, of course,
/// without any header.
fn network_error(error: &reqwest::Error, may_have_reached_server: bool) -> ApiError {
    let mut message = if error.is_timeout() {
        "timed out".to_owned()
    } else if error.is_connect() {
        "could not connect".to_owned()
    } else if error.is_body() || error.is_decode() {
        "the connection broke while reading the answer".to_owned()
    } else {
        "the request failed".to_owned()
    };
    let mut source = std::error::Error::source(error);
    let mut depth = 0;
    while let Some(cause) = source {
        if depth == 0 {
            message.push_str(": ");
        } else {
            message.push_str(", ");
        }
        message.push_str(&cause.to_string());
        source = cause.source();
        depth += 1;
        if depth == 3 {
            break;
        }
    }
    ApiError::Network {
        message,
        timeout: error.is_timeout(),
        may_have_reached_server,
    }
}
