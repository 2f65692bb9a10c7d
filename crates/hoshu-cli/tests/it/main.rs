//! The crate's integration tests, linked once as one binary: one module per area.

mod cli;
mod common;
mod records;
mod render;
mod reports;
