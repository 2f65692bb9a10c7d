//! Answering from the index: the candidates of a query from its posting blocks, then the
//! newest of them read, and checked against the text when the query is longer than a gram.

use super::{
    BLOCK_DOCS, CHUNK, DocRow, DocSet, SearchFilter, SearchHit, SearchIndexSize, SearchPage,
    doc_u32, id_list,
};
use crate::Tx;
use crate::columns::Millis;
use crate::error::{Result, StoreError};
use crate::sql::Sql;
use chrono::{DateTime, Utc};
use hoshu_core::search::{
    self as rule, SearchKind, Snippet, kind_key, month_key, office_key, query_grams,
};
use std::collections::{BTreeSet, HashMap};

/// Up to `READ_ALL_MIN` candidates, or up to `READ_ALL_MAX` when they are too sparse to find
/// quickly in time order, all are read and ordered by time (and checked, for long queries), so
/// the total is exact; otherwise the newest documents are read in time order until the page is
/// full.
const READ_ALL_MIN: u64 = 200;
const READ_ALL_MAX: u64 = 5000;
/// What reading one document by id costs, in documents walked along the time index.
const PROBE_COST: u64 = 8;
/// For a long query, up to this many candidates are ordered by their times and checked newest
/// first; more are found faster by walking the documents in time order.
const READ_ALL_VERIFY_MAX: u64 = 1000;
/// Most rows read per step when walking the documents newest first.
const WALK_STEP_MAX: u64 = 2048;
/// Candidates of a long query read and checked at a time while walking.
const VERIFY_BATCH: usize = 32;
/// "More like this" weighs the text's trigrams: longer grams would rarely be shared by two
/// texts written by different people.
const SIMILARITY_GRAM_CHARS: usize = 3;

impl Tx<'_> {
    /// The documents holding each key, decoded straight into bitmaps: a dense block is copied
    /// word by word (blocks start on a multiple of 64 ids), a sparse one id by id.
    async fn posting_sets(&mut self, keys: &[String]) -> Result<HashMap<String, DocSet>> {
        let mut sets: HashMap<String, DocSet> = HashMap::new();
        for chunk in keys.chunks(CHUNK) {
            let mut q = Sql::new("SELECT gram, block, docs FROM search_postings WHERE gram IN (");
            q.bind_list(chunk.iter().cloned()).push(")");
            let blocks: Vec<(String, i64, Vec<u8>)> = q.build_as()?.fetch_all(self.conn()).await?;
            for (key, block, bytes) in blocks {
                let base = u32::try_from(block)
                    .ok()
                    .and_then(|b| b.checked_mul(BLOCK_DOCS))
                    .ok_or_else(|| StoreError::corrupt(format!("検索索引のブロック {block}")))?;
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
            out.extend(q.build_as::<DocRow>()?.fetch_all(self.conn()).await?);
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
            let times: Vec<(i64, Millis)> = q.build_as()?.fetch_all(self.conn()).await?;
            for (id, at) in times {
                out.push((at.0, doc_u32(id)?));
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
        // each be read and checked: a few hundred are put in time order by their times alone
        // (their 4-grams make most of them true matches), then checked newest first.
        if verify && count > READ_ALL_MIN && count <= READ_ALL_VERIFY_MAX {
            return self.check_newest(&candidates, filter).await;
        }
        let walk_first = if verify {
            count > READ_ALL_MIN
        } else {
            !(count <= READ_ALL_MIN
                || (count <= READ_ALL_MAX && count.saturating_mul(PROBE_COST) <= walk_rows))
        };
        if walk_first {
            let step = (walk_rows.saturating_mul(3) / 2).clamp(64, WALK_STEP_MAX) as i64;
            let found = self
                .walk(&candidates, &filter.query, verify, wanted, step)
                .await?;
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

    /// A long query's page from candidates ordered by time: checked against their text a batch
    /// at a time, newest first, until the page is full. The total is exact when every candidate
    /// was checked on the way, an upper bound otherwise.
    async fn check_newest(
        &mut self,
        candidates: &DocSet,
        filter: &SearchFilter,
    ) -> Result<SearchPage> {
        let wanted = filter.offset + filter.limit;
        let ids: Vec<u32> = candidates.ids().collect();
        let mut order = self.doc_times(&ids).await?;
        order.sort_by_key(|k| std::cmp::Reverse(*k));
        let mut found: Vec<DocRow> = Vec::new();
        let mut checked = 0;
        for batch in order.chunks(VERIFY_BATCH) {
            if found.len() >= wanted {
                break;
            }
            let batch: Vec<u32> = batch.iter().map(|(_, id)| *id).collect();
            checked += batch.len();
            let rows = self.docs_in_order(&batch).await?;
            found.extend(
                rows.into_iter()
                    .filter(|r| rule::fields_contain(&r.text, &filter.query)),
            );
        }
        let total_exact = checked == order.len();
        let total = if total_exact {
            found.len() as u64
        } else {
            candidates.len()
        };
        let hits = found
            .into_iter()
            .skip(filter.offset)
            .take(filter.limit)
            .map(|r| r.hit(&filter.query))
            .collect();
        Ok(SearchPage {
            hits,
            total,
            total_exact,
        })
    }

    /// Walks the documents newest first, `step` at a time, collecting the candidates (checked
    /// against the text when `verify`) until `wanted` are found or the documents end.
    async fn walk(
        &mut self,
        candidates: &DocSet,
        query: &str,
        verify: bool,
        wanted: usize,
        step: i64,
    ) -> Result<Vec<u32>> {
        let mut found: Vec<u32> = Vec::new();
        let mut walked = 0_i64;
        while found.len() < wanted {
            let rows: Vec<i64> = sqlx::query_scalar(
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
            for &id in &rows {
                let id = doc_u32(id)?;
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
        Ok(found)
    }

    /// The documents of `ids` with their text, in that order.
    async fn docs_in_order(&mut self, ids: &[u32]) -> Result<Vec<DocRow>> {
        let mut rows: HashMap<u32, DocRow> = self
            .doc_rows(ids, true)
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        Ok(ids.iter().filter_map(|id| rows.remove(id)).collect())
    }

    /// The hits of `ids` in that order, with their passages.
    async fn page_hits(&mut self, ids: &[u32], query: &str) -> Result<Vec<SearchHit>> {
        Ok(self
            .docs_in_order(ids)
            .await?
            .into_iter()
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
            .windows(SIMILARITY_GRAM_CHARS)
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
        Ok(self
            .docs_in_order(&ids)
            .await?
            .into_iter()
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
        let (documents, document_bytes): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(LENGTH(text) + LENGTH(title)), 0) FROM search_docs",
        )
        .fetch_one(self.conn())
        .await?;
        let (posting_rows, posting_bytes): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(LENGTH(docs) + LENGTH(gram)), 0) FROM search_postings",
        )
        .fetch_one(self.conn())
        .await?;
        Ok(SearchIndexSize {
            documents,
            document_bytes,
            posting_rows,
            posting_bytes,
        })
    }
}
