//! What the creation endpoints answer, read in every shape the vendor documents.

use serde::{Deserialize, Serialize};

use crate::lenient;
use crate::models::{Clip, TaskStatus};

/// Where to PUT a file, and what names it once it is there. The link expires after an hour
/// and the identity serves one project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UploadTicket {
    pub upload_url: String,
    pub identity: String,
}

#[derive(Deserialize)]
struct TicketBody {
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    upload_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    identity: Option<String>,
    /// The same field as the vendor's older pages spell it.
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    identify: Option<String>,
}

impl<'de> Deserialize<'de> for UploadTicket {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let body = TicketBody::deserialize(d)?;
        let upload_url = body
            .upload_url
            .ok_or_else(|| serde::de::Error::missing_field("upload_url"))?;
        let identity = body
            .identity
            .or(body.identify)
            .ok_or_else(|| serde::de::Error::missing_field("identity"))?;
        Ok(Self {
            upload_url,
            identity,
        })
    }
}

/// A project accepted for creation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectCreated {
    pub id: String,
    pub name: Option<String>,
    pub status: TaskStatus,
}

#[derive(Deserialize)]
struct CreatedBody {
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    project_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    name: Option<String>,
    #[serde(default)]
    status: Option<TaskStatus>,
}

impl<'de> Deserialize<'de> for ProjectCreated {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let body = CreatedBody::deserialize(d)?;
        let id = body
            .id
            .or(body.project_id)
            .ok_or_else(|| serde::de::Error::missing_field("id"))?;
        Ok(Self {
            id,
            name: body.name,
            status: body.status.unwrap_or(TaskStatus::Created),
        })
    }
}

/// A project being created: its state, and the clips found so far (all of them once it
/// succeeded).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreationResults {
    pub id: Option<String>,
    pub name: Option<String>,
    pub status: TaskStatus,
    /// The vendor's words, when it FAILED.
    pub error_message: Option<String>,
    /// Epoch milliseconds after which the results can no longer be read.
    pub expire_at: Option<u64>,
    /// API units the creation used.
    pub cost: Option<f64>,
    pub clips: Vec<Clip>,
}

#[derive(Deserialize)]
struct ResultsBody {
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    name: Option<String>,
    #[serde(default)]
    status: Option<TaskStatus>,
    #[serde(default, deserialize_with = "lenient::opt_nonempty_string")]
    error_message: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    expire_at: Option<u64>,
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    cost_usage: Option<f64>,
    /// The same figure as the vendor's older pages name it.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    api_units_usage: Option<f64>,
    #[serde(default, deserialize_with = "lenient::vec_or_null")]
    clips: Vec<Clip>,
}

impl<'de> Deserialize<'de> for CreationResults {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let body = ResultsBody::deserialize(d)?;
        Ok(Self {
            id: body.id,
            name: body.name,
            status: body.status.unwrap_or(TaskStatus::Created),
            error_message: body.error_message,
            expire_at: body.expire_at,
            cost: body.cost_usage.or(body.api_units_usage),
            clips: body.clips,
        })
    }
}

impl CreationResults {
    /// The best `limit` clips by score (all when `None`), in the API's order: the limit holds
    /// even when the API ignored it.
    pub fn best(&self, limit: Option<u32>) -> Vec<Clip> {
        best_clips(&self.clips, limit)
    }
}

/// Higher score first (no score counts as 0), then the API's order.
pub fn best_first(a: &Clip, b: &Clip) -> std::cmp::Ordering {
    b.score
        .unwrap_or(0.0)
        .total_cmp(&a.score.unwrap_or(0.0))
        .then(a.idx.cmp(&b.idx))
}

/// The best `limit` of `clips` by score (all when `None`), in their own order.
pub fn best_clips(clips: &[Clip], limit: Option<u32>) -> Vec<Clip> {
    let Some(limit) = limit else {
        return clips.to_vec();
    };
    let mut ranked: Vec<&Clip> = clips.iter().collect();
    ranked.sort_by(|a, b| best_first(a, b));
    let kept: std::collections::HashSet<u32> =
        ranked.iter().take(limit as usize).map(|c| c.idx).collect();
    clips
        .iter()
        .filter(|c| kept.contains(&c.idx))
        .cloned()
        .collect()
}
