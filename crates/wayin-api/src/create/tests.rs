use serde_json::json;

use super::*;
use crate::models::{TaskKind, TaskStatus};

fn link() -> VideoSource {
    VideoSource::link("https://www.youtube.com/watch?v=abc").unwrap()
}

#[test]
fn an_ai_clipping_body_carries_only_what_was_chosen_and_never_a_render() {
    let settings = ProjectSettings::new(Some(" Podcast 12 "), Some("EN"), None, Some(10)).unwrap();
    let request = CreateRequest::ai_clipping(link(), settings, ClipLength::From30To60s);
    assert_eq!(request.kind(), TaskKind::AiClipping);
    assert_eq!(
        request.to_json(),
        json!({
            "video_url": "https://www.youtube.com/watch?v=abc",
            "project_name": "Podcast 12",
            "source_lang": "en",
            "limit": 10,
            "target_duration": "DURATION_30_60",
            "enable_export": false,
        })
    );
}

#[test]
fn find_moments_needs_a_query_and_takes_no_clip_length() {
    let settings = ProjectSettings::default();
    for empty in ["", "   ", "\u{7}"] {
        let err = CreateRequest::find_moments(link(), settings.clone(), empty).unwrap_err();
        assert_eq!(err.field, "query", "{empty:?}");
    }
    let long = "x".repeat(MAX_QUERY_CHARS + 1);
    assert_eq!(
        CreateRequest::find_moments(link(), settings.clone(), &long)
            .unwrap_err()
            .field,
        "query"
    );
    let request = CreateRequest::find_moments(link(), settings, " funny reactions ").unwrap();
    let body = request.to_json();
    assert_eq!(body["query"], "funny reactions");
    assert!(body.get("target_duration").is_none());
    assert_eq!(body["enable_export"], false);
    assert_eq!(request.route(), ["clips", "find-moments"]);
}

#[test]
fn settings_refuse_unknown_languages_and_limits_out_of_range_naming_the_field() {
    let err = ProjectSettings::new(None, Some("klingon"), None, None).unwrap_err();
    assert_eq!(err.field, "source_lang");
    let err = ProjectSettings::new(None, None, Some("xx"), None).unwrap_err();
    assert_eq!(err.field, "target_lang");
    for limit in [0, MAX_CLIPS + 1] {
        let err = ProjectSettings::new(None, None, None, Some(limit)).unwrap_err();
        assert_eq!(err.field, "limit");
        assert!(err.to_string().starts_with("limit: "), "{err}");
    }
    let settings = ProjectSettings::new(Some(&"é".repeat(300)), Some("zh_CN"), None, None).unwrap();
    assert_eq!(settings.name().unwrap().chars().count(), 200);
    assert!(ProjectSettings::new(Some("  "), None, None, None)
        .unwrap()
        .name()
        .is_none());
}

#[test]
fn clip_lengths_read_both_spellings_and_nothing_else() {
    for length in ClipLength::ALL {
        assert_eq!(ClipLength::parse(length.seconds()).unwrap(), length);
        assert_eq!(ClipLength::parse(length.as_wire()).unwrap(), length);
    }
    let err = ClipLength::parse("0-60").unwrap_err();
    assert_eq!(err.field, "target_duration");
    assert!(err
        .message
        .contains("0-30, 0-90, 30-60, 60-90, 90-180, 180-300"));
    assert_eq!(ClipLength::default().as_wire(), "DURATION_0_90");
}

#[test]
fn links_must_be_http_pages_and_files_must_be_videos_within_five_gigabytes() {
    for bad in [
        "",
        "not a link",
        "ftp://x/y.mp4",
        "file:///home/me/a.mp4",
        "https://",
        "https://a b",
    ] {
        assert_eq!(
            VideoSource::link(bad).unwrap_err().field,
            "video_url",
            "{bad:?}"
        );
    }
    assert_eq!(
        VideoSource::link(" https://vimeo.com/123 ")
            .unwrap()
            .as_str(),
        "https://vimeo.com/123"
    );
    for bad in ["talk.mkv", "talk", "talk.mp4.exe", ".mp4x"] {
        assert_eq!(
            UploadFile::check(bad, 10).unwrap_err().field,
            "file",
            "{bad:?}"
        );
    }
    assert!(UploadFile::check("talk.mp4", 0).is_err());
    assert!(UploadFile::check("talk.mp4", MAX_UPLOAD_BYTES + 1).is_err());
    let file = UploadFile::check("Talk.MOV", MAX_UPLOAD_BYTES).unwrap();
    assert_eq!(file.content_type(), "video/quicktime");
    assert_eq!(file.name(), "Talk.MOV");
}

#[test]
fn answers_are_read_in_every_documented_shape() {
    let ticket: UploadTicket =
        serde_json::from_value(json!({"upload_url": "https://s3/x?sig=1", "identify": "file_1"}))
            .unwrap();
    assert_eq!(ticket.identity, "file_1");
    assert!(serde_json::from_value::<UploadTicket>(json!({"upload_url": "https://s3/x"})).is_err());

    let created: ProjectCreated =
        serde_json::from_value(json!({"project_id": "proj_9", "name": "n"})).unwrap();
    assert_eq!(
        (created.id.as_str(), created.status),
        ("proj_9", TaskStatus::Created)
    );
    assert!(serde_json::from_value::<ProjectCreated>(json!({"name": "n"})).is_err());

    let results: CreationResults = serde_json::from_value(json!({
        "id": "proj_9", "status": "FAILED", "error_message": "video unavailable",
        "expire_at": "1780000000000", "api_units_usage": "120",
        "clips": [{"idx": 0, "title": "a", "begin_ms": "1500", "end_ms": 9000, "score": "88"}],
    }))
    .unwrap();
    assert_eq!(results.status, TaskStatus::Failed);
    assert_eq!(results.error_message.as_deref(), Some("video unavailable"));
    assert_eq!(results.expire_at, Some(1_780_000_000_000));
    assert_eq!(results.cost, Some(120.0));
    assert_eq!(results.clips[0].begin_ms, Some(1500));
}

#[test]
fn the_best_clips_by_score_are_kept_in_the_apis_order() {
    let results: CreationResults = serde_json::from_value(json!({
        "status": "SUCCEEDED",
        "clips": [
            {"idx": 0, "score": 50}, {"idx": 1, "score": 90}, {"idx": 2},
            {"idx": 3, "score": 70}, {"idx": 4, "score": 90},
        ],
    }))
    .unwrap();
    let idx = |clips: Vec<crate::Clip>| clips.iter().map(|c| c.idx).collect::<Vec<_>>();
    assert_eq!(idx(results.best(Some(3))), [1, 3, 4]);
    assert_eq!(idx(results.best(None)), [0, 1, 2, 3, 4]);
    assert_eq!(idx(results.best(Some(9))), [0, 1, 2, 3, 4]);
}

#[test]
fn a_recorded_request_reads_back_as_the_same_request_and_is_checked_again() {
    let settings = ProjectSettings::new(Some("Talk"), Some("en"), Some("es"), Some(7)).unwrap();
    let clipping = CreateRequest::ai_clipping(link(), settings.clone(), ClipLength::From90To180s);
    let moments = CreateRequest::find_moments(link(), settings, "the laughs").unwrap();
    for request in [clipping, moments] {
        let read = CreateRequest::from_recorded(request.kind(), &request.to_json(), link());
        assert_eq!(read.unwrap(), request);
    }
    let edited = json!({"query": "", "limit": 9000});
    let err = CreateRequest::from_recorded(TaskKind::FindMoments, &edited, link()).unwrap_err();
    assert_eq!(err.field, "limit");
    let edited = json!({"query": "   "});
    let err = CreateRequest::from_recorded(TaskKind::FindMoments, &edited, link()).unwrap_err();
    assert_eq!(err.field, "query");
}
