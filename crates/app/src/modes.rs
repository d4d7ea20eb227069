//! What the app holds for its whole run: the key (read once, cached), the
//! engine (started once a key exists), the settings store, the projects opened
//! in this run, and the desktop it talks to. Cheap to clone: clones share it all.
//!
//! The app has two modes, the real API and the demo, each with all of the above of
//! its own. It starts in one and can switch to the other and back while it runs
//! ("Try the demo"); the mode left keeps running (a real export goes on downloading
//! while the demo is shown) and the real key is never touched by the demo.
//!
//! A command resolves the mode once, when it starts ([`AppState::current`]), and works on
//! that [`ModeState`] to its end: a switch landing while it waits (a slow key check, a
//! store held by another process) cannot hand the demo's half of its work to the real
//! API or the real key to the demo. Switching, changing the key and starting or
//! stopping an engine take one lock, so none of them sees another half done.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock};

use fake_wayin::FakeServer;
use wayin_api::{ApiKey, BaseUrl};

use crate::desktop::Desktop;
use crate::key_slot::KeySource;
use crate::mode_data::ModeData;
use crate::secret_store::SecretStore;
use crate::AppError;

/// Demo mode's fake API and the throw-away folder that holds its store,
/// downloads and thumbnails. Held so both live exactly as long as the app.
pub struct Demo {
    pub server: FakeServer,
    pub dir: tempfile::TempDir,
}

/// Everything the state is built from; `startup` fills it from the environment,
/// tests from temp folders and the fake API.
pub struct StateConfig {
    pub data_dir: PathBuf,
    pub cache_dir: PathBuf,
    pub default_download_dir: PathBuf,
    /// `None` in demo mode: the real keychain is never read or written there.
    /// Only the entry of the API's own origin is ever read or written.
    pub secrets: Option<Arc<dyn SecretStore>>,
    /// A key already found (`WAYIN_API_KEY`, or read while deciding on demo mode);
    /// otherwise `secrets` is read once.
    pub initial_key: Option<(ApiKey, KeySource)>,
    /// `WAYIN_API_BASE`; the page cannot change the address.
    pub env_api_base: Option<BaseUrl>,
    pub demo: Option<Demo>,
    /// `None`: the real desktop, installed once the app is built.
    pub desktop: Option<Arc<dyn Desktop>>,
}

#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Modes>);

/// Which mode's state is shown: each is built once, the first time it is needed.
pub(crate) struct Modes {
    live: OnceLock<Arc<ModeData>>,
    demo: OnceLock<Arc<ModeData>>,
    in_demo: AtomicBool,
    /// The app's, whichever mode is shown.
    desktop: RwLock<Option<Arc<dyn Desktop>>>,
    /// The release server, once the window's shell provides it.
    pub(crate) updates: RwLock<Option<Arc<dyn crate::updates::UpdateSource>>>,
    /// Held by a switch, a key change and an engine start or stop, each one step.
    pub(crate) transition: tokio::sync::Mutex<()>,
}

/// One mode's state as a command sees it: resolved once, when the command starts, and
/// the same to its end whatever the window switches to meanwhile. Cheap to clone.
#[derive(Clone)]
pub struct ModeState {
    pub(crate) app: AppState,
    pub(crate) mode: Mode,
    pub(crate) data: Arc<ModeData>,
}

/// The two modes the app can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Live,
    Demo,
}

impl Mode {
    /// The mode's name in the URLs the page is given: each mode numbers its downloads on
    /// its own, so a URL says whose download it means.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Live => "live",
            Mode::Demo => "demo",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        [Mode::Live, Mode::Demo]
            .into_iter()
            .find(|mode| mode.name() == name)
    }
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every critical section here is a plain assignment or lookup: a panic inside
    // one cannot leave the value half-changed.
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl AppState {
    /// Opens the settings store and reads the key (once), in demo mode when the config
    /// has a demo. The engine starts later, in [`AppState::ensure_engine`], on the async
    /// runtime.
    pub fn open(mut config: StateConfig) -> Result<Self, AppError> {
        let desktop = config.desktop.take();
        let mode = if config.demo.is_some() {
            Mode::Demo
        } else {
            Mode::Live
        };
        let state = Self(Arc::new(Modes {
            live: OnceLock::new(),
            demo: OnceLock::new(),
            in_demo: AtomicBool::new(mode == Mode::Demo),
            desktop: RwLock::new(desktop),
            updates: RwLock::new(None),
            transition: tokio::sync::Mutex::new(()),
        }));
        state.add_mode(config)?;
        Ok(state)
    }

    /// Builds the other mode's state from `config` (a demo config makes the demo), unless it
    /// exists already; the mode shown does not change.
    pub fn add_mode(&self, config: StateConfig) -> Result<(), AppError> {
        let slot = if config.demo.is_some() {
            &self.0.demo
        } else {
            &self.0.live
        };
        if slot.get().is_none() {
            // Two callers racing here both build; the second's state is dropped unused.
            let _ = slot.set(Arc::new(ModeData::open(config)?));
        }
        Ok(())
    }

    pub fn has_mode(&self, mode: Mode) -> bool {
        self.slot(mode).get().is_some()
    }

    /// Shows `mode` from now on, building it from `build` the first time, and starts its
    /// engine when it has a key: one step, which no key change or engine start interleaves.
    pub async fn switch<F>(&self, mode: Mode, build: F) -> Result<ModeState, AppError>
    where
        F: std::future::Future<Output = Result<StateConfig, AppError>>,
    {
        let held = self.0.transition.lock().await;
        if !self.has_mode(mode) {
            self.add_mode(build.await?)?;
        }
        self.0.in_demo.store(mode == Mode::Demo, Ordering::SeqCst);
        let shown = self.in_mode(mode).expect("the mode was just built");
        shown.start_engine_holding(&held).await?;
        Ok(shown)
    }

    pub fn mode(&self) -> Mode {
        if self.0.in_demo.load(Ordering::SeqCst) {
            Mode::Demo
        } else {
            Mode::Live
        }
    }

    fn slot(&self, mode: Mode) -> &OnceLock<Arc<ModeData>> {
        match mode {
            Mode::Live => &self.0.live,
            Mode::Demo => &self.0.demo,
        }
    }

    /// The mode shown, as a command works on it from start to end.
    pub fn current(&self) -> ModeState {
        // `open` builds the mode it starts in, and `switch` only shows a built one.
        self.in_mode(self.mode())
            .expect("the mode shown has been built")
    }

    /// `mode`'s state, when it has been built.
    pub fn in_mode(&self, mode: Mode) -> Option<ModeState> {
        self.slot(mode).get().map(|data| ModeState {
            app: self.clone(),
            mode,
            data: data.clone(),
        })
    }

    /// Every mode's state built so far.
    pub(crate) fn all_modes(&self) -> impl Iterator<Item = &ModeData> {
        [self.0.live.get(), self.0.demo.get()]
            .into_iter()
            .flatten()
            .map(|data| data.as_ref())
    }
}

impl ModeState {
    pub(crate) fn shared(&self) -> &ModeData {
        &self.data
    }

    /// Which mode this is.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn desktop(&self) -> Result<Arc<dyn Desktop>, AppError> {
        self.app.desktop()
    }
}

impl AppState {
    /// The demo's temp folder; the process exits without running destructors.
    pub fn remove_demo_files(&self) {
        for demo in self.all_modes().filter_map(|mode| mode.demo.as_ref()) {
            let _ = std::fs::remove_dir_all(demo.dir.path());
        }
    }

    // ---- desktop ----

    pub fn desktop(&self) -> Result<Arc<dyn Desktop>, AppError> {
        self.0
            .desktop
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| AppError::Internal("the desktop is not ready yet".into()))
    }

    /// Installs the real desktop once the app exists, unless one was given.
    pub fn install_desktop(&self, desktop: Arc<dyn Desktop>) {
        let mut slot = self.0.desktop.write().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            *slot = Some(desktop);
        }
    }
}
