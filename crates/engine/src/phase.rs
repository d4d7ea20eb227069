//! Where an export stands, in the words every front end uses: the app's badge, the
//! page's table (keyed by [`ExportPhase::as_str`], listed in the catalog) and
//! `wayin-export`'s JSON all come from this one decision.

use serde::Serialize;

use crate::store::{ExportRecord, SubmitState};
use crate::ClosedReason;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportPhase {
    /// Recorded; the request is on its way.
    Sending,
    /// The request's answer was lost: it may have been accepted and charged.
    Unknown,
    /// The API refused the request.
    Refused,
    /// Accepted (or attached); the API has said nothing about it yet.
    Waiting,
    /// The API is rendering it (created, queued, ongoing, or a status not documented).
    Rendering,
    /// Rendered; clips are downloading.
    Downloading,
    /// Every wanted clip is on disk.
    Done,
    /// The render failed.
    Failed,
    /// The results expired before every clip was downloaded.
    Expired,
    /// Over without every clip: links that never came, a download failed or stopped.
    Incomplete,
}

impl ExportPhase {
    pub const ALL: [Self; 10] = [
        Self::Sending,
        Self::Unknown,
        Self::Refused,
        Self::Waiting,
        Self::Rendering,
        Self::Downloading,
        Self::Done,
        Self::Failed,
        Self::Expired,
        Self::Incomplete,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sending => "sending",
            Self::Unknown => "unknown",
            Self::Refused => "refused",
            Self::Waiting => "waiting",
            Self::Rendering => "rendering",
            Self::Downloading => "downloading",
            Self::Done => "done",
            Self::Failed => "failed",
            Self::Expired => "expired",
            Self::Incomplete => "incomplete",
        }
    }

    /// The phase of `export`, given whether it is settled and complete.
    pub fn of(export: &ExportRecord, settled: bool, complete: bool) -> Self {
        match export.submit_state {
            SubmitState::Pending => return Self::Sending,
            SubmitState::Unknown => return Self::Unknown,
            SubmitState::Rejected => return Self::Refused,
            SubmitState::Sent | SubmitState::Attached => {}
        }
        if export.is_failed() {
            return Self::Failed;
        }
        if settled {
            return match (complete, &export.closed_reason) {
                (true, _) => Self::Done,
                (false, Some(ClosedReason::Expired)) => Self::Expired,
                (false, _) => Self::Incomplete,
            };
        }
        match export.status.as_deref() {
            None => Self::Waiting,
            Some("SUCCEEDED") => Self::Downloading,
            Some(_) => Self::Rendering,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_serialised_ones() {
        for phase in ExportPhase::ALL {
            assert_eq!(
                serde_json::to_value(phase).unwrap(),
                serde_json::Value::from(phase.as_str())
            );
        }
    }
}
