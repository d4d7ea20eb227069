//! One clip from its `export_link` to a finished file in the user's folder.
//!
//! The file grows in `<name>.mp4.part` beside its destination and is resumed with `Range` after
//! any interruption: a dropped connection, an expired link (renewed through the caller), a
//! cancel, a crash. Only a complete, length-checked, synced file is moved into place, and the
//! move never replaces an existing file. Links are CDN URLs: nothing but `Range` is sent to
//! them, and their query strings (the signature) never appear in errors.

mod attempt;
mod checks;
mod error;
mod finalize;
mod part_file;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;
use futures_util::StreamExt;
use tokio_util::sync::CancellationToken;
use wayin_api::{BaseUrl, FetchClient, FetchGuard};

use crate::progress::ProgressMeter;
use attempt::Answer;
use checks::{check_fits_drive, check_length, explain, prepare_folder};
use finalize::Placed;
use part_file::PartWriter;

pub use crate::progress::Progress;
pub use error::{redact_url, TransferError};

/// Renewals in a row that may bring no new bytes before the link is declared dead: one fresh
/// link should work at once, a few more cover a clock skewed against the CDN's.
const MAX_RENEWALS_WITHOUT_PROGRESS: u32 = 3;

pub struct TransferRequest {
    /// Where the finished file goes, e.g. `folder/"name.mp4"`.
    pub dest: PathBuf,
    /// The clip's current `export_link`.
    pub link: String,
    /// The size the caller knows the file must have, if any.
    pub expected_len: Option<u64>,
}

/// Asks the API for a fresh link to the same file (the caller goes through the export results
/// endpoint). Its error is returned from [`transfer`] as it is; [`TransferError::Renew`] suits
/// most failures.
pub type LinkRenewer =
    Arc<dyn Fn() -> BoxFuture<'static, Result<String, TransferError>> + Send + Sync>;

#[derive(Debug, Clone)]
pub struct TransferOptions {
    /// Failed attempts in a row, with no byte gained, before giving up.
    pub max_attempts: u32,
    /// Pause before each retry; the last entry repeats.
    pub backoff: Vec<Duration>,
    /// Least time between two progress reports.
    pub progress_interval: Duration,
    /// Bytes gathered before each disk write; a download holds up to eight such buffers.
    pub buffer_size: usize,
}

impl Default for TransferOptions {
    fn default() -> Self {
        TransferOptions {
            max_attempts: 6,
            backoff: [1, 2, 4, 8, 16].map(Duration::from_secs).to_vec(),
            progress_interval: Duration::from_millis(100),
            // Small enough that a buffer is still in the CPU's cache when the writer
            // copies it into the page cache: 1 MiB buffers made that copy the slowest
            // part of a download (`cargo xtask bench`: 1.7× curl, against 0.6× now).
            buffer_size: 256 << 10,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferOutcome {
    Downloaded {
        path: PathBuf,
        bytes: u64,
    },
    /// The destination already held exactly this file; it was left as it was.
    AlreadyPresent {
        path: PathBuf,
        bytes: u64,
    },
}

impl TransferOutcome {
    pub fn path(&self) -> &Path {
        match self {
            TransferOutcome::Downloaded { path, .. }
            | TransferOutcome::AlreadyPresent { path, .. } => path,
        }
    }

    pub fn bytes(&self) -> u64 {
        match self {
            TransferOutcome::Downloaded { bytes, .. }
            | TransferOutcome::AlreadyPresent { bytes, .. } => *bytes,
        }
    }
}

/// Where the download of `dest` grows: `<name>.mp4.part` beside it.
pub fn part_path(dest: &Path) -> PathBuf {
    let mut name = dest
        .file_name()
        .map(|name| name.to_os_string())
        .unwrap_or_default();
    name.push(".part");
    dest.with_file_name(name)
}

/// The client for CDN links of the API at `api`, kept apart from the API client so it can never
/// carry the API key, and guarded so a link reaches only a public https address (or the API's
/// own host): see [`FetchGuard`]. There is no overall timeout: a big file on a slow line may take
/// hours; a stalled read fails.
pub fn http_client(api: &BaseUrl) -> FetchClient {
    let configure = |builder: reqwest::ClientBuilder| {
        builder
            .connect_timeout(Duration::from_secs(15))
            .read_timeout(Duration::from_secs(60))
            .user_agent(concat!("wayin-clip-exporter/", env!("CARGO_PKG_VERSION")))
    };
    // Building fails only when rustls cannot start, which no later request could survive.
    FetchClient::new(FetchGuard::for_api(api), configure).expect("the TLS backend starts")
}

/// Downloads `req.link` to `req.dest`, resuming from a `.part` a previous call left.
///
/// Reports progress through `on_progress` (the first report at once, then at most one per
/// `opts.progress_interval`, the last with `finished`). On `cancel`, on a full disk and on
/// network trouble the `.part` is kept and a later call continues from it.
pub async fn transfer(
    http: &FetchClient,
    req: TransferRequest,
    renew: LinkRenewer,
    on_progress: &mut (dyn FnMut(Progress) + Send),
    cancel: &CancellationToken,
    opts: &TransferOptions,
) -> Result<TransferOutcome, TransferError> {
    if cancel.is_cancelled() {
        return Err(TransferError::Cancelled);
    }
    let TransferRequest {
        dest,
        link,
        expected_len,
    } = req;
    let part = part_path(&dest);
    prepare_folder(&dest, expected_len).await?;

    let mut writer = PartWriter::open(&part, &dest, opts.buffer_size).await?;
    let mut meter = ProgressMeter::new(opts.progress_interval, writer.len(), expected_len);
    if let Some(first) = meter.update(writer.len()) {
        on_progress(first);
    }
    let mut download = Download {
        http,
        dest: &dest,
        link,
        expected_len,
        renew,
        cancel,
        opts,
        writer: &mut writer,
        meter: &mut meter,
        on_progress,
    };
    let fetched = download.run().await;
    // Whatever happened, what was received goes to disk: a later call resumes from it.
    let finished = writer.finish().await;
    let total = meter.total.or(expected_len);
    let len = match (fetched, finished) {
        (Ok(total), Ok(len)) => check_length(&part, len, total, expected_len)?,
        (Err(err), _) | (Ok(_), Err(err)) => return Err(explain(err, &part, total).await),
    };
    let outcome = match finalize::place(&part, &dest).await? {
        Placed::Moved => TransferOutcome::Downloaded {
            path: dest,
            bytes: len,
        },
        Placed::AlreadyPresent => TransferOutcome::AlreadyPresent {
            path: dest,
            bytes: len,
        },
    };
    on_progress(meter.finish(len));
    Ok(outcome)
}

/// The state of one download while bytes are being fetched.
struct Download<'a> {
    http: &'a FetchClient,
    dest: &'a Path,
    link: String,
    expected_len: Option<u64>,
    renew: LinkRenewer,
    cancel: &'a CancellationToken,
    opts: &'a TransferOptions,
    writer: &'a mut PartWriter,
    meter: &'a mut ProgressMeter,
    on_progress: &'a mut (dyn FnMut(Progress) + Send),
}

/// How one response body ended.
enum BodyEnd {
    Complete,
    Cut(String),
}

impl Download<'_> {
    /// Fetches until the part holds the whole file; returns the file's total length.
    async fn run(&mut self) -> Result<u64, TransferError> {
        let mut failures = 0u32;
        let mut renewals = 0u32;
        // Progress is counted against the furthest the part has ever reached: a server that
        // ignores `Range` and always cuts at the same byte would otherwise look like progress
        // on every attempt and be retried forever.
        let mut furthest = self.writer.len();
        // The length the server stated, as opposed to the caller's expectation.
        let mut server_total: Option<u64> = None;
        loop {
            let start = self.writer.len();
            if server_total == Some(start) && start > 0 {
                return Ok(start);
            }
            if self.meter.total.is_some_and(|total| start > total) {
                // Longer than the file can be: left by some other download, not a prefix of ours.
                self.writer.truncate(0).await?;
                continue;
            }
            let answer = tokio::select! {
                biased;
                _ = self.cancel.cancelled() => return Err(TransferError::Cancelled),
                answer = attempt::request(self.http, &self.link, start, self.expected_len) => answer,
            };
            let trouble = match answer {
                Answer::Complete { total } => return Ok(total),
                Answer::Failed(err) => return Err(err),
                Answer::Expired => {
                    if renewals >= MAX_RENEWALS_WITHOUT_PROGRESS {
                        return Err(TransferError::LinkExpired);
                    }
                    renewals += 1;
                    tracing::debug!(link = %redact_url(&self.link), "download link expired; renewing");
                    let renew = (self.renew)();
                    self.link = tokio::select! {
                        biased;
                        _ = self.cancel.cancelled() => return Err(TransferError::Cancelled),
                        fresh = renew => fresh?,
                    };
                    continue;
                }
                Answer::Restart => {
                    self.writer.truncate(0).await?;
                    "the server would not resume the download".to_string()
                }
                Answer::Transient(message) => message,
                Answer::Body {
                    response,
                    start: body_start,
                    total,
                } => {
                    if let (Some(expected), Some(total)) = (self.expected_len, total) {
                        if expected != total {
                            return Err(TransferError::LengthMismatch {
                                expected,
                                got: total,
                            });
                        }
                    }
                    check_fits_drive(self.dest, total)?;
                    if total.is_some() {
                        server_total = total;
                        self.meter.total = total;
                    }
                    self.writer.truncate(body_start).await?;
                    let end = self.stream_body(response).await?;
                    if self.writer.len() > furthest {
                        furthest = self.writer.len();
                        failures = 0;
                        renewals = 0;
                    }
                    match (end, server_total) {
                        (BodyEnd::Cut(message), _) => message,
                        (BodyEnd::Complete, None) => return Ok(self.writer.len()),
                        (BodyEnd::Complete, Some(total)) if self.writer.len() == total => {
                            return Ok(total)
                        }
                        (BodyEnd::Complete, Some(total)) if self.writer.len() > total => {
                            return Err(TransferError::LengthMismatch {
                                expected: total,
                                got: self.writer.len(),
                            })
                        }
                        (BodyEnd::Complete, Some(_)) => {
                            "the server ended the file early".to_string()
                        }
                    }
                }
            };
            failures += 1;
            if failures >= self.opts.max_attempts {
                return Err(TransferError::Network { message: trouble });
            }
            tracing::debug!(failures, %trouble, "download interrupted; retrying");
            // What arrived goes to the file before the wait: if the app is killed while
            // waiting, the next start resumes after it instead of fetching it again.
            self.writer.flush().await?;
            pause(self.opts, self.cancel, failures).await?;
        }
    }

    async fn stream_body(&mut self, response: reqwest::Response) -> Result<BodyEnd, TransferError> {
        let mut body = response.bytes_stream();
        loop {
            let next = tokio::select! {
                biased;
                _ = self.cancel.cancelled() => return Err(TransferError::Cancelled),
                next = body.next() => next,
            };
            match next {
                Some(Ok(chunk)) => {
                    self.writer.write(&chunk).await?;
                    if let Some(report) = self.meter.update(self.writer.len()) {
                        (self.on_progress)(report);
                    }
                }
                Some(Err(err)) => return Ok(BodyEnd::Cut(error::network_message(err))),
                None => return Ok(BodyEnd::Complete),
            }
        }
    }
}

/// Waits before retry number `failures`, unless cancelled meanwhile.
async fn pause(
    opts: &TransferOptions,
    cancel: &CancellationToken,
    failures: u32,
) -> Result<(), TransferError> {
    let backoff = &opts.backoff;
    let index = (failures as usize)
        .saturating_sub(1)
        .min(backoff.len().saturating_sub(1));
    let delay = backoff.get(index).copied().unwrap_or_default();
    tokio::select! {
        biased;
        _ = cancel.cancelled() => Err(TransferError::Cancelled),
        _ = tokio::time::sleep(delay) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_disk_names_the_space_still_needed() {
        // Without root no real disk can be filled here; the figure comes from the part's size.
        let dir = tempfile::tempdir().unwrap();
        let part = dir.path().join("clip.mp4.part");
        std::fs::write(&part, vec![0u8; 100]).unwrap();
        let full = TransferError::DiskFull {
            path: part.clone(),
            needed: None,
        };
        assert_eq!(
            explain(full, &part, Some(1000)).await,
            TransferError::DiskFull {
                path: part,
                needed: Some(900)
            }
        );
    }
}
