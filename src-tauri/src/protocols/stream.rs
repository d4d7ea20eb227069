//! On Linux the page's player streams finished clips from the loopback clip
//! server: WebKitGTK's media loader asks only http(s) for ranges, so through
//! the `clip:` scheme a clip would have to sit whole in memory to play.

use std::sync::{Arc, OnceLock};

use clip_stream::{ClipFiles, ClipStream};
use tauri::{AppHandle, Runtime};

use app::Mode;

/// `http://127.0.0.1:<port>/<token>/` once the server is up.
static BASE: OnceLock<String> = OnceLock::new();

/// The player's URL for `mode`'s download `id` when the server runs in this process.
pub fn url(mode: Mode, id: i64) -> Option<String> {
    BASE.get()
        .map(|base| clip_stream::clip_url(base, mode.name(), id))
}

/// Binds at once (so every clip URL the page is given points here), then serves
/// on the async runtime for the app's life. Without it the `clip:` URLs stay.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let stream = match ClipStream::bind() {
        Ok(stream) => stream,
        Err(err) => {
            tracing::warn!("clip player server not started: {err}");
            return;
        }
    };
    if BASE.set(stream.base()).is_err() {
        return; // already serving
    }
    let app = app.clone();
    let files: ClipFiles = Arc::new(move |shelf, id| {
        let app = super::app_state(&app);
        Box::pin(async move {
            let app = app.ok_or("the app is still starting")?;
            app.open_finished_on_shelf(&shelf, id).await
        })
    });
    tauri::async_runtime::spawn(async move {
        if let Err(err) = stream.serve(files).await {
            tracing::warn!("clip player server stopped: {err}");
        }
    });
}
