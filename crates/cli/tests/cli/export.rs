//! `export`, `download` and `history` end to end against the fake API.

use crate::common::{files_in, files_under, Harness, MOMENTS, PODCAST};
use fake_wayin::{FaultScope, Faults};
use serde_json::json;

// Tried: an export with every option of the spec (4K, both caption lines with
// temp-static-1, a hook with all its settings, 9:16 reframe): exit 0, the POST body
// the API received is exactly those flags, each clip is on disk byte-identical to
// what the API rendered, no `.part` is left, and the key is in no file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_end_to_end_matches_flags_and_bytes() {
    let h = Harness::start().await;
    let out = h.out_dir("clips");
    let run = h
        .run(&[
            "export",
            PODCAST,
            "--clips",
            "0,2",
            "--resolution",
            "UHD_4K",
            "--captions",
            "--caption-display",
            "both",
            "--caption-style",
            "temp-static-1",
            "--hook",
            "--hook-style",
            "dramatic",
            "--hook-position",
            "beginning",
            "--hook-keywords",
            "pricing mistakes",
            "--hook-duration-ms",
            "2500",
            "--reframe",
            "9:16",
            "--out",
            out.to_str().unwrap(),
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());

    let control = h.server.control();
    assert_eq!(
        control.received_exports(),
        vec![json!({
            "project_id": PODCAST,
            "clip_indices": [0, 2],
            "resolution": "UHD_4K",
            "enable_caption": true,
            "caption_display": "both",
            "cc_style_tpl": "temp-static-1",
            "enable_ai_hook": true,
            "ai_hook_script_style": "dramatic",
            "ai_hook_position": "beginning",
            "ai_hook_keywords": "pricing mistakes",
            "ai_hook_text_duration": 2500,
            "enable_ai_reframe": true,
            "ratio": "RATIO_9_16",
        })]
    );

    let files = files_in(&out);
    assert_eq!(
        files.len(),
        2,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    let project = "Founders Unfiltered — Ep. 42_ pricing, hiring and burnout";
    assert_eq!(
        files[0].0,
        format!("{project} - 00 - The pricing mistake that almost sank us.mp4")
    );
    assert_eq!(files[0].1, control.clip_file(PODCAST, 0).unwrap());
    assert!(files[1].0.starts_with(&format!("{project} - 02 - Burnout")));
    assert_eq!(files[1].1, control.clip_file(PODCAST, 2).unwrap());
    assert!(run.stdout.contains("Saved 2 clips in"), "{}", run.stdout);
    // Plain progress lines (stderr is not a terminal here).
    assert!(run.stderr.contains("clip  0: saved"), "{}", run.stderr);
    h.assert_key_in_no_file();
}

// Tried: `--json export` of a Find Moments project with all clips: one JSON document
// on stdout whose paths hold the rendered bytes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_json_reports_every_clip() {
    let h = Harness::start().await;
    let out = h.out_dir("moments");
    let run = h
        .run(&["--json", "export", MOMENTS, "--out", out.to_str().unwrap()])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let report = run.json();
    assert_eq!(report["complete"], true);
    assert_eq!(report["phase"], "done");
    assert_eq!(report["status"], "SUCCEEDED");
    let clips = report["clips"].as_array().unwrap();
    assert_eq!(clips.len(), 3);
    let control = h.server.control();
    for clip in clips {
        assert_eq!(clip["state"], "done");
        let idx = clip["idx"].as_u64().unwrap() as u32;
        let bytes = std::fs::read(clip["path"].as_str().unwrap()).unwrap();
        assert_eq!(bytes, control.clip_file(MOMENTS, idx).unwrap());
    }
    h.assert_key_in_no_file();
}

// Tried: `--no-wait` prints only the task id and exits 0 at once; then `download` of
// that task from a machine that never saw the export (a fresh data folder) fetches
// exactly the requested clips; `history` there lists it as complete.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_wait_then_download_elsewhere() {
    let h = Harness::start().await;
    let out = h.out_dir("later");
    let run = h
        .run(&[
            "export",
            PODCAST,
            "--clips",
            "1,3",
            "--out",
            out.to_str().unwrap(),
            "--no-wait",
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let task = run.stdout.trim().to_owned();
    assert!(!task.is_empty() && !task.contains('\n'));
    assert!(run
        .stderr
        .contains(&format!("wayin-export download {task} --out")));
    assert!(files_in(&out).is_empty(), "nothing downloaded yet");

    let elsewhere = tempfile::TempDir::new().unwrap();
    let other_out = h.out_dir("elsewhere");
    let mut command = h.command(&["download", &task, "--out", other_out.to_str().unwrap()]);
    command.env("WAYIN_DATA_DIR", elsewhere.path());
    let run = crate::common::finish(command, None).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let control = h.server.control();
    let files = files_in(&other_out);
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].1, control.clip_file(PODCAST, 1).unwrap());
    assert_eq!(files[1].1, control.clip_file(PODCAST, 3).unwrap());

    let mut command = h.command(&["--json", "history"]);
    command.env("WAYIN_DATA_DIR", elsewhere.path());
    let history = crate::common::finish(command, None).await.json();
    let rows = history.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["task_id"], task.as_str());
    assert_eq!(rows[0]["clips_done"], 2);
    assert_eq!(rows[0]["clips_total"], 2);
    assert_eq!(
        control.received_exports().len(),
        1,
        "download never submits"
    );
}

// Tried: a task the API marks FAILED: non-zero exit (5) and the vendor's
// error_message on the single stderr error line; the export stays in history.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_render_exits_5_with_the_vendor_message() {
    let h = Harness::start().await;
    let vendor = "Source video could not be decoded (codec not supported)";
    h.server.control().set_faults(
        FaultScope::Global,
        Faults {
            fail_export: Some(vendor.into()),
            ..Faults::default()
        },
    );
    let out = h.out_dir("failed");
    let run = h
        .run(&["export", PODCAST, "--out", out.to_str().unwrap()])
        .await;
    assert_eq!(run.code(), 5, "{}", run.describe());
    assert!(run.error_line().contains(vendor), "{}", run.stderr);
    assert!(files_in(&out).is_empty());

    let run = h.run(&["history"]).await;
    assert_eq!(run.code(), 0);
    assert!(run.stdout.contains("FAILED"), "{}", run.stdout);
}

// Tried: hostile output names from the template: parent-directory climbing,
// separators, reserved characters and a reserved Windows name, the same name for
// every clip. Every file lands inside the output folder, with a safe and unique name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_names_stay_inside_the_folder() {
    let h = Harness::start().await;
    let out = h.out_dir("nested/out");
    let run = h
        .run(&[
            "export",
            MOMENTS,
            "--out",
            out.to_str().unwrap(),
            "--name-template",
            "../../{title}/a\\b:c*?\"<>|CON. ",
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let files = files_in(&out);
    assert_eq!(files.len(), 3);
    for (name, _) in &files {
        assert!(
            !name.chars().any(|c| "/\\:*?\"<>|".contains(c)),
            "unsafe name {name:?}"
        );
        assert!(!name.ends_with('.') && !name.ends_with(' '), "{name:?}");
    }
    // Nothing escaped: the parent folders hold only the way down.
    let parent = h.out_dir("nested");
    let entries: Vec<_> = std::fs::read_dir(&parent).unwrap().flatten().collect();
    assert_eq!(entries.len(), 1);
    let work: Vec<_> = std::fs::read_dir(h.work.path())
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(work.len(), 1);

    // One constant name for three clips still gives three files.
    let same = h.out_dir("same");
    let run = h
        .run(&[
            "export",
            MOMENTS,
            "--out",
            same.to_str().unwrap(),
            "--name-template",
            "CON",
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let files = files_in(&same);
    assert_eq!(
        files.len(),
        3,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    let control = h.server.control();
    let mut got: Vec<Vec<u8>> = files.into_iter().map(|f| f.1).collect();
    let mut want: Vec<Vec<u8>> = (0..3)
        .map(|i| control.clip_file(MOMENTS, i).unwrap())
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

// Tried: Ctrl-C in the middle of a download (the fake cuts every transfer after 3 kB
// and the downloader pauses a second before resuming, so one clip takes ~12 s):
// exit 130, the resume command on the one error line, the received bytes kept in the
// `.part`; then that command, with the fake healthy again, resumes with `Range` and
// finishes the file byte-identical, without a second submit.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interrupted_export_resumes_with_download() {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};

    let h = Harness::start().await;
    let control = h.server.control();
    control.set_faults(
        FaultScope::Global,
        Faults {
            drop_after_bytes: Some(3_000),
            drop_times: 1_000,
            ..Faults::default()
        },
    );
    let out = h.out_dir("interrupted");
    let mut child = h
        .command(&[
            "export",
            PODCAST,
            "--clips",
            "1",
            "--out",
            out.to_str().unwrap(),
        ])
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut stderr = String::new();
    // Plain progress prints a line per quarter of the file.
    let midway = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            stderr.push_str(&line);
            stderr.push('\n');
            if line.contains("25% of") {
                return true;
            }
        }
        false
    })
    .await;
    assert!(matches!(midway, Ok(true)), "never got midway:\n{stderr}");

    let pid = child.id().unwrap().to_string();
    let signalled = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(signalled.success());
    let status = tokio::time::timeout(std::time::Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            stderr.push_str(&line);
            stderr.push('\n');
        }
        child.wait().await.unwrap()
    })
    .await
    .expect("stops promptly after Ctrl-C");
    let mut out_text = String::new();
    stdout.read_to_string(&mut out_text).await.unwrap();
    let run = crate::common::Run {
        status,
        stdout: out_text,
        stderr,
    };
    crate::common::assert_no_key(&run);
    assert_eq!(run.code(), 130, "{}", run.describe());
    let line = run.error_line().to_owned();
    let resume = line
        .split("resume with: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no resume command: {line}"));
    let parts: Vec<_> = crate::common::files_under(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "part"))
        .collect();
    assert_eq!(parts.len(), 1, "one .part kept: {parts:?}");
    let kept = parts[0].metadata().unwrap().len();
    let full = control.clip_len(PODCAST, 1).unwrap();
    assert!(kept >= 3_000 && kept < full, "kept {kept} of {full} bytes");

    control.clear_faults();
    let task = resume.split_whitespace().nth(2).unwrap().to_owned();
    let cdn_before = control.cdn_requests().len();
    let run = h
        .run(&["download", &task, "--out", out.to_str().unwrap()])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let files = files_in(&out);
    assert_eq!(
        files.len(),
        1,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_eq!(files[0].1, control.clip_file(PODCAST, 1).unwrap());
    let resumed = &control.cdn_requests()[cdn_before..];
    assert_eq!(
        resumed[0].range.as_deref(),
        Some(format!("bytes={kept}-").as_str())
    );
    assert_eq!(control.received_exports().len(), 1);
    h.assert_key_in_no_file();
}

// Tried: an export of a clip index the project does not have: refused as a usage
// error before anything is paid for.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_clip_index_is_refused_before_submitting() {
    let h = Harness::start().await;
    let out = h.out_dir("none");
    let run = h
        .run(&[
            "export",
            MOMENTS,
            "--clips",
            "1,7",
            "--out",
            out.to_str().unwrap(),
        ])
        .await;
    assert_eq!(run.code(), 2, "{}", run.describe());
    assert!(run.error_line().contains("no clip 7"), "{}", run.stderr);
    assert!(h.server.control().received_exports().is_empty());
}

// Tried: `history` with nothing recorded, then after an export: text with the task
// id and clips done/total, and JSON records.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_lists_recorded_exports() {
    let h = Harness::start().await;
    let run = h.run(&["history"]).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_eq!(run.stdout.trim(), "No exports recorded yet.");
    assert_eq!(h.run(&["--json", "history"]).await.json(), json!([]));

    let out = h.out_dir("h");
    let run = h
        .run(&[
            "--json",
            "export",
            MOMENTS,
            "--clips",
            "2",
            "--out",
            out.to_str().unwrap(),
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let task = run.json()["export_task_id"].as_str().unwrap().to_owned();

    let run = h.run(&["history"]).await;
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("ID") && lines[0].contains("EXPORT TASK"));
    assert!(
        lines[1].contains(&task) && lines[1].contains("SUCCEEDED"),
        "{}",
        run.stdout
    );
    assert!(lines[1].contains(" 1/1 "), "{}", run.stdout);
    let rows = h.run(&["--json", "history"]).await.json();
    assert_eq!(rows[0]["task_id"], task.as_str());
    assert_eq!(rows[0]["project_id"], MOMENTS);
}

// Tried: the history file overwritten with other bytes, then `history` and an export.
// The first run warns once, naming where the damaged file was kept (its bytes intact),
// and lists an empty history; the export then runs and is recorded; no later run warns.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_history_is_kept_aside_with_one_warning_and_exports_go_on() {
    let h = Harness::start().await;
    let store = h.data_dir.path().join(engine::STORE_FILE);
    let garbage = b"overwritten by something else ".repeat(300);
    std::fs::write(&store, &garbage).unwrap();

    let run = h.run(&["history"]).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert_eq!(run.stdout.trim(), "No exports recorded yet.");
    let warnings = run.warnings();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    let kept = std::fs::read_dir(h.data_dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.to_string_lossy().contains(".damaged-"))
        .expect("the damaged file is kept");
    assert!(
        warnings[0].contains(&kept.display().to_string()),
        "{}",
        warnings[0]
    );
    assert_eq!(std::fs::read(&kept).unwrap(), garbage);

    let out = h.out_dir("after");
    let run = h
        .run(&[
            "export",
            MOMENTS,
            "--clips",
            "2",
            "--out",
            out.to_str().unwrap(),
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    assert!(!run.stderr.contains("damaged"), "{}", run.stderr);
    let history = h.run(&["--json", "history"]).await.json();
    assert_eq!(history.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_apps_file_name_template_names_the_files_and_an_unreadable_setting_is_said_once() {
    let h = Harness::start().await;
    {
        let store = engine::Store::open(&h.data_dir.path().join(engine::STORE_FILE)).unwrap();
        store
            .set_setting("name_template", "{idx} of {project}")
            .unwrap();
        store.set_setting("concurrency", "lots").unwrap();
    }
    let out = h.out_dir("settings");
    let run = h
        .run(&[
            "export",
            MOMENTS,
            "--clips",
            "1",
            "--out",
            out.to_str().unwrap(),
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let warnings = run.warnings();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(warnings[0].contains("downloads at once"), "{}", warnings[0]);
    let names: Vec<String> = files_under(&out)
        .iter()
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("1 of "), "{names:?}");
}
