//! Bringing the past in: files to validated drafts, and every problem by row.
//!
//! Three sources: the Redmine issue CSV export ([`redmine`]), the city's issue register kept in
//! Excel, LibreOffice or CSV ([`register`]), and the job scheduler's results as batch runs
//! ([`batches`]). Columns are found by their Japanese captions in any
//! order; the values that differ between installations (trackers, statuses, priorities, people,
//! offices) go through a [`Mapping`] that a person can read, edit and pass back. Nothing here
//! touches a database: the use case in `hoshu-app` writes the drafts, all or nothing.

pub mod accounts;
pub mod batches;
pub mod dates;
mod decode;
pub mod mapping;
pub mod redmine;
pub mod register;
mod table;

pub use batches::BatchRunDraft;
pub use mapping::{Directory, DirectoryOffice, DirectoryPerson, Mapping};
pub use redmine::RequestDraft;
pub use register::RegisterDraft;

use serde::{Deserialize, Serialize};

/// One problem found in the file: the row (as the spreadsheet or text editor numbers it) when
/// it belongs to one, the column's caption, and what is wrong, in Japanese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ImportProblem"))]
pub struct Problem {
    pub row: Option<usize>,
    pub field: String,
    pub message: String,
}

impl Problem {
    pub fn at(row: usize, field: &str, message: impl Into<String>) -> Problem {
        Problem {
            row: Some(row),
            field: field.to_owned(),
            message: message.into(),
        }
    }

    pub fn file(field: &str, message: impl Into<String>) -> Problem {
        Problem {
            row: None,
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.row {
            Some(row) => write!(f, "{row}行目 {}: {}", self.field, self.message),
            None => write!(f, "{}: {}", self.field, self.message),
        }
    }
}

/// What a file turned into: the rows as they will be written, the problems, and the mapping
/// in force (the one given, completed with a suggestion for every value the file holds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed<D> {
    pub drafts: Vec<D>,
    pub problems: Vec<Problem>,
    pub mapping: Mapping,
}

impl<D> Parsed<D> {
    pub fn has_errors(&self) -> bool {
        !self.problems.is_empty()
    }
}
