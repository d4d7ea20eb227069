//! Opening files without following links someone else planted. A download's `.part` and its
//! finished file live in a folder others may write to (a shared or synced folder): a symlink
//! (or, on Windows, a junction) at one of our names must never make the app write, serve or
//! open the file it points at.

use std::fs::{File, Metadata, OpenOptions};
use std::io;
use std::path::Path;

/// What was found at a path this app opens as its own regular file.
#[derive(Debug)]
pub enum OpenRefused {
    /// A symlink or other reparse point: this app never makes one.
    Link,
    /// A folder, a pipe, a device…
    NotAFile,
    Io(io::Error),
}

/// Whether `meta` (from [`std::fs::symlink_metadata`]) describes a link rather than the file
/// itself. On Windows the standard library counts the name-surrogate reparse points here
/// (symlinks and junctions); other reparse points are the user's ordinary files — OneDrive's
/// cloud files (the Videos folder is often synced), deduplicated files — and open as such.
pub fn is_link(meta: &Metadata) -> bool {
    meta.file_type().is_symlink()
}

/// Whether `path` itself (not what it may point at) is a regular file.
pub fn is_plain_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file() && !is_link(&meta))
}

/// Opens `path` for reading, refusing a link or anything but a regular file.
pub fn open_read(path: &Path) -> Result<File, OpenRefused> {
    let mut options = OpenOptions::new();
    options.read(true);
    open(path, options)
}

/// Opens (or creates) `path` for writing without truncating it, refusing a link or anything
/// but a regular file.
pub(crate) fn open_write(path: &Path) -> Result<File, OpenRefused> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    open(path, options)
}

fn open(path: &Path, options: OpenOptions) -> Result<File, OpenRefused> {
    // Checked first so a pipe is never opened (opening one for writing waits for a reader).
    match std::fs::symlink_metadata(path) {
        Ok(meta) if is_link(&meta) => return Err(OpenRefused::Link),
        Ok(meta) if !meta.is_file() => return Err(OpenRefused::NotAFile),
        _ => {}
    }
    open_checked(path, options)
}

/// The open itself and the check of what it opened. A pipe or device swapped in after the
/// check above is opened without waiting (a FIFO's open otherwise blocks until its other
/// end is opened) and refused on the handle.
fn open_checked(path: &Path, mut options: OpenOptions) -> Result<File, OpenRefused> {
    no_follow(&mut options);
    let file = match options.open(path) {
        Ok(file) => file,
        // Swapped for a link since the check: O_NOFOLLOW refused it (ELOOP).
        Err(_) if std::fs::symlink_metadata(path).is_ok_and(|meta| is_link(&meta)) => {
            return Err(OpenRefused::Link)
        }
        Err(err) => return Err(OpenRefused::Io(err)),
    };
    let meta = file.metadata().map_err(OpenRefused::Io)?;
    if is_link(&meta) {
        return Err(OpenRefused::Link);
    }
    if !meta.is_file() {
        return Err(OpenRefused::NotAFile);
    }
    blocking_again(&file).map_err(OpenRefused::Io)?;
    Ok(file)
}

#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
}

/// A regular file's reads never wait anyway; the flag is cleared so the handle behaves as
/// any other.
#[cfg(unix)]
fn blocking_again(file: &File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: `fd` is open for the whole call; F_GETFL and F_SETFL take and give plain flags.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(not(unix))]
fn blocking_again(_file: &File) -> io::Result<()> {
    Ok(())
}

/// Windows has no "open, but not through a link" flag that leaves cloud files working: opening
/// the reparse point itself would also stop OneDrive from fetching a file's data. The check
/// before opening refuses symlinks and junctions; what is left is a swap in the instant
/// between check and open, which on Windows takes administrator rights or Developer Mode for a
/// file symlink (a junction is a folder, refused after opening).
#[cfg(not(unix))]
fn no_follow(_options: &mut OpenOptions) {}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_and_non_files_are_refused_plain_files_opened() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, b"keep me").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();

        assert!(matches!(open_read(&link), Err(OpenRefused::Link)));
        assert!(matches!(open_write(&link), Err(OpenRefused::Link)));
        assert!(matches!(open_read(dir.path()), Err(OpenRefused::NotAFile)));
        assert!(!is_plain_file(&link));
        assert!(is_plain_file(&target));
        assert!(open_read(&target).is_ok());
        assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
    }

    // Tried: a FIFO with no other end at a clip's name, as if swapped in after the check,
    // opened for reading and for writing. Each open returns at once, refused; without
    // O_NONBLOCK the read open waits for a writer that never comes.
    #[test]
    fn a_pipe_swapped_in_after_the_check_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("clip.mp4");
        let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid C string and a plain mode.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        let (done, answer) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let mut read = OpenOptions::new();
            read.read(true);
            let mut write = OpenOptions::new();
            write.write(true);
            let refused = [
                open_checked(&path, read).err(),
                open_checked(&path, write).err(),
            ];
            let _ = done.send(refused.map(|refused| refused.map(|r| format!("{r:?}"))));
        });
        let [read, write] = answer
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("opening a pipe returned instead of waiting for its other end");
        assert_eq!(read.as_deref(), Some("NotAFile"));
        assert!(write.is_some_and(|why| why.contains("Io")));
    }

    #[test]
    fn a_plain_file_opened_reads_as_usual() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("clip.mp4");
        std::fs::write(&path, b"frames").unwrap();
        let mut file = open_read(&path).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut file, &mut text).unwrap();
        assert_eq!(text, "frames");
    }
}
