//! Uploads to the fake's storage host through tickets from its API: the file is streamed, its
//! length stated, no key sent; every way an upload can fail ends in an error that says what to
//! do next, and a link that expired, a host that broke off or a file that changed is told apart.

use std::path::{Path, PathBuf};
use std::time::Duration;

use fake_wayin::{FakeConfig, FakeServer, FaultScope, Faults};
use tokio_util::sync::CancellationToken;
use transfer::upload::{upload, FileStamp, UploadError, UploadRequest};
use transfer::Progress;
use wayin_api::create::{UploadFile, UploadTicket};
use wayin_api::{ApiKey, BaseUrl, ClientConfig, WayinClient};

const EVERY: Duration = Duration::from_millis(5);

struct Storage {
    server: FakeServer,
    client: WayinClient,
    http: wayin_api::FetchClient,
    dir: tempfile::TempDir,
}

impl Storage {
    async fn start(config: FakeConfig) -> Self {
        let server = FakeServer::start(FakeConfig {
            rate_limit: 0,
            ..config
        })
        .await
        .unwrap();
        let base = BaseUrl::parse(&server.base_url()).unwrap();
        let client = WayinClient::new(ClientConfig::new(
            base.clone(),
            ApiKey::new(server.api_key()).unwrap(),
        ))
        .unwrap();
        Self {
            http: transfer::http_client(&base),
            server,
            client,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A video of `len` bytes in the test's folder.
    fn video(&self, name: &str, len: usize) -> PathBuf {
        let path = self.dir.path().join(name);
        let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    async fn ticket(&self, path: &Path) -> UploadTicket {
        let file = UploadFile::check(
            path.file_name().unwrap().to_str().unwrap(),
            std::fs::metadata(path).unwrap().len(),
        )
        .unwrap();
        self.client.upload_ticket(&file).await.unwrap()
    }

    async fn send(
        &self,
        path: &Path,
        url: &str,
        on_progress: &mut (dyn FnMut(Progress) + Send),
        cancel: &CancellationToken,
    ) -> Result<u64, UploadError> {
        let request = UploadRequest {
            path,
            url,
            content_type: "video/mp4",
            stamp: FileStamp::of(path).unwrap(),
        };
        upload(&self.http, request, on_progress, cancel, EVERY).await
    }
}

#[tokio::test]
async fn a_file_is_streamed_whole_with_its_length_and_no_key() {
    let storage = Storage::start(FakeConfig::default()).await;
    let path = storage.video("talk.mp4", 3 * 1024 * 1024 + 17);
    let ticket = storage.ticket(&path).await;
    let mut reports = Vec::new();
    let sent = storage
        .send(
            &path,
            &ticket.upload_url,
            &mut |p| reports.push(p),
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(sent, 3 * 1024 * 1024 + 17);
    let record = &storage.server.control().uploads()[0];
    assert_eq!(record.received, Some(sent));
    assert_eq!(record.content_type.as_deref(), Some("video/mp4"));
    assert!(!record.sent_authorization);
    assert_eq!(reports.first().map(|p| p.bytes_done), Some(0));
    let last = reports.last().unwrap();
    assert!(last.finished && last.bytes_done == sent && last.total == Some(sent));
    assert!(reports
        .windows(2)
        .all(|w| w[0].bytes_done <= w[1].bytes_done));
}

#[tokio::test]
async fn an_expired_link_asks_for_a_new_one_and_a_refusal_keeps_the_stores_words() {
    let storage = Storage::start(FakeConfig {
        max_upload_bytes: 1000,
        ..FakeConfig::default()
    })
    .await;
    let big = storage.video("big.mov", 1001);
    let ticket = storage.ticket(&big).await;
    let err = storage
        .send(
            &big,
            &ticket.upload_url,
            &mut |_| {},
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();
    match &err {
        UploadError::Refused { status, code, .. } => {
            assert_eq!((*status, code.as_str()), (400, "EntityTooLarge"))
        }
        other => panic!("{other:?}"),
    }
    assert!(!err.is_retryable());

    storage.server.control().set_faults(
        FaultScope::Global,
        Faults {
            upload_ttl_ms: Some(0),
            ..Faults::default()
        },
    );
    let small = storage.video("small.mp4", 10);
    let ticket = storage.ticket(&small).await;
    let err = storage
        .send(
            &small,
            &ticket.upload_url,
            &mut |_| {},
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(err, UploadError::LinkExpired);
}

#[tokio::test]
async fn a_connection_broken_off_can_be_sent_again_on_the_same_link() {
    let storage = Storage::start(FakeConfig::default()).await;
    storage.server.control().set_faults(
        FaultScope::Global,
        Faults {
            drop_upload_after_bytes: Some(512 * 1024),
            ..Faults::default()
        },
    );
    let path = storage.video("talk.webm", 2 * 1024 * 1024);
    let ticket = storage.ticket(&path).await;
    let cancel = CancellationToken::new();
    let err = storage
        .send(&path, &ticket.upload_url, &mut |_| {}, &cancel)
        .await
        .unwrap_err();
    assert!(err.is_retryable(), "{err:?}");
    let sent = storage
        .send(&path, &ticket.upload_url, &mut |_| {}, &cancel)
        .await
        .unwrap();
    assert_eq!(storage.server.control().uploads()[0].received, Some(sent));
}

#[tokio::test]
async fn a_file_changed_before_or_while_it_is_sent_is_not_uploaded() {
    let storage = Storage::start(FakeConfig::default()).await;
    let path = storage.video("edit.mp4", 1024 * 1024);
    let ticket = storage.ticket(&path).await;
    let stamp = FileStamp::of(&path).unwrap();
    std::fs::write(&path, b"saved again").unwrap();
    let request = UploadRequest {
        path: &path,
        url: &ticket.upload_url,
        content_type: "video/mp4",
        stamp,
    };
    let err = upload(
        &storage.http,
        request,
        &mut |_| {},
        &CancellationToken::new(),
        EVERY,
    )
    .await
    .unwrap_err();
    assert_eq!(err, UploadError::FileChanged { path: path.clone() });
    assert_eq!(
        storage.server.control().uploads()[0].puts,
        0,
        "nothing was sent"
    );

    let path = storage.video("growing.mp4", 4 * 1024 * 1024);
    let ticket = storage.ticket(&path).await;
    let appender = path.clone();
    let mut grown = false;
    let err = storage
        .send(
            &path,
            &ticket.upload_url,
            &mut move |_| {
                if !grown {
                    grown = true;
                    use std::io::Write;
                    let mut file = std::fs::OpenOptions::new()
                        .append(true)
                        .open(&appender)
                        .unwrap();
                    file.write_all(&[1; 4096]).unwrap();
                }
            },
            &CancellationToken::new(),
        )
        .await
        .unwrap_err();
    // Whatever the storage host kept of it, the upload is reported failed: its identity is
    // never used for a project.
    assert_eq!(err, UploadError::FileChanged { path: path.clone() });
}

#[tokio::test]
async fn a_cancelled_upload_stops_and_nothing_is_stored() {
    let storage = Storage::start(FakeConfig::default()).await;
    let path = storage.video("long.mp4", 64 * 1024 * 1024);
    let ticket = storage.ticket(&path).await;
    let cancel = CancellationToken::new();
    let stopper = cancel.clone();
    let err = storage
        .send(
            &path,
            &ticket.upload_url,
            &mut move |_| stopper.cancel(),
            &cancel,
        )
        .await
        .unwrap_err();
    assert_eq!(err, UploadError::Cancelled);
    assert_eq!(storage.server.control().uploads()[0].received, None);
}

#[tokio::test]
async fn links_to_other_hosts_and_files_that_are_links_are_refused_before_sending() {
    let storage = Storage::start(FakeConfig::default()).await;
    let path = storage.video("talk.mp4", 100);
    for url in [
        "http://10.0.0.1/storage/x",
        "file:///etc/passwd",
        "not a url",
    ] {
        let err = storage
            .send(&path, url, &mut |_| {}, &CancellationToken::new())
            .await
            .unwrap_err();
        assert!(
            matches!(err, UploadError::LinkRefused { .. }),
            "{url}: {err:?}"
        );
    }
    #[cfg(unix)]
    {
        let link = storage.dir.path().join("link.mp4");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        let err = FileStamp::of(&link).unwrap_err();
        assert!(matches!(err, UploadError::Unreadable { .. }), "{err:?}");
    }
}
