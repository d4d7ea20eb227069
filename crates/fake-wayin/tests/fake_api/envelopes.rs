use fake_wayin::{FaultScope, Faults};
use serde_json::json;

use crate::support::{json_of, Harness};

// Tried: the same project results call with the default envelope and after switching the
// `legacy_envelope` fault on. The current one is {"data": ...} only; the older one adds
// "code": "0" and "message": "success" around identical data.
#[tokio::test]
async fn both_envelopes() {
    let harness = Harness::fast().await;
    let (status, current) = json_of(harness.get("/clips/results/proj_demo_podcast").await).await;
    assert_eq!(status, 200);
    let keys: Vec<&String> = current.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["data"]);

    harness.control().set_faults(
        FaultScope::Global,
        Faults {
            legacy_envelope: true,
            ..Faults::default()
        },
    );
    let (status, legacy) = json_of(harness.get("/clips/results/proj_demo_podcast").await).await;
    assert_eq!(status, 200);
    assert_eq!(legacy["code"], "0");
    assert_eq!(legacy["message"], "success");
    assert_eq!(legacy["data"], current["data"]);

    // The submit answer is wrapped the same way.
    let (_, submitted) = json_of(
        harness
            .submit(&json!({"project_id": "proj_demo_podcast"}))
            .await,
    )
    .await;
    assert_eq!(submitted["code"], "0");
    assert_eq!(submitted["data"]["status"], "CREATED");
}

// Tried: `numbers_as_strings` on project results and export results. begin_ms, end_ms, score,
// expire_at and cost_usage become strings holding the same values; idx stays a number.
#[tokio::test]
async fn numbers_as_strings() {
    let harness = Harness::fast().await;
    let (_, plain) = json_of(harness.get("/clips/results/proj_demo_podcast").await).await;
    harness.control().set_faults(
        FaultScope::Global,
        Faults {
            numbers_as_strings: true,
            ..Faults::default()
        },
    );
    let (_, stringly) = json_of(harness.get("/clips/results/proj_demo_podcast").await).await;
    let (plain_clip, string_clip) = (&plain["data"]["clips"][0], &stringly["data"]["clips"][0]);
    assert_eq!(plain_clip["begin_ms"], 754_200);
    assert_eq!(string_clip["begin_ms"], "754200");
    assert_eq!(string_clip["end_ms"], "812900");
    assert_eq!(string_clip["score"], "94");
    assert_eq!(string_clip["idx"], 0);
    assert!(stringly["data"]["expire_at"].is_string());

    let task_id = harness
        .submit_ok(&json!({"project_id": "proj_demo_podcast", "clip_indices": [0]}))
        .await;
    let data = harness.wait_for_status(&task_id, "SUCCEEDED").await;
    assert_eq!(data["cost_usage"], "12.0");
    let expire_at: u64 = data["expire_at"].as_str().unwrap().parse().unwrap();
    assert!(expire_at > 1_700_000_000_000);
    assert_eq!(data["clips"][0]["begin_ms"], "754200");
}
