//! `wayin-release sign --version V FILE…`: `FILE.sig` beside each file.

use release::{signature_path, ReleaseError};

use super::args::Args;
use super::{secret_env, Failure};

pub fn run(args: &[String]) -> Result<(), Failure> {
    let args = Args::parse(args, &["version"], &[])?;
    let version = release::release_version(args.required("version")?)?;
    let files = args.files()?;
    // Opened once: it runs scrypt.
    let key = secret_env::signing_key()?;
    for file in files {
        let signature = key.sign_file(file, &version)?;
        let written = signature_path(file);
        std::fs::write(&written, signature)
            .map_err(|err| ReleaseError::io(&written, "write", err))?;
        println!("{}", written.display());
    }
    Ok(())
}
