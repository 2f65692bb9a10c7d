//! The store's behaviour, proven on both backends from one body.
//!
//! Every `conformance!(name, |store| async move { … })` case expands to `name::sqlite` (a real
//! file in a temporary folder) and `name::postgres` (a fresh database on the server named by
//! `HOSHU_TEST_PG_URL`, dropped afterwards). Without that variable the PostgreSQL half fails:
//! it never passes silently.

#[macro_use]
#[path = "conformance/harness.rs"]
mod harness;

#[path = "conformance/accounts.rs"]
mod accounts;
#[path = "conformance/audit.rs"]
mod audit;
#[path = "conformance/changes.rs"]
mod changes;
#[path = "conformance/connection.rs"]
mod connection;
#[path = "conformance/deliverables.rs"]
mod deliverables;
#[path = "conformance/incidents.rs"]
mod incidents;
#[path = "conformance/requests.rs"]
mod requests;
#[path = "conformance/roles.rs"]
mod roles;
#[path = "conformance/schema.rs"]
mod schema;
#[path = "conformance/search.rs"]
mod search;
