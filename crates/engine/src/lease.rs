//! One process polls the API for a key; the others on the same data folder follow
//! the store. The poller holds a lease in the store and renews it every heartbeat; a
//! holder that stops renewing (it died) is replaced after `lease_stale`, and a clean
//! stop gives the lease up at once.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use crate::engine_core::EngineCore;
use crate::shared_budget::budget_id;

/// This engine's name in the lease table: unique per run.
pub(crate) fn owner_name() -> String {
    format!("{}-{}", std::process::id(), crate::clock::now_ms())
}

/// Keeps trying to hold the lease until shutdown, then gives it up.
pub(crate) async fn keep(inner: Arc<EngineCore>) {
    let mut ticks = tokio::time::interval(inner.poll.lease_heartbeat);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = inner.shutdown.cancelled() => break,
        }
        let holds = try_hold(&inner).await;
        let held = inner.polls_api.load(Ordering::SeqCst);
        // The downloads are queued here before this engine counts as the poller: until
        // then an open download still reads as running elsewhere, never as stopped.
        if holds && !held {
            // The previous holder stopped: what it was downloading is this engine's now.
            let resuming = inner.clone();
            let resumed =
                tokio::task::spawn_blocking(move || crate::recovery::resume_downloads(&resuming))
                    .await;
            if let Ok(Err(e)) = resumed {
                tracing::warn!(error = %e, "downloads could not be resumed");
            }
        }
        inner.polls_api.store(holds, Ordering::SeqCst);
        if holds != held {
            tracing::debug!(holds, "polling lease changed hands");
            inner.scheduler_wake.notify_one();
        }
    }
    release(&inner).await;
}

/// Gives the lease up, so another process polls at its next heartbeat.
pub(crate) async fn release(inner: &EngineCore) {
    let (store, budget, owner) = (
        inner.store.clone(),
        inner.client().budget_owner(),
        inner.owner.clone(),
    );
    let _ = tokio::task::spawn_blocking(move || {
        store.release_poll_lease(&budget_id(&budget, &store)?, &owner)
    })
    .await;
}

/// A store that cannot be read leaves things as they were: a holder keeps polling
/// rather than leave its exports unasked.
async fn try_hold(inner: &Arc<EngineCore>) -> bool {
    let (store, budget, owner) = (
        inner.store.clone(),
        inner.client().budget_owner(),
        inner.owner.clone(),
    );
    let stale_ms = inner.poll.lease_stale.as_millis() as i64;
    let answer = tokio::task::spawn_blocking(move || {
        store.hold_poll_lease(&budget_id(&budget, &store)?, &owner, stale_ms)
    })
    .await;
    match answer {
        Ok(Ok(holds)) => holds,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "the polling lease could not be read");
            inner.polls_api.load(Ordering::SeqCst)
        }
        Err(_) => inner.polls_api.load(Ordering::SeqCst),
    }
}
