//! Command-line switches of the desktop app, and the state they start it in.

use wayin_api::ApiKey;

use crate::launch::{demo_mode_config, env_api_base, launch_key, live_config, LaunchError};
use crate::{AppState, KeySource};

pub const USAGE: &str = "\
usage: wayin-clip-exporter [--demo | --demo-if-no-key]

  --demo             run against the built-in fake API; the stored key is not read
  --demo-if-no-key   use the stored key when there is one, demo mode otherwise
  -h, --help         show this help

environment:
  WAYIN_API_KEY      API key to use instead of the one in the system keychain
  WAYIN_API_BASE     API base URL (default: the WayinVideo v2 API); the keychain
                     keeps one key per API origin
";

/// Ordered: a stronger choice overrides a weaker one.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DemoChoice {
    /// Talk to the real API, with or without a key.
    #[default]
    Never,
    /// Demo mode only when no key is found.
    IfNoKey,
    Always,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LaunchArgs {
    pub demo: DemoChoice,
}

impl LaunchArgs {
    /// `Ok(None)` when help was asked for.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Self>, String> {
        let mut parsed = LaunchArgs::default();
        for arg in args {
            let choice = match arg.as_str() {
                "--demo" => DemoChoice::Always,
                "--demo-if-no-key" => DemoChoice::IfNoKey,
                "-h" | "--help" => return Ok(None),
                other => return Err(format!("unknown argument `{other}`")),
            };
            // --demo wins over --demo-if-no-key, whatever the order.
            parsed.demo = parsed.demo.max(choice);
        }
        Ok(Some(parsed))
    }

    /// The run's state: the real API, or the demo when asked for (or when no key is found and
    /// that was asked for). `env_key`: `WAYIN_API_KEY`, taken out of the environment by `main`
    /// before anything else ran. The demo's stand-in API runs on the caller's runtime, so it
    /// lives as long as the app.
    pub async fn prepare_state(&self, env_key: Option<ApiKey>) -> Result<AppState, LaunchError> {
        let live = |base, key| Ok(AppState::open(live_config(base, key))?);
        match self.demo {
            // Demo mode must not read (or unlock) the real keychain.
            DemoChoice::Always => Ok(AppState::open(demo_mode_config().await?)?),
            DemoChoice::IfNoKey => {
                let base = env_api_base()?;
                match launch_key(env_key, &base.clone().unwrap_or_default()) {
                    Some(found) => live(base, Some(found)),
                    None => {
                        tracing::info!("no API key found: starting in demo mode");
                        Ok(AppState::open(demo_mode_config().await?)?)
                    }
                }
            }
            DemoChoice::Never => live(env_api_base()?, env_key.map(|key| (key, KeySource::Env))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<LaunchArgs>, String> {
        LaunchArgs::parse(args.iter().map(|arg| arg.to_string()))
    }

    #[test]
    fn demo_switches() {
        assert_eq!(parse(&[]).unwrap().unwrap().demo, DemoChoice::Never);
        assert_eq!(
            parse(&["--demo"]).unwrap().unwrap().demo,
            DemoChoice::Always
        );
        assert_eq!(
            parse(&["--demo-if-no-key"]).unwrap().unwrap().demo,
            DemoChoice::IfNoKey
        );
        assert_eq!(parse(&["--help"]), Ok(None));
    }

    #[test]
    fn demo_wins_over_demo_if_no_key() {
        for args in [
            ["--demo", "--demo-if-no-key"],
            ["--demo-if-no-key", "--demo"],
        ] {
            assert_eq!(parse(&args).unwrap().unwrap().demo, DemoChoice::Always);
        }
    }

    #[test]
    fn rejects_unknown_switches() {
        assert_eq!(
            parse(&["--verbose"]),
            Err("unknown argument `--verbose`".to_string())
        );
    }
}
