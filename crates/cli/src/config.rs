//! Where the key, the API and the local state come from: flags, then environment,
//! then the keychain and the platform's defaults.

use std::path::PathBuf;
use std::time::Duration;

use app::{KeyLookupError, KeySource, KeychainStore};
use wayin_api::{
    ApiKey, BaseUrl, Budget, BudgetConfig, ClientConfig, WayinClient, DEFAULT_BASE_URL,
};
use wayin_keychain::Keychain;

use crate::error::{CliError, CliResult};
use engine::settings::MAX_CONCURRENCY;

pub const ENV_KEY: &str = "WAYIN_API_KEY";
pub const ENV_BASE: &str = "WAYIN_API_BASE";
pub const ENV_DATA_DIR: &str = "WAYIN_DATA_DIR";
pub const ENV_RATE_LIMIT: &str = "WAYIN_RATE_LIMIT";
pub const ENV_CONCURRENCY: &str = "WAYIN_CONCURRENCY";
/// Points the key commands at another keychain service, so tests never touch the
/// entries the desktop app shares with this command.
pub const ENV_KEYCHAIN_SERVICE: &str = "WAYIN_KEYCHAIN_SERVICE";

/// What the environment says, read once so the rest of the program never looks at it.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub key: Option<String>,
    pub base: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub rate_limit: Option<String>,
    pub keychain_service: Option<String>,
}

impl Env {
    /// `key`: `WAYIN_API_KEY`, which `main` took out of the environment first.
    pub fn from_process(key: Option<String>) -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Self {
            key,
            base: var(ENV_BASE),
            data_dir: std::env::var_os(ENV_DATA_DIR)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            rate_limit: var(ENV_RATE_LIMIT),
            keychain_service: var(ENV_KEYCHAIN_SERVICE),
        }
    }

    /// The one entry that may hold the key for `base`'s origin: a key stored for
    /// one API address is never read for, or sent to, another.
    pub fn keychain(&self, base: &BaseUrl) -> Keychain {
        self.keychain_store().entry(&base.origin())
    }

    /// The keychain service whose entries this run reads and writes.
    pub fn keychain_store(&self) -> KeychainStore {
        match &self.keychain_service {
            Some(service) => KeychainStore::new(service.trim()),
            None => KeychainStore::app(),
        }
    }

    /// The key from `WAYIN_API_KEY`, or `None` when the variable is not set.
    pub fn env_key(&self) -> CliResult<Option<ApiKey>> {
        match &self.key {
            None => Ok(None),
            Some(raw) => ApiKey::new(raw.as_str()).map(Some).ok_or_else(|| {
                CliError::key(format!(
                    "{ENV_KEY} holds no usable key (it contains control characters)."
                ))
            }),
        }
    }

    /// The key to call `base` with: the variable when set, else the keychain entry
    /// of `base`'s origin. The keychain is not even asked when the variable is set,
    /// so a machine without one works.
    pub async fn api_key(&self, base: &BaseUrl) -> CliResult<(ApiKey, KeySource)> {
        self.find_key(base).await?.ok_or_else(|| {
            CliError::key(format!(
                "No API key is set. Store one with `wayin-export key set` (it reads the key from stdin), or set {ENV_KEY}."
            ))
        })
    }

    /// The key the desktop app would use with `base`, or `None` when neither the variable
    /// nor the keychain holds one.
    pub async fn find_key(&self, base: &BaseUrl) -> CliResult<Option<(ApiKey, KeySource)>> {
        let env_key = self.env_key()?;
        let secrets = self.keychain_store();
        let origin = base.origin();
        let found = tokio::task::spawn_blocking(move || app::find_key(env_key, &secrets, &origin))
            .await
            .map_err(|e| CliError::local(format!("The keychain lookup stopped: {e}")))?;
        match found {
            Ok(found) => Ok(found),
            Err(KeyLookupError::Keychain(e)) => Err(e.into()),
            Err(KeyLookupError::Malformed) => Err(CliError::key(
                "The key stored in the keychain is empty or malformed. Store it again with `wayin-export key set`.",
            )),
        }
    }

    /// `--api-base`, else `WAYIN_API_BASE`, else the vendor's.
    pub fn base_url(&self, flag: Option<&str>) -> CliResult<BaseUrl> {
        let (text, origin) = match (flag, &self.base) {
            (Some(flag), _) => (flag, "--api-base"),
            (None, Some(env)) => (env.as_str(), ENV_BASE),
            (None, None) => (DEFAULT_BASE_URL, "the default"),
        };
        BaseUrl::parse(text).map_err(|e| CliError::usage(format!("{e} (from {origin})")))
    }

    pub fn budget(&self) -> CliResult<BudgetConfig> {
        match &self.rate_limit {
            None => Ok(BudgetConfig::default()),
            Some(text) => parse_rate_limit(text).ok_or_else(|| {
                CliError::usage(format!(
                    "{ENV_RATE_LIMIT}={text:?} is not N/SECONDS (for example 15/60)."
                ))
            }),
        }
    }

    /// A client for `flag`'s or the environment's API, with the key and budget.
    pub async fn client(&self, api_base: Option<&str>) -> CliResult<WayinClient> {
        let base = self.base_url(api_base)?;
        let budget = self.budget()?;
        let (key, _) = self.api_key(&base).await?;
        let config = ClientConfig {
            budget: Budget::new(budget),
            ..ClientConfig::new(base, key)
        };
        Ok(WayinClient::new(config)?)
    }
}

/// `N/SECONDS`, e.g. `15/60` or `15/3`. The safety margin scales with short windows,
/// which only test servers use.
pub fn parse_rate_limit(text: &str) -> Option<BudgetConfig> {
    let (requests, seconds) = text.trim().split_once('/')?;
    let requests: u32 = requests.trim().parse().ok().filter(|&n| n > 0)?;
    let seconds: f64 = seconds.trim().parse().ok()?;
    if !(seconds.is_finite() && seconds > 0.0 && seconds <= 86_400.0) {
        return None;
    }
    let window = Duration::from_secs_f64(seconds);
    let margin = BudgetConfig::default().margin.min(window / 10);
    Some(BudgetConfig {
        requests,
        window,
        margin,
    })
}

/// Downloads at once from `WAYIN_CONCURRENCY` (1 to the engine's most), when set.
pub fn concurrency() -> CliResult<Option<usize>> {
    let Ok(text) = std::env::var(ENV_CONCURRENCY) else {
        return Ok(None);
    };
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_CONCURRENCY).contains(&n) => Ok(Some(n)),
        _ => Err(CliError::usage(format!(
            "{ENV_CONCURRENCY}={text:?} is not a number of downloads from 1 to {MAX_CONCURRENCY}."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_reads_n_per_seconds() {
        let c = parse_rate_limit("15/60").unwrap();
        assert_eq!(c.requests, 15);
        assert_eq!(c.window, Duration::from_secs(60));
        assert_eq!(c.margin, Duration::from_secs(1));
        let c = parse_rate_limit(" 30 / 1.5 ").unwrap();
        assert_eq!(c.requests, 30);
        assert_eq!(c.window, Duration::from_millis(1500));
        assert_eq!(c.margin, Duration::from_millis(150));
        for bad in [
            "", "15", "0/60", "15/0", "15/-1", "x/60", "15/inf", "15/60/2",
        ] {
            assert!(parse_rate_limit(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn base_url_precedence_is_flag_env_default() {
        let env = Env {
            base: Some("http://127.0.0.1:9/api/v2".into()),
            ..Env::default()
        };
        assert_eq!(
            env.base_url(Some("http://127.0.0.1:8/api/v2"))
                .unwrap()
                .as_str(),
            "http://127.0.0.1:8/api/v2"
        );
        assert_eq!(
            env.base_url(None).unwrap().as_str(),
            "http://127.0.0.1:9/api/v2"
        );
        assert_eq!(
            Env::default().base_url(None).unwrap().as_str(),
            DEFAULT_BASE_URL
        );
        let err = env.base_url(Some("http://example.com/api/v2")).unwrap_err();
        assert_eq!(err.exit, crate::error::Exit::Usage);
        assert!(err.message.contains("--api-base"));
    }

    #[test]
    fn each_api_origin_has_its_own_keychain_entry() {
        let env = Env::default();
        let vendor = env.base_url(None).unwrap();
        assert_eq!(env.keychain(&vendor), Keychain::default_entry());
        let local = env.base_url(Some("http://127.0.0.1:8/api/v2")).unwrap();
        assert_ne!(env.keychain(&local), env.keychain(&vendor));
        assert_eq!(
            env.keychain(&local),
            env.keychain(&env.base_url(Some("http://127.0.0.1:8/other")).unwrap()),
            "one origin, one key"
        );
        let tests = Env {
            keychain_service: Some("wayin-test".into()),
            ..Env::default()
        };
        assert_eq!(tests.keychain(&vendor).service(), "wayin-test");
        assert_eq!(tests.keychain(&vendor).account(), wayin_keychain::ACCOUNT);
    }

    #[tokio::test]
    async fn the_variable_wins_without_asking_the_keychain() {
        let env = Env {
            key: Some(" sk_from_env_1234\n".into()),
            // A keychain entry that would fail if it were asked.
            keychain_service: Some("\u{0}".into()),
            ..Env::default()
        };
        let (key, source) = env.api_key(&BaseUrl::default()).await.unwrap();
        assert_eq!(key.last4(), "1234");
        assert_eq!(source, KeySource::Env);
    }

    #[test]
    fn a_key_with_control_characters_is_a_key_error_that_does_not_echo_it() {
        let env = Env {
            key: Some("sk_abc\u{7}def".into()),
            ..Env::default()
        };
        let err = env.env_key().unwrap_err();
        assert_eq!(err.exit, crate::error::Exit::Key);
        assert!(!err.message.contains("sk_abc"));
    }
}
