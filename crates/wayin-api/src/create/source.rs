//! Where a new project's video comes from: a link the service fetches itself, or a file on
//! this machine uploaded first (then named by the one-time `identity` the upload ticket gave).

use super::CreateError;

/// The largest file one upload takes: the vendor's single-file limit (5 GB, as binary GiB,
/// the size of one S3 PUT).
pub const MAX_UPLOAD_BYTES: u64 = 5 * 1024 * 1024 * 1024;

/// The file types the vendor lists for uploads; others may fail only after the project was
/// created, so they are refused here.
pub const VIDEO_EXTENSIONS: [&str; 4] = ["avi", "mp4", "mov", "webm"];

/// Longest link accepted: more is not a video page's address.
const MAX_LINK_CHARS: usize = 2048;

/// The `video_url` of a creation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VideoSource {
    /// A page the service fetches (YouTube, Vimeo, Zoom…), http or https.
    Link(String),
    /// The `identity` an upload ticket gave, once its file was sent.
    Uploaded(String),
}

impl VideoSource {
    /// A link as pasted: trimmed, http or https with a host, no spaces or control characters.
    pub fn link(text: &str) -> Result<Self, CreateError> {
        let text = text.trim();
        let refuse = |why: &str| Err(CreateError::new("video_url", why));
        if text.is_empty() {
            return refuse("paste the link of a video, or choose a file");
        }
        if text.chars().count() > MAX_LINK_CHARS {
            return refuse("the link is longer than any video page's address");
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return refuse("a link has no spaces or control characters");
        }
        let Ok(url) = url::Url::parse(text) else {
            return refuse("this is not a link (it should start with https://)");
        };
        if !matches!(url.scheme(), "https" | "http") || url.host_str().is_none_or(str::is_empty) {
            return refuse("only http and https links to a video page are accepted");
        }
        Ok(Self::Link(url.to_string()))
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Link(link) => link,
            Self::Uploaded(identity) => identity,
        }
    }
}

/// A local file that may be uploaded: its name (as the ticket asks for it), size and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadFile {
    name: String,
    size: u64,
    extension: &'static str,
}

impl UploadFile {
    /// Checks what can be checked before any request: a name with one of the
    /// [`VIDEO_EXTENSIONS`], a size above zero and within [`MAX_UPLOAD_BYTES`].
    pub fn check(file_name: &str, size: u64) -> Result<Self, CreateError> {
        let name = crate::safe_text::clean_line(file_name).trim().to_owned();
        let extension = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .and_then(|ext| VIDEO_EXTENSIONS.into_iter().find(|known| *known == ext));
        let Some(extension) = extension else {
            return Err(CreateError::new(
                "file",
                format!(
                    "{name:?} is not a video WayinVideo takes: use an {} file",
                    VIDEO_EXTENSIONS.join(", ")
                ),
            ));
        };
        if size == 0 {
            return Err(CreateError::new("file", format!("{name:?} is empty")));
        }
        if size > MAX_UPLOAD_BYTES {
            return Err(CreateError::new(
                "file",
                format!(
                    "{name:?} is {:.1} GB; one upload takes at most 5 GB",
                    size as f64 / (1u64 << 30) as f64
                ),
            ));
        }
        Ok(Self {
            name,
            size,
            extension,
        })
    }

    /// The name the upload ticket is asked for, extension included.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// What the PUT says it carries, from the extension as the vendor's own client does.
    pub fn content_type(&self) -> &'static str {
        match self.extension {
            "mp4" => "video/mp4",
            "mov" => "video/quicktime",
            "avi" => "video/x-msvideo",
            "webm" => "video/webm",
            _ => "application/octet-stream",
        }
    }
}
