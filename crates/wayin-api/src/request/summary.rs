//! The export's options in one line a person reads: before paying for it, and as the name of
//! the timeline made from it.

use super::ExportRequest;

impl ExportRequest {
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
