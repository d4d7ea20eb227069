//! How one call goes out and comes back: the request budget, retries with backoff for what
//! may be retried (a paid POST only when the server surely did not act on it), and every
//! answer classified into data or an [`ApiError`] that says what to do.

use std::time::Duration;

use reqwest::header::{HeaderMap, ACCEPT, RETRY_AFTER};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{Call, WayinClient, VERSION_HEADER};
use crate::body::{mebibytes, read_capped, BodyError};
use crate::budget::Priority;
use crate::envelope::{message_of, unwrap_data, NoData};
use crate::error::{excerpt, ApiError};

impl WayinClient {
    pub(super) async fn call<T: DeserializeOwned>(
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
