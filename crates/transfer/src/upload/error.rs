use std::path::PathBuf;

/// Why an upload did not complete. Nothing is kept on the storage host by a failed PUT: the
/// whole file is sent again, on the same link while it is valid, on a new one after that.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("The upload was cancelled.")]
    Cancelled,
    #[error("{} changed while it was being uploaded (its size or modification time differs). Upload it again once it is saved.", path.display())]
    FileChanged { path: PathBuf },
    #[error("{} cannot be read: {message}", path.display())]
    Unreadable { path: PathBuf, message: String },
    /// The pre-signed link's hour is over: ask for a new one.
    #[error("The upload link expired before the file was sent.")]
    LinkExpired,
    /// The storage host refused the file; its own code and words.
    #[error("The storage host refused the upload ({status} {code}): {message}")]
    Refused {
        status: u16,
        code: String,
        message: String,
    },
    /// A dropped connection or a storage host error: sending again may work.
    #[error("The upload broke off: {message}")]
    Network { message: String },
    /// The link names an address uploads may not go to.
    #[error("The upload link was refused: {message}")]
    LinkRefused { message: String },
}

impl UploadError {
    /// Whether sending the same file to the same link again may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Network { .. })
    }
}

/// The `<Code>` and `<Message>` of an S3-style XML error body, cleaned for showing.
pub(super) fn s3_error_parts(body: &str) -> (String, String) {
    let field = |tag: &str| {
        let open = format!("<{tag}>");
        let close = format!("</{tag}>");
        body.split_once(&open)
            .and_then(|(_, rest)| rest.split_once(&close))
            .map(|(value, _)| wayin_api::safe_text::clean_line(value).trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    (
        field("Code").unwrap_or_else(|| "Unknown".into()),
        field("Message").unwrap_or_else(|| "no reason given".into()),
    )
}
