/// Why the keychain could not do what was asked. Never carries the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeychainError {
    /// No store answers at all (no Secret Service on this session, keychain
    /// locked or access refused). Saving elsewhere is not an option, so the
    /// key can only live in memory for now.
    #[error(
        "No system keychain is available ({reason}). The key can be used for this session only."
    )]
    Unavailable { reason: String },
    /// The store answered but the operation failed.
    #[error("The system keychain could not complete the request: {reason}")]
    Failed { reason: String },
}

impl KeychainError {
    pub fn is_unavailable(&self) -> bool {
        matches!(self, Self::Unavailable { .. })
    }
}
