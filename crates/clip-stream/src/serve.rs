//! One loopback HTTP/1.1 site: checks each request, then streams the file.

use std::convert::Infallible;
use std::io::{self, SeekFrom};
use std::net::SocketAddr;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::TryStreamExt;
use http_body_util::{combinators::BoxBody, BodyExt, Empty, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_util::io::ReaderStream;

use crate::{range::parse_range, token, ClipFiles};

type Body = BoxBody<Bytes, io::Error>;

/// A backstop on open sockets, so a local process opening them without end runs out of
/// these, not of the app's file handles. Each one that sends no request head closes
/// after `HEADER_READ_TIMEOUT`, so a flood of idle sockets passes within seconds.
const MAX_CONNECTIONS: usize = 512;
/// How long a connection may take to send a request head, its first or, kept alive, its
/// next: a player asks at once.
pub const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
/// Clips streaming at once: a few players seeking. Counted only once a request has shown
/// the launch's token, so no one without it can take them.
pub const MAX_STREAMS: usize = 16;
/// Read size while streaming: large enough that a 2 GiB clip is not a million
/// reads, small enough that a paused player holds little.
const READ_CHUNK: usize = 256 * 1024;

pub struct Site {
    host: String,
    token: String,
    files: ClipFiles,
    streams: Arc<Semaphore>,
}

impl Site {
    pub fn new(addr: SocketAddr, token: String, files: ClipFiles) -> Self {
        Site {
            host: addr.to_string(),
            token,
            files,
            streams: Arc::new(Semaphore::new(MAX_STREAMS)),
        }
    }
}

pub async fn accept_loop(listener: tokio::net::TcpListener, site: Arc<Site>) -> io::Result<()> {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let slot = slots.clone().acquire_owned().await.expect("never closed");
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(err) => {
                // Out of file handles and the like pass; the player asks again.
                tracing::debug!("clip stream accept failed: {err}");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let site = site.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let site = site.clone();
                async move { Ok::<_, Infallible>(answer(&site, request).await) }
            });
            // A player that stops reading (seek, pause, page gone) ends its connection.
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}

async fn answer(site: &Site, request: Request<Incoming>) -> Response<Body> {
    let head = match *request.method() {
        Method::GET => false,
        Method::HEAD => true,
        _ => return refuse(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD"),
    };
    // A page on another site that points a name of its own at 127.0.0.1 sends that name here.
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    if host != Some(site.host.as_str()) {
        return refuse(StatusCode::MISDIRECTED_REQUEST, "not this host");
    }
    let Some((shelf, id)) = clip_id(&site.token, request.uri().path()) else {
        return refuse(StatusCode::NOT_FOUND, "no such clip");
    };
    let Ok(permit) = site.streams.clone().try_acquire_owned() else {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "too many clips are playing at once",
        );
    };
    let file = match (site.files)(shelf, id).await {
        Ok(file) => file,
        Err(refusal) => return refuse(StatusCode::NOT_FOUND, &refusal),
    };
    let range = request
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok());
    match stream_file(file, range, head, permit).await {
        Ok(response) => response,
        Err(err) => refuse(StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

/// The longest shelf name a URL may carry.
const SHELF_LIMIT: usize = 16;

/// `/<token>/<shelf>/<id>.mp4` → (shelf, id), when the token is this launch's.
fn clip_id(token: &str, path: &str) -> Option<(String, i64)> {
    let (given, rest) = path.strip_prefix('/')?.split_once('/')?;
    if !token::matches(token, given) {
        return None;
    }
    let (shelf, name) = rest.split_once('/')?;
    let shelf_ok =
        (1..=SHELF_LIMIT).contains(&shelf.len()) && shelf.bytes().all(|b| b.is_ascii_lowercase());
    if !shelf_ok {
        return None;
    }
    let id: i64 = name.strip_suffix(".mp4")?.parse().ok()?;
    (id > 0).then(|| (shelf.to_owned(), id))
}

/// `permit` is held for as long as the body streams.
async fn stream_file(
    file: std::fs::File,
    range: Option<&str>,
    head: bool,
    permit: OwnedSemaphorePermit,
) -> io::Result<Response<Body>> {
    let mut file = tokio::fs::File::from_std(file);
    let len = file.metadata().await?.len();
    let builder = Response::builder()
        .header(header::CONTENT_TYPE, "video/mp4")
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CACHE_CONTROL, "no-store")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    let (builder, start, count) = match range {
        None => (builder.status(StatusCode::OK), 0, len),
        Some(range) => match parse_range(range, len) {
            Some((start, end)) => (
                builder
                    .status(StatusCode::PARTIAL_CONTENT)
                    .header(header::CONTENT_RANGE, format!("bytes {start}-{end}/{len}")),
                start,
                end - start + 1,
            ),
            None => {
                return Ok(builder
                    .status(StatusCode::RANGE_NOT_SATISFIABLE)
                    .header(header::CONTENT_RANGE, format!("bytes */{len}"))
                    .body(empty())
                    .expect("a valid response"))
            }
        },
    };
    let builder = builder.header(header::CONTENT_LENGTH, count);
    if head {
        return Ok(builder.body(empty()).expect("a valid response"));
    }
    file.seek(SeekFrom::Start(start)).await?;
    // Read as the player takes it: what is in flight is one chunk, whatever the clip's size.
    let chunks = ReaderStream::with_capacity(file.take(count), READ_CHUNK).map_ok(move |chunk| {
        let _streaming = &permit;
        Frame::data(chunk)
    });
    Ok(builder
        .body(BodyExt::boxed(StreamBody::new(chunks)))
        .expect("a valid response"))
}

fn empty() -> Body {
    Empty::new().map_err(|never| match never {}).boxed()
}

fn refuse(status: StatusCode, message: &str) -> Response<Body> {
    let mut response = Response::new(
        Full::new(Bytes::from(message.to_owned()))
            .map_err(|never| match never {})
            .boxed(),
    );
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_a_clip_only_under_the_token() {
        let token = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            clip_id(token, &format!("/{token}/live/7.mp4")),
            Some(("live".to_owned(), 7))
        );
        assert_eq!(
            clip_id(token, &format!("/{token}/demo/7.mp4")),
            Some(("demo".to_owned(), 7))
        );
        assert_eq!(
            clip_id(token, "/0123456789abcdef0123456789abcdee/live/7.mp4"),
            None
        );
        assert_eq!(clip_id(token, "/live/7.mp4"), None);
        assert_eq!(clip_id(token, &format!("/{token}/7.mp4")), None);
        assert_eq!(clip_id(token, &format!("/{token}/live/7")), None);
        assert_eq!(clip_id(token, &format!("/{token}/live/-7.mp4")), None);
        assert_eq!(clip_id(token, &format!("/{token}/live/0.mp4")), None);
        assert_eq!(clip_id(token, &format!("/{token}/../7.mp4")), None);
        assert_eq!(clip_id(token, &format!("/{token}/live/../7.mp4")), None);
        assert_eq!(clip_id(token, &format!("/{token}/Live/7.mp4")), None);
        assert_eq!(clip_id(token, &format!("/{token}/%2e%2e/7.mp4")), None);
        assert_eq!(
            clip_id(token, &format!("/{token}/abcdefghijklmnopq/7.mp4")),
            None
        );
        assert_eq!(clip_id(token, &format!("/{token}/live/7.mp4/x")), None);
    }
}
