//! The key given in WAYIN_API_KEY leaves no copy in the running command's
//! environment, where other processes of the user (and every child) could read it.
#![cfg(target_os = "linux")]

use std::time::Duration;

use crate::common::{Harness, PODCAST, SECRET};
use fake_wayin::{FaultScope, Faults};

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn threads(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .map(|tasks| tasks.count())
        .unwrap_or(0)
}

// Tried: reading /proc/<pid>/environ of a running `wayin-export` that was
// started with WAYIN_API_KEY, while it waits on a slow API (so it is surely
// past start-up and mid-call with the key). The key must not be there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_is_not_in_the_running_commands_environment() {
    let h = Harness::start().await;
    h.server.control().set_faults(
        FaultScope::Global,
        Faults {
            slow_ms: Some(5_000),
            ..Faults::default()
        },
    );
    let child = h.command(&["clips", PODCAST]).spawn().unwrap();
    let pid = child.id().expect("running");

    // Its async runtime's threads exist: `main` is well past its first lines and
    // waiting on the slow API.
    let waited = tokio::time::timeout(Duration::from_secs(20), async {
        while threads(pid) < 3 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    })
    .await;
    assert!(waited.is_ok(), "wayin-export never started its runtime");
    let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap();
    assert!(
        contains(&environ, b"WAYIN_API_BASE="),
        "read the command's own environment"
    );
    assert!(
        !contains(&environ, SECRET.as_bytes()),
        "the key is in /proc/{pid}/environ"
    );
    assert!(!contains(&environ, b"WAYIN_API_KEY="));

    let run = crate::common::finish_child(child).await;
    assert_eq!(run.code(), 0, "the key was still used: {}", run.describe());
}
