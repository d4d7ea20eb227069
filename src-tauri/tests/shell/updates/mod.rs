//! Updates through Tauri's real updater plugin, against a release server on loopback and a
//! release key made here: the signed round trip into an AppImage, and every way a release
//! can be wrong (tampered file or signature, a version not newer, garbage, a 404, silence).

mod server;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::InstallStep;
use serde_json::json;
use wayin_clip_exporter::desktop::updater::{PluginUpdates, ReleaseSource};

use crate::common::{demo_app, fake, live_app, Asked, Dirs, TestApp, PODCAST};
use server::{ReleaseServer, Reply};

/// An AppImage is an ELF executable, and the updater installs nothing that is not one: the
/// two stand-ins start with its magic number and are long enough to be taken for one.
const OLD_APPIMAGE: &[u8] =
    b"\x7fELF the AppImage running now, version 0.1.0, padded past the ELF header's length";
const NEW_APPIMAGE: &[u8] =
    b"\x7fELF the AppImage of the next release, 0.2.0, padded past the ELF header's length too";

/// A release key made for the test, and a server announcing `version` signed with it.
struct Release {
    server: ReleaseServer,
    keys: release::KeyPair,
    folder: tempfile::TempDir,
}

impl Release {
    fn new() -> Self {
        Self {
            server: ReleaseServer::start(),
            keys: release::generate_key_pair("").unwrap(),
            folder: tempfile::tempdir().unwrap(),
        }
    }

    /// Announces `version` with `artifact` as the file and `signature` as its signature.
    fn announce(&self, version: &str, artifact: &[u8], signature: &str) {
        let manifest = json!({
            "version": version,
            "notes": "Faster downloads.\nCaptions in Hindi.",
            "pub_date": "2026-12-01T10:00:00Z",
            "platforms": {
                "linux-x86_64": {"url": self.server.url("/app.AppImage"), "signature": signature},
                "windows-x86_64": {"url": self.server.url("/app.exe"), "signature": signature},
                "darwin-x86_64": {"url": self.server.url("/app.tar.gz"), "signature": signature},
                "darwin-aarch64": {"url": self.server.url("/app.tar.gz"), "signature": signature},
            }
        });
        self.server.reply(
            "/latest.json",
            Reply::Body(serde_json::to_vec(&manifest).unwrap()),
        );
        self.server
            .reply("/app.AppImage", Reply::Body(artifact.to_vec()));
    }

    /// Announces 0.2.0, rightly signed.
    fn announce_next(&self) {
        self.announce("0.2.0", NEW_APPIMAGE, &self.signed(NEW_APPIMAGE, "0.2.0"));
    }

    fn signed(&self, data: &[u8], version: &str) -> String {
        release::sign(&self.keys.secret, "", data, "app.AppImage", version).unwrap()
    }

    /// The AppImage the app runs from, holding the old version.
    fn appimage(&self) -> PathBuf {
        let path = self.folder.path().join("Wayin Clip Exporter.AppImage");
        if !path.exists() {
            std::fs::write(&path, OLD_APPIMAGE).unwrap();
        }
        path
    }

    fn source(&self, appimage: Option<PathBuf>) -> ReleaseSource {
        ReleaseSource {
            manifest: self.server.url("/latest.json").parse().unwrap(),
            pubkey: self.keys.public.clone(),
            download_page: "https://example.org/download".into(),
            appimage,
            timeout: Duration::from_secs(2),
        }
    }

    /// Gives `app` this release server; true in the flag once it would restart.
    fn serve(&self, app: &TestApp, appimage: Option<PathBuf>) -> Arc<AtomicBool> {
        let restarted = Arc::new(AtomicBool::new(false));
        let flag = restarted.clone();
        let updates = PluginUpdates::with_after_install(
            app.app.handle().clone(),
            self.source(appimage),
            move |_| flag.store(true, Ordering::SeqCst),
        );
        app.state.install_updates(Arc::new(updates));
        restarted
    }
}

/// Installs through the application, keeping each step it reports.
fn install(app: &TestApp) -> (Result<(), app::AppError>, Vec<InstallStep>) {
    let steps = Arc::new(Mutex::new(Vec::new()));
    let kept = steps.clone();
    let outcome = tauri::async_runtime::block_on(
        app.state
            .current()
            .install_update(move |step| kept.lock().unwrap().push(step)),
    );
    let steps = steps.lock().unwrap().clone();
    (outcome, steps)
}

#[test]
fn a_signed_newer_release_replaces_the_appimage_and_restarts_into_it() {
    let release = Release::new();
    release.announce_next();
    let app = demo_app();
    let appimage = release.appimage();
    let restarted = release.serve(&app, Some(appimage.clone()));

    let checked = app.ok("update_check", json!({"automatic": false}));
    assert_eq!(checked["offer"]["version"], "0.2.0", "{checked}");
    assert_eq!(checked["offer"]["current"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        checked["offer"]["notes"],
        "Faster downloads.\nCaptions in Hindi."
    );
    assert_eq!(checked["offer"]["installsItself"], true);

    let (outcome, steps) = install(&app);
    outcome.unwrap();
    assert_eq!(std::fs::read(&appimage).unwrap(), NEW_APPIMAGE);
    assert!(restarted.load(Ordering::SeqCst));
    assert!(
        steps.contains(&InstallStep::Downloading {
            bytes: NEW_APPIMAGE.len() as u64,
            total: Some(NEW_APPIMAGE.len() as u64)
        }),
        "{steps:?}"
    );
    assert_eq!(
        steps.last(),
        Some(&InstallStep::Installed {
            version: "0.2.0".into()
        })
    );
}

/// Tried: one byte of the file changed after signing; a signature made with another key;
/// the signature of the old release offered under the new version's number.
#[test]
fn a_tampered_release_is_refused_and_the_appimage_is_untouched() {
    let release = Release::new();
    let app = demo_app();
    let appimage = release.appimage();
    let restarted = release.serve(&app, Some(appimage.clone()));

    let mut tampered = NEW_APPIMAGE.to_vec();
    tampered[10] ^= 1;
    let stranger = release::generate_key_pair("").unwrap();
    let foreign =
        release::sign(&stranger.secret, "", NEW_APPIMAGE, "app.AppImage", "0.2.0").unwrap();
    let old_version = release.signed(NEW_APPIMAGE, "0.1.5");
    for (what, artifact, signature) in [
        (
            "a changed byte",
            tampered.as_slice(),
            release.signed(NEW_APPIMAGE, "0.2.0"),
        ),
        ("another key", NEW_APPIMAGE, foreign),
        ("another version's signature", NEW_APPIMAGE, old_version),
    ] {
        release.announce("0.2.0", artifact, &signature);
        let (outcome, _) = install(&app);
        let err = outcome.expect_err(what);
        assert_eq!(err.kind(), app::ErrorKind::Update, "{what}: {err}");
        assert!(err.to_string().contains("signature"), "{what}: {err}");
        assert_eq!(std::fs::read(&appimage).unwrap(), OLD_APPIMAGE, "{what}");
        assert!(!restarted.load(Ordering::SeqCst), "{what}");
    }
}

#[test]
fn the_same_or_an_older_version_is_not_offered() {
    let release = Release::new();
    let app = demo_app();
    release.serve(&app, Some(release.appimage()));
    for version in [env!("CARGO_PKG_VERSION"), "0.0.9"] {
        release.announce(
            version,
            NEW_APPIMAGE,
            &release.signed(NEW_APPIMAGE, version),
        );
        let checked = app.ok("update_check", json!({"automatic": false}));
        assert_eq!(checked["offer"], json!(null), "{version}: {checked}");
        assert_eq!(checked["problem"], json!(null), "{version}: {checked}");
    }
}

/// Tried: a manifest that is not JSON, one without platforms, a 404, a 500, and a server
/// that takes the request and never answers (the check gives up after its timeout).
#[test]
fn a_broken_or_silent_release_server_offers_nothing_and_harms_nothing() {
    let release = Release::new();
    let app = demo_app();
    release.serve(&app, Some(release.appimage()));
    for (what, reply) in [
        (
            "garbage",
            Reply::Body(b"<html>captive portal</html>".to_vec()),
        ),
        (
            "no platforms",
            Reply::Body(br#"{"version":"0.2.0"}"#.to_vec()),
        ),
        ("a 404", Reply::Status(404)),
        ("a 500", Reply::Status(500)),
        ("silence", Reply::Silence),
    ] {
        release.server.reply("/latest.json", reply);
        let checked = app.ok("update_check", json!({"automatic": false}));
        assert_eq!(checked["offer"], json!(null), "{what}: {checked}");
        assert!(checked["problem"].is_string(), "{what}: {checked}");
        assert_eq!(app.ok("app_info", json!({}))["demo"], true, "{what}");
    }
    assert_eq!(std::fs::read(release.appimage()).unwrap(), OLD_APPIMAGE);
}

#[test]
fn looking_for_updates_sends_no_key_and_nothing_but_the_manifests_address() {
    let server = fake();
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    let release = Release::new();
    release.announce_next();
    release.serve(&app, Some(release.appimage()));
    app.ok("exports_list", json!({}));
    app.ok("update_check", json!({"automatic": false}));
    install(&app).0.unwrap();

    let requests = release.server.requests();
    let paths: Vec<&str> = requests.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["/latest.json", "/latest.json", "/app.AppImage"]);
    for request in &requests {
        for (name, value) in &request.headers {
            assert!(
                [
                    "host",
                    "user-agent",
                    "accept",
                    "accept-encoding",
                    "connection"
                ]
                .contains(&name.as_str()),
                "{} sent {name}: {value}",
                request.path
            );
            assert!(!value.contains(server.api_key()), "{name}: {value}");
        }
    }
}

#[test]
fn a_package_manager_install_is_told_where_to_get_the_new_version() {
    let release = Release::new();
    release.announce_next();
    let app = demo_app();
    let restarted = release.serve(&app, None);
    let checked = app.ok("update_check", json!({"automatic": false}));
    let offer = &checked["offer"];
    assert_eq!(
        offer["installsItself"],
        !cfg!(target_os = "linux"),
        "{checked}"
    );
    assert_eq!(offer["downloadPage"], "https://example.org/download");
    if cfg!(target_os = "linux") {
        let err = install(&app).0.unwrap_err();
        assert!(
            err.to_string().contains("https://example.org/download"),
            "{err}"
        );
        assert!(!restarted.load(Ordering::SeqCst));
        assert_eq!(
            release.server.requests().last().unwrap().path,
            "/latest.json",
            "nothing was downloaded"
        );
    }
    app.ok("update_download_page", json!({}));
    assert_eq!(
        app.desktop.asked().last(),
        Some(&Asked::OpenWebPage("https://example.org/download".into())),
        "the build's page, in the system's browser"
    );
}

/// Tried: an install asked for while a clip's download keeps being cut and retried.
#[test]
fn an_install_waits_while_a_download_runs_and_says_so() {
    let server = fake();
    server.control().set_faults(
        fake_wayin::FaultScope::Project(PODCAST.into()),
        fake_wayin::Faults {
            drop_after_bytes: Some(1000),
            drop_times: 1000,
            ..Default::default()
        },
    );
    let dirs = Dirs::new();
    let app = live_app(&server, &dirs);
    let release = Release::new();
    release.announce_next();
    let appimage = release.appimage();
    release.serve(&app, Some(appimage.clone()));
    let submitted = app.ok(
        "export_submit",
        json!({"projectId": PODCAST, "clips": [0], "options": {}}),
    );
    let engine = tauri::async_runtime::block_on(app.state.current().engine()).unwrap();
    let id = submitted["id"].as_i64().unwrap();
    let running = || {
        let transfers = tauri::async_runtime::block_on(app.state.transfers()).unwrap();
        transfers.downloads > 0
    };
    for _ in 0..100 {
        if running() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(running(), "the clip is downloading");

    let steps = Arc::new(Mutex::new(Vec::new()));
    let kept = steps.clone();
    let state = app.state.current();
    let installing = tauri::async_runtime::spawn(async move {
        state
            .install_update(move |step| kept.lock().unwrap().push(step))
            .await
    });
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        *steps.lock().unwrap(),
        [InstallStep::Waiting {
            downloads: 1,
            uploads: 0
        }],
        "said once, not at every look"
    );
    assert_eq!(std::fs::read(&appimage).unwrap(), OLD_APPIMAGE);
    assert!(!installing.inner().is_finished());

    let outcome = tauri::async_runtime::block_on(engine.export_outcome(id)).unwrap();
    for download in &outcome.downloads {
        tauri::async_runtime::block_on(engine.cancel_download(download.id)).unwrap();
    }
    tauri::async_runtime::block_on(installing).unwrap().unwrap();
    assert_eq!(std::fs::read(&appimage).unwrap(), NEW_APPIMAGE);
}
