//! Thumbnails under `thumb:`. The vendor's CDN host is not known in advance, so the page's
//! CSP allows no remote images at all: the application fetches a clip's thumbnail itself
//! and keeps it in its cache folder (see `app::thumbnails`); this serves it.

use tauri::http::{header, Response, StatusCode};

use super::{text, Body};
use app::{ModeState, ThumbnailError};

pub const SCHEME: &str = "thumb";

pub fn url(project_id: &str, idx: u32) -> String {
    super::url(SCHEME, &format!("{project_id}/{idx}"))
}

/// Answers `/<projectId>/<idx>`.
pub async fn serve(state: &ModeState, path: &str) -> Response<Body> {
    let Some((project_id, idx)) = parse(path) else {
        return text(StatusCode::NOT_FOUND, "no such thumbnail");
    };
    match state.thumbnail(project_id, idx).await {
        Ok(thumbnail) => image(thumbnail.kind, thumbnail.bytes),
        Err(err @ (ThumbnailError::ProjectNotOpen | ThumbnailError::NoThumbnail)) => {
            text(StatusCode::NOT_FOUND, &err.to_string())
        }
        Err(err @ ThumbnailError::Unavailable(_)) => {
            text(StatusCode::BAD_GATEWAY, &err.to_string())
        }
    }
}

fn parse(path: &str) -> Option<(&str, u32)> {
    let (project_id, idx) = path.trim_start_matches('/').split_once('/')?;
    let plausible = !project_id.is_empty()
        && project_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !project_id.starts_with('.');
    plausible.then_some(())?;
    Some((project_id, idx.parse().ok()?))
}

fn image(kind: &str, bytes: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, kind)
        .header(header::CACHE_CONTROL, "max-age=86400")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .body(bytes)
        .expect("a valid response")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_project_and_index() {
        assert_eq!(
            parse("/proj_demo_podcast/3"),
            Some(("proj_demo_podcast", 3))
        );
        assert_eq!(parse("/proj_x/"), None);
        assert_eq!(parse("/../3"), None);
        assert_eq!(parse("/a%2Fb/3"), None);
        assert_eq!(parse("/proj_x/3/4"), None);
    }
}
