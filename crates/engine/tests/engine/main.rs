//! The engine's integration tests, in one binary: one export from submit to files on disk
//! against the fake API, leases between processes, file naming, timelines, Windows file
//! semantics (run under Wine) and real external drives (run by `cargo xtask check-platforms`).

mod common;
mod creation;
mod export_flow;
mod external_drives;
mod lease;
mod naming;
mod timelines;
mod windows_files;
