use std::path::PathBuf;

use serde_json::json;
use wayin_api::ExportTask;

use super::*;
use crate::ClosedReason;

fn new_export(state: SubmitState) -> NewExport {
    NewExport {
        project_id: Some("proj_1".into()),
        project_name: Some("Podcast".into()),
        request: Some(json!({"project_id": "proj_1", "resolution": "UHD_4K"})),
        requested_clips: Some(vec![0, 2]),
        submit_state: state,
        task_id: None,
        out_dir: PathBuf::from("/tmp/out"),
        name_template: "{title}.mp4".into(),
    }
}

fn task(value: serde_json::Value) -> ExportTask {
    serde_json::from_value(value).unwrap()
}

#[test]
fn an_export_is_on_disk_before_it_is_sent_and_survives_reopening() {
    // Tried: record an intent, "crash" (drop the store), reopen the file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/exports.sqlite3");
    let id = {
        let store = Store::open(&path).unwrap();
        store
            .insert_export(&new_export(SubmitState::Pending))
            .unwrap()
    };
    let store = Store::open(&path).unwrap();
    let export = store.export(id).unwrap().unwrap();
    assert_eq!(export.submit_state, SubmitState::Pending);
    assert_eq!(export.requested_clips, Some(vec![0, 2]));
    assert_eq!(export.request.unwrap()["resolution"], "UHD_4K");
    assert_eq!(
        store.schema_version().unwrap(),
        Store::latest_schema_version()
    );

    // On the next start, a submit still pending lost its answer.
    // Too recent to be lost: another process may still be sending it.
    assert!(store
        .pending_submits_to_unknown("lost", 60_000)
        .unwrap()
        .is_empty());
    assert_eq!(
        store.pending_submits_to_unknown("lost", 0).unwrap(),
        vec![id]
    );
    let export = store.export(id).unwrap().unwrap();
    assert_eq!(export.submit_state, SubmitState::Unknown);
    assert_eq!(export.submit_error.as_deref(), Some("lost"));
    assert!(export.polling_done);
    assert!(store
        .pending_submits_to_unknown("lost", 0)
        .unwrap()
        .is_empty());
}

#[test]
fn a_newer_schema_is_refused_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exports.sqlite3");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("Update the app"));
}

#[test]
fn submitted_exports_are_followed_until_closed() {
    let store = Store::open_in_memory().unwrap();
    let id = store
        .insert_export(&new_export(SubmitState::Pending))
        .unwrap();
    assert!(
        store.open_exports().unwrap().is_empty(),
        "no task id yet: nothing to poll"
    );
    store
        .mark_submitted(id, "export_task_1", "Podcast export", "CREATED")
        .unwrap();
    assert_eq!(store.open_exports().unwrap().len(), 1);
    assert_eq!(
        store.export_by_task("export_task_1").unwrap().unwrap().id,
        id
    );
    store.close_polling(id, &ClosedReason::Complete).unwrap();
    assert!(store.open_exports().unwrap().is_empty());
    assert_eq!(
        store.export(id).unwrap().unwrap().closed_reason,
        Some(ClosedReason::Complete)
    );
}

#[test]
fn a_poll_without_a_link_keeps_the_link_already_known() {
    let store = Store::open_in_memory().unwrap();
    let id = store.insert_export(&new_export(SubmitState::Sent)).unwrap();
    store
        .record_poll(
            id,
            &task(
                json!({"export_task_id": "t", "status": "ONGOING", "cost_usage": 12.5,
            "clips": [{"idx": 0, "title": "A", "export_link": "http://cdn/a?sig=1"}]}),
            ),
        )
        .unwrap();
    store
        .record_poll(
            id,
            &task(
                json!({"export_task_id": "t", "status": "SUCCEEDED", "expire_at": 99,
            "clips": [{"idx": 0, "title": "A2", "export_link": null}, {"idx": 2, "title": "B"}]}),
            ),
        )
        .unwrap();
    let clips = store.clips(id).unwrap();
    assert_eq!(clips.len(), 2);
    assert_eq!(clips[0].clip.title, "A2");
    assert_eq!(clips[0].link.as_deref(), Some("http://cdn/a?sig=1"));
    assert!(clips[0].link_fetched_at.is_some());
    assert_eq!(clips[1].link, None);
    let export = store.export(id).unwrap().unwrap();
    assert_eq!(export.status.as_deref(), Some("SUCCEEDED"));
    assert_eq!(
        export.cost_usage,
        Some(12.5),
        "a poll without cost keeps the known cost"
    );
    assert_eq!(export.expire_at, Some(99));
    assert!(export.succeeded_at.is_some());
}

#[test]
fn a_clip_is_planned_for_download_once() {
    let store = Store::open_in_memory().unwrap();
    let id = store.insert_export(&new_export(SubmitState::Sent)).unwrap();
    let first = store
        .plan_download(id, 0, &PathBuf::from("/tmp/out/a.mp4"))
        .unwrap();
    let again = store
        .plan_download(id, 0, &PathBuf::from("/tmp/out/other.mp4"))
        .unwrap();
    assert_eq!(first.id, again.id);
    assert_eq!(again.path, PathBuf::from("/tmp/out/a.mp4"));
    assert_eq!(store.open_downloads().unwrap().len(), 1);

    store
        .set_download_progress(first.id, 500, Some(1000))
        .unwrap();
    store
        .set_download_state(first.id, DownloadState::Failed, Some(("network", "reset")))
        .unwrap();
    let failed = store.download(first.id).unwrap().unwrap();
    assert_eq!((failed.bytes_done, failed.total), (500, Some(1000)));
    assert_eq!(failed.error_kind.as_deref(), Some("network"));
    assert!(store.open_downloads().unwrap().is_empty());
    assert_eq!(
        store.planned_paths().unwrap(),
        vec![PathBuf::from("/tmp/out/a.mp4")]
    );

    // Deleting an export takes its clips and downloads with it.
    store.delete_export(id).unwrap();
    assert!(store.download(first.id).unwrap().is_none());
}

#[test]
fn presets_and_settings_round_trip() {
    let store = Store::open_in_memory().unwrap();
    store
        .save_preset("Shorts 4K", &json!({"resolution": "UHD_4K"}))
        .unwrap();
    store
        .save_preset("a square", &json!({"ratio": "RATIO_1_1"}))
        .unwrap();
    store
        .save_preset("Shorts 4K", &json!({"resolution": "QHD_2K"}))
        .unwrap();
    let presets = store.presets().unwrap();
    assert_eq!(presets.len(), 2);
    assert_eq!(presets[0].0, "a square");
    assert_eq!(presets[1].1["resolution"], "QHD_2K");
    assert!(store.delete_preset("a square").unwrap());
    assert!(!store.delete_preset("a square").unwrap());

    assert_eq!(store.setting("download_dir").unwrap(), None);
    store.set_setting("download_dir", "/home/me/Clips").unwrap();
    store
        .set_setting("download_dir", "/home/me/Clips 2")
        .unwrap();
    assert_eq!(
        store.setting("download_dir").unwrap().as_deref(),
        Some("/home/me/Clips 2")
    );
    assert!(store.delete_setting("download_dir").unwrap());
    assert!(!store.delete_setting("download_dir").unwrap());
    assert_eq!(store.setting("download_dir").unwrap(), None);
}

#[test]
fn an_answer_arriving_after_another_process_gave_up_on_it_is_followed_again() {
    // Tried: a second process marks a young pending submit unknown (it may not, but an
    // old binary could); then the first process's answer arrives.
    let store = Store::open_in_memory().unwrap();
    let id = store
        .insert_export(&new_export(SubmitState::Pending))
        .unwrap();
    store.pending_submits_to_unknown("lost", 0).unwrap();
    assert!(store.open_exports().unwrap().is_empty());
    store
        .mark_submitted(id, "export_task_9", "late", "CREATED")
        .unwrap();
    let open = store.open_exports().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].submit_state, SubmitState::Sent);
    assert_eq!(open[0].closed_reason, None);
}

/// An export polled with signed links for clips 0 and 2 and downloads planned for both.
fn linked_export(store: &Store, expire_at: i64) -> (ExportId, Vec<DownloadId>) {
    let id = store
        .insert_export(&new_export(SubmitState::Pending))
        .unwrap();
    store.mark_submitted(id, "t", "n", "SUCCEEDED").unwrap();
    store
        .record_poll(
            id,
            &task(json!({"export_task_id": "t", "status": "SUCCEEDED", "expire_at": expire_at,
            "clips": [{"idx": 0, "title": "A", "export_link": "https://cdn/a.mp4?expires=1&sig=secret0"},
                      {"idx": 2, "title": "B", "export_link": "https://cdn/b.mp4?expires=1&sig=secret2"}]})),
        )
        .unwrap();
    let downloads = [0, 2]
        .iter()
        .map(|&idx| {
            store
                .plan_download(id, idx, &PathBuf::from(format!("/tmp/out/{idx}.mp4")))
                .unwrap()
                .id
        })
        .collect();
    (id, downloads)
}

fn links(store: &Store, id: ExportId) -> Vec<Option<String>> {
    store
        .clips(id)
        .unwrap()
        .into_iter()
        .map(|c| c.link)
        .collect()
}

fn far_future() -> i64 {
    now_ms() + 3_600_000
}

// Tried: a link is kept while a download may still use it (one clip still
// downloading, polling open), and forgotten once polling is over and every download
// is done; a clip's JSON never holds it at all.
#[test]
fn signed_links_are_kept_only_until_every_download_is_done() {
    let store = Store::open_in_memory().unwrap();
    let (id, downloads) = linked_export(&store, far_future());
    let raw_clips = |store: &Store| -> Vec<String> {
        store
            .lock()
            .prepare("SELECT clip_json FROM export_clips")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert!(raw_clips(&store).iter().all(|json| !json.contains("sig=")));

    store
        .set_download_state(downloads[0], DownloadState::Done, None)
        .unwrap();
    store.close_polling(id, &ClosedReason::Complete).unwrap();
    assert_eq!(store.forget_spent_links().unwrap(), 0);
    assert!(
        links(&store, id).iter().all(Option::is_some),
        "clip 2 still needs its link"
    );

    store
        .set_download_state(downloads[1], DownloadState::Done, None)
        .unwrap();
    assert_eq!(store.forget_spent_links().unwrap(), 2);
    assert_eq!(links(&store, id), [None, None]);
    assert!(raw_clips(&store).iter().all(|json| !json.contains("sig=")));
}

// Tried: an export whose results expired with a download still failed: its links
// are dead and forgotten too; one not yet expired keeps them for a retry.
#[test]
fn signed_links_of_an_expired_export_are_forgotten() {
    let store = Store::open_in_memory().unwrap();
    let (live, live_downloads) = linked_export(&store, far_future());
    let (expired, downloads) = linked_export(&store, now_ms() - 1);
    for download in live_downloads.iter().chain(&downloads) {
        store
            .set_download_state(*download, DownloadState::Failed, Some(("network", "cut")))
            .unwrap();
    }
    assert_eq!(store.forget_spent_links().unwrap(), 2);
    assert_eq!(links(&store, expired), [None, None]);
    assert!(links(&store, live).iter().all(Option::is_some));
}

// Tried: a store written by an earlier version, whose clip JSON carries the signed
// link: it is scrubbed the first time spent links are forgotten.
#[test]
fn links_in_clip_json_from_earlier_versions_are_scrubbed() {
    let store = Store::open_in_memory().unwrap();
    let (id, _) = linked_export(&store, far_future());
    store
        .lock()
        .execute(
            "UPDATE export_clips SET clip_json = json_set(clip_json, '$.export_link', link)",
            [],
        )
        .unwrap();
    store.forget_spent_links().unwrap();
    let leftover: i64 = store
        .lock()
        .query_row(
            "SELECT count(*) FROM export_clips WHERE clip_json LIKE '%sig=%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(leftover, 0);
    assert!(
        links(&store, id).iter().all(Option::is_some),
        "still needed"
    );
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// Tried: a new store under the default umask: the folder is 0700, the database and
// its -wal and -shm are 0600.
#[cfg(unix)]
#[test]
fn a_new_store_is_private_to_the_user() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = data.join("exports.sqlite3");
    let store = Store::open(&path).unwrap();
    store
        .insert_export(&new_export(SubmitState::Pending))
        .unwrap();
    assert_eq!(mode(&data), 0o700);
    for file in [
        path.clone(),
        data.join("exports.sqlite3-wal"),
        data.join("exports.sqlite3-shm"),
    ] {
        assert!(file.exists(), "{}", file.display());
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

// Tried: a store an earlier version left world-readable (folder 0755, files 0644):
// opening it tightens all of them.
#[cfg(unix)]
#[test]
fn an_existing_loose_store_is_tightened_on_open() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = data.join("exports.sqlite3");
    {
        std::fs::create_dir(&data).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        // Keeps -wal and -shm on disk, as a crash would.
        std::mem::forget(conn);
    }
    let loose = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap()
    };
    loose(&data, 0o755);
    let files = [
        path.clone(),
        data.join("exports.sqlite3-wal"),
        data.join("exports.sqlite3-shm"),
    ];
    for file in &files {
        loose(file, 0o644);
    }
    let _store = Store::open(&path).unwrap();
    assert_eq!(mode(&data), 0o700);
    for file in &files {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
}

#[test]
fn two_connections_share_one_request_budget_per_key() {
    // Tried: the app and `wayin-export` as two connections to one file, a limit of 3
    // per second; a pause after a 429; another key beside it.
    let dir = tempfile::tempdir().unwrap();
    let app = Store::open(&dir.path().join("exports.sqlite3")).unwrap();
    let command = Store::open(&dir.path().join("exports.sqlite3")).unwrap();
    assert_eq!(app.take_request_slot("key_a", 3, 1000).unwrap(), None);
    assert_eq!(command.take_request_slot("key_a", 3, 1000).unwrap(), None);
    assert_eq!(app.take_request_slot("key_a", 3, 1000).unwrap(), None);
    let wait = command.take_request_slot("key_a", 3, 1000).unwrap();
    assert!(wait.is_some_and(|ms| ms > 0 && ms <= 1000), "{wait:?}");
    assert_eq!(
        command.take_request_slot("key_b", 3, 1000).unwrap(),
        None,
        "another key has a budget of its own"
    );

    app.pause_requests("key_b", 5_000).unwrap();
    let paused = command.take_request_slot("key_b", 3, 1000).unwrap();
    assert!(paused.is_some_and(|ms| ms > 4_000), "{paused:?}");
    // A shorter pause does not cut a longer one short.
    app.pause_requests("key_b", 10).unwrap();
    assert!(command
        .take_request_slot("key_b", 3, 1000)
        .unwrap()
        .is_some_and(|ms| ms > 4_000));
}

#[test]
fn a_cancelled_run_does_not_undo_a_retry_made_while_it_wound_down() {
    let store = Store::open_in_memory().unwrap();
    let id = store
        .insert_export(&new_export(SubmitState::Pending))
        .unwrap();
    let download = store
        .plan_download(id, 0, &PathBuf::from("/tmp/out/a.mp4"))
        .unwrap();
    store
        .set_download_state(download.id, DownloadState::Downloading, None)
        .unwrap();
    store
        .set_download_state(download.id, DownloadState::Waiting, None)
        .unwrap();
    assert!(!store.cancel_running_download(download.id).unwrap());
    let state = |store: &Store| store.download(download.id).unwrap().unwrap().state;
    assert_eq!(state(&store), DownloadState::Waiting);
    store
        .set_download_state(download.id, DownloadState::Downloading, None)
        .unwrap();
    assert!(store.cancel_running_download(download.id).unwrap());
    assert_eq!(state(&store), DownloadState::Cancelled);
}
