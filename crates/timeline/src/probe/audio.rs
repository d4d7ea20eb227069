//! The channel count of AAC sound. MP4 writers put a nominal 2 in the sample description of
//! AAC tracks whatever the sound is; the decoder configuration in the elementary stream
//! descriptor (`esds`) holds the real layout.

use super::boxes::children;
use super::limits::Budget;

/// The channels an AAC track's decoder configuration states, read from the boxes that follow
/// a sound sample description's fixed fields; `None` when there is no such configuration or it
/// leaves the layout to the stream.
pub(super) fn aac_channels(extensions: &[u8], budget: &Budget) -> Option<u16> {
    // QuickTime nests the descriptor in a `wave` box. Damage here must not fail the probe: the
    // sample description's own count stands (a walk cut short by the budget is refused later).
    let esds = children(extensions, budget)
        .map_while(Result::ok)
        .find_map(|(kind, body)| match &kind {
            b"esds" => Some(body),
            b"wave" => children(body, budget)
                .map_while(Result::ok)
                .find_map(|(kind, body)| (&kind == b"esds").then_some(body)),
            _ => None,
        })?;
    let (tag, stream, _) = descriptor(esds.get(4..)?)?;
    if tag != 3 {
        return None;
    }
    let flags = *stream.get(2)?;
    let mut at = 3;
    if flags & 0x80 != 0 {
        at += 2;
    }
    if flags & 0x40 != 0 {
        at += 1 + usize::from(*stream.get(at)?);
    }
    if flags & 0x20 != 0 {
        at += 2;
    }
    let decoder = find_descriptor(stream.get(at..)?, 4)?;
    // MPEG-4 audio, and MPEG-2 AAC's three profiles, configure with an AudioSpecificConfig.
    if !matches!(decoder.first()?, 0x40 | 0x66..=0x68) {
        return None;
    }
    let config = find_descriptor(decoder.get(13..)?, 5)?;
    channels_of_config(config)
}

/// The body of the first descriptor tagged `tag` in a list of them.
fn find_descriptor(mut data: &[u8], tag: u8) -> Option<&[u8]> {
    while !data.is_empty() {
        let (found, body, rest) = descriptor(data)?;
        if found == tag {
            return Some(body);
        }
        data = rest;
    }
    None
}

/// One descriptor: its tag, its body and what follows it. The length takes up to four bytes of
/// seven bits each.
fn descriptor(data: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *data.first()?;
    let mut len = 0usize;
    for index in 1..=4 {
        let byte = *data.get(index)?;
        len = (len << 7) | usize::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            let body = data.get(index + 1..index + 1 + len)?;
            return Some((tag, body, &data[index + 1 + len..]));
        }
    }
    None
}

fn channels_of_config(config: &[u8]) -> Option<u16> {
    let mut bits = Bits {
        data: config,
        at: 0,
    };
    let mut object_type = bits.read(5)?;
    if object_type == 31 {
        object_type = 32 + bits.read(6)?;
    }
    if bits.read(4)? == 0xf {
        bits.read(24)?;
    }
    let layout = bits.read(4)?;
    // Parametric stereo signalled explicitly: a mono core decodes to two channels.
    if object_type == 29 && layout == 1 {
        return Some(2);
    }
    match layout {
        1..=6 => Some(layout as u16),
        7 | 12 | 14 => Some(8),
        11 => Some(7),
        13 => Some(24),
        // Zero leaves the layout to the stream; the rest are reserved.
        _ => None,
    }
}

struct Bits<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bits<'_> {
    fn read(&mut self, count: usize) -> Option<u32> {
        let mut value = 0u32;
        for _ in 0..count {
            let byte = self.data.get(self.at / 8)?;
            let bit = (byte >> (7 - self.at % 8)) & 1;
            value = (value << 1) | u32::from(bit);
            self.at += 1;
        }
        Some(value)
    }
}
