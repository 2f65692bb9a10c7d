//! What a person writes on a submission form before printing it (着手届, 業務責任者届, 完了通知書,
//! 工程表): the city's 様式番号 where it numbers the form, the 文書番号 their section issued and
//! the 提出日. A number or date left out prints as a blank line for the pen (no 様式番号 line
//! at all), which is how most of these forms are still filled in.

use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest 文書番号 (吉情第1234号 is 8; a section's prefix can be long, a sentence cannot).
pub const DOCUMENT_NUMBER_MAX_CHARS: usize = 30;
/// Longest 様式番号 (様式第12号の2 is 8).
pub const FORM_NUMBER_MAX_CHARS: usize = 20;

/// The filled-in part of a form; `None` leaves the line blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FormFill {
    #[serde(default)]
    pub form_number: Option<String>,
    #[serde(default)]
    pub document_number: Option<String>,
    #[serde(default)]
    pub submitted_on: Option<NaiveDate>,
}

/// The fill as it will be printed: each number trimmed (blank becomes `None`), one line of
/// printable text within its length.
pub fn checked_form_fill(fill: FormFill) -> Result<FormFill, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let form_number = one_line(
        &mut errors,
        fill.form_number,
        ("form_number", "様式番号"),
        FORM_NUMBER_MAX_CHARS,
    );
    let document_number = one_line(
        &mut errors,
        fill.document_number,
        ("document_number", "文書番号"),
        DOCUMENT_NUMBER_MAX_CHARS,
    );
    errors.into_result()?;
    Ok(FormFill {
        form_number,
        document_number,
        submitted_on: fill.submitted_on,
    })
}

fn one_line(
    errors: &mut ValidationErrors,
    value: Option<String>,
    (field, label): (&'static str, &'static str),
    max: usize,
) -> Option<String> {
    let value = value
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())?;
    errors
        .max_chars(field, label, &value, max)
        .printable(field, label, &value);
    if value.contains(['\n', '\r', '\t']) {
        errors.push(field, label, format!("{label}は1行で入力してください。"));
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(number: &str) -> FormFill {
        FormFill {
            form_number: None,
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
        let both = FormFill {
            form_number: Some("様式第1号\t".repeat(3)),
            ..fill("吉情\n第1号")
        };
        let fields: Vec<&str> = checked_form_fill(both)
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["form_number", "document_number"]);
    }
}
