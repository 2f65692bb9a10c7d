//! Hoshu Desk deliverables: the A4/A3 PDF document engine, one template per deliverable
//! (plain view models in, PDF bytes out), the issue register as .xlsx and the delivery disc
//! image.

pub mod disc;
pub mod engine;
pub mod list_xlsx;
pub mod reports;
pub mod templates;
#[cfg(feature = "testing")]
pub mod testing;
pub mod xlsx;

pub use engine::{DocError, Document, PageSize};
