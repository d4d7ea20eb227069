use std::time::{Duration, Instant};

use fake_wayin::{FakeConfig, FaultScope, Faults};
use serde_json::{json, Value};

use crate::support::{assert_spring_error, fast_config, json_of, link_at, Harness};

// Tried: an export of clips [3, 0, 5] at speed 20 (CREATED 0.1 s, QUEUED to 0.25 s, one clip per
// 0.3 s), polled every 15 ms. The states come in the documented order; while ONGOING, clips[]
// grows one finished clip at a time, in request order, each with an export_link; SUCCEEDED has
// all three and the cost of three SD clips.
#[tokio::test]
async fn task_walks_through_states_and_fills_clips_incrementally() {
    let harness = Harness::start(FakeConfig {
        speed: 20.0,
        ..fast_config()
    })
    .await;
    let task_id = harness
        .submit_ok(&json!({"project_id": "proj_demo_podcast", "clip_indices": [3, 0, 5]}))
        .await;
    let mut seen: Vec<(String, usize)> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    let last = loop {
        let data = harness.results(&task_id).await;
        let status = data["status"].as_str().unwrap().to_string();
        let clips = data["clips"].as_array().unwrap();
        assert_eq!(data["export_task_id"], task_id.as_str());
        assert!(data.get("error_message").is_none(), "{data}");
        for (position, clip) in clips.iter().enumerate() {
            assert_eq!(clip["idx"], [3, 0, 5][position]);
            assert!(clip["export_link"]
                .as_str()
                .unwrap()
                .starts_with("http://127.0.0.1:"));
        }
        if seen.last() != Some(&(status.clone(), clips.len())) {
            seen.push((status.clone(), clips.len()));
        }
        if status == "SUCCEEDED" {
            break data;
        }
        assert!(Instant::now() < deadline, "stuck: {seen:?}");
        tokio::time::sleep(Duration::from_millis(15)).await;
    };
    let expected: Vec<(String, usize)> = [
        ("CREATED", 0),
        ("QUEUED", 0),
        ("ONGOING", 0),
        ("ONGOING", 1),
        ("ONGOING", 2),
        ("SUCCEEDED", 3),
    ]
    .iter()
    .map(|(status, clips)| (status.to_string(), *clips))
    .collect();
    assert_eq!(seen, expected);
    assert_eq!(last["cost_usage"], 36.0);
    assert!(last["expire_at"].as_u64().unwrap() > 1_700_000_000_000);
    assert_eq!(
        last["name"],
        "Founders Unfiltered — Ep. 42: pricing, hiring and burnout export"
    );
}

// Tried: omitting clip_indices (all clips) at SD_480 and two clips at UHD_4K. The first renders
// all six clips; cost_usage depends on resolution (12 per clip at SD, 60 at 4K).
#[tokio::test]
async fn omitted_clips_mean_all_and_cost_follows_resolution() {
    let harness = Harness::fast().await;
    let all = harness
        .submit_ok(&json!({"project_id": "proj_demo_podcast"}))
        .await;
    let four_k = harness
        .submit_ok(&json!({"project_id": "prj_demo_moments", "clip_indices": [2, 1], "resolution": "UHD_4K"}))
        .await;
    let all = harness.wait_for_status(&all, "SUCCEEDED").await;
    let indices: Vec<u64> = all["clips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["idx"].as_u64().unwrap())
        .collect();
    assert_eq!(indices, [0, 1, 2, 3, 4, 5]);
    assert_eq!(all["cost_usage"], 72.0);
    let four_k = harness.wait_for_status(&four_k, "SUCCEEDED").await;
    assert_eq!(four_k["cost_usage"], 120.0);
}

// Tried: the `fail_export` fault on one project. Its tasks go CREATED/QUEUED then FAILED with
// the configured error_message, no clips and no cost; the other project's task still succeeds.
#[tokio::test]
async fn fail_export_fault_fails_tasks_after_queued() {
    let harness = Harness::fast().await;
    harness.control().set_faults(
        FaultScope::Project("proj_demo_podcast".into()),
        Faults {
            fail_export: Some("Rendering failed: source video is no longer available".into()),
            ..Faults::default()
        },
    );
    let failing = harness
        .submit_ok(&json!({"project_id": "proj_demo_podcast"}))
        .await;
    let fine = harness
        .submit_ok(&json!({"project_id": "prj_demo_moments"}))
        .await;
    let failed = harness.wait_for_status(&failing, "FAILED").await;
    assert_eq!(
        failed["error_message"],
        "Rendering failed: source video is no longer available"
    );
    assert_eq!(failed["clips"], json!([]));
    assert_eq!(failed["cost_usage"], 0.0);
    let succeeded = harness.wait_for_status(&fine, "SUCCEEDED").await;
    assert!(succeeded.get("error_message").is_none());
}

// Tried: `late_last_link_polls: 2` on a two-clip export. The first two results calls that report
// SUCCEEDED carry the last clip with `export_link: null` (the first clip has its link); the third
// call has both links.
#[tokio::test]
async fn late_last_link_fault_withholds_the_last_link_after_success() {
    let harness = Harness::fast().await;
    harness.control().set_faults(
        FaultScope::Global,
        Faults {
            late_last_link_polls: Some(2),
            ..Faults::default()
        },
    );
    let task_id = harness
        .submit_ok(&json!({"project_id": "proj_demo_podcast", "clip_indices": [1, 4]}))
        .await;
    let first = harness.wait_for_status(&task_id, "SUCCEEDED").await;
    let second = harness.results(&task_id).await;
    for data in [&first, &second] {
        assert_eq!(data["status"], "SUCCEEDED");
        assert_eq!(data["clips"].as_array().unwrap().len(), 2);
        link_at(data, 0);
        assert_eq!(data["clips"][1]["export_link"], Value::Null, "{data}");
    }
    let third = harness.results(&task_id).await;
    link_at(&third, 1);
}

// Tried: a task expired through the Rust handle, and a task outliving a 1 s task TTL. The
// results endpoint answers 404 with Spring's body for both; so do unknown task ids, and the
// links issued before expiry stop working.
#[tokio::test]
async fn expired_and_unknown_tasks_are_404() {
    let harness = Harness::start(FakeConfig {
        task_ttl: Duration::from_millis(1000),
        ..fast_config()
    })
    .await;
    let body = json!({"project_id": "prj_demo_moments", "clip_indices": [0]});
    let expired_by_hand = harness.submit_ok(&body).await;
    let expired_by_ttl = harness.submit_ok(&body).await;
    let done = harness.wait_for_status(&expired_by_hand, "SUCCEEDED").await;
    let link = link_at(&done, 0);

    assert!(harness.control().expire_task(&expired_by_hand));
    let path = format!("/clips/export/{expired_by_hand}");
    let (status, reply) = json_of(harness.get(&path).await).await;
    assert_eq!(status, 404);
    assert_spring_error(&reply, 404, "Not Found", &format!("/api/v2{path}"));
    assert_eq!(harness.fetch(&link, None).await.status(), 404);

    harness.results(&expired_by_ttl).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        harness
            .get(&format!("/clips/export/{expired_by_ttl}"))
            .await
            .status(),
        404
    );

    assert_eq!(
        harness
            .get("/clips/export/export_task_unknown")
            .await
            .status(),
        404
    );
    assert!(!harness.control().expire_task("export_task_unknown"));
}
