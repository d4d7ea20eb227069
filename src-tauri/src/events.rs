//! Engine events out to the page over a channel, following the engine across a restart
//! (a new key after the old one was deleted).

use crate::ipc::{EventView, ExportView};
use app::ModeState;

/// Sends every engine event, as the page's shapes, to `send` until it returns
/// false (the window is gone) or the app stops. Follows the engine across a restart.
pub async fn forward(state: ModeState, mut send: impl FnMut(EventView) -> bool) {
    let mode = state.mode();
    app::follow_engine_events(state, move |event, outcome| {
        let export = outcome.map(|outcome| ExportView::new(&outcome, mode));
        EventView::new(event, export, mode).is_none_or(&mut send)
    })
    .await
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
