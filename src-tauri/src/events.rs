//! Engine events out to the page over a channel, following the engine across a restart
//! (a new key after the old one was deleted).

use engine::{Engine, Event};
use tokio::sync::broadcast::error::RecvError;

use crate::ipc::{EventView, ExportView};
use app::{Mode, ModeState};

/// Sends every engine event, as the page's shapes, to `send` until it returns
/// false (the window is gone) or the app stops. Follows the engine across a restart.
pub async fn forward(state: ModeState, mut send: impl FnMut(EventView) -> bool) {
    let mut engines = state.engine_updates();
    let mode = state.mode();
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
            if !pass_on(&engine, mode, event, &mut send).await {
                return;
            }
        }
    }
}

/// One engine event to the page; false once the page is gone.
async fn pass_on(
    engine: &Engine,
    mode: Mode,
    event: Event,
    send: &mut impl FnMut(EventView) -> bool,
) -> bool {
    // The engine's record lacks the downloads and whether the export is settled, which
    // the page shows: the whole view is read once, off the async workers.
    let export = match &event {
        Event::ExportUpdated { export } => engine
            .export_outcome(export.id)
            .await
            .ok()
            .map(|outcome| ExportView::new(&outcome, mode)),
        _ => None,
    };
    EventView::new(event, export, mode).is_none_or(send)
}

/// Each video dropped on the window from now on, by its name, until `send` returns false.
pub async fn forward_drops(
    mut names: tokio::sync::watch::Receiver<Option<String>>,
    mut send: impl FnMut(EventView) -> bool,
) {
    names.mark_unchanged();
    while names.changed().await.is_ok() {
        let Some(name) = names.borrow_and_update().clone() else {
            continue;
        };
        if !send(EventView::VideoDropped { name }) {
            return;
        }
    }
}
