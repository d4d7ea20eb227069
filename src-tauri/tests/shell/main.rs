//! The shell's integration tests, in one binary: commands through Tauri's mock runtime, the
//! command contract, the injected script, the bundle and the binary's weight. The real GTK
//! drag runs in a binary of its own (`drag_gtk`): it owns the display's main loop.

mod app_info;
mod binary_weight;
mod command_contract;
mod common;
mod creation;
mod exports;
mod injected_script;
mod key;
mod macos_bundle;
mod mode;
mod project;
mod settings;
mod timelines;
mod ui_catalog;
mod ui_contract;
mod ui_recorded;
mod ui_types;
mod updates;
