use std::path::Path;
use std::sync::Arc;

use tokio::sync::{broadcast, Notify};
use tokio_util::sync::CancellationToken;
use wayin_api::{ExportRequest, WayinClient};

use crate::config::EngineConfig;
use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::events::{Event, EventHub};
use crate::outcome::ExportOutcome;
use crate::queue::DownloadQueue;
use crate::store::{DownloadId, ExportId, ExportRecord, Store, StoreError};
use crate::submit::DownloadPlan;

/// The store's file name inside the data folder.
pub const STORE_FILE: &str = "exports.sqlite3";

/// The running engine. Cheap to clone; clones drive the same engine.
#[derive(Clone)]
pub struct Engine {
    pub(crate) inner: Arc<EngineCore>,
}

impl Engine {
    /// Opens the store and picks up where the last run stopped: open exports are
    /// followed again and unfinished downloads resume from their `.part` files.
    pub async fn start(config: EngineConfig) -> Result<Self, EngineError> {
        let store_path = config.data_dir.join(STORE_FILE);
        let store = match config.store {
            Some(store) => store,
            None => {
                // Opening may wait on a store another process holds: not on an async worker.
                let path = store_path.clone();
                tokio::task::spawn_blocking(move || Store::open(&path))
                    .await
                    .map_err(|_| StoreError::Stopped)??
            }
        };
        crate::shared_budget::share_budget(&config.client, &store);
        let http = transfer::http_client(config.client.base_url());
        let shutdown = CancellationToken::new();
        let inner = Arc::new(EngineCore {
            store,
            store_path,
            client: std::sync::RwLock::new(config.client),
            http: std::sync::RwLock::new(http),
            events: EventHub::new(),
            poll: config.poll,
            transfer: config.transfer,
            scheduler_wake: Notify::new(),
            queue: DownloadQueue::new(config.concurrency, shutdown.clone(), crate::worker::spawn),
            shutdown,
            submits: tokio_util::task::TaskTracker::new(),
            auto_timelines: std::sync::RwLock::new(Vec::new()),
            timelines_in_flight: std::sync::Mutex::new(std::collections::HashSet::new()),
            owner: crate::lease::owner_name(),
            polls_api: std::sync::atomic::AtomicBool::new(false),
            creation_jobs: std::sync::Mutex::new(std::collections::HashMap::new()),
            creation_send: tokio::sync::Mutex::new(()),
            creation_wake: Notify::new(),
        });
        inner.blocking(crate::recovery::recover_submits).await?;
        tokio::spawn(crate::lease::keep(inner.clone()));
        tokio::spawn(crate::scheduler::run(inner.clone()));
        Ok(Self { inner })
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.inner.events.subscribe()
    }

    /// The history's file: another connection may read it (a test, an offline command),
    /// never through the engine's own, which only the blocking pool uses.
    pub fn store_path(&self) -> &Path {
        &self.inner.store_path
    }

    /// Export `id`'s record, when the history has it.
    pub async fn export(&self, id: ExportId) -> Result<Option<ExportRecord>, EngineError> {
        self.inner
            .blocking(move |inner| Ok(inner.store.export(id)?))
            .await
    }

    /// The export this machine recorded for export task `task_id`, if any.
    pub async fn export_by_task(&self, task_id: &str) -> Result<Option<ExportRecord>, EngineError> {
        let task_id = task_id.to_owned();
        self.inner
            .blocking(move |inner| Ok(inner.store.export_by_task(&task_id)?))
            .await
    }

    /// How many of export `id`'s wanted clips have rendered: a link came for them, or they
    /// were downloaded (a spent link is forgotten).
    pub async fn rendered_clips(&self, id: ExportId) -> Result<usize, EngineError> {
        self.inner
            .blocking(move |inner| {
                let Some(export) = inner.store.export(id)? else {
                    return Ok(0);
                };
                let tally = crate::settling::link_tally(inner, &export)?;
                Ok(tally.wanted - tally.missing.len())
            })
            .await
    }

    /// The client in use now (cheap: clones share the connection pool and budget).
    pub fn client(&self) -> WayinClient {
        self.inner.client()
    }

    /// A new key or API address takes effect for every call from now on, polls and
    /// link renewals included; nothing in flight is lost.
    pub fn replace_client(&self, client: WayinClient) {
        crate::shared_budget::share_budget(&client, &self.inner.store);
        if client.base_url() != self.inner.client().base_url() {
            // Which hosts a link may name depends on the API's address.
            *self.inner.http.write().unwrap_or_else(|p| p.into_inner()) =
                transfer::http_client(client.base_url());
        }
        *self.inner.client.write().unwrap_or_else(|p| p.into_inner()) = client;
    }

    /// Records the export, sends it, and follows it until its clips are on disk.
    pub async fn submit(
        &self,
        request: ExportRequest,
        plan: DownloadPlan,
    ) -> Result<ExportId, EngineError> {
        crate::submit::submit(&self.inner, request, plan).await
    }

    /// Follows an export task submitted anywhere (another machine, the web, curl)
    /// and downloads its clips.
    pub async fn attach(
        &self,
        export_task_id: &str,
        plan: DownloadPlan,
    ) -> Result<ExportId, EngineError> {
        crate::submit::attach(&self.inner, export_task_id, plan).await
    }

    /// Resolves once rendering is over and every wanted clip is on disk, failed or
    /// cancelled.
    pub async fn wait_export(&self, id: ExportId) -> Result<ExportOutcome, EngineError> {
        crate::settling::wait(&self.inner, id).await
    }

    pub async fn export_outcome(&self, id: ExportId) -> Result<ExportOutcome, EngineError> {
        self.inner
            .blocking(move |inner| {
                crate::settling::current(inner, id)?
                    .ok_or_else(|| EngineError::NotFound(format!("Export {id}")))
            })
            .await
    }

    /// Every export's outcome, newest first.
    pub async fn export_outcomes(&self) -> Result<Vec<ExportOutcome>, EngineError> {
        self.inner
            .blocking(|inner| {
                let mut outcomes = Vec::new();
                for export in inner.store.exports()? {
                    outcomes.extend(crate::settling::current(inner, export.id)?);
                }
                Ok(outcomes)
            })
            .await
    }

    /// History, newest first.
    pub async fn exports(&self) -> Result<Vec<ExportRecord>, EngineError> {
        self.inner
            .blocking(|inner| Ok(inner.store.exports()?))
            .await
    }

    /// Stops a download; its `.part` stays so it can resume later.
    pub async fn cancel_download(&self, id: DownloadId) -> Result<(), EngineError> {
        self.inner
            .blocking(move |inner| crate::worker::cancel(inner, id))
            .await
    }

    /// Starts a failed or cancelled download again, from where it stopped.
    pub async fn retry_download(&self, id: DownloadId) -> Result<(), EngineError> {
        self.inner
            .blocking(move |inner| crate::worker::retry(inner, id))
            .await
    }

    pub fn set_concurrency(&self, downloads_at_once: usize) {
        self.inner.queue.set_limit(&self.inner, downloads_at_once);
    }

    pub fn concurrency(&self) -> usize {
        self.inner.queue.limit()
    }

    /// Stops polling and downloads, leaving everything resumable by the next start.
    pub async fn shutdown(&self) {
        self.inner.shutdown.cancel();
        // A paid request on its way is let finish, so its task id is recorded.
        self.inner.submits.close();
        self.inner.submits.wait().await;
        self.inner.queue.wait_idle().await;
        // Given up before the process exits, not left to go stale.
        crate::lease::release(&self.inner).await;
    }

    /// Whether this engine asks the API about open exports (it holds the key's polling
    /// lease) or follows what another process on the data folder records.
    pub fn polls_api(&self) -> bool {
        self.inner
            .polls_api
            .load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Engine {
    /// Writes `formats` for the export's finished clips into its download folder and records
    /// them. A format whose recorded file still holds exactly what would be written is not
    /// written again. Reads and writes files: call it off the async workers.
    pub fn write_export_timelines(
        &self,
        export_id: ExportId,
        formats: &[crate::timelines::TimelineFormat],
    ) -> Result<Vec<crate::timelines::WrittenTimeline>, EngineError> {
        Ok(crate::timelines::write_export_timelines(
            &self.inner.store,
            export_id,
            formats,
            None,
        )?)
    }

    /// The formats written automatically once an export's clips are all on disk; none stops it.
    pub fn set_auto_timelines(&self, formats: Vec<crate::timelines::TimelineFormat>) {
        *self
            .inner
            .auto_timelines
            .write()
            .unwrap_or_else(|p| p.into_inner()) = formats;
    }
}
