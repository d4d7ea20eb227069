//! The CDN behind `export_link` and `thumbnail` URLs: signed, expiring clip links with byte-range
//! support, answering errors the way an object store does (XML bodies, no JSON envelope).
//! Nothing here counts against the API rate limit.

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::body_stream::ClipBodyStream;
use crate::clock::now_epoch_ms;
use crate::journal::CdnRequest;
use crate::links::LinkCheck;
use crate::media::ClipMedia;
use crate::range::{self, RangeAnswer};
use crate::state::{lock, SharedState};

pub(super) fn router() -> Router<SharedState> {
    Router::new()
        .route("/cdn/export/{task_id}/{file_name}", get(export_file))
        .route("/cdn/thumb/{project_id}/{file_name}", get(thumbnail))
}

/// How to answer one clip download, decided before any byte is sent.
struct Delivery {
    media: ClipMedia,
    honour_range: bool,
    project_id: String,
    file_key: String,
}

async fn export_file(
    State(state): State<SharedState>,
    method: Method,
    uri: Uri,
    Path((task_id, file_name)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let range_header = headers
        .get(header::RANGE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string);
    let (response, cut_after) = match delivery(&state, &task_id, &file_name, query.as_deref()) {
        Ok(delivery) => serve_clip(
            &state,
            delivery,
            range_header.as_deref(),
            method == Method::HEAD,
        ),
        Err(refusal) => (refusal.into_response(), None),
    };
    tracing::info!(
        path = uri.path(),
        status = response.status().as_u16(),
        "cdn download"
    );
    lock(&state.journal).cdn_requests.push(CdnRequest {
        path: uri.path().to_string(),
        range: range_header,
        status: response.status().as_u16(),
        cut_after,
    });
    response
}

/// Why a download is refused, answered the way an object store words it.
enum Refusal {
    Unsigned,
    BadSignature,
    Expired,
    NoSuchFile,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Unsigned => access_denied(
                "AccessDenied",
                "Query-string authentication requires the expires and sig parameters",
            ),
            Refusal::BadSignature => access_denied(
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided",
            ),
            Refusal::Expired => access_denied("AccessDenied", "Request has expired"),
            Refusal::NoSuchFile => no_such_key(),
        }
    }
}

fn delivery(
    state: &SharedState,
    task_id: &str,
    file_name: &str,
    query: Option<&str>,
) -> Result<Delivery, Refusal> {
    let idx = clip_index(file_name, ".mp4").ok_or(Refusal::NoSuchFile)?;
    let now_ms = now_epoch_ms();
    match state.signer.check(task_id, idx, query, now_ms) {
        LinkCheck::Valid => {}
        LinkCheck::Unsigned => return Err(Refusal::Unsigned),
        LinkCheck::BadSignature => return Err(Refusal::BadSignature),
        LinkCheck::Expired => return Err(Refusal::Expired),
    }
    // Rendered files go away with their task.
    let project_id = {
        let tasks = lock(&state.tasks);
        let task = tasks
            .get(task_id)
            .filter(|task| !task.is_expired(now_ms) && task.clip_indices.contains(&idx))
            .ok_or(Refusal::NoSuchFile)?;
        task.project_id.clone()
    };
    let project = state.project(&project_id).ok_or(Refusal::NoSuchFile)?;
    let media = project
        .clips
        .get(idx as usize)
        .ok_or(Refusal::NoSuchFile)?
        .media
        .clone();
    let honour_range = !lock(&state.faults)
        .for_project(Some(&project_id))
        .ignore_range;
    Ok(Delivery {
        media,
        honour_range,
        project_id,
        file_key: format!("{task_id}/{idx}"),
    })
}

fn serve_clip(
    state: &SharedState,
    delivery: Delivery,
    range_header: Option<&str>,
    head_only: bool,
) -> (Response, Option<u64>) {
    let file_len = delivery.media.byte_len();
    let answer = if delivery.honour_range {
        range::answer(range_header, file_len)
    } else {
        RangeAnswer::Whole
    };
    let (status, start, end) = match answer {
        RangeAnswer::Whole => (StatusCode::OK, 0, file_len),
        RangeAnswer::Part { start, end } => (StatusCode::PARTIAL_CONTENT, start, end + 1),
        RangeAnswer::Unsatisfiable => {
            let mut response = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            set(
                &mut response,
                header::CONTENT_RANGE,
                format!("bytes */{file_len}"),
            );
            set(&mut response, header::ACCEPT_RANGES, "bytes".to_string());
            return (response, None);
        }
    };
    // A HEAD sends no body to cut, so it must not use up one of the file's cut downloads.
    let cut_after = if head_only {
        None
    } else {
        lock(&state.faults).take_download_cut(&delivery.project_id, &delivery.file_key, end - start)
    };
    let body = Body::from_stream(ClipBodyStream::new(delivery.media, start, end, cut_after));
    let mut response = (status, body).into_response();
    set(&mut response, header::CONTENT_TYPE, "video/mp4".to_string());
    set(
        &mut response,
        header::CONTENT_LENGTH,
        (end - start).to_string(),
    );
    set(
        &mut response,
        header::ETAG,
        format!("\"{}\"", delivery.file_key.replace('/', "-")),
    );
    if delivery.honour_range {
        set(&mut response, header::ACCEPT_RANGES, "bytes".to_string());
    }
    if status == StatusCode::PARTIAL_CONTENT {
        set(
            &mut response,
            header::CONTENT_RANGE,
            format!("bytes {start}-{}/{file_len}", end - 1),
        );
    }
    (response, cut_after)
}

async fn thumbnail(
    State(state): State<SharedState>,
    uri: Uri,
    Path((project_id, file_name)): Path<(String, String)>,
) -> Response {
    let image = clip_index(&file_name, ".jpg").and_then(|idx| {
        let project = state.project(&project_id)?;
        Some(project.clips.get(idx as usize)?.thumbnail.clone())
    });
    let response = match image {
        Some(image) => {
            let mut response = Body::from(image).into_response();
            set(
                &mut response,
                header::CONTENT_TYPE,
                "image/jpeg".to_string(),
            );
            set(
                &mut response,
                header::CACHE_CONTROL,
                "public, max-age=86400".to_string(),
            );
            response
        }
        None => no_such_key(),
    };
    lock(&state.journal).cdn_requests.push(CdnRequest {
        path: uri.path().to_string(),
        range: None,
        status: response.status().as_u16(),
        cut_after: None,
    });
    response
}

fn clip_index(file_name: &str, extension: &str) -> Option<u32> {
    file_name.strip_suffix(extension)?.parse().ok()
}

fn set(response: &mut Response, name: header::HeaderName, value: String) {
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().insert(name, value);
    }
}

/// An error as an object store writes it: an XML body, no JSON envelope.
pub(super) fn xml_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>\n"
    );
    let mut response = (status, body).into_response();
    set(
        &mut response,
        header::CONTENT_TYPE,
        "application/xml".to_string(),
    );
    response
}

fn access_denied(code: &str, message: &str) -> Response {
    xml_error(StatusCode::FORBIDDEN, code, message)
}

fn no_such_key() -> Response {
    xml_error(
        StatusCode::NOT_FOUND,
        "NoSuchKey",
        "The specified key does not exist.",
    )
}
