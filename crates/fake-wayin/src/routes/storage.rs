//! The storage host behind upload links: one PUT of the whole file to a pre-signed URL, no key,
//! answering as an S3-compatible store does (XML errors). Nothing here counts against the API
//! rate limit.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::put;
use axum::Router;
use futures_util::StreamExt;

use super::cdn::xml_error;
use crate::clock::now_epoch_ms;
use crate::state::{lock, SharedState};

pub(super) fn router() -> Router<SharedState> {
    Router::new().route("/storage/uploads/{token}", put(receive))
}

async fn receive(
    State(state): State<SharedState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let sent_authorization = headers.contains_key(header::AUTHORIZATION);
    let first_put = lock(&state.uploads).record_put(&token, content_type, sent_authorization) == 1;
    let expected = match admit(&state, &token, &headers, sent_authorization) {
        Ok(expected) => expected,
        Err(refusal) => return *refusal,
    };
    let cut_after = lock(&state.faults)
        .for_project(None)
        .drop_upload_after_bytes
        .filter(|_| first_put);
    let mut received: u64 = 0;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            return xml_error(
                StatusCode::BAD_REQUEST,
                "IncompleteBody",
                "The request body ended early.",
            );
        };
        received += chunk.len() as u64;
        if let Some(cut) = cut_after.filter(|cut| received >= *cut) {
            tracing::info!(token, cut, "upload broken off");
            let mut broken = xml_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalError",
                "We encountered an internal error. Please try again.",
            );
            broken
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return broken;
        }
        if received > expected {
            return xml_error(
                StatusCode::BAD_REQUEST,
                "IncompleteBody",
                "The body is longer than its Content-Length.",
            );
        }
    }
    if received != expected {
        return xml_error(
            StatusCode::BAD_REQUEST,
            "IncompleteBody",
            "You did not provide the number of bytes specified by the Content-Length HTTP header.",
        );
    }
    lock(&state.uploads).complete(&token, received);
    let mut stored = StatusCode::OK.into_response();
    let etag = format!("\"{}\"", crate::random::random_hex(32));
    if let Ok(etag) = HeaderValue::from_str(&etag) {
        stored.headers_mut().insert(header::ETAG, etag);
    }
    stored
}

/// The length the PUT may carry, or the store's refusal before any byte is read.
fn admit(
    state: &SharedState,
    token: &str,
    headers: &HeaderMap,
    sent_authorization: bool,
) -> Result<u64, Box<Response>> {
    let mut uploads = lock(&state.uploads);
    let Some(upload) = uploads.get_mut(token) else {
        return Err(refusal(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "The request signature does not match any upload.",
        ));
    };
    if sent_authorization {
        return Err(refusal(
            StatusCode::BAD_REQUEST,
            "InvalidArgument",
            "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
        ));
    }
    if now_epoch_ms() >= upload.expires_at_ms {
        return Err(refusal(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "Request has expired",
        ));
    }
    if upload.record.received.is_some() {
        return Err(refusal(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "This upload link was already used.",
        ));
    }
    let Some(length) = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok())
    else {
        return Err(refusal(
            StatusCode::LENGTH_REQUIRED,
            "MissingContentLength",
            "You must provide the Content-Length HTTP header.",
        ));
    };
    if length > state.config.max_upload_bytes {
        return Err(refusal(
            StatusCode::BAD_REQUEST,
            "EntityTooLarge",
            "Your proposed upload exceeds the maximum allowed size",
        ));
    }
    Ok(length)
}

fn refusal(status: StatusCode, code: &str, message: &str) -> Box<Response> {
    Box::new(xml_error(status, code, message))
}
