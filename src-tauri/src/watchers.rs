//! One event forwarder per window, whichever mode it follows: a reloaded page's new watch
//! (after a switch, the other mode's) replaces the old.

use std::collections::HashMap;
use std::sync::Mutex;

use tauri::async_runtime::JoinHandle;

#[derive(Default)]
pub struct Watchers(Mutex<HashMap<String, JoinHandle<()>>>);

impl Watchers {
    /// Makes `watcher` the forwarder of window `window_label`, stopping the one it replaces.
    pub fn replace(&self, window_label: &str, watcher: JoinHandle<()>) {
        let mut watchers = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(old) = watchers.insert(window_label.to_string(), watcher) {
            old.abort();
        }
    }
}
