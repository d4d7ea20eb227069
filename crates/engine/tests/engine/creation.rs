//! Projects created from the editor's own footage: a file uploaded and a link passed, each
//! becoming a project whose clips arrive; the rules a creation keeps when links expire,
//! connections drop, the service fails it, five are running, or the app is killed.

use std::path::{Path, PathBuf};
use std::time::Duration;

use engine::{CreationProblem, CreationSpec, CreationState, Engine, Event};
use fake_wayin::{FaultScope, Faults};
use wayin_api::create::{ClipLength, CreateRequest, ProjectSettings, VideoSource};

use crate::common::{client, engine, engine_config, fake, fake_with, plan, within, PODCAST};

const LINK: &str = "https://www.youtube.com/watch?v=talk";

/// A fake API whose every call and upload misbehaves as `faults` say.
async fn fake_faulted(faults: Faults) -> fake_wayin::FakeServer {
    let server = fake().await;
    server.control().set_faults(FaultScope::Global, faults);
    server
}

fn video(dir: &Path, name: &str, size: usize) -> PathBuf {
    let path = dir.join(name);
    let bytes: Vec<u8> = (0..size).map(|n| (n * 7 % 251) as u8).collect();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn clipping(limit: Option<u32>) -> CreateRequest {
    let settings = ProjectSettings::new(Some("Talk"), None, None, limit).unwrap();
    let placeholder = VideoSource::Uploaded(String::new());
    CreateRequest::ai_clipping(placeholder, settings, ClipLength::UpTo30s)
}

fn moments(link: &str, query: &str, limit: Option<u32>) -> CreationSpec {
    let settings = ProjectSettings::new(None, None, None, limit).unwrap();
    let video = VideoSource::link(link).unwrap();
    CreationSpec::Link(CreateRequest::find_moments(video, settings, query).unwrap())
}

fn file_spec(path: &Path, limit: Option<u32>) -> CreationSpec {
    CreationSpec::File {
        path: path.to_path_buf(),
        request: clipping(limit),
    }
}

/// An engine that started making a project from a file of `size` bytes named `name`; the
/// folders live as long as it.
struct Started {
    engine: Engine,
    id: i64,
    _folders: (tempfile::TempDir, tempfile::TempDir),
}

async fn started_from_file(server: &fake_wayin::FakeServer, name: &str, size: usize) -> Started {
    let (data, footage) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let path = video(footage.path(), name, size);
    let engine = engine(data.path(), server).await;
    let id = engine.create_project(file_spec(&path, None)).await.unwrap();
    Started {
        engine,
        id,
        _folders: (data, footage),
    }
}

#[tokio::test]
async fn a_file_is_uploaded_without_the_key_and_becomes_a_project_whose_clips_arrive() {
    let server = fake().await;
    let data = tempfile::tempdir().unwrap();
    let footage = tempfile::tempdir().unwrap();
    let path = video(footage.path(), "talk.mp4", 3 << 20);
    let engine = engine(data.path(), &server).await;
    let mut events = engine.subscribe();

    let id = engine
        .create_project(file_spec(&path, Some(3)))
        .await
        .unwrap();
    let done = within(60, engine.wait_creation(id)).await.unwrap();

    assert_eq!(done.state, CreationState::Succeeded, "{done:?}");
    assert!(!done.clips.is_empty() && done.clips.len() <= 3, "{done:?}");
    let project_id = done
        .project_id
        .clone()
        .expect("the project's id is recorded");
    let uploads = server.control().uploads();
    assert_eq!(uploads.len(), 1, "{uploads:?}");
    assert_eq!(uploads[0].received, Some(3 << 20));
    assert_eq!(uploads[0].name, "talk.mp4");
    assert!(
        !uploads[0].sent_authorization,
        "the upload link carries no key"
    );
    let sent = server.control().received_creations();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["video_url"], uploads[0].identity.as_str());
    assert_eq!(sent[0]["enable_export"], false);
    assert_eq!(sent[0]["limit"], 3);
    assert_eq!(engine::check_source(&done.source), Some(Ok(path.clone())));
    let by_project = engine.creation_by_project(&project_id).await.unwrap();
    assert_eq!(by_project.map(|c| c.id), Some(id));

    let mut saw_progress = false;
    let mut clip_counts = Vec::new();
    while let Ok(event) = events.try_recv() {
        match event {
            Event::UploadProgress(progress) => {
                assert_eq!(progress.total, 3 << 20);
                saw_progress = true;
            }
            Event::CreationUpdated { creation } => clip_counts.push(creation.clips.len()),
            _ => {}
        }
    }
    assert!(saw_progress, "the upload said how far it was");
    assert!(
        clip_counts.windows(2).all(|w| w[0] <= w[1]),
        "{clip_counts:?}"
    );
    crate::common::assert_absent_from_files(data.path(), server.api_key());
}

#[tokio::test]
async fn find_moments_keeps_at_most_the_clips_asked_for_even_when_the_api_ignores_the_limit() {
    let server = fake().await;
    let data = tempfile::tempdir().unwrap();
    let engine = engine(data.path(), &server).await;
    let id = engine
        .create_project(moments(LINK, "the laughs", Some(2)))
        .await
        .unwrap();
    let done = within(60, engine.wait_creation(id)).await.unwrap();
    assert_eq!(done.state, CreationState::Succeeded, "{done:?}");
    assert_eq!(done.clips.len(), 2);
    let scores: Vec<f64> = done.clips.iter().filter_map(|c| c.score).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "the best two: {scores:?}"
    );
    assert_eq!(
        engine::check_source(&done.source),
        None,
        "a link has no file to check"
    );
}

#[tokio::test]
async fn a_project_the_service_fails_carries_the_vendors_words() {
    let failure = "The video could not be decoded";
    let server = fake_faulted(Faults {
        fail_creation: Some(failure.into()),
        ..Faults::default()
    })
    .await;
    let data = tempfile::tempdir().unwrap();
    let engine = engine(data.path(), &server).await;
    let id = engine
        .create_project(moments(LINK, "goals", None))
        .await
        .unwrap();
    let done = within(60, engine.wait_creation(id)).await.unwrap();
    assert_eq!(done.state, CreationState::Failed);
    assert_eq!(done.problem, Some(CreationProblem::ProjectFailed));
    assert_eq!(done.message.as_deref(), Some(failure));
}

#[tokio::test]
async fn a_dropped_upload_is_sent_again_on_the_same_link_and_makes_one_project() {
    let server = fake_faulted(Faults {
        drop_upload_after_bytes: Some(64 << 10),
        ..Faults::default()
    })
    .await;
    let Started {
        engine,
        id,
        _folders,
    } = started_from_file(&server, "talk.mov", 1 << 20).await;
    let done = within(60, engine.wait_creation(id)).await.unwrap();
    assert_eq!(done.state, CreationState::Succeeded, "{done:?}");
    let uploads = server.control().uploads();
    assert_eq!(uploads.len(), 1, "{uploads:?}");
    assert_eq!(uploads[0].puts, 2, "broken once, then sent whole");
    assert_eq!(uploads[0].content_type.as_deref(), Some("video/quicktime"));
    assert_eq!(server.control().received_creations().len(), 1);
}

#[tokio::test]
async fn upload_links_that_keep_expiring_end_the_creation_after_a_few_tickets_with_nothing_created()
{
    let server = fake_faulted(Faults {
        upload_ttl_ms: Some(0),
        ..Faults::default()
    })
    .await;
    let Started {
        engine,
        id,
        _folders,
    } = started_from_file(&server, "talk.webm", 4096).await;
    let done = within(60, engine.wait_creation(id)).await.unwrap();
    assert_eq!(done.state, CreationState::Failed);
    assert_eq!(done.problem, Some(CreationProblem::UploadFailed));
    assert!(
        done.message.as_deref().unwrap().contains("expired"),
        "{done:?}"
    );
    assert_eq!(
        server.control().uploads().len(),
        3,
        "three links, each expired"
    );
    assert!(server.control().received_creations().is_empty());
}

#[tokio::test]
async fn files_the_api_would_not_take_are_refused_before_any_request() {
    let server = fake().await;
    let data = tempfile::tempdir().unwrap();
    let footage = tempfile::tempdir().unwrap();
    let engine = engine(data.path(), &server).await;
    let text = video(footage.path(), "notes.txt", 100);
    let empty = video(footage.path(), "empty.mp4", 0);
    let missing = footage.path().join("gone.mp4");
    let folder = footage.path().join("folder.mp4");
    std::fs::create_dir(&folder).unwrap();
    for path in [&text, &empty, &missing, &folder] {
        let refused = engine.create_project(file_spec(path, None)).await;
        assert!(refused.is_err(), "{} was taken", path.display());
    }
    #[cfg(unix)]
    {
        let link = footage.path().join("link.mp4");
        let target = video(footage.path(), "real.mp4", 100);
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let refused = engine
            .create_project(file_spec(&link, None))
            .await
            .unwrap_err();
        assert!(refused.to_string().contains("link"), "{refused}");
    }
    assert_eq!(server.control().api_request_count(), 0);
    assert!(engine.creations().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_cancelled_upload_stops_and_nothing_is_created() {
    let server = fake_faulted(Faults {
        slow_ms: Some(400),
        ..Faults::default()
    })
    .await;
    let Started {
        engine,
        id,
        _folders,
    } = started_from_file(&server, "talk.mp4", 4096).await;
    let cancelled = within(10, engine.cancel_creation(id)).await.unwrap();
    assert_eq!(cancelled.state, CreationState::Cancelled);
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(server.control().received_creations().is_empty());
    let record = engine.creation(id).await.unwrap().unwrap();
    assert_eq!(record.state, CreationState::Cancelled);
}

/// Starts an engine whose creation job is stopped (as a killed app's is) while it waits for
/// its upload ticket, and returns the creation's id.
async fn killed_while_uploading(data: &Path, server: &fake_wayin::FakeServer, path: &Path) -> i64 {
    server.control().set_faults(
        FaultScope::Global,
        Faults {
            slow_ms: Some(1500),
            ..Faults::default()
        },
    );
    let first = engine(data, server).await;
    let id = first.create_project(file_spec(path, None)).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    first.shutdown().await;
    server.control().clear_faults();
    let left = first.creation(id).await.unwrap().unwrap();
    assert_eq!(left.state, CreationState::Uploading);
    id
}

#[tokio::test]
async fn killed_mid_upload_the_next_run_sends_the_file_again_and_makes_one_project() {
    let server = fake().await;
    let data = tempfile::tempdir().unwrap();
    let footage = tempfile::tempdir().unwrap();
    let path = video(footage.path(), "talk.mp4", 200_000);
    let id = killed_while_uploading(data.path(), &server, &path).await;

    let next = engine(data.path(), &server).await;
    let done = within(60, next.wait_creation(id)).await.unwrap();
    assert_eq!(done.state, CreationState::Succeeded, "{done:?}");
    assert_eq!(server.control().received_creations().len(), 1);
}

#[tokio::test]
async fn killed_mid_upload_a_file_changed_since_is_not_sent() {
    let server = fake().await;
    let data = tempfile::tempdir().unwrap();
    let footage = tempfile::tempdir().unwrap();
    let path = video(footage.path(), "talk.mp4", 200_000);
    let id = killed_while_uploading(data.path(), &server, &path).await;
    std::fs::write(&path, b"another take").unwrap();

    let next = engine(data.path(), &server).await;
    let done = within(60, next.wait_creation(id)).await.unwrap();
    assert_eq!(done.state, CreationState::Failed);
    assert_eq!(done.problem, Some(CreationProblem::FileChanged));
    assert!(done.message.unwrap().contains("talk.mp4"));
    assert!(server.control().received_creations().is_empty());
    assert!(server
        .control()
        .uploads()
        .iter()
        .all(|u| u.received.is_none()));
}

#[tokio::test]
async fn a_creation_caught_sending_by_a_killed_app_is_unknown_and_never_sent_again() {
    let server = fake().await;
    let data = tempfile::tempdir().unwrap();
    {
        let store = engine::Store::open(&data.path().join(engine::STORE_FILE)).unwrap();
        let spec = moments(LINK, "goals", None);
        let CreationSpec::Link(request) = spec else {
            unreachable!()
        };
        let new = engine::store::NewCreation {
            kind: request.kind(),
            request: request.to_json(),
            source: engine::CreationSource::Link { url: LINK.into() },
            clip_limit: None,
            project_name: None,
        };
        let id = store.insert_creation(&new, "a killed app").unwrap();
        let (from, to) = (&[CreationState::Ready][..], CreationState::Sending);
        assert!(store
            .move_creation(id, "a killed app", from, to, None)
            .unwrap());
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    let engine = engine(data.path(), &server).await;
    let creation = within(10, async {
        loop {
            let all = engine.creations().await.unwrap();
            if all[0].state != CreationState::Sending {
                return all[0].clone();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    assert_eq!(creation.state, CreationState::Unknown);
    assert_eq!(creation.problem, Some(CreationProblem::AnswerLost));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(server.control().received_creations().is_empty());
}

/// An export of one clip of the fake's podcast, to keep a place among the five busy.
fn export_of_clip(clip: u32) -> wayin_api::ExportRequest {
    wayin_api::ExportRequest::new(PODCAST)
        .unwrap()
        .with_clips([clip])
        .unwrap()
}

/// The API's answers to "how is it going" (exports' and projects' results), not submits.
fn asks(server: &fake_wayin::FakeServer) -> usize {
    let requests = server.control().api_requests();
    requests.iter().filter(|r| r.method == "GET").count()
}

#[tokio::test]
async fn exports_and_projects_being_made_are_asked_inside_one_shared_budget() {
    // Tried: two exports rendering and two projects being made at once, nothing
    // finishing meanwhile, with room for only 6 asks a window (15 a window, 9 kept for
    // people) and no cadence slower than the budget's floor.
    let server = fake_with(|c| c.speed = 0.2).await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut config = engine_config(data.path(), client(&server));
    config.poll.max = config.poll.first;
    config.poll.reserve = 9;
    let engine = Engine::start(config).await.unwrap();
    for clip in 0..2 {
        let export = export_of_clip(clip);
        engine.submit(export, plan(out.path())).await.unwrap();
    }
    for query in ["laughs", "applause"] {
        engine
            .create_project(moments(LINK, query, Some(3)))
            .await
            .unwrap();
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = asks(&server);
    // Two windows of the budget (2 s each, plus its 100 ms margin).
    tokio::time::sleep(Duration::from_millis(4200)).await;
    let asked = asks(&server) - before;

    assert!(
        asked >= 4,
        "the tasks were still being asked about: {asked}"
    );
    assert!(
        asked <= 2 * 6 + 2,
        "{asked} asks in two windows: exports and projects each took the whole share"
    );
    let creations = engine.creations().await.unwrap();
    assert!(creations.iter().all(|c| c.state == CreationState::Running));
}

#[tokio::test]
async fn a_project_waits_while_exports_fill_the_five_places_and_draws_no_429() {
    // Tried: three exports rendering and two projects being made, then a third project.
    let server = fake_with(|config| config.speed = 2.0).await;
    let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let engine = Engine::start(engine_config(data.path(), client(&server)))
        .await
        .unwrap();
    for clip in 0..3 {
        let export = export_of_clip(clip);
        engine.submit(export, plan(out.path())).await.unwrap();
    }
    let mut ids = Vec::new();
    for n in 0..3 {
        let link = format!("{LINK}{n}");
        let id = engine
            .create_project(moments(&link, "goals", None))
            .await
            .unwrap();
        ids.push(id);
        if n < 2 {
            within(20, engine.wait_created(id)).await.unwrap();
        }
    }
    let third = ids[2];
    let waiting = within(30, async {
        loop {
            let record = engine.creation(third).await.unwrap().unwrap();
            if record.note.is_some() || record.state != CreationState::Ready {
                return record;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert_eq!(waiting.state, CreationState::Ready, "{waiting:?}");
    assert!(waiting.note.unwrap().contains("exports"));
    let done = within(120, engine.wait_creation(third)).await.unwrap();
    assert_eq!(done.state, CreationState::Succeeded, "{done:?}");
    let refused = server.control().api_requests();
    assert!(
        refused.iter().all(|r| r.status != 429),
        "{:?}",
        refused
            .iter()
            .filter(|r| r.status == 429)
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn a_sixth_project_waits_here_for_one_of_five_to_finish_and_says_so() {
    // Slow enough (about 12 s a project) that none of the five is done before the sixth is
    // considered, even on a loaded machine.
    let server = fake_with(|config| config.speed = 4.0).await;
    let data = tempfile::tempdir().unwrap();
    let engine = Engine::start(engine_config(data.path(), client(&server)))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for n in 0..6 {
        let link = format!("{LINK}{n}");
        ids.push(
            engine
                .create_project(moments(&link, "goals", None))
                .await
                .unwrap(),
        );
    }
    let sixth = *ids.last().unwrap();
    let waiting = within(30, async {
        loop {
            let record = engine.creation(sixth).await.unwrap().unwrap();
            if record.note.is_some() || record.state.is_settled() {
                return record;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert_eq!(waiting.state, CreationState::Ready, "{waiting:?}");
    assert!(waiting.note.unwrap().contains("five"));
    for id in ids {
        let done = within(120, engine.wait_creation(id)).await.unwrap();
        assert_eq!(done.state, CreationState::Succeeded, "{done:?}");
    }
    assert_eq!(server.control().received_creations().len(), 6);
}

#[tokio::test]
async fn a_cancel_from_another_process_stops_the_upload_and_nothing_is_sent() {
    let server = fake_faulted(Faults {
        slow_ms: Some(800),
        ..Faults::default()
    })
    .await;
    let Started {
        engine,
        id,
        _folders,
    } = started_from_file(&server, "talk.mp4", 200_000).await;

    let elsewhere = engine::Store::open(engine.store_path()).unwrap();
    assert!(
        elsewhere.cancel_creation(id).unwrap(),
        "nothing was sent yet"
    );
    tokio::time::sleep(Duration::from_millis(2000)).await;
    let record = engine.creation(id).await.unwrap().unwrap();
    assert_eq!(record.state, CreationState::Cancelled);
    assert!(server.control().received_creations().is_empty());
    assert!(server
        .control()
        .uploads()
        .iter()
        .all(|u| u.received.is_none()));
}

#[tokio::test]
async fn a_shutdown_while_the_project_is_asked_for_still_records_its_id() {
    let server = fake_faulted(Faults {
        slow_ms: Some(600),
        ..Faults::default()
    })
    .await;
    let data = tempfile::tempdir().unwrap();
    let engine = engine(data.path(), &server).await;
    let id = engine
        .create_project(moments(LINK, "goals", None))
        .await
        .unwrap();
    within(10, async {
        while engine.creation(id).await.unwrap().unwrap().state != CreationState::Sending {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    engine.shutdown().await;
    let record = engine.creation(id).await.unwrap().unwrap();
    assert_eq!(record.state, CreationState::Running, "{record:?}");
    assert!(record.project_id.is_some());
    assert_eq!(server.control().received_creations().len(), 1);
}
