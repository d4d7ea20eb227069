//! The secret part of every clip URL, made fresh for each launch.

use std::io;

/// 128 random bits as 32 hex digits.
pub fn new() -> io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|err| io::Error::other(err.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares in time that does not depend on where the two first differ, so the
/// token cannot be guessed a digit at a time by timing refusals.
pub fn matches(expected: &str, given: &str) -> bool {
    let (a, b) = (expected.as_bytes(), given.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_fresh_and_compared_whole() {
        let (one, two) = (new().unwrap(), new().unwrap());
        assert_eq!(one.len(), 32);
        assert!(one.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(one, two);
        assert!(matches(&one, &one.clone()));
        assert!(!matches(&one, &two));
        assert!(!matches(&one, &one[..31]));
        assert!(!matches(&one, ""));
    }
}
