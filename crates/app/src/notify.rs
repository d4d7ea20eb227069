//! What the person is told outside the window: one system notification when an export's
//! clips are all on disk. What to say and when is decided here; how it is shown is the
//! desktop's.

use std::collections::HashSet;

use engine::{Engine, Event};
use tokio::sync::broadcast::error::RecvError;

use crate::ModeState;

/// One notification per export, when it becomes settled and complete while the
/// app runs; exports finished before the start stay quiet.
pub(crate) fn spawn_notifier(state: ModeState, engine: Engine) {
    let mut events = engine.subscribe();
    let mut engines = state.engine_updates();
    engines.borrow_and_update();
    tokio::spawn(async move {
        let mut notified: HashSet<i64> = engine
            .export_outcomes()
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|o| o.export.polling_done && o.complete)
            .map(|o| o.export.id)
            .collect();
        loop {
            let event = tokio::select! {
                // A new or stopped engine: its own notifier takes over.
                _ = engines.changed() => return,
                received = events.recv() => match received {
                    Ok(event) => event,
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return,
                },
            };
            let Event::ExportSettled { outcome } = event else {
                continue;
            };
            if notified.contains(&outcome.export.id) {
                continue;
            }
            if outcome.complete {
                notified.insert(outcome.export.id);
                if let Ok(desktop) = state.desktop() {
                    let (title, body) = finished_message(&outcome);
                    desktop.notify(&title, &body);
                }
            }
        }
    });
}

fn finished_message(outcome: &engine::ExportOutcome) -> (String, String) {
    let count = outcome.downloads.len();
    let clips = if count == 1 {
        "1 clip".to_string()
    } else {
        format!("{count} clips")
    };
    let export = &outcome.export;
    let project = export
        .project_name
        .clone()
        .or_else(|| export.project_id.clone())
        .unwrap_or_else(|| "the export".into());
    (
        "Clips ready".to_string(),
        notification_text(&format!(
            "{clips} of {project} downloaded to {}",
            export.out_dir.display()
        )),
    )
}

/// A notification's text as the daemon must get it: the project name came from the
/// API, so no control or escape sequence survives, and where the daemon reads the body
/// as markup (the freedesktop notification spec: `<b>`, `<a href>`, `<img src>`), it
/// is escaped so it shows as the text it is.
pub fn notification_text(text: &str) -> String {
    let text = wayin_api::safe_text::clean_line(text);
    if cfg!(all(unix, not(target_os = "macos"))) {
        escape_markup(&text)
    } else {
        text
    }
}

fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}
