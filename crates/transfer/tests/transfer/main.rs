//! The transfer crate's integration tests, in one binary: downloads against the fake CDN, and
//! the bounds a hostile server cannot push them past.

mod bounds;
mod downloads;
mod uploads;
