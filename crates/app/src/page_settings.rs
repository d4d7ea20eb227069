//! The settings and presets as the window changes them. What the page sends is untrusted:
//! it may not name the API's address (the key belongs to its origin) nor a folder (the
//! person picks that in the system dialog).

use engine::settings::{Settings, SettingsPatch};
use engine::Store;
use wayin_api::ExportOptions;

use crate::{AppError, ModeState};

/// A named set of export options, as stored.
#[derive(Debug, serde::Serialize)]
pub struct Preset {
    pub name: String,
    pub options: serde_json::Value,
}

impl ModeState {
    /// Applies the page's `patch`: every field but the API address and the folder.
    pub async fn update_settings_from_page(
        &self,
        patch: serde_json::Value,
    ) -> Result<Settings, AppError> {
        if patch.get("apiBase").is_some() {
            return Err(AppError::InvalidRequest(
                "The API address cannot be changed from the app. Set WAYIN_API_BASE before starting it."
                    .into(),
            ));
        }
        let patch: SettingsPatch = serde_json::from_value(patch)
            .map_err(|e| AppError::InvalidRequest(format!("The settings are not valid: {e}")))?;
        if patch.download_dir.is_some() {
            return Err(AppError::InvalidRequest(
                "The download folder is chosen with \"Choose folder\".".into(),
            ));
        }
        self.update_settings(patch).await
    }

    /// The system folder picker; the settings stay as they were when it is closed.
    pub async fn choose_download_folder(&self) -> Result<Settings, AppError> {
        let current = self.settings().await?.download_dir;
        let Some(dir) = self.desktop()?.choose_folder(Some(&current)).await else {
            return self.settings().await;
        };
        let patch = SettingsPatch {
            download_dir: Some(dir.to_string_lossy().into_owned()),
            ..SettingsPatch::default()
        };
        self.update_settings(patch).await
    }

    pub async fn presets(&self) -> Result<Vec<Preset>, AppError> {
        self.with_store(presets).await
    }

    /// Saves `options` under `name`, checked as an export would check them.
    pub async fn save_preset(
        &self,
        name: &str,
        options: serde_json::Value,
    ) -> Result<Vec<Preset>, AppError> {
        let name = name.trim().to_owned();
        if name.is_empty() {
            return Err(AppError::InvalidRequest("Give the preset a name.".into()));
        }
        let options = ExportOptions::from_json(options)?;
        options.to_request("preset", None)?;
        let json = serde_json::to_value(&options).map_err(|e| AppError::Internal(e.to_string()))?;
        self.with_store(move |store| {
            store.save_preset(&name, &json)?;
            presets(store)
        })
        .await
    }

    pub async fn delete_preset(&self, name: &str) -> Result<Vec<Preset>, AppError> {
        let name = name.to_owned();
        self.with_store(move |store| {
            store.delete_preset(&name)?;
            presets(store)
        })
        .await
    }
}

fn presets(store: &Store) -> Result<Vec<Preset>, AppError> {
    Ok(store
        .presets()?
        .into_iter()
        .map(|(name, options)| Preset { name, options })
        .collect())
}
