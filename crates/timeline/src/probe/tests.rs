use std::io::{self, Read, Seek, SeekFrom};
use std::time::{Duration, Instant};

use super::*;
use crate::testing::synthetic_mp4;

mod bounds;

const NTSC: Rate = Rate::new(30000, 1001);
const FILM: Rate = Rate::new(24000, 1001);
const STEREO_48K: AudioInfo = AudioInfo {
    sample_rate: 48_000,
    channels: 2,
};
const MONO_22K: AudioInfo = AudioInfo {
    sample_rate: 22_050,
    channels: 1,
};

fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    out.extend(kind);
    out.extend(body);
    out
}

fn ftyp() -> Vec<u8> {
    boxed(b"ftyp", b"isom\0\0\x02\0isomiso2")
}

/// The offset of the first box of type `kind` after the file type box (its size field): the
/// file type lists brands that look like box types.
fn find(file: &[u8], kind: &[u8; 4]) -> usize {
    let start = u32::from_be_bytes(file[..4].try_into().unwrap()) as usize;
    start
        + file[start..]
            .windows(4)
            .position(|window| window == kind)
            .expect("box present")
        - 4
}

fn malformed(result: Result<MediaInfo, ProbeError>) -> bool {
    matches!(result, Err(ProbeError::Malformed(_)))
}

/// A tiny xorshift generator: the same "random" files on every run.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

#[test]
fn synthetic_files_round_trip_rate_frames_size_and_sound() {
    let cases = [
        (FILM, 90_000, 1920, 1080, Some(STEREO_48K)),
        (Rate::new(25, 1), 75, 320, 180, Some(MONO_22K)),
        (NTSC, 1, 1280, 720, None),
        (Rate::new(30, 1), 5_400, 1080, 1920, Some(STEREO_48K)),
    ];
    for (rate, frames, width, height, audio) in cases {
        let file = synthetic_mp4(rate, frames, width, height, audio);
        assert!(file.len() < 2048, "{} bytes", file.len());
        let info = probe_bytes(&file).unwrap();
        assert_eq!(
            info,
            MediaInfo {
                rate,
                frames,
                width,
                height,
                audio
            },
            "{rate}"
        );
    }
}

#[test]
fn a_90_khz_clock_with_3003_ticks_a_frame_is_29_97() {
    let file = synthetic_mp4(Rate::new(90_000, 3003), 900, 640, 360, None);
    let info = probe_bytes(&file).unwrap();
    assert_eq!(info.rate, NTSC);
    assert_eq!(info.frames, 900);
}

#[test]
fn long_files_with_64_bit_durations_probe() {
    // Under a day, but over 2^32 ticks of a 90 kHz picture clock and of a 96 kHz sound clock:
    // both media headers hold 64-bit durations. (Over 2^32 frames, where the timing table needs
    // two runs, is longer than a timeline takes: `bounds` has that file refused.)
    let frames = 2_500_000;
    let audio = AudioInfo {
        sample_rate: 96_000,
        channels: 2,
    };
    let file = synthetic_mp4(Rate::new(90_000, 3003), frames, 640, 360, Some(audio));
    let info = probe_bytes(&file).unwrap();
    assert_eq!((info.rate, info.frames), (NTSC, frames));
    assert_eq!(info.audio, Some(audio));
}

#[test]
fn a_sample_rate_above_16_bits_comes_from_the_track_clock() {
    let audio = AudioInfo {
        sample_rate: 96_000,
        channels: 6,
    };
    let file = synthetic_mp4(Rate::new(25, 1), 250, 320, 180, Some(audio));
    assert_eq!(probe_bytes(&file).unwrap().audio, Some(audio));
}

#[test]
fn the_channel_count_comes_from_the_aac_configuration_when_it_states_one() {
    for channels in [1, 2, 3, 6, 7, 8, 10] {
        let audio = AudioInfo {
            sample_rate: 44_100,
            channels,
        };
        let file = synthetic_mp4(Rate::new(25, 1), 25, 320, 180, Some(audio));
        assert_eq!(probe_bytes(&file).unwrap().audio, Some(audio), "{channels}");
    }
}

#[test]
fn the_track_header_gives_the_size_when_the_sample_description_has_none() {
    let mut file = synthetic_mp4(Rate::new(25, 1), 25, 854, 480, None);
    let entry = find(&file, b"avc1");
    file[entry + 32..entry + 36].fill(0);
    let info = probe_bytes(&file).unwrap();
    assert_eq!((info.width, info.height), (854, 480));
}

#[test]
fn media_data_before_the_index_is_skipped_whatever_its_header_form() {
    let file = synthetic_mp4(Rate::new(30, 1), 90, 320, 180, None);
    let moov = find(&file, b"moov");
    let mdat = find(&file, b"mdat");
    let payload = vec![0xAB; 5000];
    // ftyp, then a media data box with a 64-bit size, then the index.
    let mut moved = file[..moov].to_vec();
    moved.extend(1u32.to_be_bytes());
    moved.extend(b"mdat");
    moved.extend((16 + payload.len() as u64).to_be_bytes());
    moved.extend(&payload);
    moved.extend(&file[moov..mdat]);
    assert_eq!(probe_bytes(&moved).unwrap().frames, 90);
    // A last box of size 0 runs to the end of the file.
    let mut open_ended = file[..mdat].to_vec();
    open_ended.extend(0u32.to_be_bytes());
    open_ended.extend(b"mdat");
    open_ended.extend(&payload);
    assert_eq!(probe_bytes(&open_ended).unwrap().frames, 90);
}

#[test]
fn files_probe_from_disk_and_a_missing_file_is_an_io_error() {
    let path = std::env::temp_dir().join(format!("wayin-probe-{}.mp4", std::process::id()));
    std::fs::write(&path, synthetic_mp4(FILM, 48, 320, 180, None)).unwrap();
    let probed = probe_file(&path);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(probed.unwrap().rate, FILM);
    assert!(matches!(probe_file(&path), Err(ProbeError::Io(_))));
}

#[test]
fn files_without_video_are_refused() {
    for audio in [None, Some(MONO_22K)] {
        let mut file = synthetic_mp4(Rate::new(25, 1), 25, 320, 180, audio);
        let at = file
            .windows(4)
            .position(|window| window == b"vide")
            .unwrap();
        file[at..at + 4].copy_from_slice(b"text");
        assert!(matches!(probe_bytes(&file), Err(ProbeError::NoVideoTrack)));
    }
}

#[test]
fn empty_files_and_other_formats_are_not_mp4() {
    assert!(matches!(probe_bytes(&[]), Err(ProbeError::NotMp4)));
    assert!(matches!(probe_bytes(b"hello"), Err(ProbeError::NotMp4)));
    let jpeg = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0";
    assert!(matches!(probe_bytes(jpeg), Err(ProbeError::NotMp4)));
    // Complete boxes but no index.
    let mut no_index = ftyp();
    no_index.extend(boxed(b"mdat", &[1, 2, 3]));
    assert!(matches!(probe_bytes(&no_index), Err(ProbeError::NotMp4)));
}

#[test]
fn impossible_box_sizes_are_malformed() {
    // A 64-bit size of u64::MAX, at the top level and nested.
    let mut huge = ftyp();
    huge.extend(1u32.to_be_bytes());
    huge.extend(b"moov");
    huge.extend(u64::MAX.to_be_bytes());
    assert!(malformed(probe_bytes(&huge)));
    let mut nested_body = 1u32.to_be_bytes().to_vec();
    nested_body.extend(b"trak");
    nested_body.extend(u64::MAX.to_be_bytes());
    let mut nested = ftyp();
    nested.extend(boxed(b"moov", &nested_body));
    assert!(malformed(probe_bytes(&nested)));

    // Sizes smaller than the header, both forms.
    let mut small = ftyp();
    small.extend(4u32.to_be_bytes());
    small.extend(b"free");
    small.extend([0; 16]);
    assert!(malformed(probe_bytes(&small)));
    let mut small_large = ftyp();
    small_large.extend(1u32.to_be_bytes());
    small_large.extend(b"free");
    small_large.extend(12u64.to_be_bytes());
    small_large.extend([0; 16]);
    assert!(malformed(probe_bytes(&small_large)));

    // An index that says it is longer than the file: refused before anything is allocated.
    let mut past_end = ftyp();
    past_end.extend(0xFFFF_FFF0u32.to_be_bytes());
    past_end.extend(b"moov");
    assert!(malformed(probe_bytes(&past_end)));
}

#[test]
fn a_nested_box_larger_than_its_parent_is_malformed() {
    let mut file = synthetic_mp4(Rate::new(25, 1), 25, 320, 180, None);
    for kind in [b"trak", b"mdia", b"stbl"] {
        let mut grown = file.clone();
        let at = find(&grown, kind);
        let size = u32::from_be_bytes(grown[at..at + 4].try_into().unwrap());
        grown[at..at + 4].copy_from_slice(&(size + 1).to_be_bytes());
        assert!(
            malformed(probe_bytes(&grown)),
            "{}",
            String::from_utf8_lossy(kind)
        );
    }
    // The first entry of the sample description, one byte past its table.
    let at = find(&file, b"avc1");
    let size = u32::from_be_bytes(file[at..at + 4].try_into().unwrap());
    file[at..at + 4].copy_from_slice(&(size + 1).to_be_bytes());
    assert!(malformed(probe_bytes(&file)));
}

#[test]
fn a_frame_table_claiming_more_entries_than_it_holds_is_malformed() {
    for count in [0xFFFF_FFFFu32, 2] {
        let mut file = synthetic_mp4(Rate::new(25, 1), 25, 320, 180, None);
        let at = find(&file, b"stts") + 12;
        file[at..at + 4].copy_from_slice(&count.to_be_bytes());
        assert!(malformed(probe_bytes(&file)), "{count}");
    }
}

#[test]
fn a_frame_table_whose_duration_overflows_is_malformed() {
    // Eight runs of 2^32 − 1 frames of 2^32 − 1 ticks: more than 64 bits of ticks.
    let mut body = vec![0, 0, 0, 0, 0, 0, 0, 8];
    for _ in 0..8 {
        body.extend([0xFF; 8]);
    }
    let mut file = synthetic_mp4(Rate::new(25, 1), 25, 320, 180, None);
    let at = find(&file, b"stts");
    let old_len = u32::from_be_bytes(file[at..at + 4].try_into().unwrap()) as usize;
    let grown = body.len() + 8 - old_len;
    file.splice(at..at + old_len, boxed(b"stts", &body));
    for kind in [b"moov", b"trak", b"mdia", b"minf", b"stbl"] {
        let at = find(&file, kind);
        let size = u32::from_be_bytes(file[at..at + 4].try_into().unwrap()) + grown as u32;
        file[at..at + 4].copy_from_slice(&size.to_be_bytes());
    }
    assert!(malformed(probe_bytes(&file)));
}

#[test]
fn every_truncation_and_every_corrupted_byte_gives_an_answer_without_panicking() {
    let started = Instant::now();
    let file = synthetic_mp4(NTSC, 90_000, 1920, 1080, Some(STEREO_48K));
    let index_end = find(&file, b"mdat");
    for len in 0..file.len() {
        let result = probe_bytes(&file[..len]);
        // The index is whole once the media data starts, and that is all a probe reads.
        assert!(result.is_err() || len >= index_end, "truncated at {len}");
    }
    for at in 0..file.len() {
        for value in [0x00, 0x01, 0x7F, 0xFF] {
            let mut corrupted = file.clone();
            corrupted[at] = value;
            let _ = probe_bytes(&corrupted);
        }
    }
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn random_bytes_are_refused_and_random_indexes_do_not_panic() {
    let started = Instant::now();
    let mut noise = Noise(0x9E37_79B9_7F4A_7C15);
    for _ in 0..200 {
        let len = (noise.next() % 4096) as usize;
        let bytes = noise.bytes(len);
        assert!(probe_bytes(&bytes).is_err());

        // Random contents behind valid headers, to reach the nested walk.
        let mut file = ftyp();
        file.extend(boxed(b"moov", &boxed(b"trak", &noise.bytes(len))));
        let _ = probe_bytes(&file);
        let mut file = synthetic_mp4(FILM, 100, 320, 180, Some(MONO_22K));
        for _ in 0..8 {
            let at = (noise.next() as usize) % file.len();
            file[at] = noise.next() as u8;
        }
        let _ = probe_bytes(&file);
    }
    assert!(started.elapsed() < Duration::from_secs(10));
}

/// A file `len` bytes long of which only `head` is stored; the rest reads as zeros.
struct Sparse {
    head: Vec<u8>,
    len: u64,
    at: u64,
}

impl Read for Sparse {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let count = (buffer.len() as u64).min(self.len.saturating_sub(self.at)) as usize;
        for (offset, byte) in buffer[..count].iter_mut().enumerate() {
            *byte = *self.head.get(self.at as usize + offset).unwrap_or(&0);
        }
        self.at += count as u64;
        Ok(count)
    }
}

impl Seek for Sparse {
    fn seek(&mut self, position: SeekFrom) -> io::Result<u64> {
        self.at = match position {
            SeekFrom::Start(at) => at,
            SeekFrom::End(delta) => self.len.saturating_add_signed(delta),
            SeekFrom::Current(delta) => self.at.saturating_add_signed(delta),
        };
        Ok(self.at)
    }
}

#[test]
fn an_index_over_64_mib_is_refused_before_it_is_read() {
    let started = Instant::now();
    let mut head = ftyp();
    let moov_len = 65u32 * 1024 * 1024;
    head.extend(moov_len.to_be_bytes());
    head.extend(b"moov");
    let len = head.len() as u64 + u64::from(moov_len);
    let result = probe_reader(Sparse { head, len, at: 0 });
    assert!(malformed(result));
    assert!(started.elapsed() < Duration::from_secs(1));

    // A huge file whose media data comes first is skipped, not read.
    let file = synthetic_mp4(Rate::new(25, 1), 25, 320, 180, None);
    let moov = find(&file, b"moov");
    let mdat = find(&file, b"mdat");
    let media_len = 1u64 << 40;
    let mut head = file[..moov].to_vec();
    head.extend(1u32.to_be_bytes());
    head.extend(b"mdat");
    head.extend((16 + media_len).to_be_bytes());
    let index_at = head.len() as u64 + media_len;
    let index = &file[moov..mdat];
    struct Far {
        inner: Sparse,
        index_at: u64,
        index: Vec<u8>,
    }
    impl Read for Far {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            if self.inner.at >= self.index_at {
                let from = (self.inner.at - self.index_at) as usize;
                let count = buffer.len().min(self.index.len().saturating_sub(from));
                buffer[..count].copy_from_slice(&self.index[from..from + count]);
                self.inner.at += count as u64;
                return Ok(count);
            }
            self.inner.read(buffer)
        }
    }
    impl Seek for Far {
        fn seek(&mut self, position: SeekFrom) -> io::Result<u64> {
            self.inner.seek(position)
        }
    }
    let far = Far {
        inner: Sparse {
            head,
            len: index_at + index.len() as u64,
            at: 0,
        },
        index_at,
        index: index.to_vec(),
    };
    assert_eq!(probe_reader(far).unwrap().frames, 25);
}

#[test]
fn error_messages_tell_the_user_what_to_do() {
    let errors = [
        ProbeError::NotMp4,
        ProbeError::NoVideoTrack,
        ProbeError::malformed("the file ends early"),
    ];
    for error in errors {
        assert!(error.to_string().contains("re-download it"), "{error}");
    }
    let io = ProbeError::from(io::Error::from(io::ErrorKind::NotFound));
    assert!(io.to_string().contains("try again"), "{io}");
}
