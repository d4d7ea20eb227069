//! Every kind of error a command can end in, named once. The window sends it as the
//! error's `kind` and lists them in its catalog; the terminal picks its exit codes by it;
//! each front end words them itself. The lower layers keep their typed errors, and this
//! is the one place their variants become kinds.

use engine::timelines::TimelineError;
use engine::EngineError;
use serde::Serialize;
use transfer::upload::UploadError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// No key is set for this API.
    KeyMissing,
    /// No system keychain answers; the key can still be used for this session.
    KeychainUnavailable,
    Keychain,
    /// A new key could not be checked (no answer): nothing was saved.
    KeyUnchecked,
    KeyRejected,
    RateLimited,
    NotFound,
    /// A download the page named is not known (its list was out of date).
    NotFoundDownload,
    InvalidRequest,
    ServerError,
    Network,
    UnexpectedResponse,
    InvalidConfig,
    /// The export history could not be read or written.
    Store,
    InvalidTemplate,
    /// An export was sent and its answer never came.
    SubmitUnknown,
    /// The download folder (or a timeline's) cannot be written.
    Folder,
    NothingFinished,
    MediaUnreadable,
    NothingInSource,
    /// An upload was stopped by the person.
    Cancelled,
    /// The file to upload changed or moved since it was chosen.
    FileChanged,
    /// The file to upload could not be read.
    Unreadable,
    /// Upload links kept expiring.
    LinkExpired,
    UploadRefused,
    /// An upload link the API gave is not one this app sends a file to.
    LinkRefused,
    Internal,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 27] = [
        Self::KeyMissing,
        Self::KeychainUnavailable,
        Self::Keychain,
        Self::KeyUnchecked,
        Self::KeyRejected,
        Self::RateLimited,
        Self::NotFound,
        Self::NotFoundDownload,
        Self::InvalidRequest,
        Self::ServerError,
        Self::Network,
        Self::UnexpectedResponse,
        Self::InvalidConfig,
        Self::Store,
        Self::InvalidTemplate,
        Self::SubmitUnknown,
        Self::Folder,
        Self::NothingFinished,
        Self::MediaUnreadable,
        Self::NothingInSource,
        Self::Cancelled,
        Self::FileChanged,
        Self::Unreadable,
        Self::LinkExpired,
        Self::UploadRefused,
        Self::LinkRefused,
        Self::Internal,
    ];

    /// The snake_case name the page and scripts see.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::KeyMissing => "key_missing",
            Self::KeychainUnavailable => "keychain_unavailable",
            Self::Keychain => "keychain",
            Self::KeyUnchecked => "key_unchecked",
            Self::KeyRejected => "key_rejected",
            Self::RateLimited => "rate_limited",
            Self::NotFound => "not_found",
            Self::NotFoundDownload => "not_found_download",
            Self::InvalidRequest => "invalid_request",
            Self::ServerError => "server_error",
            Self::Network => "network",
            Self::UnexpectedResponse => "unexpected_response",
            Self::InvalidConfig => "invalid_config",
            Self::Store => "store",
            Self::InvalidTemplate => "invalid_template",
            Self::SubmitUnknown => "submit_unknown",
            Self::Folder => "folder",
            Self::NothingFinished => "nothing_finished",
            Self::MediaUnreadable => "media_unreadable",
            Self::NothingInSource => "nothing_in_source",
            Self::Cancelled => "cancelled",
            Self::FileChanged => "file_changed",
            Self::Unreadable => "unreadable",
            Self::LinkExpired => "link_expired",
            Self::UploadRefused => "upload_refused",
            Self::LinkRefused => "link_refused",
            Self::Internal => "internal",
        }
    }

    pub fn of_engine(error: &EngineError) -> Self {
        match error {
            EngineError::Api(e) => e.kind().into(),
            EngineError::Request(_) | EngineError::InvalidSetting(_) | EngineError::Create(_) => {
                Self::InvalidRequest
            }
            EngineError::Store(_) => Self::Store,
            EngineError::Naming(_) => Self::InvalidTemplate,
            EngineError::SubmitUnknown { .. } => Self::SubmitUnknown,
            EngineError::Folder { .. } => Self::Folder,
            EngineError::NotFound(_) => Self::NotFound,
            EngineError::NotFoundDownload(_) => Self::NotFoundDownload,
            EngineError::Timeline(e) => Self::of_timeline(e),
            EngineError::Upload(e) => Self::of_upload(e),
        }
    }

    fn of_timeline(error: &TimelineError) -> Self {
        match error {
            TimelineError::NothingFinished => Self::NothingFinished,
            TimelineError::Unreadable { .. } => Self::MediaUnreadable,
            TimelineError::NothingInSource { .. } => Self::NothingInSource,
            TimelineError::Write { .. } => Self::Folder,
            TimelineError::NotFound(_) => Self::NotFound,
            TimelineError::Store(_) => Self::Store,
        }
    }

    fn of_upload(error: &UploadError) -> Self {
        match error {
            UploadError::Cancelled => Self::Cancelled,
            UploadError::FileChanged { .. } => Self::FileChanged,
            UploadError::Unreadable { .. } => Self::Unreadable,
            UploadError::LinkExpired => Self::LinkExpired,
            UploadError::Refused { .. } => Self::UploadRefused,
            UploadError::Network { .. } => Self::Network,
            UploadError::LinkRefused { .. } => Self::LinkRefused,
        }
    }
}

impl From<wayin_api::ErrorKind> for ErrorKind {
    fn from(kind: wayin_api::ErrorKind) -> Self {
        use wayin_api::ErrorKind as Api;
        match kind {
            Api::KeyRejected => Self::KeyRejected,
            Api::RateLimited => Self::RateLimited,
            Api::NotFound => Self::NotFound,
            Api::InvalidRequest => Self::InvalidRequest,
            Api::ServerError => Self::ServerError,
            Api::Network => Self::Network,
            Api::UnexpectedResponse => Self::UnexpectedResponse,
            Api::InvalidConfig => Self::InvalidConfig,
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_listed_once_and_serialises_as_its_name() {
        let names: std::collections::HashSet<_> =
            ErrorKind::ALL.iter().map(|kind| kind.as_str()).collect();
        assert_eq!(names.len(), ErrorKind::ALL.len());
        for kind in ErrorKind::ALL {
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::json!(kind.as_str())
            );
        }
    }

    #[test]
    fn the_engines_errors_keep_the_kinds_they_had() {
        let folder = EngineError::Timeline(TimelineError::Write {
            dir: "/nowhere".into(),
            message: "read-only".into(),
        });
        assert_eq!(ErrorKind::of_engine(&folder), ErrorKind::Folder);
        let upload = EngineError::Upload(UploadError::Refused {
            status: 403,
            code: "AccessDenied".into(),
            message: "no".into(),
        });
        assert_eq!(ErrorKind::of_engine(&upload).as_str(), "upload_refused");
        let api = EngineError::Api(wayin_api::ApiError::KeyRejected);
        assert_eq!(ErrorKind::of_engine(&api), ErrorKind::KeyRejected);
    }
}
