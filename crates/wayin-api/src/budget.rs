//! One request budget per API key. The vendor allows 15 requests a minute per key,
//! polls included, so every call the app makes with a key draws from the same budget,
//! and a person's click never queues behind a background poll. With a
//! [`SharedLedger`], the budget is also shared with other processes using the key (the
//! desktop app and `wayin-export` on one data folder).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// Who is waiting: a person (opening a project, submitting) or the background poller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    Interactive,
    Background,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetConfig {
    /// Requests allowed in any `window`.
    pub requests: u32,
    pub window: Duration,
    /// Added to the window: the server counts a request when it arrives, later than
    /// this side counts it, so two requests a window apart here can be closer there.
    pub margin: Duration,
}

impl Default for BudgetConfig {
    fn default() -> Self {
        Self {
            requests: 15,
            window: Duration::from_secs(60),
            margin: Duration::from_secs(1),
        }
    }
}

/// A sliding-window budget (not a token bucket: a bucket refilled at 15/min allows
/// 30 requests in some 60 s windows, which the server would refuse).
#[derive(Clone)]
pub struct Budget {
    inner: Arc<Inner>,
}

struct Inner {
    config: BudgetConfig,
    state: Mutex<State>,
    changed: Notify,
    ledger: Mutex<Option<Arc<dyn SharedLedger>>>,
}

/// Requests sent with one key by every process that shares it. Implementations keep the
/// times somewhere all of them read (the engine: its SQLite store), under a name that
/// does not reveal the key ([`crate::WayinClient::budget_id`]).
pub trait SharedLedger: Send + Sync + 'static {
    /// Counts a request as sent now, unless `limit` were already counted within `span`
    /// or a pause is in force; then says how long until one may be.
    fn take(&self, limit: u32, span: Duration) -> Result<Option<Duration>, String>;
    /// After a 429: no process sharing the key sends until `wait` has passed.
    fn pause(&self, wait: Duration) -> Result<(), String>;
}

#[derive(Default)]
struct State {
    sent: VecDeque<Instant>,
    interactive_waiting: usize,
    paused_until: Option<Instant>,
}

impl Budget {
    pub fn new(config: BudgetConfig) -> Self {
        assert!(config.requests > 0, "a budget allows at least one request");
        Self {
            inner: Arc::new(Inner {
                config,
                state: Mutex::new(State::default()),
                changed: Notify::new(),
                ledger: Mutex::new(None),
            }),
        }
    }

    /// From now on, every request also waits for room in `ledger`, which other
    /// processes using the same key draw from too.
    pub fn share_with(&self, ledger: Arc<dyn SharedLedger>) {
        *self.inner.ledger.lock().expect("budget lock") = Some(ledger);
    }

    fn ledger(&self) -> Option<Arc<dyn SharedLedger>> {
        self.inner.ledger.lock().expect("budget lock").clone()
    }

    /// Room in the shared ledger, asked off the async workers (it may wait on a file
    /// lock another process holds). `None`: go ahead. A ledger that cannot be read
    /// is not a reason to stop: this process's own budget still holds.
    async fn shared_wait(&self) -> Option<Duration> {
        let ledger = self.ledger()?;
        let span = self.inner.config.window + self.inner.config.margin;
        let limit = self.inner.config.requests;
        let answer = tokio::task::spawn_blocking(move || ledger.take(limit, span)).await;
        match answer {
            Ok(Ok(wait)) => wait,
            Ok(Err(message)) => {
                tracing::warn!("the shared request budget could not be read: {message}");
                None
            }
            Err(_) => None,
        }
    }

    pub fn config(&self) -> BudgetConfig {
        self.inner.config
    }

    /// Waits until a request may be sent, and counts it as sent.
    pub async fn acquire(&self, priority: Priority) {
        let _waiting = (priority == Priority::Interactive).then(|| InteractiveWaiter::new(self));
        loop {
            let changed = self.inner.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            let local = {
                let mut state = self.inner.state.lock().expect("budget lock");
                let now = Instant::now();
                let span = self.inner.config.window + self.inner.config.margin;
                while state.sent.front().is_some_and(|&t| t + span <= now) {
                    state.sent.pop_front();
                }
                let yielding = priority == Priority::Background && state.interactive_waiting > 0;
                match state.paused_until {
                    Some(until) if until > now => Room::WaitUntil(until),
                    _ if yielding => Room::WaitForChange,
                    _ if state.sent.len() < self.inner.config.requests as usize => {
                        // Counted at once, under the lock: two callers never take one slot.
                        state.sent.push_back(now);
                        Room::Taken(now)
                    }
                    _ => state.sent.front().map_or(Room::WaitForChange, |&oldest| {
                        Room::WaitUntil(oldest + span)
                    }),
                }
            };
            let wait_until = match local {
                Room::Taken(at) => match self.shared_wait().await {
                    None => {
                        self.inner.changed.notify_waiters();
                        return;
                    }
                    Some(wait) => {
                        // Another process has the slot: this one's is given back.
                        let mut state = self.inner.state.lock().expect("budget lock");
                        if let Some(mine) = state.sent.iter().position(|&t| t == at) {
                            state.sent.remove(mine);
                        }
                        drop(state);
                        self.inner.changed.notify_waiters();
                        Some(Instant::now() + wait)
                    }
                },
                Room::WaitUntil(when) => Some(when),
                Room::WaitForChange => None,
            };
            match wait_until {
                Some(when) => {
                    tokio::select! {
                        _ = tokio::time::sleep_until(when) => {}
                        _ = &mut changed => {}
                    }
                }
                None => changed.await,
            }
        }
    }

    /// After a 429: nobody sends until the server's wait is over.
    pub fn pause_for(&self, wait: Duration) {
        if let Some(ledger) = self.ledger() {
            tokio::task::spawn_blocking(move || {
                if let Err(message) = ledger.pause(wait) {
                    tracing::warn!("the shared request budget could not be paused: {message}");
                }
            });
        }
        let until = Instant::now() + wait;
        let mut state = self.inner.state.lock().expect("budget lock");
        if state.paused_until.is_none_or(|p| p < until) {
            state.paused_until = Some(until);
        }
    }

    /// Requests that could be sent right now without waiting.
    pub fn available_now(&self) -> u32 {
        let state = self.inner.state.lock().expect("budget lock");
        let now = Instant::now();
        if state.paused_until.is_some_and(|p| p > now) {
            return 0;
        }
        let span = self.inner.config.window + self.inner.config.margin;
        let in_window = state.sent.iter().filter(|&&t| t + span > now).count() as u32;
        self.inner.config.requests.saturating_sub(in_window)
    }
}

impl Default for Budget {
    fn default() -> Self {
        Self::new(BudgetConfig::default())
    }
}

impl std::fmt::Debug for Budget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Budget")
            .field("config", &self.inner.config)
            .finish()
    }
}

/// What this process's own count allows.
enum Room {
    /// A slot here, counted at this instant; the shared ledger may still refuse it.
    Taken(Instant),
    WaitUntil(Instant),
    WaitForChange,
}

/// Counts an interactive caller as waiting for as long as it waits, including when
/// its future is dropped half-way (a cancelled click must not stall the poller).
struct InteractiveWaiter<'a>(&'a Budget);

impl<'a> InteractiveWaiter<'a> {
    fn new(budget: &'a Budget) -> Self {
        budget
            .inner
            .state
            .lock()
            .expect("budget lock")
            .interactive_waiting += 1;
        Self(budget)
    }
}

impl Drop for InteractiveWaiter<'_> {
    fn drop(&mut self) {
        if let Ok(mut state) = self.0.inner.state.lock() {
            state.interactive_waiting -= 1;
        }
        self.0.inner.changed.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(requests: u32, window_ms: u64) -> Budget {
        Budget::new(BudgetConfig {
            requests,
            window: Duration::from_millis(window_ms),
            margin: Duration::ZERO,
        })
    }

    #[tokio::test(start_paused = true)]
    async fn never_more_than_n_in_any_window() {
        let budget = small(3, 1000);
        let start = Instant::now();
        let mut times = Vec::new();
        for _ in 0..7 {
            budget.acquire(Priority::Background).await;
            times.push(start.elapsed());
        }
        for (i, t) in times.iter().enumerate().skip(3) {
            assert!(
                *t >= times[i - 3] + Duration::from_millis(1000),
                "{times:?}"
            );
        }
        assert_eq!(times[6], Duration::from_millis(2000));
    }

    #[tokio::test(start_paused = true)]
    async fn interactive_calls_go_before_waiting_background_polls() {
        let budget = small(1, 1000);
        budget.acquire(Priority::Background).await;
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for (name, priority) in [
            ("poll", Priority::Background),
            ("click", Priority::Interactive),
        ] {
            let (budget, order) = (budget.clone(), order.clone());
            tasks.push(tokio::spawn(async move {
                budget.acquire(priority).await;
                order.lock().unwrap().push(name);
            }));
            tokio::task::yield_now().await;
        }
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), vec!["click", "poll"]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_dropped_interactive_wait_does_not_block_polls() {
        let budget = small(1, 1000);
        budget.acquire(Priority::Interactive).await;
        let click = tokio::time::timeout(
            Duration::from_millis(10),
            budget.acquire(Priority::Interactive),
        );
        assert!(click.await.is_err());
        let start = Instant::now();
        budget.acquire(Priority::Background).await;
        assert_eq!(start.elapsed(), Duration::from_millis(990));
    }

    #[tokio::test(start_paused = true)]
    async fn pause_holds_everyone_back() {
        let budget = small(10, 1000);
        budget.pause_for(Duration::from_secs(5));
        assert_eq!(budget.available_now(), 0);
        let start = Instant::now();
        budget.acquire(Priority::Interactive).await;
        assert_eq!(start.elapsed(), Duration::from_secs(5));
        assert_eq!(budget.available_now(), 9);
    }
}
