//! A file's fingerprint: enough to tell, later, that a path still names the same video,
//! without reading gigabytes. Size, then the first and last mebibyte through SHA-256.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use sha2::{Digest, Sha256};

const SAMPLE: u64 = 1 << 20;

/// The fingerprint of the file at `path`, opened without following a link.
pub fn fingerprint(path: &Path) -> std::io::Result<String> {
    let mut file = transfer::no_follow::open_read(path).map_err(|refused| match refused {
        transfer::no_follow::OpenRefused::Io(e) => e,
        transfer::no_follow::OpenRefused::Link => {
            std::io::Error::other("it is a link, not the video itself")
        }
        transfer::no_follow::OpenRefused::NotAFile => std::io::Error::other("it is not a file"),
    })?;
    let size = file.metadata()?.len();
    let mut hash = Sha256::new();
    hash.update(size.to_le_bytes());
    let mut buffer = vec![0; SAMPLE.min(size) as usize];
    file.read_exact(&mut buffer)?;
    hash.update(&buffer);
    if size > SAMPLE {
        let tail = SAMPLE.min(size - SAMPLE);
        file.seek(SeekFrom::Start(size - tail))?;
        buffer.resize(tail as usize, 0);
        file.read_exact(&mut buffer)?;
        hash.update(&buffer);
    }
    Ok(hash
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}
