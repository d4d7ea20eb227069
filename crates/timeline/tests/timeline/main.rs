//! The timeline writers' integration tests, in one binary: probing real fixtures, the written
//! files read back by third-party readers, and the XML writers' shapes.

mod fixtures_probe;
mod readers;
mod xml_writers;
