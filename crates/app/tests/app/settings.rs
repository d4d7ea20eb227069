use engine::settings::SettingsPatch;
use wayin_api::ApiKey;

use crate::support::Live;

#[tokio::test]
async fn a_settings_change_reaches_the_running_engine() {
    let live = Live::start().await;
    let mode = live.state.current();
    let key = ApiKey::new(live.server.api_key()).unwrap();
    mode.save_key(key, true, false).await.unwrap();
    let engine = mode.current_engine().unwrap();
    let before = engine.concurrency();
    let wanted = if before == 5 { 6 } else { 5 };
    let settings = mode
        .update_settings(SettingsPatch {
            concurrency: Some(wanted),
            ..SettingsPatch::default()
        })
        .await
        .unwrap();
    assert_eq!(settings.concurrency, wanted);
    assert_eq!(engine.concurrency(), wanted);
}
