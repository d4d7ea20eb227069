//! The closed sets of values the export endpoint accepts.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

use super::RequestError;

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident = $wire:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as the API spells it.
            pub fn as_wire(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }
        }

        impl FromStr for $name {
            type Err = RequestError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let wanted = text.trim();
                $(
                    if wanted.eq_ignore_ascii_case($wire) $(|| wanted.eq_ignore_ascii_case($alias))* {
                        return Ok($name::$variant);
                    }
                )+
                Err(RequestError::UnknownValue {
                    field: $what,
                    value: wanted.to_owned(),
                    allowed: vec![$($wire),+].join(", "),
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_wire())
            }
        }
    };
}

wire_enum!(
    /// Output resolution; the API's default is `SD_480`.
    Resolution, "resolution" {
        Sd480 = "SD_480" | "480p",
        Hd720 = "HD_720" | "720p",
        Fhd1080 = "FHD_1080" | "1080p",
        Qhd2k = "QHD_2K" | "2k" | "1440p",
        Uhd4k = "UHD_4K" | "4k" | "2160p",
    }
);

// The enum comes out of `wire_enum!`, which has no place for `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for Resolution {
    fn default() -> Self {
        Self::Sd480
    }
}

wire_enum!(
    /// Which captions are burnt in: the source language, the translation, or both.
    CaptionDisplay, "caption_display" {
        Original = "original",
        Both = "both",
        Translation = "translation",
    }
);

impl CaptionDisplay {
    /// As the export form names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Original => "Original language",
            Self::Translation => "Translation",
            Self::Both => "Both",
        }
    }
}

wire_enum!(
    /// Tone of the generated hook text.
    HookStyle, "ai_hook_script_style" {
        Serious = "serious",
        Casual = "casual",
        Informative = "informative",
        Conversational = "conversational",
        Humorous = "humorous",
        Parody = "parody",
        Inspirational = "inspirational",
        Dramatic = "dramatic",
        Empathetic = "empathetic",
        Persuasive = "persuasive",
        Neutral = "neutral",
        Excited = "excited",
        Calm = "calm",
    }
);

impl HookStyle {
    /// The style the API uses when none is sent.
    pub const API_DEFAULT: Self = Self::Serious;
}

wire_enum!(
    /// Where the hook text appears in each clip.
    HookPosition, "ai_hook_position" {
        Beginning = "beginning",
        End = "end",
    }
);

impl HookPosition {
    /// Where the API puts the hook when none is sent.
    pub const API_DEFAULT: Self = Self::Beginning;

    /// As the export form names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Beginning => "Beginning",
            Self::End => "End",
        }
    }
}

wire_enum!(
    /// Aspect ratio for AI reframe.
    Ratio, "ratio" {
        Portrait9x16 = "RATIO_9_16" | "9:16",
        Square1x1 = "RATIO_1_1" | "1:1",
        Portrait4x5 = "RATIO_4_5" | "4:5",
        Landscape16x9 = "RATIO_16_9" | "16:9",
    }
);

impl Ratio {
    /// `9:16`, as people write it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Portrait9x16 => "9:16",
            Self::Square1x1 => "1:1",
            Self::Portrait4x5 => "4:5",
            Self::Landscape16x9 => "16:9",
        }
    }
}

impl Resolution {
    /// `4K`, as people say it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Sd480 => "480p",
            Self::Hd720 => "720p",
            Self::Fhd1080 => "1080p",
            Self::Qhd2k => "2K",
            Self::Uhd4k => "4K",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_wire_names_and_the_names_people_type() {
        assert_eq!("UHD_4K".parse::<Resolution>().unwrap(), Resolution::Uhd4k);
        assert_eq!("4k".parse::<Resolution>().unwrap(), Resolution::Uhd4k);
        assert_eq!("9:16".parse::<Ratio>().unwrap(), Ratio::Portrait9x16);
        assert_eq!(" rAtIo_1_1 ".parse::<Ratio>().unwrap(), Ratio::Square1x1);
        assert_eq!("calm".parse::<HookStyle>().unwrap(), HookStyle::Calm);
        assert_eq!(HookStyle::ALL.len(), 13);
        let err = "8K".parse::<Resolution>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"8K\" is not a valid resolution. Use one of: SD_480, HD_720, FHD_1080, QHD_2K, UHD_4K."
        );
    }
}
