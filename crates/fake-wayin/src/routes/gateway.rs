//! What the service's gateway does before a request reaches an endpoint: authentication, the
//! per-key rate limit and the API version header, plus the request log tests assert on.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::envelope;
use crate::journal::LoggedRequest;
use crate::state::{lock, SharedState};

const VERSION_HEADER: &str = "x-wayinvideo-api-version";
const SUPPORTED_VERSION: &str = "v2";

pub(crate) async fn admit(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let response = match refusal(&state, request.headers(), &path) {
        Some(refused) => refused,
        None => next.run(request).await,
    };
    let status = response.status().as_u16();
    tracing::info!(%method, %path, status, "api call");
    lock(&state.journal).api_requests.push(LoggedRequest {
        method,
        path,
        status,
    });
    response
}

/// The gateway's answer when the request must not reach the endpoint.
///
/// Order matters and follows the service: an unauthenticated call is refused before it can use
/// up anyone's rate budget; an authenticated call counts against the budget even when it then
/// fails for a missing version header.
fn refusal(state: &SharedState, headers: &HeaderMap, path: &str) -> Option<Response> {
    let authenticated = bearer_token(headers).is_some_and(|token| token == state.config.api_key);
    if !authenticated {
        return Some(envelope::spring_error(StatusCode::FORBIDDEN, path, None));
    }
    let admitted = lock(&state.rate_limiter).try_acquire(&state.config.api_key, Instant::now());
    if let Err(wait) = admitted {
        let message = format!(
            "Rate limit exceeded: at most {} requests per {} seconds per API key",
            state.config.rate_limit,
            state.config.rate_window.as_secs_f64()
        );
        return Some(envelope::too_many_requests(path, &message, wait));
    }
    match headers.get(VERSION_HEADER).map(|value| value.to_str()) {
        Some(Ok(version)) if version.trim() == SUPPORTED_VERSION => None,
        Some(Ok(version)) => Some(envelope::bad_request(format!(
            "unsupported API version \"{}\" in header {VERSION_HEADER}; this endpoint requires {SUPPORTED_VERSION}",
            version.trim()
        ))),
        _ => Some(envelope::bad_request(format!(
            "missing required header {VERSION_HEADER}: {SUPPORTED_VERSION}"
        ))),
    }
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}
