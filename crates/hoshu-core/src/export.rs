//! Records leaving the system as files: when a file holds so many rows that it is a bulk
//! export, the person is warned (000 第3章第3節: a warning when more than a set amount of
//! personal information leaves a terminal).

/// Rows above which a file counts as a bulk export.
pub const BULK_EXPORT_WARNING_ROWS: usize = 500;

/// The warning to show for a file of `rows` rows of `what`, or `None` below the threshold.
pub fn bulk_export_warning(what: &str, rows: usize) -> Option<String> {
    (rows > BULK_EXPORT_WARNING_ROWS).then(|| {
        format!(
            "警告: {what}を{}件書き出しました（{}件を超える一括出力）。個人情報を含む可能性があります。保管場所に注意し、不要になったファイルは削除してください。この出力は監査ログに記録されました。",
            crate::validation::group_digits(rows),
            crate::validation::group_digits(BULK_EXPORT_WARNING_ROWS)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_only_above_the_threshold() {
        assert_eq!(bulk_export_warning("依頼一覧", 500), None);
        let w = bulk_export_warning("依頼一覧", 1234).unwrap();
        assert!(
            w.starts_with("警告: 依頼一覧を1,234件書き出しました"),
            "{w}"
        );
        assert!(w.contains("500件を超える一括出力"));
    }
}
