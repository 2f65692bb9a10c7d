//! What a person writes on a submission form before printing it (着手届, 業務責任者届, 完了通知書,
//! 工程表): the 文書番号 their section issued and the 提出日. Either one left out prints as a
//! blank line for the pen, which is how most of these forms are still filled in.

use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest 文書番号 (吉情第1234号 is 8; a section's prefix can be long, a sentence cannot).
pub const DOCUMENT_NUMBER_MAX_CHARS: usize = 30;

/// The filled-in part of a form; `None` leaves the line blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FormFill {
    #[serde(default)]
    pub document_number: Option<String>,
    #[serde(default)]
    pub submitted_on: Option<NaiveDate>,
}

/// The fill as it will be printed: the number trimmed (blank becomes `None`), one line of
/// printable text within [`DOCUMENT_NUMBER_MAX_CHARS`].
pub fn checked_form_fill(fill: FormFill) -> Result<FormFill, ValidationErrors> {
    let number = fill
        .document_number
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    let mut errors = ValidationErrors::new();
    if let Some(n) = &number {
        errors
            .max_chars("document_number", "文書番号", n, DOCUMENT_NUMBER_MAX_CHARS)
            .printable("document_number", "文書番号", n);
        if n.contains(['\n', '\r', '\t']) {
            errors.push(
                "document_number",
                "文書番号",
                "文書番号は1行で入力してください。".into(),
            );
        }
    }
    errors.into_result()?;
    Ok(FormFill {
        document_number: number,
        submitted_on: fill.submitted_on,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(number: &str) -> FormFill {
        FormFill {
            document_number: Some(number.into()),
            submitted_on: NaiveDate::from_ymd_opt(2026, 4, 1),
        }
    }

    #[test]
    fn a_number_is_trimmed_and_a_blank_one_is_left_for_the_pen() {
        let checked = checked_form_fill(fill("  吉情第123号 ")).unwrap();
        assert_eq!(checked.document_number.as_deref(), Some("吉情第123号"));
        assert_eq!(checked.submitted_on, NaiveDate::from_ymd_opt(2026, 4, 1));
        assert_eq!(
            checked_form_fill(fill("　 ")).unwrap().document_number,
            None
        );
        assert_eq!(
            checked_form_fill(FormFill::default()),
            Ok(FormFill::default())
        );
    }

    #[test]
    fn a_long_or_multi_line_number_names_the_field() {
        let long = "第".repeat(DOCUMENT_NUMBER_MAX_CHARS + 1);
        let e = checked_form_fill(fill(&long)).unwrap_err();
        assert_eq!(e.0[0].field, "document_number");
        assert!(e.0[0].message.contains("文書番号は30文字以内"), "{e}");
        let e = checked_form_fill(fill("吉情\n第1号")).unwrap_err();
        assert!(e.to_string().contains("1行で"), "{e}");
        assert!(checked_form_fill(fill(&"第".repeat(DOCUMENT_NUMBER_MAX_CHARS))).is_ok());
    }
}
