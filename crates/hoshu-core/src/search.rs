//! Knowledge search: what a search matches, and the n-grams the index is built from.
//!
//! The rule is plain substring matching after normalisation: a query `q` finds a record when
//! one of its fields, normalised by [`normalize`], contains `normalize(q)` — exactly what
//! `LIKE '%q%'` answers on the normalised text, for queries of any length. The index only
//! narrows the candidates: every field yields its 1- to 4-character grams, so a query of up to
//! four characters is answered by one gram exactly, and a longer one by the intersection of its
//! 4-grams, then checked against the text ([`fields_contain`]). Four characters rather than
//! three because a long query's trigrams are often all present, far apart, in records that do
//! not match, and each of those must be read to be ruled out. No database extension is needed,
//! so SQLite and PostgreSQL answer alike.
//!
//! Normalisation is Unicode NFKC (full-width ASCII and digits to half-width, half-width kana
//! to full-width, ① to 1, ㈱ to (株)) followed by lower-casing, with control characters
//! (line breaks, tabs) read as spaces. The fields of a record are kept apart, so a query never
//! matches across the end of one field and the start of the next.

use crate::coded::coded_enum;
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

coded_enum!(
    /// What a search result is.
    SearchKind {
        Request = "request" / "依頼",
        Register = "register" / "課題",
        Incident = "incident" / "障害",
        Meeting = "meeting" / "会議",
    }
);

/// Separates the fields of a record in the text the index keeps. A control character, so it
/// never survives [`normalize`] and no query can contain it.
pub const FIELD_SEPARATOR: char = '\u{1F}';

/// Longest query accepted, in characters.
pub const QUERY_MAX_CHARS: usize = 100;

/// Grams are at most this many characters long; longer queries are checked against the text.
pub const MAX_GRAM_CHARS: usize = 4;

/// Prefix of the index's filter keys (kind, office, month). A control character, so a key is
/// never a gram of any text.
const FACET_PREFIX: char = '\u{1}';

/// NFKC, lower case, and control characters read as spaces.
pub fn normalize(text: &str) -> String {
    let fold = |c: char| {
        c.to_lowercase()
            .map(|c| if c.is_control() { ' ' } else { c })
    };
    // Most text is already NFKC (the quick check answers without composing anything): then
    // only the case and the control characters change.
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().flat_map(fold).collect()
    } else {
        text.nfkc().flat_map(fold).collect()
    }
}

/// The fields of a record as the index keeps them: one text, fields apart.
pub fn join_fields<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(FIELD_SEPARATOR);
        }
        out.extend(
            f.chars()
                .map(|c| if c == FIELD_SEPARATOR { ' ' } else { c }),
        );
    }
    out
}

/// Every 1- to [`MAX_GRAM_CHARS`]-character gram of every normalised field of `joined`.
pub fn index_grams(joined: &str) -> BTreeSet<String> {
    let mut grams = BTreeSet::new();
    for field in joined.split(FIELD_SEPARATOR) {
        let chars: Vec<char> = normalize(field).chars().collect();
        for n in 1..=MAX_GRAM_CHARS {
            for w in chars.windows(n) {
                grams.insert(w.iter().collect());
            }
        }
    }
    grams
}

/// How the index answers one normalised query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryGrams {
    /// Grams every match contains.
    pub grams: Vec<String>,
    /// Whether a record holding all of them must still be checked against its text (queries
    /// longer than [`MAX_GRAM_CHARS`]).
    pub verify: bool,
}

/// The grams to look up for a normalised, non-empty query.
pub fn query_grams(normalized_query: &str) -> QueryGrams {
    let chars: Vec<char> = normalized_query.chars().collect();
    if chars.len() <= MAX_GRAM_CHARS {
        return QueryGrams {
            grams: vec![normalized_query.to_owned()],
            verify: false,
        };
    }
    let grams: BTreeSet<String> = chars
        .windows(MAX_GRAM_CHARS)
        .map(|w| w.iter().collect())
        .collect();
    QueryGrams {
        grams: grams.into_iter().collect(),
        verify: true,
    }
}

/// Whether a field of `joined` contains the normalised query: the definition of a match.
pub fn fields_contain(joined: &str, normalized_query: &str) -> bool {
    joined
        .split(FIELD_SEPARATOR)
        .any(|f| normalize(f).contains(normalized_query))
}

/// The index key of a kind.
pub fn kind_key(kind: SearchKind) -> String {
    format!("{FACET_PREFIX}k:{}", kind.code())
}

/// The index key of an office (requests only: they belong to one).
pub fn office_key(office: &str) -> String {
    format!("{FACET_PREFIX}o:{office}")
}

/// A month as the period filter names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearMonth {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl YearMonth {
    /// The month of `at` in Tokyo.
    pub fn of(at: DateTime<Utc>) -> YearMonth {
        let local = at.with_timezone(&crate::calendar::TOKYO);
        YearMonth {
            year: local.year(),
            month: local.month(),
        }
    }

    pub fn next(self) -> YearMonth {
        if self.month >= 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// `2025-04`, or `None` when it is not a month.
    pub fn parse(s: &str) -> Option<YearMonth> {
        let (y, m) = s.trim().split_once('-')?;
        let ym = YearMonth {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
        };
        ((1..=12).contains(&ym.month) && (1900..=9999).contains(&ym.year)).then_some(ym)
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The index key of a month (the period filter).
pub fn month_key(month: YearMonth) -> String {
    format!("{FACET_PREFIX}m:{month}")
}

/// Every month from `from` to `to`, both included (at most 1,200: a century).
pub fn months_between(from: YearMonth, to: YearMonth) -> Vec<YearMonth> {
    let mut out = Vec::new();
    let mut m = from;
    while m <= to && out.len() < 1200 {
        out.push(m);
        m = m.next();
    }
    out
}

/// `#813` (or `＃８１３`): a jump to the record with that number instead of a search.
pub fn reference(query: &str) -> Option<i64> {
    let q = normalize(query);
    let digits = q.trim().strip_prefix('#')?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

/// The passage of a result that shows the hit, with the hit apart so a screen can mark it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Snippet {
    pub before: String,
    pub hit: String,
    pub after: String,
}

/// Characters shown before and after the hit.
const SNIPPET_BEFORE: usize = 30;
const SNIPPET_AFTER: usize = 60;

/// The first passage of `joined` that contains the normalised query, in the original text.
///
/// Each character is normalised on its own to find where the hit lies in the original; where
/// NFKC composes across characters (a kana and a separate sound mark) that can miss, and the
/// start of the first field is shown without a mark instead.
pub fn snippet(joined: &str, normalized_query: &str) -> Snippet {
    for field in joined.split(FIELD_SEPARATOR) {
        if let Some(s) = field_snippet(field, normalized_query) {
            return s;
        }
    }
    let first = joined.split(FIELD_SEPARATOR).next().unwrap_or_default();
    Snippet {
        before: String::new(),
        hit: String::new(),
        after: first.chars().take(SNIPPET_AFTER).collect(),
    }
}

fn field_snippet(field: &str, normalized_query: &str) -> Option<Snippet> {
    if normalized_query.is_empty() {
        return None;
    }
    let original: Vec<char> = field.chars().collect();
    // The normalised text, and for each of its bytes the original character it came from.
    let mut normalized = String::new();
    let mut origin: Vec<usize> = Vec::new();
    for (i, c) in original.iter().enumerate() {
        let n = normalize(c.encode_utf8(&mut [0; 4]));
        origin.extend(std::iter::repeat_n(i, n.len()));
        normalized.push_str(&n);
    }
    let start = normalized.find(normalized_query)?;
    let end = start + normalized_query.len();
    let first = origin[start];
    let last = origin[end - 1];
    let clean = |s: &[char]| -> String {
        s.iter()
            .map(|c| if c.is_control() { ' ' } else { *c })
            .collect()
    };
    let from = first.saturating_sub(SNIPPET_BEFORE);
    let to = (last + 1 + SNIPPET_AFTER).min(original.len());
    Some(Snippet {
        before: format!(
            "{}{}",
            if from > 0 { "…" } else { "" },
            clean(&original[from..first])
        ),
        hit: clean(&original[first..=last]),
        after: format!(
            "{}{}",
            clean(&original[last + 1..to]),
            if to < original.len() { "…" } else { "" }
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalisation_folds_width_case_and_compatibility_forms() {
        assert_eq!(normalize("ＡＢＣ１２３"), "abc123");
        assert_eq!(normalize("ｶﾞｲｼﾞ"), "ガイジ");
        assert_eq!(normalize("①㈱"), "1(株)");
        assert_eq!(normalize("行1\r\n行2\t"), "行1  行2 ");
        assert_eq!(normalize("ERROR 0x1F"), "error 0x1f");
    }

    #[test]
    fn short_queries_are_one_gram_and_long_ones_need_checking() {
        assert_eq!(
            query_grams("返戻"),
            QueryGrams {
                grams: vec!["返戻".into()],
                verify: false
            }
        );
        assert_eq!(query_grams("レセプト").grams, ["レセプト"]);
        assert!(!query_grams("レセプト").verify);
        let long = query_grams("レセプトの");
        assert!(long.verify);
        assert_eq!(long.grams, ["セプトの", "レセプト"]);
    }

    #[test]
    fn grams_never_cross_fields() {
        let joined = join_fields(["ab", "cd"]);
        let grams = index_grams(&joined);
        assert!(grams.contains("ab") && grams.contains("cd") && grams.contains("a"));
        assert!(index_grams("abcde").contains("bcde"));
        assert!(!grams.contains("bc"));
        assert!(!fields_contain(&joined, "bc"));
        assert!(fields_contain(&joined, "cd"));
    }

    #[test]
    fn references_jump_only_for_a_hash_and_digits() {
        assert_eq!(reference("#813"), Some(813));
        assert_eq!(reference(" ＃８１３ "), Some(813));
        assert_eq!(reference("#"), None);
        assert_eq!(reference("#81a"), None);
        assert_eq!(reference("813"), None);
    }

    #[test]
    fn snippets_mark_the_hit_in_the_original_text() {
        let joined = join_fields(["医療券の発行", "ＥＲＲＯＲが出ます。\n再起動しました"]);
        let s = snippet(&joined, "error");
        assert_eq!(s.hit, "ＥＲＲＯＲ");
        assert_eq!(s.before, "");
        assert_eq!(s.after, "が出ます。 再起動しました");
        let none = snippet(&joined, "zzz");
        assert_eq!(none.hit, "");
        assert_eq!(none.after, "医療券の発行");
    }

    #[test]
    fn months_run_across_the_year_end() {
        let from = YearMonth::parse("2025-11").unwrap();
        let to = YearMonth::parse("2026-02").unwrap();
        let months: Vec<String> = months_between(from, to)
            .iter()
            .map(|m| m.to_string())
            .collect();
        assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(YearMonth::parse("2025-13"), None);
    }

    proptest! {
        /// The quick path gives what full NFKC gives.
        #[test]
        fn normalising_equals_nfkc_then_lower_case(text in "\\PC{0,20}|[ｱ-ﾝﾞﾟＡ-ｚ①㈱ガカ\u{3099}A-Za-z\n]{0,20}") {
            let full: String = text
                .nfkc()
                .flat_map(char::to_lowercase)
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            prop_assert_eq!(normalize(&text), full);
        }

        /// No false negatives: whenever a field contains the query, the record holds every
        /// gram the query looks up.
        #[test]
        fn a_match_always_holds_the_query_grams(
            fields in proptest::collection::vec("[aAａ返戻レｾセプト①1 \n]{0,12}", 1..4),
            query in "[aAａ返戻レｾセプト①1 ]{1,8}",
        ) {
            let joined = join_fields(fields.iter().map(String::as_str));
            let q = normalize(&query);
            prop_assume!(!q.is_empty());
            if fields_contain(&joined, &q) {
                let grams = index_grams(&joined);
                for g in query_grams(&q).grams {
                    prop_assert!(grams.contains(&g), "gram {g:?} missing");
                }
            }
        }
    }
}
