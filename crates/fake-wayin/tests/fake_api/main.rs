//! Black-box tests of the fake WayinVideo API over raw HTTP: what a client written against
//! REFERENCE.md sees. One test binary keeps the build cheap; each module covers one area.

mod admin;
mod auth_and_headers;
mod binary;
mod cdn;
mod creation;
mod envelopes;
mod export_lifecycle;
mod faults;
mod projects;
mod rate_limits;
mod support;
mod synthetic;
mod validation;
