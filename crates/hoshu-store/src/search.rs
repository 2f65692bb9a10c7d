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
//! Queries of up to three characters are answered by one gram exactly; longer ones by all of
//! their trigrams, then checked against the text.

use crate::Tx;
use crate::error::{Result, StoreError};
use crate::sql::{Sql, get, get_time, ms, time_from_ms};
use chrono::{DateTime, NaiveDate, Utc};
use hoshu_core::calendar::tokyo_to_utc;
use hoshu_core::search::{
    self as rule, SearchKind, Snippet, YearMonth, index_grams, join_fields, kind_key, month_key,
    office_key, query_grams,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Documents per posting block.
pub const BLOCK_DOCS: u32 = 4096;
const BITMAP_BYTES: usize = (BLOCK_DOCS / 8) as usize;
/// Values bound in one statement (well under SQLite's and PostgreSQL's limits).
const CHUNK: usize = 500;
/// Records refreshed between two writes of the posting blocks.
const APPLY_EVERY_DOCS: usize = 2_000;
/// Up to `READ_ALL_MIN` candidates, or up to `READ_ALL_MAX` when they are too sparse to find
/// quickly in time order, all are read and ordered by time (and checked, for long queries), so
/// the total is exact; otherwise the newest documents are read in time order until the page is
/// full.
const READ_ALL_MIN: u64 = 200;
const READ_ALL_MAX: u64 = 5000;
/// What reading one document by id costs, in documents walked along the time index.
const PROBE_COST: u64 = 8;
/// For a long query, up to this many candidates are all read and checked: walking is cheaper
/// only when most candidates are true matches, which a few hundred trigram candidates often
/// are not.
const READ_ALL_VERIFY_MAX: u64 = 1000;
/// Most rows read per step when walking the documents newest first.
const WALK_STEP_MAX: u64 = 2048;
/// Steps a long query's walk may take before its candidates are all read instead.
const WALK_VERIFY_STEPS: usize = 3;
/// Candidates of a long query read and checked at a time while walking.
const VERIFY_BATCH: usize = 32;

// ---- document sets -----------------------------------------------------------------------

/// Offsets to add to and remove from each posting block, by (key, block).
type PostingChanges = HashMap<(String, i64), (BTreeSet<u16>, BTreeSet<u16>)>;

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

// ---- what is indexed ----------------------------------------------------------------------

/// A record as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Source {
    item_id: i64,
    office: Option<String>,
    at: DateTime<Utc>,
    title: String,
    text: String,
}

/// Every gram of the text and the filter keys of the record.
fn keys_of(
    kind: SearchKind,
    office: Option<&str>,
    at: DateTime<Utc>,
    text: &str,
) -> BTreeSet<String> {
    let mut keys = index_grams(text);
    keys.insert(kind_key(kind));
    if let Some(o) = office {
        keys.insert(office_key(o));
    }
    keys.insert(month_key(YearMonth::of(at)));
    keys
}

fn date_moment(d: NaiveDate) -> DateTime<Utc> {
    tokyo_to_utc(d.and_time(chrono::NaiveTime::MIN))
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
struct DocRow {
    id: u32,
    kind: SearchKind,
    item_id: i64,
    office: Option<String>,
    at: DateTime<Utc>,
    title: String,
    text: String,
}

fn doc_row(row: &sqlx::any::AnyRow) -> Result<DocRow> {
    Ok(DocRow {
        id: doc_u32(get(row, "id")?)?,
        kind: crate::sql::get_code(row, "kind", SearchKind::from_code)?,
        item_id: get(row, "item_id")?,
        office: get(row, "office")?,
        at: get_time(row, "at")?,
        title: get(row, "title")?,
        text: get(row, "text")?,
    })
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

    /// Marks every record of every kind (building the index for records that existed before
    /// it did).
    async fn mark_everything_for_search(&mut self) -> Result<()> {
        for (kind, table) in [
            (SearchKind::Request, "requests"),
            (SearchKind::Register, "register_items"),
            (SearchKind::Incident, "incidents"),
            (SearchKind::Meeting, "meetings"),
        ] {
            let ids: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT id FROM {table} ORDER BY id"
            )))
            .fetch_all(self.conn())
            .await?;
            for id in ids {
                self.mark_for_search(kind, id);
            }
        }
        Ok(())
    }

    /// Indexes every record if the index was never built (a database from before it): the
    /// first connection after the migration does it, in one transaction.
    pub(crate) async fn build_search_index_once(&mut self) -> Result<bool> {
        // Claiming the row first makes a second connection at the same moment wait, then find
        // the index built.
        let claimed = sqlx::query("UPDATE search_state SET built = 1 WHERE id = 1 AND built = 0")
            .execute(self.conn())
            .await?
            .rows_affected();
        if claimed == 0 {
            return Ok(false);
        }
        self.mark_everything_for_search().await?;
        Ok(true)
    }

    /// Brings the index in line with the marked records (called by [`Tx::commit`]).
    pub(crate) async fn refresh_search_index(&mut self) -> Result<()> {
        if self.search_dirty.is_empty() {
            return Ok(());
        }
        let dirty = std::mem::take(&mut self.search_dirty);
        let mut by_kind: BTreeMap<SearchKind, Vec<i64>> = BTreeMap::new();
        for (kind, id) in dirty {
            by_kind.entry(kind).or_default().push(id);
        }
        // Postings to change: (key, block) → offsets to add and to remove.
        // Changes are applied every few chunks, so that a transaction marking a hundred
        // thousand records (the demo grown for the bench) holds a bounded amount in memory;
        // consecutive records share blocks, so each block is still rewritten only a few times.
        let mut changes = PostingChanges::new();
        let mut pending = 0;
        for (kind, ids) in by_kind {
            for chunk in ids.chunks(CHUNK) {
                self.refresh_docs(kind, chunk, &mut changes).await?;
                pending += chunk.len();
                if pending >= APPLY_EVERY_DOCS {
                    self.apply_posting_changes(std::mem::take(&mut changes))
                        .await?;
                    pending = 0;
                }
            }
        }
        self.apply_posting_changes(changes).await
    }

    async fn refresh_docs(
        &mut self,
        kind: SearchKind,
        ids: &[i64],
        changes: &mut PostingChanges,
    ) -> Result<()> {
        let sources: BTreeMap<i64, Source> = self
            .load_sources(kind, ids)
            .await?
            .into_iter()
            .map(|s| (s.item_id, s))
            .collect();
        let mut q = Sql::new(
            "SELECT id, kind, item_id, office, at, title, text FROM search_docs WHERE kind = ",
        );
        q.bind(kind.code()).push(" AND item_id");
        id_list(&mut q, ids);
        let existing: Vec<DocRow> = q
            .build()?
            .fetch_all(self.conn())
            .await?
            .iter()
            .map(doc_row)
            .collect::<Result<_>>()?;
        let mut change = |key: String, doc: u32, add: bool| {
            let (block, offset) = block_of(doc);
            let entry = changes.entry((key, block)).or_default();
            if add {
                entry.1.remove(&offset);
                entry.0.insert(offset);
            } else {
                entry.0.remove(&offset);
                entry.1.insert(offset);
            }
        };
        let mut seen = BTreeSet::new();
        for old in existing {
            seen.insert(old.item_id);
            let old_keys = keys_of(kind, old.office.as_deref(), old.at, &old.text);
            match sources.get(&old.item_id) {
                None => {
                    for k in old_keys {
                        change(k, old.id, false);
                    }
                    sqlx::query("DELETE FROM search_docs WHERE id = $1")
                        .bind(i64::from(old.id))
                        .execute(self.conn())
                        .await?;
                }
                Some(new) => {
                    if (new.office.as_ref(), new.at, &new.title, &new.text)
                        == (old.office.as_ref(), old.at, &old.title, &old.text)
                    {
                        continue;
                    }
                    let new_keys = keys_of(kind, new.office.as_deref(), new.at, &new.text);
                    for k in old_keys.difference(&new_keys) {
                        change(k.clone(), old.id, false);
                    }
                    for k in new_keys.difference(&old_keys) {
                        change(k.clone(), old.id, true);
                    }
                    sqlx::query(
                        "UPDATE search_docs SET office = $2, at = $3, title = $4, text = $5 \
                         WHERE id = $1",
                    )
                    .bind(i64::from(old.id))
                    .bind(new.office.as_deref())
                    .bind(ms(new.at))
                    .bind(&new.title)
                    .bind(&new.text)
                    .execute(self.conn())
                    .await?;
                }
            }
        }
        let new_docs: Vec<&Source> = sources
            .values()
            .filter(|s| !seen.contains(&s.item_id))
            .collect();
        for chunk in new_docs.chunks(CHUNK / 6) {
            let mut insert = Sql::new(
                "INSERT INTO search_docs (kind, item_id, office, at, title, text) VALUES ",
            );
            for (i, s) in chunk.iter().enumerate() {
                if i > 0 {
                    insert.push(", ");
                }
                insert
                    .push("(")
                    .bind(kind.code())
                    .push(", ")
                    .bind(s.item_id)
                    .push(", ")
                    .bind(s.office.clone())
                    .push(", ")
                    .bind(ms(s.at))
                    .push(", ")
                    .bind(s.title.clone())
                    .push(", ")
                    .bind(s.text.clone())
                    .push(")");
            }
            insert.build()?.execute(self.conn()).await?;
            let item_ids: Vec<i64> = chunk.iter().map(|s| s.item_id).collect();
            let mut q = Sql::new("SELECT id, item_id FROM search_docs WHERE kind = ");
            q.bind(kind.code()).push(" AND item_id");
            id_list(&mut q, &item_ids);
            for row in q.build()?.fetch_all(self.conn()).await? {
                let doc = doc_u32(get(&row, "id")?)?;
                let item_id: i64 = get(&row, "item_id")?;
                if let Some(s) = sources.get(&item_id) {
                    for k in keys_of(kind, s.office.as_deref(), s.at, &s.text) {
                        change(k, doc, true);
                    }
                }
            }
        }
        Ok(())
    }

    async fn apply_posting_changes(&mut self, changes: PostingChanges) -> Result<()> {
        type KeyChange = (String, BTreeSet<u16>, BTreeSet<u16>);
        let mut by_block: BTreeMap<i64, Vec<KeyChange>> = BTreeMap::new();
        for ((key, block), (add, remove)) in changes {
            by_block.entry(block).or_default().push((key, add, remove));
        }
        for (block, entries) in by_block {
            for chunk in entries.chunks(CHUNK) {
                let mut q = Sql::new("SELECT gram, docs FROM search_postings WHERE block = ");
                q.bind(block).push(" AND gram IN (");
                q.bind_list(chunk.iter().map(|(k, _, _)| k.clone()))
                    .push(")");
                let mut stored: HashMap<String, BTreeSet<u16>> = HashMap::new();
                for row in q.build()?.fetch_all(self.conn()).await? {
                    let bytes: Vec<u8> = get(&row, "docs")?;
                    stored.insert(get(&row, "gram")?, decode_block(&bytes)?);
                }
                let mut upserts: Vec<(String, Vec<u8>)> = Vec::new();
                let mut deletes: Vec<String> = Vec::new();
                for (key, add, remove) in chunk {
                    let mut offsets = stored.remove(key).unwrap_or_default();
                    let before = offsets.clone();
                    offsets.retain(|o| !remove.contains(o));
                    offsets.extend(add.iter().copied());
                    if offsets == before {
                        continue;
                    }
                    if offsets.is_empty() {
                        deletes.push(key.clone());
                    } else {
                        upserts.push((key.clone(), encode_block(&offsets)));
                    }
                }
                if !deletes.is_empty() {
                    let mut d = Sql::new("DELETE FROM search_postings WHERE block = ");
                    d.bind(block).push(" AND gram IN (");
                    d.bind_list(deletes).push(")");
                    d.build()?.execute(self.conn()).await?;
                }
                for rows in upserts.chunks(CHUNK / 3) {
                    let mut u = Sql::new("INSERT INTO search_postings (gram, block, docs) VALUES ");
                    for (i, (key, bytes)) in rows.iter().enumerate() {
                        if i > 0 {
                            u.push(", ");
                        }
                        u.push("(")
                            .bind(key.clone())
                            .push(", ")
                            .bind(block)
                            .push(", ")
                            .bind(bytes.clone())
                            .push(")");
                    }
                    u.push(" ON CONFLICT (gram, block) DO UPDATE SET docs = excluded.docs");
                    u.build()?.execute(self.conn()).await?;
                }
            }
        }
        Ok(())
    }

    /// The searchable text of records of one kind, read from their tables.
    async fn load_sources(&mut self, kind: SearchKind, ids: &[i64]) -> Result<Vec<Source>> {
        // The main row, and the child rows whose text belongs to the record (parent id `p`,
        // in the order the record shows them).
        let (main_sql, children): (&str, Option<(&str, &str)>) = match kind {
            SearchKind::Request => (
                "SELECT id, office, filed_at AS at, title, body AS a, answer AS b \
                 FROM requests WHERE id",
                Some((
                    "SELECT request_id AS p, body AS text FROM request_comments WHERE request_id",
                    " ORDER BY request_id, id",
                )),
            ),
            SearchKind::Register => (
                "SELECT id, NULL AS office, raised_on AS day, title, content AS a, \
                 progress AS b FROM register_items WHERE id",
                None,
            ),
            SearchKind::Incident => (
                "SELECT id, NULL AS office, detected_at AS at, title, summary AS a, NULL AS b \
                 FROM incidents WHERE id",
                Some((
                    "SELECT incident_id AS p, note AS text FROM incident_events WHERE incident_id",
                    " ORDER BY incident_id, at, id",
                )),
            ),
            SearchKind::Meeting => (
                "SELECT id, NULL AS office, starts_at AS at, title, discussion AS a, NULL AS b \
                 FROM meetings WHERE id",
                Some((
                    "SELECT meeting_id AS p, text FROM meeting_lines WHERE meeting_id",
                    " ORDER BY meeting_id, list, position",
                )),
            ),
        };
        let mut q = Sql::new(main_sql);
        id_list(&mut q, ids);
        let rows = q.build()?.fetch_all(self.conn()).await?;
        let mut extra: HashMap<i64, Vec<String>> = HashMap::new();
        if let Some((select, order)) = children {
            let mut c = Sql::new(select);
            id_list(&mut c, ids);
            c.push(order);
            for row in c.build()?.fetch_all(self.conn()).await? {
                extra
                    .entry(get(&row, "p")?)
                    .or_default()
                    .push(get(&row, "text")?);
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let item_id: i64 = get(&row, "id")?;
            let at = match kind {
                SearchKind::Register => {
                    let day: String = get(&row, "day")?;
                    let d = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| {
                        StoreError::corrupt(format!("列 raised_on: 日付として読めない値「{day}」"))
                    })?;
                    date_moment(d)
                }
                _ => time_from_ms("at", get(&row, "at")?)?,
            };
            let title: String = get(&row, "title")?;
            let mut fields: Vec<String> = vec![title.clone()];
            for col in ["a", "b"] {
                if let Some(t) = get::<Option<String>>(&row, col)? {
                    fields.push(t);
                }
            }
            fields.extend(extra.remove(&item_id).unwrap_or_default());
            out.push(Source {
                item_id,
                office: get(&row, "office")?,
                at,
                title,
                text: join_fields(fields.iter().map(String::as_str)),
            });
        }
        Ok(out)
    }

    // ---- queries ---------------------------------------------------------------------------

    /// The documents holding each key, decoded straight into bitmaps: a dense block is copied
    /// word by word (blocks start on a multiple of 64 ids), a sparse one id by id.
    async fn posting_sets(&mut self, keys: &[String]) -> Result<HashMap<String, DocSet>> {
        let mut sets: HashMap<String, DocSet> = HashMap::new();
        for chunk in keys.chunks(CHUNK) {
            let mut q = Sql::new("SELECT gram, block, docs FROM search_postings WHERE gram IN (");
            q.bind_list(chunk.iter().cloned()).push(")");
            for row in q.build()?.fetch_all(self.conn()).await? {
                let key: String = get(&row, "gram")?;
                let block: i64 = get(&row, "block")?;
                let base = u32::try_from(block)
                    .ok()
                    .and_then(|b| b.checked_mul(BLOCK_DOCS))
                    .ok_or_else(|| StoreError::corrupt(format!("検索索引のブロック {block}")))?;
                let bytes: Vec<u8> = get(&row, "docs")?;
                sets.entry(key).or_default().add_block(base, &bytes)?;
            }
        }
        Ok(sets)
    }

    /// The candidates of a search: the documents holding every gram of the query, of the
    /// kinds, offices and months asked for. Also whether they must be checked against text.
    async fn candidates(&mut self, filter: &SearchFilter) -> Result<(DocSet, bool)> {
        let plan = query_grams(&filter.query);
        let kinds: Vec<String> = filter.kinds.iter().map(|k| kind_key(*k)).collect();
        let offices: Vec<String> = filter
            .request_offices
            .iter()
            .flatten()
            .map(|o| office_key(o))
            .collect();
        let months: Vec<String> = filter
            .months
            .map(|(from, to)| rule::months_between(from, to))
            .unwrap_or_default()
            .into_iter()
            .map(month_key)
            .collect();
        // Every kind with no office limit narrows nothing: those sets are not even read.
        let every_kind = SearchKind::ALL.iter().all(|k| filter.kinds.contains(k));
        let by_kind = !(every_kind && filter.request_offices.is_none());
        let narrowing: Vec<&String> = if by_kind {
            kinds.iter().chain(&offices).chain(&months).collect()
        } else {
            months.iter().collect()
        };
        let keys: Vec<String> = plan.grams.iter().chain(narrowing).cloned().collect();
        let sets = self.posting_sets(&keys).await?;
        let empty = DocSet::default();
        let set = |k: &String| sets.get(k).unwrap_or(&empty);

        let mut grams = plan.grams.iter();
        let mut found = grams.next().map(|g| set(g).clone()).unwrap_or_default();
        for g in grams {
            found.intersect(set(g));
        }
        if by_kind {
            let mut scope = DocSet::default();
            for kind in &filter.kinds {
                let mut of_kind = set(&kind_key(*kind)).clone();
                if *kind == SearchKind::Request
                    && let Some(list) = &filter.request_offices
                {
                    let mut of_offices = DocSet::default();
                    for o in list {
                        of_offices.union(set(&office_key(o)));
                    }
                    of_kind.intersect(&of_offices);
                }
                scope.union(&of_kind);
            }
            found.intersect(&scope);
        }
        if filter.months.is_some() {
            let mut in_period = DocSet::default();
            for m in &months {
                in_period.union(set(m));
            }
            found.intersect(&in_period);
        }
        Ok((found, plan.verify))
    }

    async fn doc_rows(&mut self, ids: &[u32], with_text: bool) -> Result<Vec<DocRow>> {
        let mut out = Vec::with_capacity(ids.len());
        let columns = if with_text {
            "id, kind, item_id, office, at, title, text"
        } else {
            "id, kind, item_id, office, at, title, '' AS text"
        };
        for chunk in ids.chunks(CHUNK) {
            let mut q = Sql::new(&format!("SELECT {columns} FROM search_docs WHERE id"));
            let list: Vec<i64> = chunk.iter().map(|i| i64::from(*i)).collect();
            id_list(&mut q, &list);
            for row in q.build()?.fetch_all(self.conn()).await? {
                out.push(doc_row(&row)?);
            }
        }
        Ok(out)
    }

    /// The time of each document, for ordering candidates without reading them.
    async fn doc_times(&mut self, ids: &[u32]) -> Result<Vec<(DateTime<Utc>, u32)>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK) {
            let mut q = Sql::new("SELECT id, at FROM search_docs WHERE id");
            let list: Vec<i64> = chunk.iter().map(|i| i64::from(*i)).collect();
            id_list(&mut q, &list);
            for row in q.build()?.fetch_all(self.conn()).await? {
                out.push((get_time(&row, "at")?, doc_u32(get(&row, "id")?)?));
            }
        }
        Ok(out)
    }

    /// One page of a search, newest first (see [`SearchPage`]).
    pub async fn search(&mut self, filter: &SearchFilter) -> Result<SearchPage> {
        let (candidates, verify) = self.candidates(filter).await?;
        let count = candidates.len();
        let wanted = filter.offset + filter.limit;
        // Walking the documents newest first reads about `wanted × documents / candidates`
        // rows to fill the page; reading every candidate reads `candidates` rows. Take the
        // cheaper, reading all whenever that is cheap anyway (and the total then exact).
        let documents: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM search_docs")
            .fetch_one(self.conn())
            .await?;
        let walk_rows = (wanted as u64).saturating_mul(documents.max(0) as u64) / count.max(1);
        // Reading a candidate by id is a probe of the table, walking is a step along an index:
        // a probe costs about as much as `PROBE_COST` steps. A long query's candidates must
        // each be read and checked; while they are few, a short walk is tried first (most are
        // usually true matches), and if it does not fill the page they are all read.
        let walk_first = if verify {
            count > READ_ALL_MIN
        } else {
            !(count <= READ_ALL_MIN
                || (count <= READ_ALL_MAX && count.saturating_mul(PROBE_COST) <= walk_rows))
        };
        let budget = (verify && count <= READ_ALL_VERIFY_MAX).then_some(WALK_VERIFY_STEPS);
        if walk_first {
            let step = (walk_rows.saturating_mul(3) / 2).clamp(64, WALK_STEP_MAX) as i64;
            let walk = self
                .walk(&candidates, &filter.query, verify, wanted, step, budget)
                .await?;
            if let Some(found) = walk {
                let page: Vec<u32> = found
                    .into_iter()
                    .skip(filter.offset)
                    .take(filter.limit)
                    .collect();
                let hits = self.page_hits(&page, &filter.query).await?;
                return Ok(SearchPage {
                    hits,
                    total: count,
                    total_exact: !verify,
                });
            }
        }
        let ids: Vec<u32> = candidates.ids().collect();
        let mut order: Vec<(DateTime<Utc>, u32)> = if verify {
            let rows = self.doc_rows(&ids, true).await?;
            rows.into_iter()
                .filter(|r| rule::fields_contain(&r.text, &filter.query))
                .map(|r| (r.at, r.id))
                .collect()
        } else {
            self.doc_times(&ids).await?
        };
        order.sort_by_key(|k| std::cmp::Reverse(*k));
        let total = order.len() as u64;
        let page: Vec<u32> = order
            .iter()
            .skip(filter.offset)
            .take(filter.limit)
            .map(|(_, id)| *id)
            .collect();
        let hits = self.page_hits(&page, &filter.query).await?;
        Ok(SearchPage {
            hits,
            total,
            total_exact: true,
        })
    }

    /// Walks the documents newest first, `step` at a time, collecting the candidates (checked
    /// against the text when `verify`) until `wanted` are found or the documents end. With a
    /// `budget` of steps, `None` when it runs out first.
    async fn walk(
        &mut self,
        candidates: &DocSet,
        query: &str,
        verify: bool,
        wanted: usize,
        step: i64,
        budget: Option<usize>,
    ) -> Result<Option<Vec<u32>>> {
        let mut found: Vec<u32> = Vec::new();
        let mut walked = 0_i64;
        let mut steps = 0;
        while found.len() < wanted {
            if budget.is_some_and(|b| steps >= b) {
                return Ok(None);
            }
            steps += 1;
            let rows = sqlx::query(
                "SELECT id FROM search_docs ORDER BY at DESC, id DESC LIMIT $1 OFFSET $2",
            )
            .bind(step)
            .bind(walked)
            .fetch_all(self.conn())
            .await?;
            if rows.is_empty() {
                break;
            }
            walked += rows.len() as i64;
            let mut members = Vec::new();
            for row in &rows {
                let id = doc_u32(get(row, "id")?)?;
                if candidates.contains(id) {
                    members.push(id);
                }
            }
            if !verify {
                found.extend(members);
                continue;
            }
            // Checked a few at a time, newest first, stopping once the page is full.
            for batch in members.chunks(VERIFY_BATCH) {
                if found.len() >= wanted {
                    break;
                }
                let texts: HashMap<u32, DocRow> = self
                    .doc_rows(batch, true)
                    .await?
                    .into_iter()
                    .map(|r| (r.id, r))
                    .collect();
                found.extend(batch.iter().copied().filter(|id| {
                    texts
                        .get(id)
                        .is_some_and(|r| rule::fields_contain(&r.text, query))
                }));
            }
        }
        Ok(Some(found))
    }

    /// The hits of `ids` in that order, with their passages.
    async fn page_hits(&mut self, ids: &[u32], query: &str) -> Result<Vec<SearchHit>> {
        let mut rows: HashMap<u32, DocRow> = self
            .doc_rows(ids, true)
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        Ok(ids
            .iter()
            .filter_map(|id| rows.remove(id))
            .map(|r| r.hit(query))
            .collect())
    }

    /// Every match, newest first, checked against the text (the CLI's export). No passages.
    pub async fn search_all(&mut self, filter: &SearchFilter) -> Result<Vec<SearchHit>> {
        let (candidates, verify) = self.candidates(filter).await?;
        let ids: Vec<u32> = candidates.ids().collect();
        let mut rows = self.doc_rows(&ids, verify).await?;
        if verify {
            rows.retain(|r| rule::fields_contain(&r.text, &filter.query));
        }
        rows.sort_by_key(|r| std::cmp::Reverse((r.at, r.id)));
        Ok(rows
            .into_iter()
            .map(|r| SearchHit {
                kind: r.kind,
                item_id: r.item_id,
                title: r.title,
                office: r.office,
                at: r.at,
                snippet: Snippet {
                    before: String::new(),
                    hit: String::new(),
                    after: String::new(),
                },
            })
            .collect())
    }

    /// Records of `kind` sharing the most of the text's trigrams, rare ones weighing more
    /// (IDF), best first: "more like this" for a request being written. A record must share at
    /// least a third of the trigrams to count.
    pub async fn similar_documents(
        &mut self,
        normalized_text: &str,
        kind: SearchKind,
        request_offices: Option<&[String]>,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        let chars: Vec<char> = normalized_text.chars().collect();
        let grams: Vec<String> = chars
            .windows(rule::MAX_GRAM_CHARS)
            .map(|w| w.iter().collect::<String>())
            .filter(|g: &String| g.chars().all(char::is_alphanumeric))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .take(60)
            .collect();
        if grams.is_empty() {
            return Ok(Vec::new());
        }
        let offices: Vec<String> = request_offices
            .into_iter()
            .flatten()
            .map(|o| office_key(o))
            .collect();
        let keys: Vec<String> = grams
            .iter()
            .cloned()
            .chain([kind_key(kind)])
            .chain(offices.iter().cloned())
            .collect();
        let sets = self.posting_sets(&keys).await?;
        let mut scope = sets.get(&kind_key(kind)).cloned().unwrap_or_default();
        if request_offices.is_some() {
            let mut of_offices = DocSet::default();
            for o in &offices {
                if let Some(s) = sets.get(o) {
                    of_offices.union(s);
                }
            }
            scope.intersect(&of_offices);
        }
        let n = scope.len() as f64;
        let mut scores: HashMap<u32, (f64, usize)> = HashMap::new();
        for g in &grams {
            let Some(set) = sets.get(g) else { continue };
            let mut s = set.clone();
            s.intersect(&scope);
            let df = s.len() as f64;
            // A gram in most records tells nothing about this one.
            if df == 0.0 || df > n / 2.0 {
                continue;
            }
            let weight = (1.0 + n / df).ln();
            for id in s.ids() {
                let e = scores.entry(id).or_insert((0.0, 0));
                e.0 += weight;
                e.1 += 1;
            }
        }
        let needed = grams.len().div_ceil(3).max(2);
        let mut ranked: Vec<(u32, f64)> = scores
            .into_iter()
            .filter(|(_, (_, count))| *count >= needed)
            .map(|(id, (score, _))| (id, score))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
        ranked.truncate(limit);
        let ids: Vec<u32> = ranked.iter().map(|(id, _)| *id).collect();
        let mut rows: HashMap<u32, DocRow> = self
            .doc_rows(&ids, true)
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        Ok(ids
            .iter()
            .filter_map(|id| rows.remove(id))
            .map(|r| {
                let shown = grams
                    .iter()
                    .find(|g| rule::fields_contain(&r.text, g))
                    .cloned()
                    .unwrap_or_default();
                r.hit(&shown)
            })
            .collect())
    }

    /// The index's size.
    pub async fn search_index_size(&mut self) -> Result<SearchIndexSize> {
        let docs = sqlx::query(
            "SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(text) + LENGTH(title)), 0) AS b \
             FROM search_docs",
        )
        .fetch_one(self.conn())
        .await?;
        let postings = sqlx::query(
            "SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(docs) + LENGTH(gram)), 0) AS b \
             FROM search_postings",
        )
        .fetch_one(self.conn())
        .await?;
        Ok(SearchIndexSize {
            documents: get(&docs, "n")?,
            document_bytes: get(&docs, "b")?,
            posting_rows: get(&postings, "n")?,
            posting_bytes: get(&postings, "b")?,
        })
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
