//! The client against the local fake of the API: every documented behaviour and
//! every error kind. Each test says what it tried.

use std::time::{Duration, Instant};

use fake_wayin::{FakeConfig, FakeServer, FaultScope, Faults};
use wayin_api::{
    ApiError, ApiKey, BaseUrl, Budget, BudgetConfig, ClientConfig, ErrorKind, ExportRequest,
    Priority, ProjectClips, RetryPolicy, TaskKind, TaskStatus, WayinClient,
};

const PODCAST: &str = "proj_demo_podcast";
const MOMENTS: &str = "prj_demo_moments";

async fn fake(rate_limit: u32) -> FakeServer {
    FakeServer::start(FakeConfig {
        speed: 200.0,
        rate_limit,
        rate_window: Duration::from_secs(2),
        ..FakeConfig::default()
    })
    .await
    .unwrap()
}

/// A budget of `budget_requests` per 2 s, with the product's own margin for the time
/// between counting a request and its arrival (a few hundred milliseconds under Wine
/// when a burst opens its connections at once).
fn client_for(base: &str, key: &str, budget_requests: u32) -> WayinClient {
    let mut config = ClientConfig::new(BaseUrl::parse(base).unwrap(), ApiKey::new(key).unwrap());
    config.budget = Budget::new(BudgetConfig {
        requests: budget_requests,
        window: Duration::from_secs(2),
        margin: BudgetConfig::default().margin,
    });
    config.retry = RetryPolicy::vendor_scaled(20);
    config.timeout = Duration::from_secs(5);
    WayinClient::new(config).unwrap()
}

fn client(server: &FakeServer) -> WayinClient {
    client_for(&server.base_url(), server.api_key(), 15)
}

fn count(server: &FakeServer, method: &str, status: u16) -> usize {
    let requests = server.control().api_requests();
    requests
        .iter()
        .filter(|r| r.method == method && r.status == status)
        .count()
}

/// Lists the podcast once per client given, all at once; the answers in order.
async fn list_at_once(clients: Vec<WayinClient>) -> Vec<Result<ProjectClips, ApiError>> {
    let calls: Vec<_> = clients
        .into_iter()
        .map(|client| {
            tokio::spawn(async move { client.project_clips(PODCAST, Priority::Background).await })
        })
        .collect();
    let mut answers = Vec::with_capacity(calls.len());
    for call in calls {
        answers.push(call.await.unwrap());
    }
    answers
}

#[tokio::test]
async fn ai_clipping_projects_are_read_directly() {
    let server = fake(15).await;
    let project = client(&server)
        .project_clips(PODCAST, Priority::Interactive)
        .await
        .unwrap();
    assert_eq!(project.kind, TaskKind::AiClipping);
    assert_eq!(project.clips.len(), 6);
    assert_eq!(project.clips[0].idx, 0);
    assert!(project
        .clips
        .iter()
        .all(|c| c.duration_ms().unwrap() > 0 && c.thumbnail.is_some()));
    assert!(project.clips.iter().all(|c| c.export_link.is_none()));
    assert_eq!(server.control().api_request_count(), 1);
}

#[tokio::test]
async fn find_moments_projects_are_found_after_the_ai_clipping_lookup_fails() {
    let server = fake(15).await;
    let project = client(&server)
        .project_clips(MOMENTS, Priority::Interactive)
        .await
        .unwrap();
    assert_eq!(project.kind, TaskKind::FindMoments);
    assert_eq!(project.clips.len(), 3);
    let paths: Vec<String> = server
        .control()
        .api_requests()
        .into_iter()
        .map(|r| r.path)
        .collect();
    assert_eq!(
        paths,
        vec![
            format!("/api/v2/clips/results/{MOMENTS}"),
            format!("/api/v2/clips/find-moments/results/{MOMENTS}"),
        ]
    );
}

#[tokio::test]
async fn web_app_ids_and_unknown_ids_are_not_found_with_a_hint() {
    let server = fake(15).await;
    let client = client(&server);
    let err = client
        .project_clips("hmtask_8f2c", Priority::Interactive)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(
        err.to_string().contains("hmtask") && err.to_string().contains("proj_"),
        "{err}"
    );
    let err = client
        .project_clips("proj_missing", Priority::Interactive)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(
        err.to_string()
            .starts_with("Project proj_missing was not found."),
        "{err}"
    );
    // An id that could climb out of its route is refused before any request.
    let before = server.control().api_request_count();
    let err = client
        .project_clips("../clips/export", Priority::Interactive)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidRequest);
    assert_eq!(server.control().api_request_count(), before);
}

#[tokio::test]
async fn a_rejected_key_is_reported_once_and_never_echoed() {
    let server = fake(15).await;
    let secret = "wrong_key_abcdefghijklmnop";
    let client = client_for(&server.base_url(), secret, 15);
    let err = client
        .project_clips(PODCAST, Priority::Interactive)
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::KeyRejected));
    assert!(err.to_string().contains("key was rejected"));
    assert!(!format!("{err} {err:?}").contains(secret));
    assert_eq!(
        server.control().api_request_count(),
        1,
        "a 403 is not retried"
    );
    assert_eq!(
        client.verify_key().await.unwrap_err().kind(),
        ErrorKind::KeyRejected
    );
}

#[tokio::test]
async fn verify_key_accepts_a_valid_key_with_one_call() {
    let server = fake(15).await;
    client(&server).verify_key().await.unwrap();
    assert_eq!(server.control().api_request_count(), 1);
}

#[tokio::test]
async fn an_export_moves_from_created_to_succeeded_with_links() {
    let server = fake(15).await;
    let client = client(&server);
    let request = ExportRequest::new(PODCAST)
        .unwrap()
        .with_clips([1, 4])
        .unwrap();
    let submitted = client.submit_export(&request).await.unwrap();
    assert_eq!(submitted.status, TaskStatus::Created);
    assert_eq!(server.control().received_exports(), vec![request.to_json()]);
    let mut seen = Vec::new();
    let task = loop {
        let task = client
            .export_results(&submitted.export_task_id, Priority::Background)
            .await
            .unwrap();
        if seen.last() != Some(&task.status) {
            seen.push(task.status.clone());
        }
        if task.status.is_final() {
            break task;
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    };
    assert_eq!(task.status, TaskStatus::Succeeded, "{seen:?}");
    assert_eq!(seen.last(), Some(&TaskStatus::Succeeded));
    assert!(seen.len() >= 2, "{seen:?}");
    assert_eq!(
        task.clips.iter().map(|c| c.idx).collect::<Vec<_>>(),
        vec![1, 4]
    );
    assert!(task.clips.iter().all(|c| c.export_link.is_some()));
    assert!(task.cost_usage.unwrap() > 0.0);
    assert!(task.expire_at.unwrap() > 1_700_000_000_000);
}

#[tokio::test]
async fn the_vendors_400_message_is_passed_on_verbatim() {
    // Tried: a clip index the project does not have; only the server can know that.
    let server = fake(15).await;
    let request = ExportRequest::new(PODCAST)
        .unwrap()
        .with_clips([99])
        .unwrap();
    let err = client(&server).submit_export(&request).await.unwrap_err();
    let ApiError::InvalidRequest { message } = &err else {
        panic!("{err:?}")
    };
    assert!(message.contains("99"), "{message}");
    assert!(server.control().received_exports().is_empty());
}

#[tokio::test]
async fn the_older_envelope_and_numbers_as_strings_are_understood() {
    let server = fake(15).await;
    server.control().set_faults(
        FaultScope::Global,
        Faults {
            legacy_envelope: true,
            numbers_as_strings: true,
            ..Faults::default()
        },
    );
    let client = client(&server);
    let project = client
        .project_clips(PODCAST, Priority::Interactive)
        .await
        .unwrap();
    assert!(project.clips[0].begin_ms.is_some() && project.clips[0].score.is_some());
    let submitted = client
        .submit_export(&ExportRequest::new(PODCAST).unwrap())
        .await
        .unwrap();
    let task = client
        .export_results(&submitted.export_task_id, Priority::Interactive)
        .await
        .unwrap();
    assert!(task.expire_at.is_some());
}

#[tokio::test]
async fn gets_are_retried_through_500s_but_a_paid_post_is_not() {
    let server = fake(15).await;
    server.control().set_faults(
        FaultScope::Global,
        Faults {
            error_every: Some(2),
            ..Faults::default()
        },
    );
    let client = client(&server);
    // Every second call fails: a GET gets through on its retry.
    for _ in 0..3 {
        client
            .project_clips(PODCAST, Priority::Interactive)
            .await
            .unwrap();
    }
    assert!(count(&server, "GET", 500) >= 1);

    server.control().set_faults(
        FaultScope::Global,
        Faults {
            error_every: Some(1),
            ..Faults::default()
        },
    );
    let err = client
        .submit_export(&ExportRequest::new(PODCAST).unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ServerError);
    assert!(err.may_have_reached_server());
    assert_eq!(
        count(&server, "POST", 500),
        1,
        "the export POST went out once"
    );
    let err = client
        .project_clips(PODCAST, Priority::Interactive)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ServerError);
    assert!(err.to_string().contains("HTTP 500") && err.to_string().contains("Try again"));
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout_that_may_have_reached_the_server() {
    let server = fake(15).await;
    server.control().set_faults(
        FaultScope::Global,
        Faults {
            slow_ms: Some(800),
            ..Faults::default()
        },
    );
    let mut config = ClientConfig::new(
        BaseUrl::parse(&server.base_url()).unwrap(),
        ApiKey::new(server.api_key()).unwrap(),
    );
    config.timeout = Duration::from_millis(200);
    config.retry = RetryPolicy::none();
    let client = WayinClient::new(config).unwrap();
    let err = client
        .submit_export(&ExportRequest::new(PODCAST).unwrap())
        .await
        .unwrap_err();
    let ApiError::Network {
        timeout,
        may_have_reached_server,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert!(*timeout && *may_have_reached_server);
    assert!(err.to_string().contains("did not answer in time"));
}

#[tokio::test]
async fn an_unreachable_server_is_a_network_error_that_never_reached_it() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = client_for(&format!("http://127.0.0.1:{port}/api/v2"), "k_abcdef", 15);
    let err = client
        .submit_export(&ExportRequest::new(PODCAST).unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network);
    assert!(
        !err.may_have_reached_server(),
        "a refused connection cannot have been charged"
    );
    assert!(err.to_string().contains("Could not reach"));
}

#[tokio::test]
async fn a_garbled_answer_is_unexpected_and_its_excerpt_never_holds_the_key() {
    // Tried: a server that answers 200 with a non-JSON body echoing the request,
    // Authorization header included.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = vec![0u8; 4096];
            let n = socket.read(&mut buf).await.unwrap_or(0);
            let echoed = String::from_utf8_lossy(&buf[..n]).into_owned();
            let body = format!("<html>proxy error: {echoed}</html>");
            let reply = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(reply.as_bytes()).await;
        }
    });
    let secret = "sk_live_very_secret_key_123";
    let client = client_for(&format!("http://127.0.0.1:{port}/api/v2"), secret, 15);
    let err = client
        .project_clips(PODCAST, Priority::Interactive)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedResponse);
    let shown = format!("{err} {err:?}");
    assert!(
        shown.contains("not JSON") && shown.contains("proxy error"),
        "{shown}"
    );
    assert!(!shown.contains(secret), "{shown}");
    assert!(shown.contains("Bearer ***"));
}

#[tokio::test]
async fn a_burst_of_30_calls_draws_no_429_from_a_server_enforcing_the_limit() {
    // Tried: 30 calls at once against a fake allowing 15 per 2 s, with a client
    // budget of the same size: the budget spreads them, the server refuses none.
    let server = fake(15).await;
    let client = client(&server);
    let start = Instant::now();
    for answer in list_at_once(vec![client; 30]).await {
        answer.unwrap();
    }
    assert_eq!(count(&server, "GET", 429), 0);
    assert_eq!(count(&server, "GET", 200), 30);
    assert!(
        start.elapsed() >= Duration::from_secs(2),
        "the second 15 waited for the window"
    );
}

#[tokio::test]
async fn a_429_from_the_server_is_waited_out() {
    // Tried: the client believes in 40 per window, the server allows 15, so the
    // server answers 429 with Retry-After; every call still succeeds.
    let server = fake(15).await;
    let client = client_for(&server.base_url(), server.api_key(), 40);
    for answer in list_at_once(vec![client; 25]).await {
        answer.unwrap();
    }
    assert!(count(&server, "GET", 429) > 0, "the server did refuse some");
    assert_eq!(count(&server, "GET", 200), 25);
}

#[tokio::test]
async fn a_rate_limited_submit_is_retried_because_it_was_refused_not_charged() {
    let server = fake(2).await;
    let client = client_for(&server.base_url(), server.api_key(), 40);
    client
        .project_clips(PODCAST, Priority::Interactive)
        .await
        .unwrap();
    client
        .project_clips(PODCAST, Priority::Interactive)
        .await
        .unwrap();
    let submitted = client
        .submit_export(&ExportRequest::new(PODCAST).unwrap())
        .await;
    assert!(submitted.is_ok(), "{submitted:?}");
    assert!(count(&server, "POST", 429) >= 1);
    assert_eq!(server.control().received_exports().len(), 1);
}

#[tokio::test]
async fn the_sixth_export_processing_at_once_is_rate_limited() {
    let server = FakeServer::start(FakeConfig {
        speed: 0.01,
        rate_limit: 0,
        ..FakeConfig::default()
    })
    .await
    .unwrap();
    let mut config = ClientConfig::new(
        BaseUrl::parse(&server.base_url()).unwrap(),
        ApiKey::new(server.api_key()).unwrap(),
    );
    config.retry = RetryPolicy::none();
    let client = WayinClient::new(config).unwrap();
    for _ in 0..5 {
        client
            .submit_export(&ExportRequest::new(PODCAST).unwrap())
            .await
            .unwrap();
    }
    let err = client
        .submit_export(&ExportRequest::new(PODCAST).unwrap())
        .await
        .unwrap_err();
    let ApiError::RateLimited { retry_after } = err else {
        panic!("{err:?}")
    };
    assert!(retry_after.is_some());
    assert_eq!(server.control().received_exports().len(), 5);
}

#[tokio::test]
async fn a_json_error_echoing_the_key_is_shown_without_it() {
    // Tried: a 400 and a 500 whose JSON `message` repeats the Authorization header.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut calls = 0;
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = vec![0u8; 4096];
            let n = socket.read(&mut buf).await.unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).into_owned();
            let header = request
                .lines()
                .find(|l| l.to_lowercase().starts_with("authorization"))
                .unwrap_or("")
                .to_owned();
            let body =
                serde_json::json!({ "message": format!("bad request from {header}") }).to_string();
            calls += 1;
            let status = if calls == 1 {
                "400 Bad Request"
            } else {
                "500 Internal Server Error"
            };
            let reply = format!(
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(reply.as_bytes()).await;
        }
    });
    let secret = "sk_live_echoed_secret_456";
    let mut config = ClientConfig::new(
        BaseUrl::parse(&format!("http://127.0.0.1:{port}/api/v2")).unwrap(),
        ApiKey::new(secret).unwrap(),
    );
    config.retry = RetryPolicy::none();
    let client = WayinClient::new(config).unwrap();
    let refused = client
        .submit_export(&ExportRequest::new(PODCAST).unwrap())
        .await
        .unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::InvalidRequest);
    let failed = client
        .export_results("export_task_1", Priority::Interactive)
        .await
        .unwrap_err();
    assert_eq!(failed.kind(), ErrorKind::ServerError);
    for err in [refused, failed] {
        let shown = format!("{err} {err:?}");
        assert!(
            shown.contains("bad request from") && shown.contains("Bearer ***"),
            "{shown}"
        );
        assert!(!shown.contains(secret), "{shown}");
    }
}

#[tokio::test]
async fn an_oversized_answer_is_an_error_not_an_allocation() {
    // Tried: a server that streams 9 MiB of JSON without announcing a length: the client
    // stops at its 8 MiB cap and says so.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buf = vec![0u8; 4096];
            let _ = socket.read(&mut buf).await;
            let head =
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n";
            if socket.write_all(head.as_bytes()).await.is_err() {
                continue;
            }
            let _ = socket.write_all(b"{\"data\":{\"name\":\"").await;
            let filler = vec![b'x'; 1 << 20];
            for _ in 0..9 {
                if socket.write_all(&filler).await.is_err() {
                    break;
                }
            }
            let _ = socket.write_all(b"\"}}").await;
        }
    });
    let client = client_for(&format!("http://127.0.0.1:{port}/api/v2"), "k_abcdef", 15);
    let err = client
        .project_clips(PODCAST, Priority::Interactive)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedResponse, "{err}");
    assert!(err.to_string().contains("larger than 8 MiB"), "{err}");
}

#[tokio::test]
async fn a_429_is_waited_out_however_many_times_it_comes_while_patience_lasts() {
    // Tried: a server allowing 2 calls a second, a client that believes in 40 and has no
    // retry schedule at all. Six calls at once: the 429s are waited out by their
    // Retry-After, not counted as failed attempts, and every call succeeds.
    let server = FakeServer::start(FakeConfig {
        rate_limit: 2,
        rate_window: Duration::from_secs(1),
        ..FakeConfig::default()
    })
    .await
    .unwrap();
    let patient = |patience: Duration| {
        let mut config = ClientConfig::new(
            BaseUrl::parse(&server.base_url()).unwrap(),
            ApiKey::new(server.api_key()).unwrap(),
        );
        config.budget = Budget::new(BudgetConfig {
            requests: 40,
            window: Duration::from_secs(1),
            margin: Duration::ZERO,
        });
        config.retry = RetryPolicy {
            delays: Vec::new(),
            rate_limit_patience: patience,
        };
        WayinClient::new(config).unwrap()
    };
    let client = patient(Duration::from_secs(30));
    for answer in list_at_once(vec![client; 6]).await {
        answer.unwrap();
    }
    assert!(count(&server, "GET", 429) > 0, "the server did refuse some");

    // Without patience the first 429 is the answer.
    let impatient = patient(Duration::ZERO);
    let answers = list_at_once(vec![impatient; 4]).await;
    assert!(
        answers
            .iter()
            .any(|a| matches!(a, Err(ApiError::RateLimited { .. }))),
        "{answers:?}"
    );
}

/// Two processes' budgets, as the store keeps it for the engine: the times of every
/// request sent with the key, whoever sent it.
#[derive(Default)]
struct MemoryLedger {
    sent: std::sync::Mutex<Vec<Instant>>,
}

impl wayin_api::SharedLedger for MemoryLedger {
    fn take(&self, limit: u32, span: Duration) -> Result<Option<Duration>, String> {
        let mut sent = self.sent.lock().unwrap();
        let now = Instant::now();
        sent.retain(|&at| now.duration_since(at) < span);
        if sent.len() < limit as usize {
            sent.push(now);
            return Ok(None);
        }
        Ok(Some(span - now.duration_since(sent[0])))
    }

    fn pause(&self, _wait: Duration) -> Result<(), String> {
        Ok(())
    }
}

#[tokio::test]
async fn two_clients_sharing_a_ledger_stay_inside_one_limit() {
    // Tried: two clients with budgets of their own (two processes using one key), 15
    // calls each at once, against a server allowing 15 per 2 s. Sharing a ledger, the
    // server refuses none; the second 15 wait for the window.
    let server = fake(15).await;
    let ledger = std::sync::Arc::new(MemoryLedger::default());
    let app = client(&server);
    let command = client(&server);
    app.budget().share_with(ledger.clone());
    command.budget().share_with(ledger);
    let start = Instant::now();
    let both = (0..30).map(|i| {
        if i % 2 == 0 {
            app.clone()
        } else {
            command.clone()
        }
    });
    for answer in list_at_once(both.collect()).await {
        answer.unwrap();
    }
    assert_eq!(count(&server, "GET", 429), 0);
    assert_eq!(count(&server, "GET", 200), 30);
    assert!(
        start.elapsed() >= Duration::from_secs(2),
        "the second 15 waited"
    );
}
