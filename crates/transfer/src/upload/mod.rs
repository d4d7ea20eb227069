//! One local file sent to a pre-signed upload link: streamed from disk in 256 KiB reads (never
//! whole in memory), with its length stated, progress with speed and time left, and cancel.
//! The link is data from the API: it goes through the fetch guard and carries no key. A file
//! that changes while it is sent (its size or modification time) fails the upload rather than
//! sending something that is neither the old file nor the new one.

mod error;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use futures_util::StreamExt;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE};
use tokio_util::io::ReaderStream;
use tokio_util::sync::CancellationToken;
use wayin_api::fetch_guard::refusal_of;
use wayin_api::FetchClient;

use crate::no_follow;
use crate::progress::{Progress, ProgressMeter};

pub use error::UploadError;

/// Bytes read from the file at a time.
const READ_SIZE: usize = 256 * 1024;
/// Most of an error body the storage host may make the app read.
const MAX_ERROR_BODY: usize = 16 * 1024;
/// Status codes the vendor's own client takes as stored.
const STORED: [u16; 3] = [200, 201, 204];

/// What a file was when it was chosen: an upload sends that file or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub size: u64,
    pub modified: Option<SystemTime>,
}

impl FileStamp {
    /// The file at `path` as it is now, opened without following a link.
    pub fn of(path: &Path) -> Result<Self, UploadError> {
        let file = no_follow::open_read(path).map_err(|refused| unreadable(path, refused))?;
        Self::of_file(&file).map_err(|e| unreadable(path, no_follow::OpenRefused::Io(e)))
    }

    fn of_file(file: &std::fs::File) -> std::io::Result<Self> {
        let meta = file.metadata()?;
        Ok(Self {
            size: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// One upload: the file, where it goes, and what it was when chosen.
pub struct UploadRequest<'a> {
    pub path: &'a Path,
    pub url: &'a str,
    pub content_type: &'a str,
    pub stamp: FileStamp,
}

/// Sends `req.path` to `req.url`, reporting progress through `on_progress` (the first report at
/// once, then at most one per `progress_interval`, the last with `finished`). Returns the bytes
/// the storage host took.
pub async fn upload(
    http: &FetchClient,
    req: UploadRequest<'_>,
    on_progress: &mut (dyn FnMut(Progress) + Send),
    cancel: &CancellationToken,
    progress_interval: Duration,
) -> Result<u64, UploadError> {
    let UploadRequest {
        path,
        url,
        content_type,
        stamp,
    } = req;
    let changed = || UploadError::FileChanged {
        path: path.to_path_buf(),
    };
    let file = no_follow::open_read(path).map_err(|refused| unreadable(path, refused))?;
    // The handle's own size and time: what is sent is this file, whatever the path names later.
    if FileStamp::of_file(&file).ok() != Some(stamp) {
        return Err(changed());
    }
    let request = http.put(url).map_err(|refused| UploadError::LinkRefused {
        message: refused.to_string(),
    })?;
    let sent = Arc::new(AtomicU64::new(0));
    let counted = sent.clone();
    let size = stamp.size;
    let body =
        ReaderStream::with_capacity(tokio::fs::File::from_std(file), READ_SIZE).map(move |chunk| {
            let chunk = chunk?;
            let total =
                counted.fetch_add(chunk.len() as u64, Ordering::Relaxed) + chunk.len() as u64;
            if total > size {
                return Err(std::io::Error::other(
                    "the file grew while it was being sent",
                ));
            }
            Ok(chunk)
        });
    let sending = request
        .header(CONTENT_LENGTH, size)
        .header(CONTENT_TYPE, content_type)
        .body(reqwest::Body::wrap_stream(body))
        .send();
    tokio::pin!(sending);
    let mut meter = ProgressMeter::new(progress_interval, 0, Some(size));
    if let Some(first) = meter.update(0) {
        on_progress(first);
    }
    let mut ticks = tokio::time::interval(progress_interval);
    let answer = loop {
        tokio::select! {
            answer = &mut sending => break answer,
            _ = cancel.cancelled() => return Err(UploadError::Cancelled),
            _ = ticks.tick() => {
                if let Some(report) = meter.update(sent.load(Ordering::Relaxed)) {
                    on_progress(report);
                }
            }
        }
    };
    // A file changed under the upload explains any failure best, and fails a success too.
    if FileStamp::of(path).ok() != Some(stamp) {
        return Err(changed());
    }
    let response = answer.map_err(|e| match refusal_of(&e) {
        Some(refused) => UploadError::LinkRefused {
            message: refused.to_string(),
        },
        None => UploadError::Network {
            message: e.without_url().to_string(),
        },
    })?;
    let status = response.status().as_u16();
    if STORED.contains(&status) {
        on_progress(meter.finish(size));
        return Ok(size);
    }
    let body = wayin_api::body::read_capped(response, MAX_ERROR_BODY)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    let (code, message) = error::s3_error_parts(&body);
    Err(match status {
        403 if message.to_ascii_lowercase().contains("expired") => UploadError::LinkExpired,
        500..=599 => UploadError::Network {
            message: format!("the storage host answered {status} {code}: {message}"),
        },
        _ => UploadError::Refused {
            status,
            code,
            message,
        },
    })
}

fn unreadable(path: &Path, refused: no_follow::OpenRefused) -> UploadError {
    let message = match refused {
        no_follow::OpenRefused::Link => "it is a link, not the video itself".to_owned(),
        no_follow::OpenRefused::NotAFile => "it is not a file".to_owned(),
        no_follow::OpenRefused::Io(e) => e.to_string(),
    };
    UploadError::Unreadable {
        path: path.to_path_buf(),
        message,
    }
}
