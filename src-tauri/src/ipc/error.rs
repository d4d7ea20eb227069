//! The one error type commands return. The web view receives it as
//! `{ "kind": "...", "message": "..." }`, plus `field` when the message is about one field
//! of the export options: it branches on `kind`, shows `message`, beside `field` if named.
//! The kinds are listed in docs/IPC.md; the API's and the engine's own kinds pass
//! through unchanged so the window, the terminal command and scripts agree.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use wayin_api::{ApiError, OptionsError, RequestError};
use wayin_keychain::KeychainError;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("No API key is set. Paste your WayinVideo API key to continue.")]
    KeyMissing,
    /// No system keychain answers; the key can still be used for this session.
    #[error("{0}")]
    KeychainUnavailable(KeychainError),
    #[error("{0}")]
    Keychain(KeychainError),
    #[error(transparent)]
    Api(#[from] ApiError),
    /// A new key could not be checked (no answer from the API): nothing was
    /// saved; the page may ask whether to keep it unverified.
    #[error("The key could not be checked with WayinVideo, so it was not saved. {0}")]
    KeyUnchecked(ApiError),
    #[error(transparent)]
    Engine(#[from] engine::EngineError),
    /// The page asked for something that cannot be sent as it is.
    #[error("{0}")]
    InvalidRequest(String),
    /// Export options with a wrong value, in the field it names.
    #[error(transparent)]
    InvalidOptions(#[from] OptionsError),
    /// A project that was not opened in this run, or a clip it does not have.
    #[error("{0}")]
    NotFound(String),
    #[error("Something went wrong inside the app: {0}")]
    Internal(String),
}

impl CommandError {
    /// Stable, machine-readable name of the variant.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::KeyMissing => "key_missing",
            Self::KeychainUnavailable(_) => "keychain_unavailable",
            Self::Keychain(_) => "keychain",
            Self::Api(err) => err.kind().as_str(),
            Self::KeyUnchecked(_) => "key_unchecked",
            Self::Engine(err) => err.kind(),
            Self::InvalidRequest(_) | Self::InvalidOptions(_) => "invalid_request",
            Self::NotFound(_) => "not_found",
            Self::Internal(_) => "internal",
        }
    }
}

impl From<KeychainError> for CommandError {
    fn from(err: KeychainError) -> Self {
        if err.is_unavailable() {
            Self::KeychainUnavailable(err)
        } else {
            Self::Keychain(err)
        }
    }
}

impl From<RequestError> for CommandError {
    fn from(err: RequestError) -> Self {
        Self::InvalidRequest(err.to_string())
    }
}

impl From<engine::store::StoreError> for CommandError {
    fn from(err: engine::store::StoreError) -> Self {
        Self::Engine(err.into())
    }
}

impl From<engine::naming::NamingError> for CommandError {
    fn from(err: engine::naming::NamingError) -> Self {
        Self::Engine(err.into())
    }
}

impl Serialize for CommandError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let field = match self {
            Self::InvalidOptions(err) => err.field,
            _ => None,
        };
        let mut body =
            serializer.serialize_struct("CommandError", 2 + usize::from(field.is_some()))?;
        body.serialize_field("kind", self.kind())?;
        body.serialize_field("message", &self.to_string())?;
        if let Some(field) = field {
            body.serialize_field("field", field)?;
        }
        body.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::EngineError;
    use std::path::PathBuf;
    use std::time::Duration;

    fn json(err: impl Into<CommandError>) -> String {
        serde_json::to_string(&err.into()).unwrap()
    }

    #[test]
    fn option_errors_name_their_field() {
        let err = wayin_api::ExportOptions::from_json(serde_json::json!({"reframe": ""}))
            .unwrap()
            .to_request("proj_x", None)
            .unwrap_err();
        assert_eq!(
            json(err),
            r#"{"kind":"invalid_request","message":"AI reframe needs a ratio (9:16, 1:1, 4:5 or 16:9).","field":"reframe"}"#
        );
        let malformed = wayin_api::ExportOptions::from_json(serde_json::json!({"captions": "yes"}))
            .unwrap_err();
        assert!(!json(malformed).contains("\"field\""));
    }

    #[test]
    fn shell_errors() {
        assert_eq!(
            json(CommandError::KeyMissing),
            r#"{"kind":"key_missing","message":"No API key is set. Paste your WayinVideo API key to continue."}"#
        );
        assert_eq!(
            json(CommandError::from(EngineError::NotFoundDownload(
                "Download 7 is not known.".into()
            ))),
            r#"{"kind":"not_found_download","message":"Download 7 is not known."}"#
        );
        assert_eq!(
            json(CommandError::Internal("state lock poisoned".into())),
            r#"{"kind":"internal","message":"Something went wrong inside the app: state lock poisoned"}"#
        );
    }

    #[test]
    fn keychain_errors_keep_their_plain_message() {
        let unavailable = KeychainError::Unavailable {
            reason: "no Secret Service reachable".into(),
        };
        assert_eq!(
            json(unavailable),
            r#"{"kind":"keychain_unavailable","message":"No system keychain is available (no Secret Service reachable). The key can be used for this session only."}"#
        );
        let failed = KeychainError::Failed {
            reason: "2 entries match".into(),
        };
        assert_eq!(
            json(failed),
            r#"{"kind":"keychain","message":"The system keychain could not complete the request: 2 entries match"}"#
        );
    }

    #[test]
    fn api_kinds_pass_through() {
        assert_eq!(
            json(ApiError::KeyRejected),
            r#"{"kind":"key_rejected","message":"The API key was rejected (HTTP 403). Check the key in Settings, or create a new one in your WayinVideo account."}"#
        );
        assert_eq!(
            json(ApiError::RateLimited {
                retry_after: Some(Duration::from_secs(12))
            }),
            r#"{"kind":"rate_limited","message":"WayinVideo's rate limit was reached (15 requests a minute, 5 projects at once). Try again in 12 s."}"#
        );
        assert_eq!(
            json(ApiError::NotFound {
                what: "Project hmtask_9".into(),
                hint: Some("Use the API's project id.".into())
            }),
            r#"{"kind":"not_found","message":"Project hmtask_9 was not found. Use the API's project id."}"#
        );
        assert_eq!(
            json(ApiError::InvalidRequest {
                message: "ratio is required".into()
            }),
            r#"{"kind":"invalid_request","message":"The API refused the request: ratio is required"}"#
        );
    }

    #[test]
    fn engine_kinds_pass_through() {
        assert_eq!(
            json(EngineError::SubmitUnknown {
                export_id: 4,
                message: "connection reset".into()
            }),
            r#"{"kind":"submit_unknown","message":"The export was sent but its answer never came (connection reset). It may have been accepted and charged: check the export's status before exporting again."}"#
        );
        assert_eq!(
            json(EngineError::Folder {
                path: PathBuf::from("/media/gone"),
                message: "it does not exist".into()
            }),
            r#"{"kind":"folder","message":"The download folder /media/gone cannot be used: it does not exist. Choose another folder."}"#
        );
        let naming = engine::naming::Template::parse("{nope}").unwrap_err();
        assert_eq!(
            json(naming),
            r#"{"kind":"invalid_template","message":"unknown field {nope} in the file name template; use one of {project}, {task}, {idx}, {title}, {score}, {resolution}, {ratio}, {date}"}"#
        );
    }

    #[test]
    fn request_errors_are_invalid_requests() {
        assert_eq!(
            json(RequestError::ReframeNeedsRatio),
            r#"{"kind":"invalid_request","message":"AI reframe needs a ratio (9:16, 1:1, 4:5 or 16:9)."}"#
        );
    }
}
