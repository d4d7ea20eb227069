use serde::{Deserialize, Serialize};

use super::RequestError;

/// The caption style ids known from third-party code (the vendor's own table is not
/// public). Unconfirmed, so any other id of the same form is accepted too.
pub const KNOWN_CAPTION_STYLES: &[&str] = &[
    "smart-bg-focus",
    "box-highlight",
    "word-focus",
    "underline-focus",
    "temp-0",
    "temp-1",
    "temp-2",
    "temp-3",
    "temp-4",
    "temp-5",
    "temp-6",
    "temp-7",
    "temp-8",
    "temp-9",
    "temp-10",
    "temp-11",
    "temp-12",
    "temp-13",
    "temp-14",
    "temp-15",
    "temp-16",
    "temp-17",
    "temp-static-1",
    "temp-static-2",
    "temp-static-3",
    "temp-static-4",
    "temp-static-5",
    "temp-static-6",
    "game-streamer-1",
    "game-streamer-2",
    "game-streamer-3",
    "game-streamer-4",
    "game-streamer-5",
    "game-streamer-6",
    "game-streamer-7",
];

/// The vendor's default style, used when none is sent.
pub const DEFAULT_CAPTION_STYLE: &str = "temp-7";

/// A `cc_style_tpl` value: a known id, or a custom one made of `[a-z0-9-]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaptionStyle(String);

impl CaptionStyle {
    pub fn parse(text: &str) -> Result<Self, RequestError> {
        let id = text.trim();
        let well_formed = !id.is_empty()
            && id.len() <= 64
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if well_formed {
            Ok(Self(id.to_owned()))
        } else {
            Err(RequestError::BadCaptionStyle(id.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_known(&self) -> bool {
        KNOWN_CAPTION_STYLES.contains(&self.0.as_str())
    }

    /// Static styles are the ones the vendor's own CLI allows with two caption lines.
    pub fn is_static(&self) -> bool {
        self.0.starts_with("temp-static-")
    }
}

impl TryFrom<String> for CaptionStyle {
    type Error = RequestError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<CaptionStyle> for String {
    fn from(style: CaptionStyle) -> Self {
        style.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_custom_and_malformed_ids() {
        assert_eq!(KNOWN_CAPTION_STYLES.len(), 35);
        assert!(CaptionStyle::parse("temp-static-3").unwrap().is_static());
        assert!(CaptionStyle::parse("word-focus").unwrap().is_known());
        let custom = CaptionStyle::parse("my-brand-2").unwrap();
        assert!(!custom.is_known() && !custom.is_static());
        for bad in [
            "",
            "Temp-7",
            "temp 7",
            "temp_7",
            "../x",
            "temp-7\n",
            &"a".repeat(65),
        ] {
            if bad == "temp-7\n" {
                // Surrounding white space is trimmed, not refused.
                assert!(CaptionStyle::parse(bad).is_ok());
                continue;
            }
            assert!(CaptionStyle::parse(bad).is_err(), "{bad:?}");
        }
    }
}
