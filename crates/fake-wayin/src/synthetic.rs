//! Large, deterministic clip files for benchmarks, produced without holding them in memory.
//!
//! A file is a repeated 1 MiB pseudo-random block whose first 16 bytes are replaced, in every
//! block, by a stamp naming the clip and the block number. The stamp makes every block of every
//! clip distinct, so a downloader that resumes at the wrong offset or mixes two clips up produces
//! a different checksum even though the bulk of the data repeats.

use bytes::Bytes;

use crate::catalog::{Clip, Project, ProjectKind};
use crate::fixtures;
use crate::media::ClipMedia;

const BLOCK_LEN: usize = 1 << 20;
const STAMP_LEN: usize = 16;

#[derive(Clone)]
pub(crate) struct SyntheticClip {
    block: Bytes,
    clip_index: u32,
    len: u64,
}

impl SyntheticClip {
    pub(crate) fn byte_len(&self) -> u64 {
        self.len
    }

    pub(crate) fn chunk_at(&self, offset: u64, max_len: usize) -> Bytes {
        if offset >= self.len {
            return Bytes::new();
        }
        let max_len = (max_len as u64).min(self.len - offset) as usize;
        let block_number = offset / BLOCK_LEN as u64;
        let within = (offset % BLOCK_LEN as u64) as usize;
        if within < STAMP_LEN {
            let stamp = stamp(self.clip_index, block_number);
            let end = STAMP_LEN.min(within + max_len);
            Bytes::copy_from_slice(&stamp[within..end])
        } else {
            let end = BLOCK_LEN.min(within + max_len);
            self.block.slice(within..end)
        }
    }
}

fn stamp(clip_index: u32, block_number: u64) -> [u8; STAMP_LEN] {
    let mut stamp = [0u8; STAMP_LEN];
    stamp[..4].copy_from_slice(b"WYN:");
    stamp[4..8].copy_from_slice(&clip_index.to_le_bytes());
    stamp[8..].copy_from_slice(&block_number.to_le_bytes());
    stamp
}

/// The 1 MiB block shared by all clips of a project, seeded by the project id so that two
/// synthetic projects never serve the same bytes.
fn pattern_block(seed_text: &str) -> Bytes {
    // FNV-1a for the seed, xorshift64* for the stream: tiny, fast and stable across releases.
    let mut state = seed_text
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
        | 1;
    let mut block = Vec::with_capacity(BLOCK_LEN);
    while block.len() < BLOCK_LEN {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        block.extend_from_slice(&state.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes());
    }
    Bytes::from(block)
}

/// An AI Clipping project of `clip_count` clips of `clip_size` bytes each.
pub(crate) fn synthetic_project(project_id: &str, clip_count: u32, clip_size: u64) -> Project {
    let titles = (0..clip_count)
        .map(|index| format!("Synthetic clip {index}"))
        .collect();
    titled_project(project_id, titles, clip_size)
}

/// A synthetic project whose clips carry the given titles, one clip per title.
pub(crate) fn titled_project(project_id: &str, titles: Vec<String>, clip_size: u64) -> Project {
    let block = pattern_block(project_id);
    let clips = titles
        .into_iter()
        .zip(0u32..)
        .map(|(title, index)| Clip {
            title,
            begin_ms: u64::from(index) * 60_000,
            end_ms: u64::from(index) * 60_000 + 45_000,
            tags: vec!["synthetic".to_string(), "benchmark".to_string()],
            desc: format!("Deterministic test pattern of {clip_size} bytes."),
            score: 99 - index.min(99),
            media: ClipMedia::Synthetic(SyntheticClip {
                block: block.clone(),
                clip_index: index,
                len: clip_size,
            }),
            thumbnail: fixtures::placeholder_thumbnail(),
        })
        .collect();
    Project {
        id: project_id.to_string(),
        name: format!("Synthetic {project_id}"),
        kind: ProjectKind::AiClipping,
        clips,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clip(index: u32, len: u64) -> ClipMedia {
        ClipMedia::Synthetic(SyntheticClip {
            block: pattern_block("seed"),
            clip_index: index,
            len,
        })
    }

    #[test]
    fn chunks_reassemble_to_the_same_bytes_from_any_offset() {
        let media = clip(3, 3 * BLOCK_LEN as u64 + 123);
        let whole = media.to_vec();
        assert_eq!(whole.len() as u64, media.byte_len());
        let mut offset = 1_048_570_u64;
        let mut rebuilt = whole[..offset as usize].to_vec();
        while offset < media.byte_len() {
            let chunk = media.chunk_at(offset, 77_777);
            assert!(!chunk.is_empty());
            rebuilt.extend_from_slice(&chunk);
            offset += chunk.len() as u64;
        }
        assert_eq!(rebuilt, whole);
    }

    #[test]
    fn blocks_and_clips_differ() {
        let a = clip(0, 2 * BLOCK_LEN as u64).to_vec();
        let b = clip(1, 2 * BLOCK_LEN as u64).to_vec();
        assert_ne!(a[..BLOCK_LEN], a[BLOCK_LEN..]);
        assert_ne!(a, b);
        assert_ne!(pattern_block("one"), pattern_block("two"));
    }
}
