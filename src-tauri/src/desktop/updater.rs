//! The release server through Tauri's updater plugin, which checks every download's
//! minisign signature (and the version signed into it) against the release key before
//! anything is installed. The server's address and the key are fixed when the app is built;
//! the page can neither see nor change them (no plugin permission is granted).

use std::path::PathBuf;
use std::time::Duration;

use app::desktop::BoxFuture;
use app::{UpdateOffer, UpdateSource};
use tauri::{AppHandle, Runtime, Url};
use tauri_plugin_updater::{Error as UpdaterError, UpdaterExt};

/// Where releases are announced and what they are signed with.
#[derive(Debug, Clone)]
pub struct ReleaseSource {
    /// The manifest (`latest.json`): the only request a check makes, with no query and no
    /// header but the plugin's user agent.
    pub manifest: Url,
    /// The release key's public half (base64 of the minisign public key file).
    pub pubkey: String,
    /// Where a new version can be downloaded by hand.
    pub download_page: String,
    /// The AppImage this app runs from (`APPIMAGE`): the file an update replaces. On Linux
    /// without one, a package manager owns the install and is only told.
    pub appimage: Option<PathBuf>,
    pub timeout: Duration,
}

impl ReleaseSource {
    /// The address and key this build was made with (`WAYIN_UPDATE_MANIFEST` and
    /// `WAYIN_UPDATE_PUBKEY` when it was compiled); none for a build made without them. A
    /// debug build also takes them from the environment at run time, so tests can point it
    /// at a server and key of their own.
    pub fn of_this_build() -> Option<Self> {
        let from_build = || {
            Some((
                option_env!("WAYIN_UPDATE_MANIFEST")?.to_string(),
                option_env!("WAYIN_UPDATE_PUBKEY")?.to_string(),
            ))
        };
        let from_run = || {
            if !cfg!(debug_assertions) {
                return None;
            }
            Some((
                std::env::var("WAYIN_UPDATE_MANIFEST").ok()?,
                std::env::var("WAYIN_UPDATE_PUBKEY").ok()?,
            ))
        };
        let (manifest, pubkey) = from_run().or_else(from_build)?;
        Some(Self {
            manifest: manifest.parse().ok()?,
            pubkey,
            download_page: option_env!("WAYIN_DOWNLOAD_PAGE")
                .unwrap_or(DOWNLOAD_PAGE)
                .to_string(),
            appimage: std::env::var_os("APPIMAGE").map(PathBuf::from),
            timeout: Duration::from_secs(30),
        })
    }

    /// Whether an update may replace this install: an AppImage, a macOS app or a Windows
    /// install, but not what a package manager put in place.
    pub fn installs_itself(&self) -> bool {
        !cfg!(target_os = "linux") || self.appimage.is_some()
    }
}

/// Where releases are published unless the build names another page.
const DOWNLOAD_PAGE: &str = "https://github.com/wayin-clip-exporter/wayin-clip-exporter/releases";

/// What an installed update does next with the app.
type AfterInstall<R> = Box<dyn Fn(&AppHandle<R>) + Send + Sync>;

/// The release server for the window's app.
pub struct PluginUpdates<R: Runtime> {
    app: AppHandle<R>,
    source: ReleaseSource,
    /// What an installed update does next: restart the app (a test records it instead).
    after_install: AfterInstall<R>,
}

impl<R: Runtime> PluginUpdates<R> {
    pub fn new(app: AppHandle<R>, source: ReleaseSource) -> Self {
        Self {
            app,
            source,
            after_install: Box::new(|app| app.restart()),
        }
    }

    /// As `new`, doing `after_install` in place of restarting.
    pub fn with_after_install(
        app: AppHandle<R>,
        source: ReleaseSource,
        after_install: impl Fn(&AppHandle<R>) + Send + Sync + 'static,
    ) -> Self {
        Self {
            after_install: Box::new(after_install),
            ..Self::new(app, source)
        }
    }

    fn updater(&self) -> Result<tauri_plugin_updater::Updater, String> {
        let mut builder = self
            .app
            .updater_builder()
            .endpoints(vec![self.source.manifest.clone()])
            .map_err(explain)?
            .pubkey(self.source.pubkey.clone())
            .timeout(self.source.timeout);
        if let Some(appimage) = &self.source.appimage {
            builder = builder.executable_path(appimage);
        }
        builder.build().map_err(explain)
    }
}

impl<R: Runtime> UpdateSource for PluginUpdates<R> {
    fn check(&self) -> BoxFuture<Result<Option<UpdateOffer>, String>> {
        let updater = self.updater();
        let source = self.source.clone();
        Box::pin(async move {
            let update = updater?.check().await.map_err(explain)?;
            Ok(update.map(|update| source.offer(&update)))
        })
    }

    fn install(
        &self,
        mut on_bytes: Box<dyn FnMut(u64, Option<u64>) + Send>,
    ) -> BoxFuture<Result<String, String>> {
        let updater = self.updater();
        let source = self.source.clone();
        Box::pin(async move {
            let update = updater?
                .check()
                .await
                .map_err(explain)?
                .ok_or("No newer version is offered any more.")?;
            if !source.installs_itself() {
                return Err(format!(
                    "Version {} is out. This copy was installed by the system's package manager: get the new package from {}.",
                    update.version, source.download_page
                ));
            }
            update
                .download_and_install(|chunk, total| on_bytes(chunk as u64, total), || {})
                .await
                .map_err(explain)?;
            Ok(update.version)
        })
    }

    fn restart(&self) {
        (self.after_install)(&self.app)
    }

    fn download_page(&self) -> String {
        self.source.download_page.clone()
    }
}

impl ReleaseSource {
    fn offer(&self, update: &tauri_plugin_updater::Update) -> UpdateOffer {
        UpdateOffer {
            version: update.version.clone(),
            current: update.current_version.clone(),
            notes: update.body.clone(),
            date: update
                .raw_json
                .get("pub_date")
                .and_then(|date| date.as_str())
                .map(String::from),
            installs_itself: self.installs_itself(),
            download_page: self.download_page.clone(),
        }
    }
}

/// The plugin's error as a sentence for the person: a signature that does not match is
/// named as such, since it is the one that must never be shrugged off.
fn explain(err: UpdaterError) -> String {
    match err {
        UpdaterError::Minisign(_)
        | UpdaterError::SignatureUtf8(_)
        | UpdaterError::SignedVersionMismatch { .. }
        | UpdaterError::MissingSignedVersion => format!(
            "The new version's signature does not match this app's release key, so nothing was installed ({err})."
        ),
        UpdaterError::Reqwest(_) | UpdaterError::Network(_) => {
            format!("The release server could not be reached ({err}).")
        }
        UpdaterError::ReleaseNotFound
        | UpdaterError::Serialization(_)
        | UpdaterError::TargetsNotFound(_)
        | UpdaterError::TargetNotFound(_) => {
            format!("The release server's answer could not be read ({err}).")
        }
        other => format!("The update could not be installed ({other})."),
    }
}
