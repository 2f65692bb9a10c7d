//! Input validation with Japanese messages that name the field.
//!
//! Every message names the field as the user sees it on the form (件名, 本文, ...), so the same
//! text can be shown beside the field in the app and printed by the CLI.

use serde::Serialize;
use std::fmt;

/// One problem with one field: `field` is the stable key a form uses to place the message,
/// `label` the field's Japanese name, `message` the full sentence shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldError {
    pub field: &'static str,
    pub label: &'static str,
    pub message: String,
    /// For a field that is a list (attendees, action items, ...): the 0-based entry at fault,
    /// so a form marks that row. The message names the row too (「2行目」) for the CLI.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub row: Option<usize>,
}

/// All problems found in one input; never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: &'static str, label: &'static str, message: String) {
        self.0.push(FieldError {
            field,
            label,
            message,
            row: None,
        });
    }

    /// A problem with entry `row` (0-based) of the list `field`.
    pub fn push_row(
        &mut self,
        field: &'static str,
        label: &'static str,
        row: usize,
        message: String,
    ) {
        self.0.push(FieldError {
            field,
            label,
            message,
            row: Some(row),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn field(&self, key: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == key)
    }

    /// `Ok(())` when nothing was found, so validators can end with `errors.into_result()`.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    /// A required text: present after trimming and at most `max` characters.
    pub fn text(
        &mut self,
        field: &'static str,
        label: &'static str,
        value: &str,
        max: usize,
    ) -> &mut Self {
        if value.trim().is_empty() {
            self.push(field, label, format!("{label}を入力してください。"));
        } else {
            self.max_chars(field, label, value, max);
        }
        self
    }

    /// An optional text: may be empty, but at most `max` characters.
    pub fn max_chars(
        &mut self,
        field: &'static str,
        label: &'static str,
        value: &str,
        max: usize,
    ) -> &mut Self {
        let len = value.chars().count();
        if len > max {
            self.push(
                field,
                label,
                format!(
                    "{label}は{}文字以内で入力してください（現在{}文字）。",
                    group_digits(max),
                    group_digits(len)
                ),
            );
        }
        self
    }

    /// No control characters other than line breaks and tabs: they break CSV, PDF and terminals.
    pub fn printable(
        &mut self,
        field: &'static str,
        label: &'static str,
        value: &str,
    ) -> &mut Self {
        if value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            self.push(
                field,
                label,
                format!("{label}に使用できない制御文字が含まれています。"),
            );
        }
        self
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<&str> = self.0.iter().map(|e| e.message.as_str()).collect();
        f.write_str(&messages.join(" "))
    }
}

impl std::error::Error for ValidationErrors {}

/// `12345` → `12,345`, as Japanese forms write counts.
pub fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_required_text_names_the_field() {
        let mut e = ValidationErrors::new();
        e.text("title", "件名", "   ", 100);
        assert_eq!(
            e.field("title").unwrap().message,
            "件名を入力してください。"
        );
    }

    #[test]
    fn over_long_text_reports_limit_and_length() {
        let mut e = ValidationErrors::new();
        e.text("body", "本文", &"あ".repeat(10_001), 10_000);
        assert_eq!(
            e.field("body").unwrap().message,
            "本文は10,000文字以内で入力してください（現在10,001文字）。"
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut e = ValidationErrors::new();
        e.text("title", "件名", &"漢".repeat(100), 100);
        assert!(e.is_empty());
    }

    #[test]
    fn control_characters_are_refused_but_newlines_pass() {
        let mut e = ValidationErrors::new();
        e.printable("body", "本文", "一行目\r\n二行目\tタブ");
        assert!(e.is_empty());
        e.printable("body", "本文", "ベル\u{7}");
        assert!(e.field("body").unwrap().message.contains("制御文字"));
    }

    #[test]
    fn digits_are_grouped_by_thousands() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(1234567), "1,234,567");
    }
}
