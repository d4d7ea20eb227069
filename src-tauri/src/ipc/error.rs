//! The one error type commands return. The web view receives it as
//! `{ "kind": "...", "message": "..." }`, plus `field` when the message is about one field
//! of the export options: it branches on `kind`, shows `message`, beside `field` if named.
//! The kinds are listed in docs/IPC.md; the API's and the engine's own kinds pass
//! through unchanged so the window, the terminal command and scripts agree.

use app::AppError;
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// What a command returns when it fails: the application's error, worded for the page.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct CommandError(pub AppError);

impl CommandError {
    /// Stable, machine-readable name of the error.
    pub fn kind(&self) -> app::ErrorKind {
        self.0.kind()
    }
}

/// Every error the application's layers raise becomes a command's error at the boundary.
macro_rules! from_app_errors {
    ($($error:ty),* $(,)?) => {$(
        impl From<$error> for CommandError {
            fn from(err: $error) -> Self {
                Self(err.into())
            }
        }
    )*};
}

from_app_errors!(
    AppError,
    wayin_api::ApiError,
    wayin_api::OptionsError,
    wayin_api::RequestError,
    wayin_keychain::KeychainError,
    engine::EngineError,
    engine::store::StoreError,
    engine::naming::NamingError,
);

impl Serialize for CommandError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let field = match &self.0 {
            AppError::InvalidOptions(err) => err.field,
            _ => None,
        };
        let mut body =
            serializer.serialize_struct("CommandError", 2 + usize::from(field.is_some()))?;
        body.serialize_field("kind", &self.kind())?;
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
    use wayin_api::{ApiError, RequestError};
    use wayin_keychain::KeychainError;

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
            json(AppError::KeyMissing),
            r#"{"kind":"key_missing","message":"No API key is set. Paste your WayinVideo API key to continue."}"#
        );
        assert_eq!(
            json(CommandError::from(EngineError::NotFoundDownload(
                "Download 7 is not known.".into()
            ))),
            r#"{"kind":"not_found_download","message":"Download 7 is not known."}"#
        );
        assert_eq!(
            json(AppError::Internal("state lock poisoned".into())),
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
