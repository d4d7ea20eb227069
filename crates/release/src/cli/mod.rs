//! The command line: one module per subcommand, each a thin layer over the library.

mod args;
mod keygen;
mod manifest;
mod public_key;
mod secret_env;
mod sign;
mod sums;

use release::ReleaseError;

pub const USAGE: &str = "\
usage: wayin-release <command> [options] [FILE…]

commands:
  keygen [--out FILE] [--print-secret]
      a new release key pair, its secret encrypted with TAURI_SIGNING_PRIVATE_KEY_PASSWORD
      (none when unset). Prints the public key (the updater's pubkey). The secret key goes
      to FILE (and the public key to FILE.pub); to standard output only with --print-secret.
  public-key
      the public key of the secret key in TAURI_SIGNING_PRIVATE_KEY
  sign --version VERSION FILE…
      signs each FILE for the updater with the secret key in TAURI_SIGNING_PRIVATE_KEY
      (its text, or the path of its file) and TAURI_SIGNING_PRIVATE_KEY_PASSWORD; writes
      FILE.sig beside it
  sums FILE…
      writes SHA256SUMS for the files into their folder (check with `sha256sum -c SHA256SUMS`)
  manifest --version VERSION (--notes TEXT | --notes-file FILE) --base-url URL [--out PATH] FILE…
      writes the updater's latest.json (into the files' folder unless --out) from each
      package FILE and its FILE.sig; URL is the folder the files are published in, `{version}`
      in it is replaced by the version
";

/// Why a command stopped.
pub enum Failure {
    /// The command line was wrong (exit status 2).
    Usage(String),
    /// The work failed (exit status 1).
    Release(ReleaseError),
}

impl From<ReleaseError> for Failure {
    fn from(err: ReleaseError) -> Self {
        Self::Release(err)
    }
}

pub fn run(args: &[String]) -> Result<(), Failure> {
    let Some((command, rest)) = args.split_first() else {
        return Err(Failure::Usage("no command given".into()));
    };
    match command.as_str() {
        "keygen" => keygen::run(rest),
        "public-key" => public_key::run(rest),
        "sign" => sign::run(rest),
        "sums" => sums::run(rest),
        "manifest" => manifest::run(rest),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(Failure::Usage(format!("unknown command `{other}`"))),
    }
}
