//! `/__fake/...`: steering and inspection for tests, benchmarks and demo tooling. No auth, not
//! rate limited, not logged, and never part of the real API.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::control::Control;
use crate::faults::{FaultScope, Faults};
use crate::state::{lock, SharedState};

pub(super) fn router() -> Router<SharedState> {
    Router::new()
        .route("/__fake/health", get(health))
        .route("/__fake/exports", get(exports))
        .route("/__fake/requests", get(requests))
        .route("/__fake/cdn-requests", get(cdn_requests))
        .route("/__fake/faults", get(faults).post(set_faults))
        .route("/__fake/reset", post(reset))
        .route("/__fake/expire/{export_task_id}", post(expire))
        .route("/__fake/projects", get(projects))
        .route("/__fake/synthetic", post(add_synthetic))
}

async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

async fn exports(State(state): State<SharedState>) -> Response {
    Json(lock(&state.journal).accepted_exports.clone()).into_response()
}

async fn requests(State(state): State<SharedState>) -> Response {
    Json(lock(&state.journal).api_requests.clone()).into_response()
}

async fn cdn_requests(State(state): State<SharedState>) -> Response {
    Json(lock(&state.journal).cdn_requests.clone()).into_response()
}

async fn faults(State(state): State<SharedState>) -> Response {
    Json(lock(&state.faults).snapshot()).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultsRequest {
    scope: String,
    #[serde(default)]
    faults: Faults,
}

async fn set_faults(State(state): State<SharedState>, body: Bytes) -> Response {
    let request: FaultsRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return admin_error(StatusCode::BAD_REQUEST, &error.to_string()),
    };
    Control::new(state).set_faults(FaultScope::from_label(&request.scope), request.faults);
    StatusCode::NO_CONTENT.into_response()
}

async fn reset(State(state): State<SharedState>) -> StatusCode {
    state.reset();
    StatusCode::NO_CONTENT
}

async fn expire(State(state): State<SharedState>, Path(task_id): Path<String>) -> Response {
    if Control::new(state).expire_task(&task_id) {
        StatusCode::NO_CONTENT.into_response()
    } else {
        admin_error(StatusCode::NOT_FOUND, &format!("no export task {task_id}"))
    }
}

async fn projects(State(state): State<SharedState>) -> Response {
    Json(Control::new(state).project_ids()).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SyntheticRequest {
    project_id: String,
    clip_count: u32,
    clip_size: u64,
}

async fn add_synthetic(State(state): State<SharedState>, body: Bytes) -> Response {
    let request: SyntheticRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return admin_error(StatusCode::BAD_REQUEST, &error.to_string()),
    };
    Control::new(state).add_synthetic_project(
        &request.project_id,
        request.clip_count,
        request.clip_size,
    );
    StatusCode::NO_CONTENT.into_response()
}

fn admin_error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "message": message }))).into_response()
}
