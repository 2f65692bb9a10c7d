//! The commands of the shell itself: log-in, labels, files on this computer, the database
//! choice and desktop notifications. Every other call of the window is an operation of the one
//! API (`hoshu_api`), routed by [`crate::invoke_handler`] to the backend in use.

pub mod auth;
pub mod database;
pub mod deliverables;
pub mod drafts;
pub mod files;
pub mod import;
pub mod meta;
pub mod notify;
pub mod reports;
pub mod settings;

use crate::state::DeskState;
use tauri::State;

/// The state every command takes.
pub type Desk<'a> = State<'a, DeskState>;
