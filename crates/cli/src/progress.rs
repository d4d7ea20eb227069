//! Progress on stderr: one indicatif bar per clip on a terminal, plain lines
//! otherwise (pipes, CI logs, `--json`), so stdout stays for results.

use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use wayin_api::safe_text::clean_text;

use crate::error::one_line;
use crate::output::bytes;

pub struct Progress {
    mode: Mode,
    render: Option<ProgressBar>,
    clips: HashMap<u32, Clip>,
    /// Clips whose end was printed: the final summary may report them again.
    ended: HashSet<u32>,
    last_render_status: Option<String>,
    /// A source video on its way to WayinVideo.
    upload: Option<Clip>,
}

enum Mode {
    Bars(MultiProgress),
    Lines,
}

struct Clip {
    bar: Option<ProgressBar>,
    /// Plain mode prints a line per quarter, not per update.
    last_quarter: u8,
    total: Option<u64>,
}

impl Progress {
    pub fn new(json: bool) -> Self {
        let mode = if !json && std::io::stderr().is_terminal() {
            Mode::Bars(MultiProgress::with_draw_target(
                ProgressDrawTarget::stderr_with_hz(10),
            ))
        } else {
            Mode::Lines
        };
        Self {
            mode,
            render: None,
            clips: HashMap::new(),
            ended: HashSet::new(),
            last_render_status: None,
            upload: None,
        }
    }

    /// The source video's upload: a bar on a terminal, a line per quarter otherwise.
    pub fn upload_progress(
        &mut self,
        done: u64,
        total: u64,
        bytes_per_sec: f64,
        eta_secs: Option<f64>,
    ) {
        let mode = &self.mode;
        let upload = self.upload.get_or_insert_with(|| Clip {
            bar: match mode {
                Mode::Bars(multi) => {
                    let bar = multi.add(ProgressBar::new(total));
                    bar.set_style(bar_style(true));
                    Some(bar)
                }
                Mode::Lines => None,
            },
            last_quarter: 0,
            total: Some(total),
        });
        match &upload.bar {
            Some(bar) => {
                bar.set_position(done);
                let (speed, eta) = speed_and_eta(Some(bytes_per_sec), eta_secs);
                bar.set_prefix(format!("upload   {speed:>10}  {eta:>9}"));
            }
            None if total > 0 => {
                let quarter = (done.min(total) * 4 / total) as u8;
                if quarter > upload.last_quarter {
                    upload.last_quarter = quarter;
                    eprintln!("upload: {}% of {}", u32::from(quarter) * 25, bytes(total));
                }
            }
            None => {}
        }
    }

    /// The upload is over, sent or not.
    pub fn upload_done(&mut self, text: &str) {
        match self.upload.take().and_then(|upload| upload.bar) {
            Some(bar) => bar.finish_with_message(one_line(text)),
            None => self.println(&format!("upload: {}", one_line(text))),
        }
    }

    /// A line that must not be torn by the bars being redrawn.
    pub fn println(&self, text: &str) {
        match &self.mode {
            Mode::Bars(multi) => {
                let _ = multi.println(clean_text(text));
            }
            Mode::Lines => eprintln!("{}", clean_text(text)),
        }
    }

    /// The render's state, e.g. `QUEUED` or `ONGOING · 2 of 5 clips rendered`.
    pub fn render_status(&mut self, status: &str, detail: Option<String>) {
        let text = match &detail {
            Some(detail) => format!("{} · {}", one_line(status), one_line(detail)),
            None => one_line(status),
        };
        if self.last_render_status.as_deref() == Some(text.as_str()) {
            return;
        }
        self.last_render_status = Some(text.clone());
        match &self.mode {
            Mode::Bars(multi) => {
                let bar = self.render.get_or_insert_with(|| {
                    let bar = multi.insert(0, ProgressBar::new_spinner());
                    bar.set_style(
                        ProgressStyle::with_template("{spinner} render  {msg}")
                            .expect("valid template"),
                    );
                    bar.enable_steady_tick(Duration::from_millis(120));
                    bar
                });
                bar.set_message(text);
            }
            Mode::Lines => eprintln!("render: {text}"),
        }
    }

    pub fn render_done(&mut self, text: &str) {
        match self.render.take() {
            Some(bar) => bar.finish_with_message(one_line(text)),
            None => self.println(&format!("render: {}", one_line(text))),
        }
    }

    /// A clip's download began (or resumed) into `name`.
    pub fn clip_started(&mut self, idx: u32, name: &str, total: Option<u64>) {
        // A retried clip starts again; an ended one only when it was not saved.
        self.ended.remove(&idx);
        let label = format!("clip {idx:>2}");
        // Room for speed and time left from the start, so the bar does not jump.
        let prefix = clip_prefix(idx, "", "");
        let name = one_line(name);
        let clip = match &self.mode {
            Mode::Bars(multi) => {
                if let Some(existing) = self.clips.get(&idx) {
                    if existing.bar.is_some() {
                        return;
                    }
                }
                let bar = multi.add(ProgressBar::new(total.unwrap_or(0)));
                bar.set_style(bar_style(total.is_some()));
                bar.set_prefix(prefix);
                bar.set_message(name);
                Clip {
                    bar: Some(bar),
                    last_quarter: 0,
                    total,
                }
            }
            Mode::Lines => {
                if self.clips.contains_key(&idx) {
                    return;
                }
                eprintln!("{label}: downloading {name}");
                Clip {
                    bar: None,
                    last_quarter: 0,
                    total,
                }
            }
        };
        self.clips.insert(idx, clip);
    }

    pub fn clip_progress(
        &mut self,
        idx: u32,
        done: u64,
        total: Option<u64>,
        bytes_per_sec: Option<f64>,
        eta_secs: Option<f64>,
    ) {
        let Some(clip) = self.clips.get_mut(&idx) else {
            return;
        };
        if total.is_some() && clip.total != total {
            clip.total = total;
            if let Some(bar) = &clip.bar {
                bar.set_style(bar_style(true));
                bar.set_length(total.unwrap_or(0));
            }
        }
        match &clip.bar {
            Some(bar) => {
                bar.set_position(done);
                let (speed, eta) = speed_and_eta(bytes_per_sec, eta_secs);
                bar.set_prefix(clip_prefix(idx, &speed, &eta));
            }
            None => {
                let Some(total) = clip.total.filter(|&t| t > 0) else {
                    return;
                };
                let quarter = (done.min(total) * 4 / total) as u8;
                if quarter > clip.last_quarter && quarter < 4 {
                    clip.last_quarter = quarter;
                    eprintln!(
                        "clip {idx:>2}: {}% of {}",
                        u32::from(quarter) * 25,
                        bytes(total)
                    );
                }
            }
        }
    }

    pub fn clip_done(&mut self, idx: u32, path: &str, size: Option<u64>) {
        let size = size.map(|s| format!(" ({})", bytes(s))).unwrap_or_default();
        let text = format!("clip {idx:>2}: saved {}{size}", one_line(path));
        self.finish_clip(idx, text);
    }

    pub fn clip_failed(&mut self, idx: u32, reason: &str) {
        let text = format!("clip {idx:>2}: failed: {}", one_line(reason));
        self.finish_clip(idx, text);
    }

    fn finish_clip(&mut self, idx: u32, text: String) {
        if !self.ended.insert(idx) {
            return;
        }
        match self.clips.get_mut(&idx).and_then(|c| c.bar.take()) {
            Some(bar) => {
                bar.finish_and_clear();
                self.println(&text);
            }
            None => self.println(&text),
        }
    }

    /// Stops drawing: every bar is cleared so the summary starts on a clean line.
    pub fn finish(&mut self) {
        if let Some(bar) = self.render.take() {
            bar.finish_and_clear();
        }
        for clip in self.clips.values_mut() {
            if let Some(bar) = clip.bar.take() {
                bar.abandon();
            }
        }
        if let Mode::Bars(multi) = &self.mode {
            let _ = multi.clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// `12.3 MB/s` and `ETA 0:42`, each empty while unknown.
fn speed_and_eta(bytes_per_sec: Option<f64>, eta_secs: Option<f64>) -> (String, String) {
    let speed = bytes_per_sec
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(|s| format!("{}/s", bytes(s as u64)))
        .unwrap_or_default();
    let eta = eta_secs
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| format!("ETA {}", clock(s as u64)))
        .unwrap_or_default();
    (speed, eta)
}

fn clip_prefix(idx: u32, speed: &str, eta: &str) -> String {
    format!("clip {idx:>2}  {speed:>10}  {eta:>9}")
}

/// Decimal units throughout, like the speed and the summary.
fn bar_style(known_total: bool) -> ProgressStyle {
    let template = if known_total {
        "{prefix} [{bar:28.cyan/blue}] {decimal_bytes:>9}/{decimal_total_bytes:<9} {wide_msg}"
    } else {
        "{prefix} {spinner} {decimal_bytes:>9} {wide_msg}"
    };
    ProgressStyle::with_template(template)
        .expect("valid template")
        .progress_chars("=> ")
}

fn clock(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_like_a_timer() {
        assert_eq!(clock(5), "0:05");
        assert_eq!(clock(125), "2:05");
        assert_eq!(clock(3725), "1:02:05");
    }

    #[test]
    fn plain_mode_accepts_any_sequence_without_panicking() {
        let mut p = Progress::new(true);
        p.clip_progress(9, 10, Some(100), None, None);
        p.render_status("QUEUED", None);
        p.render_status("QUEUED", None);
        p.clip_started(0, "a\nb.mp4", Some(100));
        p.clip_progress(0, 60, Some(100), Some(1e6), Some(1.0));
        p.clip_done(0, "/tmp/a b.mp4", Some(100));
        p.clip_failed(1, "never started");
        p.render_done("SUCCEEDED");
        p.finish();
    }
}
