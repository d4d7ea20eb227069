//! The API client's integration tests, in one binary: the client against the fake API and the
//! fetch guard against hostile addresses.

mod client;
mod creation;
mod fetch_guard;
