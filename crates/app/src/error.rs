//! The application's one error type. Each front end words it for its people: the window
//! serialises it with its `kind` (the IPC error wraps it at the boundary); the API's and the
//! engine's own kinds pass through unchanged so the window, the terminal command and
//! scripts agree.

use wayin_api::{ApiError, OptionsError, RequestError};
use wayin_keychain::KeychainError;

use crate::ErrorKind;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
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
    /// A newer version could not be looked for, fetched, verified or installed.
    #[error("{0}")]
    Update(String),
    #[error("Something went wrong inside the app: {0}")]
    Internal(String),
}

impl AppError {
    /// What kind of error it is, for the page and for scripts.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::KeyMissing => ErrorKind::KeyMissing,
            Self::KeychainUnavailable(_) => ErrorKind::KeychainUnavailable,
            Self::Keychain(_) => ErrorKind::Keychain,
            Self::Api(err) => err.kind().into(),
            Self::KeyUnchecked(_) => ErrorKind::KeyUnchecked,
            Self::Engine(err) => ErrorKind::of_engine(err),
            Self::InvalidRequest(_) | Self::InvalidOptions(_) => ErrorKind::InvalidRequest,
            Self::NotFound(_) => ErrorKind::NotFound,
            Self::Update(_) => ErrorKind::Update,
            Self::Internal(_) => ErrorKind::Internal,
        }
    }
}

impl From<KeychainError> for AppError {
    fn from(err: KeychainError) -> Self {
        if err.is_unavailable() {
            Self::KeychainUnavailable(err)
        } else {
            Self::Keychain(err)
        }
    }
}

impl From<RequestError> for AppError {
    fn from(err: RequestError) -> Self {
        Self::InvalidRequest(err.to_string())
    }
}

impl From<engine::store::StoreError> for AppError {
    fn from(err: engine::store::StoreError) -> Self {
        Self::Engine(err.into())
    }
}

impl From<engine::naming::NamingError> for AppError {
    fn from(err: engine::naming::NamingError) -> Self {
        Self::Engine(err.into())
    }
}

impl From<engine::timelines::TimelineError> for AppError {
    fn from(err: engine::timelines::TimelineError) -> Self {
        Self::Engine(err.into())
    }
}
