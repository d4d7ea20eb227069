//! The app on Tauri's mock runtime against the fake API, with a desktop that
//! records what it was asked instead of opening anything.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use app::{KeySource, SecretStore, StateConfig};
use fake_wayin::{FakeConfig, FakeServer};
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};
use wayin_api::{ApiKey, BaseUrl};
use wayin_clip_exporter::desktop::{BoxFuture, Desktop};
use wayin_clip_exporter::{build_app, context, AppState};
use wayin_keychain::KeychainError;

pub const PODCAST: &str = "proj_demo_podcast";
pub const MOMENTS: &str = "prj_demo_moments";

/// What the commands asked of the desktop.
#[derive(Debug, Clone, PartialEq)]
pub enum Asked {
    Reveal(PathBuf),
    Open(PathBuf),
    OpenWebPage(String),
    Drag(String, Vec<PathBuf>),
    Notify(String, String),
    ChooseFolder(Option<PathBuf>),
    ChooseVideo(Option<PathBuf>),
}

#[derive(Default)]
pub struct Recorder {
    pub asked: Mutex<Vec<Asked>>,
    /// What the folder picker answers.
    pub folder: Mutex<Option<PathBuf>>,
    /// What the video picker answers.
    pub video: Mutex<Option<PathBuf>>,
    /// Set: "show in folder" fails, as on a desktop without a file manager (it is still recorded).
    pub reveal_fails: Mutex<Option<String>>,
}

impl Recorder {
    pub fn asked(&self) -> Vec<Asked> {
        self.asked.lock().unwrap().clone()
    }

    fn record(&self, asked: Asked) {
        self.asked.lock().unwrap().push(asked);
    }
}

impl Desktop for Recorder {
    fn reveal(&self, path: &Path) -> Result<(), String> {
        self.record(Asked::Reveal(path.to_path_buf()));
        match self.reveal_fails.lock().unwrap().clone() {
            Some(why) => Err(why),
            None => Ok(()),
        }
    }

    fn open(&self, path: &Path) -> Result<(), String> {
        self.record(Asked::Open(path.to_path_buf()));
        Ok(())
    }

    fn open_web_page(&self, url: &str) -> Result<(), String> {
        self.record(Asked::OpenWebPage(url.into()));
        Ok(())
    }

    fn drag(&self, window_label: &str, paths: &[PathBuf]) -> BoxFuture<Result<(), String>> {
        self.record(Asked::Drag(window_label.into(), paths.to_vec()));
        Box::pin(async { Ok(()) })
    }

    fn notify(&self, title: &str, body: &str) {
        self.record(Asked::Notify(title.into(), body.into()));
    }

    fn choose_folder(&self, start: Option<&Path>) -> BoxFuture<Option<PathBuf>> {
        self.record(Asked::ChooseFolder(start.map(Path::to_path_buf)));
        let answer = self.folder.lock().unwrap().clone();
        Box::pin(async move { answer })
    }

    fn choose_video(&self, start: Option<&Path>) -> BoxFuture<Option<PathBuf>> {
        self.record(Asked::ChooseVideo(start.map(Path::to_path_buf)));
        let answer = self.video.lock().unwrap().clone();
        Box::pin(async move { answer })
    }
}

/// A keychain in memory, one key per API origin as the real one keeps them, so
/// key tests run without a Secret Service.
#[derive(Default)]
pub struct MemoryKeychain {
    keys: Mutex<HashMap<String, String>>,
}

impl MemoryKeychain {
    pub fn holding(origin: &str, key: &str) -> Self {
        let store = Self::default();
        store.save(origin, key).unwrap();
        store
    }

    /// What is stored for `origin`.
    pub fn key_for(&self, origin: &str) -> Option<String> {
        self.keys.lock().unwrap().get(origin).cloned()
    }

    pub fn origins(&self) -> Vec<String> {
        let mut origins: Vec<_> = self.keys.lock().unwrap().keys().cloned().collect();
        origins.sort();
        origins
    }
}

impl SecretStore for MemoryKeychain {
    fn load(&self, origin: &str) -> Result<Option<String>, KeychainError> {
        Ok(self.key_for(origin))
    }

    fn save(&self, origin: &str, secret: &str) -> Result<(), KeychainError> {
        self.keys
            .lock()
            .unwrap()
            .insert(origin.to_string(), secret.to_string());
        Ok(())
    }

    fn delete(&self, origin: &str) -> Result<bool, KeychainError> {
        Ok(self.keys.lock().unwrap().remove(origin).is_some())
    }
}

/// The origin the app's key is bound to when it talks to `server`.
pub fn origin_of(server: &FakeServer) -> String {
    BaseUrl::parse(&server.base_url()).unwrap().origin()
}

pub struct TestApp {
    pub app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
    pub state: AppState,
    pub desktop: Arc<Recorder>,
}

impl TestApp {
    pub fn new(state: AppState, desktop: Arc<Recorder>) -> Self {
        let app = build_app(mock_builder(), state.clone())
            .build(context())
            .expect("the app builds on the mock runtime");
        let window = window(&app, "main");
        Self {
            app,
            window,
            state,
            desktop,
        }
    }

    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.window, cmd, args)
    }

    /// The command's answer, or a panic naming its error.
    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args)
            .unwrap_or_else(|err| panic!("{cmd} failed: {err}"))
    }

    /// The command's `{kind, message}` error.
    pub fn err(&self, cmd: &str, args: Value) -> Value {
        match self.invoke(cmd, args) {
            Ok(value) => panic!("{cmd} succeeded with {value}"),
            Err(err) => err,
        }
    }
}

impl Drop for TestApp {
    /// The mock app keeps its state alive past the test: demo folders go now.
    fn drop(&mut self) {
        self.state.remove_demo_files();
    }
}

pub fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, label, Default::default())
        .build()
        .expect("a mock window")
}

pub fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: if cfg!(windows) {
            "http://tauri.localhost"
        } else {
            "tauri://localhost"
        }
        .parse()
        .unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().expect("JSON body"))
}

/// A fake API on the app's own runtime (where the commands run), rendering 200
/// times faster than the real service.
pub fn fake() -> FakeServer {
    fake_with(|_| {})
}

pub fn fake_with(adjust: impl FnOnce(&mut FakeConfig)) -> FakeServer {
    let mut config = FakeConfig {
        speed: 200.0,
        ..FakeConfig::default()
    };
    adjust(&mut config);
    tauri::async_runtime::block_on(FakeServer::start(config)).expect("fake API starts")
}

/// Folders of one live-mode app: data (the store), cache and downloads.
pub struct Dirs {
    pub root: tempfile::TempDir,
}

impl Dirs {
    pub fn new() -> Self {
        Self {
            root: tempfile::tempdir().unwrap(),
        }
    }

    pub fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }

    pub fn cache(&self) -> PathBuf {
        self.root.path().join("cache")
    }

    /// With a space and non-ASCII letters, as real folders have.
    pub fn downloads(&self) -> PathBuf {
        self.root.path().join("Vidéos clés").join("Wayin Clips")
    }
}

/// Live mode against `server`'s address, with `key` (if any) from `source`.
pub fn live_config(
    server: &FakeServer,
    dirs: &Dirs,
    key: Option<(&str, KeySource)>,
    secrets: Option<Arc<dyn SecretStore>>,
    desktop: Arc<Recorder>,
) -> StateConfig {
    StateConfig {
        data_dir: dirs.data(),
        cache_dir: dirs.cache(),
        default_download_dir: dirs.downloads(),
        secrets,
        initial_key: key.map(|(k, source)| (ApiKey::new(k).unwrap(), source)),
        env_api_base: Some(BaseUrl::parse(&server.base_url()).unwrap()),
        demo: None,
        desktop: Some(desktop),
    }
}

pub fn live_app(server: &FakeServer, dirs: &Dirs) -> TestApp {
    let desktop = Arc::new(Recorder::default());
    let config = live_config(
        server,
        dirs,
        Some((server.api_key(), KeySource::Env)),
        None,
        desktop.clone(),
    );
    TestApp::new(AppState::open(config).unwrap(), desktop)
}

/// Demo mode as `--demo` starts it, but on a faster fake.
pub fn demo_app() -> TestApp {
    let desktop = Arc::new(Recorder::default());
    let mut config = app::launch::demo_config(fake()).unwrap();
    config.desktop = Some(desktop.clone());
    TestApp::new(AppState::open(config).unwrap(), desktop)
}
