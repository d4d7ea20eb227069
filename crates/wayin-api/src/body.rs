//! Reading an answer into memory, up to a limit: a server that sends more (or lies about the
//! length, or sends none) cannot make the app buffer without end.

/// Why a body was not read.
#[derive(Debug)]
pub enum BodyError {
    /// More than `limit` bytes arrived (or were announced).
    TooLarge {
        limit: usize,
    },
    Broken(reqwest::Error),
}

/// The whole body of `response`, counted as it arrives.
pub async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, BodyError> {
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(BodyError::TooLarge { limit });
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Broken)? {
        if bytes.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge { limit });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// `8388608` as "8 MiB", for messages.
pub fn mebibytes(bytes: usize) -> String {
    format!("{} MiB", bytes.div_ceil(1 << 20))
}
