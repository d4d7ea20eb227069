//! The state an engine's tasks share: its store, client, events, queue and settings. Every
//! part of the job model takes it; it imports none of them.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use transfer::TransferOptions;
use wayin_api::{FetchClient, WayinClient};

use crate::config::PollConfig;
use crate::error::EngineError;
use crate::events::EventHub;
use crate::queue::DownloadQueue;
use crate::store::{CreationId, ExportId, Store, StoreError};

pub(crate) struct EngineCore {
    pub store: Store,
    pub(crate) store_path: PathBuf,
    pub(crate) client: std::sync::RwLock<WayinClient>,
    /// For export links; its guard follows the client's API address.
    pub(crate) http: std::sync::RwLock<FetchClient>,
    pub events: EventHub,
    pub poll: PollConfig,
    pub transfer: TransferOptions,
    /// Wakes the scheduler: a task was submitted or created, or the lease changed hands.
    pub scheduler_wake: Notify,
    pub queue: DownloadQueue<EngineCore>,
    pub shutdown: CancellationToken,
    /// Submits in flight: shutdown waits for their answers to be recorded.
    pub submits: tokio_util::task::TaskTracker,
    /// Timeline formats written once an export's clips are all on disk; changeable while running.
    pub auto_timelines: std::sync::RwLock<Vec<crate::timelines::TimelineFormat>>,
    /// This run's name in the polling lease.
    pub owner: String,
    /// Whether this engine holds the lease, and so asks the API about open exports.
    pub polls_api: std::sync::atomic::AtomicBool,
    /// Project creations whose job runs in this engine, each with what stops it.
    pub creation_jobs: std::sync::Mutex<std::collections::HashMap<CreationId, CancellationToken>>,
    /// Held from counting the projects and exports being processed to recording the answer:
    /// two jobs of this engine never both take the fifth place.
    pub creation_send: tokio::sync::Mutex<()>,
    /// Wakes creation jobs waiting for one of the five places: a job ended.
    pub creation_wake: Notify,
    /// Exports whose timelines are being written automatically right now.
    pub timelines_in_flight: std::sync::Mutex<std::collections::HashSet<ExportId>>,
}

impl EngineCore {
    pub fn client(&self) -> WayinClient {
        self.client
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn http(&self) -> FetchClient {
        self.http.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Runs `job` (store work, and what it announces) on the blocking pool: a store that
    /// another process holds locked keeps a blocking thread waiting, never an async
    /// worker, so polls, transfers and the app's other commands go on meanwhile.
    pub async fn blocking<T: Send + 'static>(
        self: &Arc<Self>,
        job: impl FnOnce(&Arc<EngineCore>) -> Result<T, EngineError> + Send + 'static,
    ) -> Result<T, EngineError> {
        let inner = self.clone();
        match tokio::task::spawn_blocking(move || job(&inner)).await {
            Ok(answer) => answer,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(_) => Err(StoreError::Stopped.into()),
        }
    }
}
