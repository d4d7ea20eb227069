use app::{AppError, KeySource};
use wayin_api::{ApiKey, ErrorKind};

use crate::support::Live;

#[tokio::test]
async fn a_key_the_api_accepts_is_kept_for_its_origin_and_starts_the_engine() {
    let live = Live::start().await;
    let mode = live.state.current();
    assert!(mode.current_engine().is_none(), "no key, no engine");
    let key = ApiKey::new(live.server.api_key()).unwrap();
    mode.save_key(key, false, false).await.unwrap();
    assert_eq!(
        live.keychain.key_for(&live.origin()).as_deref(),
        Some(live.server.api_key())
    );
    let status = mode.key_status().await;
    assert_eq!(status.source, Some(KeySource::Keychain));
    assert!(
        mode.current_engine().is_some(),
        "the engine runs with the key"
    );
}

#[tokio::test]
async fn a_key_the_api_refuses_is_neither_kept_nor_used() {
    let live = Live::start().await;
    let mode = live.state.current();
    let refused = ApiKey::new("wayin_sk_not_this_one_0000").unwrap();
    match mode.save_key(refused, false, false).await {
        Err(AppError::Api(e)) => assert_eq!(e.kind(), ErrorKind::KeyRejected),
        other => panic!("expected the API's refusal, got {other:?}"),
    }
    assert_eq!(live.keychain.key_for(&live.origin()), None);
    assert!(!mode.key_set());
    assert!(mode.current_engine().is_none());
}

#[tokio::test]
async fn a_deleted_key_leaves_the_keychain_and_stops_the_engine() {
    let live = Live::start().await;
    let mode = live.state.current();
    let key = ApiKey::new(live.server.api_key()).unwrap();
    mode.save_key(key, false, false).await.unwrap();
    mode.delete_key().await.unwrap();
    assert_eq!(live.keychain.key_for(&live.origin()), None);
    assert!(!mode.key_set());
    assert!(mode.current_engine().is_none());
}
