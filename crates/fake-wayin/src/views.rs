//! JSON views of projects, clips and export tasks, shaped as the service sends them.

use serde_json::{json, Map, Value};

use crate::catalog::Project;
use crate::tasks::{ExportTask, Progress, TaskStatus};
use crate::vocabulary::clip_cost;

/// How numbers are written: some service revisions send them as strings (`"15000"`).
#[derive(Clone, Copy)]
pub(crate) struct NumberStyle {
    pub as_strings: bool,
}

impl NumberStyle {
    pub(crate) fn integer(self, value: u64) -> Value {
        if self.as_strings {
            Value::String(value.to_string())
        } else {
            Value::from(value)
        }
    }

    fn decimal(self, value: f64) -> Value {
        if self.as_strings {
            Value::String(format!("{value:?}"))
        } else {
            Value::from(value)
        }
    }
}

/// The `export_link` field of one clip.
pub(crate) enum ClipLink {
    /// Project results carry no link at all.
    Absent,
    /// Rendered, but the link is not published yet.
    Pending,
    Url(String),
}

pub(crate) fn clip(
    project: &Project,
    idx: u32,
    origin: &str,
    link: ClipLink,
    numbers: NumberStyle,
) -> Value {
    let clip = &project.clips[idx as usize];
    let mut fields = Map::new();
    fields.insert("idx".into(), Value::from(idx));
    fields.insert("title".into(), Value::from(clip.title.as_str()));
    fields.insert("begin_ms".into(), numbers.integer(clip.begin_ms));
    fields.insert("end_ms".into(), numbers.integer(clip.end_ms));
    fields.insert(
        "thumbnail".into(),
        Value::from(format!("{origin}/cdn/thumb/{}/{idx}.jpg", project.id)),
    );
    fields.insert("tags".into(), json!(clip.tags));
    fields.insert("desc".into(), Value::from(clip.desc.as_str()));
    fields.insert("score".into(), numbers.integer(u64::from(clip.score)));
    match link {
        ClipLink::Absent => {}
        ClipLink::Pending => {
            fields.insert("export_link".into(), Value::Null);
        }
        ClipLink::Url(url) => {
            fields.insert("export_link".into(), Value::from(url));
        }
    }
    Value::Object(fields)
}

pub(crate) fn project_results(
    project: &Project,
    origin: &str,
    expire_at_ms: u64,
    numbers: NumberStyle,
) -> Value {
    let clips: Vec<Value> = (0..project.clips.len() as u32)
        .map(|idx| clip(project, idx, origin, ClipLink::Absent, numbers))
        .collect();
    json!({
        "project_id": project.id,
        "name": project.name,
        "status": TaskStatus::Succeeded.as_str(),
        "expire_at": numbers.integer(expire_at_ms),
        "clips": clips,
    })
}

pub(crate) fn submitted(task: &ExportTask) -> Value {
    json!({
        "export_task_id": task.id,
        "name": task.name,
        "status": TaskStatus::Created.as_str(),
    })
}

/// Export results; `clips` holds the finished clips, in request order.
pub(crate) fn export_results(
    task: &ExportTask,
    progress: &Progress,
    clips: Vec<Value>,
    numbers: NumberStyle,
) -> Value {
    // Failed exports are not charged; finished clips are, as they finish.
    let cost = match progress.status {
        TaskStatus::Failed => 0.0,
        _ => progress.finished_clips as f64 * clip_cost(&task.resolution),
    };
    let mut data = json!({
        "export_task_id": task.id,
        "name": task.name,
        "status": progress.status.as_str(),
        "expire_at": numbers.integer(task.expire_at_ms),
        "cost_usage": numbers.decimal(cost),
        "clips": clips,
    });
    if progress.status == TaskStatus::Failed {
        data["error_message"] = Value::from(task.failure.clone().unwrap_or_default());
    }
    data
}
