//! Every kind of error a command can end in, named once. The window sends it as the
//! error's `kind` and lists them in its catalog; each front end words them itself (the
//! terminal by the typed errors, into exit codes). The lower layers keep their typed errors, and this
//! is the one place their variants become kinds.

use engine::timelines::TimelineError;
use engine::EngineError;
use serde::Serialize;
use transfer::upload::UploadError;

/// Declares the kinds once: the enum, `ALL` in this order, and each kind's name.
macro_rules! error_kinds {
    ($($(#[doc = $doc:literal])* $kind:ident => $name:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum ErrorKind {
            $($(#[doc = $doc])* #[serde(rename = $name)] $kind,)*
        }

        impl ErrorKind {
            pub const ALL: &'static [ErrorKind] = &[$(Self::$kind),*];

            /// The snake_case name the page and scripts see.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$kind => $name,)*
                }
            }
        }
    };
}

error_kinds! {
    /// No key is set for this API.
    KeyMissing => "key_missing",
    /// No system keychain answers; the key can still be used for this session.
    KeychainUnavailable => "keychain_unavailable",
    Keychain => "keychain",
    /// A new key could not be checked (no answer): nothing was saved.
    KeyUnchecked => "key_unchecked",
    KeyRejected => "key_rejected",
    RateLimited => "rate_limited",
    NotFound => "not_found",
    /// A download the page named is not known (its list was out of date).
    NotFoundDownload => "not_found_download",
    InvalidRequest => "invalid_request",
    ServerError => "server_error",
    Network => "network",
    UnexpectedResponse => "unexpected_response",
    InvalidConfig => "invalid_config",
    /// The export history could not be read or written.
    Store => "store",
    InvalidTemplate => "invalid_template",
    /// An export was sent and its answer never came.
    SubmitUnknown => "submit_unknown",
    /// The download folder (or a timeline's) cannot be written.
    Folder => "folder",
    NothingFinished => "nothing_finished",
    MediaUnreadable => "media_unreadable",
    NothingInSource => "nothing_in_source",
    /// An upload was stopped by the person.
    Cancelled => "cancelled",
    /// The file to upload changed or moved since it was chosen.
    FileChanged => "file_changed",
    /// The file to upload could not be read.
    Unreadable => "unreadable",
    /// Upload links kept expiring.
    LinkExpired => "link_expired",
    UploadRefused => "upload_refused",
    /// An upload link the API gave is not one this app sends a file to.
    LinkRefused => "link_refused",
    /// A newer version could not be fetched, verified or installed; the running one stays.
    Update => "update",
    Internal => "internal",
}

impl ErrorKind {
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
