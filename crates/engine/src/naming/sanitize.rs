//! Turns any text into a file name that Windows, macOS and Linux all accept and that cannot
//! escape the destination folder.

/// Every downloaded clip is an MP4; the extension is forced so players and editors recognise it.
pub const EXTENSION: &str = ".mp4";

/// The common limit of ext4, APFS and NTFS is 255. It is counted in UTF-8 bytes because that is
/// what Linux and macOS count; NTFS counts UTF-16 units, of which a name never has more than
/// bytes. A download first grows under `<name>.part`, so the name leaves room for that suffix.
pub const MAX_NAME_BYTES: usize = 255 - PART_SUFFIX.len();

/// What a download in progress adds to its file's name.
pub const PART_SUFFIX: &str = ".part";

/// Characters Windows forbids in names; `/` and `\` also separate paths everywhere.
const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// Invisible characters that reorder or hide text: a title with U+202E can make `exe.mp4` show
/// as `4pm.exe`, so they go.
const INVISIBLE: &[char] = &[
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{FEFF}',
];

/// Characters that look bad or mean something at either end of a name: Windows drops trailing
/// dots and spaces, a leading dot hides the file on Unix, a leading dash reads as an option on
/// command lines, and separators left over from an empty field (`"Show - "`) are noise.
const TRIMMED_AT_ENDS: &[char] = &[' ', '.', '_', '-'];

/// Characters that must not be left dangling at the end after a cut in the middle of an emoji
/// sequence: a joiner or variation selector on its own.
const DANGLING: &[char] = &['\u{200D}', '\u{FE0E}', '\u{FE0F}'];

/// Device names Windows reserves whatever the extension (`CON.mp4` opens the console). The
/// superscript digits are reserved too, as Windows maps them to the plain ones.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4",
    "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3",
    "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// A safe `.mp4` file name for `raw`; `clip.mp4` when nothing usable is left.
///
/// The result is never empty, at most [`MAX_NAME_BYTES`] bytes, free of path separators, the
/// characters Windows forbids, control and bidi characters, never `.`/`..`-like, never starts or
/// ends with a dot or space, never a reserved Windows device name, and always ends in `.mp4`.
/// Emoji and other printable Unicode are kept.
pub fn safe_file_name(raw: &str) -> String {
    sanitize_with_fallback(raw, "clip")
}

pub(super) fn sanitize_with_fallback(raw: &str, fallback_stem: &str) -> String {
    let max_stem = MAX_NAME_BYTES - EXTENSION.len();
    let mut stem = fit(&clean(strip_extension(raw)), max_stem);
    if stem.is_empty() {
        stem = fit(&clean(fallback_stem), max_stem);
    }
    if stem.is_empty() {
        stem = "clip".to_string();
    }
    let mut stem = avoid_reserved(stem);
    if stem.len() > max_stem {
        // The suffix added a byte to a long name: cut its far end, well clear of the suffix.
        stem = fit(&stem, max_stem);
    }
    format!("{stem}{EXTENSION}")
}

/// The text without a trailing `.mp4` (any case), which [`sanitize_with_fallback`] adds back.
fn strip_extension(raw: &str) -> &str {
    let trimmed = raw.trim_end_matches(|ch: char| ch.is_whitespace() || ch == '.');
    let cut = trimmed.len().saturating_sub(EXTENSION.len());
    if trimmed.is_char_boundary(cut) && trimmed[cut..].eq_ignore_ascii_case(EXTENSION) {
        &trimmed[..cut]
    } else {
        raw
    }
}

/// Replaces what no file system accepts and collapses the runs that replacement creates; runs
/// of dots collapse too, so no `..` survives anywhere in a name.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if INVISIBLE.contains(&ch) {
            continue;
        }
        let ch = if ch.is_control() || ch.is_whitespace() {
            ' '
        } else if FORBIDDEN.contains(&ch) {
            '_'
        } else {
            ch
        };
        if matches!(ch, ' ' | '_' | '.') && out.ends_with(ch) {
            continue;
        }
        out.push(ch);
    }
    out
}

/// Trims the ends and cuts to at most `max_bytes` on a character boundary.
pub(super) fn fit(text: &str, max_bytes: usize) -> String {
    let mut text = text.trim_matches(TRIMMED_AT_ENDS);
    if text.len() > max_bytes {
        text = truncate_at_char(text, max_bytes)
            .trim_end_matches(DANGLING)
            .trim_end_matches(TRIMMED_AT_ENDS);
    }
    text.to_string()
}

/// The longest prefix of `text` of at most `max_bytes` bytes that ends on a character boundary.
pub(super) fn truncate_at_char(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Adds `_` after a reserved device name, which Windows matches before the first dot, ignoring
/// case and trailing spaces (`con .x` is the console too).
fn avoid_reserved(stem: String) -> String {
    let base_end = stem.find('.').unwrap_or(stem.len());
    let base = stem[..base_end].trim_end();
    if !is_reserved(base) {
        return stem;
    }
    let mut fixed = String::with_capacity(stem.len() + 1);
    fixed.push_str(base);
    fixed.push('_');
    fixed.push_str(&stem[base_end..]);
    fixed
}

/// Whether Windows reads `base` (the part of a name before its first dot) as a device.
pub(super) fn is_reserved(base: &str) -> bool {
    let base = base.trim_end();
    RESERVED
        .iter()
        .any(|reserved| reserved.to_lowercase() == base.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_an_ordinary_name() {
        assert_eq!(safe_file_name("Show - 01 - Hello"), "Show - 01 - Hello.mp4");
        assert_eq!(safe_file_name("Hello.MP4"), "Hello.mp4");
    }

    #[test]
    fn reserved_names_with_suffixes_and_spaces() {
        assert!(is_reserved("lpt¹"));
        assert_eq!(avoid_reserved("CON .x".to_string()), "CON_.x");
        assert_eq!(avoid_reserved("CONSOLE".to_string()), "CONSOLE");
    }

    #[test]
    fn truncation_never_splits_a_character() {
        assert_eq!(truncate_at_char("aé", 2), "a");
        assert_eq!(truncate_at_char("aé", 3), "aé");
    }
}
