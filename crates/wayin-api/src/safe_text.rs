//! Text from a server made inert before anything shows it: a title, a name, a task id
//! or an error message must not be able to move a terminal's cursor, retitle its
//! window, clear the screen, hide a link or reverse what follows it on screen.
//!
//! Every front end (the CLI's output, the desktop's notifications) cleans what the API
//! sent through here, so there is one definition of "safe to show".

/// `text` on one line, without escape sequences, control or bidirectional-override
/// characters. Line and tab breaks become single spaces.
pub fn clean_line(text: &str) -> String {
    let cleaned = clean(text, false);
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` without escape sequences, control or bidirectional-override characters;
/// line breaks (`\n`) and tabs are kept, a carriage return is dropped.
pub fn clean_text(text: &str) -> String {
    clean(text, true)
}

/// Whether `text` holds nothing [`clean_text`] would remove.
pub fn is_clean(text: &str) -> bool {
    !text.chars().any(|c| c == '\r' || unwanted(c))
}

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
/// The 8-bit forms of ESC [, ESC ], ESC P, ESC X, ESC ^, ESC _ and the string terminator.
const CSI8: char = '\u{9b}';
const OSC8: char = '\u{9d}';
const ST8: char = '\u{9c}';

fn clean(text: &str, keep_breaks: bool) -> String {
    if is_clean(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ESC => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                // Two-character sequences (ESC c resets the terminal, ESC 7 saves the cursor…).
                Some(_) | None => {}
            },
            CSI8 => skip_csi(&mut chars),
            OSC8 | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' | '\t' if keep_breaks => out.push(c),
            '\u{2028}' | '\u{2029}' if keep_breaks => out.push('\n'),
            '\n' | '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if unwanted(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Control Sequence: parameter and intermediate bytes up to one final byte.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            // Not a well-formed sequence: whatever it was, it ends here.
            return;
        }
    }
}

/// Operating System Command and other strings: up to BEL or ST (ESC \ or 0x9C), or the
/// end of the text, as a terminal would swallow it.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            BEL | ST8 => return,
            ESC => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// Controls (C0, DEL, C1) and the characters that reorder or hide text on screen.
fn unwanted(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Bidirectional embeddings, overrides and isolates, and the marks.
            '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{061c}'
                // Line and paragraph separators break a line as `\n` would.
                | '\u{2028}'
                | '\u{2029}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    // Tried: the escape sequences a hostile title would carry to retitle the terminal
    // (OSC 0), clear it (CSI 2J), hide a link (OSC 8), reset it (ESC c) and overwrite
    // the line (\r); all vanish, the visible words stay.
    #[test]
    fn escape_sequences_and_controls_vanish() {
        let hostile = "a\u{1b}]0;pwned\u{07}b\u{1b}[2Jc\rd\u{1b}]8;;http://x\u{1b}\\e\u{1b}cf\u{9b}31mg\u{0}h\u{7f}";
        assert_eq!(clean_line(hostile), "abcdefgh");
        assert_eq!(clean_text(hostile), "abcdefgh");
    }

    // Tried: a right-to-left override that would show `exe.mp4` as `4pm.exe`, and the
    // other bidi controls.
    #[test]
    fn bidirectional_overrides_vanish() {
        assert_eq!(clean_line("clip\u{202e}4pm.exe"), "clip4pm.exe");
        assert_eq!(
            clean_line("\u{2066}a\u{2069}\u{200f}b\u{061c}\u{202a}c\u{2028}d"),
            "abc d"
        );
    }

    #[test]
    fn lines_stay_lines_only_where_asked() {
        assert_eq!(clean_line("one\ntwo\tthree  four"), "one two three four");
        assert_eq!(clean_text("one\ntwo\tthree\r\n"), "one\ntwo\tthree\n");
    }

    // Tried: an OSC that never ends swallows the rest, as a terminal would; an ESC at
    // the very end is dropped.
    #[test]
    fn unterminated_sequences_end_the_text() {
        assert_eq!(clean_line("ok\u{1b}]0;pwned"), "ok");
        assert_eq!(clean_line("ok\u{1b}"), "ok");
        assert_eq!(clean_line("ok\u{1b}[31"), "ok");
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let text = "Founders Unfiltered — Ep. 42: pricing & <hiring> 🔥 é";
        assert!(is_clean(text));
        assert_eq!(clean_line(text), text);
        assert_eq!(clean_text(text), text);
    }
}
