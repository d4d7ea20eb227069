//! The body shapes the service answers with: the `data` envelope for successes, Spring Boot's
//! error object for gateway-level failures (403, 404, 429, ...), and `{code, message}` for
//! validation failures.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::clock::{retry_after_secs, spring_timestamp};

pub(crate) fn success(data: Value, legacy_envelope: bool) -> Response {
    let body = if legacy_envelope {
        json!({ "code": "0", "data": data, "message": "success" })
    } else {
        json!({ "data": data })
    };
    Json(body).into_response()
}

pub(crate) fn bad_request(message: impl Into<String>) -> Response {
    let body = json!({ "code": "400", "message": message.into() });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

pub(crate) fn spring_error(status: StatusCode, path: &str, message: Option<&str>) -> Response {
    let mut body = json!({
        "timestamp": spring_timestamp(),
        "status": status.as_u16(),
        "error": status.canonical_reason().unwrap_or("Error"),
        "path": path,
    });
    if let Some(message) = message {
        body["message"] = Value::from(message);
    }
    (status, Json(body)).into_response()
}

pub(crate) fn too_many_requests(path: &str, message: &str, wait: Duration) -> Response {
    let mut response = spring_error(StatusCode::TOO_MANY_REQUESTS, path, Some(message));
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(retry_after_secs(wait)),
    );
    response
}

pub(crate) fn internal_error() -> Response {
    let body = json!({ "message": "Internal Server Error" });
    (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
}
