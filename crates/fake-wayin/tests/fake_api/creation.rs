use std::time::{Duration, Instant};

use fake_wayin::{FakeConfig, FaultScope, Faults};
use serde_json::{json, Value};

use crate::support::{fast_config, json_of, Harness};

impl Harness {
    async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.http
            .post(self.api_url(path))
            .bearer_auth(self.server.api_key())
            .header("x-wayinvideo-api-version", "v2")
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// An upload ticket for `name`: its link and identity.
    async fn ticket(&self, name: &str) -> (String, String) {
        let (status, reply) = json_of(
            self.post("/upload/single-file", &json!({ "name": name }))
                .await,
        )
        .await;
        assert_eq!(status, 200, "{reply}");
        let data = &reply["data"];
        (
            data["upload_url"].as_str().unwrap().to_owned(),
            data["identity"].as_str().unwrap().to_owned(),
        )
    }

    async fn put(&self, url: &str, bytes: Vec<u8>) -> (u16, String) {
        let response = self
            .http
            .put(url)
            .header("content-type", "video/mp4")
            .body(bytes)
            .send()
            .await
            .expect("PUT sent");
        let status = response.status().as_u16();
        (status, response.text().await.unwrap_or_default())
    }

    /// Creates a project, which must be accepted: its id.
    async fn create_ok(&self, path: &str, body: &Value) -> String {
        let (status, reply) = json_of(self.post(path, body).await).await;
        assert_eq!(status, 200, "{reply}");
        assert_eq!(reply["data"]["status"], "CREATED");
        reply["data"]["id"].as_str().unwrap().to_owned()
    }

    async fn creation(&self, path: &str) -> Value {
        let (status, reply) = json_of(self.get(path).await).await;
        assert_eq!(status, 200, "{reply}");
        reply["data"].clone()
    }
}

const LINK: &str = "https://www.youtube.com/watch?v=abc";

// Tried: a ticket, then PUTs with no Content-Length, with the API key, after the link expired,
// larger than the store takes; each refused with an S3-style XML error and nothing kept. Then
// one good PUT, whose identity names one project and is refused for a second.
#[tokio::test]
async fn an_upload_link_takes_one_keyless_put_of_a_stated_length_within_its_hour() {
    let harness = Harness::start(FakeConfig {
        max_upload_bytes: 1000,
        ..fast_config()
    })
    .await;
    let (url, identity) = harness.ticket("talk.mp4").await;
    assert!(identity.starts_with("file_"));

    let chunked =
        reqwest::Body::wrap_stream(futures_util::stream::iter([Ok::<_, std::io::Error>(
            bytes::Bytes::from_static(b"abc"),
        )]));
    let response = harness.http.put(&url).body(chunked).send().await.unwrap();
    assert_eq!(response.status(), 411);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("<Code>MissingContentLength</Code>"));

    let response = harness
        .http
        .put(&url)
        .bearer_auth(harness.server.api_key())
        .body(vec![1u8; 10])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("<Code>InvalidArgument</Code>"));

    let (status, body) = harness.put(&url, vec![0; 1001]).await;
    assert_eq!((status, body.contains("EntityTooLarge")), (400, true));

    let (status, _) = harness.put(&url, vec![7; 1000]).await;
    assert_eq!(status, 200);
    let records = harness.control().uploads();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].received, Some(1000));
    assert!(
        records[0].sent_authorization,
        "the refused PUT with a key is on record"
    );

    let (status, body) = harness.put(&url, vec![7; 10]).await;
    assert_eq!((status, body.contains("already used")), (403, true));

    harness
        .create_ok("/clips", &json!({ "video_url": identity }))
        .await;
    let (status, reply) = json_of(
        harness
            .post("/clips", &json!({ "video_url": identity }))
            .await,
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        reply["message"].as_str().unwrap().contains("already used"),
        "{reply}"
    );

    harness.control().set_faults(
        FaultScope::Global,
        Faults {
            upload_ttl_ms: Some(0),
            ..Faults::default()
        },
    );
    let (expired, never_sent) = harness.ticket("b.mov").await;
    let (status, body) = harness.put(&expired, vec![1; 10]).await;
    assert_eq!((status, body.contains("Request has expired")), (403, true));
    let (status, reply) = json_of(
        harness
            .post("/clips", &json!({ "video_url": never_sent }))
            .await,
    )
    .await;
    assert_eq!(
        status, 400,
        "an identity whose file never arrived names no project: {reply}"
    );
}

#[tokio::test]
async fn a_dropped_upload_is_broken_off_once_and_the_next_put_lands() {
    let harness = Harness::fast().await;
    harness.control().set_faults(
        FaultScope::Global,
        Faults {
            drop_upload_after_bytes: Some(64 * 1024),
            ..Faults::default()
        },
    );
    let (url, _) = harness.ticket("talk.webm").await;
    // The store answers before the body is all sent and closes: a client sees the 500 or a
    // broken connection, whichever it notices first.
    let broken = harness
        .http
        .put(&url)
        .body(vec![3u8; 256 * 1024])
        .send()
        .await;
    assert!(
        broken.as_ref().map_or(true, |r| r.status() == 500),
        "{broken:?}"
    );
    assert_eq!(harness.control().uploads()[0].received, None);
    let (status, _) = harness.put(&url, vec![3; 256 * 1024]).await;
    assert_eq!(status, 200);
    assert_eq!(harness.control().uploads()[0].received, Some(256 * 1024));
}

#[tokio::test]
async fn creations_are_checked_field_by_field() {
    let harness = Harness::fast().await;
    for (path, body, says) in [
        ("/clips", json!({}), "video_url is required"),
        (
            "/clips",
            json!({ "video_url": LINK, "target_duration": "DURATION_0_60" }),
            "target_duration",
        ),
        (
            "/clips",
            json!({ "video_url": LINK, "source_lang": "xx" }),
            "source_lang",
        ),
        ("/clips", json!({ "video_url": LINK, "limit": 0 }), "limit"),
        (
            "/clips",
            json!({ "video_url": LINK, "enable_export": "no" }),
            "enable_export",
        ),
        (
            "/clips/find-moments",
            json!({ "video_url": LINK }),
            "query is required",
        ),
        (
            "/clips/find-moments",
            json!({ "video_url": LINK, "query": "  " }),
            "query is required",
        ),
        (
            "/upload/single-file",
            json!({ "name": "noextension" }),
            "extension",
        ),
    ] {
        let (status, reply) = json_of(harness.post(path, &body).await).await;
        assert_eq!(status, 400, "{path} {body}");
        assert!(reply["message"].as_str().unwrap().contains(says), "{reply}");
    }
    assert!(harness.control().received_creations().is_empty());
}

// Tried: AI Clipping at speed 20 with limit 3, polled every 15 ms: CREATED, QUEUED, then ONGOING
// with the clips found so far, one more at a time, then SUCCEEDED with all three and its cost.
#[tokio::test]
async fn a_new_project_shows_its_clips_as_they_are_found() {
    let harness = Harness::start(FakeConfig {
        speed: 20.0,
        ..fast_config()
    })
    .await;
    let id = harness
        .create_ok(
            "/clips",
            &json!({ "video_url": LINK, "project_name": "Talk", "limit": 3, "enable_export": false }),
        )
        .await;
    let mut seen: Vec<(String, usize)> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    let done = loop {
        let data = harness.creation(&format!("/clips/results/{id}")).await;
        let status = data["status"].as_str().unwrap().to_owned();
        let found = data["clips"].as_array().unwrap().len();
        if seen.last() != Some(&(status.clone(), found)) {
            seen.push((status.clone(), found));
        }
        if status == "SUCCEEDED" {
            break data;
        }
        assert!(Instant::now() < deadline, "{seen:?}");
        tokio::time::sleep(Duration::from_millis(15)).await;
    };
    let statuses: Vec<&str> = seen.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(statuses.first(), Some(&"CREATED"));
    assert!(seen.contains(&("ONGOING".into(), 1)), "{seen:?}");
    assert!(seen.contains(&("ONGOING".into(), 2)), "{seen:?}");
    assert_eq!(seen.last(), Some(&("SUCCEEDED".into(), 3)));
    assert_eq!(done["name"], "Talk");
    assert_eq!(done["cost_usage"], 60);
    assert!(
        done["clips"][0].get("export_link").is_none(),
        "a project's clips carry no link"
    );
    let (status, _) = json_of(
        harness
            .get(&format!("/clips/find-moments/results/{id}"))
            .await,
    )
    .await;
    assert_eq!(status, 404, "each kind is read on its own endpoint");
    let export = harness
        .submit_ok(&json!({ "project_id": id, "clip_indices": [2] }))
        .await;
    assert!(
        !export.is_empty(),
        "a created project exports like any other"
    );
}

#[tokio::test]
async fn find_moments_ignores_limit_and_may_find_nothing() {
    let harness = Harness::fast().await;
    let id = harness
        .create_ok(
            "/clips/find-moments",
            &json!({ "video_url": LINK, "query": "funny reactions", "limit": 1 }),
        )
        .await;
    let path = format!("/clips/find-moments/results/{id}");
    let found = wait_until_final(&harness, &path).await;
    assert_eq!(found["status"], "SUCCEEDED");
    assert_eq!(
        found["clips"].as_array().unwrap().len(),
        4,
        "limit 1 is ignored"
    );
    let none = harness
        .create_ok(
            "/clips/find-moments",
            &json!({ "video_url": LINK, "query": "nothing at all" }),
        )
        .await;
    let none = wait_until_final(&harness, &format!("/clips/find-moments/results/{none}")).await;
    assert_eq!(
        (
            none["status"].as_str(),
            none["clips"].as_array().unwrap().len()
        ),
        (Some("SUCCEEDED"), 0)
    );
}

#[tokio::test]
async fn a_failed_project_carries_the_vendors_message() {
    let harness = Harness::fast().await;
    harness.control().set_faults(
        FaultScope::Global,
        Faults {
            fail_creation: Some("The video could not be downloaded.".into()),
            ..Faults::default()
        },
    );
    let id = harness
        .create_ok("/clips", &json!({ "video_url": LINK }))
        .await;
    let failed = wait_until_final(&harness, &format!("/clips/results/{id}")).await;
    assert_eq!(failed["status"], "FAILED");
    assert_eq!(
        failed["error_message"],
        "The video could not be downloaded."
    );
    assert_eq!(failed["clips"].as_array().unwrap().len(), 0);
}

// Tried: five creations at speed 1 (each runs for half a minute), then a sixth, then an export.
#[tokio::test]
async fn a_sixth_project_while_five_run_is_told_to_wait() {
    let harness = Harness::start(FakeConfig {
        speed: 1.0,
        ..fast_config()
    })
    .await;
    for _ in 0..5 {
        harness
            .create_ok("/clips", &json!({ "video_url": LINK }))
            .await;
    }
    let response = harness.post("/clips", &json!({ "video_url": LINK })).await;
    assert_eq!(response.status(), 429);
    assert!(response.headers().get("retry-after").is_some());
    let response = harness
        .submit(&json!({ "project_id": "proj_demo_podcast", "clip_indices": [0] }))
        .await;
    assert_eq!(
        response.status(),
        429,
        "exports and creations share the five"
    );
}

async fn wait_until_final(harness: &Harness, path: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let data = harness.creation(path).await;
        if matches!(data["status"].as_str(), Some("SUCCEEDED" | "FAILED")) {
            return data;
        }
        assert!(Instant::now() < deadline, "{data}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
