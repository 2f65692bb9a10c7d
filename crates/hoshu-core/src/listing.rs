//! How a list is ordered: the column a person clicked and which way. Each list names its own
//! columns; the store turns a column into its SQL expression from a fixed table, so nothing
//! the caller sends becomes SQL.

use crate::validation::ValidationErrors;
use serde::{Deserialize, Serialize};

/// Which way a sorted column runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    Ascending,
    #[default]
    Descending,
}

/// A list's order: a column and a direction. Ties always fall back to the newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Order<C> {
    pub column: C,
    #[serde(default)]
    pub direction: SortDirection,
}

/// The columns the request list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

crate::coded::coded_enum!(
    /// A list screen whose filters a person can save under a name.
    ListName {
        Requests = "requests" / "依頼一覧",
        Changes = "changes" / "変更・計画停止",
        Meetings = "meetings" / "会議一覧",
        Register = "register" / "課題管理表",
    }
);

/// Longest name of a saved filter, in characters.
pub const SAVED_VIEW_NAME_MAX: usize = 40;
/// Most saved filters one person keeps per list: a menu, not an archive.
pub const SAVED_VIEWS_PER_LIST: usize = 20;
/// Largest filter a saved view holds, in bytes of JSON: a screen's filters, never data.
pub const SAVED_VIEW_FILTERS_MAX_BYTES: usize = 4_096;

/// Checks a filter before it is saved under `name`: the name is given, short and printable,
/// the filters are a JSON object of screen size, and the person has room for one more unless
/// the name replaces one they already have (`existing` are their names on this list).
pub fn validate_saved_view(
    name: &str,
    filters: &serde_json::Value,
    existing: &[String],
) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    errors
        .text("name", "条件の名前", name, SAVED_VIEW_NAME_MAX)
        .printable("name", "条件の名前", name);
    let size = filters.to_string().len();
    if !filters.is_object() {
        errors.push(
            "filters",
            "絞り込み条件",
            "絞り込み条件の形式が正しくありません。".into(),
        );
    } else if size > SAVED_VIEW_FILTERS_MAX_BYTES {
        errors.push(
            "filters",
            "絞り込み条件",
            format!(
                "絞り込み条件が大きすぎます（{size}バイト、上限{SAVED_VIEW_FILTERS_MAX_BYTES}バイト）。"
            ),
        );
    }
    let replaces = existing.iter().any(|n| n == name.trim());
    if !replaces && existing.len() >= SAVED_VIEWS_PER_LIST {
        errors.push(
            "name",
            "条件の名前",
            format!(
                "保存できる条件は一覧ごとに{SAVED_VIEWS_PER_LIST}件までです。使わない条件を削除してください。"
            ),
        );
    }
    errors.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field_of(result: Result<(), ValidationErrors>) -> Vec<&'static str> {
        result
            .err()
            .map_or_else(Vec::new, |e| e.0.iter().map(|f| f.field).collect())
    }

    #[test]
    fn a_named_object_of_filters_is_saved() {
        assert_eq!(
            validate_saved_view("北区の対応中", &json!({"office": "kita"}), &[]),
            Ok(())
        );
    }

    #[test]
    fn the_name_is_required_short_and_printable() {
        let filters = json!({});
        assert_eq!(field_of(validate_saved_view("  ", &filters, &[])), ["name"]);
        let long = "あ".repeat(SAVED_VIEW_NAME_MAX + 1);
        let err = validate_saved_view(&long, &filters, &[]).unwrap_err();
        assert!(err.0[0].message.contains("40文字以内"), "{:?}", err.0);
        assert_eq!(
            field_of(validate_saved_view("a\u{7}b", &filters, &[])),
            ["name"]
        );
    }

    #[test]
    fn filters_are_an_object_of_screen_size() {
        assert_eq!(
            field_of(validate_saved_view("x", &json!([1]), &[])),
            ["filters"]
        );
        let big = json!({ "text": "x".repeat(SAVED_VIEW_FILTERS_MAX_BYTES) });
        assert_eq!(field_of(validate_saved_view("x", &big, &[])), ["filters"]);
    }

    #[test]
    fn a_full_menu_takes_a_replacement_but_no_new_name() {
        let names: Vec<String> = (0..SAVED_VIEWS_PER_LIST)
            .map(|i| format!("条件{i}"))
            .collect();
        assert_eq!(validate_saved_view("条件3", &json!({}), &names), Ok(()));
        assert_eq!(
            field_of(validate_saved_view("条件99", &json!({}), &names)),
            ["name"]
        );
    }
}
