//! Command-line switches of the desktop app.

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
