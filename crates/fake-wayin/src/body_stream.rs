use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_util::Stream;
use tokio::time::Sleep;

use crate::media::ClipMedia;

/// Large enough that per-chunk overhead vanishes on loopback, small enough to keep memory flat.
const CHUNK_LEN: usize = 256 * 1024;

/// Gives the bytes already handed to the connection time to reach the client before the cut, so
/// the client reliably sees exactly the promised prefix.
const CUT_GRACE: Duration = Duration::from_millis(25);

/// The body of one clip response: zero-copy slices of the file from `next` to `end`, optionally
/// ending in an error after `cut_at` bytes, which makes the server abort the connection mid-body.
pub(crate) struct ClipBodyStream {
    media: ClipMedia,
    next: u64,
    end: u64,
    cut_at: Option<u64>,
    cut_grace: Option<Pin<Box<Sleep>>>,
}

impl ClipBodyStream {
    /// Streams bytes `start..end`; with `cut_after`, only that many body bytes are sent.
    pub(crate) fn new(media: ClipMedia, start: u64, end: u64, cut_after: Option<u64>) -> Self {
        ClipBodyStream {
            media,
            next: start,
            end,
            cut_at: cut_after.map(|bytes| start + bytes).filter(|&at| at < end),
            cut_grace: None,
        }
    }
}

impl Stream for ClipBodyStream {
    type Item = io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        let stop = this.cut_at.unwrap_or(this.end);
        if this.next < stop {
            let max_len = (stop - this.next).min(CHUNK_LEN as u64) as usize;
            let chunk = this.media.chunk_at(this.next, max_len);
            this.next += chunk.len() as u64;
            return Poll::Ready(Some(Ok(chunk)));
        }
        if this.cut_at.is_none() {
            return Poll::Ready(None);
        }
        let grace = this
            .cut_grace
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(CUT_GRACE)));
        if grace.as_mut().poll(cx).is_pending() {
            return Poll::Pending;
        }
        this.cut_at = None;
        this.end = this.next;
        Poll::Ready(Some(Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "connection cut by the drop_after_bytes fault",
        ))))
    }
}
