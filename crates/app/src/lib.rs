//! The application under both front ends, knowing nothing of windows or terminals: the key
//! (where it comes from, its check, saving and deleting it), the engine's life with its
//! shared request budget and the settings it runs with, the live and demo modes (resolved
//! once per command, switched behind one lock), the projects opened in a run, and what to
//! notify. The window's commands and `wayin-export` are adapters over it.

mod catalog;
pub mod desktop;
mod downloads;
mod dropped_video;
mod editor_handoff;
mod engine_events;
mod error;
mod error_kind;
mod key;
mod key_lookup;
mod key_slot;
pub mod launch;
pub mod launch_args;
mod lifecycle;
mod mode_data;
mod modes;
mod name_preview;
mod new_project;
mod notify;
mod page_settings;
mod projects;
mod secret_store;
mod selects;
mod thumbnails;
mod updates;
mod window_workflows;

pub use catalog::{catalog, Catalog};

/// The commit this build was made from (12 hex digits), or "unknown" outside a checkout.
pub const COMMIT: &str = env!("WAYIN_COMMIT");
pub use dropped_video::DroppedVideo;
pub use editor_handoff::{timeline_format, ShownTimeline};
pub use engine_events::follow_engine_events;
pub use error::AppError;
pub use error_kind::ErrorKind;
pub use key_lookup::{check_key, find_key, KeyLookupError};
pub use key_slot::{KeySource, KeyStatus};
pub use lifecycle::{apply_settings, start_engine};
pub use modes::{AppState, Demo, Mode, ModeState, StateConfig};
pub use new_project::{keep_chosen_clip_count, project_source, NewProject};
pub use notify::notification_text;
pub use page_settings::Preset;
pub use secret_store::{KeychainStore, NoKeychain, SecretStore};
pub use selects::{SelectsPlan, SelectsRun, WrittenSelects};
pub use thumbnails::{Thumbnail, ThumbnailError, THUMBNAIL_FOLDER};
pub use updates::{InstallStep, Transfers, UpdateCheck, UpdateOffer, UpdateSource};
pub use window_workflows::{ExportPreview, VideoChoice};
