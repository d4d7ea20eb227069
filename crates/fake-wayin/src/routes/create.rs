//! Creating projects: upload tickets, AI Clipping and Find Moments. A new project finds its
//! clips over time; its results show those found so far.

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};

use super::api::{begin_call, is_json};
use crate::catalog::{Clip, Project, ProjectKind};
use crate::clock::now_epoch_ms;
use crate::creations::{Creation, UNITS_PER_CLIP};
use crate::envelope;
use crate::faults::Faults;
use crate::random::random_hex;
use crate::state::{lock, SharedState};
use crate::tasks::TaskStatus;
use crate::uploads::Upload;
use crate::validate_create::{self, CreationOrder};
use crate::views::{self, ClipLink, NumberStyle};

/// Clips AI Clipping finds in any video here, before its `limit`.
const CLIPS_FOUND: usize = 6;
/// Moments Find Moments finds for any query but one asking for nothing; it ignores `limit`,
/// as a third-party client reports the service does.
const MOMENT_SCORES: [u32; 4] = [72, 95, 60, 88];
/// A query with this word finds nothing: a SUCCEEDED project with no clips.
const NO_MATCH_WORD: &str = "nothing";

pub(super) fn router() -> Router<SharedState> {
    Router::new()
        .route("/api/v2/upload/single-file", post(upload_ticket))
        .route("/api/v2/clips", post(create_ai_clipping))
        .route("/api/v2/clips/find-moments", post(create_find_moments))
}

async fn upload_ticket(
    State(state): State<SharedState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (faults, request) = match begin_json_call(&state, &uri, &headers, &body).await {
        Ok(call) => call,
        Err(refusal) => return *refusal,
    };
    let name = match validate_create::check_upload_request(&request) {
        Ok(name) => name,
        Err(message) => return envelope::bad_request(message),
    };
    let ttl_ms = faults
        .upload_ttl_ms
        .unwrap_or(state.config.upload_ttl.as_millis() as u64);
    let expires_at_ms = now_epoch_ms() + ttl_ms;
    let token = random_hex(24);
    let identity = format!("file_{}", random_hex(16));
    let upload_url = format!(
        "{}/storage/uploads/{token}?X-Amz-Expires={}&X-Amz-Signature={}",
        state.origin,
        ttl_ms / 1000,
        random_hex(32)
    );
    lock(&state.uploads).issue(token, Upload::new(identity.clone(), name, expires_at_ms));
    let data = json!({ "upload_url": upload_url, "identity": identity });
    envelope::success(data, faults.legacy_envelope)
}

async fn create_ai_clipping(
    state: State<SharedState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    create(state, uri, headers, body, ProjectKind::AiClipping).await
}

async fn create_find_moments(
    state: State<SharedState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    create(state, uri, headers, body, ProjectKind::FindMoments).await
}

async fn create(
    State(state): State<SharedState>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
    kind: ProjectKind,
) -> Response {
    let (faults, request) = match begin_json_call(&state, &uri, &headers, &body).await {
        Ok(call) => call,
        Err(refusal) => return *refusal,
    };
    let order = match validate_create::check_creation(kind, &request) {
        Ok(order) => order,
        Err(message) => return envelope::bad_request(message),
    };
    let config = &state.config;
    let now = Instant::now();
    let mut creations = lock(&state.creations);
    let creating = creations.processing(now, config.speed);
    let wait = lock(&state.tasks).wait_for_processing_slot(
        config.max_processing,
        now,
        now_epoch_ms(),
        config.speed,
        &creating,
    );
    if let Some(wait) = wait {
        let message = format!(
            "Too many projects processing: at most {} at once per API key; wait for one to finish",
            config.max_processing
        );
        return envelope::too_many_requests(uri.path(), &message, wait);
    }
    if !validate_create::is_link(&order.video_url) {
        if let Err(message) = lock(&state.uploads).take_identity(&order.video_url) {
            return envelope::bad_request(message);
        }
    }
    let id = match kind {
        ProjectKind::AiClipping => format!("proj_{}", random_hex(16)),
        ProjectKind::FindMoments => format!("prj{}", random_hex(16)),
    };
    let project = found_project(&state, &id, &order);
    let name = project.name.clone();
    creations.insert(Creation {
        id: id.clone(),
        created: now,
        clip_count: project.clips.len(),
        failure: faults.fail_creation.clone(),
    });
    drop(creations);
    state
        .catalog
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .insert(project);
    lock(&state.journal).accepted_creations.push(request);
    let data = json!({ "id": id, "name": name, "status": TaskStatus::Created.as_str() });
    envelope::success(data, faults.legacy_envelope)
}

/// The project the creation will have found once it succeeded: the demo's real clips under
/// new titles.
fn found_project(state: &SharedState, id: &str, order: &CreationOrder) -> Project {
    let source = state
        .project(crate::fixtures::DEMO_PROJECT_IDS[0])
        .expect("the demo projects are always in the catalog");
    let name = order
        .name
        .clone()
        .unwrap_or_else(|| "Untitled project".into());
    let scores: Vec<u32> = match (&order.kind, &order.query) {
        (ProjectKind::FindMoments, Some(query))
            if query.to_ascii_lowercase().contains(NO_MATCH_WORD) =>
        {
            Vec::new()
        }
        (ProjectKind::FindMoments, _) => MOMENT_SCORES.to_vec(),
        (ProjectKind::AiClipping, _) => {
            let count = order
                .limit
                .map_or(CLIPS_FOUND, |limit| (limit as usize).min(CLIPS_FOUND));
            (0..count as u32).map(|n| 97 - n * 4).collect()
        }
    };
    let clips = scores
        .into_iter()
        .enumerate()
        .map(|(n, score)| {
            let media = &source.clips[n % source.clips.len()];
            let title = match &order.query {
                Some(query) => format!("{query} #{}", n + 1),
                None => format!("{name} highlight {}", n + 1),
            };
            Clip {
                title,
                begin_ms: n as u64 * 75_000 + 4_000,
                end_ms: n as u64 * 75_000 + 4_000 + (media.end_ms - media.begin_ms),
                tags: vec!["created".into()],
                desc: format!("Found in {}", order.video_url),
                score,
                media: media.media.clone(),
                thumbnail: media.thumbnail.clone(),
            }
        })
        .collect();
    Project {
        id: id.to_owned(),
        name,
        kind: order.kind,
        clips,
    }
}

/// Where a project being created stands, as its results endpoint shows it.
pub(super) fn creation_results(
    state: &SharedState,
    creation: &Creation,
    project: &Project,
    numbers: NumberStyle,
) -> Value {
    let progress = creation.progress(Instant::now(), state.config.speed);
    let clips: Vec<Value> = (0..progress.finished_clips as u32)
        .map(|idx| views::clip(project, idx, &state.origin, ClipLink::Absent, numbers))
        .collect();
    let mut data = json!({
        "id": creation.id,
        "name": project.name,
        "status": progress.status.as_str(),
        "expire_at": numbers.integer(state.projects_expire_at_ms),
        "clips": clips,
    });
    if progress.status == TaskStatus::Failed {
        data["error_message"] = json!(creation.failure.clone().unwrap_or_default());
    }
    if matches!(progress.status, TaskStatus::Succeeded | TaskStatus::Failed) {
        data["cost_usage"] = numbers.integer(progress.finished_clips as u64 * UNITS_PER_CLIP);
    }
    data
}

/// The call's faults and its JSON body, or the answer that refuses it.
async fn begin_json_call(
    state: &SharedState,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<(Faults, Value), Box<Response>> {
    let faults = begin_call(state, None).await.map_err(Box::new)?;
    Ok((faults, json_body(headers, uri, body)?))
}

fn json_body(headers: &HeaderMap, uri: &Uri, body: &Bytes) -> Result<Value, Box<Response>> {
    if !is_json(headers) {
        return Err(Box::new(envelope::spring_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            uri.path(),
            Some("Content-Type must be application/json"),
        )));
    }
    serde_json::from_slice(body).map_err(|error| {
        Box::new(envelope::bad_request(format!(
            "malformed JSON request body: {error}"
        )))
    })
}
