//! Downloads go only where they may and write only into files this app made: each test plays a
//! hostile export link or a file planted in the download folder.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_util::sync::CancellationToken;
use transfer::{
    http_client, transfer, LinkRenewer, TransferError, TransferOptions, TransferOutcome,
    TransferRequest,
};
use wayin_api::BaseUrl;

const BODY: &[u8] = b"a rendered clip";

/// A CDN on `ip` that answers every request with `BODY` and counts its connections.
async fn cdn(ip: &str) -> Option<(String, Arc<AtomicUsize>)> {
    let listener = tokio::net::TcpListener::bind((ip, 0)).await.ok()?;
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                BODY.len()
            );
            let _ = socket.write_all(head.as_bytes()).await;
            let _ = socket.write_all(BODY).await;
        }
    });
    Some((origin, connections))
}

fn unused_renewer() -> LinkRenewer {
    Arc::new(|| Box::pin(async { panic!("the link should not need renewing") }))
}

async fn fetch(api: &str, link: &str, dest: &Path) -> Result<TransferOutcome, TransferError> {
    // A pause long enough that a single retry would show in the elapsed time.
    let opts = TransferOptions {
        backoff: vec![Duration::from_secs(3)],
        ..TransferOptions::default()
    };
    transfer(
        &http_client(&BaseUrl::parse(api).unwrap()),
        TransferRequest {
            dest: dest.to_path_buf(),
            link: link.to_string(),
            expected_len: None,
        },
        unused_renewer(),
        &mut |_| {},
        &CancellationToken::new(),
        &opts,
    )
    .await
}

#[cfg(unix)]
fn sha256(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

#[tokio::test]
async fn an_export_link_on_another_loopback_host_is_refused_and_never_contacted() {
    // Tried: the API (on 127.0.0.1) hands out a link on 127.0.0.2, where a server listens.
    let Some((origin, connections)) = cdn("127.0.0.2").await else {
        eprintln!("127.0.0.2 cannot be bound here; skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let err = fetch(
        "http://127.0.0.1:1/api/v2",
        &format!("{origin}/cdn/a.mp4?sig=secret"),
        &dest,
    )
    .await
    .unwrap_err();
    assert_eq!(err.kind(), "link_refused", "{err}");
    let message = err.to_string();
    assert!(
        message.contains("127.0.0.2") && message.contains("refused"),
        "{message}"
    );
    assert!(!message.contains("secret"), "{message}");
    assert_eq!(connections.load(Ordering::SeqCst), 0);
    assert!(!dest.exists());
}

#[tokio::test]
async fn private_metadata_and_plain_http_links_are_refused_at_once() {
    // Tried: links on a private network, on the cloud metadata address, and plain http while
    // the API is https. Each fails at once (no retries) with a download error that says why.
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    for (link, says) in [
        ("https://10.0.0.7/cdn/a.mp4", "10.0.0.7"),
        ("https://192.168.1.1/cdn/a.mp4", "192.168.1.1"),
        (
            "https://169.254.169.254/latest/meta-data/",
            "169.254.169.254",
        ),
        ("http://cdn.example.com/a.mp4", "plain http"),
        ("file:///etc/passwd", "file"),
    ] {
        let started = std::time::Instant::now();
        let err = fetch("https://wayinvideo-api.wayin.ai/api/v2", link, &dest)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), "link_refused", "{link}: {err}");
        assert!(err.to_string().contains(says), "{link}: {err}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{link} was retried"
        );
    }
}

#[tokio::test]
async fn the_apis_own_host_still_serves_downloads() {
    // The local fake serves its CDN on the API's host over http: that must keep working.
    let (origin, connections) = cdn("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("clip.mp4");
    let done = fetch(
        "http://127.0.0.1:1/api/v2",
        &format!("{origin}/a.mp4"),
        &dest,
    )
    .await
    .unwrap();
    assert_eq!(done.bytes(), BODY.len() as u64);
    assert_eq!(std::fs::read(&dest).unwrap(), BODY);
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

/// Plants `<name>.part` as a link (made by `plant`) to another of the user's files, downloads,
/// and checks the other file is untouched and the part refused. Returns the error, the
/// planted part's path and its folder.
#[cfg(unix)]
async fn download_over_a_planted_part(
    plant: fn(&Path, &Path) -> std::io::Result<()>,
) -> (TransferError, std::path::PathBuf, tempfile::TempDir) {
    let (origin, _) = cdn("127.0.0.1").await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path();
    let victim = dir.join("precious.txt");
    std::fs::write(&victim, b"the user's own data, not a clip").unwrap();
    let before = sha256(&victim);
    let dest = dir.join("clip.mp4");
    let part = transfer::part_path(&dest);
    plant(&victim, &part).unwrap();

    let err = fetch(
        "http://127.0.0.1:1/api/v2",
        &format!("{origin}/a.mp4"),
        &dest,
    )
    .await
    .unwrap_err();

    assert_eq!(err.kind(), "part_refused", "{err}");
    assert_eq!(sha256(&victim), before);
    assert!(!dest.exists(), "nothing was moved into place");
    (err, part, folder)
}

#[cfg(unix)]
#[tokio::test]
async fn a_planted_part_symlink_leaves_its_target_untouched() {
    // Tried: someone with write access to the download folder plants `<name>.part` as a
    // symlink to another of the user's files, hoping the download writes into it.
    let (err, part, _folder) =
        download_over_a_planted_part(|victim, part| std::os::unix::fs::symlink(victim, part)).await;
    assert!(err.to_string().contains("left untouched"), "{err}");
    let planted = std::fs::symlink_metadata(part).unwrap();
    assert!(planted.file_type().is_symlink(), "the link itself is kept");
}

#[cfg(unix)]
#[tokio::test]
async fn a_planted_part_hard_link_leaves_the_other_file_untouched() {
    // Tried: the same with a hard link, which no symlink check sees.
    download_over_a_planted_part(|victim, part| std::fs::hard_link(victim, part)).await;
}

#[cfg(unix)]
#[tokio::test]
async fn a_destination_that_is_a_symlink_is_never_taken_as_the_download() {
    // Tried: the destination name is a symlink to a file with exactly the clip's bytes, so a
    // content comparison alone would call the clip already downloaded and record the link.
    let (origin, _) = cdn("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere.mp4");
    std::fs::write(&elsewhere, BODY).unwrap();
    let dest = dir.path().join("clip.mp4");
    std::os::unix::fs::symlink(&elsewhere, &dest).unwrap();

    let err = fetch(
        "http://127.0.0.1:1/api/v2",
        &format!("{origin}/a.mp4"),
        &dest,
    )
    .await
    .unwrap_err();

    assert_eq!(err.kind(), "destination_exists", "{err}");
    assert!(std::fs::symlink_metadata(&dest)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read(&elsewhere).unwrap(), BODY);
}
