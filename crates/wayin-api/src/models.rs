use serde::{Deserialize, Serialize};

use crate::lenient;

/// A task's state. Values the API may add later are kept as they are and read as
/// "still working", so a new state never stops an export from being followed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TaskStatus {
    Created,
    Queued,
    Ongoing,
    Succeeded,
    Failed,
    Other(String),
}

impl TaskStatus {
    pub fn parse(text: &str) -> Self {
        match text.trim().to_ascii_uppercase().as_str() {
            "CREATED" => Self::Created,
            "QUEUED" => Self::Queued,
            "ONGOING" => Self::Ongoing,
            "SUCCEEDED" => Self::Succeeded,
            "FAILED" => Self::Failed,
            _ => Self::Other(text.trim().to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Created => "CREATED",
            Self::Queued => "QUEUED",
            Self::Ongoing => "ONGOING",
            Self::Succeeded => "SUCCEEDED",
            Self::Failed => "FAILED",
            Self::Other(text) => text,
        }
    }

    /// SUCCEEDED or FAILED: the task will not change any more (though a SUCCEEDED
    /// task's links may still be arriving).
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Succeeded | Self::Failed)
    }
}

impl Serialize for TaskStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TaskStatus {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = Option::<String>::deserialize(d)?.unwrap_or_default();
        Ok(Self::parse(&text))
    }
}

impl std::fmt::Display for TaskStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One clip, as both the project results and the export results describe it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Clip {
    #[serde(deserialize_with = "lenient::u32_required")]
    pub idx: u32,
    #[serde(default, deserialize_with = "lenient::string_or_null")]
    pub title: String,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub begin_ms: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub end_ms: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    pub thumbnail: Option<String>,
    #[serde(default, deserialize_with = "lenient::vec_or_null")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "lenient::string_or_null")]
    pub desc: String,
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub score: Option<f64>,
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    pub export_link: Option<String>,
}

impl Clip {
    pub fn duration_ms(&self) -> Option<u64> {
        Some(self.end_ms?.saturating_sub(self.begin_ms?))
    }
}

/// Which kind of task made a project: the id alone does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    AiClipping,
    FindMoments,
}

/// A project's clips, from whichever results endpoint knew the id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectClips {
    pub project_id: String,
    pub kind: TaskKind,
    pub name: Option<String>,
    pub status: Option<TaskStatus>,
    pub clips: Vec<Clip>,
}

/// The part of a results body this client reads; everything else is ignored.
#[derive(Debug, Deserialize)]
pub(crate) struct ProjectResultsBody {
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    pub title: Option<String>,
    #[serde(default)]
    pub status: Option<TaskStatus>,
    #[serde(default, deserialize_with = "lenient::vec_or_null")]
    pub clips: Vec<Clip>,
}

/// The answer to a submitted export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportSubmitted {
    pub export_task_id: String,
    #[serde(default, deserialize_with = "lenient::string_or_null")]
    pub name: String,
    #[serde(default = "created")]
    pub status: TaskStatus,
}

fn created() -> TaskStatus {
    TaskStatus::Created
}

/// An export task's progress and, once rendered, its clips' links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportTask {
    pub export_task_id: String,
    #[serde(default, deserialize_with = "lenient::string_or_null")]
    pub name: String,
    pub status: TaskStatus,
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    pub error_message: Option<String>,
    /// Epoch milliseconds after which the results endpoint forgets the task.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub expire_at: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub cost_usage: Option<f64>,
    #[serde(default, deserialize_with = "lenient::vec_or_null")]
    pub clips: Vec<Clip>,
}

impl ExportTask {
    pub fn clip(&self, idx: u32) -> Option<&Clip> {
        self.clips.iter().find(|c| c.idx == idx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn clip_accepts_numbers_as_strings_nulls_and_extra_fields() {
        let clip: Clip = serde_json::from_value(json!({
            "idx": "3", "title": null, "begin_ms": "15000", "end_ms": 75000.0,
            "thumbnail": "", "tags": null, "score": "81.5", "export_link": null,
            "brand_new_field": {"nested": true}
        }))
        .unwrap();
        assert_eq!(clip.idx, 3);
        assert_eq!(clip.title, "");
        assert_eq!(clip.duration_ms(), Some(60_000));
        assert_eq!(clip.thumbnail, None);
        assert!(clip.tags.is_empty());
        assert_eq!(clip.score, Some(81.5));
        assert_eq!(clip.export_link, None);
    }

    #[test]
    fn clip_without_link_field_and_with_garbage_number_is_an_error_not_a_guess() {
        let clip: Clip = serde_json::from_value(json!({"idx": 0})).unwrap();
        assert_eq!(clip.export_link, None);
        assert!(serde_json::from_value::<Clip>(json!({"idx": 0, "begin_ms": "soon"})).is_err());
        assert!(serde_json::from_value::<Clip>(json!({"idx": -1})).is_err());
    }

    #[test]
    fn unknown_status_is_kept() {
        let task: ExportTask = serde_json::from_value(json!({
            "export_task_id": "t", "status": "RENDERING_HDR", "expire_at": "1775831883112",
            "cost_usage": "48.0"
        }))
        .unwrap();
        assert_eq!(task.status, TaskStatus::Other("RENDERING_HDR".into()));
        assert!(!task.status.is_final());
        assert_eq!(task.expire_at, Some(1_775_831_883_112));
        assert_eq!(task.cost_usage, Some(48.0));
        assert_eq!(
            serde_json::to_value(&task.status).unwrap(),
            json!("RENDERING_HDR")
        );
    }
}
