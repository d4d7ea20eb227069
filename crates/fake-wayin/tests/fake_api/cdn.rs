use std::time::Duration;

use fake_wayin::{FakeConfig, FaultScope, Faults};
use serde_json::json;

use crate::support::{fast_config, header, link_at, Harness};

/// Starts an export of one podcast clip and waits for its link.
async fn rendered_clip(harness: &Harness, idx: u32) -> (String, String) {
    let task_id = harness
        .submit_ok(&json!({"project_id": "proj_demo_podcast", "clip_indices": [idx]}))
        .await;
    let data = harness.wait_for_status(&task_id, "SUCCEEDED").await;
    (task_id, link_at(&data, 0))
}

/// Reads a body until the server ends it or cuts it: (bytes received, whether it was cut).
async fn read_until_end_or_cut(mut response: reqwest::Response) -> (Vec<u8>, bool) {
    let mut received = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => received.extend_from_slice(&chunk),
            Ok(None) => return (received, false),
            Err(_) => return (received, true),
        }
    }
}

// Tried: two results calls on the same finished task, then downloads with both links, an edited
// signature, an edited expiry, and a link pointed at another clip. Each call mints a new link;
// both serve the fixture MP4 byte for byte; every edit is 403 with an XML error body.
#[tokio::test]
async fn links_are_fresh_per_call_signed_and_serve_the_clip() {
    let harness = Harness::fast().await;
    let (task_id, first_link) = rendered_clip(&harness, 2).await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    let second_link = link_at(&harness.results(&task_id).await, 0);
    assert_ne!(first_link, second_link);
    assert!(first_link.starts_with(&format!(
        "{}/cdn/export/{task_id}/2.mp4?expires=",
        harness.server.origin()
    )));

    let expected = harness.control().clip_file("proj_demo_podcast", 2).unwrap();
    for link in [&first_link, &second_link] {
        let response = harness.fetch(link, None).await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            header(&response, "content-type").as_deref(),
            Some("video/mp4")
        );
        assert_eq!(header(&response, "accept-ranges").as_deref(), Some("bytes"));
        assert_eq!(
            header(&response, "content-length"),
            Some(expected.len().to_string())
        );
        assert_eq!(response.bytes().await.unwrap(), expected);
    }

    let (base, sig) = first_link.rsplit_once("sig=").unwrap();
    let flipped = if sig.starts_with('0') { "1" } else { "0" };
    let tampered_sig = format!("{base}sig={flipped}{}", &sig[1..]);
    let later = first_link.replace("expires=", "expires=9");
    let other_clip = first_link.replace("/2.mp4?", "/3.mp4?");
    let unsigned = first_link.split('?').next().unwrap().to_string();
    for link in [tampered_sig, later, other_clip, unsigned] {
        let response = harness.fetch(&link, None).await;
        assert_eq!(response.status(), 403, "{link}");
        assert_eq!(
            header(&response, "content-type").as_deref(),
            Some("application/xml")
        );
        let body = response.text().await.unwrap();
        assert!(body.contains("<Error><Code>"), "{body}");
    }
}

// Tried: a 600 ms link TTL from the config, then a 1 ms TTL through the per-project
// `link_ttl_ms` fault. A link works before its expiry and is 403 "Request has expired" after;
// calling the results endpoint again renews it.
#[tokio::test]
async fn links_expire_and_are_renewed_by_a_new_results_call() {
    let harness = Harness::start(FakeConfig {
        link_ttl: Duration::from_millis(600),
        ..fast_config()
    })
    .await;
    let (task_id, link) = rendered_clip(&harness, 0).await;
    assert_eq!(harness.fetch(&link, None).await.status(), 200);
    tokio::time::sleep(Duration::from_millis(650)).await;
    let expired = harness.fetch(&link, None).await;
    assert_eq!(expired.status(), 403);
    assert!(expired
        .text()
        .await
        .unwrap()
        .contains("Request has expired"));
    let renewed = link_at(&harness.results(&task_id).await, 0);
    assert_eq!(harness.fetch(&renewed, None).await.status(), 200);

    harness.control().set_faults(
        FaultScope::Project("proj_demo_podcast".into()),
        Faults {
            link_ttl_ms: Some(1),
            ..Faults::default()
        },
    );
    let short_lived = link_at(&harness.results(&task_id).await, 0);
    tokio::time::sleep(Duration::from_millis(5)).await;
    assert_eq!(harness.fetch(&short_lived, None).await.status(), 403);
}

// Tried: `bytes=100-199`, `bytes=100-`, `bytes=-50`, an over-long range, a HEAD, a range past the
// end, and a range with the `ignore_range` fault on. Ranges give 206 with Content-Range and exactly those
// bytes; past the end is 416 with `bytes */len`; ignoring ranges gives 200 with the whole file.
#[tokio::test]
async fn byte_ranges_and_the_ignore_range_fault() {
    let harness = Harness::fast().await;
    let (_, link) = rendered_clip(&harness, 1).await;
    let file = harness.control().clip_file("proj_demo_podcast", 1).unwrap();
    let len = file.len();

    let cases = [
        ("bytes=100-199", 100, 199),
        ("bytes=100-", 100, len - 1),
        ("bytes=-50", len - 50, len - 1),
        ("bytes=0-99999999", 0, len - 1),
    ];
    for (range, first, last) in cases {
        let response = harness.fetch(&link, Some(range)).await;
        assert_eq!(response.status(), 206, "{range}");
        assert_eq!(
            header(&response, "content-range"),
            Some(format!("bytes {first}-{last}/{len}"))
        );
        assert_eq!(
            header(&response, "content-length"),
            Some((last - first + 1).to_string())
        );
        assert_eq!(
            response.bytes().await.unwrap(),
            file[first..=last],
            "{range}"
        );
    }

    // HEAD tells a downloader the size and range support without a body.
    let head = harness.http.head(&link).send().await.unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(header(&head, "content-length"), Some(len.to_string()));
    assert_eq!(header(&head, "accept-ranges").as_deref(), Some("bytes"));

    let past_end = harness.fetch(&link, Some(&format!("bytes={len}-"))).await;
    assert_eq!(past_end.status(), 416);
    assert_eq!(
        header(&past_end, "content-range"),
        Some(format!("bytes */{len}"))
    );

    harness.control().set_faults(
        FaultScope::Global,
        Faults {
            ignore_range: true,
            ..Faults::default()
        },
    );
    let ignored = harness.fetch(&link, Some("bytes=100-199")).await;
    assert_eq!(ignored.status(), 200);
    assert!(header(&ignored, "content-range").is_none());
    assert!(header(&ignored, "accept-ranges").is_none());
    assert_eq!(ignored.bytes().await.unwrap(), file);

    let ranges: Vec<Option<String>> = harness
        .control()
        .cdn_requests()
        .into_iter()
        .map(|r| r.range)
        .collect();
    assert_eq!(ranges.last().unwrap().as_deref(), Some("bytes=100-199"));
}

// Tried: `drop_after_bytes: 10000, drop_times: 2` on a 22 KB clip, resuming each cut download
// with a Range from the bytes received. The first two connections are cut after exactly 10000
// body bytes; the third completes; the pieces reassemble into the clip.
#[tokio::test]
async fn drop_after_bytes_cuts_the_first_downloads_of_each_file() {
    let harness = Harness::fast().await;
    harness.control().set_faults(
        FaultScope::Global,
        Faults {
            drop_after_bytes: Some(10_000),
            drop_times: 2,
            ..Faults::default()
        },
    );
    let (_, link) = rendered_clip(&harness, 0).await;
    let expected = harness.control().clip_file("proj_demo_podcast", 0).unwrap();
    assert!(expected.len() > 20_000);

    let mut assembled = Vec::new();
    let mut cuts = 0;
    for _ in 0..5 {
        let range = (!assembled.is_empty()).then(|| format!("bytes={}-", assembled.len()));
        let response = harness.fetch(&link, range.as_deref()).await;
        assert!(response.status().is_success());
        let (piece, cut) = read_until_end_or_cut(response).await;
        assembled.extend_from_slice(&piece);
        if !cut {
            break;
        }
        assert_eq!(
            piece.len(),
            10_000,
            "cut after exactly the configured bytes"
        );
        cuts += 1;
    }
    assert_eq!(cuts, 2);
    assert_eq!(assembled, expected);

    let cut_after: Vec<Option<u64>> = harness
        .control()
        .cdn_requests()
        .iter()
        .map(|r| r.cut_after)
        .collect();
    assert_eq!(cut_after, [Some(10_000), Some(10_000), None]);
}
