//! How a list is ordered: the column a person clicked and which way. Each list names its own
//! columns; the store turns a column into its SQL expression from a fixed table, so nothing
//! the caller sends becomes SQL.

use serde::{Deserialize, Serialize};

/// Which way a sorted column runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    Ascending,
    #[default]
    Descending,
}

/// A list's order: a column and a direction. Ties always fall back to the newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Order<C> {
    pub column: C,
    #[serde(default)]
    pub direction: SortDirection,
}

/// The columns the request list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestColumn {
    Number,
    Kind,
    Title,
    Office,
    FiledBy,
    Assignee,
    Status,
    #[default]
    FiledAt,
}
