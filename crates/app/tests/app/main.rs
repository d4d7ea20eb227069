//! The application as both front ends drive it, with no window and no terminal: a real
//! store in a temp folder, the fake API on loopback and a keychain in memory.

mod keys;
mod notices;
mod settings;
mod support;
mod updates;
mod workflows;
