//! What the probe will take from a file: a bound on how many boxes it steps over, and the frame
//! rates and lengths an editor's timecode can count. A hostile file can state anything; past
//! these bounds the probe refuses it instead of working for minutes or handing the timeline
//! writers a value their columns cannot hold.

use std::cell::Cell;

use super::ProbeError;
use crate::rate::Rate;

/// Boxes the probe may step over in one file, at the top level and in the index together (a box
/// two lookups step over counts twice). A camera's or encoder's MP4 has a handful of top-level
/// boxes and its index costs a few dozen steps a track, so even a file of a hundred tracks stays
/// in the low thousands. Stepping over this many takes well under a second even through a
/// reader that goes to the disk for each box (about 0.1 s); a file of millions of 8-byte boxes
/// would otherwise keep the probe busy for minutes.
pub(super) const MAX_BOXES: u32 = 100_000;

/// Frames a second a timeline can count. Below one, the whole frames a second a timecode counts
/// can round to zero (and `xmeml`'s timebase with it). Phones record slow motion at 120 and
/// 240 and high-speed cameras at up to 1000, which editors cut; a rate beyond is a file
/// stating nonsense (a timescale of 4 294 967 295 over a sample of 1).
pub(super) const MIN_FPS: u32 = 1;
pub(super) const MAX_FPS: u32 = 1000;

/// A timecode's hours: a CMX3600 EDL's timecode is a time of day, 00 to 23 hours.
pub(super) const MAX_HOURS: u64 = 24;

/// The boxes stepped over so far in one probe.
#[derive(Debug, Default)]
pub(super) struct Budget {
    visited: Cell<u32>,
}

impl Budget {
    /// Counts one more box; an error once more than `MAX_BOXES` have been counted.
    pub fn visit(&self) -> Result<(), ProbeError> {
        self.visited.set(self.visited.get().saturating_add(1));
        self.check()
    }

    /// The error `visit` gave, again: a walk that forgives damage (the sound's channel count)
    /// stops quietly at the bound, and the refusal must still stand.
    pub fn check(&self) -> Result<(), ProbeError> {
        if self.visited.get() > MAX_BOXES {
            return Err(ProbeError::TooManyBoxes(MAX_BOXES));
        }
        Ok(())
    }
}

/// `rate` if a timeline can count it.
pub(super) fn check_rate(rate: Rate) -> Result<Rate, ProbeError> {
    let (num, den) = (u64::from(rate.num), u64::from(rate.den));
    if den == 0 || num < u64::from(MIN_FPS) * den || num > u64::from(MAX_FPS) * den {
        return Err(ProbeError::UnsupportedRate(rate));
    }
    Ok(rate)
}

/// `frames` if every timecode within them, their end included, stays under `MAX_HOURS`.
/// Counted at the timebase, as the timecodes are (a day of 29.97 is 2 592 000 frames).
pub(super) fn check_length(frames: u64, rate: Rate) -> Result<u64, ProbeError> {
    let timecode = rate.timecode(frames);
    if timecode.hours >= MAX_HOURS {
        return Err(ProbeError::TooLong {
            hours: timecode.hours,
        });
    }
    Ok(frames)
}

/// A refused rate as a person reads it: whole when it is, to the thousandth when that shows
/// it, else as the ratio the file states (a rate of 1/4294967295 is not "0.000").
pub(super) fn fps(rate: &Rate) -> String {
    if rate.den != 1 && rate.as_f64() < 0.001 {
        return format!("{}/{}", rate.num, rate.den);
    }
    rate.to_string()
}
