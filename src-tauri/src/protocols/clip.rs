//! Finished clips for the page's `<video>`, by download id, with `Range`
//! support so the player can seek without the app reading the whole file.
//! On Linux the player gets them from the loopback clip server instead
//! (`stream.rs`): WebKitGTK streams media over http only.

use std::io::SeekFrom;

use clip_stream::parse_range;
use tauri::http::{header, Request, Response, StatusCode};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use super::{text, Body};
use app::{AppState, Mode};

pub const SCHEME: &str = "clip";
/// The most one answer carries; the player asks again for the rest.
const CHUNK: u64 = 4 * 1024 * 1024;

/// Where the page's player finds `mode`'s download `download_id`.
pub fn url(mode: Mode, download_id: i64) -> String {
    super::stream::url(mode, download_id)
        .unwrap_or_else(|| super::url(SCHEME, &format!("{}/{download_id}", mode.name())))
}

/// Answers `/<mode>/<downloadId>`.
pub async fn serve(app: &AppState, request: &Request<Vec<u8>>) -> Response<Body> {
    let named = request
        .uri()
        .path()
        .trim_start_matches('/')
        .split_once('/')
        .and_then(|(shelf, id)| Some((shelf, id.parse::<i64>().ok()?)));
    let Some((shelf, id)) = named else {
        return text(StatusCode::NOT_FOUND, "no such clip");
    };
    let file = match app.open_finished_on_shelf(shelf, id).await {
        Ok(file) => file,
        Err(refusal) => return text(StatusCode::NOT_FOUND, &refusal),
    };
    let range = request
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok());
    match read(file, range).await {
        Ok(response) => {
            tracing::debug!(id, ?range, status = %response.status(), "clip served");
            response
        }
        Err(err) => text(StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

async fn read(file: std::fs::File, range: Option<&str>) -> std::io::Result<Response<Body>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn answers_a_range_with_206_and_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Clip 01 – été.mp4");
        let data: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
        std::fs::write(&path, &data).unwrap();

        let partial = read(std::fs::File::open(&path).unwrap(), Some("bytes=100-199"))
            .await
            .unwrap();
        assert_eq!(partial.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(
            partial.headers()[header::CONTENT_RANGE],
            "bytes 100-199/10000"
        );
        assert_eq!(partial.body().as_slice(), &data[100..200]);

        let whole = read(std::fs::File::open(&path).unwrap(), None)
            .await
            .unwrap();
        assert_eq!(whole.status(), StatusCode::OK);
        assert_eq!(whole.body(), &data);

        let refused = read(std::fs::File::open(&path).unwrap(), Some("bytes=20000-"))
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(refused.headers()[header::CONTENT_RANGE], "bytes */10000");
    }
}
