//! `wayin-export new`: a project made from a file or a link, its exit codes, and `selects`
//! on the file it was made from without naming it again.

use fake_wayin::{FaultScope, Faults};

use crate::common::Harness;
use crate::timeline::write_source;

const LINK: &str = "https://www.youtube.com/watch?v=keynote";

/// Tried: a 25 fps synthetic MP4 made into an AI Clipping project with at most 3 clips,
/// `--json`. Exit 0 with one object (project id, name, SUCCEEDED, three clips); the file was
/// uploaded once without the key; `history` lists the project; `selects` without `--source`
/// writes timelines of that file. Then the file is saved again: `selects` exits 2 naming it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_becomes_a_project_and_its_selects_need_no_source_until_it_changes() {
    let h = Harness::start().await;
    let source = h.work.path().join("Keynote take 2.mp4");
    write_source(&source, 25 * 600);
    let run = h
        .run(&[
            "--json",
            "new",
            source.to_str().unwrap(),
            "--max-clips",
            "3",
            "--length",
            "30-60",
            "--name",
            "Keynote",
        ])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let made = run.json();
    let project = made["project_id"].as_str().unwrap().to_owned();
    assert_eq!(made["name"], "Keynote");
    assert_eq!(made["status"], "SUCCEEDED");
    assert_eq!(made["clips"].as_array().unwrap().len(), 3);
    let uploads = h.server.control().uploads();
    assert_eq!(uploads.len(), 1);
    assert!(!uploads[0].sent_authorization);
    let sent = h.server.control().received_creations();
    assert_eq!(sent[0]["target_duration"], "DURATION_30_60");
    assert_eq!(sent[0]["enable_export"], false);

    let history = h.run(&["history"]).await;
    assert_eq!(history.code(), 0, "{}", history.describe());
    assert!(history.stdout.contains(&project), "{}", history.stdout);
    assert!(
        history.stdout.contains("Keynote take 2.mp4"),
        "{}",
        history.stdout
    );

    let out = h.out_dir("selects");
    let args = [
        "selects",
        &project,
        "--out",
        out.to_str().unwrap(),
        "--format",
        "edl",
    ];
    let run = h.run(&args).await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let edl = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(edl, 1, "one EDL written");

    write_source(&source, 25 * 601);
    let run = h.run(&args).await;
    assert_eq!(run.code(), 2, "{}", run.describe());
    assert!(
        run.error_line().contains("Keynote take 2.mp4"),
        "{}",
        run.stderr
    );
    assert!(run.error_line().contains("--source"), "{}", run.stderr);
    h.assert_key_in_no_file();
}

/// Tried: a text file, a missing file, an empty query, a clip length that does not exist,
/// 0 and 501 clips, an ftp link. Each exits 2 before any request reaches the API.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_exits_2_before_any_request() {
    let h = Harness::start().await;
    let notes = h.work.path().join("notes.txt");
    std::fs::write(&notes, "not a video").unwrap();
    let missing = h.work.path().join("gone.mp4");
    let cases: Vec<Vec<&str>> = vec![
        vec!["new", notes.to_str().unwrap()],
        vec!["new", missing.to_str().unwrap()],
        vec!["new", LINK, "--moments", "  "],
        vec!["new", LINK, "--length", "5-10"],
        vec!["new", LINK, "--max-clips", "0"],
        vec!["new", LINK, "--max-clips", "501"],
        vec!["new", "ftp://example.com/talk.mp4"],
    ];
    for args in cases {
        let run = h.run(&args).await;
        assert_eq!(run.code(), 2, "{args:?}: {}", run.describe());
        assert!(!run.error_line().is_empty());
    }
    assert_eq!(h.server.control().api_request_count(), 0);
}

/// Tried: Find Moments on a link with `--no-wait` (exit 0 once the project has its id), and
/// a project the service fails (exit 5 with the vendor's words).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_without_waiting_prints_the_id_and_a_failed_project_exits_5() {
    let h = Harness::start().await;
    let run = h
        .run(&["--json", "new", LINK, "--moments", "applause", "--no-wait"])
        .await;
    assert_eq!(run.code(), 0, "{}", run.describe());
    let made = run.json();
    assert!(made["project_id"].as_str().unwrap().starts_with("prj"));
    assert_eq!(
        h.server.control().received_creations()[0]["query"],
        "applause"
    );

    h.server.control().set_faults(
        FaultScope::Global,
        Faults {
            fail_creation: Some("The link could not be fetched".into()),
            ..Faults::default()
        },
    );
    let run = h.run(&["new", LINK, "--moments", "applause"]).await;
    assert_eq!(run.code(), 5, "{}", run.describe());
    assert!(
        run.error_line().contains("The link could not be fetched"),
        "{}",
        run.stderr
    );
}
