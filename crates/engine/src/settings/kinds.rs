//! Each setting's rules: its row, its default, how its stored text reads and what a change
//! to it may be. `settings!` in the module above puts them together.

use std::path::{Path, PathBuf};

use super::{clamp_concurrency, Setting, DEFAULT_CONCURRENCY};
use crate::naming::{Template, DEFAULT_TEMPLATE};
use crate::timelines::TimelineFormat;
use crate::EngineError;

/// Where the window saves clips (the terminal takes `--out`).
pub struct DownloadDir;

impl Setting for DownloadDir {
    type Value = PathBuf;
    type Input = String;
    const KEY: &'static str = "download_dir";
    const NAME: &'static str = "download folder";

    fn default(default_dir: &Path) -> PathBuf {
        default_dir.to_path_buf()
    }

    fn parse(text: &str) -> Result<PathBuf, String> {
        Ok(PathBuf::from(text))
    }

    fn render(value: &PathBuf) -> String {
        value.to_string_lossy().into_owned()
    }

    /// A relative folder would land wherever the app happened to start.
    fn accept(input: &String) -> Result<PathBuf, EngineError> {
        let dir = PathBuf::from(input);
        let refuse = |message: &str| EngineError::Folder {
            path: dir.clone(),
            message: message.into(),
        };
        if dir.as_os_str().is_empty() || !dir.is_absolute() {
            return Err(refuse("it is not a full path"));
        }
        if dir.exists() && !dir.is_dir() {
            return Err(refuse("it is a file, not a folder"));
        }
        Ok(dir)
    }
}

/// How downloaded clips are named (the terminal's `--name-template` wins).
pub struct NameTemplate;

impl Setting for NameTemplate {
    type Value = String;
    type Input = String;
    const KEY: &'static str = "name_template";
    const NAME: &'static str = "file name template";

    fn default(_: &Path) -> String {
        DEFAULT_TEMPLATE.to_string()
    }

    fn parse(text: &str) -> Result<String, String> {
        Template::parse(text).map_err(|err| err.to_string())?;
        Ok(text.to_string())
    }

    fn render(value: &String) -> String {
        value.clone()
    }

    fn accept(input: &String) -> Result<String, EngineError> {
        Template::parse(input)?;
        Ok(input.clone())
    }
}

/// Downloads at once (the terminal's `WAYIN_CONCURRENCY` wins), kept within 1 to
/// `MAX_CONCURRENCY`.
pub struct Concurrency;

impl Setting for Concurrency {
    type Value = usize;
    type Input = usize;
    const KEY: &'static str = "concurrency";
    const NAME: &'static str = "downloads at once";

    fn default(_: &Path) -> usize {
        DEFAULT_CONCURRENCY
    }

    fn parse(text: &str) -> Result<usize, String> {
        let n: usize = text
            .trim()
            .parse()
            .map_err(|_| format!("{text:?} is not a number"))?;
        Ok(clamp_concurrency(n))
    }

    fn render(value: &usize) -> String {
        value.to_string()
    }

    fn accept(input: &usize) -> Result<usize, EngineError> {
        if *input == 0 {
            return Err(EngineError::InvalidSetting(
                "At least one download must be allowed at a time.".into(),
            ));
        }
        Ok(clamp_concurrency(*input))
    }
}

/// The timelines written once an export's clips are all on disk, in the window only (the
/// terminal takes `--timeline`).
pub struct AutoTimelines;

impl Setting for AutoTimelines {
    type Value = Vec<TimelineFormat>;
    /// Formats by id (`xmeml`, `fcpxml`, `cmx3600`, `otio`); extensions are taken too.
    type Input = Vec<String>;
    const KEY: &'static str = "auto_timelines";
    const NAME: &'static str = "automatic timelines";

    fn default(_: &Path) -> Vec<TimelineFormat> {
        Vec::new()
    }

    fn parse(text: &str) -> Result<Vec<TimelineFormat>, String> {
        if text.is_empty() {
            return Ok(Vec::new());
        }
        TimelineFormat::parse_list(text)
    }

    fn render(value: &Vec<TimelineFormat>) -> String {
        let ids: Vec<&str> = value.iter().map(|format| format.id()).collect();
        ids.join(",")
    }

    /// The formats named, each once; an empty list is none.
    fn accept(input: &Vec<String>) -> Result<Vec<TimelineFormat>, EngineError> {
        Self::parse(&input.join(",")).map_err(EngineError::InvalidSetting)
    }
}

/// Whether the window looks for a newer version of itself at start.
pub struct CheckUpdates;

impl Setting for CheckUpdates {
    type Value = bool;
    type Input = bool;
    const KEY: &'static str = "check_updates";
    const NAME: &'static str = "check for updates";

    fn default(_: &Path) -> bool {
        true
    }

    fn parse(text: &str) -> Result<bool, String> {
        match text {
            "on" => Ok(true),
            "off" => Ok(false),
            other => Err(format!("{other:?} is neither on nor off")),
        }
    }

    fn render(value: &bool) -> String {
        if *value { "on" } else { "off" }.to_string()
    }

    fn accept(input: &bool) -> Result<bool, EngineError> {
        Ok(*input)
    }
}
