//! What goes to stdout: text for people, or JSON (`--json`) for scripts. Progress,
//! warnings and errors go to stderr so stdout stays parseable.

use std::io::Write;

use serde::Serialize;
use wayin_api::safe_text::{clean_text, is_clean};

use crate::error::{one_line, CliError, CliResult};

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
}

impl Output {
    /// One JSON document on stdout, pretty for people who look at it too. Every
    /// string in it is cleaned first: a script that prints a field it read must not
    /// pass a server's escape sequence on to its terminal either.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> CliResult {
        let mut value = serde_json::to_value(value)
            .map_err(|e| CliError::local(format!("Could not write JSON: {e}")))?;
        clean_json(&mut value);
        let text = serde_json::to_string_pretty(&value)
            .map_err(|e| CliError::local(format!("Could not write JSON: {e}")))?;
        self.write(&text)
    }

    /// A text line on stdout (ignored in `--json` mode, where only the document counts).
    pub fn line(&self, text: &str) -> CliResult {
        if self.json {
            return Ok(());
        }
        self.write(text)
    }

    /// The last gate before the terminal: whatever a caller forgot to clean is cleaned here.
    fn write(&self, text: &str) -> CliResult {
        let text = clean_text(text);
        let mut out = std::io::stdout().lock();
        match writeln!(out, "{text}").and_then(|_| out.flush()) {
            // A closed pipe (`| head`) is the reader's choice, not a failure.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|e| CliError::local(format!("Could not write output: {e}"))),
        }
    }
}

/// A note for the person (request warnings, hints), on stderr in both modes.
pub fn warn(text: &str) {
    eprintln!("warning: {}", one_line(text));
}

pub fn note(text: &str) {
    eprintln!("{}", clean_text(text));
}

/// Every string of a JSON document (keys too) without escape sequences or controls.
fn clean_json(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(text) if !is_clean(text) => *text = clean_text(text),
        Value::Array(items) => items.iter_mut().for_each(clean_json),
        Value::Object(map) => {
            let dirty_keys = map.keys().any(|k| !is_clean(k));
            if dirty_keys {
                *map = std::mem::take(map)
                    .into_iter()
                    .map(|(k, v)| (clean_text(&k), v))
                    .collect();
            }
            map.values_mut().for_each(clean_json);
        }
        _ => {}
    }
}

/// Vendor- or user-supplied text made safe to print in a table cell.
pub fn cell(text: &str) -> String {
    one_line(text)
}

/// Left-aligned columns; the last column is not padded.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, value) in row.iter().enumerate().take(columns) {
            widths[i] = widths[i].max(value.chars().count());
        }
    }
    let render = |cells: Vec<&str>| {
        let mut line = String::new();
        for (i, value) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                line.push_str(value);
            } else {
                line.push_str(value);
                let pad = widths[i] - value.chars().count() + 2;
                line.push_str(&" ".repeat(pad));
            }
        }
        line.trim_end().to_owned()
    };
    let mut lines = vec![render(header.to_vec())];
    for row in rows {
        lines.push(render(row.iter().map(String::as_str).collect()));
    }
    lines.join("\n")
}

/// `m:ss` (or `h:mm:ss` from an hour), as editors read clip lengths.
/// A project's clips as a table: idx, duration, score, title.
pub fn clip_table(clips: &[wayin_api::Clip]) -> String {
    let rows: Vec<Vec<String>> = clips
        .iter()
        .map(|clip| {
            vec![
                clip.idx.to_string(),
                duration_ms(clip.duration_ms()),
                score(clip.score),
                cell(&clip.title),
            ]
        })
        .collect();
    table(&["IDX", "DURATION", "SCORE", "TITLE"], &rows)
}

pub fn duration_ms(ms: Option<u64>) -> String {
    let Some(ms) = ms else {
        return "-".to_owned();
    };
    let secs = (ms + 500) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

pub fn score(score: Option<f64>) -> String {
    match score {
        None => "-".to_owned(),
        Some(s) if s.fract() == 0.0 => format!("{s:.0}"),
        Some(s) => format!("{s:.1}"),
    }
}

/// `1.5 MB`, decimal units like file managers show.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Epoch milliseconds as `YYYY-MM-DD HH:MM UTC`, without a date library.
pub fn utc(epoch_ms: u64) -> String {
    let secs = epoch_ms / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = engine::clock::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3600,
        rem / 60 % 60
    )
}

/// `in 2 d 23 h` / `3 h ago`, relative to `now_ms`.
pub fn relative(epoch_ms: u64, now_ms: u64) -> String {
    let (span, future) = if epoch_ms >= now_ms {
        (epoch_ms - now_ms, true)
    } else {
        (now_ms - epoch_ms, false)
    };
    let mins = span / 60_000;
    let text = if mins < 1 {
        "less than a minute".to_owned()
    } else if mins < 60 {
        format!("{mins} min")
    } else if mins < 24 * 60 {
        format!("{} h {} min", mins / 60, mins % 60)
    } else {
        format!("{} d {} h", mins / (24 * 60), mins / 60 % 24)
    };
    if future {
        format!("in {text}")
    } else {
        format!("{text} ago")
    }
}

pub fn now_ms() -> u64 {
    engine::clock::now_ms().max(0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_an_editor() {
        assert_eq!(duration_ms(Some(58_700)), "0:59");
        assert_eq!(duration_ms(Some(71_450)), "1:11");
        assert_eq!(duration_ms(Some(3_725_000)), "1:02:05");
        assert_eq!(duration_ms(None), "-");
    }

    #[test]
    fn scores_and_sizes() {
        assert_eq!(score(Some(94.0)), "94");
        assert_eq!(score(Some(81.55)), "81.5");
        assert_eq!(score(None), "-");
        assert_eq!(bytes(999), "999 B");
        assert_eq!(bytes(1_500_000), "1.5 MB");
    }

    #[test]
    fn dates_are_utc() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(1_775_831_883_112), "2026-04-10 14:38 UTC");
        assert_eq!(utc(951_782_400_000), "2000-02-29 00:00 UTC");
        assert_eq!(relative(3 * 86_400_000 + 3_600_000, 0), "in 3 d 1 h");
        assert_eq!(relative(0, 90 * 60_000), "1 h 30 min ago");
    }

    #[test]
    fn tables_align_and_cells_cannot_break_lines() {
        let rows = vec![
            vec!["0".into(), "1:00".into(), cell("a\nb\u{1b}[2J")],
            vec!["10".into(), "0:05".into(), "é🔥".into()],
        ];
        assert_eq!(
            table(&["IDX", "DURATION", "TITLE"], &rows),
            "IDX  DURATION  TITLE\n0    1:00      a b\n10   0:05      é🔥"
        );
    }
}
