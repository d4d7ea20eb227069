//! URL schemes the shell serves to its own page, so the page never loads
//! anything from the network and never names a path on disk:
//! `thumb://localhost/<projectId>/<idx>` and `clip://localhost/<mode>/<downloadId>`
//! (`http://thumb.localhost/…` and `http://clip.localhost/…` on Windows), and
//! on Linux the loopback clip server for the player.

pub mod clip;
pub mod stream;
pub mod thumb;

use tauri::http::{header, Response, StatusCode};
use tauri::{Manager, Runtime};

use app::AppState;

pub type Body = Vec<u8>;

/// The URL the page puts in `src` for `scheme` and `path` (no leading slash).
pub(crate) fn url(scheme: &str, path: &str) -> String {
    if cfg!(windows) {
        format!("http://{scheme}.localhost/{path}")
    } else {
        format!("{scheme}://localhost/{path}")
    }
}

/// Where the app's own page is served from.
pub(crate) fn page_origin() -> &'static str {
    if cfg!(windows) {
        "http://tauri.localhost"
    } else {
        "tauri://localhost"
    }
}

/// A short plain-text answer, for errors.
pub(crate) fn text(status: StatusCode, message: &str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(message.as_bytes().to_vec())
        .expect("a static response")
}

/// Registers both schemes; each request is answered on the async runtime.
pub fn register<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .register_asynchronous_uri_scheme_protocol(thumb::SCHEME, |ctx, request, responder| {
            let Some(state) = app_state(ctx.app_handle()) else {
                return responder.respond(not_ready());
            };
            let state = state.current();
            tauri::async_runtime::spawn(async move {
                responder.respond(thumb::serve(&state, request.uri().path()).await);
            });
        })
        .register_asynchronous_uri_scheme_protocol(clip::SCHEME, |ctx, request, responder| {
            let Some(state) = app_state(ctx.app_handle()) else {
                return responder.respond(not_ready());
            };
            tauri::async_runtime::spawn(async move {
                responder.respond(clip::serve(&state, &request).await);
            });
        })
}

/// The window exists a moment before the state (made once the app knows it is
/// the only instance): a request in between is answered, not a panic.
pub(crate) fn app_state<R: Runtime>(app: &tauri::AppHandle<R>) -> Option<AppState> {
    app.try_state::<AppState>().map(|s| s.inner().clone())
}

fn not_ready() -> Response<Body> {
    text(StatusCode::SERVICE_UNAVAILABLE, "the app is still starting")
}
