use std::collections::BTreeMap;
use std::sync::Arc;

use bytes::Bytes;

use crate::fixtures;
use crate::media::ClipMedia;

/// Which WayinVideo feature made a project; each kind is only visible on its own results endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProjectKind {
    AiClipping,
    FindMoments,
}

pub(crate) struct Clip {
    pub title: String,
    pub begin_ms: u64,
    pub end_ms: u64,
    pub tags: Vec<String>,
    pub desc: String,
    pub score: u32,
    pub media: ClipMedia,
    pub thumbnail: Bytes,
}

pub(crate) struct Project {
    pub id: String,
    pub name: String,
    pub kind: ProjectKind,
    /// Ordered by viral potential, as the service orders them; the position is the clip's `idx`.
    pub clips: Vec<Clip>,
}

/// The projects the fake knows: the demo fixtures plus any synthetic ones added at run time.
pub(crate) struct Catalog {
    projects: BTreeMap<String, Arc<Project>>,
}

impl Catalog {
    pub(crate) fn with_demo_projects() -> Catalog {
        let mut catalog = Catalog {
            projects: BTreeMap::new(),
        };
        for project in fixtures::demo_projects() {
            catalog.insert(project);
        }
        catalog
    }

    pub(crate) fn insert(&mut self, project: Project) {
        self.projects.insert(project.id.clone(), Arc::new(project));
    }

    pub(crate) fn get(&self, project_id: &str) -> Option<Arc<Project>> {
        self.projects.get(project_id).cloned()
    }

    pub(crate) fn ids(&self) -> Vec<String> {
        self.projects.keys().cloned().collect()
    }
}
