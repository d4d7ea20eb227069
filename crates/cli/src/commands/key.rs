//! `key set | status | delete`: the keychain entry the desktop app shares, the
//! one of the API origin in use (`--api-base`, `WAYIN_API_BASE`, else WayinVideo).

use std::io::{BufRead, IsTerminal};

use serde_json::json;
use wayin_api::{ApiKey, BudgetOwner, ClientConfig, ErrorKind};
use wayin_keychain::KeychainError;

use crate::args::KeyCommand;
use crate::commands::Context;
use app::{AppError, KeySource};

use crate::config::ENV_KEY;
use crate::error::{CliError, CliResult};
use crate::output::note;

pub async fn run(ctx: &Context, command: &KeyCommand) -> CliResult {
    match command {
        KeyCommand::Set { refused, .. } if !refused.is_empty() => Err(CliError::usage(
            "`key set` takes no argument: the key would stay in shell history and process \
             listings. Pipe it on stdin instead, e.g. `wayin-export key set < key.txt`, or run \
             `wayin-export key set` and paste it.",
        )),
        KeyCommand::Set { unverified, .. } => set(ctx, *unverified).await,
        KeyCommand::Status => status(ctx).await,
        KeyCommand::Delete => delete(ctx).await,
    }
}

async fn set(ctx: &Context, unverified: bool) -> CliResult {
    let raw = tokio::task::spawn_blocking(read_secret)
        .await
        .map_err(|e| CliError::local(format!("Reading the key stopped: {e}")))??;
    let key = ApiKey::new(raw)
        .ok_or_else(|| CliError::key("No key was read: paste the API key as one line on stdin."))?;
    if !unverified {
        check_new_key(ctx, &key).await?;
    }
    let keychain = ctx.keychain()?;
    let secret = key.clone();
    tokio::task::spawn_blocking(move || keychain.save(secret.expose()))
        .await
        .map_err(|e| CliError::local(format!("The keychain write stopped: {e}")))??;
    if ctx.env.key.is_some() {
        note(&format!(
            "note: {ENV_KEY} is set and is used instead of the stored key while it is."
        ));
    }
    if ctx.out.json {
        ctx.out.json(&json!({"saved": true, "last4": key.last4()}))
    } else {
        ctx.out.line(&format!("Key saved (…{})", key.last4()))
    }
}

/// One cheap call with the new key before it replaces anything: a refused key never
/// overwrites a working one, and an unreachable API is said so, not guessed at.
async fn check_new_key(ctx: &Context, key: &ApiKey) -> CliResult {
    let config = ClientConfig::new(ctx.base_url()?, key.clone());
    match app::check_key(config).await {
        Ok(()) => Ok(()),
        Err(AppError::Api(e)) if e.kind() == ErrorKind::KeyRejected => Err(CliError::key(
            "WayinVideo refused this key (HTTP 403); it was not saved, and the stored key (if \
             any) is unchanged. Copy the key again from WayinVideo's API settings.",
        )),
        Err(AppError::KeyUnchecked(e)) => Err(CliError::api(format!(
            "Couldn't check this key with WayinVideo ({e}); it was not saved, and the stored \
             key (if any) is unchanged. To keep it anyway, run `wayin-export key set --unverified`."
        ))),
        Err(other) => Err(other.into()),
    }
}

/// One line from stdin. From a terminal the typing is not echoed; from a pipe the
/// line is read as it is. Never from an argument: those end up in shell history
/// and in every process listing.
fn read_secret() -> CliResult<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Paste the WayinVideo API key and press Enter (it is not shown): ");
        return console::Term::stderr().read_secure_line().map_err(|e| {
            CliError::local(format!("Could not read the key from the terminal: {e}"))
        });
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::local(format!("Could not read the key from stdin: {e}")))?;
    Ok(line)
}

async fn status(ctx: &Context) -> CliResult {
    let found = ctx.env.find_key(&ctx.base_url()?).await?;
    if ctx.out.json {
        let value = match &found {
            Some((key, source)) => {
                json!({"set": true, "last4": key.last4(), "source": source.as_str()})
            }
            None => json!({"set": false, "last4": null, "source": null}),
        };
        return ctx.out.json(&value);
    }
    match found {
        Some((key, KeySource::Env)) => ctx
            .out
            .line(&format!("API key: set (…{}), from {ENV_KEY}", key.last4())),
        // The keychain: the only other place a terminal finds a key.
        Some((key, _)) => ctx.out.line(&format!(
            "API key: set (…{}), from the system keychain",
            key.last4()
        )),
        None => ctx.out.line(&format!(
            "API key: not set. Store one with `wayin-export key set`, or set {ENV_KEY}."
        )),
    }
}

async fn delete(ctx: &Context) -> CliResult {
    let keychain = ctx.keychain()?;
    let deleted = tokio::task::spawn_blocking(move || -> Result<_, KeychainError> {
        let stored = keychain.load()?;
        Ok((stored, keychain.delete()?))
    })
    .await
    .map_err(|e| CliError::local(format!("The keychain delete stopped: {e}")))?;
    let (stored, deleted) = deleted?;
    if let Some(key) = stored.and_then(ApiKey::new) {
        forget_budget(ctx, key).await;
    }
    if ctx.env.key.is_some() {
        note(&format!("note: {ENV_KEY} is still set and still used."));
    }
    if ctx.out.json {
        return ctx.out.json(&json!({"deleted": deleted}));
    }
    ctx.out.line(if deleted {
        "Key deleted from the system keychain."
    } else {
        "No key was stored in the system keychain."
    })
}

/// What the history keeps under the deleted key's request budget goes with it. Not a
/// reason to fail the delete: the key itself is gone.
async fn forget_budget(ctx: &Context, key: ApiKey) {
    let (Ok(store), Ok(base)) = (ctx.store(), ctx.base_url()) else {
        return;
    };
    let owner = BudgetOwner::new(base.origin(), key);
    let forgotten =
        tokio::task::spawn_blocking(move || engine::shared_budget::forget_budget(&owner, &store))
            .await;
    if let Ok(Err(e)) = forgotten {
        note(&format!(
            "note: the deleted key's request counts stay in the history: {e}"
        ));
    }
}
