use std::time::{Duration, Instant};

use fake_wayin::FakeConfig;
use serde_json::json;

use crate::support::{assert_spring_error, header, json_of, Harness};

// Tried: 3 calls per 2 s window, then a 4th at once. The 4th is 429 with Spring's body plus a
// message, and Retry-After in whole seconds (rounded up) until the oldest call leaves the window.
// Thumbnail downloads in between do not count. After waiting Retry-After the next call passes.
#[tokio::test]
async fn sliding_window_answers_429_with_retry_after() {
    let harness = Harness::start(FakeConfig {
        rate_limit: 3,
        rate_window: Duration::from_secs(2),
        ..FakeConfig::default()
    })
    .await;
    for _ in 0..3 {
        assert_eq!(
            harness
                .get("/clips/results/proj_demo_podcast")
                .await
                .status(),
            200
        );
        // CDN requests are outside the API budget.
        let thumb = format!(
            "{}/cdn/thumb/proj_demo_podcast/0.jpg",
            harness.server.origin()
        );
        assert_eq!(harness.fetch(&thumb, None).await.status(), 200);
    }

    let refused = harness.get("/clips/results/proj_demo_podcast").await;
    let refused_at = Instant::now();
    let retry_after: u64 = header(&refused, "retry-after")
        .expect("Retry-After header")
        .parse()
        .expect("whole seconds");
    let (status, body) = json_of(refused).await;
    assert_eq!(status, 429);
    assert_spring_error(
        &body,
        429,
        "Too Many Requests",
        "/api/v2/clips/results/proj_demo_podcast",
    );
    assert!(
        body["message"].as_str().unwrap().contains("Rate limit"),
        "{body}"
    );
    assert_eq!(retry_after, 2, "2 s window, oldest call just made");

    // Polls count too: an export-results call is refused the same way.
    assert_eq!(
        harness.get("/clips/export/export_task_x").await.status(),
        429
    );

    // A client that waits exactly Retry-After from the refusal gets through.
    tokio::time::sleep_until((refused_at + Duration::from_secs(retry_after)).into()).await;
    assert_eq!(
        harness
            .get("/clips/results/proj_demo_podcast")
            .await
            .status(),
        200
    );

    let statuses: Vec<u16> = harness
        .control()
        .api_requests()
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [200, 200, 200, 429, 429, 200]);
}

// Tried: six submissions while the first five are still rendering. The sixth is 429 with the
// same body shape, a message about the processing limit and a Retry-After; once the tasks have
// finished (1-clip tasks take 0.55 s at speed 20) a new submission is accepted.
#[tokio::test]
async fn at_most_five_exports_processing() {
    let harness = Harness::start(FakeConfig {
        speed: 20.0,
        rate_limit: 0,
        ..FakeConfig::default()
    })
    .await;
    let one_clip = json!({"project_id": "proj_demo_podcast", "clip_indices": [0]});
    for _ in 0..5 {
        harness.submit_ok(&one_clip).await;
    }
    let refused = harness.submit(&one_clip).await;
    let retry_after: u64 = header(&refused, "retry-after").unwrap().parse().unwrap();
    assert!(retry_after >= 1);
    let (status, body) = json_of(refused).await;
    assert_eq!(status, 429);
    assert_spring_error(&body, 429, "Too Many Requests", "/api/v2/clips/export");
    assert!(
        body["message"].as_str().unwrap().contains("processing"),
        "{body}"
    );
    assert_eq!(harness.control().received_exports().len(), 5);

    tokio::time::sleep(Duration::from_millis(700)).await;
    harness.submit_ok(&one_clip).await;
}
