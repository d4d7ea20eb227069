//! Synthetic MP4 files for tests: a complete movie header describing any number of frames over
//! empty media data, so a test can stand in a long source video with a file of a few hundred
//! bytes.

use crate::model::AudioInfo;
use crate::rate::Rate;

/// The movie header's clock: milliseconds.
const MOVIE_TIMESCALE: u32 = 1000;
/// Samples in one AAC frame.
const AAC_FRAME: u64 = 1024;

/// An MP4 file with one H.264 video track of `frames` frames at `rate` and `width`×`height`,
/// and an AAC sound track of the same length when `audio` is given. Its media data is empty:
/// it probes like a real file but does not play.
///
/// # Panics
/// When `width` or `height` exceeds 65 535, which an MP4 sample description cannot state.
pub fn synthetic_mp4(
    rate: Rate,
    frames: u64,
    width: u32,
    height: u32,
    audio: Option<AudioInfo>,
) -> Vec<u8> {
    let width = u16::try_from(width).expect("width fits an MP4 sample description");
    let height = u16::try_from(height).expect("height fits an MP4 sample description");
    let ticks = u128::from(frames) * u128::from(rate.den);
    let movie_duration = clamp(ticks * u128::from(MOVIE_TIMESCALE) / u128::from(rate.num.max(1)));

    let mut moov = mvhd(movie_duration, if audio.is_some() { 3 } else { 2 });
    moov.extend(video_track(rate, frames, width, height, movie_duration));
    if let Some(audio) = audio {
        let samples = clamp(ticks * u128::from(audio.sample_rate) / u128::from(rate.num.max(1)));
        moov.extend(audio_track(audio, samples, movie_duration));
    }

    let mut file = boxed(
        b"ftyp",
        Body::new()
            .bytes(b"isom")
            .u32(0x200)
            .bytes(b"isomiso2avc1mp41")
            .done(),
    );
    file.extend(boxed(b"moov", moov));
    file.extend(boxed(b"mdat", Vec::new()));
    file
}

fn clamp(value: u128) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

fn video_track(rate: Rate, frames: u64, width: u16, height: u16, movie_duration: u64) -> Vec<u8> {
    let duration = frames.saturating_mul(u64::from(rate.den));
    let entry = Body::new()
        .zeros(6)
        .u16(1)
        .zeros(16)
        .u16(width)
        .u16(height)
        .u32(0x0048_0000)
        .u32(0x0048_0000)
        .u32(0)
        .u16(1)
        .zeros(32)
        .u16(0x18)
        .u16(0xffff)
        // Baseline profile, no parameter sets: enough for a reader to know the codec.
        .bytes(&boxed(b"avcC", vec![1, 66, 0, 30, 0xff, 0xe0, 0]))
        .done();
    let media_header = full_box(b"vmhd", 0, 1, Body::new().zeros(8).done());
    let stbl = sample_table(boxed(b"avc1", entry), &[(frames, rate.den)]);
    track(
        1,
        TrackKind::Video { width, height },
        movie_duration,
        rate.num,
        duration,
        media_header,
        stbl,
    )
}

fn audio_track(audio: AudioInfo, samples: u64, movie_duration: u64) -> Vec<u8> {
    // Like common muxers, a nominal stereo in the sample description when the decoder
    // configuration states the layout.
    let nominal_channels = if aac_layout(audio.channels) == 0 {
        audio.channels
    } else {
        2
    };
    let mut entry = Body::new()
        .zeros(6)
        .u16(1)
        .zeros(8)
        .u16(nominal_channels)
        .u16(16)
        .u32(0)
        // 16.16 fixed point; a rate above 65 535 Hz is written as zero, as encoders do.
        .u32(if audio.sample_rate <= 0xffff {
            audio.sample_rate << 16
        } else {
            0
        })
        .done();
    entry.extend(esds(audio));
    let media_header = full_box(b"smhd", 0, 0, Body::new().zeros(4).done());
    let full_frames = samples / AAC_FRAME;
    let rest = samples % AAC_FRAME;
    let mut timing = vec![(full_frames, AAC_FRAME as u32)];
    if rest > 0 {
        timing.push((1, rest as u32));
    }
    let stbl = sample_table(boxed(b"mp4a", entry), &timing);
    track(
        2,
        TrackKind::Audio,
        movie_duration,
        audio.sample_rate,
        samples,
        media_header,
        stbl,
    )
}

/// The elementary stream descriptor of AAC-LC with its decoder configuration.
fn esds(audio: AudioInfo) -> Vec<u8> {
    const RATES: [u32; 13] = [
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
    ];
    let channels = u64::from(aac_layout(audio.channels));
    // Audio object type 2 (LC), the rate's index or an explicit rate, the channel layout.
    let config: Vec<u8> = match RATES.iter().position(|rate| *rate == audio.sample_rate) {
        Some(index) => {
            let bits = (2u64 << 11) | ((index as u64) << 7) | (channels << 3);
            (bits as u16).to_be_bytes().to_vec()
        }
        None => {
            let rate = u64::from(audio.sample_rate & 0x00ff_ffff);
            let bits = (2u64 << 35) | (0xf << 31) | (rate << 7) | (channels << 3);
            bits.to_be_bytes()[3..].to_vec()
        }
    };
    let specific = descriptor(5, config);
    let decoder = descriptor(
        4,
        Body::new()
            .u8(0x40)
            .u8(0x15)
            .zeros(3)
            .u32(0)
            .u32(0)
            .bytes(&specific)
            .done(),
    );
    let stream = descriptor(
        3,
        Body::new()
            .u16(2)
            .u8(0)
            .bytes(&decoder)
            .bytes(&descriptor(6, vec![2]))
            .done(),
    );
    full_box(b"esds", 0, 0, stream)
}

/// The AAC channel configuration of a channel count; 0 (layout left to the stream) when there
/// is none.
fn aac_layout(channels: u16) -> u8 {
    match channels {
        1..=6 => channels as u8,
        7 => 11,
        8 => 7,
        _ => 0,
    }
}

fn descriptor(tag: u8, body: Vec<u8>) -> Vec<u8> {
    let mut out = vec![
        tag,
        u8::try_from(body.len()).expect("descriptor under 128 bytes"),
    ];
    out.extend(body);
    out
}

enum TrackKind {
    Video { width: u16, height: u16 },
    Audio,
}

fn track(
    id: u32,
    kind: TrackKind,
    movie_duration: u64,
    timescale: u32,
    duration: u64,
    media_header: Vec<u8>,
    stbl: Vec<u8>,
) -> Vec<u8> {
    let (handler, name, volume, width, height): (&[u8; 4], &[u8], u16, u16, u16) = match kind {
        TrackKind::Video { width, height } => (b"vide", b"VideoHandler\0", 0, width, height),
        TrackKind::Audio => (b"soun", b"SoundHandler\0", 0x0100, 0, 0),
    };
    let movie_long = movie_duration > u64::from(u32::MAX);
    let tkhd = Body::new()
        .times(movie_long, 0)
        .u32(id)
        .u32(0)
        .time(movie_long, movie_duration)
        .zeros(8)
        .u16(0)
        .u16(0)
        .u16(volume)
        .u16(0)
        .matrix()
        .u32(u32::from(width) << 16)
        .u32(u32::from(height) << 16)
        .done();
    let media_long = duration > u64::from(u32::MAX);
    let mdhd = Body::new()
        .times(media_long, 0)
        .u32(timescale)
        .time(media_long, duration)
        // "und" in packed ISO 639-2.
        .u16(0x55c4)
        .u16(0)
        .done();
    let hdlr = Body::new()
        .u32(0)
        .bytes(handler)
        .zeros(12)
        .bytes(name)
        .done();
    let url = full_box(b"url ", 0, 1, Vec::new());
    let dref = full_box(b"dref", 0, 0, Body::new().u32(1).bytes(&url).done());

    let mut minf = media_header;
    minf.extend(boxed(b"dinf", dref));
    minf.extend(boxed(b"stbl", stbl));
    let mut mdia = full_box(b"mdhd", u8::from(media_long), 0, mdhd);
    mdia.extend(full_box(b"hdlr", 0, 0, hdlr));
    mdia.extend(boxed(b"minf", minf));
    let mut trak = full_box(b"tkhd", u8::from(movie_long), 3, tkhd);
    trak.extend(boxed(b"mdia", mdia));
    boxed(b"trak", trak)
}

/// A sample table with one sample description and the given (count, duration) timing runs;
/// chunk and size tables stay empty, as the media data is.
fn sample_table(entry: Vec<u8>, timing: &[(u64, u32)]) -> Vec<u8> {
    let mut runs = Vec::new();
    for &(mut count, delta) in timing {
        // Runs longer than a table entry can count are split.
        while count > 0 {
            let run = count.min(u64::from(u32::MAX));
            runs.push((run as u32, delta));
            count -= run;
        }
    }
    let mut stts = Body::new().u32(runs.len() as u32);
    for (count, delta) in runs {
        stts = stts.u32(count).u32(delta);
    }
    let mut stbl = full_box(b"stsd", 0, 0, Body::new().u32(1).bytes(&entry).done());
    stbl.extend(full_box(b"stts", 0, 0, stts.done()));
    stbl.extend(full_box(b"stsc", 0, 0, Body::new().u32(0).done()));
    stbl.extend(full_box(b"stsz", 0, 0, Body::new().u32(0).u32(0).done()));
    stbl.extend(full_box(b"stco", 0, 0, Body::new().u32(0).done()));
    stbl
}

fn mvhd(duration: u64, next_track: u32) -> Vec<u8> {
    let long = duration > u64::from(u32::MAX);
    let body = Body::new()
        .times(long, 0)
        .u32(MOVIE_TIMESCALE)
        .time(long, duration)
        .u32(0x0001_0000)
        .u16(0x0100)
        .zeros(10)
        .matrix()
        .zeros(24)
        .u32(next_track)
        .done();
    full_box(b"mvhd", u8::from(long), 0, body)
}

fn boxed(kind: &[u8; 4], body: Vec<u8>) -> Vec<u8> {
    let size = u32::try_from(body.len() + 8).expect("synthetic boxes stay small");
    let mut out = Vec::with_capacity(body.len() + 8);
    out.extend(size.to_be_bytes());
    out.extend(kind);
    out.extend(body);
    out
}

fn full_box(kind: &[u8; 4], version: u8, flags: u32, body: Vec<u8>) -> Vec<u8> {
    let mut full = Vec::with_capacity(body.len() + 4);
    full.extend(((u32::from(version) << 24) | (flags & 0x00ff_ffff)).to_be_bytes());
    full.extend(body);
    boxed(kind, full)
}

/// Big-endian fields one after the other.
struct Body(Vec<u8>);

impl Body {
    fn new() -> Body {
        Body(Vec::new())
    }

    fn u8(mut self, value: u8) -> Body {
        self.0.push(value);
        self
    }

    fn u16(mut self, value: u16) -> Body {
        self.0.extend(value.to_be_bytes());
        self
    }

    fn u32(mut self, value: u32) -> Body {
        self.0.extend(value.to_be_bytes());
        self
    }

    fn bytes(mut self, value: &[u8]) -> Body {
        self.0.extend(value);
        self
    }

    fn zeros(mut self, count: usize) -> Body {
        self.0.resize(self.0.len() + count, 0);
        self
    }

    /// A time field: 64 bits in a version 1 box, else 32.
    fn time(self, long: bool, value: u64) -> Body {
        if long {
            self.bytes(&value.to_be_bytes())
        } else {
            self.u32(value as u32)
        }
    }

    /// Creation and modification times.
    fn times(self, long: bool, value: u64) -> Body {
        self.time(long, value).time(long, value)
    }

    /// The identity transformation matrix.
    fn matrix(self) -> Body {
        [0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000]
            .into_iter()
            .fold(self, Body::u32)
    }

    fn done(self) -> Vec<u8> {
        self.0
    }
}
