//! A 2 GiB clip goes through the server with its memory flat. In a file of its
//! own: the peak resident size is the process's, and other tests would add to it.

mod common;

use std::collections::HashMap;

/// 2 GiB where the memory is measured; elsewhere (Windows under Wine, where every
/// socket read goes through Wine's server) a smaller clip checks the same streaming.
const CLIP: u64 = if cfg!(target_os = "linux") {
    2 * 1024 * 1024 * 1024
} else {
    256 * 1024 * 1024
};
/// What streaming may add at most; holding the clip would add 2 GiB.
const ALLOWED_GROWTH: u64 = 64 * 1024 * 1024;

/// The process's (resident now, resident at its peak), in bytes; Linux only
/// (under Wine the same path would name the Linux side of the emulator).
#[cfg(target_os = "linux")]
fn resident() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|line| line.starts_with(name))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

#[cfg(not(target_os = "linux"))]
fn resident() -> Option<(u64, u64)> {
    None
}

// Tried: a sparse 2 GiB file played from the start to the end, then a seek
// to three quarters of it as a player makes it. Every byte is counted; the peak resident
// size of the whole process may not grow by more than 64 MiB.
#[tokio::test(flavor = "multi_thread")]
async fn a_2_gib_clip_streams_and_seeks_with_memory_flat() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.mp4");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(CLIP).unwrap();
    drop(file);
    let server = common::serve(HashMap::from([(9, path)]));
    let client = common::client_builder().build().unwrap();
    let before = resident();

    let mut answer = client
        .get(server.url(9))
        .header("Range", "bytes=0-")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 206);
    let mut total = 0u64;
    while let Some(chunk) = answer.chunk().await.unwrap() {
        total += chunk.len() as u64;
    }
    assert_eq!(total, CLIP, "every byte of the clip came through");

    let seek_to = CLIP / 4 * 3;
    let mut answer = client
        .get(server.url(9))
        .header("Range", format!("bytes={seek_to}-"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        answer.headers()["content-range"],
        format!("bytes {seek_to}-{}/{CLIP}", CLIP - 1)
    );
    let first = answer
        .chunk()
        .await
        .unwrap()
        .expect("the clip's bytes from the seek on");
    assert!(!first.is_empty());
    drop(answer); // the player stops reading after a seek: the server must not read on

    if let (Some((rss_before, _)), Some((_, peak_after))) = (before, resident()) {
        let growth = peak_after.saturating_sub(rss_before);
        println!(
            "resident before {} MiB, peak after {} MiB",
            rss_before >> 20,
            peak_after >> 20
        );
        assert!(
            growth < ALLOWED_GROWTH,
            "streaming 2 GiB grew the peak by {} MiB",
            growth >> 20
        );
    }
}
