//! The file name a template gives a real clip of an open project, shown while the template
//! is edited.

use engine::naming::{ExportFrame, NameFields, Template};
use wayin_api::ExportOptions;

use crate::{AppError, ModeState};

impl ModeState {
    /// The file name `template` gives clip `idx` of a project opened in this run. `options`,
    /// when given, fills `{resolution}` and `{ratio}` as the export would; without them the
    /// API's defaults are shown.
    pub fn preview_file_name(
        &self,
        template: &str,
        project_id: &str,
        idx: u32,
        options: Option<serde_json::Value>,
    ) -> Result<String, AppError> {
        let template = Template::parse(template)?;
        let project = self.open_project(project_id).ok_or_else(|| {
            AppError::NotFound(format!("Project {project_id} is not open: open it first."))
        })?;
        let clip = project.clips.iter().find(|c| c.idx == idx).ok_or_else(|| {
            AppError::NotFound(format!("Project {project_id} has no clip {idx}."))
        })?;
        let options = options
            .map(ExportOptions::from_json)
            .transpose()?
            .unwrap_or_default();
        let request = options.to_request(project_id, None)?;
        let look = ExportFrame {
            resolution: Some(request.resolution()),
            ratio: request.reframe(),
        };
        let project_name = project
            .name
            .clone()
            .unwrap_or_else(|| project_id.to_owned());
        let now = engine::clock::now_ms();
        let fields = NameFields::for_clip(project_name, String::new(), clip, look, now);
        Ok(template.file_name(&fields))
    }
}
