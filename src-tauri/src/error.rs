//! The one error type commands return. The web view receives it as
//! `{ "kind": "...", "message": "..." }`: it branches on `kind` and shows `message`.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use wayin_keychain::KeychainError;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// No system keychain answers; the key can still be used for this session.
    #[error("{0}")]
    KeychainUnavailable(KeychainError),
    #[error("{0}")]
    Keychain(KeychainError),
    /// The request itself was wrong (the UI let something invalid through).
    #[error("{0}")]
    InvalidInput(String),
    #[error("Something went wrong inside the app: {0}")]
    Internal(String),
}

impl CommandError {
    /// Stable, machine-readable name of the variant.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::KeychainUnavailable(_) => "keychain_unavailable",
            Self::Keychain(_) => "keychain",
            Self::InvalidInput(_) => "invalid_input",
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

impl Serialize for CommandError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_struct("CommandError", 2)?;
        body.serialize_field("kind", self.kind())?;
        body.serialize_field("message", &self.to_string())?;
        body.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(err: CommandError) -> String {
        serde_json::to_string(&err).unwrap()
    }

    #[test]
    fn serialises_as_kind_and_message() {
        assert_eq!(
            json(CommandError::InvalidInput("pick at least one clip".into())),
            r#"{"kind":"invalid_input","message":"pick at least one clip"}"#
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
            json(unavailable.into()),
            r#"{"kind":"keychain_unavailable","message":"No system keychain is available (no Secret Service reachable). The key can be used for this session only."}"#
        );
        let failed = KeychainError::Failed {
            reason: "2 entries match".into(),
        };
        assert_eq!(
            json(failed.into()),
            r#"{"kind":"keychain","message":"The system keychain could not complete the request: 2 entries match"}"#
        );
    }
}
