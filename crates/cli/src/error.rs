//! Failures as scripts see them: one exit code per thing to do about it, and one line
//! of reason on stderr.

use wayin_api::{ApiError, ErrorKind};
use wayin_keychain::KeychainError;

/// Exit codes; `--help` documents them and scripts branch on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Local = 1,
    Usage = 2,
    Key = 3,
    Api = 4,
    RenderFailed = 5,
    DownloadFailed = 6,
    SubmitUnknown = 7,
    Interrupted = 130,
}

#[derive(Debug)]
pub struct CliError {
    pub exit: Exit,
    pub message: String,
}

pub type CliResult<T = ()> = Result<T, CliError>;

impl CliError {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self {
            exit,
            message: message.into(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, message)
    }

    pub fn key(message: impl Into<String>) -> Self {
        Self::new(Exit::Key, message)
    }

    /// The API could not be reached or answered something unusable (exit 4).
    pub fn api(message: impl Into<String>) -> Self {
        Self::new(Exit::Api, message)
    }

    pub fn local(message: impl Into<String>) -> Self {
        Self::new(Exit::Local, message)
    }

    /// The reason as one line, whatever the vendor's message looked like.
    pub fn one_line(&self) -> String {
        one_line(&self.message)
    }
}

impl From<ApiError> for CliError {
    fn from(error: ApiError) -> Self {
        let exit = match error.kind() {
            ErrorKind::KeyRejected => Exit::Key,
            ErrorKind::InvalidConfig => Exit::Usage,
            _ => Exit::Api,
        };
        let message = match error {
            // The API's own text points at the app's Settings; here the key lives elsewhere.
            ApiError::KeyRejected => "The API key was rejected (HTTP 403). Store a valid key with \
                `wayin-export key set`, or check WAYIN_API_KEY."
                .to_owned(),
            other => other.to_string(),
        };
        Self::new(exit, message)
    }
}

impl From<KeychainError> for CliError {
    fn from(error: KeychainError) -> Self {
        let message = match &error {
            KeychainError::Unavailable { reason } => format!(
                "No system keychain is available ({reason}). Set WAYIN_API_KEY to use a key without it."
            ),
            KeychainError::Failed { .. } => error.to_string(),
        };
        Self::key(message)
    }
}

/// The application's errors as a terminal words them, with their exit codes.
impl From<app::AppError> for CliError {
    fn from(error: app::AppError) -> Self {
        use app::AppError;
        match error {
            AppError::Api(e) | AppError::KeyUnchecked(e) => e.into(),
            AppError::Keychain(e) | AppError::KeychainUnavailable(e) => e.into(),
            AppError::Engine(e) => crate::commands::follow::engine_error(e),
            AppError::InvalidOptions(e) => e.into(),
            AppError::KeyMissing => Self::key(error.to_string()),
            AppError::InvalidRequest(_) | AppError::NotFound(_) => Self::usage(error.to_string()),
            AppError::Update(_) | AppError::Internal(_) => Self::local(error.to_string()),
        }
    }
}

impl From<wayin_api::RequestError> for CliError {
    fn from(error: wayin_api::RequestError) -> Self {
        Self::usage(error.to_string())
    }
}

impl From<wayin_api::OptionsError> for CliError {
    fn from(error: wayin_api::OptionsError) -> Self {
        Self::usage(error.to_string())
    }
}

/// Collapses white space and control characters, so a multi-line vendor message or a
/// hostile title cannot break the one-line contract or drive the terminal.
pub fn one_line(text: &str) -> String {
    wayin_api::safe_text::clean_line(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_errors_map_to_their_exit_codes() {
        assert_eq!(CliError::from(ApiError::KeyRejected).exit, Exit::Key);
        let not_found = ApiError::NotFound {
            what: "Project x".into(),
            hint: None,
        };
        assert_eq!(CliError::from(not_found).exit, Exit::Api);
        let config = ApiError::InvalidConfig {
            message: "bad url".into(),
        };
        assert_eq!(CliError::from(config).exit, Exit::Usage);
    }

    #[test]
    fn reasons_are_one_line() {
        let e = CliError::new(Exit::RenderFailed, "line one\n\tline two\r\n\u{1b}[31m");
        assert_eq!(e.one_line(), "line one line two");
    }

    #[test]
    fn keychain_unavailable_points_at_the_variable() {
        let e = CliError::from(KeychainError::Unavailable {
            reason: "no D-Bus".into(),
        });
        assert_eq!(e.exit, Exit::Key);
        assert!(e.message.contains("WAYIN_API_KEY"));
    }
}
