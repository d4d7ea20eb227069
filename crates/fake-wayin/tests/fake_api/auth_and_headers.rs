use serde_json::json;

use crate::support::{assert_spring_error, json_of, Harness};

const PROJECT_PATH: &str = "/api/v2/clips/results/proj_demo_podcast";

// Tried: no Authorization header, a wrong key, and a non-Bearer scheme. Each must get 403 with
// Spring's {timestamp, status, error, path} body, and the refusals must be logged.
#[tokio::test]
async fn missing_or_wrong_key_is_forbidden_with_a_spring_body() {
    let harness = Harness::fast().await;
    let url = harness.api_url("/clips/results/proj_demo_podcast");

    let no_key = harness
        .http
        .get(&url)
        .header("x-wayinvideo-api-version", "v2")
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(no_key).await;
    assert_eq!(status, 403);
    assert_spring_error(&body, 403, "Forbidden", PROJECT_PATH);

    let wrong_key = harness
        .http
        .get(&url)
        .bearer_auth("wayin_wrong_key")
        .header("x-wayinvideo-api-version", "v2")
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(wrong_key).await;
    assert_eq!(status, 403);
    assert_spring_error(&body, 403, "Forbidden", PROJECT_PATH);

    let basic = harness
        .http
        .get(&url)
        .header(
            "authorization",
            format!("Basic {}", harness.server.api_key()),
        )
        .header("x-wayinvideo-api-version", "v2")
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), 403);

    let logged = harness.control().api_requests();
    assert_eq!(logged.len(), 3);
    assert!(logged
        .iter()
        .all(|request| request.status == 403 && request.path == PROJECT_PATH));
}

// Tried: a valid key without the version header, and with `v1`. Both must be 400 with a human
// message naming the header; with the header the same call succeeds.
#[tokio::test]
async fn version_header_is_required() {
    let harness = Harness::fast().await;
    let url = harness.api_url("/clips/results/proj_demo_podcast");
    let key = harness.server.api_key().to_string();

    let missing = harness
        .http
        .get(&url)
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(missing).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "400");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("x-wayinvideo-api-version"), "{message}");

    let wrong = harness
        .http
        .get(&url)
        .bearer_auth(&key)
        .header("x-wayinvideo-api-version", "v1")
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(wrong).await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("v1"), "{body}");

    assert_eq!(
        harness
            .get("/clips/results/proj_demo_podcast")
            .await
            .status(),
        200
    );
}

// Tried: an authenticated call to a path the API does not have, and a DELETE on the export
// endpoint. Spring answers 404 and 405 with its error body; the CDN and admin routes are not under /api/v2 and need no key.
#[tokio::test]
async fn unknown_endpoint_is_a_spring_404() {
    let harness = Harness::fast().await;
    let (status, body) = json_of(harness.get("/clips/nope").await).await;
    assert_eq!(status, 404);
    assert_spring_error(&body, 404, "Not Found", "/api/v2/clips/nope");

    let wrong_method = harness
        .http
        .delete(harness.api_url("/clips/export"))
        .bearer_auth(harness.server.api_key())
        .header("x-wayinvideo-api-version", "v2")
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(wrong_method).await;
    assert_eq!(status, 405);
    assert_spring_error(&body, 405, "Method Not Allowed", "/api/v2/clips/export");

    let health = harness
        .http
        .get(harness.admin_url("/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
}

// Tried: submitting an export with a valid JSON body but no JSON Content-Type. The service is a
// Spring app, which refuses such bodies with 415 rather than guessing.
#[tokio::test]
async fn export_submit_requires_json_content_type() {
    let harness = Harness::fast().await;
    let response = harness
        .http
        .post(harness.api_url("/clips/export"))
        .bearer_auth(harness.server.api_key())
        .header("x-wayinvideo-api-version", "v2")
        .header("content-type", "text/plain")
        .body(json!({"project_id": "proj_demo_podcast"}).to_string())
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 415);
    assert_spring_error(&body, 415, "Unsupported Media Type", "/api/v2/clips/export");
    assert!(harness.control().received_exports().is_empty());
}
