//! Which of an export's open downloads someone is running, read so that a
//! takeover of the polling lease between two reads cannot make a running
//! download look stopped.

use std::collections::HashSet;
use std::sync::atomic::Ordering;

use crate::engine_core::EngineCore;
use crate::error::EngineError;
use crate::store::{DownloadId, DownloadRecord};

/// What the answer is read from; the engine in the app, a scripted one in tests.
pub(crate) trait RunsDownloads {
    /// This engine holds the polling lease, and so runs the downloads itself.
    fn polls_here(&self) -> bool;
    /// Downloads queued or running in this process, at one instant.
    fn queued_here(&self) -> HashSet<DownloadId>;
}

impl RunsDownloads for EngineCore {
    fn polls_here(&self) -> bool {
        self.polls_api.load(Ordering::SeqCst)
    }

    fn queued_here(&self) -> HashSet<DownloadId> {
        self.queue.active_ids()
    }
}

/// The rows `read_rows` gives, and the ids among them that someone runs.
///
/// The order of the reads is the point:
/// - whether this engine polls comes first: an engine takes over by queueing what it
///   inherits and only then counting as the poller, so once it reads as the poller
///   the queue read next holds those downloads;
/// - the queue comes before the rows: a worker that ends between the two then counts
///   as running (the next look sees its final state), not as an open row nobody runs.
pub(crate) fn read<R: RunsDownloads + ?Sized>(
    answers: &R,
    read_rows: impl FnOnce() -> Result<Vec<DownloadRecord>, EngineError>,
) -> Result<(Vec<DownloadRecord>, HashSet<DownloadId>), EngineError> {
    let polls_here = answers.polls_here();
    let mut running = answers.queued_here();
    let rows = read_rows()?;
    if !polls_here {
        // Another live process holds the polling lease and runs the downloads: an open
        // row is running there, not stopped.
        running.extend(rows.iter().filter(|d| d.state.is_open()).map(|d| d.id));
    }
    Ok((rows, running))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::path::PathBuf;

    use super::*;
    use crate::store::DownloadState;

    /// An engine that takes the lease over right after its first answer: it queues
    /// download 1 (open, inherited), then counts as the poller.
    struct TakesOverAfterFirstRead {
        taken_over: Cell<bool>,
    }

    impl TakesOverAfterFirstRead {
        fn answer<T>(&self, before: T, after: T) -> T {
            let answer = if self.taken_over.get() { after } else { before };
            self.taken_over.set(true);
            answer
        }
    }

    impl RunsDownloads for TakesOverAfterFirstRead {
        fn polls_here(&self) -> bool {
            self.answer(false, true)
        }

        fn queued_here(&self) -> HashSet<DownloadId> {
            self.answer(HashSet::new(), HashSet::from([1]))
        }
    }

    fn open_row(id: DownloadId) -> DownloadRecord {
        DownloadRecord {
            id,
            export_id: 1,
            idx: 0,
            path: PathBuf::from("clip.mp4"),
            state: DownloadState::Downloading,
            bytes_done: 1024,
            total: Some(4096),
            error_kind: None,
            error: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    // Tried: the lease changes hands between the first read and the second, which
    // the app met as "Clip 0 stopped before it finished" on an inherited download.
    // Reading the queue first fails this test.
    #[test]
    fn a_takeover_between_the_reads_leaves_the_inherited_download_running() {
        let runners = TakesOverAfterFirstRead {
            taken_over: Cell::new(false),
        };
        let (_, running) = read(&runners, || Ok(vec![open_row(1)])).unwrap();
        assert!(running.contains(&1), "{running:?}");
    }

    #[test]
    fn an_open_row_nobody_runs_is_not_counted() {
        struct PollsAndRunsNothing;
        impl RunsDownloads for PollsAndRunsNothing {
            fn polls_here(&self) -> bool {
                true
            }
            fn queued_here(&self) -> HashSet<DownloadId> {
                HashSet::new()
            }
        }
        let (rows, running) = read(&PollsAndRunsNothing, || Ok(vec![open_row(1)])).unwrap();
        assert_eq!(rows.len(), 1);
        assert!(running.is_empty());
    }
}
