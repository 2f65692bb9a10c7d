//! The knowledge search index: kept in the same transaction as the records, equal to `LIKE`
//! on the normalised text, and the imported records' references.

use crate::harness::*;
use chrono::{NaiveDate, TimeDelta};
use hoshu_core::incident::{
    IncidentCategory, NewIncident, Severity, TimelineEvent, TimelineEventKind,
};
use hoshu_core::meeting::{MeetingKind, NewMeeting};
use hoshu_core::register::{IssueCategory, IssueInput, IssuePriority, IssueStatus};
use hoshu_core::request::{RequestKind, RequestStatus};
use hoshu_core::request_details::Urgency;
use hoshu_core::search::{SearchKind, YearMonth, normalize};
use hoshu_store::{ImportedRequestRow, NewRequestRow, SearchFilter, SearchHit, Store, StoreError};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::collections::BTreeSet;

fn filter(query: &str) -> SearchFilter {
    SearchFilter {
        query: normalize(query),
        kinds: SearchKind::ALL.to_vec(),
        request_offices: None,
        months: None,
        limit: 20,
        offset: 0,
    }
}

fn request(filed_by: i64, office: &str, title: &str, body: &str) -> NewRequestRow {
    NewRequestRow {
        kind: RequestKind::Inquiry,
        work_sub_kind: None,
        office: office.into(),
        title: title.into(),
        body: body.into(),
        filed_by,
        details: Default::default(),
    }
}

fn issue(title: &str, content: &str) -> IssueInput {
    IssueInput {
        raised_on: NaiveDate::from_ymd_opt(2026, 4, 10).unwrap(),
        raised_by: "鈴木".into(),
        category: IssueCategory::Operation,
        title: title.into(),
        content: content.into(),
        priority: IssuePriority::Medium,
        owner: String::new(),
        due: None,
        status: IssueStatus::Open,
        progress: String::new(),
        completed_on: None,
        meeting_id: None,
        request_id: None,
    }
}

async fn found(store: &Store, f: &SearchFilter) -> Vec<(SearchKind, i64)> {
    let mut tx = store.begin_read().await.unwrap();
    let hits = tx.search_all(f).await.unwrap();
    hits.iter().map(|h| (h.kind, h.item_id)).collect()
}

conformance!(
    the_index_changes_with_the_records_in_one_transaction,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let id = tx
            .insert_request(
                &request(
                    seed.staff,
                    "naka",
                    "医療券の再発行",
                    "ＥＲＲＯＲ 0x1F が出ます",
                ),
                now(),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            found(&store, &filter("error 0x1f")).await,
            [(SearchKind::Request, id)]
        );
        assert_eq!(
            found(&store, &filter("再")).await,
            [(SearchKind::Request, id)]
        );

        // A comment and an answer are searched too.
        let mut tx = store.begin().await.unwrap();
        tx.insert_comment(id, seed.staff, "至急お願いします", now())
            .await
            .unwrap();
        tx.set_request_status(id, 1, RequestStatus::Answered, Some("ｶﾞｲﾄﾞを参照"), now())
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            found(&store, &filter("至急")).await,
            [(SearchKind::Request, id)]
        );
        assert_eq!(
            found(&store, &filter("ガイド")).await,
            [(SearchKind::Request, id)]
        );

        // Rolled back, a write leaves the index as it was.
        let mut tx = store.begin().await.unwrap();
        tx.insert_comment(id, seed.staff, "取り消される文", now())
            .await
            .unwrap();
        tx.rollback().await.unwrap();
        assert!(found(&store, &filter("取り消される")).await.is_empty());

        // Register items, incidents and meetings, each with the fields the search covers.
        let mut tx = store.begin().await.unwrap();
        let (item, _) = tx
            .insert_register_item(
                &issue("帳票の改善", "様式第３号の変更"),
                seed.contractor,
                now(),
            )
            .await
            .unwrap();
        let incident = tx
            .insert_incident(
                &NewIncident {
                    detected_at: now(),
                    category: IncidentCategory::Software,
                    severity: Severity::High,
                    title: "夜間バッチ停止".into(),
                    summary: "月次集計が止まった".into(),
                    affected_offices: vec![],
                    affected_systems: "医療扶助".into(),
                    linked_requests: vec![],
                },
                false,
                seed.contractor,
                now(),
            )
            .await
            .unwrap();
        tx.add_incident_event(
            incident,
            1,
            &TimelineEvent {
                kind: TimelineEventKind::FirstReport,
                at: now(),
                note: "ディスク容量不足を確認".into(),
            },
            seed.contractor,
            now(),
        )
        .await
        .unwrap();
        let meeting = tx
            .insert_meeting(
                &NewMeeting {
                    kind: MeetingKind::Regular,
                    title: "４月定例会議".into(),
                    starts_at: now(),
                    ends_at: now() + TimeDelta::hours(1),
                    place: "会議室".into(),
                    attendees: vec![],
                    handouts: vec![],
                    agenda: vec!["稼働状況の報告".into()],
                    discussion: "障害の再発防止策を協議".into(),
                    decisions: vec!["監視を強化する".into()],
                    action_items: vec![],
                    next_meeting: None,
                },
                seed.contractor,
                now(),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            found(&store, &filter("様式第3号")).await,
            [(SearchKind::Register, item)]
        );
        assert_eq!(
            found(&store, &filter("容量不足")).await,
            [(SearchKind::Incident, incident)]
        );
        assert_eq!(
            found(&store, &filter("4月定例")).await,
            [(SearchKind::Meeting, meeting)]
        );
        assert_eq!(
            found(&store, &filter("監視を強化")).await,
            [(SearchKind::Meeting, meeting)]
        );
        // Place is not minutes: not searched.
        assert!(found(&store, &filter("会議室")).await.is_empty());
    }
);

conformance!(filters_by_kind_office_and_month, |store| async move {
    let seed = seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let naka = tx
        .insert_request(
            &request(seed.staff, "naka", "返戻の件", "本文"),
            jst(2026, 3, 31, 23, 30),
        )
        .await
        .unwrap();
    let higashi = tx
        .insert_request(
            &request(seed.staff_higashi, "higashi", "返戻の件", "本文"),
            jst(2026, 4, 1, 0, 30),
        )
        .await
        .unwrap();
    let (item, _) = tx
        .insert_register_item(&issue("返戻の運用", "内容"), seed.contractor, now())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut f = filter("返戻");
    assert_eq!(
        found(&store, &f).await,
        [
            (SearchKind::Register, item),
            (SearchKind::Request, higashi),
            (SearchKind::Request, naka)
        ]
    );
    f.request_offices = Some(vec!["naka".into()]);
    assert_eq!(
        found(&store, &f).await,
        [(SearchKind::Register, item), (SearchKind::Request, naka)]
    );
    f.kinds = vec![SearchKind::Request];
    assert_eq!(found(&store, &f).await, [(SearchKind::Request, naka)]);
    // Months are Tokyo's: 23:30 on 31 March is March.
    let mut f = filter("返戻");
    f.months = Some((
        YearMonth {
            year: 2026,
            month: 4,
        },
        YearMonth {
            year: 2026,
            month: 4,
        },
    ));
    assert_eq!(
        found(&store, &f).await,
        [(SearchKind::Register, item), (SearchKind::Request, higashi)]
    );

    // The page: newest first, with the passage marked.
    let mut tx = store.begin_read().await.unwrap();
    let page = tx.search(&filter("本文")).await.unwrap();
    assert_eq!(page.total, 2);
    assert!(page.total_exact);
    let SearchHit {
        item_id, snippet, ..
    } = &page.hits[0];
    assert_eq!(*item_id, higashi);
    assert_eq!(snippet.hit, "本文");
});

conformance!(
    imported_requests_keep_their_reference_and_times,
    |store| async move {
        let seed = seed(&store).await;
        let row = ImportedRequestRow {
            external_ref: "redmine#813".into(),
            kind: RequestKind::Inquiry,
            work_sub_kind: None,
            office: "naka".into(),
            title: "過去の問い合わせ".into(),
            body: "本文".into(),
            status: RequestStatus::Closed,
            urgency: Urgency::High,
            filed_by: seed.staff,
            assignee_id: Some(seed.contractor),
            filed_at: jst(2025, 4, 3, 11, 32),
            answered_at: Some(jst(2025, 4, 5, 17, 2)),
            closed_at: Some(jst(2025, 4, 5, 17, 2)),
            updated_at: jst(2025, 4, 5, 17, 2),
        };
        let mut tx = store.begin().await.unwrap();
        let id = tx.insert_imported_request(&row, now()).await.unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        let r = tx.get_request(id).await.unwrap().unwrap();
        assert_eq!(
            (r.status, r.filed_at, r.closed_at, r.details.urgency),
            (
                RequestStatus::Closed,
                row.filed_at,
                row.closed_at,
                Urgency::High
            )
        );
        let mark = tx.request_import_mark(id).await.unwrap().unwrap();
        assert_eq!(
            (mark.external_ref.as_str(), mark.imported_at),
            ("redmine#813", now())
        );
        let refs = tx
            .requests_by_external_ref(&["redmine#813".into(), "redmine#1".into()])
            .await
            .unwrap();
        assert_eq!(
            refs.into_iter().collect::<Vec<_>>(),
            [("redmine#813".to_owned(), id)]
        );
        // A reference is unique.
        let again = tx.insert_imported_request(&row, now()).await.unwrap_err();
        assert!(matches!(again, StoreError::Constraint { .. }), "{again:?}");
        drop(tx);

        let mut tx = store.begin().await.unwrap();
        let (item, _) = tx
            .insert_imported_register_item(
                &issue("過去の課題", "内容"),
                "No.7",
                seed.contractor,
                now(),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut tx = store.begin_read().await.unwrap();
        let refs = tx
            .register_items_by_external_ref(&["No.7".into()])
            .await
            .unwrap();
        assert_eq!(refs.get("No.7"), Some(&item));
        drop(tx);
        assert_eq!(found(&store, &filter("過去の")).await.len(), 2);
    }
);

/// `LIKE '%q%' ESCAPE '!'` over the normalised fields, kept in a table of the test's own.
async fn like_truth(store: &Store, query: &str) -> BTreeSet<(String, i64)> {
    let mut pattern = String::from("%");
    for c in normalize(query).chars() {
        if matches!(c, '%' | '_' | '!') {
            pattern.push('!');
        }
        pattern.push(c);
    }
    pattern.push('%');
    sqlx::query_as::<_, (String, i64)>(
        "SELECT DISTINCT kind, item_id FROM truth_fields WHERE norm LIKE $1 ESCAPE '!'",
    )
    .bind(pattern)
    .fetch_all(store.pool())
    .await
    .unwrap()
    .into_iter()
    .collect()
}

/// Characters that fold together under NFKC and case, LIKE's wildcards, a line break.
const ALPHABET: &str = "aAａＡ1１①カｶガｶﾞ返戻のノ %_!\n";

fn text(max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = ALPHABET.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), 0..max)
        .prop_map(|v| v.into_iter().collect())
}

conformance!(
    search_equals_like_on_the_normalised_text,
    |store| async move {
        let seed = seed(&store).await;
        raw(&store, "CREATE TABLE truth_fields (kind TEXT NOT NULL, item_id BIGINT NOT NULL, norm TEXT NOT NULL)").await;
        let corpus = proptest::collection::vec((text(10), text(16), text(12), text(8)), 1..12);
        // Up to seven characters: one gram exactly, or a long query's 4-grams and the check.
        let queries = proptest::collection::vec(text(8), 8);
        let mut runner = TestRunner::new(Config {
            cases: 12,
            ..Config::default()
        });
        let handle = tokio::runtime::Handle::current();
        let result = runner.run(&(corpus, queries), |(records, queries)| {
            tokio::task::block_in_place(|| {
                handle.block_on(async {
                    // The corpus grows from case to case: every query runs on all of it.
                    let mut tx = store.begin().await.unwrap();
                    let mut truth = Vec::new();
                    for (i, (title, body, answer, comment)) in records.iter().enumerate() {
                        if i % 3 == 2 {
                            let (id, _) = tx
                                .insert_register_item(&issue(title, body), seed.contractor, now())
                                .await
                                .unwrap();
                            truth.extend([("register", id, title), ("register", id, body)]);
                            continue;
                        }
                        let office = if i % 2 == 0 { "naka" } else { "higashi" };
                        let id = tx
                            .insert_request(&request(seed.staff, office, title, body), now())
                            .await
                            .unwrap();
                        tx.set_request_status(id, 1, RequestStatus::Answered, Some(answer), now())
                            .await
                            .unwrap();
                        tx.insert_comment(id, seed.staff, comment, now())
                            .await
                            .unwrap();
                        truth.extend([
                            ("request", id, title),
                            ("request", id, body),
                            ("request", id, answer),
                            ("request", id, comment),
                        ]);
                    }
                    tx.commit().await.unwrap();
                    for (kind, id, field) in truth {
                        sqlx::query(
                            "INSERT INTO truth_fields (kind, item_id, norm) VALUES ($1, $2, $3)",
                        )
                        .bind(kind)
                        .bind(id)
                        .bind(normalize(field))
                        .execute(store.pool())
                        .await
                        .unwrap();
                    }
                    for q in &queries {
                        if normalize(q).is_empty() {
                            continue;
                        }
                        let f = filter(q);
                        let expected = like_truth(&store, q).await;
                        let got: BTreeSet<(String, i64)> = found(&store, &f)
                            .await
                            .into_iter()
                            .map(|(k, id)| (k.code().to_owned(), id))
                            .collect();
                        prop_assert_eq!(&got, &expected, "query {:?}", q);
                        let mut tx = store.begin_read().await.unwrap();
                        let page = tx.search(&f).await.unwrap();
                        prop_assert_eq!(page.total, expected.len() as u64, "query {:?}", q);
                        prop_assert!(page.total_exact);
                    }
                    Ok(())
                })
            })
        });
        if let Err(e) = result {
            panic!("{e}");
        }
    }
);

conformance!(
    many_candidates_are_walked_newest_first,
    |store| async move {
        let seed = seed(&store).await;
        // 300 requests share the words: more candidates than are read one by one, so the page
        // comes from walking the documents in time order (filed out of id order here).
        let mut tx = store.begin().await.unwrap();
        let mut ids = Vec::new();
        for i in 0..300_i64 {
            let filed = now() - TimeDelta::minutes((i * 7919) % 1000);
            // The others hold every 4-gram of the long query below, but not the query.
            let body = if i % 3 == 0 {
                "返戻レセプトの再請求"
            } else {
                "返戻 レセプトの再、トの再請求"
            };
            let id = tx
                .insert_request(
                    &request(seed.staff, "naka", &format!("件名{i}"), body),
                    filed,
                )
                .await
                .unwrap();
            ids.push((filed, id));
        }
        tx.commit().await.unwrap();
        ids.sort_by_key(|k| std::cmp::Reverse(*k));
        let newest: Vec<i64> = ids.iter().map(|(_, id)| *id).collect();
        let mut tx = store.begin_read().await.unwrap();

        let short = tx.search(&filter("返戻")).await.unwrap();
        assert_eq!((short.total, short.total_exact), (300, true));
        let page: Vec<i64> = short.hits.iter().map(|h| h.item_id).collect();
        assert_eq!(page, newest[..20]);

        // A long query: every third of its 300 candidates matches; they are checked newest
        // first until the page is full.
        let long = tx.search(&filter("レセプトの再請求")).await.unwrap();
        let expected: Vec<i64> = ids
            .iter()
            .filter(|(_, id)| (id - newest.iter().min().unwrap()) % 3 == 0)
            .map(|(_, id)| *id)
            .take(20)
            .collect();
        let page: Vec<i64> = long.hits.iter().map(|h| h.item_id).collect();
        assert_eq!(page, expected);
        assert_eq!((long.total, long.total_exact), (300, false));
        let mut second = filter("レセプトの再請求");
        second.offset = 20;
        let next = tx.search(&second).await.unwrap();
        assert_eq!(next.hits.len(), 20);
        assert!(next.hits.iter().all(|h| !page.contains(&h.item_id)));
        assert_eq!(
            tx.search_all(&filter("レセプトの再請求"))
                .await
                .unwrap()
                .len(),
            100
        );
    }
);

with_database!(an_index_without_four_grams_is_built_again, |db| {
    let store = Store::connect(&db.url, db.key()).await.unwrap();
    let seed = seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let id = tx
        .insert_request(
            &request(seed.staff, "naka", "返戻レセプト", "再請求の手順"),
            now(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // The index as it stood before migration 0017: no 4-character grams.
    raw(&store, "DELETE FROM search_postings WHERE LENGTH(gram) = 4").await;
    raw(&store, "DELETE FROM _sqlx_migrations WHERE version = 17").await;
    assert!(found(&store, &filter("レセプト")).await.is_empty());
    store.close().await;

    let store = Store::connect(&db.url, db.key()).await.unwrap();
    assert_eq!(
        found(&store, &filter("レセプト")).await,
        [(SearchKind::Request, id)]
    );
    assert_eq!(
        found(&store, &filter("再請求の手順")).await,
        [(SearchKind::Request, id)]
    );
    let mut tx = store.begin_read().await.unwrap();
    assert_eq!(tx.search_index_size().await.unwrap().documents, 1);
    drop(tx);
    store.close().await;
});
