//! What a program on the same machine can do to the clip server with sockets alone:
//! hold many open without a word, or many streams at once.

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use clip_stream::{HEADER_READ_TIMEOUT, MAX_STREAMS};

/// A sparse clip large enough that its stream outlasts the sockets' buffers.
fn big_clip() -> (tempfile::TempDir, common::Running) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.mp4");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(1 << 30).unwrap();
    let server = common::serve(HashMap::from([(3, path)]));
    (dir, server)
}

fn address(url: &str) -> String {
    url.strip_prefix("http://")
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string()
}

/// Sends a GET for `url` and reads only the status line, leaving the body unread.
fn start_stream(url: &str) -> (TcpStream, String) {
    let host = address(url);
    let path = url.strip_prefix(&format!("http://{host}")).unwrap();
    let mut stream = TcpStream::connect(&host).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n") {
        stream.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    (stream, String::from_utf8_lossy(&head).trim().to_string())
}

async fn blocking<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(job).await.unwrap()
}

// Tried: 100 sockets opened to the server that never send a byte (three times the old
// limit of 32 connections), then the player's own request.
#[tokio::test(flavor = "multi_thread")]
async fn a_flood_of_silent_sockets_does_not_keep_the_player_out() {
    let (_dir, server) = big_clip();
    let host = address(&server.url(3));
    let silent: Vec<TcpStream> = blocking(move || {
        (0..100)
            .map(|_| TcpStream::connect(&host).unwrap())
            .collect()
    })
    .await;
    let client = common::client_builder()
        .timeout(HEADER_READ_TIMEOUT * 3)
        .build()
        .unwrap();
    let answer = client
        .get(server.url(3))
        .header("Range", "bytes=0-99")
        .send()
        .await
        .expect("the player is answered while the silent sockets stay open");
    assert_eq!(answer.status(), 206);
    drop(silent);
}

// Tried: a socket that connects and says nothing, and one that sends half a request head.
#[tokio::test(flavor = "multi_thread")]
async fn a_connection_that_sends_no_request_head_is_closed() {
    let (_dir, server) = big_clip();
    let host = address(&server.url(3));
    let closed = blocking(move || {
        let silent = TcpStream::connect(&host).unwrap();
        let mut half = TcpStream::connect(&host).unwrap();
        write!(half, "GET / HTTP/1.1\r\nHost: {host}\r\n").unwrap();
        [silent, half].map(|mut socket| {
            socket
                .set_read_timeout(Some(HEADER_READ_TIMEOUT * 4))
                .unwrap();
            let mut rest = Vec::new();
            // The server closes it (EOF, perhaps after a 408); a read timeout means it never did.
            socket.read_to_end(&mut rest).is_ok()
        })
    })
    .await;
    assert_eq!(closed, [true, true]);
}

// Tried: as many streams as the cap, each left unread, then one more; then one of them
// ends and the next is served.
#[tokio::test(flavor = "multi_thread")]
async fn streams_beyond_the_cap_wait_for_one_to_end() {
    let (_dir, server) = big_clip();
    let url = server.url(3);
    let (mut streams, one_more) = blocking(move || {
        let streams: Vec<(TcpStream, String)> =
            (0..MAX_STREAMS).map(|_| start_stream(&url)).collect();
        let one_more = start_stream(&url).1;
        (streams, one_more)
    })
    .await;
    for (_, status) in &streams {
        assert_eq!(status, "HTTP/1.1 200 OK");
    }
    assert_eq!(one_more, "HTTP/1.1 503 Service Unavailable");

    drop(streams.pop());
    let url = server.url(3);
    let next = blocking(move || {
        // The server sees the closed socket when its next write fails.
        for _ in 0..50 {
            let (_, status) = start_stream(&url);
            if status != "HTTP/1.1 503 Service Unavailable" {
                return status;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        "still refused".to_string()
    })
    .await;
    assert_eq!(next, "HTTP/1.1 200 OK");
}
