use serde_json::json;
use sha2::{Digest, Sha256};

use crate::support::{header, link_at, Harness};

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

// Tried: a synthetic project of two 3 MiB + 123 byte clips, exported and downloaded whole and in
// a range crossing a 1 MiB boundary. The bytes equal `clip_file`, the checksum equals
// `clip_sha256`, and the two clips differ.
#[tokio::test]
async fn synthetic_clips_stream_their_generated_bytes() {
    let harness = Harness::fast().await;
    let control = harness.control();
    let size = 3 * 1024 * 1024 + 123;
    control.add_synthetic_project("proj_bench", 2, size);
    assert!(control.project_ids().contains(&"proj_bench".to_string()));
    assert_eq!(control.clip_len("proj_bench", 1), Some(size));

    let task_id = harness
        .submit_ok(&json!({"project_id": "proj_bench"}))
        .await;
    let data = harness.wait_for_status(&task_id, "SUCCEEDED").await;
    assert_eq!(data["clips"].as_array().unwrap().len(), 2);
    let link = link_at(&data, 1);

    let response = harness.fetch(&link, None).await;
    assert_eq!(header(&response, "content-length"), Some(size.to_string()));
    let downloaded = response.bytes().await.unwrap();
    let expected = control.clip_file("proj_bench", 1).unwrap();
    assert_eq!(downloaded.len(), expected.len());
    assert!(
        downloaded == expected,
        "downloaded bytes differ from clip_file"
    );
    assert_eq!(
        sha256_hex(&downloaded),
        control.clip_sha256("proj_bench", 1).unwrap()
    );
    assert_ne!(
        control.clip_sha256("proj_bench", 0),
        control.clip_sha256("proj_bench", 1)
    );

    let (first, last) = (1024 * 1024 - 10, 1024 * 1024 + 30);
    let part = harness
        .fetch(&link, Some(&format!("bytes={first}-{last}")))
        .await;
    assert_eq!(part.status(), 206);
    assert_eq!(part.bytes().await.unwrap(), expected[first..=last]);
}
