//! What the engine that asks the API for a key (it holds the polling lease) does for
//! projects made from footage: it takes over the creation jobs nobody runs any more, and
//! asks about each project being made when the scheduler says.

use std::sync::Arc;
use wayin_api::{ErrorKind, Priority};

use crate::cadence::Slot;
use crate::changed::creation_changed;
use crate::engine_core::EngineCore;
use crate::store::{CreationProblem, CreationRecord, CreationState};

pub(crate) async fn take_over_abandoned(inner: &Arc<EngineCore>) {
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

/// Asks the API about one project being made (the scheduler says when) and records its
/// clips found so far, its end, or that it is gone.
pub(crate) async fn ask(inner: &Arc<EngineCore>, creation: &CreationRecord, slot: &mut Slot) {
    let cadence = &mut slot.cadence;
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
