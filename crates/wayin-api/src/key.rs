use std::fmt;

/// The API key. Printing it in any way shows `***`, so it cannot leak through a log
/// line, an error message or a panic.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Surrounding white space is dropped: keys are pasted, and a trailing newline
    /// would otherwise be sent and rejected.
    pub fn new(key: impl Into<String>) -> Option<Self> {
        let key = key.into();
        let trimmed = key.trim();
        if trimmed.is_empty() || trimmed.chars().any(char::is_control) {
            return None;
        }
        Some(Self(trimmed.to_owned()))
    }

    /// The raw key, for the `Authorization` header and the keychain only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The last four characters: enough for a person to recognise which key is stored.
    pub fn last4(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars[chars.len().saturating_sub(4)..].iter().collect()
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_key() {
        let key = ApiKey::new("  sk_live_abcdef123456\n").unwrap();
        assert_eq!(key.expose(), "sk_live_abcdef123456");
        assert_eq!(format!("{key}"), "***");
        assert_eq!(format!("{key:?}"), "ApiKey(***)");
        assert_eq!(format!("{:#?}", Some(&key)), "Some(\n    ApiKey(***),\n)");
        assert_eq!(key.last4(), "3456");
    }

    #[test]
    fn rejects_empty_and_control_characters() {
        assert!(ApiKey::new("   ").is_none());
        assert!(ApiKey::new("abc\u{0}def").is_none());
        assert_eq!(ApiKey::new("ab").unwrap().last4(), "ab");
    }
}
