//! "Start from the footage": what a person typed or chose, read into a project to create,
//! the same for the window and `wayin-export new`. Everything that can be refused is refused
//! here or in the engine, before any request.

use std::path::PathBuf;

use engine::{CreationSpec, SourceMoved, Store};
use wayin_api::create::{ClipLength, CreateRequest, ProjectSettings, VideoSource};

use crate::AppError;

/// A new project as a person describes it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NewProject {
    /// A file on this machine, or an http(s) link to a video page.
    pub source: String,
    /// Find Moments with this query; AI Clipping when `None`.
    pub moments: Option<String>,
    /// AI Clipping's clip length, as `0-30`, `30-60`… (`0-90` when `None`).
    pub length: Option<String>,
    /// At most this many clips, the best by score.
    pub max_clips: Option<u32>,
    pub source_lang: Option<String>,
    /// The language the clips' titles and captions are in.
    pub lang: Option<String>,
    pub name: Option<String>,
}

impl NewProject {
    /// The project to create from `source`, a file when it is not a link, or why not (naming
    /// the field). A file's own checks (its type, size, that it can be read) are the engine's,
    /// made before anything is recorded.
    pub fn spec(&self) -> Result<CreationSpec, AppError> {
        let source = self.source.trim();
        if is_file_path(source) {
            self.file_spec(PathBuf::from(source))
        } else {
            self.link_spec()
        }
    }

    /// The project made from `source` read as a link, whatever it looks like.
    pub fn link_spec(&self) -> Result<CreationSpec, AppError> {
        let video = VideoSource::link(&self.source).map_err(invalid)?;
        Ok(CreationSpec::Link(self.request(video)?))
    }

    /// The project made from the file at `path` (`source` is not read).
    pub fn file_spec(&self, path: PathBuf) -> Result<CreationSpec, AppError> {
        let request = self.request(VideoSource::Uploaded(String::new()))?;
        Ok(CreationSpec::File {
            path: std::path::absolute(&path).unwrap_or(path),
            request,
        })
    }

    /// Everything but the source, checked before anyone is asked for a file.
    pub fn check_choices(&self) -> Result<(), AppError> {
        self.request(VideoSource::Uploaded(String::new())).map(drop)
    }

    fn request(&self, video: VideoSource) -> Result<CreateRequest, AppError> {
        let settings = ProjectSettings::new(
            self.name.as_deref(),
            self.source_lang.as_deref(),
            self.lang.as_deref(),
            self.max_clips,
        )
        .map_err(invalid)?;
        Ok(match self.moments.as_deref() {
            Some(query) => CreateRequest::find_moments(video, settings, query).map_err(invalid)?,
            None => {
                let length = match self.length.as_deref() {
                    Some(length) => ClipLength::parse(length).map_err(invalid)?,
                    None => ClipLength::default(),
                };
                CreateRequest::ai_clipping(video, settings, length)
            }
        })
    }
}

fn invalid(error: wayin_api::create::CreateError) -> AppError {
    AppError::InvalidRequest(error.to_string())
}

/// Anything that is not a link is taken as a file: `C:\clips\talk.mp4`, `./talk.mp4`,
/// `talk.mp4`.
fn is_file_path(text: &str) -> bool {
    !text.is_empty() && !text.contains("://")
}

/// The source video a project was made from on this machine: `Ok(None)` when it was made
/// elsewhere or from a link, an error when its file moved or changed since. Reads the store
/// and the file: call it off the async workers.
pub fn project_source(store: &Store, project_id: &str) -> Result<Option<PathBuf>, SourceMoved> {
    let Ok(Some(creation)) = store.creation_by_project(project_id) else {
        return Ok(None);
    };
    engine::check_source(&creation.source).transpose()
}

/// A project made here with "at most N clips" shows its best N even when the API found more
/// (Find Moments ignores the limit). Reads the store: call it off the async workers.
pub fn keep_chosen_clip_count(store: &Store, project: &mut wayin_api::ProjectClips) {
    let Ok(Some(creation)) = store.creation_by_project(&project.project_id) else {
        return;
    };
    if creation.clip_limit.is_some() {
        project.clips = wayin_api::create::best_clips(&project.clips, creation.clip_limit);
    }
}
