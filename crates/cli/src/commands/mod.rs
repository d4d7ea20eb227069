//! One file per command; each is a few lines over the API client or the engine.

pub mod clips;
pub mod download;
pub mod export;
mod follow;
pub mod history;
pub mod key;
pub mod selects;
pub mod status;
pub mod timeline;

use wayin_api::{BaseUrl, WayinClient};
use wayin_keychain::Keychain;

use crate::args::{Cli, Command};
use crate::config::Env;
use crate::error::CliResult;
use crate::output::Output;

/// What every command gets: the environment, read once, and where to print.
pub struct Context {
    pub env: Env,
    pub out: Output,
    pub api_base: Option<String>,
}

impl Context {
    pub async fn client(&self) -> CliResult<WayinClient> {
        self.env.client(self.api_base.as_deref()).await
    }

    pub fn base_url(&self) -> CliResult<BaseUrl> {
        self.env.base_url(self.api_base.as_deref())
    }

    /// The keychain entry of the API this run talks to.
    pub fn keychain(&self) -> CliResult<Keychain> {
        Ok(self.env.keychain(&self.base_url()?))
    }
}

pub async fn run(cli: Cli, env: Env) -> CliResult {
    let ctx = Context {
        env,
        out: Output { json: cli.json },
        api_base: cli.api_base,
    };
    match cli.command {
        Command::Key(command) => key::run(&ctx, &command).await,
        Command::Clips { project_id } => clips::run(&ctx, &project_id).await,
        Command::Export(args) => export::run(&ctx, *args).await,
        Command::Status { export_task_id } => status::run(&ctx, &export_task_id).await,
        Command::Download(args) => download::run(&ctx, args).await,
        Command::History => history::run(&ctx).await,
        Command::Timeline(args) => timeline::run(&ctx, args),
        Command::Selects(args) => selects::run(&ctx, args).await,
    }
}
