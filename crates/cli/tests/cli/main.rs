//! `wayin-export`'s integration tests, in one binary: the real executable run against the
//! fake API, with its environment, exit codes and output.

mod common;
mod environ;
mod export;
mod hostile_text;
mod key;
mod new_project;
mod queries;
mod shared_budget;
mod timeline;
