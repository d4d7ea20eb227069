use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

// Tried: running the `fake-wayin` binary with `--port 0` and a synthetic project. Its first two
// stdout lines are `base_url=http://127.0.0.1:PORT/api/v2` and `api_key=...`; the server answers
// there with the given key, knows the synthetic project, and stops on SIGTERM.
#[tokio::test]
async fn binary_prints_its_address_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fake-wayin"))
        .args([
            "--port",
            "0",
            "--synthetic",
            "proj_cli:2:1M",
            "--rate-limit",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base_url = lines.next().unwrap().unwrap();
    let api_key = lines.next().unwrap().unwrap();
    let base_url = base_url
        .strip_prefix("base_url=")
        .expect("base_url line")
        .to_string();
    let api_key = api_key
        .strip_prefix("api_key=")
        .expect("api_key line")
        .to_string();
    assert!(base_url.starts_with("http://127.0.0.1:") && base_url.ends_with("/api/v2"));
    assert!(!base_url.contains(":0/"), "the real port is printed");
    assert_eq!(api_key, fake_wayin::TEST_API_KEY);

    let http = crate::support::client_builder().no_proxy().build().unwrap();
    let response = http
        .get(format!("{base_url}/clips/results/proj_cli"))
        .bearer_auth(&api_key)
        .header("x-wayinvideo-api-version", "v2")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let pid = child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "graceful exit on SIGTERM: {exit}");
}
