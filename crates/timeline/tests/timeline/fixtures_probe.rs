//! The fake API's demo clips, real encoder output, probe as ffprobe reads them: 3 s at
//! 320×180 with 22.05 kHz mono sound, the podcast at 25 fps and the moments at 30 fps.

use timeline::{probe_file, AudioInfo, MediaInfo, Rate};

macro_rules! fixture {
    ($path:literal) => {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../fake-wayin/fixtures/",
            $path
        )
    };
}

const PODCAST: [&str; 6] = [
    fixture!("proj_demo_podcast/clip_0.mp4"),
    fixture!("proj_demo_podcast/clip_1.mp4"),
    fixture!("proj_demo_podcast/clip_2.mp4"),
    fixture!("proj_demo_podcast/clip_3.mp4"),
    fixture!("proj_demo_podcast/clip_4.mp4"),
    fixture!("proj_demo_podcast/clip_5.mp4"),
];

const MOMENTS: [&str; 3] = [
    fixture!("prj_demo_moments/clip_0.mp4"),
    fixture!("prj_demo_moments/clip_1.mp4"),
    fixture!("prj_demo_moments/clip_2.mp4"),
];

fn expected(rate: Rate, frames: u64) -> MediaInfo {
    MediaInfo {
        rate,
        frames,
        width: 320,
        height: 180,
        audio: Some(AudioInfo {
            sample_rate: 22_050,
            channels: 1,
        }),
    }
}

#[test]
fn podcast_clips_are_25_fps() {
    for path in PODCAST {
        assert_eq!(
            probe_file(path).unwrap(),
            expected(Rate::new(25, 1), 75),
            "{path}"
        );
    }
}

#[test]
fn moments_clips_are_30_fps() {
    for path in MOMENTS {
        assert_eq!(
            probe_file(path).unwrap(),
            expected(Rate::new(30, 1), 90),
            "{path}"
        );
    }
}

#[test]
fn thumbnails_are_not_mp4() {
    let thumbnail = fixture!("proj_demo_podcast/thumb_0.jpg");
    assert!(matches!(
        probe_file(thumbnail),
        Err(timeline::ProbeError::NotMp4)
    ));
}
