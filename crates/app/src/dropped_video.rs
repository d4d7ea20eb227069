//! A video dropped on the window. Its path stays here; the page hears only its name and asks
//! for "the dropped video", so a page cannot make the app upload a file it names itself.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tokio::sync::watch;

pub struct DroppedVideo {
    path: Mutex<Option<PathBuf>>,
    /// The dropped file's name, for the page; each drop sends it again.
    names: watch::Sender<Option<String>>,
}

impl Default for DroppedVideo {
    fn default() -> Self {
        Self {
            path: Mutex::new(None),
            names: watch::channel(None).0,
        }
    }
}

impl DroppedVideo {
    /// Keeps the first of `paths` that is a file with a video's extension; false when none is.
    pub fn dropped(&self, paths: &[PathBuf]) -> bool {
        let Some(video) = paths.iter().find(|path| is_video(path)) else {
            return false;
        };
        *self.path.lock().unwrap_or_else(|p| p.into_inner()) = Some(video.clone());
        let name = video
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        self.names.send_replace(name);
        true
    }

    /// The video last dropped, if any.
    pub fn path(&self) -> Option<PathBuf> {
        self.path.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn names(&self) -> watch::Receiver<Option<String>> {
        self.names.subscribe()
    }
}

fn is_video(path: &Path) -> bool {
    let known = path
        .extension()
        .and_then(|ext| ext.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|ext| wayin_api::create::VIDEO_EXTENSIONS.contains(&ext.as_str()));
    known && path.is_file()
}
