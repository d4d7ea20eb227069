//! Creating projects through the client against the fake: the requests it sends are the ones
//! the service takes, and its answers are read whatever shape they come in.

use std::time::{Duration, Instant};

use fake_wayin::{FakeConfig, FakeServer, FaultScope, Faults};
use wayin_api::create::{ClipLength, CreateRequest, ProjectSettings, UploadFile, VideoSource};
use wayin_api::{
    ApiKey, BaseUrl, Budget, BudgetConfig, ClientConfig, ErrorKind, Priority, TaskKind, TaskStatus,
    WayinClient,
};

async fn fake(speed: f64) -> (FakeServer, WayinClient) {
    let server = FakeServer::start(FakeConfig {
        speed,
        rate_limit: 0,
        ..FakeConfig::default()
    })
    .await
    .unwrap();
    let mut config = ClientConfig::new(
        BaseUrl::parse(&server.base_url()).unwrap(),
        ApiKey::new(server.api_key()).unwrap(),
    );
    // Polls every 10 ms: a budget for a test, not the vendor's 15 a minute.
    config.budget = Budget::new(BudgetConfig {
        requests: 10_000,
        window: Duration::from_secs(1),
        margin: Duration::ZERO,
    });
    (server, WayinClient::new(config).unwrap())
}

fn link() -> VideoSource {
    VideoSource::link("https://vimeo.com/76979871").unwrap()
}

async fn until_final(
    client: &WayinClient,
    kind: TaskKind,
    id: &str,
) -> wayin_api::create::CreationResults {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let results = client
            .creation_results(kind, id, Priority::Background)
            .await
            .unwrap();
        if results.status.is_final() {
            return results;
        }
        assert!(Instant::now() < deadline, "{results:?}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn an_ai_clipping_project_is_created_without_a_render_and_its_clips_arrive() {
    let (server, client) = fake(200.0).await;
    let settings = ProjectSettings::new(Some("Keynote"), Some("en"), None, Some(4)).unwrap();
    let request = CreateRequest::ai_clipping(link(), settings, ClipLength::UpTo30s);
    let created = client.create_project(&request).await.unwrap();
    assert_eq!(created.status, TaskStatus::Created);
    let sent = &server.control().received_creations()[0];
    assert_eq!(sent["enable_export"], false);
    assert_eq!(sent["target_duration"], "DURATION_0_30");
    let done = until_final(&client, TaskKind::AiClipping, &created.id).await;
    assert_eq!(done.status, TaskStatus::Succeeded);
    assert_eq!(done.clips.len(), 4);
    assert_eq!(done.cost, Some(80.0));
    assert!(done.clips.iter().all(|c| c.export_link.is_none()));
    let opened = client
        .project_clips(&created.id, Priority::Interactive)
        .await
        .unwrap();
    assert_eq!(opened.name.as_deref(), Some("Keynote"));
}

#[tokio::test]
async fn an_uploaded_files_identity_names_its_project_in_any_envelope() {
    let (server, client) = fake(200.0).await;
    server.control().set_faults(
        FaultScope::Global,
        Faults {
            legacy_envelope: true,
            numbers_as_strings: true,
            ..Faults::default()
        },
    );
    let file = UploadFile::check("talk.mp4", 5).unwrap();
    let ticket = client.upload_ticket(&file).await.unwrap();
    let put = wayin_api::tls::client_builder()
        .build()
        .unwrap()
        .put(&ticket.upload_url)
        .body(vec![1u8; 5])
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 200);
    let request = CreateRequest::find_moments(
        VideoSource::Uploaded(ticket.identity.clone()),
        ProjectSettings::default(),
        "the demo",
    )
    .unwrap();
    let created = client.create_project(&request).await.unwrap();
    let done = until_final(&client, TaskKind::FindMoments, &created.id).await;
    assert_eq!(done.clips.len(), 4, "{done:?}");
    assert!(
        done.clips[0].begin_ms.is_some(),
        "numbers sent as strings are read"
    );
    let again = client.create_project(&request).await.unwrap_err();
    assert_eq!(
        again.kind(),
        ErrorKind::InvalidRequest,
        "an identity names one project"
    );
}

#[tokio::test]
async fn a_failed_creation_says_the_vendors_words() {
    let (server, client) = fake(200.0).await;
    server.control().set_faults(
        FaultScope::Global,
        Faults {
            fail_creation: Some("Unsupported video source.".into()),
            ..Faults::default()
        },
    );
    let request =
        CreateRequest::ai_clipping(link(), ProjectSettings::default(), ClipLength::default());
    let created = client.create_project(&request).await.unwrap();
    let failed = until_final(&client, TaskKind::AiClipping, &created.id).await;
    assert_eq!(failed.status, TaskStatus::Failed);
    assert_eq!(
        failed.error_message.as_deref(),
        Some("Unsupported video source.")
    );
}
