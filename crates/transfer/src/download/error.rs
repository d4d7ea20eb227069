use std::io;
use std::path::{Path, PathBuf};

/// Why a clip could not be downloaded. Every message says what to do next and never shows a
/// link's query string: signed CDN links carry their credentials there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransferError {
    #[error(
        "the download link kept expiring even after renewing it; \
         open the export again to get fresh links, then retry"
    )]
    LinkExpired,
    #[error("the download kept failing ({message}); check the connection and retry: it resumes where it stopped")]
    Network { message: String },
    #[error("the download server answered HTTP {status}; retry later or export the clip again")]
    Http { status: u16 },
    #[error(
        "the disk holding {} is full: free {} and retry; \
         the partial download is kept and resumes where it stopped",
        path.display(),
        needed_text(*needed)
    )]
    DiskFull { path: PathBuf, needed: Option<u64> },
    #[error("cannot write {}: {message}; check the folder's permissions, or choose another folder", path.display())]
    Io { path: PathBuf, message: String },
    /// The download folder went away under the download: its drive unplugged, its share
    /// dropped, or the folder deleted.
    #[error(
        "the folder {} can no longer be reached ({message}): plug its drive back in, \
         reconnect its share or make the folder again, then retry; what was downloaded into \
         it so far resumes where it stopped",
        folder_of(path).display()
    )]
    FolderGone { path: PathBuf, message: String },
    #[error("{} already exists with different content; it was left untouched: choose another name", path.display())]
    DestinationExists { path: PathBuf },
    #[error(
        "the downloaded file has {got} bytes but {expected} were expected; \
         the partial file was discarded: retry, or export the clip again"
    )]
    LengthMismatch { expected: u64, got: u64 },
    #[error("the download was cancelled; the partial file is kept so it can resume later")]
    Cancelled,
    #[error("could not get a fresh download link: {0}")]
    Renew(String),
    /// The folder is on a drive whose file system cannot hold a file this large (FAT32).
    #[error(
        "this clip is {} but {} is on a {file_system} drive, which cannot hold files of 4 GB \
         or more: choose a folder on an internal disk, or reformat the drive as exFAT \
         (nothing was downloaded)",
        human_bytes(*size),
        folder.display()
    )]
    TooLargeForDrive {
        folder: PathBuf,
        file_system: String,
        size: u64,
    },
    /// The file system refused the name itself (some FAT drivers and cameras' cards take no
    /// accents or emoji): the engine retries under a plain-ASCII name.
    #[error("the drive holding {} refused this file name; choose a folder on another drive", path.display())]
    NameRefused { path: PathBuf },
    /// Something other than this app's own partial file sits at the part's name: a link, a
    /// folder, a hard link shared with another file. It is never written through.
    #[error("{} is not a partial download made by this app (a link or another kind of file); it was left untouched: remove it and retry", path.display())]
    PartRefused { path: PathBuf },
    /// The link names a place this app does not download from (see `wayin_api::FetchGuard`).
    #[error("the download link was refused: {0}. Nothing was downloaded; if this persists, export the clip again")]
    LinkRefused(String),
    /// Another window or `wayin-export` of this app is writing the same file right now.
    #[error("{} is being downloaded by another Wayin Clip Exporter window or command; it finishes there", path.display())]
    Busy { path: PathBuf },
}

impl TransferError {
    /// Stable snake_case name for the UI to branch on.
    pub fn kind(&self) -> &'static str {
        match self {
            TransferError::LinkExpired => "link_expired",
            TransferError::Network { .. } => "network",
            TransferError::Http { .. } => "http",
            TransferError::DiskFull { .. } => "disk_full",
            TransferError::Io { .. } => "io",
            TransferError::FolderGone { .. } => "folder_gone",
            TransferError::DestinationExists { .. } => "destination_exists",
            TransferError::LengthMismatch { .. } => "length_mismatch",
            TransferError::Cancelled => "cancelled",
            TransferError::Renew(_) => "renew",
            TransferError::Busy { .. } => "busy",
            TransferError::TooLargeForDrive { .. } => "too_large_for_drive",
            TransferError::NameRefused { .. } => "name_refused",
            TransferError::LinkRefused(_) => "link_refused",
            TransferError::PartRefused { .. } => "part_refused",
        }
    }

    /// Sorts a file system error: a full disk (or quota) is something the user can fix and
    /// must be told about differently from a permission problem.
    pub(crate) fn from_io(path: &Path, err: &io::Error, needed: Option<u64>) -> TransferError {
        if is_disk_full(err) {
            TransferError::DiskFull {
                path: path.to_path_buf(),
                needed,
            }
        } else if is_folder_gone(path, err) {
            TransferError::FolderGone {
                path: path.to_path_buf(),
                message: err.to_string(),
            }
        } else if is_name_refused(path, err) {
            TransferError::NameRefused {
                path: path.to_path_buf(),
            }
        } else {
            TransferError::Io {
                path: path.to_path_buf(),
                message: err.to_string(),
            }
        }
    }
}

/// The `{ "kind": ..., "message": ... }` shape every engine error takes on its way to the UI.
impl serde::Serialize for TransferError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("TransferError", 2)?;
        state.serialize_field("kind", self.kind())?;
        state.serialize_field("message", &self.to_string())?;
        state.end()
    }
}

/// `io::ErrorKind::StorageFull` is newer than the toolchains this builds with, so the raw codes
/// decide: ENOSPC and EDQUOT on Unix, ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL on Windows.
fn is_disk_full(err: &io::Error) -> bool {
    let codes: &[i32] = if cfg!(windows) {
        &[39, 112]
    } else if cfg!(target_os = "linux") {
        &[28, 122]
    } else {
        &[28, 69]
    };
    err.raw_os_error().is_some_and(|code| codes.contains(&code))
}

/// An error a file gives once its folder or the folder's volume has gone away (ENOENT,
/// ENOTCONN from a FUSE drive whose driver is gone, ENODEV, ENXIO or EIO on Unix;
/// ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND, ERROR_NOT_READY, ERROR_DEV_NOT_EXIST or
/// ERROR_NETNAME_DELETED on Windows), and the folder can no longer be reached either: an
/// I/O error on a disk that is still there is a different problem.
fn is_folder_gone(path: &Path, err: &io::Error) -> bool {
    let codes: &[i32] = if cfg!(windows) {
        &[2, 3, 21, 55, 64]
    } else if cfg!(target_os = "linux") {
        &[2, 107, 19, 6, 5]
    } else {
        &[2, 57, 19, 6, 5]
    };
    err.raw_os_error().is_some_and(|code| codes.contains(&code))
        && std::fs::metadata(folder_of(path)).is_err()
}

/// The folder a download's file is in.
fn folder_of(path: &Path) -> &Path {
    path.parent().unwrap_or(path)
}

/// A name with characters beyond ASCII that the file system answered "not permitted",
/// "invalid" or "illegal byte sequence" for: the name, not the folder, is the problem.
fn is_name_refused(path: &Path, err: &io::Error) -> bool {
    let name_is_plain = path
        .file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.is_ascii());
    if name_is_plain {
        return false;
    }
    #[cfg(unix)]
    let refusals = [libc::EPERM, libc::EINVAL, libc::EILSEQ];
    // ERROR_INVALID_NAME
    #[cfg(windows)]
    let refusals = [123];
    #[cfg(not(any(unix, windows)))]
    let refusals: [i32; 0] = [];
    err.raw_os_error()
        .is_some_and(|code| refusals.contains(&code))
}

fn needed_text(needed: Option<u64>) -> String {
    match needed {
        Some(bytes) => format!("at least {}", human_bytes(bytes)),
        None => "some space".to_string(),
    }
}

pub(crate) fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// A link as it may be shown or logged: scheme, host and path only.
pub fn redact_url(link: &str) -> String {
    match url::Url::parse(link) {
        Ok(mut parsed) => {
            parsed.set_query(None);
            parsed.set_fragment(None);
            let _ = parsed.set_password(None);
            let _ = parsed.set_username("");
            parsed.to_string()
        }
        Err(_) => link
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

/// A network error's text without the URL reqwest puts in it.
pub(crate) fn network_message(err: reqwest::Error) -> String {
    let err = err.without_url();
    let mut message = err.to_string();
    let mut source = std::error::Error::source(&err);
    // reqwest's top-level text ("error sending request") hides the useful cause.
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    if err.is_connect() {
        if let Some(hint) = proxy_hint(|name| std::env::var_os(name)) {
            message.push_str(&hint);
        }
    }
    message
}

/// Downloads never go through a proxy (the fetch guard must see the address it connects
/// to): where the environment names one, a connection that failed may be why, and the
/// message says so instead of leaving "could not connect" unexplained.
fn proxy_hint(lookup: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<String> {
    ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
        .into_iter()
        .find(|name| lookup(name).is_some_and(|value| !value.is_empty()))
        .map(|name| {
            format!(
                " (downloads connect directly, never through the proxy in {name}: on a network \
                 that allows only the proxy, download from another network; the export stays \
                 ready for about 3 days)"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_in_the_environment_is_named_when_a_download_cannot_connect() {
        let hint = proxy_hint(|name| (name == "https_proxy").then(|| "http://proxy:3128".into()));
        assert!(hint
            .unwrap()
            .contains("never through the proxy in https_proxy"));
        assert_eq!(proxy_hint(|_| None), None);
        assert_eq!(proxy_hint(|_| Some("".into())), None);
    }

    #[test]
    fn redaction_drops_query_and_credentials() {
        assert_eq!(
            redact_url("https://u:p@cdn.example/a/b.mp4?sig=secret#x"),
            "https://cdn.example/a/b.mp4"
        );
        assert_eq!(redact_url("not a url?sig=secret"), "not a url");
    }

    #[test]
    fn a_write_error_whose_folder_is_gone_says_so_and_what_to_do() {
        let gone = Path::new("/media/ana/CARD/gone-for-the-test/Wayin Clips/clip.mp4.part");
        let err = io::Error::from_raw_os_error(if cfg!(windows) { 21 } else { 5 });
        let sorted = TransferError::from_io(gone, &err, None);
        assert_eq!(sorted.kind(), "folder_gone");
        let said = sorted.to_string();
        assert!(
            said.contains("/media/ana/CARD/gone-for-the-test/Wayin Clips can no longer be reached")
                || cfg!(windows),
            "{said}"
        );
        assert!(said.contains("plug its drive back in"), "{said}");

        let here = tempfile::tempdir().unwrap();
        let still_there = here.path().join("clip.mp4.part");
        let sorted = TransferError::from_io(&still_there, &err, None);
        assert_eq!(
            sorted.kind(),
            "io",
            "an I/O error on a disk that is still there"
        );
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_bytes(512), "512 bytes");
        assert_eq!(human_bytes(1_500_000), "1.5 MB");
    }
}
