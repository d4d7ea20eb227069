use serde_json::{json, Value};

use crate::support::{json_of, Harness};

async fn admin_get(harness: &Harness, path: &str) -> Value {
    let response = harness
        .http
        .get(harness.admin_url(path))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

async fn admin_post(harness: &Harness, path: &str, body: Option<Value>) -> u16 {
    let mut request = harness.http.post(harness.admin_url(path));
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap().status().as_u16()
}

// Tried: every admin route over HTTP: health, faults (set global and per project, read back,
// reject a typo), exports and requests logs, expire, projects, synthetic, and reset. Admin calls
// need no key and never appear in the API request log.
#[tokio::test]
async fn admin_api_steers_and_inspects_the_server() {
    let harness = Harness::fast().await;
    assert_eq!(
        admin_get(&harness, "/health").await,
        json!({"status": "ok"})
    );

    let body = json!({"project_id": "prj_demo_moments", "clip_indices": [1]});
    let task_id = harness.submit_ok(&body).await;
    assert_eq!(harness.get("/clips/results/nope").await.status(), 404);
    assert_eq!(admin_get(&harness, "/exports").await, json!([body]));
    assert_eq!(
        admin_get(&harness, "/requests").await,
        json!([
            {"method": "POST", "path": "/api/v2/clips/export", "status": 200},
            {"method": "GET", "path": "/api/v2/clips/results/nope", "status": 404},
        ])
    );

    let set = json!({"scope": "global", "faults": {"legacy_envelope": true}});
    assert_eq!(admin_post(&harness, "/faults", Some(set)).await, 204);
    let per_project = json!({"scope": "prj_demo_moments", "faults": {"error_every": 1}});
    assert_eq!(
        admin_post(&harness, "/faults", Some(per_project)).await,
        204
    );
    let typo = json!({"scope": "global", "faults": {"legacy_envelop": true}});
    assert_eq!(admin_post(&harness, "/faults", Some(typo)).await, 400);
    let faults = admin_get(&harness, "/faults").await;
    assert_eq!(faults["global"]["legacy_envelope"], true);
    assert_eq!(faults["projects"]["prj_demo_moments"]["error_every"], 1);
    let (_, legacy) = json_of(harness.get("/clips/results/proj_demo_podcast").await).await;
    assert_eq!(legacy["code"], "0");
    assert_eq!(
        harness
            .get(&format!("/clips/export/{task_id}"))
            .await
            .status(),
        500
    );

    assert_eq!(
        admin_post(&harness, &format!("/expire/{task_id}"), None).await,
        204
    );
    assert_eq!(
        admin_post(&harness, "/expire/export_task_nope", None).await,
        404
    );

    let synthetic = json!({"project_id": "proj_bench", "clip_count": 2, "clip_size": 4096});
    assert_eq!(
        admin_post(&harness, "/synthetic", Some(synthetic)).await,
        204
    );
    assert_eq!(
        admin_get(&harness, "/projects").await,
        json!(["prj_demo_moments", "proj_bench", "proj_demo_podcast"])
    );

    assert_eq!(admin_post(&harness, "/reset", None).await, 204);
    assert_eq!(admin_get(&harness, "/exports").await, json!([]));
    assert_eq!(admin_get(&harness, "/requests").await, json!([]));
    assert_eq!(
        admin_get(&harness, "/faults").await["global"]["legacy_envelope"],
        false
    );
    let (status, plain) = json_of(harness.get("/clips/results/proj_bench").await).await;
    assert_eq!(status, 200, "synthetic projects survive a reset");
    assert!(plain.get("code").is_none());
}

// Tried: reset through the Rust handle after using up a 2-call rate budget and starting a task.
// Afterwards the budget is full again and the old task is gone.
#[tokio::test]
async fn reset_clears_rate_windows_and_tasks() {
    let harness = Harness::start(fake_wayin::FakeConfig {
        rate_limit: 2,
        speed: 50.0,
        ..fake_wayin::FakeConfig::default()
    })
    .await;
    let task_id = harness
        .submit_ok(&json!({"project_id": "proj_demo_podcast"}))
        .await;
    harness.results(&task_id).await;
    assert_eq!(
        harness
            .get("/clips/results/proj_demo_podcast")
            .await
            .status(),
        429
    );

    harness.control().reset();
    assert_eq!(harness.control().api_request_count(), 0);
    assert_eq!(
        harness
            .get(&format!("/clips/export/{task_id}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        harness
            .get("/clips/results/proj_demo_podcast")
            .await
            .status(),
        200
    );
}
