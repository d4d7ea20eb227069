//! The export's options in one line a person reads: before paying for it, and as the name of
//! the timeline made from it.

use super::ExportRequest;

impl ExportRequest {
    /// `2 clips of Podcast · 4K · reframed to 1:1`: what is about to be paid for, in one line.
    /// `clip_count` is the project's, for "All 6 clips" when no clips are chosen.
    pub fn summary(&self, project: &str, clip_count: Option<usize>) -> String {
        let clips = match (self.clip_indices(), clip_count) {
            (Some(chosen), _) if chosen.len() == 1 => "1 clip".to_string(),
            (Some(chosen), _) => format!("{} clips", chosen.len()),
            (None, Some(1)) => "The only clip".to_string(),
            (None, Some(n)) => format!("All {n} clips"),
            (None, None) => "All clips".to_string(),
        };
        format!("{clips} of {project} · {}", self.options_summary())
    }

    /// `4K · translated to Spanish · captions: both, style temp-7 · AI hook (casual, at the end,
    /// 2.5 s) · reframed to 9:16`; the resolution alone when nothing else is asked for.
    pub fn options_summary(&self) -> String {
        let mut parts = vec![self.resolution().label().to_string()];
        if let Some(lang) = self.target_lang() {
            parts.push(format!("translated to {}", lang.name()));
        }
        if let Some(captions) = self.captions() {
            let style = captions
                .style
                .as_ref()
                .map_or(String::new(), |s| format!(", style {}", s.as_str()));
            parts.push(format!("captions: {}{style}", captions.display.as_wire()));
        }
        if let Some(hook) = self.hook() {
            let mut details = Vec::new();
            if let Some(style) = hook.style {
                details.push(style.as_wire().to_string());
            }
            if let Some(position) = hook.position {
                details.push(format!("at the {}", position.as_wire()));
            }
            if let Some(duration) = hook.duration {
                details.push(format!("{} s", f64::from(duration.as_ms()) / 1000.0));
            }
            parts.push(if details.is_empty() {
                "AI hook".to_string()
            } else {
                format!("AI hook ({})", details.join(", "))
            });
        }
        if let Some(ratio) = self.reframe() {
            parts.push(format!("reframed to {}", ratio.label()));
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use crate::request::ExportOptions;
    use serde_json::json;

    #[test]
    fn summary_reads_like_a_sentence() {
        let request = ExportOptions::from_json(json!({
            "resolution": "UHD_4K",
            "hook": {"position": "beginning", "durationMs": 3000},
            "reframe": "RATIO_1_1"
        }))
        .unwrap()
        .to_request("proj_x", Some(&[1, 3]))
        .unwrap();
        assert_eq!(
            request.summary("Podcast", Some(6)),
            "2 clips of Podcast · 4K · AI hook (at the beginning, 3 s) · reframed to 1:1"
        );
        let all = ExportOptions::default().to_request("proj_x", None).unwrap();
        assert_eq!(
            all.summary("Podcast", Some(6)),
            "All 6 clips of Podcast · 480p"
        );
        assert_eq!(
            all.summary("Podcast", Some(1)),
            "The only clip of Podcast · 480p"
        );
        let one = all.with_clips([4]).unwrap();
        assert_eq!(one.summary("Podcast", None), "1 clip of Podcast · 480p");
    }
}
