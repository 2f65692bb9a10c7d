//! Writing the index: each marked record's grams and filter keys compared with those indexed,
//! and only the posting blocks that changed rewritten.

use super::{CHUNK, DocRow, block_of, decode_block, doc_u32, encode_block, id_list};
use crate::Tx;
use crate::columns::{Code, Day, Millis, Opt};
use crate::error::{Result, StoreError};
use crate::sql::Sql;
use chrono::{DateTime, NaiveDate, Utc};
use hoshu_core::calendar::tokyo_day_start;
use hoshu_core::search::{
    SearchKind, YearMonth, index_grams, join_fields, kind_key, month_key, office_key,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Records refreshed between two writes of the posting blocks.
const APPLY_EVERY_DOCS: usize = 2_000;

/// Offsets to add to and remove from each posting block, by (key, block).
type PostingChanges = HashMap<(String, i64), (BTreeSet<u16>, BTreeSet<u16>)>;
// ---- what is indexed ----------------------------------------------------------------------

/// The main row of a record to index: timed (`at`) or dated (`day`), its title, and up to two
/// more text columns.
#[derive(sqlx::FromRow)]
struct SourceColumns {
    id: i64,
    office: Option<String>,
    #[sqlx(try_from = "Opt<Millis>")]
    at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "Opt<Day>")]
    day: Option<NaiveDate>,
    title: String,
    a: Option<String>,
    b: Option<String>,
}

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

impl Tx<'_> {
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
        q.bind(Code(kind)).push(" AND item_id");
        id_list(&mut q, ids);
        let existing: Vec<DocRow> = q.build_as()?.fetch_all(self.conn()).await?;
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
                    .bind(Millis(new.at))
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
                    .bind(Code(kind))
                    .push(", ")
                    .bind(s.item_id)
                    .push(", ")
                    .bind(s.office.clone())
                    .push(", ")
                    .bind(Millis(s.at))
                    .push(", ")
                    .bind(s.title.clone())
                    .push(", ")
                    .bind(s.text.clone())
                    .push(")");
            }
            insert.build()?.execute(self.conn()).await?;
            let item_ids: Vec<i64> = chunk.iter().map(|s| s.item_id).collect();
            let mut q = Sql::new("SELECT id, item_id FROM search_docs WHERE kind = ");
            q.bind(Code(kind)).push(" AND item_id");
            id_list(&mut q, &item_ids);
            let docs: Vec<(i64, i64)> = q.build_as()?.fetch_all(self.conn()).await?;
            for (doc, item_id) in docs {
                let doc = doc_u32(doc)?;
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
                let blocks: Vec<(String, Vec<u8>)> = q.build_as()?.fetch_all(self.conn()).await?;
                for (gram, bytes) in blocks {
                    stored.insert(gram, decode_block(&bytes)?);
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
                "SELECT id, office, filed_at AS at, NULL AS day, title, body AS a, answer AS b \
                 FROM requests WHERE id",
                Some((
                    "SELECT request_id AS p, body AS text FROM request_comments WHERE request_id",
                    " ORDER BY request_id, id",
                )),
            ),
            SearchKind::Register => (
                "SELECT id, NULL AS office, NULL AS at, raised_on AS day, title, content AS a, \
                 progress AS b FROM register_items WHERE id",
                None,
            ),
            SearchKind::Incident => (
                "SELECT id, NULL AS office, detected_at AS at, NULL AS day, title, summary AS a, \
                 NULL AS b FROM incidents WHERE id",
                Some((
                    "SELECT incident_id AS p, note AS text FROM incident_events WHERE incident_id",
                    " ORDER BY incident_id, at, id",
                )),
            ),
            SearchKind::Meeting => (
                "SELECT id, NULL AS office, starts_at AS at, NULL AS day, title, discussion AS a, \
                 NULL AS b FROM meetings WHERE id",
                Some((
                    "SELECT meeting_id AS p, text FROM meeting_lines WHERE meeting_id",
                    " ORDER BY meeting_id, list, position",
                )),
            ),
        };
        let mut q = Sql::new(main_sql);
        id_list(&mut q, ids);
        let rows: Vec<SourceColumns> = q.build_as()?.fetch_all(self.conn()).await?;
        let mut extra: HashMap<i64, Vec<String>> = HashMap::new();
        if let Some((select, order)) = children {
            let mut c = Sql::new(select);
            id_list(&mut c, ids);
            c.push(order);
            let texts: Vec<(i64, String)> = c.build_as()?.fetch_all(self.conn()).await?;
            for (parent, text) in texts {
                extra.entry(parent).or_default().push(text);
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            // Register items are dated, not timed: they sort at the start of their day.
            let at = match (row.at, row.day) {
                (Some(at), _) => at,
                (None, Some(day)) => tokyo_day_start(day),
                (None, None) => {
                    return Err(StoreError::corrupt(format!(
                        "検索対象 {} #{} に日時がありません",
                        kind.label(),
                        row.id
                    )));
                }
            };
            let mut fields: Vec<String> = vec![row.title.clone()];
            fields.extend(row.a);
            fields.extend(row.b);
            fields.extend(extra.remove(&row.id).unwrap_or_default());
            out.push(Source {
                item_id: row.id,
                office: row.office,
                at,
                title: row.title,
                text: join_fields(fields.iter().map(String::as_str)),
            });
        }
        Ok(out)
    }
}
