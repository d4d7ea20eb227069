//! The projects opened lately, newest first, so a project can be reopened
//! without pasting its id again.

use serde::{Deserialize, Serialize};
use wayin_api::TaskKind;

use crate::{EngineError, Store};

const RECENT_PROJECTS: &str = "recent_projects";
const KEEP: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecentProject {
    pub project_id: String,
    pub name: Option<String>,
    pub kind: TaskKind,
    /// Epoch milliseconds.
    pub opened_at: i64,
}

pub fn list(store: &Store) -> Result<Vec<RecentProject>, EngineError> {
    // A damaged list is only a convenience lost: start a new one rather than fail.
    Ok(store
        .setting(RECENT_PROJECTS)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

pub fn remember(store: &Store, opened: RecentProject) -> Result<(), EngineError> {
    let mut recent = list(store)?;
    recent.retain(|p| p.project_id != opened.project_id);
    recent.insert(0, opened);
    recent.truncate(KEEP);
    let json = serde_json::to_string(&recent).expect("recent projects serialise");
    store.set_setting(RECENT_PROJECTS, &json)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(id: &str, at: i64) -> RecentProject {
        RecentProject {
            project_id: id.into(),
            name: Some(format!("Name of {id}")),
            kind: TaskKind::AiClipping,
            opened_at: at,
        }
    }

    #[test]
    fn newest_first_without_duplicates_and_at_most_ten() {
        let store = Store::open_in_memory().unwrap();
        for i in 0..12 {
            remember(&store, project(&format!("proj_{i}"), i)).unwrap();
        }
        remember(&store, project("proj_5", 100)).unwrap();
        let ids: Vec<String> = list(&store)
            .unwrap()
            .into_iter()
            .map(|p| p.project_id)
            .collect();
        assert_eq!(
            ids,
            [
                "proj_5", "proj_11", "proj_10", "proj_9", "proj_8", "proj_7", "proj_6", "proj_4",
                "proj_3", "proj_2"
            ]
        );
    }

    #[test]
    fn a_damaged_list_starts_again() {
        let store = Store::open_in_memory().unwrap();
        store.set_setting(RECENT_PROJECTS, "{not json").unwrap();
        assert!(list(&store).unwrap().is_empty());
        remember(&store, project("proj_1", 1)).unwrap();
        assert_eq!(list(&store).unwrap().len(), 1);
    }

    #[test]
    fn serialises_for_the_page() {
        let json = serde_json::to_string(&project("prj_x", 5)).unwrap();
        assert_eq!(
            json,
            r#"{"projectId":"prj_x","name":"Name of prj_x","kind":"ai_clipping","openedAt":5}"#
        );
    }
}
