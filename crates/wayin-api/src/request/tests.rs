use super::*;
use serde_json::json;

fn style(id: &str) -> Option<CaptionStyle> {
    Some(CaptionStyle::parse(id).unwrap())
}

#[test]
fn defaults_send_only_the_switches() {
    let body = ExportRequest::new("proj_abc123").unwrap().to_json();
    assert_eq!(
        body,
        json!({
            "project_id": "proj_abc123", "resolution": "SD_480",
            "enable_caption": false, "enable_ai_hook": false, "enable_ai_reframe": false
        })
    );
}

#[test]
fn the_seed_example_is_reproduced_exactly() {
    let request = ExportRequest::new("proj_abc123")
        .unwrap()
        .with_clips([2, 0, 2])
        .unwrap()
        .with_resolution(Resolution::Uhd4k)
        .with_captions(Some(Captions {
            display: CaptionDisplay::Both,
            style: style("word-focus"),
        }))
        .with_hook(Some(Hook {
            style: Some(HookStyle::Serious),
            position: Some(HookPosition::Beginning),
            ..Hook::default()
        }))
        .with_reframe(Some(Ratio::Portrait9x16));
    assert_eq!(
        request.to_json(),
        json!({
            "project_id": "proj_abc123", "clip_indices": [0, 2], "resolution": "UHD_4K",
            "enable_caption": true, "caption_display": "both", "cc_style_tpl": "word-focus",
            "enable_ai_hook": true, "ai_hook_script_style": "serious", "ai_hook_position": "beginning",
            "enable_ai_reframe": true, "ratio": "RATIO_9_16"
        })
    );
    // The seed's own example pairs "both" with an animated style: sent, with a warning.
    assert_eq!(
        request.warnings(),
        vec![RequestWarning::BothCaptionsNeedStaticStyle {
            style: "word-focus".into()
        }]
    );
}

#[test]
fn both_captions_warn_unless_the_style_is_static() {
    let with = |display, s: Option<CaptionStyle>| {
        ExportRequest::new("p")
            .unwrap()
            .with_captions(Some(Captions { display, style: s }))
            .warnings()
    };
    assert!(with(CaptionDisplay::Both, style("temp-static-2")).is_empty());
    assert_eq!(
        with(CaptionDisplay::Both, None),
        vec![RequestWarning::BothCaptionsNeedStaticStyle {
            style: "temp-7".into()
        }]
    );
    assert!(with(CaptionDisplay::Original, style("word-focus")).is_empty());
    assert!(with(CaptionDisplay::Translation, None).is_empty());
}

#[test]
fn every_hook_field_and_language_goes_out_in_milliseconds() {
    let body = ExportRequest::new("prj9")
        .unwrap()
        .with_target_lang(Some(TargetLang::parse("zh-TW").unwrap()))
        .with_hook(Some(Hook {
            style: Some(HookStyle::Humorous),
            position: Some(HookPosition::End),
            keywords: Some("  launch, pricing ".into()),
            duration: Some(HookDuration::from_ms(3500).unwrap()),
        }))
        .to_json();
    assert_eq!(body["target_lang"], "zh-tw");
    assert_eq!(body["ai_hook_text_duration"], 3500);
    assert_eq!(body["ai_hook_keywords"], "launch, pricing");
    assert_eq!(body["ai_hook_position"], "end");
    assert!(body.get("caption_display").is_none());
}

#[test]
fn blank_hook_keywords_are_left_out() {
    let body = ExportRequest::new("p")
        .unwrap()
        .with_hook(Some(Hook {
            keywords: Some("   ".into()),
            ..Hook::default()
        }))
        .to_json();
    assert_eq!(body["enable_ai_hook"], true);
    assert!(body.get("ai_hook_keywords").is_none());
}

#[test]
fn invalid_values_are_refused_with_what_to_do() {
    assert_eq!(
        ExportRequest::new("  ").unwrap_err(),
        RequestError::MissingProjectId
    );
    assert!(matches!(
        ExportRequest::new("../etc"),
        Err(RequestError::BadProjectId(_))
    ));
    assert!(matches!(
        ExportRequest::new("proj 1"),
        Err(RequestError::BadProjectId(_))
    ));
    assert_eq!(
        ExportRequest::new("p").unwrap().with_clips([]).unwrap_err(),
        RequestError::NoClips
    );
    assert_eq!(
        HookDuration::from_ms(0).unwrap_err(),
        RequestError::BadHookDuration
    );
    assert_eq!(
        HookDuration::from_ms(u64::MAX).unwrap_err(),
        RequestError::BadHookDuration
    );
}

#[test]
fn reading_back_applies_the_same_rules() {
    let ok: ExportRequest = serde_json::from_value(json!({
        "project_id": "p", "enable_ai_reframe": true, "ratio": "RATIO_4_5",
        "enable_caption": true
    }))
    .unwrap();
    assert_eq!(ok.reframe(), Some(Ratio::Portrait4x5));
    assert_eq!(ok.captions().unwrap().display, CaptionDisplay::Original);
    // Round trip: what is read is what would be sent.
    assert_eq!(
        serde_json::from_value::<ExportRequest>(ok.to_json()).unwrap(),
        ok
    );

    let refused = [
        (
            json!({"project_id": "p", "enable_ai_reframe": true}),
            "AI reframe needs a ratio",
        ),
        (
            json!({"project_id": "p", "ratio": "RATIO_1_1"}),
            "ratio is only used when enable_ai_reframe is on",
        ),
        (
            json!({"project_id": "p", "cc_style_tpl": "temp-1"}),
            "cc_style_tpl is only used",
        ),
        (
            json!({"project_id": "p", "ai_hook_keywords": "x"}),
            "ai_hook_keywords is only used",
        ),
        (
            json!({"project_id": "p", "enable_ai_hook": true, "ai_hook_text_duration": 0}),
            "whole number of milliseconds",
        ),
        (
            json!({"project_id": "p", "target_lang": "xx"}),
            "not a supported target language",
        ),
        (
            json!({"project_id": "p", "resolution": "8K"}),
            "unknown variant",
        ),
        (
            json!({"project_id": "p", "clip_indices": []}),
            "at least one clip",
        ),
    ];
    for (body, expected) in refused {
        let err = serde_json::from_value::<ExportRequest>(body.clone())
            .unwrap_err()
            .to_string();
        assert!(err.contains(expected), "{body}: {err}");
    }
}
