//! The commands the web view may call, one file per domain. Each one is listed
//! in build.rs and allowed in capabilities/main.json.

pub mod app;
pub mod downloads;
pub mod exports;
pub mod key;
pub mod mode;
pub mod project;
pub mod settings;
pub mod timelines;
