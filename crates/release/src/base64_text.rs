//! Keys and signatures travel as base64 of a minisign file's text, as Tauri passes them.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

pub fn encode(text: &str) -> String {
    STANDARD.encode(text)
}

/// The text inside `encoded`, or why there is none. Surrounding whitespace is ignored: a
/// value pasted into a CI secret or read from a file often ends with a line break.
///
/// The reasons are fixed words: base64's own errors quote the offending character, and the
/// value may be a secret key.
pub fn decode(encoded: &str) -> Result<String, String> {
    let bytes = STANDARD
        .decode(encoded.trim())
        .map_err(|_| "not base64".to_string())?;
    String::from_utf8(bytes).map_err(|_| "its base64 does not decode to text".to_string())
}
