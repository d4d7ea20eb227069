//! Hostile files that are well formed but cost too much to walk or state values no timeline
//! can hold, and the files just inside those bounds.

use std::io::{self, Cursor, Read, Seek, SeekFrom};

use super::{find, MONO_22K, NTSC, STEREO_48K};
use crate::probe::limits::MAX_BOXES;
use crate::probe::{probe_bytes, probe_reader, ProbeError};
use crate::rate::Rate;
use crate::testing::synthetic_mp4;

/// `count` empty boxes of 8 bytes each, the smallest a box can be.
fn empty_boxes(count: usize) -> Vec<u8> {
    [0, 0, 0, 8, b'f', b'r', b'e', b'e'].repeat(count)
}

/// `file` with `bytes` put at `at`, and each box of a type in `holders` grown to match: the
/// nearest box of that type before `at`, which holds it.
fn insert(file: &[u8], at: usize, holders: &[&[u8; 4]], bytes: &[u8]) -> Vec<u8> {
    let mut out = file.to_vec();
    let added = u32::try_from(bytes.len()).unwrap();
    for kind in holders {
        let size_at = file[..at]
            .windows(4)
            .rposition(|window| window == *kind)
            .expect("holder present")
            - 4;
        let size = u32::from_be_bytes(out[size_at..size_at + 4].try_into().unwrap());
        out[size_at..size_at + 4].copy_from_slice(&(size + added).to_be_bytes());
    }
    out.splice(at..at, bytes.iter().copied());
    out
}

/// A reader that counts its seeks: the top-level walk seeks once for each box it steps over.
struct Counted<R> {
    inner: R,
    seeks: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buffer)
    }
}

impl<R: Seek> Seek for Counted<R> {
    fn seek(&mut self, position: SeekFrom) -> io::Result<u64> {
        self.seeks += 1;
        self.inner.seek(position)
    }
}

fn too_many_boxes(result: &Result<crate::MediaInfo, ProbeError>) -> bool {
    matches!(result, Err(ProbeError::TooManyBoxes(MAX_BOXES)))
}

#[test]
fn a_file_of_a_million_empty_boxes_is_refused_at_the_bound_not_at_its_end() {
    let clip = synthetic_mp4(Rate::new(25, 1), 25, 320, 180, None);
    let moov = find(&clip, b"moov");
    let mut file = clip[..moov].to_vec();
    file.extend(empty_boxes(1_000_000));
    file.extend(&clip[moov..]);

    let mut reader = Counted {
        inner: Cursor::new(&file),
        seeks: 0,
    };
    let result = probe_reader(&mut reader);
    assert!(too_many_boxes(&result), "{result:?}");
    // One seek for the file's length, then one a box: the walk stopped at the bound, not at
    // the index a million boxes on.
    assert!(
        reader.seeks <= u64::from(MAX_BOXES) + 1,
        "{} seeks",
        reader.seeks
    );
    let message = result.unwrap_err().to_string();
    assert!(message.contains(&MAX_BOXES.to_string()), "{message}");
    assert!(message.contains("re-download it"), "{message}");
}

#[test]
fn an_index_of_many_empty_boxes_is_refused() {
    let clip = synthetic_mp4(Rate::new(25, 1), 25, 320, 180, None);
    let moov = find(&clip, b"moov");
    let file = insert(&clip, moov + 8, &[b"moov"], &empty_boxes(200_000));
    let result = probe_bytes(&file);
    assert!(too_many_boxes(&result), "{result:?}");
}

#[test]
fn too_many_boxes_where_damage_is_forgiven_are_still_refused() {
    // The sound's channel count is looked up in a walk that gives up quietly on damage; boxes
    // past the bound there must still refuse the file, not leave the nominal count standing.
    let clip = synthetic_mp4(Rate::new(25, 1), 25, 320, 180, Some(MONO_22K));
    // The boxes after a version 0 sound description's 28 bytes of fixed fields.
    let extensions = find(&clip, b"mp4a") + 8 + 28;
    let holders = [
        b"moov", b"trak", b"mdia", b"minf", b"stbl", b"stsd", b"mp4a",
    ];
    let file = insert(&clip, extensions, &holders, &empty_boxes(200_000));
    let result = probe_bytes(&file);
    assert!(too_many_boxes(&result), "{result:?}");
}

#[test]
fn an_absurd_frame_rate_is_refused_naming_it() {
    // A clock of 2^32 − 1 ticks a second and one tick a frame.
    let absurd = Rate::new(u32::MAX, 1);
    let file = synthetic_mp4(absurd, 1, 320, 180, None);
    let error = probe_bytes(&file).unwrap_err();
    assert!(
        matches!(error, ProbeError::UnsupportedRate(rate) if rate == absurd),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("(4294967295 fps)"), "{message}");
    assert!(message.contains("1 to 1000 fps"), "{message}");
}

#[test]
fn rates_no_camera_records_are_refused() {
    let cases = [
        (Rate::new(1001, 1), "1001 fps"),
        (Rate::new(u32::MAX, 1), "4294967295 fps"),
        (Rate::new(1, 2), "0.500 fps"),
        (Rate::new(1, u32::MAX), "1/4294967295 fps"),
    ];
    for (rate, shown) in cases {
        let file = synthetic_mp4(rate, 25, 320, 180, None);
        let error = probe_bytes(&file).unwrap_err();
        assert!(
            matches!(error, ProbeError::UnsupportedRate(found) if found == rate),
            "{rate:?}: {error:?}"
        );
        assert!(error.to_string().contains(shown), "{error}");
    }
}

#[test]
fn a_file_longer_than_a_day_is_refused_naming_its_length() {
    // Over 2^32 frames at 29.97: the timing table needs two runs and the headers 64-bit
    // durations, all read right (it is 39 768 hours at 30 frames a timecode second).
    let frames = u64::from(u32::MAX) + 10;
    let file = synthetic_mp4(NTSC, frames, 640, 360, Some(STEREO_48K));
    let error = probe_bytes(&file).unwrap_err();
    assert!(
        matches!(error, ProbeError::TooLong { hours: 39_768 }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("39768 hours long"), "{message}");
    assert!(message.contains("24 hours"), "{message}");

    // A day to the frame: its end would be timecode 24:00:00:00.
    let day = 24 * 3600 * 25;
    let file = synthetic_mp4(Rate::new(25, 1), day, 320, 180, None);
    assert!(matches!(
        probe_bytes(&file),
        Err(ProbeError::TooLong { hours: 24 })
    ));
}

#[test]
fn clips_at_the_edges_of_the_bounds_still_probe() {
    let edges = [
        (Rate::new(1, 1), 10),
        (Rate::new(120_000, 1001), 100),
        (Rate::new(240, 1), 100),
        (Rate::new(1000, 1), 100),
        // The last frame ends at 23:59:59:24.
        (Rate::new(25, 1), 24 * 3600 * 25 - 1),
    ];
    for (rate, frames) in edges {
        let file = synthetic_mp4(rate, frames, 320, 180, Some(MONO_22K));
        let info = probe_bytes(&file).unwrap();
        assert_eq!((info.rate, info.frames), (rate, frames));
        assert_eq!(info.audio, Some(MONO_22K));
    }

    // Ten thousand boxes at the top level and as many in the index: far more than a camera
    // writes, well inside the bound.
    let clip = synthetic_mp4(NTSC, 900, 1920, 1080, Some(STEREO_48K));
    let clip_moov = find(&clip, b"moov");
    let mut file = clip[..clip_moov].to_vec();
    file.extend(empty_boxes(10_000));
    let moov = file.len();
    file.extend(&clip[clip_moov..]);
    let file = insert(&file, moov + 8, &[b"moov"], &empty_boxes(10_000));
    let info = probe_bytes(&file).unwrap();
    assert_eq!((info.rate, info.frames), (NTSC, 900));
    assert_eq!(info.audio, Some(STEREO_48K));
}
