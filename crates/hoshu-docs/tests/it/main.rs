//! The crate's integration tests, linked once as one binary: one module per area.

mod business_schedule;
mod common;
mod deliverables;
mod pdf_output;
mod reports;
