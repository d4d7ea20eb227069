//! The commands the web view may call, one file per domain. Each one is listed
//! in build.rs and allowed in capabilities/main.json (tests/command_contract.rs
//! checks those, `generate_handler!`, docs/IPC.md and the page's test backend agree).
//!
//! A command that reads the store or the disk is async, and does that work through
//! `AppState::with_store` (or the engine, which does the same): a plain command runs
//! on the main thread, and an async one on a runtime worker, where a store held by
//! another process (`wayin-export`) would stall the window or the other commands for
//! up to the store's 5 s busy timeout. The blocking pool waits instead.

pub mod app;
pub mod catalog;
pub mod downloads;
pub mod exports;
pub mod key;
pub mod mode;
pub mod naming;
pub mod presets;
pub mod project;
pub mod settings;
pub mod timelines;
