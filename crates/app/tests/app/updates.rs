use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use app::desktop::BoxFuture;
use app::{UpdateOffer, UpdateSource};
use engine::settings::SettingsPatch;

use crate::support::Live;

/// A release server that offers 0.2.0 (or fails) and counts how often it is asked.
struct CountingSource {
    asked: AtomicUsize,
    fails: bool,
}

impl UpdateSource for CountingSource {
    fn check(&self) -> BoxFuture<Result<Option<UpdateOffer>, String>> {
        self.asked.fetch_add(1, Ordering::SeqCst);
        let answer = if self.fails {
            Err("The release server could not be reached (offline).".to_string())
        } else {
            Ok(Some(UpdateOffer {
                version: "0.2.0".into(),
                current: "0.1.0".into(),
                notes: None,
                date: None,
                installs_itself: true,
                download_page: "https://example.org".into(),
            }))
        };
        Box::pin(async move { answer })
    }

    fn install(
        &self,
        _: Box<dyn FnMut(u64, Option<u64>) + Send>,
    ) -> BoxFuture<Result<String, String>> {
        Box::pin(async { Err("not in this test".to_string()) })
    }

    fn restart(&self) {}

    fn download_page(&self) -> String {
        "https://example.org".into()
    }
}

fn counting(live: &Live, fails: bool) -> Arc<CountingSource> {
    let source = Arc::new(CountingSource {
        asked: AtomicUsize::new(0),
        fails,
    });
    live.state.install_updates(source.clone());
    source
}

#[tokio::test]
async fn the_look_at_start_happens_once_a_day_and_a_manual_one_always() {
    let live = Live::start().await;
    let source = counting(&live, false);
    let mode = live.state.current();

    let first = mode.check_for_update(true).await.unwrap();
    assert!(first.checked);
    assert_eq!(first.offer.unwrap().version, "0.2.0");
    let again = mode.check_for_update(true).await.unwrap();
    assert!(
        !again.checked,
        "the second start of the day looks for nothing"
    );
    assert_eq!(again.offer, None);
    assert_eq!(source.asked.load(Ordering::SeqCst), 1);

    assert!(mode.check_for_update(false).await.unwrap().checked);
    assert_eq!(source.asked.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn no_look_at_start_when_settings_turn_it_off() {
    let live = Live::start().await;
    let source = counting(&live, false);
    let mode = live.state.current();
    let settings = mode
        .update_settings(SettingsPatch {
            check_updates: Some(false),
            ..SettingsPatch::default()
        })
        .await
        .unwrap();
    assert!(!settings.check_updates);

    assert!(!mode.check_for_update(true).await.unwrap().checked);
    assert_eq!(source.asked.load(Ordering::SeqCst), 0);
    assert!(mode.check_for_update(false).await.unwrap().checked);
    assert_eq!(source.asked.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn an_offline_look_is_a_quiet_answer_not_an_error() {
    let live = Live::start().await;
    counting(&live, true);
    let checked = live.state.current().check_for_update(true).await.unwrap();
    assert!(checked.checked);
    assert_eq!(checked.offer, None);
    assert!(checked.problem.unwrap().contains("offline"));
}

#[tokio::test]
async fn a_build_without_a_release_server_looks_for_nothing_at_start_and_says_so_when_asked() {
    let live = Live::start().await;
    let at_start = live.state.current().check_for_update(true).await.unwrap();
    assert!(!at_start.checked);
    let err = live
        .state
        .current()
        .check_for_update(false)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), app::ErrorKind::Update);
}
