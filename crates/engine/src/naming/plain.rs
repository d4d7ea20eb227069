//! A plain-ASCII form of a file name, for drives whose file system takes nothing else.

use super::sanitize::safe_file_name;

/// "Café – Ünïcode 🎬.mp4" → "Cafe - Unicode.mp4": Latin letters lose their accents, common
/// punctuation becomes its ASCII look-alike, anything else goes; then the usual rules apply.
pub fn plain_ascii_name(name: &str) -> String {
    let mut plain = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            c if c.is_ascii() => plain.push(c),
            '–' | '—' | '‐' | '‑' | '−' => plain.push('-'),
            '‘' | '’' | '‚' | '′' => plain.push('\''),
            '“' | '”' | '„' => plain.push('\''),
            '…' => plain.push_str("..."),
            c if c.is_whitespace() => plain.push(' '),
            c => plain.push_str(latin_base(c)),
        }
    }
    let folded: String = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    safe_file_name(&folded)
}

/// The unaccented letter(s) of a Latin-1 or Latin Extended-A letter; "" for anything else.
fn latin_base(c: char) -> &'static str {
    const TABLE: &[(&str, &str)] = &[
        ("ÀÁÂÃÄÅĀĂĄ", "A"),
        ("àáâãäåāăą", "a"),
        ("ÇĆĈĊČ", "C"),
        ("çćĉċč", "c"),
        ("ĎĐ", "D"),
        ("ďđ", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"),
        ("èéêëēĕėęě", "e"),
        ("ĜĞĠĢ", "G"),
        ("ĝğġģ", "g"),
        ("ÌÍÎÏĨĪĬĮİ", "I"),
        ("ìíîïĩīĭįı", "i"),
        ("ŁĹĻĽ", "L"),
        ("łĺļľ", "l"),
        ("ÑŃŅŇ", "N"),
        ("ñńņň", "n"),
        ("ÒÓÔÕÖØŌŎŐ", "O"),
        ("òóôõöøōŏő", "o"),
        ("ŔŖŘ", "R"),
        ("ŕŗř", "r"),
        ("ŚŜŞŠ", "S"),
        ("śŝşš", "s"),
        ("ŢŤ", "T"),
        ("ţť", "t"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
        ("ùúûüũūŭůűų", "u"),
        ("ÝŸ", "Y"),
        ("ýÿ", "y"),
        ("ŹŻŽ", "Z"),
        ("źżž", "z"),
        ("Æ", "AE"),
        ("æ", "ae"),
        ("Œ", "OE"),
        ("œ", "oe"),
        ("ß", "ss"),
    ];
    TABLE
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map_or("", |(_, base)| base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_fold_and_everything_else_goes() {
        assert_eq!(
            plain_ascii_name("Café – Ünïcode 🎬.mp4"),
            "Cafe - Unicode.mp4"
        );
        assert_eq!(plain_ascii_name("Straße Œuvre.mp4"), "Strasse OEuvre.mp4");
        assert_eq!(plain_ascii_name("🎬 cut.mp4"), "cut.mp4");
    }

    #[test]
    fn nothing_left_still_makes_a_name() {
        assert_eq!(plain_ascii_name("中文.mp4"), "clip.mp4");
        assert!(plain_ascii_name(&"é".repeat(400)).is_ascii());
    }
}
