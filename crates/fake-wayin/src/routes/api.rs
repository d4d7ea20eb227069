//! The WayinVideo endpoints of projects and exports: results, export, export results.

use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::middleware;
use axum::response::Response;
use axum::routing::{any, get, post};
use axum::Router;
use serde_json::Value;

use crate::catalog::ProjectKind;
use crate::clock::now_epoch_ms;
use crate::envelope;
use crate::faults::Faults;
use crate::random::random_hex;
use crate::routes::gateway;
use crate::state::{lock, SharedState};
use crate::tasks::{ExportTask, TaskPlan};
use crate::validate;
use crate::views::{self, ClipLink, NumberStyle};

pub(super) fn router(state: SharedState) -> Router<SharedState> {
    Router::new()
        .route(
            "/api/v2/clips/results/{project_id}",
            get(ai_clipping_results),
        )
        .route(
            "/api/v2/clips/find-moments/results/{project_id}",
            get(find_moments_results),
        )
        .route("/api/v2/clips/export", post(submit_export))
        .route("/api/v2/clips/export/{export_task_id}", get(export_results))
        .route("/api/v2/{*unknown}", any(unknown_endpoint))
        .method_not_allowed_fallback(wrong_method)
        .layer(middleware::from_fn_with_state(state, gateway::admit))
}

/// Applies the per-call faults (`slow_ms`, `error_every`) and returns the faults that shape the
/// answer, or the injected 500.
pub(super) async fn begin_call(
    state: &SharedState,
    project_id: Option<&str>,
) -> Result<Faults, Response> {
    let call = lock(&state.faults).begin_api_call(project_id);
    if let Some(delay_ms) = call.faults.slow_ms {
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
    }
    if call.answer_500 {
        return Err(envelope::internal_error());
    }
    Ok(call.faults)
}

pub(super) fn numbers(faults: &Faults) -> NumberStyle {
    NumberStyle {
        as_strings: faults.numbers_as_strings,
    }
}

async fn ai_clipping_results(
    state: State<SharedState>,
    uri: Uri,
    project_id: Path<String>,
) -> Response {
    project_results(state, uri, project_id, ProjectKind::AiClipping).await
}

async fn find_moments_results(
    state: State<SharedState>,
    uri: Uri,
    project_id: Path<String>,
) -> Response {
    project_results(state, uri, project_id, ProjectKind::FindMoments).await
}

async fn project_results(
    State(state): State<SharedState>,
    uri: Uri,
    Path(project_id): Path<String>,
    kind: ProjectKind,
) -> Response {
    let faults = match begin_call(&state, Some(&project_id)).await {
        Ok(faults) => faults,
        Err(injected) => return injected,
    };
    if let Err(message) = validate::check_project_id(&project_id) {
        return envelope::bad_request(message);
    }
    // Each endpoint only knows its own kind of project: the other kind is as unknown as a typo.
    let Some(project) = state
        .project(&project_id)
        .filter(|project| project.kind == kind)
    else {
        let message = format!("project not found: {project_id}");
        return envelope::spring_error(StatusCode::NOT_FOUND, uri.path(), Some(&message));
    };
    // A project still being created shows the clips found so far.
    let creation = lock(&state.creations)
        .get(&project_id)
        .map(|c| super::create::creation_results(&state, c, &project, numbers(&faults)));
    let data = creation.unwrap_or_else(|| {
        views::project_results(
            &project,
            &state.origin,
            state.projects_expire_at_ms,
            numbers(&faults),
        )
    });
    envelope::success(data, faults.legacy_envelope)
}

async fn submit_export(
    State(state): State<SharedState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let parsed: Result<Value, _> = serde_json::from_slice(&body);
    let project_hint = parsed
        .as_ref()
        .ok()
        .and_then(|request| request.get("project_id"))
        .and_then(Value::as_str);
    let faults = match begin_call(&state, project_hint).await {
        Ok(faults) => faults,
        Err(injected) => return injected,
    };
    if !is_json(&headers) {
        return envelope::spring_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            uri.path(),
            Some("Content-Type must be application/json"),
        );
    }
    let request = match parsed {
        Ok(request) => request,
        Err(error) => {
            return envelope::bad_request(format!("malformed JSON request body: {error}"))
        }
    };
    let order = match validate::check_export_request(&request) {
        Ok(order) => order,
        Err(message) => return envelope::bad_request(message),
    };
    let Some(project) = state.project(&order.project_id) else {
        let message = format!("project not found: {}", order.project_id);
        return envelope::spring_error(StatusCode::NOT_FOUND, uri.path(), Some(&message));
    };
    let clip_indices = match validate::resolve_clip_indices(&order, &project) {
        Ok(indices) => indices,
        Err(message) => return envelope::bad_request(message),
    };

    let now = Instant::now();
    let now_ms = now_epoch_ms();
    let config = &state.config;
    let creating = lock(&state.creations).processing(now, config.speed);
    let mut tasks = lock(&state.tasks);
    if let Some(wait) =
        tasks.wait_for_processing_slot(config.max_processing, now, now_ms, config.speed, &creating)
    {
        let message = format!(
            "Too many export tasks processing: at most {} at once per API key; wait for one to finish",
            config.max_processing
        );
        return envelope::too_many_requests(uri.path(), &message, wait);
    }
    let plan = TaskPlan {
        project_id: project.id.clone(),
        name: format!("{} export", project.name),
        clip_indices,
        resolution: order.resolution,
        failure: faults.fail_export.clone(),
    };
    let expire_at_ms = now_ms + config.task_ttl.as_millis() as u64;
    let task = ExportTask::start(
        format!("export_task_{}", random_hex(20)),
        plan,
        now,
        expire_at_ms,
    );
    let data = views::submitted(&task);
    tasks.insert(task);
    drop(tasks);

    lock(&state.journal).accepted_exports.push(request);
    envelope::success(data, faults.legacy_envelope)
}

async fn export_results(
    State(state): State<SharedState>,
    uri: Uri,
    Path(task_id): Path<String>,
) -> Response {
    let project_hint = lock(&state.tasks)
        .get(&task_id)
        .map(|task| task.project_id.clone());
    let faults = match begin_call(&state, project_hint.as_deref()).await {
        Ok(faults) => faults,
        Err(injected) => return injected,
    };
    let now = Instant::now();
    let now_ms = now_epoch_ms();
    let mut tasks = lock(&state.tasks);
    let task = tasks
        .get_mut(&task_id)
        .filter(|task| !task.is_expired(now_ms));
    let project = task
        .as_ref()
        .and_then(|task| state.project(&task.project_id));
    let (Some(task), Some(project)) = (task, project) else {
        let message = format!("export task not found or expired: {task_id}");
        return envelope::spring_error(StatusCode::NOT_FOUND, uri.path(), Some(&message));
    };

    let progress = task.progress(now, state.config.speed);
    let withhold_last = task.withhold_last_link(progress.status, faults.late_last_link_polls);
    // Links are minted afresh on every call; an expired one is renewed by calling again.
    let link_expires_ms = now_ms + state.link_ttl(&faults).as_millis() as u64;
    let finished = &task.clip_indices[..progress.finished_clips];
    let clips = finished
        .iter()
        .enumerate()
        .map(|(position, &idx)| {
            let link = if withhold_last && position + 1 == task.clip_indices.len() {
                ClipLink::Pending
            } else {
                ClipLink::Url(state.signer.export_link(
                    &state.origin,
                    &task.id,
                    idx,
                    link_expires_ms,
                ))
            };
            views::clip(&project, idx, &state.origin, link, numbers(&faults))
        })
        .collect();
    let data = views::export_results(task, &progress, clips, numbers(&faults));
    drop(tasks);
    envelope::success(data, faults.legacy_envelope)
}

async fn unknown_endpoint(uri: Uri) -> Response {
    envelope::spring_error(
        StatusCode::NOT_FOUND,
        uri.path(),
        Some("No endpoint at this path"),
    )
}

async fn wrong_method(uri: Uri) -> Response {
    envelope::spring_error(
        StatusCode::METHOD_NOT_ALLOWED,
        uri.path(),
        Some("Request method not supported"),
    )
}

pub(super) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}
