//! `wayin-release public-key`: the public half of the key in the environment, for
//! building an app that trusts it.

use super::args::Args;
use super::{secret_env, Failure};

pub fn run(args: &[String]) -> Result<(), Failure> {
    Args::parse(args, &[], &[])?.no_files()?;
    println!("{}", secret_env::signing_key()?.public_key()?);
    Ok(())
}
