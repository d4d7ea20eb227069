use serde_json::{json, Value};

use crate::support::{json_of, Harness};

/// Submits `body` and returns (status, message).
async fn refusal(harness: &Harness, body: Value) -> (u16, String) {
    let (status, reply) = json_of(harness.submit(&body).await).await;
    let message = reply["message"].as_str().unwrap_or_default().to_string();
    if status == 400 {
        assert_eq!(reply["code"], "400", "{reply}");
    }
    (status, message)
}

fn podcast(extra: Value) -> Value {
    let mut body = json!({"project_id": "proj_demo_podcast"});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    body
}

// Tried: one invalid submission per documented rule (reframe without ratio, unknown language,
// caption style and hook style, zero hook duration, out-of-range and empty clip lists, wrong JSON
// types, malformed JSON, unknown and web-app project ids). Each is refused with the status the
// API uses and a message naming the problem; none of them is recorded as an accepted export.
#[tokio::test]
async fn invalid_submissions_are_refused_with_human_messages() {
    let harness = Harness::fast().await;
    let cases: Vec<(Value, u16, &str)> = vec![
        (
            podcast(json!({"enable_ai_reframe": true})),
            400,
            "ratio is required when enable_ai_reframe is true",
        ),
        (
            podcast(json!({"enable_ai_reframe": true, "ratio": "RATIO_3_2"})),
            400,
            "ratio must be one of",
        ),
        (
            podcast(json!({"target_lang": "xx"})),
            400,
            "target_lang \"xx\" is not a supported language code",
        ),
        (podcast(json!({"target_lang": "EN"})), 400, "target_lang"),
        (
            podcast(json!({"resolution": "8K"})),
            400,
            "resolution must be one of SD_480, HD_720",
        ),
        (
            podcast(json!({"enable_caption": true, "caption_display": "subtitles"})),
            400,
            "caption_display must be one of",
        ),
        (
            podcast(json!({"enable_caption": true, "cc_style_tpl": "Temp 7"})),
            400,
            "cc_style_tpl",
        ),
        (
            podcast(json!({"enable_caption": true, "cc_style_tpl": ""})),
            400,
            "cc_style_tpl",
        ),
        (
            podcast(json!({"enable_ai_hook": true, "ai_hook_script_style": "sarcastic"})),
            400,
            "ai_hook_script_style must be one of serious",
        ),
        (
            podcast(json!({"enable_ai_hook": true, "ai_hook_position": "middle"})),
            400,
            "ai_hook_position must be one of beginning, end",
        ),
        (
            podcast(json!({"enable_ai_hook": true, "ai_hook_text_duration": 0})),
            400,
            "ai_hook_text_duration must be a positive integer",
        ),
        (
            podcast(json!({"enable_ai_hook": true, "ai_hook_text_duration": -5})),
            400,
            "ai_hook_text_duration",
        ),
        (
            podcast(json!({"clip_indices": [0, 6]})),
            400,
            "clip index 6 is out of range",
        ),
        (
            podcast(json!({"clip_indices": []})),
            400,
            "clip_indices must not be empty",
        ),
        (
            podcast(json!({"clip_indices": [1, 1]})),
            400,
            "more than once",
        ),
        (
            podcast(json!({"clip_indices": "0,1"})),
            400,
            "clip_indices must be an array",
        ),
        (
            podcast(json!({"enable_caption": "true"})),
            400,
            "enable_caption must be a boolean",
        ),
        (
            podcast(json!({"resolution": 720})),
            400,
            "resolution must be a string",
        ),
        (json!({"clip_indices": [0]}), 400, "project_id is required"),
        (
            json!({"project_id": 42}),
            400,
            "project_id must be a string",
        ),
        (
            json!({"project_id": "hmtask_8c1f0e"}),
            400,
            "invalid project id",
        ),
        (
            json!({"project_id": "proj_does_not_exist"}),
            404,
            "project not found: proj_does_not_exist",
        ),
    ];
    for (body, expected_status, expected_message) in cases {
        let (status, message) = refusal(&harness, body.clone()).await;
        assert_eq!(status, expected_status, "{body} -> {message}");
        assert!(
            message.contains(expected_message),
            "{body}: {message:?} lacks {expected_message:?}"
        );
    }

    let malformed = harness
        .http
        .post(harness.api_url("/clips/export"))
        .bearer_auth(harness.server.api_key())
        .header("x-wayinvideo-api-version", "v2")
        .header("content-type", "application/json")
        .body("{\"project_id\": ")
        .send()
        .await
        .unwrap();
    let (status, reply) = json_of(malformed).await;
    assert_eq!(status, 400);
    assert!(
        reply["message"]
            .as_str()
            .unwrap()
            .contains("malformed JSON"),
        "{reply}"
    );

    assert!(harness.control().received_exports().is_empty());
}

// Tried: the seed's full example request (against a real fixture project) and a request using
// every optional field. Both are accepted, and the fake records the exact bodies in order.
#[tokio::test]
async fn documented_requests_are_accepted_and_recorded_verbatim() {
    let harness = Harness::fast().await;
    let seed_example = json!({
        "project_id": "proj_demo_podcast",
        "clip_indices": [0, 2],
        "resolution": "UHD_4K",
        "enable_caption": true,
        "caption_display": "both",
        "cc_style_tpl": "word-focus",
        "enable_ai_hook": true,
        "ai_hook_script_style": "serious",
        "ai_hook_position": "beginning",
        "enable_ai_reframe": true,
        "ratio": "RATIO_9_16"
    });
    let everything = json!({
        "project_id": "prj_demo_moments",
        "target_lang": "zh-tw",
        "resolution": "FHD_1080",
        "enable_caption": true,
        "caption_display": "translation",
        "cc_style_tpl": "temp-static-3",
        "enable_ai_hook": true,
        "ai_hook_script_style": "calm",
        "ai_hook_position": "end",
        "ai_hook_keywords": "battery, winter",
        "ai_hook_text_duration": 2500,
        "enable_ai_reframe": false
    });
    let (status, reply) = json_of(harness.submit(&seed_example).await).await;
    assert_eq!(status, 200, "{reply}");
    let data = &reply["data"];
    assert!(data["export_task_id"]
        .as_str()
        .unwrap()
        .starts_with("export_task_"));
    assert_eq!(
        data["name"],
        "Founders Unfiltered — Ep. 42: pricing, hiring and burnout export"
    );
    assert_eq!(data["status"], "CREATED");
    harness.submit_ok(&everything).await;

    assert_eq!(
        harness.control().received_exports(),
        [seed_example, everything]
    );
}
