//! The desktop app and `wayin-export` on one data folder share the key's request
//! budget through the store, so running both never draws a 429 from the server.

use std::time::Duration;

use crate::common::{Harness, PODCAST, SECRET};
use engine::{DownloadPlan, Engine, EngineConfig, PollConfig};
use fake_wayin::FakeConfig;
use wayin_api::{ApiKey, BaseUrl, Budget, BudgetConfig, ClientConfig, ExportRequest, WayinClient};

/// The app's side: an engine on the harness's data folder with the budget the command
/// gets from `WAYIN_RATE_LIMIT=15/3`, polling an export that renders all along.
async fn app_engine(h: &Harness) -> Engine {
    let mut client = ClientConfig::new(
        BaseUrl::parse(&h.server.base_url()).unwrap(),
        ApiKey::new(SECRET).unwrap(),
    );
    client.budget = Budget::new(BudgetConfig {
        requests: 15,
        window: Duration::from_secs(3),
        margin: Duration::from_millis(300),
    });
    let mut config = EngineConfig::new(
        h.data_dir.path().to_path_buf(),
        WayinClient::new(client).unwrap(),
    );
    // Polls as often as the budget lets it, leaving 3 a window to people.
    config.poll = PollConfig {
        first: Duration::from_millis(50),
        max: Duration::from_millis(50),
        backoff: 1.0,
        link_grace: Duration::from_secs(3),
        reserve: 3,
        ..PollConfig::default()
    };
    Engine::start(config).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_polling_and_thirty_runs_of_the_command_draw_no_429() {
    // Tried: the app following an export (its render takes minutes at this speed) while
    // `wayin-export clips` runs 30 times in a row, against a fake enforcing 15 calls
    // per 3 s. Each process keeps inside its own count; only the shared one keeps the
    // two together inside the server's.
    let h = Harness::with_config(FakeConfig {
        api_key: SECRET.to_owned(),
        speed: 1.0,
        rate_limit: 15,
        rate_window: Duration::from_secs(3),
        ..FakeConfig::default()
    })
    .await;
    let app = app_engine(&h).await;
    let plan = DownloadPlan {
        out_dir: h.out_dir("app"),
        name_template: engine::naming::DEFAULT_TEMPLATE.to_owned(),
        project_name: None,
        clips: Some(vec![0]),
    };
    app.submit(ExportRequest::new(PODCAST).unwrap(), plan)
        .await
        .unwrap();

    for run in 0..30 {
        let listed = h.run(&["clips", PODCAST, "--json"]).await;
        assert_eq!(listed.code(), 0, "run {run}: {}", listed.describe());
        assert_eq!(listed.json().as_array().unwrap().len(), 6);
    }
    let requests = h.server.control().api_requests();
    app.shutdown().await;

    let refused: Vec<_> = requests.iter().filter(|r| r.status == 429).collect();
    assert!(refused.is_empty(), "{refused:?}");
    // The app's polls went on between the command's runs, not only before or after.
    let is_listing = |path: &str| path.contains("/clips/results/");
    let first = requests.iter().position(|r| is_listing(&r.path)).unwrap();
    let last = requests.iter().rposition(|r| is_listing(&r.path)).unwrap();
    let polls_meanwhile = requests[first..last]
        .iter()
        .filter(|r| r.method == "GET" && r.path.contains("/clips/export/"))
        .count();
    assert!(
        polls_meanwhile >= 2,
        "the app polled {polls_meanwhile} times while the command ran: {requests:#?}"
    );
    h.assert_key_in_no_file();
}
