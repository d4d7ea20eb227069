use std::time::{Duration, Instant};

use fake_wayin::{FaultScope, Faults};

use crate::support::{json_of, Harness};

// Tried: `error_every: 3` globally, then six calls. Calls 3 and 6 answer 500 with
// {"message":"Internal Server Error"}; the others succeed. Clearing faults stops the errors.
#[tokio::test]
async fn error_every_fails_every_kth_call() {
    let harness = Harness::fast().await;
    harness.control().set_faults(
        FaultScope::Global,
        Faults {
            error_every: Some(3),
            ..Faults::default()
        },
    );
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let (status, body) = json_of(harness.get("/clips/results/proj_demo_podcast").await).await;
        if status == 500 {
            assert_eq!(
                body,
                serde_json::json!({"message": "Internal Server Error"})
            );
        }
        statuses.push(status);
    }
    assert_eq!(statuses, [200, 200, 500, 200, 200, 500]);

    harness.control().clear_faults();
    for _ in 0..3 {
        assert_eq!(
            harness
                .get("/clips/results/proj_demo_podcast")
                .await
                .status(),
            200
        );
    }
}

// Tried: faults scoped to one project while another scope is global. The Find Moments project
// fails every call; the podcast project follows the (harmless) global faults; a project-scoped
// empty set shields a project from global faults.
#[tokio::test]
async fn project_faults_override_global_ones() {
    let harness = Harness::fast().await;
    let control = harness.control();
    control.set_faults(
        FaultScope::Project("prj_demo_moments".into()),
        Faults {
            error_every: Some(1),
            ..Faults::default()
        },
    );
    assert_eq!(
        harness
            .get("/clips/find-moments/results/prj_demo_moments")
            .await
            .status(),
        500
    );
    assert_eq!(
        harness
            .get("/clips/results/proj_demo_podcast")
            .await
            .status(),
        200
    );

    control.set_faults(
        FaultScope::Global,
        Faults {
            error_every: Some(1),
            ..Faults::default()
        },
    );
    control.set_faults(
        FaultScope::Project("proj_demo_podcast".into()),
        Faults::default(),
    );
    assert_eq!(
        harness
            .get("/clips/results/proj_demo_podcast")
            .await
            .status(),
        200
    );
    assert_eq!(
        harness.get("/clips/results/proj_unknown").await.status(),
        500
    );
}

// Tried: `slow_ms: 300`. An API answer takes at least 300 ms; CDN thumbnails are not slowed.
#[tokio::test]
async fn slow_ms_delays_api_answers() {
    let harness = Harness::fast().await;
    harness.control().set_faults(
        FaultScope::Global,
        Faults {
            slow_ms: Some(300),
            ..Faults::default()
        },
    );
    let started = Instant::now();
    assert_eq!(
        harness
            .get("/clips/results/proj_demo_podcast")
            .await
            .status(),
        200
    );
    assert!(started.elapsed() >= Duration::from_millis(300));

    let started = Instant::now();
    let thumb = format!(
        "{}/cdn/thumb/proj_demo_podcast/1.jpg",
        harness.server.origin()
    );
    assert_eq!(harness.fetch(&thumb, None).await.status(), 200);
    assert!(started.elapsed() < Duration::from_millis(300));
}
