use std::time::{Duration, Instant};

use fake_wayin::{Control, FakeConfig, FakeServer};
use serde_json::Value;

/// A fake server plus an HTTP client that sends the documented headers.
pub struct Harness {
    pub server: FakeServer,
    pub http: reqwest::Client,
}

/// Fast tasks (50x) and no rate limit: for tests that are not about timing or limits.
pub fn fast_config() -> FakeConfig {
    FakeConfig {
        speed: 50.0,
        rate_limit: 0,
        ..FakeConfig::default()
    }
}

impl Harness {
    pub async fn start(config: FakeConfig) -> Harness {
        let server = FakeServer::start(config).await.expect("fake server starts");
        let http = client_builder().no_proxy().build().expect("http client");
        Harness { server, http }
    }

    pub async fn fast() -> Harness {
        Harness::start(fast_config()).await
    }

    pub fn control(&self) -> Control {
        self.server.control()
    }

    pub fn api_url(&self, path: &str) -> String {
        format!("{}{path}", self.server.base_url())
    }

    pub fn admin_url(&self, path: &str) -> String {
        format!("{}/__fake{path}", self.server.origin())
    }

    fn authorised(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        request
            .bearer_auth(self.server.api_key())
            .header("x-wayinvideo-api-version", "v2")
    }

    /// GET an API path (relative to the base URL) with valid credentials.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.authorised(self.http.get(self.api_url(path)))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn submit(&self, body: &Value) -> reqwest::Response {
        self.authorised(self.http.post(self.api_url("/clips/export")))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Submits an export that must be accepted, returning its task id.
    pub async fn submit_ok(&self, body: &Value) -> String {
        let (status, reply) = json_of(self.submit(body).await).await;
        assert_eq!(status, 200, "submit refused: {reply}");
        reply["data"]["export_task_id"]
            .as_str()
            .expect("export_task_id")
            .to_string()
    }

    /// The `data` of the export results, which must be answered 200.
    pub async fn results(&self, task_id: &str) -> Value {
        let (status, reply) = json_of(self.get(&format!("/clips/export/{task_id}")).await).await;
        assert_eq!(status, 200, "results refused: {reply}");
        reply["data"].clone()
    }

    /// Polls the export results until `status` is reached, returning the first answer that has it.
    pub async fn wait_for_status(&self, task_id: &str, status: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let data = self.results(task_id).await;
            if data["status"] == status {
                return data;
            }
            assert!(
                Instant::now() < deadline,
                "task never reached {status}: {data}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// A plain GET of an absolute URL (CDN links), optionally with a `Range` header.
    pub async fn fetch(&self, url: &str, range: Option<&str>) -> reqwest::Response {
        let mut request = self.http.get(url);
        if let Some(range) = range {
            request = request.header("range", range);
        }
        request.send().await.expect("request sent")
    }
}

pub async fn json_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body = response.json().await.expect("JSON body");
    (status, body)
}

pub fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().expect("ASCII header").to_string())
}

/// The export link of the clip at `position` in an export results `data`.
pub fn link_at(data: &Value, position: usize) -> String {
    data["clips"][position]["export_link"]
        .as_str()
        .unwrap_or_else(|| panic!("clip {position} has no link: {data}"))
        .to_string()
}

/// Asserts a Spring Boot error body: `{timestamp, status, error, path}`.
pub fn assert_spring_error(body: &Value, status: u16, error: &str, path: &str) {
    assert_eq!(body["status"], status, "{body}");
    assert_eq!(body["error"], error, "{body}");
    assert_eq!(body["path"], path, "{body}");
    let timestamp = body["timestamp"].as_str().expect("timestamp string");
    // 2026-04-10T12:34:56.789+00:00
    assert_eq!(timestamp.len(), 29, "{timestamp}");
    assert_eq!(&timestamp[10..11], "T", "{timestamp}");
    assert!(timestamp.ends_with("+00:00"), "{timestamp}");
}

/// An HTTP client builder, with the TLS provider reqwest leaves to the app installed.
pub fn client_builder() -> reqwest::ClientBuilder {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
}
