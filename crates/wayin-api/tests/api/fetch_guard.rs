//! URLs the API names (thumbnails, export links) are fetched only where they may go: each test
//! plays a hostile or compromised API answer and proves the request never arrives.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wayin_api::fetch_guard::refusal_of;
use wayin_api::{BaseUrl, FetchClient, FetchGuard};

/// A server on `ip` that counts the connections it accepts and answers each with `answer`.
struct Listener {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
}

impl Listener {
    async fn start(ip: &str, answer: String) -> Option<Listener> {
        // 127.0.0.2 is routed to loopback on Linux but not configured on every system.
        let listener = TcpListener::bind((ip, 0)).await.ok()?;
        let addr = listener.local_addr().unwrap();
        let connections = Arc::new(AtomicUsize::new(0));
        let counted = connections.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::SeqCst);
                let mut buf = vec![0u8; 4096];
                let _ = socket.read(&mut buf).await;
                let _ = socket.write_all(answer.as_bytes()).await;
            }
        });
        Some(Listener { addr, connections })
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

fn ok_answer() -> String {
    "HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok".to_string()
}

fn redirect_to(location: &str) -> String {
    format!("HTTP/1.1 302 Found\r\nlocation: {location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
}

fn client_for(api: &str) -> FetchClient {
    let guard = FetchGuard::for_api(&BaseUrl::parse(api).unwrap());
    FetchClient::new(guard, |b| b.timeout(Duration::from_secs(5))).unwrap()
}

#[tokio::test]
async fn another_loopback_host_than_the_apis_is_never_contacted() {
    // Tried: the API (on 127.0.0.1) names a URL on 127.0.0.2, where something listens.
    let Some(target) = Listener::start("127.0.0.2", ok_answer()).await else {
        eprintln!("127.0.0.2 cannot be bound here; skipped");
        return;
    };
    let client = client_for("http://127.0.0.1:1/api/v2");
    let refused = client
        .get(&format!("http://{}/thumb.jpg", target.addr))
        .unwrap_err();
    assert!(refused.to_string().contains("127.0.0.2"), "{refused}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(target.connections(), 0);

    // The API's own host stays reachable (the local fake serves its CDN there).
    let own = Listener::start("127.0.0.1", ok_answer()).await.unwrap();
    let answer = client
        .get(&format!("http://{}/thumb.jpg", own.addr))
        .unwrap()
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
}

#[tokio::test]
async fn a_name_that_resolves_to_loopback_is_refused_on_the_resolved_address() {
    // Tried: a public-looking name whose address is internal (DNS rebinding): "localhost"
    // passes any check of the URL text; only the resolved address gives it away.
    let target = Listener::start("127.0.0.1", ok_answer()).await.unwrap();
    let client = client_for("https://wayinvideo-api.wayin.ai/api/v2");
    let err = client
        .get(&format!("https://localhost:{}/x.jpg", target.addr.port()))
        .expect("the URL text names no address")
        .send()
        .await
        .unwrap_err();
    let refused = refusal_of(&err).expect("refused by the guard, not a network failure");
    assert!(refused.to_string().contains("localhost"), "{refused}");
    assert_eq!(target.connections(), 0);
}

#[tokio::test]
async fn a_redirect_from_an_allowed_host_to_loopback_is_not_followed() {
    // Tried: the allowed CDN host answers 302 to another loopback host, over https (the
    // address is refused) and over http (the scheme is refused as well).
    let Some(target) = Listener::start("127.0.0.2", ok_answer()).await else {
        eprintln!("127.0.0.2 cannot be bound here; skipped");
        return;
    };
    for location in [
        format!("https://{}/x.jpg", target.addr),
        format!("http://{}/x.jpg", target.addr),
        "https://169.254.169.254/latest/meta-data/".to_string(),
    ] {
        let cdn = Listener::start("127.0.0.1", redirect_to(&location))
            .await
            .unwrap();
        let client = client_for(&format!("http://127.0.0.1:{}/api/v2", cdn.addr.port()));
        let err = client
            .get(&format!("http://{}/x.jpg", cdn.addr))
            .unwrap()
            .send()
            .await
            .unwrap_err();
        assert!(err.is_redirect(), "{err:?}");
        assert!(refusal_of(&err).is_some(), "{location}: {err:?}");
        assert_eq!(cdn.connections(), 1);
    }
    assert_eq!(target.connections(), 0);
}

#[tokio::test]
async fn link_local_file_and_downgraded_urls_are_refused_before_any_request() {
    // Tried: a cloud metadata address, a local file, and plain http while the API is https.
    let client = client_for("https://wayinvideo-api.wayin.ai/api/v2");
    for (url, says) in [
        (
            "https://169.254.169.254/latest/meta-data/",
            "169.254.169.254",
        ),
        ("file:///etc/passwd", "file"),
        ("http://cdn.example.com/a.jpg", "plain http"),
        ("https://[fd00::1]/a.jpg", "fd00::1"),
    ] {
        let refused = client.get(url).unwrap_err();
        assert!(refused.to_string().contains(says), "{url}: {refused}");
    }
}
