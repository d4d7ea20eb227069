//! `cargo xtask release [--appimage] [--base-url URL] [--notes-file FILE]`.

use std::path::PathBuf;

/// Where the packages are downloaded from unless `--base-url` or `WAYIN_RELEASE_BASE_URL`
/// names another folder: the GitHub release of the version's tag, as the release workflow
/// publishes it. `{version}` is replaced by the version.
pub const DEFAULT_BASE_URL: &str =
    "https://github.com/wayin-clip-exporter/wayin-clip-exporter/releases/download/v{version}";

/// The variable that names the download folder when `--base-url` does not.
pub const BASE_URL_VAR: &str = "WAYIN_RELEASE_BASE_URL";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Also the AppImage (Linux), whose bundler downloads its own tools.
    pub appimage: bool,
    pub base_url: Option<String>,
    pub notes_file: Option<PathBuf>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = Self::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (arg.as_str(), None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| args.next().cloned())
                    .filter(|value| !value.is_empty())
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match name {
                "--appimage" if inline.is_none() => options.appimage = true,
                "--base-url" => options.base_url = Some(value()?),
                "--notes-file" => options.notes_file = Some(PathBuf::from(value()?)),
                _ => {
                    return Err(format!(
                        "unknown release option `{arg}`; the options: --appimage, \
                         --base-url URL, --notes-file FILE"
                    ))
                }
            }
        }
        Ok(options)
    }

    /// The download folder's URL (with `{version}` still in it, if it has one): the
    /// option, else `from_env` (`WAYIN_RELEASE_BASE_URL`), else the GitHub release.
    pub fn base_url(&self, from_env: Option<String>) -> String {
        self.base_url
            .clone()
            .or(from_env.filter(|url| !url.trim().is_empty()))
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
        Options::parse(&args)
    }

    #[test]
    fn no_options_build_the_usual_packages_for_the_github_release() {
        let options = parse(&[]).unwrap();
        assert_eq!(options, Options::default());
        assert_eq!(options.base_url(None), DEFAULT_BASE_URL);
    }

    #[test]
    fn every_option_is_read_with_a_space_or_an_equals_sign() {
        let options = parse(&[
            "--appimage",
            "--base-url=https://dl.example/wayin/{version}",
            "--notes-file",
            "notes.md",
        ])
        .unwrap();
        assert!(options.appimage);
        assert_eq!(
            options.base_url.as_deref(),
            Some("https://dl.example/wayin/{version}")
        );
        assert_eq!(options.notes_file, Some(PathBuf::from("notes.md")));
    }

    #[test]
    fn the_option_wins_over_the_environment_which_wins_over_the_default() {
        let env = Some("https://env.example/{version}".to_string());
        let given = parse(&["--base-url", "https://arg.example"]).unwrap();
        assert_eq!(given.base_url(env.clone()), "https://arg.example");
        assert_eq!(
            parse(&[]).unwrap().base_url(env),
            "https://env.example/{version}"
        );
        assert_eq!(
            parse(&[]).unwrap().base_url(Some(" ".into())),
            DEFAULT_BASE_URL
        );
    }

    #[test]
    fn unknown_options_and_missing_values_are_refused() {
        assert!(parse(&["--appimages"]).unwrap_err().contains("--appimage,"));
        assert!(parse(&["--base-url"])
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse(&["--notes-file="])
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse(&["--appimage=no"]).is_err());
    }
}
