use crate::support::{assert_spring_error, header, json_of, Harness};

// Tried: each demo project on its own results endpoint. The task object is SUCCEEDED with all
// clips in idx order, each clip carrying the documented fields but no export_link, and the
// thumbnail URL serves a JPEG.
#[tokio::test]
async fn project_results_have_the_documented_clip_fields() {
    let harness = Harness::fast().await;
    let (status, body) = json_of(harness.get("/clips/results/proj_demo_podcast").await).await;
    assert_eq!(status, 200);
    let data = &body["data"];
    assert_eq!(data["project_id"], "proj_demo_podcast");
    assert_eq!(data["status"], "SUCCEEDED");
    let clips = data["clips"].as_array().unwrap();
    assert_eq!(clips.len(), 6);
    for (position, clip) in clips.iter().enumerate() {
        assert_eq!(clip["idx"], position);
        for field in ["title", "desc", "thumbnail"] {
            assert!(clip[field].is_string(), "{field} in {clip}");
        }
        for field in ["begin_ms", "end_ms", "score"] {
            assert!(clip[field].is_u64(), "{field} in {clip}");
        }
        assert!(clip["tags"].is_array());
        assert!(clip.get("export_link").is_none(), "{clip}");
        assert!(clip["begin_ms"].as_u64() < clip["end_ms"].as_u64());
    }
    assert!(clips
        .iter()
        .any(|clip| clip["title"].as_str().unwrap().contains('🔥')));

    let thumbnail = harness
        .fetch(clips[2]["thumbnail"].as_str().unwrap(), None)
        .await;
    assert_eq!(thumbnail.status(), 200);
    assert_eq!(
        header(&thumbnail, "content-type").as_deref(),
        Some("image/jpeg")
    );
    let image = thumbnail.bytes().await.unwrap();
    assert_eq!(&image[..3], [0xFF, 0xD8, 0xFF]);

    let (status, body) = json_of(
        harness
            .get("/clips/find-moments/results/prj_demo_moments")
            .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["data"]["clips"].as_array().unwrap().len(), 3);
}

// Tried: each kind of project on the other kind's endpoint, an unknown id, and web-app
// `hmtask...` ids on both endpoints. Cross-kind and unknown ids are 404 with Spring's body and a
// message (so the client's AI-Clipping-then-Find-Moments fallback works); hmtask ids are 400.
#[tokio::test]
async fn project_lookup_is_per_kind_and_refuses_web_app_ids() {
    let harness = Harness::fast().await;
    for path in [
        "/clips/results/prj_demo_moments",
        "/clips/find-moments/results/proj_demo_podcast",
        "/clips/results/proj_unknown",
        "/clips/find-moments/results/proj_unknown",
    ] {
        let (status, body) = json_of(harness.get(path).await).await;
        assert_eq!(status, 404, "{path}");
        assert_spring_error(&body, 404, "Not Found", &format!("/api/v2{path}"));
        assert!(
            body["message"].as_str().unwrap().contains("not found"),
            "{body}"
        );
    }
    for path in [
        "/clips/results/hmtask_7f3a9c21",
        "/clips/find-moments/results/hmtask_7f3a9c21",
    ] {
        let (status, body) = json_of(harness.get(path).await).await;
        assert_eq!(status, 400, "{path}");
        assert!(
            body["message"]
                .as_str()
                .unwrap()
                .contains("invalid project id"),
            "{body}"
        );
    }
}
