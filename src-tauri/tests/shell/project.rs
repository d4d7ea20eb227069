//! Opening projects from pasted text, recent projects, thumbnails served by the
//! shell, and the file-name preview.

use crate::common::{demo_app, fake, live_app, Dirs, MOMENTS, PODCAST};
use serde_json::json;
use tauri::http::StatusCode;
use wayin_clip_exporter::protocols::thumb;

#[test]
fn opens_both_kinds_of_project_from_pasted_links() {
    let server = fake();
    let dirs = Dirs::new();
    let app = app(&server, &dirs);

    let podcast = app.ok(
        "project_open",
        json!({"input": format!("  https://wayin.ai/app/clips/{PODCAST}?tab=clips&utm_source=share\n")}),
    );
    assert_eq!(podcast["projectId"], PODCAST);
    assert_eq!(podcast["kind"], "ai_clipping");
    let clips = podcast["clips"].as_array().unwrap();
    assert_eq!(clips.len(), 6);
    let first = &clips[0];
    assert_eq!(first["idx"], 0);
    assert_eq!(
        first["durationMs"].as_u64().unwrap(),
        first["endMs"].as_u64().unwrap() - first["beginMs"].as_u64().unwrap()
    );
    let expected_thumb = if cfg!(windows) {
        format!("http://thumb.localhost/{PODCAST}/0")
    } else {
        format!("thumb://localhost/{PODCAST}/0")
    };
    assert_eq!(first["thumbnail"], expected_thumb);
    let max_end = clips.iter().filter_map(|c| c["endMs"].as_u64()).max();
    assert_eq!(podcast["sourceDurationMs"].as_u64(), max_end);

    let moments = app.ok(
        "project_open",
        json!({"input": format!("Moments project: {MOMENTS} (shared by Ana)")}),
    );
    assert_eq!(moments["kind"], "find_moments");
    assert_eq!(moments["clips"].as_array().unwrap().len(), 3);

    let recent = app.ok("recent_projects", json!({}));
    let ids: Vec<&str> = recent
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["projectId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [MOMENTS, PODCAST], "newest first");
    assert_eq!(recent[0]["kind"], "find_moments");
}

fn app(server: &fake_wayin::FakeServer, dirs: &Dirs) -> crate::common::TestApp {
    live_app(server, dirs)
}

#[test]
fn web_app_ids_are_explained() {
    let server = fake();
    let dirs = Dirs::new();
    let app = app(&server, &dirs);

    let err = app.err(
        "project_open",
        json!({"input": "https://wayin.ai/workspace/hmtask_7781aa9c/editor"}),
    );
    assert_eq!(err["kind"], "not_found");
    let message = err["message"].as_str().unwrap();
    assert!(
        message.starts_with("Project hmtask_7781aa9c was not found."),
        "{message}"
    );
    assert!(message.contains("hmtask"), "{message}");
    assert!(
        message.contains("proj_"),
        "the hint names the right id: {message}"
    );

    let nothing = app.err("project_open", json!({"input": "https://wayin.ai/app"}));
    assert_eq!(nothing["kind"], "not_found");
    assert!(nothing["message"]
        .as_str()
        .unwrap()
        .contains("No project id"));
    assert_eq!(app.ok("recent_projects", json!({})), json!([]));
}

#[test]
fn thumbnails_are_fetched_once_and_served_from_the_cache() {
    let server = fake();
    let dirs = Dirs::new();
    let app = app(&server, &dirs);
    let state = app.state.clone();

    let before_open =
        tauri::async_runtime::block_on(thumb::serve(&state.current(), "/proj_demo_podcast/2"));
    assert_eq!(
        before_open.status(),
        StatusCode::NOT_FOUND,
        "only projects opened in this run are fetched"
    );

    app.ok("project_open", json!({"input": PODCAST}));
    let fixture = tauri::async_runtime::block_on(async {
        wayin_api::tls::client_builder()
            .build()
            .unwrap()
            .get(format!("{}/cdn/thumb/{PODCAST}/2.jpg", server.origin()))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
    });
    assert_eq!(&fixture[..3], &[0xFF, 0xD8, 0xFF], "the fixture is a JPEG");
    let cdn_before = server.control().cdn_requests().len();

    let served =
        tauri::async_runtime::block_on(thumb::serve(&state.current(), "/proj_demo_podcast/2"));
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    assert_eq!(served.body().as_slice(), &fixture[..]);
    let fetches = server.control().cdn_requests();
    assert_eq!(fetches.len(), cdn_before + 1);

    let again =
        tauri::async_runtime::block_on(thumb::serve(&state.current(), "/proj_demo_podcast/2"));
    assert_eq!(again.body().as_slice(), &fixture[..]);
    assert_eq!(
        server.control().cdn_requests().len(),
        cdn_before + 1,
        "the second answer comes from the disk cache"
    );
    assert!(dirs
        .cache()
        .join("thumbnails")
        .join(PODCAST)
        .join("2")
        .is_file());

    let unknown_clip =
        tauri::async_runtime::block_on(thumb::serve(&state.current(), "/proj_demo_podcast/99"));
    assert_eq!(unknown_clip.status(), StatusCode::NOT_FOUND);
}

/// The thumbnail request is a plain GET: no API key goes to the CDN, whose
/// host is not the API's.
#[test]
fn thumbnail_requests_carry_no_key() {
    let server = fake();
    let dirs = Dirs::new();
    let app = app(&server, &dirs);
    app.ok("project_open", json!({"input": PODCAST}));
    let (cdn, seen) = tauri::async_runtime::block_on(one_shot_cdn());
    let mut project = app
        .state
        .current()
        .open_project(PODCAST)
        .unwrap()
        .as_ref()
        .clone();
    project.clips[0].thumbnail = Some(format!("{cdn}/thumbs/0.jpg"));
    app.state.current().remember_project(project);

    let served =
        tauri::async_runtime::block_on(thumb::serve(&app.state.current(), "/proj_demo_podcast/0"));

    assert_eq!(served.status(), StatusCode::OK);
    let head = tauri::async_runtime::block_on(seen)
        .unwrap()
        .to_ascii_lowercase();
    assert!(head.starts_with("get /thumbs/0.jpg http/1.1"), "{head}");
    assert!(!head.contains("authorization"), "{head}");
    assert!(
        !head.contains(&server.api_key().to_ascii_lowercase()),
        "{head}"
    );
}

/// A server on `ip` that counts its connections and answers each with `answer`.
async fn counting_server(
    ip: &str,
    answer: String,
) -> Option<(String, std::sync::Arc<std::sync::atomic::AtomicUsize>)> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // 127.0.0.2 is routed to loopback on Linux but not configured on every system.
    let listener = tokio::net::TcpListener::bind((ip, 0)).await.ok()?;
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let connections = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            let _ = socket.write_all(answer.as_bytes()).await;
        }
    });
    Some((origin, connections))
}

/// Any answer will do: the tests prove no request gets this far.
fn ok_answer() -> String {
    let body = "ok";
    format!(
        "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn serve_thumbnail_of(app: &crate::common::TestApp, idx: usize, url: &str) -> (StatusCode, String) {
    let mut project = app
        .state
        .current()
        .open_project(PODCAST)
        .unwrap()
        .as_ref()
        .clone();
    project.clips[idx].thumbnail = Some(url.to_string());
    app.state.current().remember_project(project);
    let answer = tauri::async_runtime::block_on(thumb::serve(
        &app.state.current(),
        &format!("/{PODCAST}/{idx}"),
    ));
    (
        answer.status(),
        String::from_utf8_lossy(answer.body()).into_owned(),
    )
}

/// Tried: a compromised or spoofed API answer names thumbnails on another loopback host, on
/// the cloud metadata address, on the local disk, and behind a redirect to loopback. None is
/// fetched; where a server listens, it sees no connection.
#[test]
fn thumbnails_outside_the_apis_bounds_are_never_fetched() {
    use std::sync::atomic::Ordering;
    let server = fake();
    let dirs = Dirs::new();
    let app = app(&server, &dirs);
    app.ok("project_open", json!({"input": PODCAST}));
    let Some((elsewhere, reached)) =
        tauri::async_runtime::block_on(counting_server("127.0.0.2", ok_answer()))
    else {
        eprintln!("127.0.0.2 cannot be bound here; skipped");
        return;
    };
    let redirect = |to: &str| {
        format!("HTTP/1.1 302 Found\r\nlocation: {to}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
    };
    let (redirecting, _) = tauri::async_runtime::block_on(counting_server(
        "127.0.0.1",
        redirect(&format!("{elsewhere}/t.jpg")),
    ))
    .unwrap();
    let (redirecting_https, _) = tauri::async_runtime::block_on(counting_server(
        "127.0.0.1",
        redirect(&format!("{}/t.jpg", elsewhere.replace("http:", "https:"))),
    ))
    .unwrap();

    for (idx, url, says) in [
        (0, format!("{elsewhere}/t.jpg"), "127.0.0.2"),
        (
            1,
            "http://169.254.169.254/latest/meta-data/".into(),
            "169.254.169.254",
        ),
        (2, "file:///etc/passwd".into(), "file"),
        (3, format!("{redirecting}/t.jpg"), "redirect"),
        (4, format!("{redirecting_https}/t.jpg"), "127.0.0.2"),
    ] {
        let (status, body) = serve_thumbnail_of(&app, idx, &url);
        assert_eq!(status, StatusCode::BAD_GATEWAY, "{url}: {body}");
        assert!(
            body.contains("thumbnail refused") && body.contains(says),
            "{url}: {body}"
        );
    }
    assert_eq!(reached.load(Ordering::SeqCst), 0, "127.0.0.2 was contacted");
    assert!(!dirs
        .cache()
        .join("thumbnails")
        .join(PODCAST)
        .join("0")
        .exists());
}

/// Tried: plain http thumbnails while the API is https, to a public name and to loopback.
#[test]
fn plain_http_thumbnails_are_refused_when_the_api_is_https() {
    use std::sync::atomic::Ordering;
    let server = fake();
    let dirs = Dirs::new();
    let opened = app(&server, &dirs);
    let project = opened
        .ok("project_open", json!({"input": PODCAST}))
        .to_string();
    assert!(project.contains(PODCAST));
    let project = opened
        .state
        .current()
        .open_project(PODCAST)
        .unwrap()
        .as_ref()
        .clone();
    drop(opened);

    let https_dirs = Dirs::new();
    let desktop = std::sync::Arc::new(crate::common::Recorder::default());
    let mut config = crate::common::live_config(&server, &https_dirs, None, None, desktop.clone());
    config.env_api_base =
        Some(wayin_api::BaseUrl::parse("https://wayinvideo-api.wayin.ai/api/v2").unwrap());
    let app = crate::common::TestApp::new(
        wayin_clip_exporter::AppState::open(config).unwrap(),
        desktop,
    );
    app.state.current().remember_project(project);
    let (local, reached) =
        tauri::async_runtime::block_on(counting_server("127.0.0.1", ok_answer())).unwrap();

    for (idx, url, says) in [
        (0, "http://cdn.example.com/t.jpg".to_string(), "plain http"),
        (1, format!("{local}/t.jpg"), "plain http"),
        (
            2,
            format!("{}/t.jpg", local.replace("http:", "https:")),
            "127.0.0.1",
        ),
    ] {
        let (status, body) = serve_thumbnail_of(&app, idx, &url);
        assert_eq!(status, StatusCode::BAD_GATEWAY, "{url}: {body}");
        assert!(
            body.contains("thumbnail refused") && body.contains(says),
            "{url}: {body}"
        );
    }
    assert_eq!(reached.load(Ordering::SeqCst), 0);
}

/// A server on loopback that answers one request with a tiny JPEG and hands
/// back the request's head.
async fn one_shot_cdn() -> (String, tokio::sync::oneshot::Receiver<String>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = socket.read(&mut buf).await.unwrap();
            if n == 0 {
                break;
            }
            head.extend_from_slice(&buf[..n]);
        }
        let body = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        socket.write_all(answer.as_bytes()).await.unwrap();
        socket.write_all(&body).await.unwrap();
        let _ = tx.send(String::from_utf8_lossy(&head).into_owned());
    });
    (origin, rx)
}

#[test]
fn name_preview_uses_a_real_clip() {
    let app = demo_app();
    let project = app.ok("project_open", json!({"input": PODCAST}));
    let name = project["name"].as_str().unwrap().to_string();
    let title = project["clips"][3]["title"].as_str().unwrap().to_string();

    let preview = app.ok(
        "name_preview",
        json!({"template": "{project} - {idx:02} - {title}.mp4", "projectId": PODCAST, "idx": 3}),
    );
    assert_eq!(
        name,
        "Founders Unfiltered — Ep. 42: pricing, hiring and burnout"
    );
    assert_eq!(title, "The one metric we check every Monday");
    // The colon no file system takes is replaced; the dash and the rest stay.
    assert_eq!(
        preview["fileName"],
        "Founders Unfiltered — Ep. 42_ pricing, hiring and burnout - 03 - The one metric we check every Monday.mp4"
    );

    let with_options = app.ok(
        "name_preview",
        json!({"template": "{idx}-{resolution}-{ratio}", "projectId": PODCAST, "idx": 1,
               "options": {"resolution": "FHD_1080", "reframe": "RATIO_9_16"}}),
    );
    assert_eq!(with_options["fileName"], "1-1080p-9x16.mp4");
    let defaults = app.ok(
        "name_preview",
        json!({"template": "{idx}-{resolution}-{ratio}", "projectId": PODCAST, "idx": 1}),
    );
    assert_eq!(defaults["fileName"], "1-480p-original.mp4");

    let bad = app.err(
        "name_preview",
        json!({"template": "{title", "projectId": PODCAST, "idx": 1}),
    );
    assert_eq!(bad["kind"], "invalid_template");
    let not_open = app.err(
        "name_preview",
        json!({"template": "{title}", "projectId": MOMENTS, "idx": 0}),
    );
    assert_eq!(not_open["kind"], "not_found");
    let no_clip = app.err(
        "name_preview",
        json!({"template": "{title}", "projectId": PODCAST, "idx": 42}),
    );
    assert_eq!(no_clip["kind"], "not_found");
}

/// Tried: a data folder and a thumbnail cache an earlier version left readable by
/// everyone (0755 folders, 0644 files), then a run that opens the store and caches a
/// new thumbnail: every folder is 0700, every file 0600, old and new alike.
#[cfg(unix)]
#[test]
fn the_data_folder_store_and_thumbnail_cache_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &std::path::Path| {
        std::fs::metadata(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .permissions()
            .mode()
            & 0o777
    };
    let loosen = |path: &std::path::Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    let server = fake();
    let dirs = Dirs::new();
    let old_thumbnails = dirs.cache().join("thumbnails").join("proj_old");
    std::fs::create_dir_all(&old_thumbnails).unwrap();
    std::fs::create_dir_all(dirs.data()).unwrap();
    std::fs::write(old_thumbnails.join("0"), b"old").unwrap();
    for dir in [
        dirs.data(),
        dirs.cache(),
        dirs.cache().join("thumbnails"),
        old_thumbnails.clone(),
    ] {
        loosen(&dir, 0o755);
    }
    loosen(&old_thumbnails.join("0"), 0o644);

    let app = app(&server, &dirs);
    app.ok("project_open", json!({"input": PODCAST}));
    let served =
        tauri::async_runtime::block_on(thumb::serve(&app.state.current(), "/proj_demo_podcast/1"));
    assert_eq!(served.status(), StatusCode::OK);

    let thumbnails = dirs.cache().join("thumbnails");
    for dir in [
        dirs.data(),
        dirs.cache(),
        thumbnails.clone(),
        thumbnails.join(PODCAST),
        old_thumbnails.clone(),
    ] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }
    let store = dirs.data().join(engine::STORE_FILE);
    for file in [
        store.clone(),
        store.with_extension("sqlite3-wal"),
        store.with_extension("sqlite3-shm"),
        thumbnails.join(PODCAST).join("1"),
        old_thumbnails.join("0"),
    ] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

/// Tried: the first screen of demo mode asks for the demo's projects. Both kinds come back
/// with their names, clip counts and a thumbnail the shell serves, without becoming recent;
/// a live app offers none and asks nothing of its API for them.
#[test]
fn demo_mode_offers_its_projects_with_a_served_thumbnail() {
    let app = demo_app();
    let offered = app.ok("demo_projects", json!({}));
    assert_eq!(
        offered,
        json!([
            {
                "projectId": PODCAST,
                "name": "Founders Unfiltered — Ep. 42: pricing, hiring and burnout",
                "kind": "ai_clipping",
                "clipCount": 6,
                "thumbnail": thumb::url(PODCAST, 0),
            },
            {
                "projectId": MOMENTS,
                "name": "Nimbus X launch keynote — every battery-life moment",
                "kind": "find_moments",
                "clipCount": 3,
                "thumbnail": thumb::url(MOMENTS, 0),
            },
        ])
    );
    for project in [PODCAST, MOMENTS] {
        let served = tauri::async_runtime::block_on(thumb::serve(
            &app.state.current(),
            &format!("/{project}/0"),
        ));
        assert_eq!(served.status(), StatusCode::OK, "{project}");
        assert_eq!(served.headers()["content-type"], "image/jpeg");
    }
    assert_eq!(app.ok("recent_projects", json!({})), json!([]));

    let server = fake();
    let dirs = Dirs::new();
    let live = live_app(&server, &dirs);
    let asked_before = server.control().api_request_count();
    assert_eq!(live.ok("demo_projects", json!({})), json!([]));
    assert_eq!(server.control().api_request_count(), asked_before);
}
