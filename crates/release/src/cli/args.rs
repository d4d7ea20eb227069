//! A subcommand's arguments: `--name value` or `--name=value` options, `--name` flags, and
//! files. Everything after `--` is a file, whatever it looks like.

use std::path::PathBuf;

use super::Failure;

#[derive(Debug, Default)]
pub struct Args {
    values: Vec<(String, String)>,
    flags: Vec<String>,
    pub files: Vec<PathBuf>,
}

impl Args {
    /// Reads `args` against the options that take a value and the flags the subcommand
    /// knows; anything else starting with `--` is a usage error.
    pub fn parse(args: &[String], with_value: &[&str], flags: &[&str]) -> Result<Self, Failure> {
        let mut parsed = Self::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if arg == "--" {
                parsed.files.extend(args.by_ref().map(PathBuf::from));
                break;
            }
            let Some(option) = arg.strip_prefix("--") else {
                parsed.files.push(PathBuf::from(arg));
                continue;
            };
            let (name, inline) = match option.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (option, None),
            };
            if flags.contains(&name) && inline.is_none() {
                parsed.flags.push(name.to_string());
            } else if with_value.contains(&name) {
                let value = match inline {
                    Some(value) => value,
                    None => args
                        .next()
                        .cloned()
                        .ok_or_else(|| usage(format!("--{name} needs a value")))?,
                };
                if parsed.value(name).is_some() {
                    return Err(usage(format!("--{name} is given twice")));
                }
                parsed.values.push((name.to_string(), value));
            } else {
                return Err(usage(format!("unknown option `{arg}`")));
            }
        }
        Ok(parsed)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(given, _)| given == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn required(&self, name: &str) -> Result<&str, Failure> {
        self.value(name)
            .ok_or_else(|| usage(format!("--{name} is required")))
    }

    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|given| given == name)
    }

    /// The files, at least one.
    pub fn files(&self) -> Result<&[PathBuf], Failure> {
        if self.files.is_empty() {
            Err(usage("no files given".into()))
        } else {
            Ok(&self.files)
        }
    }

    /// No files: for subcommands that take none.
    pub fn no_files(&self) -> Result<(), Failure> {
        match self.files.first() {
            Some(extra) => Err(usage(format!("unexpected `{}`", extra.display()))),
            None => Ok(()),
        }
    }
}

fn usage(message: String) -> Failure {
    Failure::Usage(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        let args: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
        Args::parse(&args, &["version", "out"], &["print-secret"]).map_err(
            |failure| match failure {
                Failure::Usage(message) => message,
                Failure::Release(err) => panic!("not a usage error: {err}"),
            },
        )
    }

    #[test]
    fn options_flags_and_files_mix_in_any_order() {
        let args = parse(&["a.deb", "--version", "1.0.0", "--print-secret", "b.rpm"]).unwrap();
        assert_eq!(args.value("version"), Some("1.0.0"));
        assert!(args.flag("print-secret"));
        assert_eq!(args.files, [PathBuf::from("a.deb"), PathBuf::from("b.rpm")]);
    }

    #[test]
    fn a_value_can_follow_an_equals_sign() {
        let args = parse(&["--out=dir/latest.json"]).unwrap();
        assert_eq!(args.value("out"), Some("dir/latest.json"));
    }

    #[test]
    fn after_a_double_dash_everything_is_a_file() {
        let args = parse(&["--", "--version", "-x.deb"]).unwrap();
        assert_eq!(args.value("version"), None);
        assert_eq!(
            args.files,
            [PathBuf::from("--version"), PathBuf::from("-x.deb")]
        );
    }

    #[test]
    fn unknown_missing_and_repeated_options_are_usage_errors() {
        assert!(parse(&["--versoin", "1"])
            .unwrap_err()
            .contains("unknown option"));
        assert!(parse(&["--version"]).unwrap_err().contains("needs a value"));
        assert!(parse(&["--version", "1", "--version=2"])
            .unwrap_err()
            .contains("twice"));
        assert!(parse(&["--print-secret=yes"])
            .unwrap_err()
            .contains("unknown"));
    }

    #[test]
    fn required_values_and_files_say_what_is_missing() {
        let args = parse(&[]).unwrap();
        assert!(
            matches!(args.required("version"), Err(Failure::Usage(m)) if m.contains("--version"))
        );
        assert!(matches!(args.files(), Err(Failure::Usage(_))));
        assert!(args.no_files().is_ok());
    }
}
