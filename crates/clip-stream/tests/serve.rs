//! The loopback clip server as the player and as an attacker meet it.

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;

fn fixture() -> (tempfile::TempDir, Vec<u8>, common::Running) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Clip 01 – été 🔥.mp4");
    let data: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    std::fs::write(&path, &data).unwrap();
    let server = common::serve(HashMap::from([(3, path)]));
    (dir, data, server)
}

fn client() -> reqwest::Client {
    common::client_builder().build().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_url_is_loopback_with_a_long_token_then_its_shelf() {
    let (_dir, _data, server) = fixture();
    let url = server.url(3);
    let rest = url.strip_prefix("http://127.0.0.1:").expect(&url);
    let (_port, path) = rest.split_once('/').unwrap();
    let (token, name) = path.split_once('/').unwrap();
    assert_eq!(token.len(), 32, "128 bits of token: {url}");
    assert_eq!(name, "live/3.mp4", "the shelf, then the id");
    let other = common::serve(HashMap::new());
    assert_ne!(
        other.base.split('/').nth(3),
        Some(token),
        "each launch has its own token"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_range_is_answered_with_206_and_exactly_its_bytes() {
    let (_dir, data, server) = fixture();
    let answer = client()
        .get(server.url(3))
        .header("Range", "bytes=1000-1999")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 206);
    assert_eq!(answer.headers()["content-range"], "bytes 1000-1999/100000");
    assert_eq!(answer.headers()["content-length"], "1000");
    assert_eq!(answer.headers()["accept-ranges"], "bytes");
    assert_eq!(answer.headers()["content-type"], "video/mp4");
    assert_eq!(&answer.bytes().await.unwrap()[..], &data[1000..2000]);

    // What a player sends first and after a seek: from an offset to the end.
    let answer = client()
        .get(server.url(3))
        .header("Range", "bytes=99000-")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 206);
    assert_eq!(&answer.bytes().await.unwrap()[..], &data[99_000..]);
    let answer = client()
        .get(server.url(3))
        .header("Range", "bytes=-10")
        .send()
        .await
        .unwrap();
    assert_eq!(&answer.bytes().await.unwrap()[..], &data[99_990..]);
}

#[tokio::test(flavor = "multi_thread")]
async fn no_range_is_the_whole_file_and_head_is_its_headers_alone() {
    let (_dir, data, server) = fixture();
    let answer = client().get(server.url(3)).send().await.unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["content-length"], "100000");
    assert_eq!(&answer.bytes().await.unwrap()[..], &data[..]);

    let answer = client()
        .head(server.url(3))
        .header("Range", "bytes=10-19")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 206);
    assert_eq!(answer.headers()["content-length"], "10");
    assert!(answer.bytes().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_range_past_the_end_is_416_with_the_length() {
    let (_dir, _data, server) = fixture();
    let answer = client()
        .get(server.url(3))
        .header("Range", "bytes=100000-")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 416);
    assert_eq!(answer.headers()["content-range"], "bytes */100000");
}

// Tried: a wrong token (one digit off), no token, the token of another launch,
// an id the app does not hand out, the right id on another shelf or on none, a path
// that climbs out, a write method.
#[tokio::test(flavor = "multi_thread")]
async fn only_this_launchs_token_and_the_apps_ids_are_served() {
    let (_dir, _data, server) = fixture();
    let good = server.url(3);
    let token = good.split('/').nth(3).unwrap().to_string();
    let mut off_by_one = token.clone().into_bytes();
    off_by_one[31] = if off_by_one[31] == b'0' { b'1' } else { b'0' };
    let off_by_one = String::from_utf8(off_by_one).unwrap();
    let origin = good.split(&token).next().unwrap().to_string();
    let other_launch = common::serve(HashMap::new());
    let other_token = other_launch.base.split('/').nth(3).unwrap().to_string();

    for (url, expected) in [
        (good.replace(&token, &off_by_one), 404),
        (format!("{origin}3.mp4"), 404),
        (good.replace(&token, &other_token), 404),
        (server.url(4), 404),
        (server.url_on("demo", 3), 404),
        (format!("{origin}{token}/3.mp4"), 404),
        (format!("{origin}{token}/../3.mp4"), 404),
        (
            format!("{origin}{token}/live/3.mp4%2F..%2F..%2Fetc%2Fpasswd"),
            404,
        ),
    ] {
        let answer = client().get(&url).send().await.unwrap();
        assert_eq!(answer.status(), expected, "{url}");
        assert_ne!(
            answer.headers().get("content-type").unwrap(),
            "video/mp4",
            "{url}"
        );
    }
    let answer = client().get(server.url(4)).send().await.unwrap();
    assert_eq!(
        answer.text().await.unwrap(),
        "download 4 is not a finished clip"
    );
    let answer = client().post(&good).body("x").send().await.unwrap();
    assert_eq!(answer.status(), 405);
}

async fn raw(url: &str, host: &str) -> String {
    let (url, host) = (url.to_string(), host.to_string());
    tokio::task::spawn_blocking(move || raw_get(&url, &host))
        .await
        .unwrap()
}

/// One raw request, as a browser tricked by DNS rebinding would send it.
fn raw_get(url: &str, host: &str) -> String {
    let rest = url.strip_prefix("http://").unwrap();
    let (addr, path) = rest.split_once('/').unwrap();
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

// Tried: the right path with `Host: attacker.example`, `localhost:<port>` and
// the right address on another port; only `127.0.0.1:<port>` is served.
#[tokio::test(flavor = "multi_thread")]
async fn a_request_for_another_host_is_refused_even_with_the_token() {
    let (_dir, _data, server) = fixture();
    let url = server.url(3);
    let host = url
        .strip_prefix("http://")
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let port = host.rsplit(':').next().unwrap();
    for other in [
        "attacker.example".to_string(),
        format!("localhost:{port}"),
        "127.0.0.1:1".to_string(),
    ] {
        let answer = raw(&url, &other).await;
        assert!(answer.starts_with("HTTP/1.1 421"), "Host {other}: {answer}");
    }
    assert!(raw(&url, &host).await.starts_with("HTTP/1.1 200"));
}
