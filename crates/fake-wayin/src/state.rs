use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use crate::catalog::{Catalog, Project};
use crate::clock::now_epoch_ms;
use crate::config::FakeConfig;
use crate::creations::CreationBook;
use crate::faults::{FaultBook, Faults};
use crate::journal::Journal;
use crate::links::LinkSigner;
use crate::rate_limit::RateLimiter;
use crate::tasks::TaskBook;
use crate::uploads::UploadBook;

/// Everything the routes and the [`crate::Control`] handle share.
pub(crate) struct AppState {
    pub config: FakeConfig,
    /// `http://127.0.0.1:PORT`, the base of every link the server hands out.
    pub origin: String,
    pub signer: LinkSigner,
    /// Reported as the projects' own `expire_at`; far enough away never to matter in a run.
    pub projects_expire_at_ms: u64,
    pub catalog: RwLock<Catalog>,
    pub tasks: Mutex<TaskBook>,
    pub creations: Mutex<CreationBook>,
    pub uploads: Mutex<UploadBook>,
    pub faults: Mutex<FaultBook>,
    pub rate_limiter: Mutex<RateLimiter>,
    pub journal: Mutex<Journal>,
}

pub(crate) type SharedState = Arc<AppState>;

impl AppState {
    pub(crate) fn new(config: FakeConfig, origin: String) -> AppState {
        let rate_limiter = RateLimiter::new(config.rate_limit, config.rate_window);
        let projects_expire_at_ms = now_epoch_ms() + 30 * 24 * 60 * 60 * 1000;
        AppState {
            config,
            origin,
            signer: LinkSigner::new(),
            projects_expire_at_ms,
            catalog: RwLock::new(Catalog::with_demo_projects()),
            tasks: Mutex::new(TaskBook::default()),
            creations: Mutex::new(CreationBook::default()),
            uploads: Mutex::new(UploadBook::default()),
            faults: Mutex::new(FaultBook::default()),
            rate_limiter: Mutex::new(rate_limiter),
            journal: Mutex::new(Journal::default()),
        }
    }

    pub(crate) fn project(&self, project_id: &str) -> Option<Arc<Project>> {
        self.catalog
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(project_id)
    }

    pub(crate) fn link_ttl(&self, faults: &Faults) -> Duration {
        faults
            .link_ttl_ms
            .map(Duration::from_millis)
            .unwrap_or(self.config.link_ttl)
    }

    /// Back to a fresh server: faults, logs, tasks, creations, uploads and rate windows go;
    /// projects stay.
    pub(crate) fn reset(&self) {
        lock(&self.faults).clear();
        *lock(&self.journal) = Journal::default();
        lock(&self.tasks).clear();
        lock(&self.creations).clear();
        lock(&self.uploads).clear();
        lock(&self.rate_limiter).clear();
    }
}

/// Locks a mutex, carrying on past a panic in another request: the fake's state stays usable for
/// the rest of a test run even if one handler panicked.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
