//! How WebKitGTK draws the window and what it keeps in memory, on Linux.
//!
//! By default WebKitGTK composites the page through OpenGL. Measured under Xvfb
//! (`cargo xtask bench-app`), that mode costs the web process about 90 MB for this page
//! and about 60 MB even for an empty one, for layers a list of clips and a form do not
//! need. Without it WebKit paints the page directly, which looks the same here. A user
//! whose setup wants the compositor back sets `WEBKIT_DISABLE_COMPOSITING_MODE=0`, which
//! WebKit reads as "do not disable".

/// The variable WebKitGTK reads when its web process starts.
pub const COMPOSITING_VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Turns WebKit's compositing mode off unless the environment already decides it.
/// Call it first in `main`, before any thread starts: it changes the process environment,
/// which WebKit's processes inherit.
pub fn prefer_direct_painting() {
    if cfg!(target_os = "linux") && std::env::var_os(COMPOSITING_VARIABLE).is_none() {
        // Single-threaded here: `main` calls this before anything else runs.
        std::env::set_var(COMPOSITING_VARIABLE, "1");
    }
}

/// Sizes WebKit's caches for a viewer of local documents rather than a browser. Every asset
/// of the page is served from the binary and every thumbnail from the app's own disk cache,
/// so nothing is gained by keeping them in memory too. The clip grid gives up the pictures of
/// cards far off the screen (`ui/js/views/clip-thumbs.js`); under the browser model WebKit
/// still kept them decoded as dead cache entries. Measured through a 500-clip project
/// scrolled to its end and back: 363 MB without this, 299 MB with it (debug build, PSS).
pub fn keep_caches_small(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
        let applied = window.with_webview(|webview| {
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        if let Err(err) = applied {
            tracing::warn!("WebKit's cache size was left as it was: {err}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
