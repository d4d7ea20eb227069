//! Thumbnails of the clips of projects opened in this run, fetched with a plain request
//! (never with the API key) and kept in a cache folder only this user may open: the
//! thumbnails show which projects the user works on. Only a project opened in this run is
//! looked up, so the page cannot make the app request arbitrary URLs; and the API cannot
//! either: a thumbnail URL must pass `wayin_api::FetchGuard`.

use std::path::{Path, PathBuf};

use transfer::private_fs;
use wayin_api::body::{mebibytes, read_capped, BodyError};
use wayin_api::fetch_guard::refusal_of;

use crate::ModeState;

/// The thumbnail cache's folder inside the cache folder.
pub const THUMBNAIL_FOLDER: &str = "thumbnails";
/// A thumbnail larger than this is not a thumbnail.
const MAX_BYTES: usize = 8 * 1024 * 1024;

/// A thumbnail ready to serve: a real image, whatever its server claimed.
pub struct Thumbnail {
    /// Its content type, read from its first bytes.
    pub kind: &'static str,
    pub bytes: Vec<u8>,
}

/// Why no thumbnail can be shown.
#[derive(Debug, thiserror::Error)]
pub enum ThumbnailError {
    #[error("that project is not open")]
    ProjectNotOpen,
    #[error("that clip has no thumbnail")]
    NoThumbnail,
    /// Its server could not be reached, refused, or sent something that is not an image.
    #[error("{0}")]
    Unavailable(String),
}

impl ModeState {
    /// Clip `idx`'s thumbnail of project `project_id`, from the cache when it holds a real
    /// image, else fetched and cached.
    pub async fn thumbnail(&self, project_id: &str, idx: u32) -> Result<Thumbnail, ThumbnailError> {
        let project = self
            .open_project(project_id)
            .ok_or(ThumbnailError::ProjectNotOpen)?;
        let source = project
            .clips
            .iter()
            .find(|c| c.idx == idx)
            .and_then(|c| c.thumbnail.clone())
            .ok_or(ThumbnailError::NoThumbnail)?;
        let cached = cache_path(self, project_id, idx);
        if let Ok(bytes) = tokio::fs::read(&cached).await {
            if let Some(kind) = image_type(&bytes) {
                return Ok(Thumbnail { kind, bytes });
            }
        }
        let (kind, bytes) = fetch(self, &source).await.map_err(|message| {
            tracing::debug!(project_id, idx, "thumbnail unavailable: {message}");
            ThumbnailError::Unavailable(message)
        })?;
        if let Err(err) = store(self.cache_dir(), &cached, bytes.clone()).await {
            tracing::debug!("thumbnail not cached: {err}");
        }
        Ok(Thumbnail { kind, bytes })
    }
}

fn cache_path(state: &ModeState, project_id: &str, idx: u32) -> PathBuf {
    state
        .cache_dir()
        .join(THUMBNAIL_FOLDER)
        .join(project_id)
        .join(idx.to_string())
}

async fn fetch(state: &ModeState, source: &str) -> Result<(&'static str, Vec<u8>), String> {
    // The URL comes from the API: only a public https address (or the API's own host) is
    // fetched, checked again on the resolved address and on every redirect.
    let request = state
        .thumbnail_client()
        .get(source)
        .map_err(|refused| format!("thumbnail refused: {refused}"))?;
    let response = request.send().await.map_err(|e| match refusal_of(&e) {
        Some(refused) => format!("thumbnail refused: {refused}"),
        // Thumbnail links may be signed: errors name no URL.
        None => format!("could not fetch the thumbnail: {}", e.without_url()),
    })?;
    if !response.status().is_success() {
        return Err(format!(
            "the thumbnail server answered {}",
            response.status()
        ));
    }
    // Counted while reading: a server that sends no length cannot make the app buffer more.
    let bytes = read_capped(response, MAX_BYTES)
        .await
        .map_err(|e| match e {
            BodyError::TooLarge { limit } => {
                format!("the thumbnail is larger than {}", mebibytes(limit))
            }
            BodyError::Broken(e) => {
                format!("the thumbnail download broke off: {}", e.without_url())
            }
        })?;
    // Only real images are served, whatever the server claims (an HTML error page
    // answered with 200 must not reach the page).
    let kind = image_type(&bytes).ok_or("the thumbnail is not an image")?;
    Ok((kind, bytes))
}

/// Written next to its final name, then renamed: a reader never sees half a file.
/// Every folder from the cache folder down, and the file, are the user's alone: the
/// thumbnails show which projects this user works on.
async fn store(cache: &Path, path: &Path, bytes: Vec<u8>) -> std::io::Result<()> {
    let (cache, path) = (cache.to_path_buf(), path.to_path_buf());
    tokio::task::spawn_blocking(move || {
        if let Some(dir) = path.parent() {
            private_fs::create_private_dir(&cache)?;
            let mut folder = cache.clone();
            for part in dir.strip_prefix(&cache).unwrap_or(dir).components() {
                folder.push(part);
                private_fs::create_private_dir(&folder)?;
            }
        }
        let partial = path.with_extension("part");
        private_fs::write_private_file(&partial, &bytes)?;
        std::fs::rename(&partial, &path)
    })
    .await
    .map_err(std::io::Error::other)?
}

/// The content type from the file's first bytes.
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [0x89, b'P', b'N', b'G', ..] => Some("image/png"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        [b'G', b'I', b'F', b'8', ..] => Some("image/gif"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_images_only() {
        assert_eq!(image_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(image_type(b"\x89PNG\r\n"), Some("image/png"));
        assert_eq!(image_type(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(image_type(b"<html>"), None);
    }
}
