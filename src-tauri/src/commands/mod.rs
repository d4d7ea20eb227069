//! The commands the web view may call, one file per domain, each listed once in
//! `list.rs` (tests/shell/command_contract.rs checks docs/IPC.md and the page's test
//! backend name the same ones).
//!
//! Every command is async: a plain one would run on the main thread, beside the window's
//! events. One that reads the store or the disk does that work through
//! `app::ModeState::with_store` (or the engine, which does the same) on the blocking pool:
//! on a runtime worker, a store held by another process (`wayin-export`) would stall the
//! other commands for up to the store's 5 s busy timeout.

pub mod app;
pub mod catalog;
pub mod creation;
pub mod downloads;
pub mod exports;
pub mod key;
pub mod mode;
pub mod naming;
pub mod presets;
pub mod project;
pub mod settings;
pub mod timelines;
pub mod updates;
