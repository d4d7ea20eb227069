//! A mode's engine events for a front end that outlives any one engine: the events of the
//! engine running now, then of the next one after a restart (a new key after the old one
//! was deleted), until the front end stops listening.

use engine::{Engine, Event, ExportOutcome};
use tokio::sync::broadcast::error::RecvError;

use crate::ModeState;

/// Hands every engine event to `send` until it returns false or the mode's engines end.
/// An `ExportUpdated` comes with the export's whole outcome (its downloads and whether it
/// settled, which the event's record lacks), read once off the async workers.
pub async fn follow_engine_events(
    state: ModeState,
    mut send: impl FnMut(Event, Option<ExportOutcome>) -> bool,
) {
    let mut engines = state.engine_updates();
    drop(state);
    loop {
        let current = engines.borrow_and_update().clone();
        let Some(engine) = current else {
            if engines.changed().await.is_err() {
                return;
            }
            continue;
        };
        let mut events = engine.subscribe();
        loop {
            let event = tokio::select! {
                changed = engines.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    break;
                }
                received = events.recv() => match received {
                    Ok(event) => event,
                    // Missed progress is replaced by the next update.
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => {
                        if engines.changed().await.is_err() {
                            return;
                        }
                        break;
                    }
                },
            };
            let outcome = whole_export(&engine, &event).await;
            if !send(event, outcome) {
                return;
            }
        }
    }
}

async fn whole_export(engine: &Engine, event: &Event) -> Option<ExportOutcome> {
    match event {
        Event::ExportUpdated { export } => engine.export_outcome(export.id).await.ok(),
        _ => None,
    }
}
