//! The knowledge search index: n-grams built in Rust, posting lists in ordinary tables, so
//! SQLite and PostgreSQL answer every query alike without an extension.
//!
//! # Keeping it current
//!
//! Every write method that changes searchable text (a request, its answer or comments, a
//! register item, an incident or its timeline, a meeting) marks the record in its [`Tx`];
//! [`Tx::commit`] refreshes the index for the marked records before committing, so the index
//! and the records change in the same transaction or not at all. A refresh rereads the
//! records' text, compares its grams with those indexed and rewrites only the posting blocks
//! that changed; a transaction that marks many records (the demo data, an import) rewrites each
//! block once.
//!
//! # Layout
//!
//! `search_docs` holds one row per record (kind, item id, office, time, title, text with the
//! fields apart). `search_postings` holds, for each gram or filter key, the ids of the documents
//! that hold it, in blocks of [`BLOCK_DOCS`] ids: a sorted list of 16-bit offsets while the
//! block is sparse, a 512-byte bitmap once it is dense. A query loads the blocks of its grams
//! and filter keys, intersects them in memory, and reads the newest documents of the result.
//! Queries of up to four characters are answered by one gram exactly; longer ones by all of
//! their 4-grams, then checked against the text.
//!
//! [`index`] writes the index, [`query`] answers from it.

mod index;
mod query;

use crate::Tx;
use crate::columns::{Code, Millis};
use crate::error::{Result, StoreError};
use crate::sql::Sql;
use chrono::{DateTime, Utc};
use hoshu_core::search::{self as rule, SearchKind, Snippet, YearMonth};
use serde::Serialize;
use std::collections::BTreeSet;

/// Documents per posting block.
pub const BLOCK_DOCS: u32 = 4096;
const BITMAP_BYTES: usize = (BLOCK_DOCS / 8) as usize;
/// Values bound in one statement (well under SQLite's and PostgreSQL's limits).
const CHUNK: usize = 500;

// ---- document sets -----------------------------------------------------------------------

/// A set of document ids as a plain bitmap: the candidates of a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DocSet {
    words: Vec<u64>,
}

impl DocSet {
    fn insert(&mut self, id: u32) {
        let w = (id / 64) as usize;
        if self.words.len() <= w {
            self.words.resize(w + 1, 0);
        }
        self.words[w] |= 1 << (id % 64);
    }

    fn contains(&self, id: u32) -> bool {
        self.words
            .get((id / 64) as usize)
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    fn intersect(&mut self, other: &DocSet) {
        self.words.truncate(other.words.len());
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    fn union(&mut self, other: &DocSet) {
        if self.words.len() < other.words.len() {
            self.words.resize(other.words.len(), 0);
        }
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    /// Adds the ids of one stored block whose first id is `base`.
    fn add_block(&mut self, base: u32, bytes: &[u8]) -> Result<()> {
        if bytes.len() == BITMAP_BYTES {
            let first = (base / 64) as usize;
            let words = BITMAP_BYTES / 8;
            if self.words.len() < first + words {
                self.words.resize(first + words, 0);
            }
            for (i, chunk) in bytes.chunks_exact(8).enumerate() {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                self.words[first + i] |= u64::from_le_bytes(word);
            }
        } else {
            for o in decode_block(bytes)? {
                self.insert(base + u32::from(o));
            }
        }
        Ok(())
    }

    fn len(&self) -> u64 {
        self.words.iter().map(|w| u64::from(w.count_ones())).sum()
    }

    fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(i, w)| {
            (0..64)
                .filter(move |b| w & (1 << b) != 0)
                .map(move |b| (i * 64 + b) as u32)
        })
    }
}

/// One posting block as stored: sorted little-endian `u16` offsets while fewer than 256 ids
/// (at most 510 bytes), a bitmap of exactly [`BITMAP_BYTES`] otherwise. The length tells which.
fn encode_block(offsets: &BTreeSet<u16>) -> Vec<u8> {
    if offsets.len() * 2 < BITMAP_BYTES {
        offsets.iter().flat_map(|o| o.to_le_bytes()).collect()
    } else {
        let mut bitmap = vec![0u8; BITMAP_BYTES];
        for o in offsets {
            bitmap[usize::from(*o / 8)] |= 1 << (o % 8);
        }
        bitmap
    }
}

fn decode_block(bytes: &[u8]) -> Result<BTreeSet<u16>> {
    if bytes.len() == BITMAP_BYTES {
        Ok((0..BLOCK_DOCS as u16)
            .filter(|o| bytes[usize::from(*o / 8)] & (1 << (o % 8)) != 0)
            .collect())
    } else if bytes.len().is_multiple_of(2) && bytes.len() < BITMAP_BYTES {
        Ok(bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect())
    } else {
        Err(StoreError::corrupt(format!(
            "検索索引のブロックの長さ {} が不正です",
            bytes.len()
        )))
    }
}

fn block_of(doc: u32) -> (i64, u16) {
    (i64::from(doc / BLOCK_DOCS), (doc % BLOCK_DOCS) as u16)
}

fn doc_u32(id: i64) -> Result<u32> {
    u32::try_from(id)
        .map_err(|_| StoreError::corrupt(format!("検索文書の番号 {id} が大きすぎます")))
}

/// `IN ($a, $b, …)` over `ids`.
fn id_list(sql: &mut Sql, ids: &[i64]) {
    sql.push(" IN (").bind_list(ids.iter().copied()).push(")");
}

/// A search as the use case hands it down: the query already normalised and checked, the
/// kinds and offices already limited to what the person may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchFilter {
    /// Normalised ([`hoshu_core::search::normalize`]) and not empty.
    pub query: String,
    /// The kinds to search; empty finds nothing.
    pub kinds: Vec<SearchKind>,
    /// Requests of these offices only (`None`: every office).
    pub request_offices: Option<Vec<String>>,
    /// Only records of these months (Tokyo), both included.
    pub months: Option<(YearMonth, YearMonth)>,
    pub limit: usize,
    pub offset: usize,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub kind: SearchKind,
    pub item_id: i64,
    pub title: String,
    /// The request's office, for requests.
    pub office: Option<String>,
    /// Filed, raised, detected or held.
    pub at: DateTime<Utc>,
    pub snippet: Snippet,
}

/// One page of results, newest first, and how many there are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    pub total: u64,
    /// False when `total` counts candidates not all checked against their text (a long,
    /// common query): then it is an upper bound.
    pub total_exact: bool,
}

/// The size of the index, for the bench and the administrator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SearchIndexSize {
    pub documents: i64,
    pub document_bytes: i64,
    pub posting_rows: i64,
    pub posting_bytes: i64,
}

/// A document row read for the results.
#[derive(sqlx::FromRow)]
struct DocRow {
    #[sqlx(try_from = "i64")]
    id: u32,
    #[sqlx(try_from = "Code<SearchKind>")]
    kind: SearchKind,
    item_id: i64,
    office: Option<String>,
    #[sqlx(try_from = "Millis")]
    at: DateTime<Utc>,
    title: String,
    text: String,
}

impl DocRow {
    fn hit(self, query: &str) -> SearchHit {
        SearchHit {
            snippet: rule::snippet(&self.text, query),
            kind: self.kind,
            item_id: self.item_id,
            title: self.title,
            office: self.office,
            at: self.at,
        }
    }
}

impl Tx<'_> {
    /// Marks a record whose searchable text changed; the index follows at commit.
    pub(crate) fn mark_for_search(&mut self, kind: SearchKind, item_id: i64) {
        self.search_dirty.insert((kind, item_id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_round_trip_sparse_and_dense() {
        for n in [0_u16, 1, 2, 254, 255, 256, 1000, 4095] {
            let offsets: BTreeSet<u16> = (0..n).map(|i| (i * 7) % 4096).collect();
            let bytes = encode_block(&offsets);
            if offsets.len() < 256 {
                assert_eq!(bytes.len(), offsets.len() * 2, "{n}");
            } else {
                assert_eq!(bytes.len(), BITMAP_BYTES, "{n}");
            }
            assert_eq!(decode_block(&bytes).unwrap(), offsets, "{n}");
        }
        assert!(decode_block(&[1, 2, 3]).is_err());
    }

    #[test]
    fn doc_sets_intersect_and_count() {
        let mut a = DocSet::default();
        let mut b = DocSet::default();
        for i in [1, 64, 65, 1000] {
            a.insert(i);
        }
        for i in [64, 1000, 5000] {
            b.insert(i);
        }
        let mut u = a.clone();
        u.union(&b);
        assert_eq!(u.len(), 5);
        a.intersect(&b);
        assert_eq!(a.ids().collect::<Vec<_>>(), [64, 1000]);
        assert!(a.contains(1000) && !a.contains(5000));
    }
}
