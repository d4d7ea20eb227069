//! The tracks of a movie header: what kind each is, its clock, its sample count and duration,
//! and its picture size or sound format.

use super::audio::aac_channels;
use super::boxes::{be_u16, be_u32, be_u64, child, children, descend, FourCc};
use super::limits::Budget;
use super::ProbeError;

#[derive(Debug, Default)]
pub(super) struct Track {
    handler: FourCc,
    /// Ticks per second of the track's clock.
    pub timescale: u32,
    /// Samples (video frames) in the track.
    pub samples: u64,
    /// The samples' total length in `timescale` ticks.
    pub duration: u64,
    /// Coded picture size, from the sample description.
    pub width: u32,
    pub height: u32,
    /// Presentation size, from the track header: used when the sample description has none.
    pub header_width: u32,
    pub header_height: u32,
    pub channels: u16,
    /// Zero when the sample description cannot state it (above 65 535 Hz).
    pub sample_rate: u32,
}

impl Track {
    pub fn is_video(&self) -> bool {
        &self.handler == b"vide"
    }

    pub fn is_audio(&self) -> bool {
        &self.handler == b"soun"
    }
}

/// The video and sound tracks of a movie header's body; other tracks are left unread, so damage
/// in them does not matter.
pub(super) fn read_tracks(movie: &[u8], budget: &Budget) -> Result<Vec<Track>, ProbeError> {
    let mut tracks = Vec::new();
    for entry in children(movie, budget) {
        let (kind, body) = entry?;
        if &kind == b"trak" {
            if let Some(track) = read_track(body, budget)? {
                tracks.push(track);
            }
        }
    }
    Ok(tracks)
}

fn read_track(trak: &[u8], budget: &Budget) -> Result<Option<Track>, ProbeError> {
    let Some(mdia) = child(trak, b"mdia", budget)? else {
        return Ok(None);
    };
    let Some(hdlr) = child(mdia, b"hdlr", budget)? else {
        return Ok(None);
    };
    let handler = be_u32(hdlr, 8)?.to_be_bytes();
    let mut track = Track {
        handler,
        ..Track::default()
    };
    if !track.is_video() && !track.is_audio() {
        return Ok(None);
    }

    if let Some(tkhd) = child(trak, b"tkhd", budget)? {
        let at = if tkhd.first() == Some(&1) { 88 } else { 76 };
        // 16.16 fixed point; the fraction does not matter for a pixel size.
        track.header_width = be_u32(tkhd, at)? >> 16;
        track.header_height = be_u32(tkhd, at + 4)? >> 16;
    }
    if let Some(mdhd) = child(mdia, b"mdhd", budget)? {
        let at = if mdhd.first() == Some(&1) { 20 } else { 12 };
        track.timescale = be_u32(mdhd, at)?;
    }
    let Some(stbl) = descend(mdia, &[b"minf", b"stbl"], budget)? else {
        return Ok(Some(track));
    };
    if let Some(stts) = child(stbl, b"stts", budget)? {
        (track.samples, track.duration) = read_time_to_sample(stts)?;
    }
    if let Some(stsd) = child(stbl, b"stsd", budget)? {
        read_sample_description(stsd, &mut track, budget)?;
    }
    Ok(Some(track))
}

/// The sample count and total duration a time-to-sample table states.
fn read_time_to_sample(stts: &[u8]) -> Result<(u64, u64), ProbeError> {
    let entry_count = u64::from(be_u32(stts, 4)?);
    let table = stts.get(8..).unwrap_or_default();
    if entry_count > (table.len() / 8) as u64 {
        return Err(ProbeError::malformed("its frame table is cut short"));
    }
    let mut samples = 0u64;
    let mut duration = 0u64;
    for entry in table.chunks_exact(8).take(entry_count as usize) {
        let count = u64::from(u32::from_be_bytes([entry[0], entry[1], entry[2], entry[3]]));
        let delta = u64::from(u32::from_be_bytes([entry[4], entry[5], entry[6], entry[7]]));
        // At most 2^23 entries fit the largest header we read, so the count cannot overflow;
        // the duration can.
        samples += count;
        duration = duration
            .checked_add(count * delta)
            .ok_or_else(|| ProbeError::malformed("its duration is out of range"))?;
    }
    Ok((samples, duration))
}

/// The picture size or sound format of the first sample description.
fn read_sample_description(
    stsd: &[u8],
    track: &mut Track,
    budget: &Budget,
) -> Result<(), ProbeError> {
    let Some(entry) = children(stsd.get(8..).unwrap_or_default(), budget).next() else {
        return Ok(());
    };
    let (_, entry) = entry?;
    // Offsets count from the end of the entry's box header; both kinds of entry start with six
    // reserved bytes and a data reference index.
    if track.is_video() {
        track.width = u32::from(be_u16(entry, 24)?);
        track.height = u32::from(be_u16(entry, 26)?);
        return Ok(());
    }
    // QuickTime's sound description versions 1 and 2 add fields before the nested boxes.
    let extensions_at = match be_u16(entry, 8)? {
        2 => {
            // Version 2 holds any rate, as a float.
            let rate = f64::from_bits(be_u64(entry, 32)?);
            if rate.is_finite() && rate >= 1.0 && rate <= f64::from(u32::MAX) {
                track.sample_rate = rate.round() as u32;
            }
            track.channels = u16::try_from(be_u32(entry, 40)?).unwrap_or(0);
            64
        }
        version => {
            track.channels = be_u16(entry, 16)?;
            track.sample_rate = be_u32(entry, 24)? >> 16;
            if version == 1 {
                44
            } else {
                28
            }
        }
    };
    if let Some(channels) = entry
        .get(extensions_at..)
        .and_then(|extensions| aac_channels(extensions, budget))
    {
        track.channels = channels;
    }
    Ok(())
}
