//! What an MP4 file holds, read from its own index: frame rate, frame count, picture size and
//! sound. Only the movie header is read (the media data is skipped), so probing a long file is
//! as quick as a short one. The files come from the network: any damage gives an error, never a
//! panic, a huge allocation, an endless loop or minutes of work (`limits`).

mod audio;
mod boxes;
mod limits;
mod tracks;

#[cfg(test)]
mod tests;

use std::fs::File;
use std::io::{Cursor, Read, Seek};
use std::path::Path;

use crate::model::{AudioInfo, MediaInfo};
use crate::rate::Rate;

/// Why a file could not be probed, each worded for the person who has to act on it.
#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    #[error("could not read the video file ({0}); check that it is still there, then try again")]
    Io(#[from] std::io::Error),
    #[error("this file is not an MP4 video this app can read; re-download it")]
    NotMp4,
    #[error("this MP4 file has no video picture; re-download it")]
    NoVideoTrack,
    #[error("this MP4 file is damaged or incomplete ({0}); re-download it")]
    Malformed(String),
    #[error(
        "this MP4 file has too many boxes to be a video clip (more than {0}); it is damaged or \
         not a video: re-download it"
    )]
    TooManyBoxes(u32),
    #[error(
        "this MP4 file's frame rate ({fps} fps) is outside the {min} to {max} fps an editor's \
         timecode counts; re-download it, or re-encode it at a standard rate",
        fps = limits::fps(.0),
        min = limits::MIN_FPS,
        max = limits::MAX_FPS
    )]
    UnsupportedRate(Rate),
    #[error(
        "this MP4 file is {hours} hours long, and an editor's timecode stops at {max} hours; use \
         a shorter video",
        max = limits::MAX_HOURS
    )]
    TooLong { hours: u64 },
}

impl ProbeError {
    pub(crate) fn malformed(detail: &str) -> ProbeError {
        ProbeError::Malformed(detail.to_string())
    }
}

/// Probes the MP4 file at `path`.
pub fn probe_file(path: impl AsRef<Path>) -> Result<MediaInfo, ProbeError> {
    probe_reader(File::open(path)?)
}

/// Probes an MP4 file held in memory.
pub fn probe_bytes(bytes: &[u8]) -> Result<MediaInfo, ProbeError> {
    probe_reader(Cursor::new(bytes))
}

/// Probes an MP4 file from any seekable source.
pub fn probe_reader<R: Read + Seek>(mut reader: R) -> Result<MediaInfo, ProbeError> {
    let budget = limits::Budget::default();
    let movie = boxes::read_movie(&mut reader, &budget)?;
    let tracks = tracks::read_tracks(&movie, &budget)?;
    budget.check()?;

    // A cover picture is stored as a one-frame video track: the longest one is the video.
    let video = tracks
        .iter()
        .filter(|track| track.is_video())
        .reduce(|best, track| {
            if track.samples > best.samples {
                track
            } else {
                best
            }
        })
        .ok_or(ProbeError::NoVideoTrack)?;
    if video.timescale == 0 {
        return Err(ProbeError::malformed("its video has no timing"));
    }
    if video.samples == 0 {
        return Err(ProbeError::malformed("its video has no frames"));
    }
    let rate = Rate::from_frames_over(video.samples, video.duration, video.timescale)
        .ok_or_else(|| ProbeError::malformed("its frame rate cannot be read"))?;
    let rate = limits::check_rate(rate)?;
    let frames = limits::check_length(video.samples, rate)?;
    let (width, height) = match (video.width, video.height) {
        (width, height) if width > 0 && height > 0 => (width, height),
        _ => (video.header_width, video.header_height),
    };
    if width == 0 || height == 0 {
        return Err(ProbeError::malformed("its picture size is missing"));
    }

    let audio = tracks
        .iter()
        .filter(|track| track.is_audio())
        .find_map(|track| {
            // Rates above 65 535 Hz do not fit the sample description; the track clock has it.
            let sample_rate = match track.sample_rate {
                0 => track.timescale,
                rate => rate,
            };
            (sample_rate > 0 && track.channels > 0).then_some(AudioInfo {
                sample_rate,
                channels: track.channels,
            })
        });

    Ok(MediaInfo {
        rate,
        frames,
        width,
        height,
        audio,
    })
}
