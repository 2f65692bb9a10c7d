//! The crate's integration tests, linked once as one binary: one module per area.

mod commands;
mod wire;
