//! `wayin-release keygen`: a new release key pair. The public key is printed; the secret
//! key is written to a file, and printed only when asked.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use release::{generate_key_pair, ReleaseError, PASSWORD_VAR, SECRET_KEY_VAR};

use super::args::Args;
use super::Failure;

pub fn run(args: &[String]) -> Result<(), Failure> {
    let args = Args::parse(args, &["out"], &["print-secret"])?;
    args.no_files()?;
    let out = args.value("out").map(PathBuf::from);
    let print_secret = args.flag("print-secret");
    if out.is_none() && !print_secret {
        return Err(Failure::Usage(
            "keygen needs --out FILE for the secret key (or --print-secret to print it)".into(),
        ));
    }
    let password = std::env::var(PASSWORD_VAR).unwrap_or_default();
    let pair = generate_key_pair(&password)?;

    if let Some(out) = &out {
        let public_file = PathBuf::from(format!("{}.pub", out.display()));
        write_new(out, &pair.secret, true)?;
        write_new(&public_file, &pair.public, false)?;
        eprintln!(
            "Secret key written to {} (readable by you only). Keep it out of the repository: \
             put its contents in the CI secret {SECRET_KEY_VAR}{}.\n\
             Public key written to {}; it is also below.",
            out.display(),
            if password.is_empty() {
                String::new()
            } else {
                format!(" and the password in {PASSWORD_VAR}")
            },
            public_file.display()
        );
    }
    println!("{}", pair.public);
    if print_secret {
        println!("{}", pair.secret);
    }
    Ok(())
}

/// Writes a file that must not exist yet: a key pair is never replaced by accident.
fn write_new(path: &Path, contents: &str, private: bool) -> Result<(), ReleaseError> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options
        .open(path)
        .map_err(|err| ReleaseError::io(path, "create (it must not exist yet)", err))?;
    file.write_all(contents.as_bytes())
        .map_err(|err| ReleaseError::io(path, "write", err))
}
