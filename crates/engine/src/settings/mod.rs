//! The user's settings, kept in the store so they survive a restart and travel with the
//! export history. Where each applies: the file-name template and downloads at once in the
//! window and in `wayin-export` (whose `--name-template` and `WAYIN_CONCURRENCY` win); the
//! download folder and automatic timelines in the window only (the command takes `--out`
//! and `--timeline`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{EngineError, Store};

mod kinds;

pub use kinds::{AutoTimelines, CheckUpdates, Concurrency, DownloadDir, NameTemplate};

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

/// One setting: where it is stored, what people call it, its default, how its stored text
/// reads and is written, and what a change to it may be.
pub trait Setting {
    type Value;
    /// What a change names: the page and the terminal send this, and it is checked.
    type Input;
    /// Its row in the store.
    const KEY: &'static str;
    /// Its name in a notice that it could not be read.
    const NAME: &'static str;
    fn default(default_dir: &Path) -> Self::Value;
    /// The stored text; an error when this version cannot read it.
    fn parse(text: &str) -> Result<Self::Value, String>;
    fn render(value: &Self::Value) -> String;
    /// A change as the value to store, or why it is refused.
    fn accept(input: &Self::Input) -> Result<Self::Value, EngineError>;
}

/// The settings, each once: the values, the change to some of them, reading them from the
/// store and writing a change all come from this list.
macro_rules! settings {
    ($($(#[$doc:meta])* $field:ident: $kind:ty,)*) => {
        /// The stored values, with defaults for whatever was never set or cannot be read.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Settings {
            $($(#[$doc])* pub $field: <$kind as Setting>::Value,)*
        }

        /// A change to some of the settings; what is `None` stays as it is.
        #[derive(Debug, Clone, Default, Deserialize, Serialize)]
        #[serde(rename_all = "camelCase")]
        pub struct SettingsPatch {
            $($(#[$doc])* pub $field: Option<<$kind as Setting>::Input>,)*
        }

        impl Settings {
            pub fn load(store: &Store, default_dir: &Path) -> Result<Self, EngineError> {
                Ok(Self {
                    $($field: store
                        .setting(<$kind>::KEY)?
                        .and_then(|text| <$kind>::parse(&text).ok())
                        .unwrap_or_else(|| <$kind>::default(default_dir)),)*
                })
            }
        }

        /// The stored settings this version cannot read, as people call them: each is used
        /// at its default until it is set again.
        pub fn unreadable_settings(store: &Store) -> Result<Vec<&'static str>, EngineError> {
            let mut unreadable = Vec::new();
            $(if store
                .setting(<$kind>::KEY)?
                .is_some_and(|text| <$kind>::parse(&text).is_err())
            {
                unreadable.push(<$kind>::NAME);
            })*
            Ok(unreadable)
        }

        impl SettingsPatch {
            /// Checks every field, then writes them: a bad template does not leave a
            /// half-applied patch behind.
            pub fn apply(&self, store: &Store) -> Result<(), EngineError> {
                $(let $field = self.$field.as_ref().map(<$kind>::accept).transpose()?;)*
                $(if let Some(value) = &$field {
                    store.set_setting(<$kind>::KEY, &<$kind>::render(value))?;
                })*
                Ok(())
            }
        }
    };
}

settings! {
    download_dir: DownloadDir,
    concurrency: Concurrency,
    name_template: NameTemplate,
    /// Written once an export's clips are all on disk; empty: none.
    auto_timelines: AutoTimelines,
    /// Whether the window looks for a newer version at start (at most once a day).
    check_updates: CheckUpdates,
}

pub fn clamp_concurrency(n: usize) -> usize {
    n.clamp(1, MAX_CONCURRENCY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::naming::DEFAULT_TEMPLATE;
    use crate::timelines::TimelineFormat;

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
        assert_eq!(store.setting(DownloadDir::KEY).unwrap(), None);

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
    fn settings_this_version_cannot_read_are_named_and_used_at_their_default() {
        let store = Store::open_in_memory().unwrap();
        store.set_setting(Concurrency::KEY, "many").unwrap();
        store.set_setting(NameTemplate::KEY, "{title").unwrap();
        store.set_setting(AutoTimelines::KEY, "xml,aaf").unwrap();
        store.set_setting(DownloadDir::KEY, "/media/clips").unwrap();
        assert_eq!(
            unreadable_settings(&store).unwrap(),
            [
                "downloads at once",
                "file name template",
                "automatic timelines"
            ]
        );
        let loaded = load(&store);
        assert_eq!(loaded.concurrency, DEFAULT_CONCURRENCY);
        assert_eq!(loaded.name_template, DEFAULT_TEMPLATE);
        assert!(loaded.auto_timelines.is_empty());
        assert_eq!(loaded.download_dir, PathBuf::from("/media/clips"));

        store.set_setting(Concurrency::KEY, " 12 ").unwrap();
        assert_eq!(load(&store).concurrency, MAX_CONCURRENCY, "kept in range");
    }

    #[test]
    fn default_folder_is_named_for_the_app() {
        assert!(default_download_dir().ends_with(DOWNLOAD_FOLDER_NAME));
    }
}
