//! Hoshu Desk domain core.
//!
//! Everything here is pure: no IO, no async, and no reading of the clock — "now" is always an
//! argument. The store, the use cases, the documents and the desktop app all build on these
//! nouns and rules, so a rule lives here exactly once.

pub mod account;
pub mod audit;
pub mod business_schedule;
pub mod calendar;
pub mod change;
pub mod coded;
pub mod contract;
pub mod export;
pub mod files;
pub mod form_fill;
pub mod glossary;
pub mod handover;
pub mod incident;
pub mod listing;
pub mod meeting;
pub mod notification;
pub mod operations;
pub mod plan;
pub mod policy;
pub mod register;
pub mod report_mail;
pub mod request;
pub mod request_details;
pub mod search;
pub mod sla;
pub mod validation;
pub mod wareki;

pub use policy::{Actor, Role};
pub use validation::{FieldError, ValidationErrors};
