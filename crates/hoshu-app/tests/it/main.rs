//! The crate's integration tests, linked once as one binary: one module per area.

mod business_schedules;
mod common;
mod contractors;
mod deliverables;
mod deliverables_render;
mod handover;
mod import_search;
mod incidents;
mod lists;
mod mail;
mod meeting_handouts;
mod notifications;
mod operations;
mod queue;
mod use_cases;
