//! Keeping the app current. When to look for a newer version: at start at most once a day
//! and only when Settings allow it, or whenever the person asks. When to install one: only
//! while nothing is being downloaded or uploaded, because installing restarts the app and a
//! transfer cut off by it is work lost; until then it waits and says what for. The window's
//! shell provides the real source (Tauri's updater, which checks the release's signature);
//! tests put their own in its place.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use engine::{CreationState, DownloadState, Engine};
use serde::Serialize;

use crate::desktop::BoxFuture;
use crate::{AppError, AppState, Mode, ModeState};

/// Where the last automatic look was recorded, in seconds since 1970.
const CHECKED_AT: &str = "update_checked_at";
const DAY: Duration = Duration::from_secs(24 * 60 * 60);
/// How often a waiting install looks again whether the transfers are done.
const BUSY_POLL: Duration = Duration::from_millis(500);

/// A newer version the release server offers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateOffer {
    pub version: String,
    /// The version running now.
    pub current: String,
    pub notes: Option<String>,
    /// When it was published (RFC 3339), when the release says.
    pub date: Option<String>,
    /// False where a package manager owns the install (.deb, .rpm): the person is told where
    /// to get the new version instead.
    pub installs_itself: bool,
    /// Where the new version can be downloaded by hand.
    pub download_page: String,
}

/// What a look for a newer version found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateCheck {
    /// False when an automatic look was not due (turned off, or done in the last day).
    pub checked: bool,
    pub offer: Option<UpdateOffer>,
    /// Why the look failed (offline, an unreadable answer): said quietly, not as an alarm.
    pub problem: Option<String>,
}

/// One step of an install, as the window shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum InstallStep {
    /// Waiting for transfers to finish before installing.
    Waiting {
        downloads: usize,
        uploads: usize,
    },
    Downloading {
        bytes: u64,
        total: Option<u64>,
    },
    /// Downloaded, its signature checked and in place: the app restarts into it.
    Installed {
        version: String,
    },
}

/// The release server, as the shell reaches it.
pub trait UpdateSource: Send + Sync + 'static {
    /// A newer version, if the server offers one.
    fn check(&self) -> BoxFuture<Result<Option<UpdateOffer>, String>>;
    /// Looks again, then downloads the newer version, checks its signature and puts it in
    /// place, reporting bytes as they come; resolves to the version installed.
    fn install(
        &self,
        on_bytes: Box<dyn FnMut(u64, Option<u64>) + Send>,
    ) -> BoxFuture<Result<String, String>>;
    /// Starts the installed version in place of this one.
    fn restart(&self);
    /// Where new versions can be downloaded by hand.
    fn download_page(&self) -> String;
}

/// Transfers under way in every mode's engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Transfers {
    pub downloads: usize,
    pub uploads: usize,
}

impl Transfers {
    pub fn none(self) -> bool {
        self.downloads == 0 && self.uploads == 0
    }
}

impl AppState {
    /// Installs the real release server once the app exists, unless one was given.
    pub fn install_updates(&self, source: Arc<dyn UpdateSource>) {
        let mut slot = self.0.updates.write().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            *slot = Some(source);
        }
    }

    fn updates(&self) -> Result<Arc<dyn UpdateSource>, AppError> {
        self.0
            .updates
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| AppError::Update("This build looks for no updates.".into()))
    }

    /// Downloads and uploads under way, in the live and the demo mode alike.
    pub async fn transfers(&self) -> Result<Transfers, AppError> {
        let mut transfers = Transfers::default();
        for mode in [Mode::Live, Mode::Demo] {
            let Some(engine) = self.in_mode(mode).and_then(|m| m.current_engine()) else {
                continue;
            };
            let running = transfers_of(&engine).await?;
            transfers.downloads += running.downloads;
            transfers.uploads += running.uploads;
        }
        Ok(transfers)
    }
}

async fn transfers_of(engine: &Engine) -> Result<Transfers, AppError> {
    let downloads = engine
        .export_outcomes()
        .await?
        .iter()
        .flat_map(|outcome| &outcome.downloads)
        .filter(|d| matches!(d.state, DownloadState::Waiting | DownloadState::Downloading))
        .count();
    let uploads = engine
        .creations()
        .await?
        .iter()
        .filter(|c| c.state == CreationState::Uploading)
        .count();
    Ok(Transfers { downloads, uploads })
}

impl ModeState {
    /// Looks for a newer version. `automatic`: the look at start, made only when Settings
    /// allow it and none was made in the last day.
    /// A build made without a release server looks for nothing at start, and says so when
    /// asked.
    pub async fn check_for_update(&self, automatic: bool) -> Result<UpdateCheck, AppError> {
        let not_checked = UpdateCheck {
            checked: false,
            offer: None,
            problem: None,
        };
        let source = match self.app.updates() {
            Err(_) if automatic => return Ok(not_checked),
            source => source?,
        };
        if automatic {
            let allowed = self.settings().await?.check_updates;
            let last = self
                .with_store(|store| Ok(store.setting(CHECKED_AT)?))
                .await?;
            if !allowed || !due(last.as_deref(), SystemTime::now()) {
                return Ok(not_checked);
            }
            let now = seconds(SystemTime::now()).to_string();
            self.with_store(move |store| Ok(store.set_setting(CHECKED_AT, &now)?))
                .await?;
        }
        Ok(match source.check().await {
            Ok(offer) => UpdateCheck {
                checked: true,
                offer,
                problem: None,
            },
            Err(problem) => {
                tracing::info!("could not look for a newer version: {problem}");
                UpdateCheck {
                    checked: true,
                    offer: None,
                    problem: Some(problem),
                }
            }
        })
    }

    /// Opens the page new versions are downloaded from, for an install a package manager owns.
    pub async fn open_download_page(&self) -> Result<(), AppError> {
        let page = self.app.updates()?.download_page();
        self.desktop()?.open_web_page(&page).map_err(|why| {
            AppError::Update(format!("The download page could not be opened: {why}"))
        })
    }

    /// Installs the newer version once no transfer runs, reporting each step, then restarts.
    pub async fn install_update(
        &self,
        mut report: impl FnMut(InstallStep) + Send + 'static,
    ) -> Result<(), AppError> {
        let source = self.app.updates()?;
        let mut said = None;
        loop {
            let transfers = self.app.transfers().await?;
            if transfers.none() {
                break;
            }
            // Said again only when the counts change, not at every look.
            if said != Some(transfers) {
                report(InstallStep::Waiting {
                    downloads: transfers.downloads,
                    uploads: transfers.uploads,
                });
                said = Some(transfers);
            }
            tokio::time::sleep(BUSY_POLL).await;
        }
        let report = Arc::new(std::sync::Mutex::new(report));
        let on_bytes = {
            let report = report.clone();
            let mut bytes = 0;
            Box::new(move |chunk: u64, total: Option<u64>| {
                bytes += chunk;
                (report.lock().unwrap())(InstallStep::Downloading { bytes, total });
            })
        };
        let version = source.install(on_bytes).await.map_err(AppError::Update)?;
        (report.lock().unwrap())(InstallStep::Installed { version });
        source.restart();
        Ok(())
    }
}

/// Whether a day has passed since `last` (seconds since 1970, as stored); unreadable or
/// in the future counts as due.
fn due(last: Option<&str>, now: SystemTime) -> bool {
    let Some(last) = last.and_then(|text| text.parse::<u64>().ok()) else {
        return true;
    };
    let now = seconds(now);
    now < last || now - last >= DAY.as_secs()
}

fn seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_automatic_look_is_due_once_a_day() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert!(due(None, now));
        assert!(due(Some("not a time"), now));
        assert!(!due(Some("999000"), now), "17 minutes ago");
        assert!(due(Some("913600"), now), "a day ago");
        assert!(due(Some("2000000"), now), "a clock set back");
    }
}
