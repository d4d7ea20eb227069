//! The engine that asks the API for a key (it holds the polling lease) also takes over the
//! creation jobs nobody runs any more and follows the projects being made: quickly at first,
//! more slowly while nothing changes, inside the key's request budget.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tokio::time::Instant;
use wayin_api::{ErrorKind, Priority};

use crate::cadence::Cadence;
use crate::changed::creation_changed;
use crate::engine_core::EngineCore;
use crate::store::{CreationId, CreationProblem, CreationRecord, CreationState};

pub(crate) async fn run(inner: Arc<EngineCore>) {
    let mut slots: HashMap<CreationId, Cadence> = HashMap::new();
    loop {
        if inner.polls_api.load(Ordering::SeqCst) {
            take_over_abandoned(&inner).await;
            follow_running(&inner, &mut slots).await;
        } else {
            slots.clear();
        }
        tokio::select! {
            _ = tokio::time::sleep(inner.poll.first) => {}
            _ = inner.creation_wake.notified() => {}
            _ = inner.shutdown.cancelled() => return,
        }
    }
}

async fn take_over_abandoned(inner: &Arc<EngineCore>) {
    let stale_ms = inner.poll.lease_stale.as_millis() as i64;
    let claimed = inner
        .blocking(move |inner| {
            let found = inner
                .store
                .claim_abandoned_creations(&inner.owner, stale_ms)?;
            // A creation caught sending by a process that stopped is "unknown" now: say so.
            for &id in &found.answer_lost {
                creation_changed(inner, id)?;
            }
            Ok(found.to_run)
        })
        .await;
    match claimed {
        Ok(ids) => {
            for id in ids {
                tracing::info!(creation = id, "picking up a project creation");
                super::job::spawn(inner, id);
            }
        }
        Err(e) => tracing::warn!(error = %e, "abandoned creations could not be read"),
    }
}

async fn follow_running(inner: &Arc<EngineCore>, slots: &mut HashMap<CreationId, Cadence>) {
    let running = match inner
        .blocking(|inner| Ok(inner.store.running_creations()?))
        .await
    {
        Ok(running) => running,
        Err(e) => {
            tracing::warn!(error = %e, "projects being made could not be read");
            return;
        }
    };
    slots.retain(|id, _| running.iter().any(|c| c.id == *id));
    let floor = crate::poller::interval_floor(inner, running.len().max(1));
    for creation in &running {
        let cadence = slots
            .entry(creation.id)
            .or_insert_with(|| Cadence::new(&inner.poll, Instant::now()));
        if cadence.due > Instant::now() || inner.shutdown.is_cancelled() {
            continue;
        }
        poll_once(inner, creation, cadence).await;
        cadence.schedule(floor);
    }
}

async fn poll_once(inner: &Arc<EngineCore>, creation: &CreationRecord, cadence: &mut Cadence) {
    let Some(project_id) = creation.project_id.as_deref() else {
        return;
    };
    let id = creation.id;
    let asked = inner
        .client()
        .creation_results(creation.kind, project_id, Priority::Background)
        .await;
    match asked {
        Ok(results) => {
            let clips = results.best(creation.clip_limit);
            let recorded = inner
                .blocking(move |inner| {
                    let changed = inner.store.record_creation_results(id, &results, &clips)?;
                    if changed {
                        creation_changed(inner, id)?;
                    }
                    Ok(changed)
                })
                .await;
            match recorded {
                Ok(true) => cadence.changed(&inner.poll),
                Ok(false) => cadence.unchanged(&inner.poll),
                Err(e) => {
                    tracing::warn!(creation = id, error = %e, "a project's progress could not be recorded");
                }
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if cadence.not_found() {
                let message = e.to_string();
                let _ = inner
                    .blocking(move |inner| {
                        let (state, problem) = (CreationState::Failed, CreationProblem::Expired);
                        inner
                            .store
                            .mark_creation_problem(id, state, problem, &message)?;
                        creation_changed(inner, id)
                    })
                    .await;
            }
        }
        Err(e) => {
            cadence.failed(&inner.poll);
            tracing::warn!(creation = id, error = %e, "a project being made could not be asked about");
        }
    }
}
