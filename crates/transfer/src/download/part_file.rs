//! The `.part` file a download grows in, written by a thread of its own.
//!
//! Network reads and disk writes overlap: the async side copies chunks into large buffers and
//! queues them, a blocking thread writes them. Buffers are recycled through a small pool, so a
//! download of any size uses a fixed few MiB and allocates nothing per chunk.
//!
//! A third thread pushes written data to the disk while the download goes on, so neither the
//! receiving nor the writing ever waits for the disk's write-back. Without it the final fsync
//! would have to write the whole file at once, after the last byte arrived: for a 1 GiB clip
//! that alone can take longer than the download itself.

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use tokio::sync::mpsc;

use super::TransferError;
use crate::no_follow::{self, OpenRefused};

/// One buffer filling, one being written and the rest queued: enough that a moment's
/// stall of the disk does not stop the receiving.
const POOL_SIZE: usize = 8;

/// Written bytes between two background flushes: large enough that they stay rare, small
/// enough that little is left for the final sync.
const SYNC_EVERY: u64 = 8 << 20;

enum Command {
    Write(Vec<u8>),
    /// Cut the file to this length and continue writing there.
    SetLen(u64),
}

pub(super) struct PartWriter {
    path: PathBuf,
    commands: Option<mpsc::Sender<Command>>,
    spare: mpsc::UnboundedReceiver<Vec<u8>>,
    worker: Option<tokio::task::JoinHandle<io::Result<()>>>,
    filling: Vec<u8>,
    buffer_size: usize,
    allocated: usize,
    /// Bytes in the file once everything handed over is written.
    len: u64,
}

impl PartWriter {
    /// Opens (or creates) the part file and positions at its end, to resume after what a
    /// previous attempt left. A link at the part's name (planted by someone else: this app
    /// never makes one) is refused and what it points at is left untouched.
    pub(super) async fn open(
        path: &Path,
        dest: &Path,
        buffer_size: usize,
    ) -> Result<PartWriter, TransferError> {
        let (owned, dest) = (path.to_path_buf(), dest.to_path_buf());
        let opened =
            tokio::task::spawn_blocking(move || -> Result<Option<(File, u64)>, OpenRefused> {
                let mut file = no_follow::open_write(&owned)?;
                if linked_elsewhere(&file, &dest).map_err(OpenRefused::Io)? {
                    return Err(OpenRefused::Link);
                }
                // The app and the terminal command may share a data folder: an advisory lock,
                // held for as long as the file is open, keeps two of them from writing one part.
                match file.try_lock() {
                    Ok(()) => {}
                    Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
                    Err(std::fs::TryLockError::Error(err)) => return Err(OpenRefused::Io(err)),
                }
                let len = file.seek(SeekFrom::End(0)).map_err(OpenRefused::Io)?;
                Ok(Some((file, len)))
            })
            .await
            .unwrap_or_else(|join| Err(OpenRefused::Io(io::Error::other(join.to_string()))));
        let refused = || TransferError::PartRefused {
            path: path.to_path_buf(),
        };
        let (file, len) = match opened {
            Ok(Some(opened)) => opened,
            Ok(None) => {
                return Err(TransferError::Busy {
                    path: path.to_path_buf(),
                })
            }
            Err(OpenRefused::Link | OpenRefused::NotAFile) => return Err(refused()),
            Err(OpenRefused::Io(err)) => return Err(TransferError::from_io(path, &err, None)),
        };
        let buffer_size = buffer_size.max(64 * 1024);
        let (commands, receiver) = mpsc::channel(POOL_SIZE - 1);
        let (give_back, spare) = mpsc::unbounded_channel();
        let worker = tokio::task::spawn_blocking(move || write_loop(file, receiver, give_back));
        Ok(PartWriter {
            path: path.to_path_buf(),
            commands: Some(commands),
            spare,
            worker: Some(worker),
            filling: Vec::with_capacity(buffer_size),
            buffer_size,
            allocated: 1,
            len,
        })
    }

    pub(super) fn len(&self) -> u64 {
        self.len
    }

    pub(super) async fn write(&mut self, mut data: &[u8]) -> Result<(), TransferError> {
        while !data.is_empty() {
            let room = self.buffer_size - self.filling.len();
            let take = room.min(data.len());
            self.filling.extend_from_slice(&data[..take]);
            self.len += take as u64;
            data = &data[take..];
            if self.filling.len() >= self.buffer_size {
                self.hand_over().await?;
            }
        }
        Ok(())
    }

    /// Makes the file `len` bytes long (only ever shorter) and continues writing there.
    pub(super) async fn truncate(&mut self, len: u64) -> Result<(), TransferError> {
        if len >= self.len {
            return Ok(());
        }
        let kept_in_buffer = self.filling.len() as u64;
        let on_their_way = self.len - kept_in_buffer;
        if len >= on_their_way {
            self.filling.truncate((len - on_their_way) as usize);
        } else {
            self.filling.clear();
            self.send(Command::SetLen(len)).await?;
        }
        self.len = len;
        Ok(())
    }

    /// Queues what is buffered, so a stop at this point loses nothing already received.
    pub(super) async fn flush(&mut self) -> Result<(), TransferError> {
        if self.filling.is_empty() {
            return Ok(());
        }
        self.hand_over().await
    }

    /// Writes everything, syncs the file to disk and closes it.
    pub(super) async fn finish(mut self) -> Result<u64, TransferError> {
        self.flush().await?;
        self.commands = None;
        self.join_worker().await?;
        Ok(self.len)
    }

    async fn hand_over(&mut self) -> Result<(), TransferError> {
        let next = self.empty_buffer().await;
        let full = std::mem::replace(&mut self.filling, next);
        self.send(Command::Write(full)).await
    }

    async fn empty_buffer(&mut self) -> Vec<u8> {
        if let Ok(buffer) = self.spare.try_recv() {
            return buffer;
        }
        if self.allocated < POOL_SIZE {
            self.allocated += 1;
            return Vec::with_capacity(self.buffer_size);
        }
        match self.spare.recv().await {
            Some(buffer) => buffer,
            // The writer stopped on an error; `send` reports it next.
            None => Vec::with_capacity(self.buffer_size),
        }
    }

    async fn send(&mut self, command: Command) -> Result<(), TransferError> {
        let sent = match &self.commands {
            Some(commands) => commands.send(command).await.is_ok(),
            None => false,
        };
        if sent {
            return Ok(());
        }
        // The writer only hangs up on an error: fetch it.
        self.commands = None;
        self.join_worker().await?;
        Err(TransferError::Io {
            path: self.path.clone(),
            message: "the file writer stopped unexpectedly".to_string(),
        })
    }

    async fn join_worker(&mut self) -> Result<(), TransferError> {
        let Some(worker) = self.worker.take() else {
            return Ok(());
        };
        let result = worker
            .await
            .map_err(|join| io::Error::other(join.to_string()))
            .and_then(|result| result);
        result.map_err(|err| TransferError::from_io(&self.path, &err, None))
    }
}

/// A hard link to the part from anywhere but its own destination (where the final move puts
/// one just before removing the part) means the part is also someone else's file.
#[cfg(unix)]
fn linked_elsewhere(file: &File, dest: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let meta = file.metadata()?;
    if meta.nlink() <= 1 {
        return Ok(false);
    }
    Ok(!std::fs::symlink_metadata(dest)
        .is_ok_and(|other| other.dev() == meta.dev() && other.ino() == meta.ino()))
}

#[cfg(not(unix))]
fn linked_elsewhere(_file: &File, _dest: &Path) -> io::Result<bool> {
    Ok(false)
}

fn write_loop(
    mut file: File,
    mut commands: mpsc::Receiver<Command>,
    give_back: mpsc::UnboundedSender<Vec<u8>>,
) -> io::Result<()> {
    let mut written_to = file.stream_position()?;
    let mut syncer = Syncer::start(&file, written_to);
    let mut unsynced = 0u64;
    while let Some(command) = commands.blocking_recv() {
        match command {
            Command::Write(mut buffer) => {
                file.write_all(&buffer)?;
                written_to += buffer.len() as u64;
                unsynced += buffer.len() as u64;
                if unsynced >= SYNC_EVERY {
                    syncer.nudge(written_to);
                    unsynced = 0;
                }
                buffer.clear();
                // The async side may be gone (dropped transfer); the buffer is then just freed.
                let _ = give_back.send(buffer);
            }
            Command::SetLen(len) => {
                file.set_len(len)?;
                file.seek(SeekFrom::Start(len))?;
                written_to = len;
                syncer.nudge(written_to);
                unsynced = 0;
            }
        }
    }
    syncer.stop()?;
    // Everything queued before the hang-up is written; make it durable before the rename.
    file.sync_all()
}

/// Pushes written data to the disk on a thread of its own whenever nudged, so the disk
/// writes overlap the download and the writer thread only ever writes: a flush that
/// blocks (the block layer throttling write-back) never stops the receiving.
struct Syncer {
    /// Where the written data ends; the thread flushes up to it.
    written_to: std::sync::Arc<std::sync::atomic::AtomicU64>,
    nudges: Option<std::sync::mpsc::SyncSender<()>>,
    thread: Option<std::thread::JoinHandle<io::Result<()>>>,
}

impl Syncer {
    fn start(file: &File, from: u64) -> Syncer {
        let written_to = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(from));
        // Without a second handle (or a thread) the final sync simply does all the work.
        let Ok(handle) = file.try_clone() else {
            return Syncer::idle(written_to);
        };
        let (nudges, nudged) = std::sync::mpsc::sync_channel::<()>(1);
        let end = written_to.clone();
        let spawned = std::thread::Builder::new()
            .name("part-file-sync".to_string())
            .spawn(move || {
                let mut flushed = from;
                while nudged.recv().is_ok() {
                    let to = end.load(std::sync::atomic::Ordering::Acquire);
                    if to > flushed {
                        start_write_back(&handle, flushed, to)?;
                    }
                    flushed = to;
                }
                Ok(())
            });
        match spawned {
            Ok(thread) => Syncer {
                written_to,
                nudges: Some(nudges),
                thread: Some(thread),
            },
            Err(_) => Syncer::idle(written_to),
        }
    }

    fn idle(written_to: std::sync::Arc<std::sync::atomic::AtomicU64>) -> Syncer {
        Syncer {
            written_to,
            nudges: None,
            thread: None,
        }
    }

    /// The data now ends at `written_to`; asks for a flush unless one is already waiting
    /// (one pending covers all the data so far). Never blocks the writer.
    fn nudge(&mut self, written_to: u64) {
        self.written_to
            .store(written_to, std::sync::atomic::Ordering::Release);
        if let Some(nudges) = &self.nudges {
            let _ = nudges.try_send(());
        }
    }

    fn stop(&mut self) -> io::Result<()> {
        self.nudges = None;
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Ok(synced)) => synced,
            Some(Err(_)) => Err(io::Error::other("the part file sync thread panicked")),
            None => Ok(()),
        }
    }
}

/// On Linux, starts the disk writes of the stretch without waiting for them
/// (`sync_file_range`): an `fsync` would take the file's lock and stall the writer.
#[cfg(target_os = "linux")]
fn start_write_back(file: &File, from: u64, to: u64) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor is open for the whole call and the range is plain numbers;
    // a failure only means the final sync does more of the work.
    unsafe {
        libc::sync_file_range(
            file.as_raw_fd(),
            from as libc::off64_t,
            (to - from) as libc::off64_t,
            libc::SYNC_FILE_RANGE_WRITE,
        );
    }
    Ok(())
}

/// Elsewhere there is no way to start write-back alone: the second handle's data is synced.
#[cfg(not(target_os = "linux"))]
fn start_write_back(file: &File, _from: u64, _to: u64) -> io::Result<()> {
    file.sync_data()
}
