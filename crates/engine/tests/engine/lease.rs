//! Two engines on one data folder with one key (the app and `wayin-export`): only the
//! one holding the polling lease asks the API; the other learns everything from the
//! store. A clean stop hands the lease over at once, a dead holder after it goes stale.

use std::time::Duration;

use crate::common::{client, engine, fake, plan, within, PODCAST};
use engine::{DownloadState, Engine, Event};
use wayin_api::ExportRequest;

async fn until(what: &str, check: impl Fn() -> bool) {
    within(10, async {
        while !check() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(check(), "{what}");
}

/// Requests this engine's own budget counted: none means it never called the API.
fn own_requests(engine: &Engine) -> u32 {
    let budget = engine.client().budget().clone();
    budget.config().requests - budget.available_now()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_engine_without_the_lease_follows_the_store_and_takes_over_on_a_clean_stop() {
    // Tried: A starts first and submits; B starts on the same folder and key while A
    // renders and downloads. B never calls the API yet sees the export succeed and its
    // clips finish, from the store. Then A stops, and B polls from its next heartbeat.
    let server = fake().await;
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let a = engine(data.path(), &server).await;
    until("A holds the lease", || a.polls_api()).await;
    let b = engine(data.path(), &server).await;
    let mut b_events = b.subscribe();

    let request = ExportRequest::new(PODCAST)
        .unwrap()
        .with_clips(vec![0, 1])
        .unwrap();
    let id = a.submit(request, plan(out.path())).await.unwrap();
    let outcome = within(30, b.wait_export(id)).await.unwrap();
    assert!(outcome.complete, "{outcome:?}");
    assert!(!b.polls_api());
    assert_eq!(own_requests(&b), 0, "B asked the API nothing");

    let mut succeeded = false;
    let mut finished = 0;
    while let Ok(event) = b_events.try_recv() {
        match event {
            Event::ExportUpdated { export } if export.id == id => {
                succeeded |= export.status.as_deref() == Some("SUCCEEDED");
            }
            Event::DownloadChanged { download } if download.state == DownloadState::Done => {
                finished += 1;
            }
            _ => {}
        }
    }
    assert!(succeeded, "B told its subscribers the render succeeded");
    assert_eq!(finished, 2, "and that both clips finished");

    a.shutdown().await;
    until("B takes the lease over", || b.polls_api()).await;
    b.shutdown().await;
}

#[test]
fn a_holder_that_died_is_replaced_once_its_lease_goes_stale() {
    // Tried: A submits, then its runtime is dropped mid-render, as a killed process
    // stops: no clean stop, the lease is left behind. B, started on the same folder,
    // waits for the lease to go stale, then polls and finishes the export.
    let server_runtime = tokio::runtime::Runtime::new().unwrap();
    let server = server_runtime.block_on(fake());
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();

    let doomed = tokio::runtime::Runtime::new().unwrap();
    let id = doomed.block_on(async {
        let a = engine(data.path(), &server).await;
        until("A holds the lease", || a.polls_api()).await;
        let request = ExportRequest::new(PODCAST)
            .unwrap()
            .with_clips(vec![0])
            .unwrap();
        a.submit(request, plan(out.path())).await.unwrap()
    });
    doomed.shutdown_background();

    server_runtime.block_on(async {
        let b = engine(data.path(), &server).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(!b.polls_api(), "the lease is not stale yet");
        until("B takes the stale lease", || b.polls_api()).await;
        let outcome = within(30, b.wait_export(id)).await.unwrap();
        assert!(outcome.complete, "{outcome:?}");
        assert!(own_requests(&b) > 0, "B polled");
        b.shutdown().await;
    });
    let _ = client(&server);
}
