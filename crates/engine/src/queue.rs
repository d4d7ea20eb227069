//! Downloads at once, bounded and changeable while running. A download waits here
//! until a slot frees; each running one has its own cancellation token, a child of
//! the engine's shutdown token.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::settings::clamp_concurrency;
use crate::store::DownloadId;

/// `C` is what a download runs with (the engine's shared state); the queue only hands it
/// to `start`, so it imports nothing that runs a download.
pub(crate) struct DownloadQueue<C> {
    state: Mutex<QueueState>,
    idle: Notify,
    /// Once cancelled, nothing more starts.
    shutdown: CancellationToken,
    /// Starts one download with its own token (a child of `shutdown`).
    start: fn(Arc<C>, DownloadId, CancellationToken),
}

struct QueueState {
    limit: usize,
    waiting: VecDeque<DownloadId>,
    running: HashMap<DownloadId, CancellationToken>,
    /// Asked to run again while a cancelled run is still winding down.
    again: std::collections::HashSet<DownloadId>,
}

impl<C> DownloadQueue<C> {
    pub fn new(
        limit: usize,
        shutdown: CancellationToken,
        start: fn(Arc<C>, DownloadId, CancellationToken),
    ) -> Self {
        Self {
            shutdown,
            start,
            state: Mutex::new(QueueState {
                limit: clamp_concurrency(limit),
                waiting: VecDeque::new(),
                running: HashMap::new(),
                again: Default::default(),
            }),
            idle: Notify::new(),
        }
    }

    pub fn limit(&self) -> usize {
        self.lock().limit
    }

    pub fn enqueue(&self, inner: &Arc<C>, id: DownloadId) {
        {
            let mut state = self.lock();
            if let Some(token) = state.running.get(&id) {
                // A retry right after a cancel: run again once the stopping run ends.
                if token.is_cancelled() {
                    state.again.insert(id);
                }
                return;
            }
            if state.waiting.contains(&id) {
                return;
            }
            state.waiting.push_back(id);
        }
        self.pump(inner);
    }

    /// Lowering the limit lets running downloads finish; raising it starts more at once.
    pub fn set_limit(&self, inner: &Arc<C>, limit: usize) {
        self.lock().limit = clamp_concurrency(limit);
        self.pump(inner);
    }

    /// Takes a waiting download off the queue, or stops a running one. False when
    /// it was neither.
    pub fn cancel(&self, id: DownloadId) -> bool {
        let mut state = self.lock();
        if let Some(position) = state.waiting.iter().position(|&w| w == id) {
            state.waiting.remove(position);
            return true;
        }
        match state.running.get(&id) {
            Some(token) => {
                token.cancel();
                true
            }
            None => false,
        }
    }

    pub fn finished(&self, inner: &Arc<C>, id: DownloadId) {
        let now_idle = {
            let mut state = self.lock();
            state.running.remove(&id);
            if state.again.remove(&id) {
                state.waiting.push_back(id);
            }
            // After shutdown nothing leaves `waiting`: idle means nothing runs.
            state.running.is_empty()
        };
        self.pump(inner);
        if now_idle && self.lock().running.is_empty() {
            self.idle.notify_waiters();
        }
    }

    /// A retry came while this run was stopping: it runs again when it ends.
    pub fn runs_again(&self, id: DownloadId) -> bool {
        self.lock().again.contains(&id)
    }

    /// Every download waiting or running in this process, at one instant.
    pub fn active_ids(&self) -> std::collections::HashSet<DownloadId> {
        let state = self.lock();
        state
            .running
            .keys()
            .chain(state.waiting.iter())
            .copied()
            .collect()
    }

    /// Resolves when no download is running (after shutdown, none will start).
    pub async fn wait_idle(&self) {
        loop {
            let idle = self.idle.notified();
            tokio::pin!(idle);
            idle.as_mut().enable();
            if self.lock().running.is_empty() {
                return;
            }
            idle.await;
        }
    }

    fn pump(&self, inner: &Arc<C>) {
        if self.shutdown.is_cancelled() {
            return;
        }
        let mut state = self.lock();
        while state.running.len() < state.limit {
            let Some(id) = state.waiting.pop_front() else {
                break;
            };
            let token = self.shutdown.child_token();
            state.running.insert(id, token.clone());
            (self.start)(inner.clone(), id, token);
        }
    }

    fn lock(&self) -> MutexGuard<'_, QueueState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}
