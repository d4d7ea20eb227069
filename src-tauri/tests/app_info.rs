//! `app_info` through the real IPC path (ACL included) on Tauri's mock runtime.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};
use wayin_api::{ApiKey, BaseUrl};
use wayin_clip_exporter::{build_app, context, startup, AppState};

fn app_with(state: AppState) -> App<MockRuntime> {
    build_app(mock_builder(), state)
        .build(context())
        .expect("the app builds on the mock runtime")
}

fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, label, Default::default())
        .build()
        .expect("a mock window")
}

fn request(cmd: &str) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: if cfg!(windows) {
            "http://tauri.localhost"
        } else {
            "tauri://localhost"
        }
        .parse()
        .unwrap(),
        body: InvokeBody::default(),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

fn app_info(window: &WebviewWindow<MockRuntime>) -> Result<Value, Value> {
    get_ipc_response(window, request("app_info"))
        .map(|body| body.deserialize::<Value>().expect("JSON body"))
}

#[test]
fn live_mode_reports_the_api_and_whether_a_key_is_set() {
    let base = BaseUrl::parse("https://wayinvideo-api.wayin.ai/api/v2").unwrap();
    let app = app_with(AppState::live(&base, ApiKey::new("wayin_sk_live_1234")));

    let info = app_info(&window(&app, "main")).unwrap();

    assert_eq!(
        info,
        json!({
            "version": env!("CARGO_PKG_VERSION"),
            "demo": false,
            "api_base": "https://wayinvideo-api.wayin.ai/api/v2",
            "key_set": true,
        })
    );
    assert!(
        !info.to_string().contains("1234"),
        "the key never reaches the web view"
    );
}

#[test]
fn live_mode_without_a_key() {
    let app = app_with(AppState::live(&BaseUrl::default(), None));

    let info = app_info(&window(&app, "main")).unwrap();

    assert_eq!(info["key_set"], json!(false));
    assert_eq!(info["demo"], json!(false));
}

#[test]
fn demo_mode_runs_the_fake_api_on_loopback() {
    let state = startup::start_demo().expect("the demo API starts");
    let app = app_with(state);

    let info = app_info(&window(&app, "main")).unwrap();

    assert_eq!(info["demo"], json!(true));
    assert_eq!(info["key_set"], json!(true));
    let api_base = info["api_base"].as_str().unwrap();
    assert!(
        api_base.starts_with("http://127.0.0.1:"),
        "demo API is on loopback: {api_base}"
    );
    let url = BaseUrl::parse(api_base).unwrap();
    assert!(url.is_loopback());
}

#[test]
fn windows_without_the_capability_cannot_call_commands() {
    let app = app_with(AppState::live(&BaseUrl::default(), None));

    let refused = app_info(&window(&app, "stranger"));

    let message = refused.expect_err("the ACL refuses the call").to_string();
    assert!(message.contains("not allowed"), "{message}");
}
