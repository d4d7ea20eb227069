//! A fake API, a client sized to it, and an engine with quick timings.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use engine::{DownloadPlan, Engine, EngineConfig, PollConfig};
use fake_wayin::{FakeConfig, FakeServer};
use transfer::TransferOptions;
use wayin_api::{ApiKey, BaseUrl, Budget, BudgetConfig, ClientConfig, RetryPolicy, WayinClient};

pub const PODCAST: &str = "proj_demo_podcast";

pub async fn fake() -> FakeServer {
    fake_with(|_| {}).await
}

pub async fn fake_with(adjust: impl FnOnce(&mut FakeConfig)) -> FakeServer {
    let mut config = FakeConfig {
        speed: 200.0,
        rate_limit: 15,
        rate_window: Duration::from_secs(2),
        ..FakeConfig::default()
    };
    adjust(&mut config);
    FakeServer::start(config).await.expect("fake API starts")
}

pub fn client(server: &FakeServer) -> WayinClient {
    client_with(server, |_| {})
}

pub fn client_with(server: &FakeServer, adjust: impl FnOnce(&mut ClientConfig)) -> WayinClient {
    let mut config = ClientConfig::new(
        BaseUrl::parse(&server.base_url()).unwrap(),
        ApiKey::new(server.api_key()).unwrap(),
    );
    config.budget = Budget::new(BudgetConfig {
        requests: 15,
        window: Duration::from_secs(2),
        margin: Duration::from_millis(100),
    });
    config.retry = RetryPolicy::vendor_scaled(20);
    adjust(&mut config);
    WayinClient::new(config).unwrap()
}

pub fn engine_config(data_dir: &Path, client: WayinClient) -> EngineConfig {
    let mut config = EngineConfig::new(data_dir.to_path_buf(), client);
    config.poll = PollConfig {
        first: Duration::from_millis(100),
        max: Duration::from_millis(400),
        backoff: 1.5,
        link_grace: Duration::from_secs(3),
        reserve: 3,
        lease_heartbeat: Duration::from_millis(100),
        lease_stale: Duration::from_millis(600),
    };
    config.transfer = TransferOptions {
        backoff: vec![Duration::from_millis(50), Duration::from_millis(100)],
        ..TransferOptions::default()
    };
    config
}

pub async fn engine(data_dir: &Path, server: &FakeServer) -> Engine {
    Engine::start(engine_config(data_dir, client(server)))
        .await
        .unwrap()
}

pub fn plan(out_dir: &Path) -> DownloadPlan {
    DownloadPlan {
        out_dir: out_dir.to_path_buf(),
        name_template: engine::naming::DEFAULT_TEMPLATE.to_owned(),
        project_name: Some("Podcast".into()),
        clips: None,
    }
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(&next).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// Fails when `needle` appears in any file under `dir` (the store, its WAL, logs).
pub fn assert_absent_from_files(dir: &Path, needle: &str) {
    for file in files_under(dir) {
        let bytes = std::fs::read(&file).unwrap();
        let found = bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        assert!(!found, "{} contains the secret", file.display());
    }
}

pub async fn within<T>(seconds: u64, future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(seconds), future)
        .await
        .expect("finished in time")
}

/// Exports every clip of a new project with these titles into `out`, named by title
/// alone; checks the export completes, every file stays in `out` and holds its clip's
/// bytes. Returns the files' names, in clip order.
pub async fn export_titled(server: &FakeServer, titles: &[&str], out: &Path) -> Vec<String> {
    let project = format!("proj_titled_{}", titles.len());
    server.control().add_titled_project(&project, titles, 2048);
    let data = tempfile::tempdir().unwrap();
    let engine = engine(data.path(), server).await;
    let mut plan = plan(out);
    plan.name_template = "{title}.mp4".into();
    let request = wayin_api::ExportRequest::new(&project).unwrap();
    let id = engine.submit(request, plan).await.unwrap();
    let outcome = within(60, engine.wait_export(id)).await.unwrap();
    assert!(
        outcome.complete,
        "{:?} {:?}",
        outcome.problem, outcome.downloads
    );
    let mut names = Vec::new();
    for download in &outcome.downloads {
        assert_eq!(download.path.parent(), Some(out), "{download:?}");
        let expected = server.control().clip_file(&project, download.idx).unwrap();
        assert_eq!(
            std::fs::read(&download.path).unwrap(),
            expected,
            "{download:?}"
        );
        names.push(
            download
                .path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned(),
        );
    }
    names
}

/// Another connection to the engine's history, as a second process reads it.
pub fn store_of(engine: &Engine) -> engine::Store {
    engine::Store::open(engine.store_path()).expect("the history opens")
}
