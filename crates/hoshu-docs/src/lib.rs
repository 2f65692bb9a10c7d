//! Hoshu Desk deliverables: the A4/A3 PDF document engine (and, later, one template per
//! deliverable, the .xlsx export and the delivery disc).

pub mod engine;

pub use engine::{DocError, Document, PageSize};
