use bytes::Bytes;
use sha2::{Digest, Sha256};

use crate::synthetic::SyntheticClip;

/// The bytes of one rendered clip file.
///
/// Both kinds hand out slices of shared buffers, so serving a file never copies it: that keeps the
/// fake far faster than any client it is measured against.
#[derive(Clone)]
pub(crate) enum ClipMedia {
    /// A real MP4 compiled into the binary.
    Embedded(Bytes),
    /// A deterministic pattern of any size, generated on the fly.
    Synthetic(SyntheticClip),
}

impl ClipMedia {
    pub(crate) fn byte_len(&self) -> u64 {
        match self {
            ClipMedia::Embedded(bytes) => bytes.len() as u64,
            ClipMedia::Synthetic(clip) => clip.byte_len(),
        }
    }

    /// The bytes from `offset`, at most `max_len` of them; never empty while `offset` is inside
    /// the file.
    pub(crate) fn chunk_at(&self, offset: u64, max_len: usize) -> Bytes {
        match self {
            ClipMedia::Embedded(bytes) => {
                let start = offset.min(bytes.len() as u64) as usize;
                let end = start.saturating_add(max_len).min(bytes.len());
                bytes.slice(start..end)
            }
            ClipMedia::Synthetic(clip) => clip.chunk_at(offset, max_len),
        }
    }

    pub(crate) fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.byte_len() as usize);
        self.for_each_chunk(|chunk| out.extend_from_slice(chunk));
        out
    }

    pub(crate) fn sha256_hex(&self) -> String {
        let mut hasher = Sha256::new();
        self.for_each_chunk(|chunk| hasher.update(chunk));
        hasher
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    fn for_each_chunk(&self, mut visit: impl FnMut(&[u8])) {
        let mut offset = 0;
        while offset < self.byte_len() {
            let chunk = self.chunk_at(offset, 1 << 20);
            visit(&chunk);
            offset += chunk.len() as u64;
        }
    }
}
