//! The statements whose shape depends on a filter: a builder that numbers placeholders as
//! values are bound, and the `LIKE` pattern of a text filter.

use crate::error::{Result, StoreError};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::{QueryAs, QueryScalar};
use sqlx::{Any, Arguments, AssertSqlSafe, Encode, FromRow, Type};

/// The escape character of every `LIKE`: not a backslash, whose meaning inside a string
/// literal depends on PostgreSQL's `standard_conforming_strings`.
pub(crate) const LIKE_ESCAPE: char = '!';

/// Escapes `%`, `_` and the escape character so that the user's text is matched literally by
/// `LIKE ... ESCAPE '!'`, lower-cases ASCII only (as `LOWER()` does on both backends with the
/// schema's collation), and wraps it for a substring match.
pub(crate) fn like_contains(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | LIKE_ESCAPE) {
            out.push(LIKE_ESCAPE);
        }
        out.push(c.to_ascii_lowercase());
    }
    out.push('%');
    out
}

/// A statement assembled at run time, with `$n` placeholders numbered as values are bound:
/// the same text runs on SQLite and PostgreSQL.
pub(crate) struct Sql {
    text: String,
    args: AnyArguments,
    count: usize,
    error: Option<String>,
}

impl Sql {
    pub(crate) fn new(text: &str) -> Self {
        Sql {
            text: text.to_owned(),
            args: AnyArguments::default(),
            count: 0,
            error: None,
        }
    }

    pub(crate) fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder for `value`.
    pub(crate) fn bind<'q, T>(&mut self, value: T) -> &mut Self
    where
        T: Encode<'q, Any> + Type<Any>,
    {
        let p = self.param(value);
        self.text.push_str(&p);
        self
    }

    /// Adds `value` and returns its placeholder, for a value used more than once.
    pub(crate) fn param<'q, T>(&mut self, value: T) -> String
    where
        T: Encode<'q, Any> + Type<Any>,
    {
        if let Err(e) = self.args.add(value) {
            self.error.get_or_insert_with(|| e.to_string());
        }
        self.count += 1;
        format!("${}", self.count)
    }

    /// Appends `$a, $b, ...` for every value (the caller handles an empty list).
    pub(crate) fn bind_list<'q, T, I>(&mut self, values: I) -> &mut Self
    where
        T: Encode<'q, Any> + Type<Any>,
        I: IntoIterator<Item = T>,
    {
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(v);
        }
        self
    }

    /// ` AND column IN ($a, …)`; nothing when `values` is empty (no filter on that column).
    pub(crate) fn and_in<'q, T, I>(&mut self, column: &str, values: I) -> &mut Self
    where
        T: Encode<'q, Any> + Type<Any>,
        I: IntoIterator<Item = T>,
    {
        let values: Vec<T> = values.into_iter().collect();
        if !values.is_empty() {
            self.push(" AND ").push(column).push(" IN (");
            self.bind_list(values).push(")");
        }
        self
    }

    /// ` AND (LOWER(a) LIKE $p ESCAPE '!' OR …)`: `text` (trimmed) in any of `columns`,
    /// ASCII case folded; nothing when `text` is missing or blank.
    pub(crate) fn and_contains(&mut self, columns: &[&str], text: Option<&str>) -> &mut Self {
        let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
            return self;
        };
        let p = self.param(like_contains(text));
        let any: Vec<String> = columns
            .iter()
            .map(|c| format!("LOWER({c}) LIKE {p} ESCAPE '!'"))
            .collect();
        self.push(&format!(" AND ({})", any.join(" OR ")))
    }

    pub(crate) fn build(self) -> Result<sqlx::query::Query<'static, Any, AnyArguments>> {
        let (text, args) = self.parts()?;
        Ok(sqlx::query_with(text, args))
    }

    /// The statement, its rows read as `T`.
    pub(crate) fn build_as<T>(self) -> Result<QueryAs<'static, Any, T, AnyArguments>>
    where
        T: for<'r> FromRow<'r, AnyRow>,
    {
        let (text, args) = self.parts()?;
        Ok(sqlx::query_as_with(text, args))
    }

    /// The statement, its one column read as `T`.
    pub(crate) fn build_scalar<T>(self) -> Result<QueryScalar<'static, Any, T, AnyArguments>>
    where
        (T,): for<'r> FromRow<'r, AnyRow>,
    {
        let (text, args) = self.parts()?;
        Ok(sqlx::query_scalar_with(text, args))
    }

    fn parts(self) -> Result<(AssertSqlSafe<String>, AnyArguments)> {
        if let Some(e) = self.error {
            return Err(StoreError::other(e));
        }
        Ok((AssertSqlSafe(self.text), self.args))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_escapes_wildcards_and_folds_ascii_only() {
        assert_eq!(like_contains("100%_OK!\\"), "%100!%!_ok!!\\%");
        assert_eq!(like_contains("ＡΣ返戻"), "%ＡΣ返戻%");
    }

    #[test]
    fn placeholders_are_numbered_in_bind_order() {
        let mut q = Sql::new("SELECT 1 WHERE a = ");
        q.bind(1_i64)
            .push(" AND b IN (")
            .bind_list(["x", "y"])
            .push(")");
        assert_eq!(q.text, "SELECT 1 WHERE a = $1 AND b IN ($2, $3)");
    }
}
