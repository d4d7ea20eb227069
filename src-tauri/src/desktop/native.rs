//! The real desktop, through Tauri's plugins. Only Rust calls these plugins:
//! none of their JS permissions is granted to the window.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_notification::NotificationExt;
use tauri_plugin_opener::OpenerExt;
use tokio::sync::oneshot;

use super::{BoxFuture, Desktop};

pub struct NativeDesktop<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> NativeDesktop<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        Self { app }
    }
}

impl<R: Runtime> Desktop for NativeDesktop<R> {
    fn reveal(&self, path: &Path) -> Result<(), String> {
        self.app
            .opener()
            .reveal_item_in_dir(path)
            .map_err(|e| e.to_string())
    }

    fn open(&self, path: &Path) -> Result<(), String> {
        self.app
            .opener()
            .open_path(path.to_string_lossy(), None::<&str>)
            .map_err(|e| e.to_string())
    }

    fn open_web_page(&self, url: &str) -> Result<(), String> {
        self.app
            .opener()
            .open_url(url, None::<&str>)
            .map_err(|e| e.to_string())
    }

    fn drag(&self, window_label: &str, paths: &[PathBuf]) -> BoxFuture<Result<(), String>> {
        let Some(window) = self.app.get_webview_window(window_label) else {
            return Box::pin(async { Err("the window is gone".to_string()) });
        };
        let paths = paths.to_vec();
        let (done, started) = oneshot::channel();
        // Every platform's drag API belongs to the UI thread.
        let scheduled = self.app.run_on_main_thread(move || {
            let _ = done.send(super::drag::start_from_window(&window, &paths));
        });
        Box::pin(async move {
            scheduled.map_err(|e| e.to_string())?;
            started
                .await
                .unwrap_or_else(|_| Err("the drag was not started".into()))
        })
    }

    fn notify(&self, title: &str, body: &str) {
        let shown = self
            .app
            .notification()
            .builder()
            .title(title)
            .body(body)
            .show();
        if let Err(err) = shown {
            // A desktop without a notification service is no reason to fail anything.
            tracing::info!("notification not shown: {err}");
        }
    }

    fn choose_folder(&self, start: Option<&Path>) -> BoxFuture<Option<PathBuf>> {
        let (chosen, answer) = oneshot::channel();
        let mut dialog = self.app.dialog().file().set_title("Download clips to");
        if let Some(window) = self.app.get_webview_window("main") {
            dialog = dialog.set_parent(&window);
        }
        if let Some(dir) = start.filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        }
        // The callback form keeps the main thread free while the dialog is open.
        dialog.pick_folder(move |folder| {
            let _ = chosen.send(folder.and_then(|f| f.into_path().ok()));
        });
        Box::pin(async move { answer.await.ok().flatten() })
    }

    fn choose_video(&self, start: Option<&Path>) -> BoxFuture<Option<PathBuf>> {
        let (chosen, answer) = oneshot::channel();
        let mut dialog = self
            .app
            .dialog()
            .file()
            .set_title("Your source video")
            // The videos selects can read and the ones a new project can be made from.
            .add_filter(
                "Video",
                &[
                    "mp4", "mov", "m4v", "avi", "webm", "MP4", "MOV", "M4V", "AVI", "WEBM",
                ],
            );
        if let Some(window) = self.app.get_webview_window("main") {
            dialog = dialog.set_parent(&window);
        }
        if let Some(dir) = start.filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        }
        dialog.pick_file(move |file| {
            let _ = chosen.send(file.and_then(|f| f.into_path().ok()));
        });
        Box::pin(async move { answer.await.ok().flatten() })
    }
}
