//! Frame rates as exact ratios, and every conversion between milliseconds, frames and the
//! formats' time notations. Times are integers on the frame grid, never decimals: an editor
//! refuses an item that is off its grid.

use std::fmt;

/// Frames per second as `num / den` (29.97 is `30000 / 1001`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rate {
    pub num: u32,
    pub den: u32,
}

/// The rates editors name; a probed rate within 0.05 % of one of them is taken as it.
const NAMED: [Rate; 10] = [
    Rate::new(24000, 1001),
    Rate::new(24, 1),
    Rate::new(25, 1),
    Rate::new(30000, 1001),
    Rate::new(30, 1),
    Rate::new(48, 1),
    Rate::new(50, 1),
    Rate::new(60000, 1001),
    Rate::new(60, 1),
    Rate::new(15, 1),
];

impl Rate {
    pub const fn new(num: u32, den: u32) -> Rate {
        Rate { num, den }
    }

    /// The rate `frames` frames over `duration` ticks of a `timescale` clock make, snapped to a
    /// named rate when it is one (an encoder's 29.97 is rarely exactly 30000/1001 in its boxes).
    pub fn from_frames_over(frames: u64, duration: u64, timescale: u32) -> Option<Rate> {
        if frames == 0 || duration == 0 || timescale == 0 {
            return None;
        }
        let measured = frames as f64 * f64::from(timescale) / duration as f64;
        if let Some(named) = NAMED
            .iter()
            .find(|named| (named.as_f64() - measured).abs() <= named.as_f64() * 0.0005)
        {
            return Some(*named);
        }
        // Any other constant rate, as the ratio the file states, reduced.
        let num = (frames as u128) * u128::from(timescale);
        let den = duration as u128;
        let divisor = gcd(num, den);
        let (num, den) = (num / divisor, den / divisor);
        Some(Rate::new(
            u32::try_from(num).ok()?,
            u32::try_from(den).ok()?,
        ))
    }

    pub fn as_f64(self) -> f64 {
        f64::from(self.num) / f64::from(self.den)
    }

    /// The whole frames per second a timecode counts (30 for 29.97, 24 for 23.976).
    pub fn timebase(self) -> u32 {
        (f64::from(self.num) / f64::from(self.den)).round() as u32
    }

    /// Whether this is an NTSC rate (n × 1000 / 1001), as `xmeml`'s `<ntsc>` says.
    pub fn is_ntsc(self) -> bool {
        self.den == 1001
    }

    /// Milliseconds to the nearest frame: `round(ms × num / (den × 1000))`.
    pub fn frames_from_ms(self, ms: u64) -> u64 {
        let numerator = u128::from(ms) * u128::from(self.num);
        let denominator = u128::from(self.den) * 1000;
        ((numerator + denominator / 2) / denominator) as u64
    }

    /// The milliseconds `frames` frames last, rounded down.
    pub fn ms_from_frames(self, frames: u64) -> u64 {
        (u128::from(frames) * u128::from(self.den) * 1000 / u128::from(self.num)) as u64
    }

    /// `frames` of `from` expressed in frames of `self`, to the nearest frame.
    pub fn convert(self, frames: u64, from: Rate) -> u64 {
        if self == from {
            return frames;
        }
        let numerator = u128::from(frames) * u128::from(self.num) * u128::from(from.den);
        let denominator = u128::from(self.den) * u128::from(from.num);
        ((numerator + denominator / 2) / denominator) as u64
    }

    /// FCPXML's rational seconds for `frames` frames, `frames × den / num` written `N/Ds` over
    /// the rate's own denominator (900 frames at 29.97 are `900900/30000s`), `0s` for zero: the
    /// form Final Cut writes, on the frame grid by construction.
    pub fn fcpxml_time(self, frames: u64) -> String {
        if frames == 0 {
            return "0s".into();
        }
        format!(
            "{}/{}s",
            u128::from(frames) * u128::from(self.den),
            self.num
        )
    }

    /// FCPXML's `frameDuration`: one frame, unreduced for NTSC as Final Cut writes it.
    pub fn fcpxml_frame_duration(self) -> String {
        format!("{}/{}s", self.den, self.num)
    }

    /// Non-drop-frame timecode `HH:MM:SS:FF` of a frame count, counted at the timebase.
    pub fn timecode(self, frames: u64) -> Timecode {
        let base = u64::from(self.timebase().max(1));
        Timecode {
            hours: frames / (base * 3600),
            minutes: frames / (base * 60) % 60,
            seconds: frames / base % 60,
            frames: frames % base,
        }
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{:.3}", self.as_f64())
        }
    }
}

/// A non-drop-frame timecode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timecode {
    pub hours: u64,
    pub minutes: u64,
    pub seconds: u64,
    pub frames: u64,
}

impl fmt::Display for Timecode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}:{:02}:{:02}",
            self.hours, self.minutes, self.seconds, self.frames
        )
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NTSC: Rate = Rate::new(30000, 1001);
    const FILM: Rate = Rate::new(24000, 1001);

    #[test]
    fn fcpxml_times_are_exact_ratios_on_the_frame_grid() {
        assert_eq!(NTSC.fcpxml_time(900), "900900/30000s");
        assert_eq!(NTSC.fcpxml_time(1), "1001/30000s");
        assert_eq!(Rate::new(30, 1).fcpxml_time(1), "1/30s");
        assert_eq!(Rate::new(25, 1).fcpxml_time(1), "1/25s");
        assert_eq!(Rate::new(25, 1).fcpxml_time(50), "50/25s");
        assert_eq!(FILM.fcpxml_time(1), "1001/24000s");
        assert_eq!(FILM.fcpxml_time(0), "0s");
        assert_eq!(NTSC.fcpxml_frame_duration(), "1001/30000s");
    }

    #[test]
    fn milliseconds_become_the_nearest_frame() {
        assert_eq!(Rate::new(25, 1).frames_from_ms(1000), 25);
        assert_eq!(Rate::new(25, 1).frames_from_ms(19), 0);
        assert_eq!(Rate::new(25, 1).frames_from_ms(20), 1);
        assert_eq!(NTSC.frames_from_ms(60_000), 1798);
        assert_eq!(FILM.frames_from_ms(754_200), 18083);
        assert_eq!(Rate::new(30, 1).frames_from_ms(3_344_250), 100_328);
    }

    #[test]
    fn probed_rates_snap_to_the_named_ones() {
        // 29.97 as ffmpeg writes it: timescale 30000, 1001 ticks a frame.
        assert_eq!(Rate::from_frames_over(90, 90_090, 30000), Some(NTSC));
        // The same rate in a coarse 90 kHz clock, where 1001/30000 s is 3003 ticks.
        assert_eq!(Rate::from_frames_over(75, 225_225, 90000), Some(NTSC));
        assert_eq!(
            Rate::from_frames_over(75, 3000, 1000),
            Some(Rate::new(25, 1))
        );
        assert_eq!(Rate::from_frames_over(72, 72_072, 24000), Some(FILM));
        assert_eq!(Rate::from_frames_over(7, 1000, 1000), Some(Rate::new(7, 1)));
        assert_eq!(Rate::from_frames_over(0, 1000, 1000), None);
    }

    #[test]
    fn timecodes_count_the_timebase_without_dropping_frames() {
        assert_eq!(NTSC.timecode(0).to_string(), "00:00:00:00");
        assert_eq!(NTSC.timecode(1799).to_string(), "00:00:59:29");
        assert_eq!(FILM.timecode(24 * 3600 + 5).to_string(), "01:00:00:05");
        assert_eq!(
            Rate::new(25, 1).timecode(25 * 61).to_string(),
            "00:01:01:00"
        );
        assert!(NTSC.is_ntsc() && !Rate::new(25, 1).is_ntsc());
        assert_eq!(NTSC.timebase(), 30);
        assert_eq!(FILM.timebase(), 24);
    }

    #[test]
    fn frames_convert_between_rates_to_the_nearest_frame() {
        assert_eq!(Rate::new(25, 1).convert(30, Rate::new(30, 1)), 25);
        assert_eq!(Rate::new(30, 1).convert(30, Rate::new(30, 1)), 30);
        assert_eq!(NTSC.convert(30, Rate::new(30, 1)), 30);
    }
}
