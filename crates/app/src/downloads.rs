//! One download the window names by id: stopped, tried again, or its finished file shown,
//! opened or dragged. Every path is looked up here; the page never names one.

use std::path::PathBuf;

use engine::downloaded::{finished_file, known};
use transfer::no_follow;

use crate::{AppError, AppState, Mode, ModeState};

impl ModeState {
    pub async fn cancel_download(&self, download_id: i64) -> Result<(), AppError> {
        self.known_download(download_id).await?;
        Ok(self.engine().await?.cancel_download(download_id).await?)
    }

    pub async fn retry_download(&self, download_id: i64) -> Result<(), AppError> {
        self.known_download(download_id).await?;
        Ok(self.engine().await?.retry_download(download_id).await?)
    }

    pub async fn reveal_download(&self, download_id: i64) -> Result<(), AppError> {
        let path = self.finished_download(download_id).await?;
        self.desktop()?.reveal(&path).map_err(AppError::Internal)
    }

    pub async fn open_download(&self, download_id: i64) -> Result<(), AppError> {
        let path = self.finished_download(download_id).await?;
        self.desktop()?.open(&path).map_err(AppError::Internal)
    }

    /// Starts a native drag of the finished file from the window `window_label`.
    pub async fn drag_download(
        &self,
        window_label: &str,
        download_id: i64,
    ) -> Result<(), AppError> {
        let path = self.finished_download(download_id).await?;
        self.drag(window_label, &[path]).await
    }

    /// A download id this history knows, or `not_found_download`: the page's list was stale.
    async fn known_download(&self, download_id: i64) -> Result<(), AppError> {
        self.with_store(move |store| Ok(known(store, download_id)?))
            .await
    }

    /// The finished file, still a plain file where it was written.
    async fn finished_download(&self, download_id: i64) -> Result<PathBuf, AppError> {
        self.with_store(move |store| Ok(finished_file(store, download_id)?))
            .await
    }
}

impl AppState {
    /// The finished file of download `id` of the mode named `shelf`, for the player, whichever
    /// mode is shown: a URL handed out in one mode never opens the other's download of that
    /// number. The reason in words when there is none.
    pub async fn open_finished_on_shelf(
        &self,
        shelf: &str,
        id: i64,
    ) -> Result<std::fs::File, String> {
        let state = Mode::from_name(shelf)
            .and_then(|mode| self.in_mode(mode))
            .ok_or_else(|| "no such clip".to_string())?;
        state
            .open_finished_download(id)
            .await
            .map_err(|err| err.to_string())
    }
}

impl ModeState {
    /// The finished file of download `id`, opened without following a link (it may have been
    /// swapped since it was looked up). Looked up and opened on the blocking pool, as a slow
    /// disk may keep either waiting.
    async fn open_finished_download(&self, id: i64) -> Result<std::fs::File, AppError> {
        self.with_store(move |store| {
            let path = finished_file(store, id)?;
            no_follow::open_read(&path).map_err(|refused| {
                AppError::NotFound(match refused {
                    no_follow::OpenRefused::Io(err) => err.to_string(),
                    _ => "the clip's file has been replaced by a link or another kind of file"
                        .to_string(),
                })
            })
        })
        .await
    }
}
