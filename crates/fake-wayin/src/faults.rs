use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Misbehaviours the fake can be switched into, to exercise a client's recovery paths.
///
/// Everything is off by default. A project-scoped set replaces the global set entirely for that
/// project (fields are not merged), so a test can switch one project to "no faults" while the
/// rest of the server misbehaves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Cut clip downloads after this many body bytes (the client sees an incomplete body).
    pub drop_after_bytes: Option<u64>,
    /// How many requests of each exported file are cut before downloads of it succeed.
    /// Defaults to 1 so that `drop_after_bytes` alone does something.
    pub drop_times: u32,
    /// Every k-th API call in this scope answers 500 `{"message":"Internal Server Error"}`.
    pub error_every: Option<u32>,
    /// Delay every API answer in this scope by this many milliseconds.
    pub slow_ms: Option<u64>,
    /// After a task turns SUCCEEDED, the next N export-results calls still return the last
    /// requested clip with `export_link: null`.
    pub late_last_link_polls: Option<u32>,
    /// Send `begin_ms`, `end_ms`, `score`, `expire_at` and `cost_usage` as JSON strings.
    pub numbers_as_strings: bool,
    /// The CDN ignores `Range` and always answers 200 with the whole file.
    pub ignore_range: bool,
    /// Export tasks submitted while this is set turn FAILED after QUEUED with this message.
    pub fail_export: Option<String>,
    /// Answer in the older envelope `{"code":"0","data":{...},"message":"success"}`.
    pub legacy_envelope: bool,
    /// Lifetime of freshly issued `export_link`s, overriding the server's `link_ttl`.
    pub link_ttl_ms: Option<u64>,
    /// Projects created while this is set turn FAILED after QUEUED with this message.
    pub fail_creation: Option<String>,
    /// Lifetime of upload links issued while this is set, overriding the server's `upload_ttl`.
    pub upload_ttl_ms: Option<u64>,
    /// The storage host breaks off the first PUT of each upload link after this many bytes
    /// (answering 500 and closing the connection), as a dropped upload does.
    pub drop_upload_after_bytes: Option<u64>,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            drop_after_bytes: None,
            drop_times: 1,
            error_every: None,
            slow_ms: None,
            late_last_link_polls: None,
            numbers_as_strings: false,
            ignore_range: false,
            fail_export: None,
            legacy_envelope: false,
            link_ttl_ms: None,
            fail_creation: None,
            upload_ttl_ms: None,
            drop_upload_after_bytes: None,
        }
    }
}

/// Where a set of [`Faults`] applies.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FaultScope {
    Global,
    Project(String),
}

impl FaultScope {
    /// The admin API's spelling: `"global"` or a project id.
    pub fn from_label(label: &str) -> FaultScope {
        if label == "global" {
            FaultScope::Global
        } else {
            FaultScope::Project(label.to_string())
        }
    }
}

/// What one API call must do to misbehave, decided when the call starts.
pub(crate) struct CallFaults {
    pub faults: Faults,
    pub answer_500: bool,
}

/// The fault switches in force, plus the counters that make "every k-th call" and "the first n
/// downloads" deterministic.
#[derive(Default)]
pub(crate) struct FaultBook {
    global: Faults,
    by_project: HashMap<String, Faults>,
    api_calls: HashMap<FaultScope, u64>,
    cut_downloads: HashMap<String, u32>,
}

impl FaultBook {
    pub(crate) fn set(&mut self, scope: FaultScope, faults: Faults) {
        // A fresh set of faults starts its own count, so "every 3rd call" means from now on.
        self.api_calls.remove(&scope);
        match scope {
            FaultScope::Global => self.global = faults,
            FaultScope::Project(project_id) => {
                self.by_project.insert(project_id, faults);
            }
        }
    }

    pub(crate) fn clear(&mut self) {
        *self = FaultBook::default();
    }

    pub(crate) fn for_project(&self, project_id: Option<&str>) -> &Faults {
        project_id
            .and_then(|id| self.by_project.get(id))
            .unwrap_or(&self.global)
    }

    fn scope_of(&self, project_id: Option<&str>) -> FaultScope {
        match project_id {
            Some(id) if self.by_project.contains_key(id) => FaultScope::Project(id.to_string()),
            _ => FaultScope::Global,
        }
    }

    /// Counts one API call about `project_id` (if known) and says how it must misbehave.
    pub(crate) fn begin_api_call(&mut self, project_id: Option<&str>) -> CallFaults {
        let count = self.api_calls.entry(self.scope_of(project_id)).or_insert(0);
        *count += 1;
        let count = *count;
        let faults = self.for_project(project_id).clone();
        let answer_500 = matches!(faults.error_every, Some(every) if every > 0 && count.is_multiple_of(u64::from(every)));
        CallFaults { faults, answer_500 }
    }

    /// If this download of `file_key` must be cut, the number of body bytes to send first.
    ///
    /// Only downloads that really get cut use up `drop_times`; one whose body is shorter than the
    /// cut point completes and leaves the budget for the next.
    pub(crate) fn take_download_cut(
        &mut self,
        project_id: &str,
        file_key: &str,
        body_len: u64,
    ) -> Option<u64> {
        let faults = self.for_project(Some(project_id));
        let cut_at = faults.drop_after_bytes?;
        let allowed = faults.drop_times;
        if cut_at >= body_len {
            return None;
        }
        let done = self.cut_downloads.entry(file_key.to_string()).or_insert(0);
        if *done >= allowed {
            return None;
        }
        *done += 1;
        Some(cut_at)
    }

    pub(crate) fn snapshot(&self) -> serde_json::Value {
        serde_json::json!({ "global": self.global, "projects": self.by_project })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_scope_replaces_global() {
        let mut book = FaultBook::default();
        book.set(
            FaultScope::Global,
            Faults {
                legacy_envelope: true,
                ..Faults::default()
            },
        );
        book.set(
            FaultScope::Project("p".into()),
            Faults {
                ignore_range: true,
                ..Faults::default()
            },
        );
        assert!(book.for_project(Some("other")).legacy_envelope);
        assert!(!book.for_project(Some("p")).legacy_envelope);
        assert!(book.for_project(Some("p")).ignore_range);
    }

    #[test]
    fn error_every_counts_per_scope() {
        let mut book = FaultBook::default();
        book.set(
            FaultScope::Global,
            Faults {
                error_every: Some(2),
                ..Faults::default()
            },
        );
        let failures: Vec<bool> = (0..4)
            .map(|_| book.begin_api_call(None).answer_500)
            .collect();
        assert_eq!(failures, [false, true, false, true]);
    }

    #[test]
    fn downloads_are_cut_only_the_configured_number_of_times() {
        let mut book = FaultBook::default();
        book.set(
            FaultScope::Global,
            Faults {
                drop_after_bytes: Some(10),
                drop_times: 2,
                ..Faults::default()
            },
        );
        assert_eq!(book.take_download_cut("p", "t/0", 5), None);
        assert_eq!(book.take_download_cut("p", "t/0", 100), Some(10));
        assert_eq!(book.take_download_cut("p", "t/0", 100), Some(10));
        assert_eq!(book.take_download_cut("p", "t/0", 100), None);
        assert_eq!(book.take_download_cut("p", "t/1", 100), Some(10));
    }
}
