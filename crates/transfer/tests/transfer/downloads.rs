//! Downloads against the fake CDN: every way a download can be interrupted must still end in a
//! byte-identical file, or in a clear error that loses nothing.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fake_wayin::{FakeConfig, FakeServer, FaultScope, Faults};
use sha2::{Digest, Sha256};
use tokio_util::sync::CancellationToken;
use transfer::{
    http_client, part_path, transfer, LinkRenewer, Progress, TransferError, TransferOptions,
    TransferOutcome, TransferRequest,
};

const PODCAST: &str = "proj_demo_podcast";

/// The CDN client of an app whose API is the local fake (on 127.0.0.1, plain http).
fn cdn_client() -> wayin_api::FetchClient {
    http_client(&wayin_api::BaseUrl::parse("http://127.0.0.1:1/api/v2").unwrap())
}

async fn start_fake() -> FakeServer {
    FakeServer::start(FakeConfig {
        speed: 1000.0,
        rate_limit: 0,
        ..FakeConfig::default()
    })
    .await
    .expect("fake server starts")
}

/// The API side a download needs: submit an export, read its fresh links.
#[derive(Clone)]
struct Api {
    base: String,
    key: String,
    http: reqwest::Client,
}

impl Api {
    fn of(server: &FakeServer) -> Api {
        Api {
            base: server.base_url(),
            key: server.api_key().to_string(),
            http: wayin_api::tls::client_builder().build().unwrap(),
        }
    }

    fn call(&self, builder: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        builder
            .header("Authorization", format!("Bearer {}", self.key))
            .header("x-wayinvideo-api-version", "v2")
    }

    async fn export(&self, project: &str, idx: u32) -> String {
        let body = serde_json::json!({ "project_id": project, "clip_indices": [idx] });
        let answer: serde_json::Value = self
            .call(self.http.post(format!("{}/clips/export", self.base)))
            .json(&body)
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap()
            .json()
            .await
            .unwrap();
        answer["data"]["export_task_id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Polls the export results until the clip has a link; each call issues a fresh one.
    async fn link(&self, task_id: &str, idx: u32) -> Result<String, String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let answer: serde_json::Value = self
                .call(
                    self.http
                        .get(format!("{}/clips/export/{task_id}", self.base)),
                )
                .send()
                .await
                .map_err(|err| err.to_string())?
                .json()
                .await
                .map_err(|err| err.to_string())?;
            let link = answer["data"]["clips"].as_array().and_then(|clips| {
                clips
                    .iter()
                    .find(|clip| clip["idx"] == idx)
                    .and_then(|clip| clip["export_link"].as_str())
                    .map(str::to_string)
            });
            if let Some(link) = link {
                return Ok(link);
            }
            if Instant::now() > deadline {
                return Err(format!("no link for clip {idx} of {task_id}: {answer}"));
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// A renewer that goes through the export results endpoint, as the app's does, and counts
    /// its calls.
    fn renewer(&self, task_id: &str, idx: u32, calls: Arc<AtomicUsize>) -> LinkRenewer {
        let (api, task_id) = (self.clone(), task_id.to_string());
        Arc::new(move || {
            let (api, task_id, calls) = (api.clone(), task_id.clone(), calls.clone());
            Box::pin(async move {
                calls.fetch_add(1, Ordering::SeqCst);
                api.link(&task_id, idx).await.map_err(TransferError::Renew)
            })
        })
    }
}

/// An export of one clip, rendered, with its first link.
async fn rendered(server: &FakeServer, project: &str, idx: u32) -> (Api, String, String) {
    let api = Api::of(server);
    let task = api.export(project, idx).await;
    let link = api.link(&task, idx).await.unwrap();
    (api, task, link)
}

fn failing_renewer(calls: Arc<AtomicUsize>) -> LinkRenewer {
    Arc::new(move || {
        let calls = calls.clone();
        Box::pin(async move {
            calls.fetch_add(1, Ordering::SeqCst);
            Err(TransferError::Renew("the API did not answer".to_string()))
        })
    })
}

fn unused_renewer() -> LinkRenewer {
    Arc::new(|| Box::pin(async { panic!("the link should not need renewing") }))
}

fn fast_retries() -> TransferOptions {
    TransferOptions {
        backoff: vec![Duration::from_millis(10)],
        ..TransferOptions::default()
    }
}

struct Run {
    result: Result<TransferOutcome, TransferError>,
    reports: Vec<Progress>,
    elapsed: Duration,
}

async fn download(
    link: &str,
    dest: &Path,
    expected_len: Option<u64>,
    renew: LinkRenewer,
    cancel: &CancellationToken,
    opts: &TransferOptions,
) -> Run {
    let mut reports = Vec::new();
    let started = Instant::now();
    let request = TransferRequest {
        dest: dest.to_path_buf(),
        link: link.to_string(),
        expected_len,
    };
    let result = transfer(
        &cdn_client(),
        request,
        renew,
        &mut |p| reports.push(p),
        cancel,
        opts,
    )
    .await;
    Run {
        result,
        reports,
        elapsed: started.elapsed(),
    }
}

async fn simple(link: &str, dest: &Path, renew: LinkRenewer) -> Run {
    download(
        link,
        dest,
        None,
        renew,
        &CancellationToken::new(),
        &fast_retries(),
    )
    .await
}

fn sha256_file(path: &Path) -> String {
    let mut file = std::fs::File::open(path).unwrap();
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).unwrap();
    format!("{:x}", hasher.finalize())
}

fn assert_downloaded(run: &Run, dest: &Path, expected: &[u8]) {
    let outcome = run.result.as_ref().expect("download succeeds");
    assert_eq!(
        outcome,
        &TransferOutcome::Downloaded {
            path: dest.to_path_buf(),
            bytes: expected.len() as u64
        }
    );
    assert!(
        std::fs::read(dest).unwrap() == expected,
        "downloaded bytes differ"
    );
    assert!(!part_path(dest).exists(), "the .part is left behind");
    let last = run.reports.last().expect("progress was reported");
    assert!(last.finished);
    assert_eq!(last.bytes_done, expected.len() as u64);
}

fn clip_ranges(server: &FakeServer) -> Vec<(Option<String>, u16)> {
    server
        .control()
        .cdn_requests()
        .into_iter()
        .filter(|request| request.path.starts_with("/cdn/export/"))
        .map(|request| (request.range, request.status))
        .collect()
}

#[tokio::test]
async fn plain_download() {
    // The ordinary case: a fresh link, no part file, nothing goes wrong.
    let server = start_fake().await;
    let (_, _, link) = rendered(&server, PODCAST, 0).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let run = simple(&link, &dest, unused_renewer()).await;
    assert_downloaded(
        &run,
        &dest,
        &server.control().clip_file(PODCAST, 0).unwrap(),
    );
    assert_eq!(clip_ranges(&server), [(None, 200)]);
}

#[tokio::test]
async fn missing_folder_is_created() {
    // The user removed the output folder after planning the export.
    let server = start_fake().await;
    let (_, _, link) = rendered(&server, PODCAST, 2).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("gone").join("again").join("clip.mp4");
    let run = simple(&link, &dest, unused_renewer()).await;
    assert_downloaded(
        &run,
        &dest,
        &server.control().clip_file(PODCAST, 2).unwrap(),
    );
}

#[tokio::test]
async fn resumes_from_an_existing_part() {
    // A previous run left the first 10,000 bytes: only the rest is fetched, with Range (206).
    let server = start_fake().await;
    let (_, _, link) = rendered(&server, PODCAST, 1).await;
    let expected = server.control().clip_file(PODCAST, 1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    std::fs::write(part_path(&dest), &expected[..10_000]).unwrap();
    let run = simple(&link, &dest, unused_renewer()).await;
    assert_downloaded(&run, &dest, &expected);
    assert_eq!(
        clip_ranges(&server),
        [(Some("bytes=10000-".to_string()), 206)]
    );
    assert_eq!(
        run.reports[0].bytes_done, 10_000,
        "the first report counts the kept bytes"
    );
}

#[tokio::test]
async fn complete_part_is_recognised_from_a_416() {
    // The part already holds the whole file (a crash just before the rename): the server
    // answers 416 with the total, and nothing is downloaded again.
    let server = start_fake().await;
    let (_, _, link) = rendered(&server, PODCAST, 3).await;
    let expected = server.control().clip_file(PODCAST, 3).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    std::fs::write(part_path(&dest), &expected).unwrap();
    let run = simple(&link, &dest, unused_renewer()).await;
    assert_downloaded(&run, &dest, &expected);
    assert_eq!(
        clip_ranges(&server),
        [(Some(format!("bytes={}-", expected.len())), 416)]
    );
}

#[tokio::test]
async fn server_ignoring_range_restarts_cleanly() {
    // The CDN answers 200 with the whole file despite Range. The part holds 10,000 bytes of
    // garbage, so appending would corrupt the file: it must be truncated and rewritten.
    let server = start_fake().await;
    server.control().set_faults(
        FaultScope::Project(PODCAST.into()),
        Faults {
            ignore_range: true,
            ..Faults::default()
        },
    );
    let (_, _, link) = rendered(&server, PODCAST, 1).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    std::fs::write(part_path(&dest), vec![0xAA; 10_000]).unwrap();
    let run = simple(&link, &dest, unused_renewer()).await;
    assert_downloaded(
        &run,
        &dest,
        &server.control().clip_file(PODCAST, 1).unwrap(),
    );
    assert_eq!(
        clip_ranges(&server),
        [(Some("bytes=10000-".to_string()), 200)]
    );
}

#[tokio::test]
async fn dropped_connections_resume_with_range() {
    // The connection is cut twice after 8,000 body bytes; each retry asks for the rest.
    let server = start_fake().await;
    server.control().set_faults(
        FaultScope::Project(PODCAST.into()),
        Faults {
            drop_after_bytes: Some(8_000),
            drop_times: 2,
            ..Faults::default()
        },
    );
    let (_, _, link) = rendered(&server, PODCAST, 1).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let run = simple(&link, &dest, unused_renewer()).await;
    assert_downloaded(
        &run,
        &dest,
        &server.control().clip_file(PODCAST, 1).unwrap(),
    );
    assert_eq!(
        clip_ranges(&server),
        [
            (None, 200),
            (Some("bytes=8000-".to_string()), 206),
            (Some("bytes=16000-".to_string()), 206)
        ]
    );
}

#[tokio::test]
async fn dropped_connections_without_range_support_restart() {
    // Cut twice and no Range support: every retry starts from byte 0 and the result is still
    // exact, with no bytes of the cut attempts left over.
    let server = start_fake().await;
    server.control().set_faults(
        FaultScope::Project(PODCAST.into()),
        Faults {
            drop_after_bytes: Some(8_000),
            drop_times: 2,
            ignore_range: true,
            ..Faults::default()
        },
    );
    let (_, _, link) = rendered(&server, PODCAST, 1).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let run = simple(&link, &dest, unused_renewer()).await;
    assert_downloaded(
        &run,
        &dest,
        &server.control().clip_file(PODCAST, 1).unwrap(),
    );
    let statuses: Vec<u16> = clip_ranges(&server)
        .into_iter()
        .map(|(_, status)| status)
        .collect();
    assert_eq!(statuses, [200, 200, 200]);
}

#[tokio::test]
async fn connection_failures_give_up_after_max_attempts() {
    // Every request is cut before any byte arrives: no progress, so after `max_attempts` tries
    // the download stops with a network error and keeps nothing it should not.
    let server = start_fake().await;
    server.control().set_faults(
        FaultScope::Project(PODCAST.into()),
        Faults {
            drop_after_bytes: Some(0),
            drop_times: 100,
            ..Faults::default()
        },
    );
    let (_, _, link) = rendered(&server, PODCAST, 1).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let opts = TransferOptions {
        max_attempts: 3,
        ..fast_retries()
    };
    let run = download(
        &link,
        &dest,
        None,
        unused_renewer(),
        &CancellationToken::new(),
        &opts,
    )
    .await;
    let err = run.result.unwrap_err();
    assert_eq!(err.kind(), "network", "{err}");
    assert_eq!(clip_ranges(&server).len(), 3);
    assert!(!dest.exists());
}

#[tokio::test]
async fn expired_link_is_renewed_and_the_download_continues() {
    // The link handed over has already expired (403) and a part holds the first 5,000 bytes:
    // one renewal through the export results endpoint, then the download resumes at 5,000.
    let server = start_fake().await;
    let api = Api::of(&server);
    let task = api.export(PODCAST, 4).await;
    server.control().set_faults(
        FaultScope::Project(PODCAST.into()),
        Faults {
            link_ttl_ms: Some(1),
            ..Faults::default()
        },
    );
    let stale = api.link(&task, 4).await.unwrap();
    server.control().clear_faults();
    tokio::time::sleep(Duration::from_millis(5)).await;
    let expected = server.control().clip_file(PODCAST, 4).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    std::fs::write(part_path(&dest), &expected[..5_000]).unwrap();
    let calls = Arc::new(AtomicUsize::new(0));
    let run = simple(&stale, &dest, api.renewer(&task, 4, calls.clone())).await;
    assert_downloaded(&run, &dest, &expected);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(
        clip_ranges(&server),
        [
            (Some("bytes=5000-".to_string()), 403),
            (Some("bytes=5000-".to_string()), 206)
        ]
    );
}

#[tokio::test]
async fn link_expiring_during_a_download_is_renewed() {
    // Links live 1 s; the connection is cut after 8,000 bytes and the retry waits 1.2 s,
    // so the resume meets an expired link: renewed, then continued from byte 8,000.
    let server = start_fake().await;
    server.control().set_faults(
        FaultScope::Project(PODCAST.into()),
        Faults {
            link_ttl_ms: Some(1_000),
            drop_after_bytes: Some(8_000),
            ..Faults::default()
        },
    );
    let (api, task, link) = rendered(&server, PODCAST, 1).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let calls = Arc::new(AtomicUsize::new(0));
    let opts = TransferOptions {
        backoff: vec![Duration::from_millis(1_200)],
        ..TransferOptions::default()
    };
    let run = download(
        &link,
        &dest,
        None,
        api.renewer(&task, 1, calls.clone()),
        &CancellationToken::new(),
        &opts,
    )
    .await;
    assert_downloaded(
        &run,
        &dest,
        &server.control().clip_file(PODCAST, 1).unwrap(),
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(
        clip_ranges(&server),
        [
            (None, 200),
            (Some("bytes=8000-".to_string()), 403),
            (Some("bytes=8000-".to_string()), 206)
        ]
    );
}

#[tokio::test]
async fn failing_renewer_gives_a_clean_error_and_keeps_the_part() {
    // The link expired and the API cannot give a new one: the renewal's error comes back as
    // it is, and the 5,000 bytes already downloaded stay for a later attempt.
    let server = start_fake().await;
    let api = Api::of(&server);
    let task = api.export(PODCAST, 4).await;
    server.control().set_faults(
        FaultScope::Project(PODCAST.into()),
        Faults {
            link_ttl_ms: Some(1),
            ..Faults::default()
        },
    );
    let stale = api.link(&task, 4).await.unwrap();
    tokio::time::sleep(Duration::from_millis(5)).await;
    let expected = server.control().clip_file(PODCAST, 4).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    std::fs::write(part_path(&dest), &expected[..5_000]).unwrap();
    let calls = Arc::new(AtomicUsize::new(0));
    let run = simple(&stale, &dest, failing_renewer(calls.clone())).await;
    let err = run.result.unwrap_err();
    assert_eq!(err, TransferError::Renew("the API did not answer".into()));
    assert_eq!(err.kind(), "renew");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(std::fs::read(part_path(&dest)).unwrap(), &expected[..5_000]);
    assert!(!dest.exists());
}

#[tokio::test]
async fn links_that_keep_expiring_end_in_link_expired() {
    // Every renewed link is dead on arrival: after a few renewals without a byte gained the
    // download stops instead of looping forever.
    let server = start_fake().await;
    server.control().set_faults(
        FaultScope::Project(PODCAST.into()),
        Faults {
            link_ttl_ms: Some(1),
            ..Faults::default()
        },
    );
    let api = Api::of(&server);
    let task = api.export(PODCAST, 4).await;
    let stale = api.link(&task, 4).await.unwrap();
    tokio::time::sleep(Duration::from_millis(5)).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let calls = Arc::new(AtomicUsize::new(0));
    let slow_renewer = {
        let inner = api.renewer(&task, 4, calls.clone());
        // The fresh link must be expired by the time it is used.
        Arc::new(move || {
            let fresh = inner();
            Box::pin(async move {
                let link = fresh.await;
                tokio::time::sleep(Duration::from_millis(5)).await;
                link
            }) as futures_util::future::BoxFuture<'static, _>
        }) as LinkRenewer
    };
    let run = simple(&stale, &dest, slow_renewer).await;
    assert_eq!(run.result.unwrap_err(), TransferError::LinkExpired);
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn identical_existing_file_is_already_present() {
    // The clip was downloaded before (same bytes at the destination): nothing is replaced.
    let server = start_fake().await;
    let (_, _, link) = rendered(&server, PODCAST, 0).await;
    let expected = server.control().clip_file(PODCAST, 0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    std::fs::write(&dest, &expected).unwrap();
    let run = simple(&link, &dest, unused_renewer()).await;
    assert_eq!(
        run.result.unwrap(),
        TransferOutcome::AlreadyPresent {
            path: dest.clone(),
            bytes: expected.len() as u64
        }
    );
    assert_eq!(std::fs::read(&dest).unwrap(), expected);
    assert!(!part_path(&dest).exists());
}

#[tokio::test]
async fn different_existing_file_is_never_overwritten() {
    // Another file with the same length took the name meanwhile: refused, untouched, and the
    // finished download stays in the part for the caller to move to another name.
    let server = start_fake().await;
    let (_, _, link) = rendered(&server, PODCAST, 0).await;
    let expected = server.control().clip_file(PODCAST, 0).unwrap();
    let other = vec![7u8; expected.len()];
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    std::fs::write(&dest, &other).unwrap();
    let run = simple(&link, &dest, unused_renewer()).await;
    let err = run.result.unwrap_err();
    assert_eq!(err, TransferError::DestinationExists { path: dest.clone() });
    assert_eq!(err.kind(), "destination_exists");
    assert_eq!(std::fs::read(&dest).unwrap(), other);
    assert_eq!(std::fs::read(part_path(&dest)).unwrap(), expected);

    // With the expected size known and different, it is refused before any download.
    let dest2 = dir.path().join("other.mp4");
    std::fs::write(&dest2, b"short").unwrap();
    let before = clip_ranges(&server).len();
    let run = download(
        &link,
        &dest2,
        Some(expected.len() as u64),
        unused_renewer(),
        &CancellationToken::new(),
        &fast_retries(),
    )
    .await;
    assert_eq!(run.result.unwrap_err().kind(), "destination_exists");
    assert_eq!(clip_ranges(&server).len(), before);
    assert_eq!(std::fs::read(&dest2).unwrap(), b"short");
}

#[tokio::test]
async fn wrong_expected_length_is_refused() {
    // The caller expects another size than the server's: nothing is moved into place.
    let server = start_fake().await;
    let (_, _, link) = rendered(&server, PODCAST, 0).await;
    let real = server.control().clip_len(PODCAST, 0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let run = download(
        &link,
        &dest,
        Some(real + 1),
        unused_renewer(),
        &CancellationToken::new(),
        &fast_retries(),
    )
    .await;
    assert_eq!(
        run.result.unwrap_err(),
        TransferError::LengthMismatch {
            expected: real + 1,
            got: real
        }
    );
    assert!(!dest.exists());
    assert!(!part_path(&dest).exists());
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn full_disk_is_reported_and_loses_nothing() {
    // Writes fail with ENOSPC (a 16 KiB tmpfs; a `.part` linked to /dev/full is refused as a
    // planted link): a DiskFull error that says how much more space is needed, the
    // destination untouched, the part kept.
    let Some(disk) = TinyDisk::mount("16k") else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let server = start_fake().await;
    let (_, _, link) = rendered(&server, PODCAST, 1).await;
    let dest = disk.dir.path().join("clip.mp4");
    let run = simple(&link, &dest, unused_renewer()).await;
    let err = run.result.unwrap_err();
    let len = server.control().clip_len(PODCAST, 1).unwrap();
    let kept = std::fs::metadata(part_path(&dest)).unwrap().len();
    assert!(kept < len, "{kept} of {len} bytes kept");
    assert_eq!(
        err,
        TransferError::DiskFull {
            path: part_path(&dest),
            needed: Some(len - kept)
        }
    );
    let message = err.to_string();
    let needed = format!("at least {:.1} KB", (len - kept) as f64 / 1000.0);
    assert!(
        message.contains("is full") && message.contains(&needed),
        "{message}"
    );
    assert!(message.contains("kept"), "{message}");
    assert!(!dest.exists());
    assert!(part_path(&dest).symlink_metadata().unwrap().is_file());
}

/// A tiny tmpfs, unmounted when dropped. Needs root and mount rights, which CI has.
#[cfg(target_os = "linux")]
struct TinyDisk {
    dir: tempfile::TempDir,
}

#[cfg(target_os = "linux")]
impl TinyDisk {
    fn mount(size: &str) -> Option<TinyDisk> {
        let dir = tempfile::tempdir().ok()?;
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then_some(TinyDisk { dir })
    }
}

#[cfg(target_os = "linux")]
impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn full_tmpfs_keeps_a_resumable_part() {
    // A real full file system (64 KiB tmpfs) and a 1 MiB clip: DiskFull, and the part holds a
    // correct prefix; moved to a roomy folder, it resumes into the exact file.
    let Some(disk) = TinyDisk::mount("64k") else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let server = start_fake().await;
    server
        .control()
        .add_synthetic_project("proj_disk", 1, 1 << 20);
    let (_, _, link) = rendered(&server, "proj_disk", 0).await;
    let expected = server.control().clip_file("proj_disk", 0).unwrap();
    let small = disk.dir.path().join("clip.mp4");
    let run = download(
        &link,
        &small,
        None,
        unused_renewer(),
        &CancellationToken::new(),
        &TransferOptions {
            buffer_size: 16 * 1024,
            ..fast_retries()
        },
    )
    .await;
    let err = run.result.unwrap_err();
    assert_eq!(err.kind(), "disk_full", "{err}");
    let kept = std::fs::read(part_path(&small)).unwrap();
    assert!(
        !kept.is_empty() && kept.len() < expected.len(),
        "{} bytes kept",
        kept.len()
    );
    assert!(
        kept[..] == expected[..kept.len()],
        "the kept part is not a prefix of the file"
    );
    assert!(!small.exists());

    let roomy = tempfile::tempdir().unwrap();
    let dest = roomy.path().join("clip.mp4");
    std::fs::write(part_path(&dest), &kept).unwrap();
    let run = simple(&link, &dest, unused_renewer()).await;
    assert_downloaded(&run, &dest, &expected);
}

#[tokio::test]
async fn cancel_keeps_the_part_and_a_second_call_resumes() {
    // Cancelled once 1 MiB of an 8 MiB clip has arrived: Cancelled, a part with everything
    // received so far, and the next call fetches only the rest into an identical file.
    let server = start_fake().await;
    server
        .control()
        .add_synthetic_project("proj_cancel", 1, 8 << 20);
    let (_, _, link) = rendered(&server, "proj_cancel", 0).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let cancel = CancellationToken::new();
    let opts = TransferOptions {
        progress_interval: Duration::ZERO,
        ..fast_retries()
    };
    let mut cancelled_at = 0;
    let result = transfer(
        &cdn_client(),
        TransferRequest {
            dest: dest.clone(),
            link: link.clone(),
            expected_len: None,
        },
        unused_renewer(),
        &mut |p: Progress| {
            if p.bytes_done >= 1 << 20 && !cancel.is_cancelled() {
                cancelled_at = p.bytes_done;
                cancel.cancel();
            }
        },
        &cancel,
        &opts,
    )
    .await;
    assert_eq!(result.unwrap_err(), TransferError::Cancelled);
    let kept = std::fs::metadata(part_path(&dest)).unwrap().len();
    assert_eq!(kept, cancelled_at, "received bytes were lost");
    assert!(kept < 8 << 20);
    assert!(!dest.exists());

    let run = simple(&link, &dest, unused_renewer()).await;
    run.result.unwrap();
    assert_eq!(
        sha256_file(&dest),
        server.control().clip_sha256("proj_cancel", 0).unwrap()
    );
    assert_eq!(
        clip_ranges(&server).last().unwrap(),
        &(Some(format!("bytes={kept}-")), 206)
    );
}

#[tokio::test]
async fn cancel_before_start_does_nothing() {
    // Already cancelled: no request, no file.
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let cancel = CancellationToken::new();
    cancel.cancel();
    let run = download(
        "http://127.0.0.1:9/x.mp4",
        &dest,
        None,
        unused_renewer(),
        &cancel,
        &fast_retries(),
    )
    .await;
    assert_eq!(run.result.unwrap_err(), TransferError::Cancelled);
    assert!(!part_path(&dest).exists());
}

#[tokio::test]
async fn progress_is_throttled() {
    // An 8 MiB download with the default 100 ms interval: at most 10 reports a second plus the
    // first and the last, bytes never go backwards, the last one is marked finished.
    let server = start_fake().await;
    server
        .control()
        .add_synthetic_project("proj_progress", 1, 8 << 20);
    let (_, _, link) = rendered(&server, "proj_progress", 0).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let run = download(
        &link,
        &dest,
        None,
        unused_renewer(),
        &CancellationToken::new(),
        &TransferOptions::default(),
    )
    .await;
    run.result.as_ref().unwrap();
    let allowed = (run.elapsed.as_secs_f64() * 10.0).floor() as usize + 2;
    assert!(
        run.reports.len() <= allowed,
        "{} reports in {:?}",
        run.reports.len(),
        run.elapsed
    );
    assert!(run.reports.len() >= 2);
    assert!(run
        .reports
        .windows(2)
        .all(|pair| pair[0].bytes_done <= pair[1].bytes_done));
    let last = run.reports.last().unwrap();
    assert!(last.finished && last.bytes_done == 8 << 20 && last.total == Some(8 << 20));
    assert_eq!(run.reports.iter().filter(|p| p.finished).count(), 1);
}

/// Serves `len` bytes slowly: 64 KiB pieces with a pause between, to every connection.
async fn trickle_server(len: usize, pause: Duration) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && socket.read(&mut byte).await.unwrap_or(0) == 1
                {
                    head.push(byte[0]);
                }
                let header = format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
                );
                socket.write_all(header.as_bytes()).await.unwrap();
                let piece = vec![b'x'; 64 * 1024];
                let mut sent = 0;
                while sent < len {
                    let n = piece.len().min(len - sent);
                    if socket.write_all(&piece[..n]).await.is_err() {
                        return;
                    }
                    sent += n;
                    tokio::time::sleep(pause).await;
                }
            });
        }
    });
    origin
}

#[tokio::test]
async fn progress_is_throttled_on_a_slow_link() {
    // 8 MiB trickling in over about half a second: several reports, never more than 10 a
    // second (plus first and last), each with a speed and, once known, an ETA.
    let origin = trickle_server(8 << 20, Duration::from_millis(4)).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let run = simple(&format!("{origin}/slow.mp4"), &dest, unused_renewer()).await;
    assert_eq!(run.result.as_ref().unwrap().bytes(), 8 << 20);
    let allowed = (run.elapsed.as_secs_f64() * 10.0).floor() as usize + 2;
    assert!(
        run.reports.len() <= allowed && run.reports.len() >= 4,
        "{} reports in {:?}",
        run.reports.len(),
        run.elapsed
    );
    for pair in run.reports.windows(2) {
        let gap = pair[1].bytes_done - pair[0].bytes_done;
        assert!(
            gap > 0 || pair[1].finished,
            "a report without news: {pair:?}"
        );
    }
    let middle = &run.reports[run.reports.len() / 2];
    assert!(
        middle.bytes_per_sec > 0.0 && middle.eta.is_some(),
        "{middle:?}"
    );
}

#[tokio::test]
async fn large_file_is_exact() {
    // 64 MiB of stamped blocks: a wrong offset anywhere changes the checksum.
    let server = start_fake().await;
    server
        .control()
        .add_synthetic_project("proj_large", 1, 64 << 20);
    let (_, _, link) = rendered(&server, "proj_large", 0).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let run = simple(&link, &dest, unused_renewer()).await;
    assert_eq!(run.result.unwrap().bytes(), 64 << 20);
    assert_eq!(
        sha256_file(&dest),
        server.control().clip_sha256("proj_large", 0).unwrap()
    );
}

/// Serves one canned HTTP answer per connection and keeps each request head it saw.
async fn raw_server(answer: &'static str) -> (String, Arc<std::sync::Mutex<Vec<String>>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let heads = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = heads.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && socket.read(&mut byte).await.unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            seen.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&head).to_lowercase());
            let _ = socket.write_all(answer.as_bytes()).await;
            let _ = socket.shutdown().await;
        }
    });
    (origin, heads)
}

#[tokio::test]
async fn link_host_sees_no_credentials_and_no_compression() {
    // What reaches the CDN: no Authorization header at all, identity encoding, and Range only
    // when resuming.
    let (origin, heads) =
        raw_server("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello").await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let run = simple(
        &format!("{origin}/cdn/a.mp4?sig=secret"),
        &dest,
        unused_renewer(),
    )
    .await;
    assert_downloaded(&run, &dest, b"hello");
    let heads = heads.lock().unwrap().clone();
    assert_eq!(heads.len(), 1);
    assert!(!heads[0].contains("authorization"), "{}", heads[0]);
    assert!(!heads[0].contains("range"), "{}", heads[0]);
    assert!(
        heads[0].contains("accept-encoding: identity"),
        "{}",
        heads[0]
    );
}

#[tokio::test]
async fn other_http_errors_stop_at_once() {
    // A 400 from the CDN is not going to change on retry.
    let (origin, heads) =
        raw_server("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let run = simple(&format!("{origin}/a.mp4"), &dest, unused_renewer()).await;
    assert_eq!(run.result.unwrap_err(), TransferError::Http { status: 400 });
    assert_eq!(heads.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn errors_never_show_the_link_signature() {
    // Nothing listens on the port: the network error names the problem, not the signed query.
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let opts = TransferOptions {
        max_attempts: 2,
        ..fast_retries()
    };
    let link = format!("http://127.0.0.1:{port}/cdn/a.mp4?expires=1&sig=topsecret");
    let run = download(
        &link,
        &dest,
        None,
        unused_renewer(),
        &CancellationToken::new(),
        &opts,
    )
    .await;
    let err = run.result.unwrap_err();
    assert_eq!(err.kind(), "network");
    let message = err.to_string();
    assert!(
        !message.contains("topsecret") && !message.contains("expires"),
        "{message}"
    );
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["kind"], "network");
    assert_eq!(json["message"], message);
}

#[test]
fn transfer_future_is_send() {
    // The engine runs each download as its own task.
    fn assert_send<T: Send>(_: &T) {}
    let http = cdn_client();
    let cancel = CancellationToken::new();
    let opts = TransferOptions::default();
    let mut sink = |_: Progress| {};
    let future = transfer(
        &http,
        TransferRequest {
            dest: PathBuf::from("x.mp4"),
            link: String::new(),
            expected_len: None,
        },
        unused_renewer(),
        &mut sink,
        &cancel,
        &opts,
    );
    assert_send(&future);
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Speed and memory on loopback, measured in release builds only (debug builds are far slower
/// and say nothing about the product). Compares with `curl -o` when curl is installed.
#[cfg_attr(debug_assertions, ignore = "measures speed: run with --release")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn speed_on_loopback() {
    const SIZE: u64 = 256 << 20;
    let server = start_fake().await;
    server
        .control()
        .add_synthetic_project("proj_speed", 4, SIZE);
    let api = Api::of(&server);
    let task = api.export("proj_speed", 0).await;
    let dir = tempfile::tempdir().unwrap();

    let link = api.link(&task, 0).await.unwrap();
    let dest = dir.path().join("ours.mp4");
    let run = simple(&link, &dest, unused_renewer()).await;
    run.result.unwrap();
    let ours = run.elapsed.as_secs_f64();
    println!(
        "transfer: 256 MiB in {ours:.3} s = {:.0} MiB/s",
        256.0 / ours
    );
    assert_eq!(
        sha256_file(&dest),
        server.control().clip_sha256("proj_speed", 0).unwrap()
    );
    std::fs::remove_file(&dest).unwrap();

    let link = api.link(&task, 0).await.unwrap();
    let curl_dest = dir.path().join("curl.mp4");
    let started = Instant::now();
    let curl = {
        let (curl_dest, link) = (curl_dest.clone(), link.clone());
        tokio::task::spawn_blocking(move || {
            std::process::Command::new("curl")
                .args(["-s", "-o"])
                .arg(&curl_dest)
                .arg(&link)
                .status()
        })
        .await
        .unwrap()
    };
    if let Ok(status) = curl {
        assert!(status.success());
        let theirs = started.elapsed().as_secs_f64();
        println!(
            "curl -o:  256 MiB in {theirs:.3} s = {:.0} MiB/s (ratio ours/curl {:.2})",
            256.0 / theirs,
            ours / theirs
        );
        std::fs::remove_file(&curl_dest).unwrap();
    }

    let before = peak_rss_mib();
    let task4 = {
        let body = serde_json::json!({ "project_id": "proj_speed", "clip_indices": [0, 1, 2, 3] });
        let answer: serde_json::Value = api
            .call(api.http.post(format!("{}/clips/export", api.base)))
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        answer["data"]["export_task_id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let started = Instant::now();
    let mut jobs = Vec::new();
    for idx in 0..4 {
        let link = api.link(&task4, idx).await.unwrap();
        let dest = dir.path().join(format!("par{idx}.mp4"));
        jobs.push(tokio::spawn(async move {
            let http = cdn_client();
            let opts = TransferOptions::default();
            let request = TransferRequest {
                dest,
                link,
                expected_len: Some(SIZE),
            };
            transfer(
                &http,
                request,
                unused_renewer(),
                &mut |_| {},
                &CancellationToken::new(),
                &opts,
            )
            .await
        }));
    }
    for job in jobs {
        job.await.unwrap().unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "4 parallel: 1 GiB in {elapsed:.3} s = {:.0} MiB/s; peak RSS of the whole test process (fake server included) {:.1} MiB (before: {:.1})",
        1024.0 / elapsed,
        peak_rss_mib().unwrap_or(0.0),
        before.unwrap_or(0.0)
    );
}

#[tokio::test]
async fn a_server_that_ignores_range_and_always_cuts_at_one_byte_is_given_up_on() {
    // Every request restarts at 0 (no Range support) and is cut at 3000 bytes: the part
    // reaches 3000 each time, which is no progress beyond the first attempt, so the
    // download stops after `max_attempts` instead of retrying forever.
    let server = start_fake().await;
    server.control().set_faults(
        FaultScope::Project(PODCAST.into()),
        Faults {
            drop_after_bytes: Some(3_000),
            drop_times: 1_000,
            ignore_range: true,
            ..Faults::default()
        },
    );
    let (_, _, link) = rendered(&server, PODCAST, 2).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let opts = TransferOptions {
        max_attempts: 4,
        ..fast_retries()
    };
    let cancel = CancellationToken::new();
    let run = tokio::time::timeout(
        Duration::from_secs(20),
        download(&link, &dest, None, unused_renewer(), &cancel, &opts),
    )
    .await
    .expect("the download gives up instead of looping");
    assert_eq!(run.result.unwrap_err().kind(), "network");
    assert_eq!(
        clip_ranges(&server).len(),
        4,
        "four cut attempts in a row, then a clear error"
    );
    assert!(!dest.exists());
}

#[tokio::test]
async fn two_downloads_of_one_file_never_write_the_same_part() {
    // The app and the terminal command may share a data folder and both resume the same
    // download: the second finds the part locked and says so, the first finishes.
    let server = start_fake().await;
    server
        .control()
        .add_synthetic_project("proj_shared", 1, 16 * 1024 * 1024);
    let (_, _, link) = rendered(&server, "proj_shared", 0).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let cancel = CancellationToken::new();
    let opts = fast_retries();
    let (first, second) = tokio::join!(
        download(&link, &dest, None, unused_renewer(), &cancel, &opts),
        async {
            tokio::time::sleep(Duration::from_millis(5)).await;
            download(&link, &dest, None, unused_renewer(), &cancel, &opts).await
        }
    );
    let outcomes = [first.result, second.result];
    let busy = outcomes
        .iter()
        .filter(|r| matches!(r, Err(TransferError::Busy { .. })))
        .count();
    let done = outcomes.iter().filter(|r| r.is_ok()).count();
    assert!(done >= 1, "{outcomes:?}");
    assert_eq!(busy + done, 2, "{outcomes:?}");
    assert_eq!(
        Some(sha256_file(&dest)),
        server.control().clip_sha256("proj_shared", 0)
    );
}
