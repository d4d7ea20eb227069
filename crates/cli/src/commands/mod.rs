//! One file per command; each is a few lines over the API client or the engine.

pub mod clips;
pub mod download;
pub mod export;
pub(crate) mod follow;
pub mod history;
pub mod key;
pub mod new;
pub mod selects;
pub mod status;
pub mod timeline;

use std::sync::OnceLock;

use engine::settings::Settings;
use engine::Store;
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
    /// The store of the data folder, opened the first time a command needs it.
    store: OnceLock<Store>,
    /// Settings the store holds but this version cannot read are said once a run.
    settings_checked: std::sync::Once,
}

impl Context {
    /// A client whose calls count in the request budget this key shares with the
    /// desktop app and other runs on the same data folder.
    pub async fn client(&self) -> CliResult<WayinClient> {
        let client = self.env.client(self.api_base.as_deref()).await?;
        match self.store() {
            Ok(store) => engine::shared_budget::share_budget(&client, &store),
            // Not a reason to stop: this run still keeps inside its own budget.
            Err(e) => eprintln!(
                "warning: the request budget is not shared with other runs: {}",
                e.one_line()
            ),
        }
        Ok(client)
    }

    /// The data folder's store, one connection for the whole run.
    pub fn store(&self) -> CliResult<Store> {
        if let Some(store) = self.store.get() {
            return Ok(store.clone());
        }
        let path = follow::data_dir(self).join(engine::STORE_FILE);
        let store = open_store(&path).map_err(|e| follow::engine_error(e.into()))?;
        Ok(self.store.get_or_init(|| store).clone())
    }

    /// The settings the desktop app keeps in the same store.
    pub fn settings(&self) -> CliResult<Settings> {
        let store = self.store()?;
        self.settings_checked.call_once(|| {
            let unreadable = engine::settings::unreadable_settings(&store).unwrap_or_default();
            if !unreadable.is_empty() {
                crate::output::warn(&format!(
                    "the saved {} could not be read; the default is used until it is set again in the app's Settings",
                    unreadable.join(", ")
                ));
            }
        });
        Settings::load(&store, &engine::settings::default_download_dir())
            .map_err(follow::engine_error)
    }

    pub fn base_url(&self) -> CliResult<BaseUrl> {
        self.env.base_url(self.api_base.as_deref())
    }

    /// The keychain entry of the API this run talks to.
    pub fn keychain(&self) -> CliResult<Keychain> {
        Ok(self.env.keychain(&self.base_url()?))
    }
}

/// Opens the history at `path`; a damaged one found there was set aside, which is said
/// once, naming where it was kept, and the run goes on with a fresh history.
pub fn open_store(path: &std::path::Path) -> Result<Store, engine::store::StoreError> {
    let store = Store::open(path)?;
    if let Some(kept) = store.take_set_aside() {
        crate::output::warn(&format!(
            "the export history {} was damaged and could not be read; it was kept as {} and a new history started",
            path.display(),
            kept.display()
        ));
    }
    Ok(store)
}

pub async fn run(cli: Cli, env: Env) -> CliResult {
    let ctx = Context {
        env,
        out: Output { json: cli.json },
        api_base: cli.api_base,
        store: OnceLock::new(),
        settings_checked: std::sync::Once::new(),
    };
    match cli.command {
        Command::Key(command) => key::run(&ctx, &command).await,
        Command::New(args) => new::run(&ctx, args).await,
        Command::Clips { project_id } => clips::run(&ctx, &project_id).await,
        Command::Export(args) => export::run(&ctx, *args).await,
        Command::Status { export_task_id } => status::run(&ctx, &export_task_id).await,
        Command::Download(args) => download::run(&ctx, args).await,
        Command::History => history::run(&ctx).await,
        Command::Timeline(args) => timeline::run(&ctx, args),
        Command::Selects(args) => selects::run(&ctx, args).await,
    }
}
