//! The engine against the local fake API: one export from submit to files on disk,
//! and the ways it can go wrong without losing what was paid for.

use std::time::Duration;

use crate::common::*;
use engine::{DownloadState, Engine, EngineError, Event, ExportPhase, SubmitState};
use fake_wayin::{FaultScope, Faults};
use wayin_api::request::{
    CaptionDisplay, CaptionStyle, Captions, Hook, HookStyle, Ratio, Resolution,
};
use wayin_api::{ErrorKind, ExportRequest};

fn four_k_request(clips: &[u32]) -> ExportRequest {
    ExportRequest::new(PODCAST)
        .unwrap()
        .with_clips(clips.iter().copied())
        .unwrap()
        .with_resolution(Resolution::Uhd4k)
        .with_captions(Some(Captions {
            display: CaptionDisplay::Both,
            style: Some(CaptionStyle::parse("temp-static-1").unwrap()),
        }))
        .with_hook(Some(Hook {
            style: Some(HookStyle::Dramatic),
            ..Hook::default()
        }))
        .with_reframe(Some(Ratio::Portrait9x16))
}

#[tokio::test]
async fn an_export_lands_on_disk_byte_identical_and_the_key_nowhere() {
    // Tried: submit clips 0 and 2 with every option on, let it render and download.
    let server = fake().await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let request = four_k_request(&[2, 0]);
    let id = engine
        .submit(request.clone(), plan(out.path()))
        .await
        .unwrap();
    let outcome = within(30, engine.wait_export(id)).await.unwrap();

    assert!(outcome.complete, "{:?}", outcome.problem);
    assert_eq!(server.control().received_exports(), vec![request.to_json()]);
    assert_eq!(outcome.phase, ExportPhase::Done);
    assert_eq!(outcome.export.submit_state, SubmitState::Sent);
    assert!(outcome.export.cost_usage.is_some_and(|c| c > 0.0));
    assert_eq!(outcome.downloads.len(), 2);
    for download in &outcome.downloads {
        assert_eq!(download.state, DownloadState::Done);
        let expected = server.control().clip_file(PODCAST, download.idx).unwrap();
        assert_eq!(
            std::fs::read(&download.path).unwrap(),
            expected,
            "clip {}",
            download.idx
        );
        let name = download
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(&format!("Podcast - {:02} - ", download.idx)),
            "{name}"
        );
        assert!(name.ends_with(".mp4"));
    }
    assert!(crate::common::files_under(out.path())
        .iter()
        .all(|f| !f.to_string_lossy().ends_with(".part")));
    engine.shutdown().await;
    assert_absent_from_files(data.path(), server.api_key());
}

#[tokio::test]
async fn an_unanswered_submit_is_marked_unknown_and_never_sent_again() {
    // Tried: a server that takes the export and never answers, so the client times
    // out with the request delivered (on the real service: maybe accepted and charged).
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/api/v2", listener.local_addr().unwrap());
    let posts = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = posts.clone();
    tokio::spawn(async move {
        use tokio::io::AsyncReadExt;
        let mut open = Vec::new();
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = vec![0u8; 8192];
            let n = socket.read(&mut buf).await.unwrap_or(0);
            if buf[..n].starts_with(b"POST /api/v2/clips/export") {
                counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
            open.push(socket);
        }
    });
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut config = wayin_api::ClientConfig::new(
        wayin_api::BaseUrl::parse(&base).unwrap(),
        wayin_api::ApiKey::new("k_0123456789").unwrap(),
    );
    config.timeout = Duration::from_millis(300);
    let client = wayin_api::WayinClient::new(config).unwrap();
    let engine = Engine::start(engine_config(data.path(), client))
        .await
        .unwrap();

    let err = engine
        .submit(four_k_request(&[0]), plan(out.path()))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::SubmitUnknown { .. }), "{err}");
    assert!(err
        .to_string()
        .contains("check the export's status before exporting again"));
    let export = engine.exports().await.unwrap().remove(0);
    assert_eq!(export.submit_state, SubmitState::Unknown);
    assert!(export.polling_done);

    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(
        posts.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "sent exactly once"
    );
    let outcome = engine.wait_export(export.id).await.unwrap();
    assert!(outcome.settled && !outcome.complete);
    assert!(outcome
        .problem
        .unwrap()
        .to_string()
        .contains("did not answer in time"));
}

#[tokio::test]
async fn a_submit_pending_when_the_app_died_is_unknown_after_restart() {
    // Tried: an intent recorded, then the process gone before the answer.
    let server = fake().await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    {
        let store = engine::Store::open(&data.path().join(engine::STORE_FILE)).unwrap();
        store
            .insert_export(&engine::store::NewExport {
                project_id: Some(PODCAST.into()),
                project_name: None,
                request: Some(four_k_request(&[0]).to_json()),
                requested_clips: Some(vec![0]),
                submit_state: SubmitState::Pending,
                task_id: None,
                out_dir: out.path().to_path_buf(),
                name_template: engine::naming::DEFAULT_TEMPLATE.into(),
            })
            .unwrap();
    }
    // Just recorded: another process sharing the store may still be sending it.
    let young = engine(data.path(), &server).await;
    assert_eq!(
        young.exports().await.unwrap()[0].submit_state,
        SubmitState::Pending
    );
    young.shutdown().await;
    drop(young);
    // Recorded longer ago than any submit can take: its answer is lost.
    let conn = rusqlite::Connection::open(data.path().join(engine::STORE_FILE)).unwrap();
    conn.execute("UPDATE exports SET created_at = created_at - 600000", [])
        .unwrap();
    drop(conn);
    let engine = engine(data.path(), &server).await;
    let export = engine.exports().await.unwrap().remove(0);
    assert_eq!(export.submit_state, SubmitState::Unknown);
    assert!(export
        .submit_error
        .unwrap()
        .contains("may have been accepted"));
    assert!(
        server.control().received_exports().is_empty(),
        "nothing re-sent on start"
    );
}

#[tokio::test]
async fn a_stop_with_downloads_still_queued_returns_at_once() {
    // Tried: one download at a time, three clips, the first cut and backing off for 30 s,
    // the other two queued behind it. Stopping must not wait for the queue to drain.
    let server = fake().await;
    server
        .control()
        .add_synthetic_project("proj_queue", 3, 4 * 1024 * 1024);
    server.control().set_faults(
        FaultScope::Project("proj_queue".into()),
        Faults {
            drop_after_bytes: Some(512 * 1024),
            drop_times: 1,
            ..Faults::default()
        },
    );
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut config = engine_config(data.path(), client(&server));
    config.concurrency = 1;
    config.transfer.backoff = vec![Duration::from_secs(30)];
    let engine = Engine::start(config).await.unwrap();
    let id = engine
        .submit(ExportRequest::new("proj_queue").unwrap(), plan(out.path()))
        .await
        .unwrap();
    within(20, async {
        while engine.export_outcome(id).await.unwrap().downloads.len() < 3 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    within(5, engine.shutdown()).await;
}

#[tokio::test]
async fn a_stopped_engine_resumes_its_half_done_downloads_on_the_next_start() {
    // Tried: the connection is cut after 1 MiB, the engine is stopped during the
    // back-off, and a new engine on the same store finishes from the `.part`.
    let server = fake().await;
    server
        .control()
        .add_synthetic_project("proj_big", 2, 6 * 1024 * 1024);
    server.control().set_faults(
        FaultScope::Project("proj_big".into()),
        Faults {
            drop_after_bytes: Some(1024 * 1024),
            drop_times: 1,
            ..Faults::default()
        },
    );
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut config = engine_config(data.path(), client(&server));
    config.transfer.backoff = vec![Duration::from_secs(30)];
    let first = Engine::start(config).await.unwrap();
    let request = ExportRequest::new("proj_big").unwrap();
    let id = first.submit(request, plan(out.path())).await.unwrap();

    // Both clips cut once and what arrived written out; the engine is now backing off.
    within(20, async {
        while part_sizes(out.path()) != vec![1024 * 1024; 2] {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    first.shutdown().await;
    // What was received is still on disk after the stop, ready to be resumed.
    assert_eq!(part_sizes(out.path()), vec![1024 * 1024; 2]);
    let cut: Vec<_> = store_of(&first).downloads(id).unwrap();
    assert!(
        cut.iter().all(|d| d.state == DownloadState::Downloading),
        "{cut:?}"
    );
    drop(first);

    let second = engine(data.path(), &server).await;
    let outcome = within(30, second.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    for download in &outcome.downloads {
        let sha = sha256_of(&download.path);
        assert_eq!(
            Some(sha),
            server.control().clip_sha256("proj_big", download.idx)
        );
    }
    let resumed = server
        .control()
        .cdn_requests()
        .iter()
        .filter(|r| r.range.as_deref() == Some("bytes=1048576-"))
        .count();
    assert_eq!(resumed, 2, "both clips resumed from the first MiB");
}

#[tokio::test]
async fn links_that_arrive_after_succeeded_are_waited_for() {
    // Tried: the task reports SUCCEEDED while the last clip's link is missing for 3 polls.
    let server = fake().await;
    server.control().set_faults(
        FaultScope::Project(PODCAST.into()),
        Faults {
            late_last_link_polls: Some(3),
            ..Faults::default()
        },
    );
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let id = engine
        .submit(four_k_request(&[1, 3, 4]), plan(out.path()))
        .await
        .unwrap();
    let outcome = within(30, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    assert_eq!(outcome.downloads.len(), 3);
}

#[tokio::test]
async fn a_failed_render_reports_the_vendors_message() {
    let server = fake().await;
    server.control().set_faults(
        FaultScope::Project(PODCAST.into()),
        Faults {
            fail_export: Some("Source video is no longer available".into()),
            ..Faults::default()
        },
    );
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let id = engine
        .submit(four_k_request(&[0]), plan(out.path()))
        .await
        .unwrap();
    let outcome = within(30, engine.wait_export(id)).await.unwrap();
    assert!(!outcome.complete);
    assert_eq!(outcome.export.status.as_deref(), Some("FAILED"));
    assert_eq!(outcome.phase, ExportPhase::Failed);
    let problem = outcome.problem.expect("a failed render is a problem");
    assert_eq!(
        problem,
        engine::ExportProblem::RenderFailed {
            message: Some("Source video is no longer available".into())
        }
    );
    assert_eq!(
        problem.to_string(),
        "The export failed: Source video is no longer available"
    );
    assert!(outcome.downloads.is_empty());
}

#[tokio::test]
async fn an_expired_task_is_closed_with_a_clear_reason() {
    // Tried: the task expires (results endpoint answers 404) while still rendering.
    let server = fake_with(|c| c.speed = 1.0).await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let id = engine
        .submit(four_k_request(&[0]), plan(out.path()))
        .await
        .unwrap();
    let task_id = engine.exports().await.unwrap()[0].task_id.clone().unwrap();
    assert!(server.control().expire_task(&task_id));
    let outcome = within(30, engine.wait_export(id)).await.unwrap();
    assert!(!outcome.complete);
    assert_eq!(outcome.phase, ExportPhase::Expired);
    assert_eq!(
        outcome.export.closed_reason,
        Some(engine::ClosedReason::Expired)
    );
    let problem = outcome.problem.unwrap();
    assert_eq!(problem, engine::ExportProblem::Expired);
    assert!(problem.to_string().contains("expired"));
}

#[tokio::test]
async fn a_storm_of_429s_is_waited_out() {
    // Tried: the server allows 3 calls per 2 s while the client believes in 15, so
    // most calls meet a 429 with Retry-After; the export still completes.
    let server = fake_with(|c| {
        c.rate_limit = 3;
        c.speed = 10.0;
    })
    .await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let id = engine
        .submit(four_k_request(&[0, 1]), plan(out.path()))
        .await
        .unwrap();
    let outcome = within(60, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    let refused = server
        .control()
        .api_requests()
        .iter()
        .filter(|r| r.status == 429)
        .count();
    assert!(refused > 0, "the storm happened");
}

#[tokio::test]
async fn links_that_expire_mid_download_are_renewed_and_the_download_resumes() {
    // Tried: links live 300 ms; every clip's first connection is cut after 10 kB and
    // the engine waits 500 ms before resuming, so each resume meets a dead link (403),
    // renews it through the export results endpoint and continues with `Range`.
    let server = fake().await;
    server.control().set_faults(
        FaultScope::Project(PODCAST.into()),
        Faults {
            link_ttl_ms: Some(300),
            drop_after_bytes: Some(10_000),
            drop_times: 1,
            ..Faults::default()
        },
    );
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut config = engine_config(data.path(), client(&server));
    config.transfer.backoff = vec![Duration::from_millis(500)];
    config.concurrency = 1;
    let engine = Engine::start(config).await.unwrap();
    let id = engine
        .submit(four_k_request(&[0, 1]), plan(out.path()))
        .await
        .unwrap();
    let outcome = within(30, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    for download in &outcome.downloads {
        let expected = server.control().clip_file(PODCAST, download.idx).unwrap();
        assert_eq!(std::fs::read(&download.path).unwrap(), expected);
    }
    let cdn = server.control().cdn_requests();
    assert!(
        cdn.iter().filter(|r| r.status == 403).count() >= 2,
        "{cdn:?}"
    );
    let resumed = cdn
        .iter()
        .filter(|r| r.range.as_deref() == Some("bytes=10000-") && r.status == 206);
    assert_eq!(resumed.count(), 2, "{cdn:?}");
}

#[tokio::test]
async fn a_task_submitted_elsewhere_can_be_attached_and_downloaded() {
    let server = fake().await;
    let submitted = client(&server)
        .submit_export(&four_k_request(&[0, 5]))
        .await
        .unwrap();
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let id = engine
        .attach(&submitted.export_task_id, plan(out.path()))
        .await
        .unwrap();
    let outcome = within(30, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    assert_eq!(outcome.export.submit_state, SubmitState::Attached);
    assert_eq!(outcome.downloads.len(), 2);

    let unknown = engine
        .attach("export_task_nope", plan(out.path()))
        .await
        .unwrap_err();
    assert!(
        matches!(&unknown, EngineError::Api(e) if e.kind() == ErrorKind::NotFound),
        "{unknown}"
    );
}

#[tokio::test]
async fn an_unwritable_folder_is_refused_before_anything_is_paid_for() {
    let server = fake().await;
    let data = tempfile::tempdir().unwrap();
    let engine = engine(data.path(), &server).await;
    let file = data.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let err = engine
        .submit(four_k_request(&[0]), plan(&file.join("sub")))
        .await
        .unwrap_err();
    assert!(matches!(err, EngineError::Folder { .. }), "{err}");
    assert!(server.control().received_exports().is_empty());
    assert!(engine.exports().await.unwrap().is_empty());
}

#[tokio::test]
async fn at_most_the_chosen_number_of_downloads_run_at_once() {
    // Tried: 6 clips with concurrency 1: never two downloads running together.
    let server = fake().await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    engine.set_concurrency(1);
    let mut events = engine.subscribe();
    let id = engine
        .submit(ExportRequest::new(PODCAST).unwrap(), plan(out.path()))
        .await
        .unwrap();
    let watcher = tokio::spawn(async move {
        let mut running = std::collections::HashSet::new();
        let mut most = 0;
        while let Ok(event) = events.recv().await {
            if let Event::DownloadChanged { download } = event {
                if download.state == DownloadState::Downloading {
                    running.insert(download.id);
                } else {
                    running.remove(&download.id);
                }
                most = most.max(running.len());
            }
        }
        most
    });
    let outcome = within(30, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    assert_eq!(outcome.downloads.len(), 6);
    engine.shutdown().await;
    drop(engine);
    let most = within(5, watcher).await.unwrap();
    assert_eq!(most, 1);
}

/// An export of one 4 MiB clip whose first connection was cut after 1 MiB, with the
/// engine waiting 30 s before it resumes.
struct WaitingToResume {
    server: fake_wayin::FakeServer,
    engine: Engine,
    id: engine::ExportId,
    download: engine::DownloadRecord,
    _folders: (tempfile::TempDir, tempfile::TempDir),
}

async fn waiting_to_resume(project: &str) -> WaitingToResume {
    let server = fake().await;
    server
        .control()
        .add_synthetic_project(project, 1, 4 * 1024 * 1024);
    server.control().set_faults(
        FaultScope::Project(project.into()),
        Faults {
            drop_after_bytes: Some(1024 * 1024),
            ..Faults::default()
        },
    );
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut config = engine_config(data.path(), client(&server));
    config.transfer.backoff = vec![Duration::from_secs(30)];
    let engine = Engine::start(config).await.unwrap();
    let id = engine
        .submit(ExportRequest::new(project).unwrap(), plan(out.path()))
        .await
        .unwrap();
    within(20, async {
        while part_sizes(out.path()) != vec![1024 * 1024] {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    let download = store_of(&engine).downloads(id).unwrap().remove(0);
    WaitingToResume {
        server,
        engine,
        id,
        download,
        _folders: (data, out),
    }
}

/// Sizes of the `.part` files in `dir`, smallest first.
fn part_sizes(dir: &std::path::Path) -> Vec<u64> {
    let mut sizes: Vec<u64> = files_under(dir)
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".part"))
        .filter_map(|p| std::fs::metadata(p).ok().map(|m| m.len()))
        .collect();
    sizes.sort_unstable();
    sizes
}

fn sha256_of(path: &std::path::Path) -> String {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(path).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn hostile_clip_titles_become_safe_distinct_files_inside_the_folder() {
    // Tried: titles that climb folders, name devices, carry every reserved character,
    // run past 255 bytes, are pure emoji, empty, and two identical ones.
    let hostile = [
        "../../x",
        "CON",
        "a/b\\c:d*?\"<>|",
        &"long title ".repeat(30),
        &"🎬".repeat(100),
        "",
        "Same title",
        "Same title",
        "..",
        "trailing dots...  ",
    ];
    let server = fake().await;
    server
        .control()
        .add_titled_project("proj_hostile", &hostile, 2048);
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let mut plan = plan(out.path());
    plan.name_template = "{title}.mp4".into();
    let id = engine
        .submit(ExportRequest::new("proj_hostile").unwrap(), plan)
        .await
        .unwrap();
    let outcome = within(30, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);

    let files = files_under(out.path());
    assert_eq!(files.len(), hostile.len(), "{files:?}");
    let mut names = std::collections::HashSet::new();
    for file in &files {
        assert_eq!(file.parent(), Some(out.path()), "{file:?} left the folder");
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= 255 && name.ends_with(".mp4"), "{name}");
        assert!(
            !name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']),
            "{name}"
        );
        assert!(!name.to_ascii_uppercase().starts_with("CON."), "{name}");
        assert!(names.insert(name.to_lowercase()), "{name} twice");
    }
    for download in &outcome.downloads {
        let expected = server
            .control()
            .clip_file("proj_hostile", download.idx)
            .unwrap();
        assert_eq!(std::fs::read(&download.path).unwrap(), expected);
    }
}

#[tokio::test]
async fn five_open_exports_poll_inside_the_budget_and_draw_no_429() {
    // Tried: five exports rendering for about two seconds each, polled together by one
    // scheduler against a server enforcing the same 15-per-window limit as the client.
    let server = fake_with(|c| c.speed = 5.0).await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let mut ids = Vec::new();
    for clip in 0..5 {
        ids.push(
            engine
                .submit(four_k_request(&[clip]), plan(out.path()))
                .await
                .unwrap(),
        );
    }
    for id in ids {
        let outcome = within(60, engine.wait_export(id)).await.unwrap();
        assert!(outcome.complete, "{:?}", outcome.problem);
    }
    let requests = server.control().api_requests();
    assert_eq!(
        requests.iter().filter(|r| r.status == 429).count(),
        0,
        "{requests:?}"
    );
    assert!(requests.len() > 10, "the exports were polled");
}

#[tokio::test]
async fn a_cancelled_download_keeps_its_part_and_a_retry_finishes_it() {
    // Tried: the first connection of a 4 MiB clip is cut after 1 MiB and the engine
    // waits 30 s to resume; the person cancels, then retries.
    let WaitingToResume {
        server,
        engine,
        id,
        download,
        _folders,
    } = waiting_to_resume("proj_cancel").await;
    engine.cancel_download(download.id).await.unwrap();
    let outcome = within(10, engine.wait_export(id)).await.unwrap();
    assert_eq!(outcome.downloads[0].state, DownloadState::Cancelled);
    let problem = outcome.problem.unwrap();
    assert_eq!(problem.kind(), "download_cancelled");
    assert!(problem.to_string().contains("cancelled"));
    let part = transfer::part_path(&download.path);
    assert_eq!(std::fs::metadata(&part).unwrap().len(), 1024 * 1024);

    engine.retry_download(download.id).await.unwrap();
    let outcome = within(20, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    assert!(!part.exists());
    assert_eq!(
        Some(sha256_of(&download.path)),
        server.control().clip_sha256("proj_cancel", 0)
    );
}

#[tokio::test]
async fn a_retry_right_after_a_cancel_is_not_lost() {
    // Tried: cancel a download that is waiting to resume, and retry it at once, before
    // the cancelled run has wound down.
    let WaitingToResume {
        server,
        engine,
        id,
        download,
        _folders,
    } = waiting_to_resume("proj_again").await;
    engine.cancel_download(download.id).await.unwrap();
    engine.retry_download(download.id).await.unwrap();
    let outcome = within(20, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    assert_eq!(
        Some(sha256_of(&download.path)),
        server.control().clip_sha256("proj_again", 0)
    );
}

#[tokio::test]
async fn a_wrong_recorded_length_fails_once_and_the_retry_succeeds() {
    // Tried: a finished clip is deleted and its recorded length corrupted (as a captive
    // portal's answer could leave it); the retry fails on the length, the next one works.
    let server = fake().await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let id = engine
        .submit(four_k_request(&[0]), plan(out.path()))
        .await
        .unwrap();
    let outcome = within(30, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    let download = outcome.downloads[0].clone();
    std::fs::remove_file(&download.path).unwrap();
    let conn = rusqlite::Connection::open(data.path().join(engine::STORE_FILE)).unwrap();
    conn.execute("UPDATE downloads SET total = 1234", [])
        .unwrap();
    drop(conn);

    engine.retry_download(download.id).await.unwrap();
    let outcome = within(30, engine.wait_export(id)).await.unwrap();
    assert_eq!(
        outcome.downloads[0].error_kind.as_deref(),
        Some("length_mismatch"),
        "{outcome:?}"
    );
    engine.retry_download(download.id).await.unwrap();
    let outcome = within(30, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);
    assert_eq!(
        std::fs::read(&download.path).unwrap(),
        server.control().clip_file(PODCAST, 0).unwrap()
    );
}

/// Whether any file of the store (database, `-wal`, `-shm`) holds a signed export link.
fn store_holds_a_signed_link(data: &std::path::Path) -> Option<std::path::PathBuf> {
    crate::common::files_under(data).into_iter().find(|file| {
        let bytes = std::fs::read(file).unwrap();
        ["sig=".as_bytes(), b"/cdn/export/"]
            .iter()
            .any(|needle| bytes.windows(needle.len()).any(|w| w == *needle))
    })
}

async fn links_forgotten(engine: &Engine, id: engine::ExportId) {
    within(10, async {
        while store_of(engine)
            .clips(id)
            .unwrap()
            .iter()
            .any(|c| c.link.is_some())
        {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
}

#[tokio::test]
async fn signed_links_leave_the_store_once_the_export_is_downloaded_and_a_retry_renews() {
    // Tried: a complete export, then the store's raw bytes (database and log) searched
    // for the CDN's signed links; then a finished clip deleted and retried, which must
    // fetch a fresh link from the results endpoint and forget it again.
    let server = fake().await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = engine(data.path(), &server).await;
    let id = engine
        .submit(four_k_request(&[0, 2]), plan(out.path()))
        .await
        .unwrap();
    let outcome = within(30, engine.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{:?}", outcome.problem);

    links_forgotten(&engine, id).await;
    assert_eq!(store_holds_a_signed_link(data.path()), None);
    assert!(
        engine.export_outcome(id).await.unwrap().complete,
        "still complete"
    );

    let gone = &outcome.downloads[0];
    std::fs::remove_file(&gone.path).unwrap();
    let polls_before = server.control().api_request_count();
    engine.retry_download(gone.id).await.unwrap();
    within(30, async {
        while store_of(&engine).download(gone.id).unwrap().unwrap().state != DownloadState::Done {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(
        server.control().api_request_count() > polls_before,
        "a fresh link was asked for"
    );
    assert_eq!(
        std::fs::read(&gone.path).unwrap(),
        server.control().clip_file(PODCAST, gone.idx).unwrap()
    );
    links_forgotten(&engine, id).await;
    engine.shutdown().await;
    assert_eq!(store_holds_a_signed_link(data.path()), None);
}
