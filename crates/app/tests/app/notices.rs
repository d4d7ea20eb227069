use engine::{Store, STORE_FILE};
use serde_json::json;

use crate::support::{data_dir, Live};

#[tokio::test]
async fn presets_and_settings_that_cannot_be_read_are_said_once_and_kept() {
    let root = tempfile::tempdir().unwrap();
    let data_dir = data_dir(root.path());
    {
        let store = Store::open(&data_dir.join(STORE_FILE)).unwrap();
        store
            .save_preset("Good", &json!({"resolution": "HD_720"}))
            .unwrap();
        store.save_preset("Vertical 4K", &json!({})).unwrap();
        store.set_setting("concurrency", "lots").unwrap();
        store
            .set_setting("name_template", "{unknown_field}")
            .unwrap();
        // A row written by hand, as another program or a broken disk might leave it.
        rusqlite::Connection::open(data_dir.join(STORE_FILE))
            .unwrap()
            .execute(
                "UPDATE presets SET options_json = '{not json' WHERE name = 'Vertical 4K'",
                [],
            )
            .unwrap();
    }
    let live = Live::in_folder(root).await;
    let mode = live.state.current();
    let notices = mode.take_notices();
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(notices[0].contains("\u{201c}Vertical 4K\u{201d} could not be read"));
    assert!(
        notices[1].contains("downloads at once, file name template"),
        "{notices:?}"
    );
    assert!(mode.take_notices().is_empty(), "said once");
    let settings = mode.settings().await.unwrap();
    assert_eq!(settings.concurrency, engine::settings::DEFAULT_CONCURRENCY);
    assert_eq!(settings.name_template, engine::naming::DEFAULT_TEMPLATE);
    let store = Store::open(&data_dir.join(STORE_FILE)).unwrap();
    assert_eq!(
        store.unreadable_presets().unwrap(),
        ["Vertical 4K"],
        "kept, not deleted"
    );
}
