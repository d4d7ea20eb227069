//! What the application asks of the desktop around it: show a file in its folder, open it
//! in the system player, drag files into another app, notify, pick a folder or a video.
//! The window's shell provides the real one; tests put a recorder in its place so they
//! check which file would be opened without opening anything.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;

pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

pub trait Desktop: Send + Sync + 'static {
    fn reveal(&self, path: &Path) -> Result<(), String>;
    fn open(&self, path: &Path) -> Result<(), String>;
    /// Opens a web page in the system's browser; the application passes only addresses it
    /// holds itself, never one from the page.
    fn open_web_page(&self, url: &str) -> Result<(), String>;
    /// Starts one native drag of `paths` from the window `window_label`; resolves
    /// once the drag has started (or could not), not when it is dropped.
    fn drag(&self, window_label: &str, paths: &[PathBuf]) -> BoxFuture<Result<(), String>>;
    fn notify(&self, title: &str, body: &str);
    /// `None` when the person cancels.
    fn choose_folder(&self, start: Option<&Path>) -> BoxFuture<Option<PathBuf>>;
    /// The system file picker, for a video; `None` when the person cancels.
    fn choose_video(&self, start: Option<&Path>) -> BoxFuture<Option<PathBuf>>;
}
