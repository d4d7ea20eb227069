//! The user's settings, kept in the store so they survive a restart and travel with the
//! export history. Where each applies: the file-name template and downloads at once in the
//! window and in `wayin-export` (whose `--name-template` and `WAYIN_CONCURRENCY` win); the
//! download folder and automatic timelines in the window only (the command takes `--out`
//! and `--timeline`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::naming::{Template, DEFAULT_TEMPLATE};
use crate::timelines::TimelineFormat;
use crate::{EngineError, Store};

const DOWNLOAD_DIR: &str = "download_dir";
const NAME_TEMPLATE: &str = "name_template";
const CONCURRENCY: &str = "concurrency";
const AUTO_TIMELINES: &str = "auto_timelines";
/// Where earlier versions kept an API address chosen in the page; never read again.
pub const LEGACY_API_BASE: &str = "api_base";

pub const DEFAULT_CONCURRENCY: usize = 3;
/// More parallel downloads than this only split the same bandwidth further.
pub const MAX_CONCURRENCY: usize = 8;
/// The folder name created under the user's Videos (or Downloads) folder.
pub const DOWNLOAD_FOLDER_NAME: &str = "Wayin Clips";

/// The user's Videos folder (Downloads when there is none) + "Wayin Clips".
pub fn default_download_dir() -> PathBuf {
    let dirs = directories::UserDirs::new();
    let base = dirs
        .as_ref()
        .and_then(|d| d.video_dir().or(d.download_dir()).map(Path::to_path_buf))
        .or_else(|| dirs.as_ref().map(|d| d.home_dir().to_path_buf()))
        .unwrap_or_else(std::env::temp_dir);
    base.join(DOWNLOAD_FOLDER_NAME)
}

/// The stored values, with defaults for whatever was never set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub download_dir: PathBuf,
    pub name_template: String,
    pub concurrency: usize,
    /// Written once an export's clips are all on disk; empty: none.
    pub auto_timelines: Vec<TimelineFormat>,
}

impl Settings {
    pub fn load(store: &Store, default_dir: &Path) -> Result<Self, EngineError> {
        let concurrency = store
            .setting(CONCURRENCY)?
            .and_then(|text| text.parse::<usize>().ok())
            .map(clamp_concurrency)
            .unwrap_or(DEFAULT_CONCURRENCY);
        Ok(Self {
            download_dir: store
                .setting(DOWNLOAD_DIR)?
                .map(PathBuf::from)
                .unwrap_or_else(|| default_dir.to_path_buf()),
            name_template: store
                .setting(NAME_TEMPLATE)?
                .filter(|template| Template::parse(template).is_ok())
                .unwrap_or_else(|| DEFAULT_TEMPLATE.to_string()),
            concurrency,
            // A list this version cannot read is taken as none rather than as a failure.
            auto_timelines: store
                .setting(AUTO_TIMELINES)?
                .filter(|text| !text.is_empty())
                .and_then(|text| TimelineFormat::parse_list(&text).ok())
                .unwrap_or_default(),
        })
    }
}

/// The stored settings this version cannot read, as people call them: each is used at its
/// default until it is set again.
pub fn unreadable_settings(store: &Store) -> Result<Vec<&'static str>, EngineError> {
    let mut unreadable = Vec::new();
    if let Some(text) = store.setting(CONCURRENCY)? {
        if text.trim().parse::<usize>().is_err() {
            unreadable.push("downloads at once");
        }
    }
    if let Some(text) = store.setting(NAME_TEMPLATE)? {
        if Template::parse(&text).is_err() {
            unreadable.push("file name template");
        }
    }
    if let Some(text) = store.setting(AUTO_TIMELINES)? {
        if !text.is_empty() && TimelineFormat::parse_list(&text).is_err() {
            unreadable.push("automatic timelines");
        }
    }
    Ok(unreadable)
}

/// A change to some of the settings; what is `None` stays as it is.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsPatch {
    pub download_dir: Option<String>,
    pub name_template: Option<String>,
    pub concurrency: Option<usize>,
    /// Timeline formats by id (`xmeml`, `fcpxml`, `cmx3600`, `otio`; extensions are taken too).
    pub auto_timelines: Option<Vec<String>>,
}

impl SettingsPatch {
    /// Checks every field, then writes them: a bad template does not leave a
    /// half-applied patch behind.
    pub fn apply(&self, store: &Store) -> Result<(), EngineError> {
        self.validate()?;
        if let Some(dir) = &self.download_dir {
            store.set_setting(DOWNLOAD_DIR, dir)?;
        }
        if let Some(template) = &self.name_template {
            store.set_setting(NAME_TEMPLATE, template)?;
        }
        if let Some(n) = self.concurrency {
            store.set_setting(CONCURRENCY, &clamp_concurrency(n).to_string())?;
        }
        if let Some(formats) = &self.auto_timelines {
            let ids: Vec<&str> = timeline_formats(formats)?
                .iter()
                .map(|format| format.id())
                .collect();
            store.set_setting(AUTO_TIMELINES, &ids.join(","))?;
        }
        Ok(())
    }

    fn validate(&self) -> Result<(), EngineError> {
        if let Some(dir) = &self.download_dir {
            check_folder(Path::new(dir))?;
        }
        if let Some(template) = &self.name_template {
            Template::parse(template)?;
        }
        if let Some(formats) = &self.auto_timelines {
            timeline_formats(formats)?;
        }
        if self.concurrency == Some(0) {
            return Err(EngineError::InvalidSetting(
                "At least one download must be allowed at a time.".into(),
            ));
        }
        Ok(())
    }
}

pub fn clamp_concurrency(n: usize) -> usize {
    n.clamp(1, MAX_CONCURRENCY)
}

/// The formats named, each once; an empty list is none.
pub fn timeline_formats(names: &[String]) -> Result<Vec<TimelineFormat>, EngineError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    TimelineFormat::parse_list(&names.join(",")).map_err(EngineError::InvalidSetting)
}

/// A relative folder would land wherever the app happened to start.
fn check_folder(dir: &Path) -> Result<(), EngineError> {
    let refuse = |message: &str| EngineError::Folder {
        path: dir.to_path_buf(),
        message: message.into(),
    };
    if dir.as_os_str().is_empty() || !dir.is_absolute() {
        return Err(refuse("it is not a full path"));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(refuse("it is a file, not a folder"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(store: &Store) -> Settings {
        Settings::load(store, Path::new("/x")).unwrap()
    }

    #[test]
    fn defaults_until_something_is_stored() {
        let store = Store::open_in_memory().unwrap();
        let loaded = Settings::load(&store, Path::new("/home/ana/Videos/Wayin Clips")).unwrap();
        assert_eq!(
            loaded.download_dir,
            PathBuf::from("/home/ana/Videos/Wayin Clips")
        );
        assert_eq!(loaded.name_template, DEFAULT_TEMPLATE);
        assert_eq!(loaded.concurrency, DEFAULT_CONCURRENCY);
        assert!(loaded.auto_timelines.is_empty());
    }

    #[test]
    fn automatic_timelines_are_known_formats_each_once() {
        let store = Store::open_in_memory().unwrap();
        let patch = |names: &[&str]| SettingsPatch {
            auto_timelines: Some(names.iter().map(|n| n.to_string()).collect()),
            ..SettingsPatch::default()
        };
        assert!(matches!(
            patch(&["xml", "aaf"]).apply(&store).unwrap_err(),
            EngineError::InvalidSetting(_)
        ));
        patch(&["fcpxml", "xml", "xml"]).apply(&store).unwrap();
        assert_eq!(
            load(&store).auto_timelines,
            vec![TimelineFormat::Xmeml, TimelineFormat::Fcpxml]
        );
        patch(&[]).apply(&store).unwrap();
        assert!(load(&store).auto_timelines.is_empty());
    }

    #[test]
    fn patch_is_checked_before_anything_is_written() {
        let store = Store::open_in_memory().unwrap();
        let absolute = std::env::temp_dir().join("clips");
        let patch = SettingsPatch {
            download_dir: Some(absolute.to_string_lossy().into_owned()),
            name_template: Some("{nope}".into()),
            ..SettingsPatch::default()
        };
        assert!(matches!(
            patch.apply(&store).unwrap_err(),
            EngineError::Naming(_)
        ));
        assert_eq!(store.setting(DOWNLOAD_DIR).unwrap(), None);

        let relative = SettingsPatch {
            download_dir: Some("clips".into()),
            ..SettingsPatch::default()
        };
        assert!(matches!(
            relative.apply(&store).unwrap_err(),
            EngineError::Folder { .. }
        ));
        let none = SettingsPatch {
            concurrency: Some(0),
            ..SettingsPatch::default()
        };
        assert!(matches!(
            none.apply(&store).unwrap_err(),
            EngineError::InvalidSetting(_)
        ));
    }

    #[test]
    fn concurrency_is_kept_in_range() {
        let store = Store::open_in_memory().unwrap();
        let patch = SettingsPatch {
            concurrency: Some(50),
            ..SettingsPatch::default()
        };
        patch.apply(&store).unwrap();
        assert_eq!(load(&store).concurrency, MAX_CONCURRENCY);
    }

    #[test]
    fn default_folder_is_named_for_the_app() {
        assert!(default_download_dir().ends_with(DOWNLOAD_FOLDER_NAME));
    }
}
