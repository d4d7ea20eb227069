//! Walking ISO base media boxes: the file's top level through a reader, seeking past the media
//! data, and the movie header's nested boxes in memory.

use std::io::{self, Read, Seek, SeekFrom};

use super::limits::Budget;
use super::ProbeError;

pub(super) type FourCc = [u8; 4];

/// A movie header this large is not a clip's; refusing it bounds what a hostile file can make
/// us allocate.
const MAX_MOVIE_LEN: u64 = 64 * 1024 * 1024;

/// The boxes an MP4 or QuickTime file may start with.
const FIRST_BOXES: [&FourCc; 6] = [b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide"];

pub(super) const ENDS_EARLY: &str = "the file ends early";
const BAD_SIZE: &str = "a part of it has an impossible size";
const OVERFLOWS: &str = "a part of it is larger than what holds it";

/// The body of the file's movie header (`moov`), read whole.
pub(super) fn read_movie<R: Read + Seek>(
    reader: &mut R,
    budget: &Budget,
) -> Result<Vec<u8>, ProbeError> {
    let len = reader.seek(SeekFrom::End(0))?;
    let mut at = 0u64;
    let mut first = true;
    while at < len {
        let remaining = len - at;
        if remaining < 8 {
            return Err(if first {
                ProbeError::NotMp4
            } else {
                ProbeError::malformed(ENDS_EARLY)
            });
        }
        budget.visit()?;
        reader.seek(SeekFrom::Start(at))?;
        let mut head = [0u8; 8];
        read_exact(reader, &mut head)?;
        let kind: FourCc = [head[4], head[5], head[6], head[7]];
        if first && !FIRST_BOXES.contains(&&kind) {
            return Err(ProbeError::NotMp4);
        }
        first = false;
        let (size, header_len) = match u32::from_be_bytes([head[0], head[1], head[2], head[3]]) {
            0 => (remaining, 8),
            1 => {
                if remaining < 16 {
                    return Err(ProbeError::malformed(ENDS_EARLY));
                }
                let mut large = [0u8; 8];
                read_exact(reader, &mut large)?;
                (u64::from_be_bytes(large), 16)
            }
            size => (u64::from(size), 8),
        };
        if size < header_len {
            return Err(ProbeError::malformed(BAD_SIZE));
        }
        if size > remaining {
            return Err(ProbeError::malformed(ENDS_EARLY));
        }
        if &kind == b"moov" {
            let body_len = size - header_len;
            if body_len > MAX_MOVIE_LEN {
                return Err(ProbeError::malformed("its index is too large"));
            }
            // Bounded above and by the file's real length, so the allocation is safe.
            let mut movie = vec![0u8; body_len as usize];
            read_exact(reader, &mut movie)?;
            return Ok(movie);
        }
        at += size;
    }
    Err(ProbeError::NotMp4)
}

fn read_exact<R: Read>(reader: &mut R, buffer: &mut [u8]) -> Result<(), ProbeError> {
    reader
        .read_exact(buffer)
        .map_err(|error| match error.kind() {
            // The file shrank while we read it.
            io::ErrorKind::UnexpectedEof => ProbeError::malformed(ENDS_EARLY),
            _ => ProbeError::Io(error),
        })
}

/// The boxes one after the other in `data`, each as its type and body, each counted against
/// `budget`. Every step consumes at least a header, so a walk always ends.
pub(super) fn children<'a, 'b>(data: &'a [u8], budget: &'b Budget) -> Children<'a, 'b> {
    Children { rest: data, budget }
}

pub(super) struct Children<'a, 'b> {
    rest: &'a [u8],
    budget: &'b Budget,
}

impl<'a> Iterator for Children<'a, '_> {
    type Item = Result<(FourCc, &'a [u8]), ProbeError>;

    fn next(&mut self) -> Option<Self::Item> {
        // QuickTime may close a list of boxes with four zero bytes.
        if self.rest.len() < 8 && self.rest.iter().all(|byte| *byte == 0) {
            return None;
        }
        match self.budget.visit().and_then(|()| split_box(self.rest)) {
            Ok((kind, body, rest)) => {
                self.rest = rest;
                Some(Ok((kind, body)))
            }
            Err(error) => {
                self.rest = &[];
                Some(Err(error))
            }
        }
    }
}

fn split_box(data: &[u8]) -> Result<(FourCc, &[u8], &[u8]), ProbeError> {
    let head: [u8; 8] = field(data, 0).map_err(|_| ProbeError::malformed(OVERFLOWS))?;
    let kind: FourCc = [head[4], head[5], head[6], head[7]];
    let (size, header_len) = match u32::from_be_bytes([head[0], head[1], head[2], head[3]]) {
        0 => (data.len() as u64, 8),
        1 => (
            be_u64(data, 8).map_err(|_| ProbeError::malformed(OVERFLOWS))?,
            16,
        ),
        size => (u64::from(size), 8),
    };
    if size < header_len {
        return Err(ProbeError::malformed(BAD_SIZE));
    }
    if size > data.len() as u64 {
        return Err(ProbeError::malformed(OVERFLOWS));
    }
    let size = size as usize;
    Ok((kind, &data[header_len as usize..size], &data[size..]))
}

/// The body of the first box of type `kind` in `data`.
pub(super) fn child<'a>(
    data: &'a [u8],
    kind: &FourCc,
    budget: &Budget,
) -> Result<Option<&'a [u8]>, ProbeError> {
    for entry in children(data, budget) {
        let (found, body) = entry?;
        if &found == kind {
            return Ok(Some(body));
        }
    }
    Ok(None)
}

/// The body at the end of a path of nested boxes.
pub(super) fn descend<'a>(
    mut data: &'a [u8],
    path: &[&FourCc],
    budget: &Budget,
) -> Result<Option<&'a [u8]>, ProbeError> {
    for kind in path {
        match child(data, kind, budget)? {
            Some(body) => data = body,
            None => return Ok(None),
        }
    }
    Ok(Some(data))
}

fn field<const N: usize>(data: &[u8], at: usize) -> Result<[u8; N], ProbeError> {
    at.checked_add(N)
        .and_then(|end| data.get(at..end))
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| ProbeError::malformed("a part of it is cut short"))
}

pub(super) fn be_u16(data: &[u8], at: usize) -> Result<u16, ProbeError> {
    field(data, at).map(u16::from_be_bytes)
}

pub(super) fn be_u32(data: &[u8], at: usize) -> Result<u32, ProbeError> {
    field(data, at).map(u32::from_be_bytes)
}

pub(super) fn be_u64(data: &[u8], at: usize) -> Result<u64, ProbeError> {
    field(data, at).map(u64::from_be_bytes)
}
