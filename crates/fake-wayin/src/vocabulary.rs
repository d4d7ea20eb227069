//! The closed value sets of the export request, as the vendor documents them.

pub(crate) const RESOLUTIONS: [&str; 5] = ["SD_480", "HD_720", "FHD_1080", "QHD_2K", "UHD_4K"];

pub(crate) const CAPTION_DISPLAYS: [&str; 3] = ["original", "both", "translation"];

pub(crate) const HOOK_SCRIPT_STYLES: [&str; 13] = [
    "serious",
    "casual",
    "informative",
    "conversational",
    "humorous",
    "parody",
    "inspirational",
    "dramatic",
    "empathetic",
    "persuasive",
    "neutral",
    "excited",
    "calm",
];

pub(crate) const HOOK_POSITIONS: [&str; 2] = ["beginning", "end"];

pub(crate) const RATIOS: [&str; 4] = ["RATIO_9_16", "RATIO_1_1", "RATIO_4_5", "RATIO_16_9"];

pub(crate) const TARGET_LANGUAGES: [&str; 100] = [
    "af", "sq", "am", "ar", "hy", "as", "az", "ba", "eu", "be", "bn", "bs", "br", "bg", "my", "ca",
    "zh-cn", "zh-tw", "hr", "cs", "da", "nl", "en", "et", "fo", "fi", "fr", "gl", "ka", "de", "el",
    "gu", "ht", "ha", "haw", "he", "hi", "hu", "is", "id", "it", "ja", "jw", "kn", "kk", "km",
    "ko", "lo", "la", "lv", "ln", "lt", "lb", "mk", "mg", "ms", "ml", "mt", "mi", "mr", "mn", "ne",
    "no", "nn", "oc", "ps", "fa", "pl", "pt", "pa", "ro", "ru", "sa", "sr", "sn", "sd", "si", "sk",
    "sl", "so", "es", "su", "sw", "sv", "tl", "tg", "ta", "tt", "te", "th", "bo", "tr", "tk", "uk",
    "ur", "uz", "vi", "cy", "yi", "yo",
];

/// Price of one rendered clip in API units, by output resolution: each tier up costs 12 more.
pub(crate) fn clip_cost(resolution: &str) -> f64 {
    let tier = RESOLUTIONS
        .iter()
        .position(|r| *r == resolution)
        .unwrap_or(0);
    12.0 * (tier as f64 + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn language_codes_are_distinct() {
        let distinct: HashSet<_> = TARGET_LANGUAGES.iter().collect();
        assert_eq!(distinct.len(), TARGET_LANGUAGES.len());
    }

    #[test]
    fn cost_grows_with_resolution() {
        assert_eq!(clip_cost("SD_480"), 12.0);
        assert_eq!(clip_cost("QHD_2K"), 48.0);
        assert_eq!(clip_cost("UHD_4K"), 60.0);
    }
}
