//! Why the engine stopped asking the API about an export. Stored as text in
//! `exports.closed_reason`; the app, `wayin-export` and (through its `kind`) the
//! page all read it as this type.

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosedReason {
    /// Rendered, and every wanted clip had a link.
    Complete,
    /// The render failed.
    Failed,
    /// The API no longer has the results (past their expiry, or gone).
    Expired,
    /// Rendered, but the API never gave a link for these clips.
    LinksMissing(Vec<u32>),
}

impl ClosedReason {
    /// The stable name the page and scripts branch on.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Complete => "complete",
            Self::Failed => "failed",
            Self::Expired => "expired",
            Self::LinksMissing(_) => "links_missing",
        }
    }

    /// As the store keeps it: the kind, and for missing links the clips (`links_missing: 1, 3`).
    pub fn stored(&self) -> String {
        match self {
            Self::LinksMissing(clips) => {
                let list: Vec<String> = clips.iter().map(u32::to_string).collect();
                format!("{}: {}", self.kind(), list.join(", "))
            }
            other => other.kind().to_owned(),
        }
    }

    /// `None` for text this version does not know.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "complete" => Some(Self::Complete),
            "failed" => Some(Self::Failed),
            "expired" => Some(Self::Expired),
            other => {
                let list = other.strip_prefix("links_missing")?;
                let list = list.trim_start_matches(':').trim();
                let clips = list
                    .split(',')
                    .map(str::trim)
                    .filter(|idx| !idx.is_empty())
                    .map(str::parse)
                    .collect::<Result<Vec<u32>, _>>()
                    .ok()?;
                Some(Self::LinksMissing(clips))
            }
        }
    }
}

impl Serialize for ClosedReason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.stored())
    }
}

#[cfg(test)]
mod tests {
    use super::ClosedReason;

    #[test]
    fn every_reason_reads_back_as_stored() {
        for reason in [
            ClosedReason::Complete,
            ClosedReason::Failed,
            ClosedReason::Expired,
            ClosedReason::LinksMissing(vec![1, 3]),
            ClosedReason::LinksMissing(vec![]),
        ] {
            assert_eq!(ClosedReason::parse(&reason.stored()), Some(reason));
        }
        assert_eq!(
            ClosedReason::LinksMissing(vec![1, 3]).stored(),
            "links_missing: 1, 3"
        );
        assert_eq!(ClosedReason::parse("something newer"), None);
        assert_eq!(ClosedReason::parse("links_missing: x"), None);
    }
}
