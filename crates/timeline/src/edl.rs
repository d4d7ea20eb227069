//! CMX3600 EDL: one video track of cuts, the form every editor imports.
//!
//! The reel is `AX` (an auxiliary source), so editors relink each event by its
//! `* FROM CLIP NAME:` (the media file's name). Markers become `* LOC:` lines at their record
//! timecode, followed by the clip's title, so the title travels whatever the file is named;
//! the note becomes a `* COMMENT:` line. An event's channels are the file's: `AA/V` for two or
//! more audio channels, `B` (CMX3600's video with audio channel 1) for mono, `V` for a silent
//! file. Readers split lines on more than CR and LF (Python's
//! `splitlines` also breaks on form feeds, NEL and the Unicode line separators), so no line
//! ever carries a control character or a line separator; the title and the comments, which
//! older systems read as ASCII, are folded to ASCII.

use std::fmt::Write as _;

use crate::model::Timeline;

/// CMX3600's title field holds at most 70 characters.
const TITLE_LIMIT: usize = 70;

pub fn write(timeline: &Timeline) -> String {
    let mut lines = Vec::with_capacity(3 + timeline.clips.len() * 4);
    let title = ascii(&timeline.name, TITLE_LIMIT);
    lines.push(format!(
        "TITLE: {}",
        if title.is_empty() { "Untitled" } else { &title }
    ));
    lines.push("FCM: NON-DROP FRAME".to_owned());
    lines.push(String::new());

    for (number, (clip, placement)) in timeline.clips.iter().zip(timeline.placements()).enumerate()
    {
        let media = &timeline.media[clip.media];
        let source_rate = media.info.rate;
        let channels = match media.info.audio.as_ref().map(|audio| audio.channels) {
            None | Some(0) => "V",
            Some(1) => "B",
            Some(_) => "AA/V",
        };
        let mut event = String::new();
        // Fixed columns: 3-digit event, reel in 8, channels in 4, transition in 4, then a
        // 3-wide transition operand and four 11-wide timecodes, as pycmx and CMX3600 count them.
        let _ = write!(
            event,
            "{:03}  {:<8} {:<4}  {:<4} {:<3} {} {} {} {}",
            number + 1,
            "AX",
            channels,
            "C",
            "",
            source_rate.timecode(placement.source_in),
            source_rate.timecode(placement.source_out),
            timeline.rate.timecode(placement.record_in),
            timeline.rate.timecode(placement.record_out),
        );
        lines.push(event);
        lines.push(format!(
            "* FROM CLIP NAME: {}",
            one_line(media.path.file_name())
        ));
        lines.push(format!(
            "* LOC: {} YELLOW  {}",
            timeline.rate.timecode(placement.record_in),
            locator(&clip.marker.name, &clip.name)
        ));
        let note = ascii(&clip.marker.note, usize::MAX);
        if !note.is_empty() {
            lines.push(format!("* COMMENT: {note}"));
        }
    }

    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    text
}

/// A locator's text: the marker's number and score, then the clip's title when it has one
/// that ASCII can carry.
fn locator(marker: &str, title: &str) -> String {
    let marker = ascii(marker, usize::MAX);
    match ascii(title, usize::MAX) {
        title if title.is_empty() => marker,
        title => format!("{marker} - {title}"),
    }
}

/// The text on one line: control characters and line separators become spaces (a file name is
/// kept otherwise as it is, since relinking compares it with the file on disk).
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if breaks_line(c) { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

fn breaks_line(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Printable ASCII: accented letters lose their accents, typographic punctuation becomes its
/// ASCII look-alike, anything else (emoji, other scripts) is dropped; runs of spaces collapse
/// to one. At most `limit` characters, cut at a word when one ends close enough.
fn ascii(text: &str, limit: usize) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_graphic() {
            folded.push(c);
        } else if c.is_whitespace() || breaks_line(c) {
            folded.push(' ');
        } else if let Some(replacement) = fold(c) {
            folded.push_str(replacement);
        }
    }
    let collapsed = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.len() <= limit {
        return collapsed;
    }
    let cut = &collapsed[..limit];
    match cut.rfind(' ') {
        Some(space) if space >= limit * 3 / 4 => cut[..space].to_owned(),
        _ => cut.trim_end().to_owned(),
    }
}

/// The ASCII a reader would expect in place of a common non-ASCII character.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'à'..='å' | 'ā' | 'ă' | 'ą' | 'ª' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' | 'Ć' | 'Č' => "C",
        'ç' | 'ć' | 'č' => "c",
        'Ð' | 'Ď' | 'Đ' => "D",
        'ð' | 'ď' | 'đ' => "d",
        'È'..='Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'Ğ' => "G",
        'ğ' => "g",
        'Ì'..='Ï' | 'Ī' | 'İ' => "I",
        'ì'..='ï' | 'ī' | 'ı' => "i",
        'Ł' => "L",
        'ł' => "l",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ñ' | 'ń' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'ò'..='ö' | 'ø' | 'ō' | 'ő' | 'º' => "o",
        'Œ' => "OE",
        'œ' => "oe",
        'Ř' => "R",
        'ř' => "r",
        'Ś' | 'Ş' | 'Š' => "S",
        'ś' | 'ş' | 'š' => "s",
        'ß' => "ss",
        'Ť' => "T",
        'ť' => "t",
        'Þ' => "Th",
        'þ' => "th",
        'Ù'..='Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ý' | 'Ÿ' => "Y",
        'ý' | 'ÿ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        '‘' | '’' | '‚' | '′' | '´' => "'",
        '“' | '”' | '„' | '″' | '«' | '»' => "\"",
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '·' | '•' => "-",
        '…' => "...",
        '×' => "x",
        '÷' => "/",
        '€' => "EUR",
        '£' => "GBP",
        '©' => "(c)",
        '®' => "(R)",
        '™' => "TM",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AudioInfo, Marker, Media, MediaInfo, MediaPath, Rate, TimelineClip};

    /// `channels`: 0 for a silent file.
    fn media(path: &str, rate: Rate, frames: u64, channels: u16) -> Media {
        Media {
            path: MediaPath::unix(path),
            info: MediaInfo {
                rate,
                frames,
                width: 1920,
                height: 1080,
                audio: (channels > 0).then_some(AudioInfo {
                    sample_rate: 48_000,
                    channels,
                }),
            },
        }
    }

    fn clip(name: &str, media: usize, source_in: u64, frames: u64, marker: Marker) -> TimelineClip {
        TimelineClip {
            name: name.into(),
            media,
            source_in,
            frames,
            marker,
            keywords: Vec::new(),
        }
    }

    fn timeline(name: &str, rate: Rate, media: Vec<Media>, clips: Vec<TimelineClip>) -> Timeline {
        Timeline {
            name: name.into(),
            event: "Project".into(),
            rate,
            width: 1920,
            height: 1080,
            media,
            clips,
        }
    }

    #[test]
    fn events_have_cmx3600_columns_and_crlf_line_ends() {
        let rate = Rate::new(25, 1);
        let edl = write(&timeline(
            "Show & Tell",
            rate,
            vec![
                media("/m/a b.mp4", rate, 500, 2),
                media("/m/c.mp4", rate, 100, 0),
            ],
            vec![
                clip("a b", 0, 50, 75, Marker::for_clip(1, Some(94.0), &[], "")),
                clip(
                    "c",
                    1,
                    0,
                    100,
                    Marker::for_clip(2, None, &["x".into()], "Why"),
                ),
            ],
        ));
        let expected = [
            "TITLE: Show & Tell",
            "FCM: NON-DROP FRAME",
            "",
            "001  AX       AA/V  C        00:00:02:00 00:00:05:00 00:00:00:00 00:00:03:00",
            "* FROM CLIP NAME: a b.mp4",
            "* LOC: 00:00:00:00 YELLOW  Clip 1 - score 94 - a b",
            "002  AX       V     C        00:00:00:00 00:00:04:00 00:00:03:00 00:00:07:00",
            "* FROM CLIP NAME: c.mp4",
            "* LOC: 00:00:03:00 YELLOW  Clip 2 - c",
            "* COMMENT: Tags: x. Why",
            "",
        ]
        .join("\r\n");
        assert_eq!(edl, expected);
        // Everything after the event number is fixed width: the event, two spaces, then
        // 65 + 8 characters (pycmx's line length for an 8-character source field).
        let event = edl.lines().nth(3).unwrap();
        assert_eq!(event.len(), 3 + 8 + 65);
    }

    #[test]
    fn sources_count_their_own_rate_and_records_the_sequence_rate() {
        let ntsc = Rate::new(30000, 1001);
        let edl = write(&timeline(
            "t",
            ntsc,
            vec![media("/m/a.mp4", ntsc, 3600, 0)],
            vec![clip("a", 0, 1799, 31, Marker::for_clip(1, None, &[], ""))],
        ));
        assert!(edl.contains("00:00:59:29 00:01:01:00 00:00:00:00 00:00:01:01\r\n"));
    }

    #[test]
    fn titles_and_comments_are_one_line_of_ascii_and_file_names_stay_exact() {
        let rate = Rate::new(30, 1);
        let long = format!("🔥 Ünïcode “quotes” — {}", "word ".repeat(30));
        let edl = write(&timeline(
            &format!("{long}\nsecond line"),
            rate,
            vec![media("/m/Q&A 🔥\u{2028}x\r.mp4", rate, 30, 2)],
            vec![clip(
                "q",
                0,
                0,
                30,
                Marker {
                    name: "Best\u{85}bit 🎬 · café\tnow".into(),
                    note: "line one\r\nline two\u{c}\u{2029}end".into(),
                },
            )],
        ));
        let lines: Vec<&str> = edl.split("\r\n").collect();
        let title = lines[0].strip_prefix("TITLE: ").unwrap();
        assert!(title.starts_with("Unicode \"quotes\" - word word"));
        assert!(title.len() <= TITLE_LIMIT && !title.ends_with(' '));
        assert_eq!(lines[4], "* FROM CLIP NAME: Q&A 🔥 x .mp4");
        assert_eq!(
            lines[5],
            "* LOC: 00:00:00:00 YELLOW  Best bit - cafe now - q"
        );
        assert_eq!(lines[6], "* COMMENT: line one line two end");
        assert_eq!(lines.len(), 8);
        for line in &lines {
            assert!(!line.chars().any(breaks_line), "{line:?}");
        }
        for line in [lines[0], lines[5], lines[6]] {
            assert!(line.is_ascii(), "{line:?}");
        }
    }

    #[test]
    fn the_title_is_in_the_locator_whatever_the_file_is_named_and_mono_is_one_channel() {
        let rate = Rate::new(25, 1);
        let edl = write(&timeline(
            "t",
            rate,
            vec![
                media("/m/clip-0001.mp4", rate, 50, 1),
                media("/m/clip-0002.mp4", rate, 50, 6),
            ],
            vec![
                clip(
                    "Crème brûlée 🔥 “why”",
                    0,
                    0,
                    50,
                    Marker::for_clip(0, Some(92.0), &[], ""),
                ),
                clip("🎬", 1, 0, 50, Marker::for_clip(1, None, &[], "")),
            ],
        ));
        let lines: Vec<&str> = edl.split("\r\n").collect();
        assert!(
            lines[3].starts_with("001  AX       B     C "),
            "{}",
            lines[3]
        );
        assert_eq!(lines[4], "* FROM CLIP NAME: clip-0001.mp4");
        assert_eq!(
            lines[5],
            "* LOC: 00:00:00:00 YELLOW  Clip 0 - score 92 - Creme brulee \"why\""
        );
        assert!(
            lines[6].starts_with("002  AX       AA/V  C "),
            "{}",
            lines[6]
        );
        assert_eq!(
            lines[8], "* LOC: 00:00:02:00 YELLOW  Clip 1",
            "a title with nothing ASCII can carry leaves the number alone"
        );
    }

    #[test]
    fn an_empty_title_is_untitled() {
        let edl = write(&timeline("🎬", Rate::new(25, 1), vec![], vec![]));
        assert_eq!(edl, "TITLE: Untitled\r\nFCM: NON-DROP FRAME\r\n\r\n");
    }
}
