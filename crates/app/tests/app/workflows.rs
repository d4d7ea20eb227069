use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use app::desktop::{BoxFuture, Desktop};
use app::{AppError, ErrorKind, NewProject, VideoChoice};
use wayin_api::ApiKey;

use crate::support::Live;

/// A desktop whose file picker gives `picked`, and which writes down what it was asked.
#[derive(Default)]
struct Recorder {
    picked: Option<PathBuf>,
    asked: Mutex<Vec<String>>,
}

impl Recorder {
    fn asked(&self) -> Vec<String> {
        self.asked.lock().unwrap().clone()
    }
    fn note(&self, what: String) {
        self.asked.lock().unwrap().push(what);
    }
}

impl Desktop for Recorder {
    fn reveal(&self, path: &Path) -> Result<(), String> {
        self.note(format!("reveal {}", path.display()));
        Ok(())
    }
    fn open(&self, path: &Path) -> Result<(), String> {
        self.note(format!("open {}", path.display()));
        Ok(())
    }
    fn open_web_page(&self, url: &str) -> Result<(), String> {
        self.note(format!("open web page {url}"));
        Ok(())
    }
    fn drag(&self, window_label: &str, paths: &[PathBuf]) -> BoxFuture<Result<(), String>> {
        self.note(format!("drag {window_label} {}", paths.len()));
        Box::pin(async { Ok(()) })
    }
    fn notify(&self, title: &str, _body: &str) {
        self.note(format!("notify {title}"));
    }
    fn choose_folder(&self, _start: Option<&Path>) -> BoxFuture<Option<PathBuf>> {
        self.note("choose folder".into());
        Box::pin(async { None })
    }
    fn choose_video(&self, _start: Option<&Path>) -> BoxFuture<Option<PathBuf>> {
        self.note("choose video".into());
        let picked = self.picked.clone();
        Box::pin(async move { picked })
    }
}

async fn with_key_and(desktop: Recorder) -> (Live, Arc<Recorder>) {
    let live = Live::start().await;
    let desktop = Arc::new(desktop);
    live.state.install_desktop(desktop.clone());
    let key = ApiKey::new(live.server.api_key()).unwrap();
    live.state
        .current()
        .save_key(key, true, false)
        .await
        .unwrap();
    (live, desktop)
}

#[tokio::test]
async fn a_wrong_form_is_refused_before_the_file_picker_opens_and_a_closed_picker_sends_nothing() {
    // Tried: an empty Find Moments query, then a good form whose picker is closed.
    let (live, desktop) = with_key_and(Recorder::default()).await;
    let mode = live.state.current();
    let wrong = NewProject {
        moments: Some("  ".into()),
        ..NewProject::default()
    };
    let refused = mode
        .start_creation(wrong, VideoChoice::AskForFile)
        .await
        .unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::InvalidRequest, "{refused}");
    assert!(desktop.asked().is_empty(), "{:?}", desktop.asked());

    let started = mode
        .start_creation(NewProject::default(), VideoChoice::AskForFile)
        .await
        .unwrap();
    assert!(started.is_none());
    assert_eq!(desktop.asked(), ["choose video"]);
    assert!(live.server.control().received_creations().is_empty());
    assert!(live.server.control().uploads().is_empty());
}

#[tokio::test]
async fn a_drop_that_never_came_is_refused_and_a_link_starts_a_project() {
    let (live, desktop) = with_key_and(Recorder::default()).await;
    let mode = live.state.current();
    let no_drop = mode
        .start_creation(NewProject::default(), VideoChoice::Dropped(None))
        .await
        .unwrap_err();
    assert!(matches!(no_drop, AppError::InvalidRequest(_)), "{no_drop}");

    let link = NewProject {
        source: "https://www.youtube.com/watch?v=talk".into(),
        ..NewProject::default()
    };
    let started = mode
        .start_creation(link, VideoChoice::Link)
        .await
        .unwrap()
        .expect("a creation is recorded");
    assert_eq!(started.kind, wayin_api::TaskKind::AiClipping);
    assert!(desktop.asked().is_empty(), "a link needs no picker");
    let engine = mode.engine().await.unwrap();
    let created = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        engine.wait_created(started.id),
    )
    .await
    .expect("the project is created in time")
    .unwrap();
    assert!(created.project_id.is_some(), "{created:?}");
    let sent = live.server.control().received_creations();
    assert_eq!(sent.len(), 1, "{sent:?}");
}

#[tokio::test]
async fn selects_are_refused_for_a_project_not_opened_and_write_nothing() {
    let (live, desktop) = with_key_and(Recorder {
        picked: Some(PathBuf::from("/nowhere/source.mp4")),
        ..Recorder::default()
    })
    .await;
    let mode = live.state.current();
    let refused = mode
        .write_selects("proj_demo_podcast", None)
        .await
        .err()
        .expect("refused");
    assert_eq!(refused.kind(), ErrorKind::NotFound, "{refused}");
    assert!(desktop.asked().is_empty(), "{:?}", desktop.asked());
    let folder = mode.settings().await.unwrap().download_dir;
    assert!(!folder.exists() || std::fs::read_dir(&folder).unwrap().next().is_none());
}

#[tokio::test]
async fn dragging_the_clips_of_an_export_with_none_on_disk_says_so_and_drags_nothing() {
    let (live, desktop) = with_key_and(Recorder::default()).await;
    let mode = live.state.current();
    let refused = mode.drag_finished_clips("main", 4242).await.unwrap_err();
    assert!(
        matches!(
            refused.kind(),
            ErrorKind::NotFound | ErrorKind::NotFoundDownload
        ),
        "{refused}"
    );
    let unknown_format = app::timeline_format("aaf").unwrap_err();
    assert_eq!(unknown_format.kind(), ErrorKind::InvalidRequest);
    assert!(desktop.asked().is_empty(), "{:?}", desktop.asked());
    drop(live);
}
