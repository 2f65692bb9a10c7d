//! The store's behaviour, proven on both backends from one body.
//!
//! Every `conformance!(name, |store| async move { … })` case expands to `name::sqlite` (a real
//! file in a temporary folder) and `name::postgres` (a fresh database on the server named by
//! `HOSHU_TEST_PG_URL`, dropped afterwards). Without that variable the PostgreSQL half fails:
//! it never passes silently.

#[macro_use]
mod harness;

mod accounts;
mod audit;
mod business_schedules;
mod changes;
mod connection;
mod deliverables;
mod handover;
mod incidents;
mod meeting_attachments;
mod notifications;
mod operations;
mod requests;
mod roles;
mod saved_views;
mod schema;
mod search;
