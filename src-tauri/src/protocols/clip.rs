//! Finished clips for the page's `<video>`, by download id, with `Range`
//! support so the player can seek without the app reading the whole file.

use std::io::SeekFrom;

use engine::no_follow;
use tauri::http::{header, Request, Response, StatusCode};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use super::{text, Body};
use crate::state::AppState;

pub const SCHEME: &str = "clip";
/// The most one answer carries; the player asks again for the rest.
const CHUNK: u64 = 4 * 1024 * 1024;

pub fn url(download_id: i64) -> String {
    super::url(SCHEME, &download_id.to_string())
}

/// Answers `/<downloadId>`.
pub async fn serve(state: &AppState, request: &Request<Vec<u8>>) -> Response<Body> {
    let Some(id) = request
        .uri()
        .path()
        .trim_start_matches('/')
        .parse::<i64>()
        .ok()
    else {
        return text(StatusCode::NOT_FOUND, "no such clip");
    };
    let path = state
        .with_store(move |store| Ok(engine::downloaded::finished_file(store, id)?))
        .await;
    let path = match path {
        Ok(path) => path,
        Err(err) => return text(StatusCode::NOT_FOUND, &err.to_string()),
    };
    let range = request
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok());
    match read(&path, range).await {
        Ok(response) => {
            tracing::debug!(id, ?range, status = %response.status(), "clip served");
            response
        }
        Err(err) => text(StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

async fn read(path: &std::path::Path, range: Option<&str>) -> std::io::Result<Response<Body>> {
    // Opened without following a link: the file may have been swapped since it was looked up.
    let file = no_follow::open_read(path).map_err(|refused| match refused {
        no_follow::OpenRefused::Io(err) => err,
        _ => std::io::Error::other(
            "the clip's file has been replaced by a link or another kind of file",
        ),
    })?;
    let mut file = tokio::fs::File::from_std(file);
    let len = file.metadata().await?.len();
    // WebKit's media loader treats this scheme as another origin than the page's
    // and drops answers without CORS headers.
    let builder = Response::builder()
        .header(header::CONTENT_TYPE, "video/mp4")
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, super::page_origin())
        .header(header::ACCESS_CONTROL_EXPOSE_HEADERS, "content-range");
    let Some(range) = range else {
        let mut body = Vec::with_capacity(len as usize);
        file.read_to_end(&mut body).await?;
        return Ok(builder
            .status(StatusCode::OK)
            .header(header::CONTENT_LENGTH, body.len())
            .body(body)
            .expect("a valid response"));
    };
    let Some((start, end)) = parse_range(range, len) else {
        return Ok(builder
            .status(StatusCode::RANGE_NOT_SATISFIABLE)
            .header(header::CONTENT_RANGE, format!("bytes */{len}"))
            .body(Vec::new())
            .expect("a valid response"));
    };
    let end = end.min(start + CHUNK - 1);
    let mut body = vec![0; (end - start + 1) as usize];
    file.seek(SeekFrom::Start(start)).await?;
    file.read_exact(&mut body).await?;
    Ok(builder
        .status(StatusCode::PARTIAL_CONTENT)
        .header(header::CONTENT_RANGE, format!("bytes {start}-{end}/{len}"))
        .header(header::CONTENT_LENGTH, body.len())
        .body(body)
        .expect("a valid response"))
}

/// The first range of a `bytes=` header as inclusive offsets within `len`, or
/// `None` when it cannot be satisfied. Players ask for one range at a time.
pub fn parse_range(header: &str, len: u64) -> Option<(u64, u64)> {
    let spec = header.trim().strip_prefix("bytes=")?;
    let first = spec.split(',').next()?.trim();
    let (from, to) = first.split_once('-')?;
    let (from, to) = (from.trim(), to.trim());
    if len == 0 {
        return None;
    }
    if from.is_empty() {
        let suffix: u64 = to.parse().ok()?;
        if suffix == 0 {
            return None;
        }
        return Some((len - suffix.min(len), len - 1));
    }
    let start: u64 = from.parse().ok()?;
    let end = match to {
        "" => len - 1,
        to => to.parse::<u64>().ok()?.min(len - 1),
    };
    (start <= end && start < len).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-", 1000), Some((0, 999)));
        assert_eq!(parse_range("bytes=100-199", 1000), Some((100, 199)));
        assert_eq!(parse_range("bytes=900-5000", 1000), Some((900, 999)));
        assert_eq!(parse_range("bytes=-100", 1000), Some((900, 999)));
        assert_eq!(parse_range("bytes=-5000", 1000), Some((0, 999)));
        assert_eq!(parse_range("bytes=0-9, 20-29", 1000), Some((0, 9)));
        assert_eq!(parse_range("bytes=1000-", 1000), None);
        assert_eq!(parse_range("bytes=5-4", 1000), None);
        assert_eq!(parse_range("bytes=-0", 1000), None);
        assert_eq!(parse_range("items=0-1", 1000), None);
        assert_eq!(parse_range("bytes=0-", 0), None);
    }

    #[tokio::test]
    async fn answers_a_range_with_206_and_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Clip 01 – été.mp4");
        let data: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
        std::fs::write(&path, &data).unwrap();

        let partial = read(&path, Some("bytes=100-199")).await.unwrap();
        assert_eq!(partial.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(
            partial.headers()[header::CONTENT_RANGE],
            "bytes 100-199/10000"
        );
        assert_eq!(partial.body().as_slice(), &data[100..200]);

        let whole = read(&path, None).await.unwrap();
        assert_eq!(whole.status(), StatusCode::OK);
        assert_eq!(whole.body(), &data);

        let refused = read(&path, Some("bytes=20000-")).await.unwrap();
        assert_eq!(refused.status(), StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(refused.headers()[header::CONTENT_RANGE], "bytes */10000");
    }
}
