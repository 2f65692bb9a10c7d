//! Commands by area. Each is a few lines: arguments → one use case → result.

pub mod admin;
pub mod auth;
pub mod changes;
pub mod database;
pub mod deliverables;
pub mod incidents;
pub mod meetings;
pub mod meta;
pub mod plan;
pub mod register;
pub mod reports;
pub mod requests;
pub mod settings;

use crate::state::DeskState;
use tauri::State;

/// The state every command takes.
pub type Desk<'a> = State<'a, DeskState>;
