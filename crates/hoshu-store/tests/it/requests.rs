//! Requests, their list, comments, attachments and history.

use crate::harness::*;
use chrono::{DateTime, TimeDelta, Utc};
use hoshu_core::Role;
use hoshu_core::audit::AuditEvent;
use hoshu_core::listing::{Order, RequestColumn, SortDirection};
use hoshu_core::request::{RequestKind, RequestStatus, WorkSubKind};
use hoshu_core::request_details::{RequestDetails, Urgency};
use hoshu_store::{
    NewRequestRow, RequestEventRow, RequestFilter, RequestSummary, Store, StoreError,
};

fn inquiry(filed_by: i64, office: &str, title: &str, body: &str) -> NewRequestRow {
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

conformance!(request_round_trip, |store| async move {
    let seed = seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let new = NewRequestRow {
        kind: RequestKind::Work,
        work_sub_kind: Some(WorkSubKind::Gaiji),
        office: "naka".into(),
        title: "外字「𠮷」の登録依頼".into(),
        body: "受給者の氏名に「𠮷」（つちよし）を使用します。\r\n至急対応をお願いします。\t以上"
            .into(),
        filed_by: seed.staff,
        details: Default::default(),
    };
    let id = tx.insert_request(&new, now()).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.begin_read().await.unwrap();
    let r = tx.get_request(id).await.unwrap().unwrap();
    assert_eq!(r.id, id);
    assert_eq!(r.kind, RequestKind::Work);
    assert_eq!(r.work_sub_kind, Some(WorkSubKind::Gaiji));
    assert_eq!(r.office, "naka");
    assert_eq!(r.title, new.title);
    assert_eq!(r.body, new.body);
    assert_eq!(r.status, RequestStatus::Received);
    assert_eq!(r.filed_by, seed.staff);
    assert_eq!(r.filed_by_name, "山田 花子");
    assert_eq!(r.assignee_id, None);
    assert_eq!(r.assignee_name, None);
    assert_eq!(r.answer, None);
    assert_eq!(r.filed_at, now());
    assert_eq!(r.answered_at, None);
    assert_eq!(r.closed_at, None);
    assert_eq!(r.updated_at, now());
    assert_eq!(r.version, 1);
    assert_eq!(tx.get_request(id + 1000).await.unwrap(), None);
    assert_eq!(tx.count_requests().await.unwrap(), 1);
});

conformance!(request_status_answer_and_assignee, |store| async move {
    let seed = seed(&store).await;
    let t = |min| now() + TimeDelta::minutes(min);
    let mut tx = store.begin().await.unwrap();
    let id = tx
        .insert_request(
            &inquiry(seed.staff, "naka", "再審査請求", "画面が開きません"),
            t(0),
        )
        .await
        .unwrap();
    assert_eq!(
        tx.set_request_assignee(id, 1, Some(seed.contractor), t(1))
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        tx.set_request_status(id, 2, RequestStatus::InProgress, None, t(2))
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        tx.set_request_status(
            id,
            3,
            RequestStatus::Answered,
            Some("キャッシュを削除してください。"),
            t(3)
        )
        .await
        .unwrap(),
        4
    );
    let r = tx.get_request(id).await.unwrap().unwrap();
    assert_eq!(r.status, RequestStatus::Answered);
    assert_eq!(r.started_at, Some(t(2)));
    assert_eq!(r.assignee_id, Some(seed.contractor));
    assert_eq!(r.assignee_name.as_deref(), Some("高橋 SE"));
    assert_eq!(r.answer.as_deref(), Some("キャッシュを削除してください。"));
    assert_eq!(r.answered_at, Some(t(3)));
    assert_eq!(r.closed_at, None);
    assert_eq!(r.updated_at, t(3));

    // Sent back: the answer and its time stay, the request is open again.
    tx.set_request_status(id, 4, RequestStatus::InProgress, None, t(4))
        .await
        .unwrap();
    let r = tx.get_request(id).await.unwrap().unwrap();
    assert_eq!(r.answer.as_deref(), Some("キャッシュを削除してください。"));
    assert_eq!(r.answered_at, Some(t(3)));
    assert_eq!(
        r.started_at,
        Some(t(2)),
        "taken up again: the first time stays"
    );

    tx.set_request_status(
        id,
        5,
        RequestStatus::Answered,
        Some("再起動で解消します。"),
        t(5),
    )
    .await
    .unwrap();
    tx.set_request_status(id, 6, RequestStatus::Closed, None, t(6))
        .await
        .unwrap();
    let r = tx.get_request(id).await.unwrap().unwrap();
    assert_eq!(r.status, RequestStatus::Closed);
    assert_eq!(r.answer.as_deref(), Some("再起動で解消します。"));
    assert_eq!(r.answered_at, Some(t(5)));
    assert_eq!(r.closed_at, Some(t(6)));

    // Reopened: closed_at is cleared.
    tx.set_request_status(id, 7, RequestStatus::InProgress, None, t(7))
        .await
        .unwrap();
    assert_eq!(tx.get_request(id).await.unwrap().unwrap().closed_at, None);
    let v = tx.set_request_assignee(id, 8, None, t(8)).await.unwrap();
    let r = tx.get_request(id).await.unwrap().unwrap();
    assert_eq!((r.assignee_id, r.assignee_name, r.version), (None, None, v));

    // Withdrawn counts as closed.
    let other = tx
        .insert_request(&inquiry(seed.staff, "naka", "取下げ", "誤って起票"), t(9))
        .await
        .unwrap();
    tx.set_request_status(other, 1, RequestStatus::Withdrawn, None, t(10))
        .await
        .unwrap();
    assert_eq!(
        tx.get_request(other).await.unwrap().unwrap().closed_at,
        Some(t(10))
    );
    let withdrawn = tx.get_request(other).await.unwrap().unwrap();
    assert_eq!(
        withdrawn.started_at, None,
        "withdrawn untouched: never taken up"
    );
});

conformance!(
    answered_straight_away_was_taken_up_when_answered,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let id = tx
            .insert_request(&inquiry(seed.staff, "naka", "即答", "設定の場所"), now())
            .await
            .unwrap();
        let later = now() + TimeDelta::minutes(20);
        tx.set_request_status(
            id,
            1,
            RequestStatus::Answered,
            Some("設定画面です。"),
            later,
        )
        .await
        .unwrap();
        let r = tx.get_request(id).await.unwrap().unwrap();
        assert_eq!((r.started_at, r.answered_at), (Some(later), Some(later)));
    }
);

conformance!(
    stale_request_update_is_refused_and_changes_nothing,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let id = tx
            .insert_request(&inquiry(seed.staff, "naka", "件名", "本文"), now())
            .await
            .unwrap();
        tx.set_request_status(id, 1, RequestStatus::InProgress, None, now())
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        let before = tx.get_request(id).await.unwrap().unwrap();
        let later = now() + TimeDelta::hours(1);
        let err = tx
            .set_request_status(
                id,
                1,
                RequestStatus::Answered,
                Some("古い画面からの回答"),
                later,
            )
            .await
            .unwrap_err();
        assert_eq!(
            err,
            StoreError::Stale {
                what: format!("依頼 #{id}")
            }
        );
        assert_eq!(
            err.to_string(),
            format!("依頼 #{id}は他の人が更新しました。画面を開き直してください。")
        );
        let err = tx
            .set_request_assignee(id, 1, Some(seed.contractor), later)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Stale { .. }));
        let err = tx
            .set_request_status(id + 99, 1, RequestStatus::Closed, None, later)
            .await
            .unwrap_err();
        assert_eq!(
            err,
            StoreError::NotFound {
                what: format!("依頼 #{}", id + 99)
            }
        );
        tx.commit().await.unwrap();
        let mut tx = store.begin_read().await.unwrap();
        assert_eq!(tx.get_request(id).await.unwrap().unwrap(), before);
    }
);

conformance!(dropped_transaction_leaves_nothing, |store| async move {
    let seed = seed(&store).await;
    {
        let mut tx = store.begin().await.unwrap();
        let id = tx
            .insert_request(&inquiry(seed.staff, "naka", "消える依頼", "本文"), now())
            .await
            .unwrap();
        tx.append_audit(
            AuditEvent {
                actor: "staff01".into(),
                action: "request.file".into(),
                target: format!("request:{id}"),
                summary: "依頼を起票".into(),
            },
            now(),
        )
        .await
        .unwrap();
        assert_eq!(tx.count_requests().await.unwrap(), 1);
        // Dropped here without commit.
    }
    let mut tx = store.begin().await.unwrap();
    let id = tx
        .insert_request(&inquiry(seed.staff, "naka", "これも消える", "本文"), now())
        .await
        .unwrap();
    tx.insert_comment(id, seed.staff, "コメント", now())
        .await
        .unwrap();
    tx.rollback().await.unwrap();

    let mut tx = store.begin_read().await.unwrap();
    assert_eq!(tx.count_requests().await.unwrap(), 0);
    assert_eq!(tx.audit_head().await.unwrap(), None);
    assert!(tx.audit_entries(0, 10).await.unwrap().is_empty());
    assert_eq!(tx.verify_audit().await.unwrap(), Ok(0));
});

conformance!(
    comments_attachments_and_history_round_trip,
    |store| async move {
        let seed = seed(&store).await;
        let t = |min| now() + TimeDelta::minutes(min);
        let mut tx = store.begin().await.unwrap();
        let id = tx
            .insert_request(
                &inquiry(seed.staff, "naka", "帳票の文字化け", "添付を参照"),
                t(0),
            )
            .await
            .unwrap();
        let other = tx
            .insert_request(&inquiry(seed.staff, "naka", "別件", "別件"), t(0))
            .await
            .unwrap();

        let c1 = tx
            .insert_comment(id, seed.staff, "画面写しを添付します。", t(1))
            .await
            .unwrap();
        let c2 = tx
            .insert_comment(id, seed.contractor, "確認します。\n担当: 高橋", t(2))
            .await
            .unwrap();
        tx.insert_comment(other, seed.staff, "別件のコメント", t(2))
            .await
            .unwrap();

        // 5 MB of every byte value, NULs included.
        let big: Vec<u8> = (0..5 * 1024 * 1024)
            .map(|i: u32| (i.wrapping_mul(31) % 251) as u8)
            .collect();
        let small = b"\x00\x01\xff\xfeCSV,\xe6\x96\x87\xe5\xad\x97".to_vec();
        let a1 = tx
            .insert_attachment(id, "画面 写し(1).png", "image/png", &big, seed.staff, t(3))
            .await
            .unwrap();
        let a2 = tx
            .insert_attachment(id, "ログ.csv", "text/csv", &small, seed.contractor, t(4))
            .await
            .unwrap();

        tx.insert_request_event(
            id,
            seed.staff,
            &RequestEventRow {
                kind: "filed".into(),
                from_status: None,
                to_status: Some(RequestStatus::Received),
                note: None,
            },
            t(0),
        )
        .await
        .unwrap();
        tx.insert_request_event(
            id,
            seed.contractor,
            &RequestEventRow {
                kind: "status".into(),
                from_status: Some(RequestStatus::Received),
                to_status: Some(RequestStatus::InProgress),
                note: Some("調査を開始します".into()),
            },
            t(5),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin_read().await.unwrap();
        let comments = tx.list_comments(id).await.unwrap();
        assert_eq!(comments.len(), 2);
        assert_eq!(comments[0].id, c1);
        assert_eq!(comments[0].request_id, id);
        assert_eq!(comments[0].author_id, seed.staff);
        assert_eq!(comments[0].author_name, "山田 花子");
        assert_eq!(comments[0].author_role, Role::Staff);
        assert_eq!(comments[0].body, "画面写しを添付します。");
        assert_eq!(comments[0].created_at, t(1));
        assert_eq!(comments[1].id, c2);
        assert_eq!(comments[1].author_role, Role::Contractor);
        assert_eq!(comments[1].body, "確認します。\n担当: 高橋");
        assert!(tx.list_comments(id + 100).await.unwrap().is_empty());

        let list = tx.list_attachments(id).await.unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].id, a1);
        assert_eq!(list[0].request_id, id);
        assert_eq!(list[0].file_name, "画面 写し(1).png");
        assert_eq!(list[0].content_type, "image/png");
        assert_eq!(list[0].size, 5 * 1024 * 1024);
        assert_eq!(list[0].sha256.len(), 64);
        assert_eq!(list[0].uploaded_by, seed.staff);
        assert_eq!(list[0].uploaded_by_name, "山田 花子");
        assert_eq!(list[0].created_at, t(3));
        assert_eq!(list[1].id, a2);
        assert_eq!(list[1].size, small.len() as i64);
        assert_eq!(list[1].uploaded_by_name, "高橋 SE");
        // SHA-256 of the small file, computed independently.
        assert_eq!(
            list[1].sha256,
            hex_sha256(&small),
            "the stored digest is the SHA-256 of the bytes"
        );

        let got = tx.get_attachment(a1).await.unwrap().unwrap();
        assert_eq!(got.meta, list[0]);
        assert!(
            got.bytes == big,
            "5 MB attachment must round-trip byte for byte"
        );
        let got = tx.get_attachment(a2).await.unwrap().unwrap();
        assert_eq!(got.bytes, small);
        assert_eq!(tx.get_attachment(a2 + 100).await.unwrap(), None);

        let events = tx.list_request_events(id).await.unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].request_id, id);
        assert_eq!(events[0].kind, "filed");
        assert_eq!(events[0].actor_id, seed.staff);
        assert_eq!(events[0].actor_name, "山田 花子");
        assert_eq!(events[0].from_status, None);
        assert_eq!(events[0].to_status, Some(RequestStatus::Received));
        assert_eq!(events[0].note, None);
        assert_eq!(events[0].at, t(0));
        assert_eq!(events[1].kind, "status");
        assert_eq!(events[1].actor_name, "高橋 SE");
        assert_eq!(events[1].from_status, Some(RequestStatus::Received));
        assert_eq!(events[1].to_status, Some(RequestStatus::InProgress));
        assert_eq!(events[1].note.as_deref(), Some("調査を開始します"));
        assert!(tx.list_request_events(other).await.unwrap().is_empty());
    }
);

fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

conformance!(rows_of_unknown_requests_are_refused, |store| async move {
    let seed = seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let err = tx
        .insert_comment(4242, seed.staff, "宛先なし", now())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Constraint { .. }), "{err:?}");
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    let err = tx
        .insert_request(&inquiry(seed.staff, "osaka", "所属なし", "本文"), now())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Constraint { .. }), "{err:?}");
});

conformance!(
    unknown_codes_read_back_as_corrupt_not_panic,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let id = tx
            .insert_request(&inquiry(seed.staff, "naka", "件名", "本文"), now())
            .await
            .unwrap();
        tx.insert_request_event(
            id,
            seed.staff,
            &RequestEventRow {
                kind: "filed".into(),
                from_status: None,
                to_status: Some(RequestStatus::Received),
                note: None,
            },
            now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        raw(&store, "UPDATE request_events SET to_status = 'lost'").await;
        raw(&store, "UPDATE requests SET status = 'zombie'").await;

        let mut tx = store.begin_read().await.unwrap();
        let err = tx.list_request_events(id).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::Corrupt { what, .. } if what.contains("lost")),
            "{err:?}"
        );
        let err = tx.get_request(id).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::Corrupt { what, .. } if what.contains("zombie")),
            "{err:?}"
        );
        assert!(err.to_string().starts_with("データベースの内容が不正です"));
        let err = tx
            .list_requests(&RequestFilter::default())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    }
);

// ---- the list ----------------------------------------------------------------------------

/// What a test request looks like, to compute the expected list in Rust.
#[derive(Debug, Clone)]
struct Row {
    id: i64,
    kind: RequestKind,
    status: RequestStatus,
    urgency: Urgency,
    office: String,
    title: String,
    body: String,
    assignee: Option<i64>,
    filed_by: i64,
    filed_at: DateTime<Utc>,
}

const TEXTS: &[(&str, &str)] = &[
    ("返戻レセプトの再審査", "対象月が選べません"),
    ("達成率100%の集計", "月次の100%報告"),
    ("100件の集計", "達成率 100 パーセント"),
    ("file_name の不具合", "a_b という列"),
    ("fileXname", "axb"),
    ("ERROR コード E-12", "Error が出ます"),
    ("ＡΣ全角", "全角の英字"),
    ("ａσ全角小文字", "全角の小文字"),
    ("定期リリース", "本文に ERROR なし error のみ"),
    ("感嘆符!のテスト", "!% と !_ と !!"),
];

async fn make_list(store: &Store) -> (crate::harness::Seed, Vec<Row>) {
    let seed = seed(store).await;
    let offices = ["naka", "higashi", "kita_chuo"];
    let mut rows = Vec::new();
    let mut tx = store.begin().await.unwrap();
    for i in 0..60_i64 {
        let kind = RequestKind::ALL[i as usize % RequestKind::ALL.len()];
        let (title, body) = TEXTS[i as usize % TEXTS.len()];
        let office = offices[(i as usize / 2) % offices.len()];
        // Every third pair shares a filing time, so the id breaks the tie.
        let filed_at = now() + TimeDelta::minutes(i - i % 3);
        let filed_by = if office == "higashi" {
            seed.staff_higashi
        } else {
            seed.staff
        };
        let new = NewRequestRow {
            kind,
            work_sub_kind: (kind == RequestKind::Work).then_some(WorkSubKind::Other),
            office: office.into(),
            title: format!("{title} #{i}"),
            body: body.into(),
            filed_by,
            details: RequestDetails {
                urgency: Urgency::ALL[i as usize % 5 % Urgency::ALL.len()],
                ..Default::default()
            },
        };
        let urgency = new.details.urgency;
        let id = tx.insert_request(&new, filed_at).await.unwrap();
        let status = RequestStatus::ALL[(i as usize / 3) % RequestStatus::ALL.len()];
        if status != RequestStatus::Received {
            tx.set_request_status(id, 1, status, None, filed_at)
                .await
                .unwrap();
        }
        let assignee = (i % 4 == 0).then_some(seed.contractor);
        if let Some(a) = assignee {
            let version = if status == RequestStatus::Received {
                1
            } else {
                2
            };
            tx.set_request_assignee(id, version, Some(a), filed_at)
                .await
                .unwrap();
        }
        rows.push(Row {
            id,
            kind,
            urgency,
            status,
            office: office.into(),
            title: new.title,
            body: new.body,
            assignee,
            filed_by,
            filed_at,
        });
    }
    tx.commit().await.unwrap();
    (seed, rows)
}

fn expected(rows: &[Row], f: &RequestFilter) -> (Vec<i64>, i64) {
    let text = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let mut hits: Vec<&Row> = rows
        .iter()
        .filter(|r| f.kinds.is_empty() || f.kinds.contains(&r.kind))
        .filter(|r| f.statuses.is_empty() || f.statuses.contains(&r.status))
        .filter(|r| !f.open_only || r.status.is_open())
        .filter(|r| f.offices.as_ref().is_none_or(|o| o.contains(&r.office)))
        .filter(|r| {
            text.is_none_or(|t| {
                let t = t.to_ascii_lowercase();
                r.title.to_ascii_lowercase().contains(&t)
                    || r.body.to_ascii_lowercase().contains(&t)
            })
        })
        .filter(|r| f.urgencies.is_empty() || f.urgencies.contains(&r.urgency))
        .filter(|r| f.assignee.is_none_or(|a| r.assignee == Some(a)))
        .filter(|r| !f.unassigned || r.assignee.is_none())
        .filter(|r| f.filed_by.is_none_or(|b| r.filed_by == b))
        .collect();
    let rank = |all: &[&str], code: &str| all.iter().position(|c| *c == code);
    let kinds: Vec<&str> = RequestKind::ALL.iter().map(|k| k.code()).collect();
    let statuses: Vec<&str> = RequestStatus::ALL.iter().map(|s| s.code()).collect();
    hits.sort_by(|a, b| {
        let by_column = match f.order.column {
            RequestColumn::Number => a.id.cmp(&b.id),
            RequestColumn::Kind => rank(&kinds, a.kind.code()).cmp(&rank(&kinds, b.kind.code())),
            RequestColumn::Title => a.title.cmp(&b.title),
            RequestColumn::Office => a.office.cmp(&b.office),
            RequestColumn::Status => {
                rank(&statuses, a.status.code()).cmp(&rank(&statuses, b.status.code()))
            }
            RequestColumn::FiledAt => a.filed_at.cmp(&b.filed_at),
            RequestColumn::FiledBy | RequestColumn::Assignee => {
                unreachable!("the model has no names")
            }
        };
        let by_column = match f.order.direction {
            SortDirection::Ascending => by_column,
            SortDirection::Descending => by_column.reverse(),
        };
        by_column
            .then(b.filed_at.cmp(&a.filed_at))
            .then(b.id.cmp(&a.id))
    });
    let total = hits.len() as i64;
    let page = hits
        .into_iter()
        .skip(f.offset as usize)
        .take(f.limit as usize)
        .map(|r| r.id)
        .collect();
    (page, total)
}

async fn check(store: &Store, rows: &[Row], f: RequestFilter) -> Vec<RequestSummary> {
    let mut tx = store.begin_read().await.unwrap();
    let page = tx.list_requests(&f).await.unwrap();
    let ids: Vec<i64> = page.items.iter().map(|s| s.id).collect();
    assert_eq!((ids, page.total), expected(rows, &f), "{f:?}");
    page.items
}

conformance!(list_filters_and_paging, |store| async move {
    let (seed, rows) = make_list(&store).await;
    let all = RequestFilter {
        limit: 1000,
        ..RequestFilter::default()
    };

    // Unfiltered, newest first, ties broken by id.
    let items = check(&store, &rows, all.clone()).await;
    assert_eq!(items.len(), 60);
    let first = &items[0];
    let row = rows.iter().find(|r| r.id == first.id).unwrap();
    assert_eq!(first.title, row.title);
    assert_eq!(first.office, row.office);
    assert_eq!(first.status, row.status);
    assert_eq!(first.kind, row.kind);
    assert_eq!(first.urgency, row.urgency);
    assert!(first.filed_by_name == "山田 花子" || first.filed_by_name == "佐藤 一郎");

    // Paging: pages of 7 add up to the whole list, the total stays.
    let mut seen = Vec::new();
    for page in 0..10 {
        let f = RequestFilter {
            limit: 7,
            offset: page * 7,
            ..RequestFilter::default()
        };
        seen.extend(check(&store, &rows, f).await.into_iter().map(|s| s.id));
    }
    assert_eq!(seen, items.iter().map(|s| s.id).collect::<Vec<_>>());
    check(
        &store,
        &rows,
        RequestFilter {
            limit: 10,
            offset: 1000,
            ..RequestFilter::default()
        },
    )
    .await;
    check(
        &store,
        &rows,
        RequestFilter {
            limit: 0,
            ..RequestFilter::default()
        },
    )
    .await;

    // Urgencies: 至急 alone, and with 高.
    let urgent = check(
        &store,
        &rows,
        RequestFilter {
            urgencies: vec![Urgency::Urgent],
            ..all.clone()
        },
    )
    .await;
    assert!(!urgent.is_empty() && urgent.iter().all(|s| s.urgency == Urgency::Urgent));
    check(
        &store,
        &rows,
        RequestFilter {
            urgencies: vec![Urgency::Urgent, Urgency::High],
            statuses: vec![RequestStatus::Received],
            ..all.clone()
        },
    )
    .await;

    // Kinds and statuses.
    check(
        &store,
        &rows,
        RequestFilter {
            kinds: vec![RequestKind::Work],
            ..all.clone()
        },
    )
    .await;
    check(
        &store,
        &rows,
        RequestFilter {
            kinds: vec![RequestKind::Inquiry, RequestKind::FaultReport],
            statuses: vec![RequestStatus::Received, RequestStatus::Answered],
            ..all.clone()
        },
    )
    .await;
    let open = check(
        &store,
        &rows,
        RequestFilter {
            open_only: true,
            ..all.clone()
        },
    )
    .await;
    assert!(open.iter().all(|s| s.status.is_open()));
    assert!(!open.is_empty());
    // Open only, intersected with the statuses asked for.
    check(
        &store,
        &rows,
        RequestFilter {
            open_only: true,
            statuses: vec![RequestStatus::Closed, RequestStatus::InProgress],
            ..all.clone()
        },
    )
    .await;
    let none = check(
        &store,
        &rows,
        RequestFilter {
            open_only: true,
            statuses: vec![RequestStatus::Closed],
            ..all.clone()
        },
    )
    .await;
    assert!(none.is_empty());

    // Offices: None is every office, Some(empty) is none.
    check(
        &store,
        &rows,
        RequestFilter {
            offices: None,
            ..all.clone()
        },
    )
    .await;
    let naka = check(
        &store,
        &rows,
        RequestFilter {
            offices: Some(vec!["naka".into()]),
            ..all.clone()
        },
    )
    .await;
    assert_eq!(naka.len(), 20);
    check(
        &store,
        &rows,
        RequestFilter {
            offices: Some(vec!["naka".into(), "higashi".into()]),
            ..all.clone()
        },
    )
    .await;
    let nothing = check(
        &store,
        &rows,
        RequestFilter {
            offices: Some(vec![]),
            ..all.clone()
        },
    )
    .await;
    assert!(nothing.is_empty());

    // Assignee.
    let mine = check(
        &store,
        &rows,
        RequestFilter {
            assignee: Some(seed.contractor),
            ..all.clone()
        },
    )
    .await;
    assert_eq!(mine.len(), 15);
    assert!(
        mine.iter()
            .all(|s| s.assignee_name.as_deref() == Some("高橋 SE"))
    );
    let nobodys = RequestFilter {
        unassigned: true,
        ..all.clone()
    };
    assert_eq!(check(&store, &rows, nobodys).await.len(), 45);
    // Filed by one person: the staff member of 東区 filed a third of them.
    let filed = RequestFilter {
        filed_by: Some(seed.staff_higashi),
        open_only: true,
        ..all.clone()
    };
    let filed = check(&store, &rows, filed).await;
    assert!(!filed.is_empty());
    assert!(filed.iter().all(|s| s.filed_by == seed.staff_higashi));

    // Text: wildcards are literal, ASCII folds, nothing else does.
    let text = |t: &str| RequestFilter {
        text: Some(t.into()),
        ..all.clone()
    };
    let pct = check(&store, &rows, text("100%")).await;
    assert!(!pct.is_empty());
    assert!(pct.iter().all(|s| !s.title.starts_with("100件")));
    let under = check(&store, &rows, text("file_name")).await;
    assert!(under.iter().all(|s| s.title.contains("file_name")));
    assert!(!under.is_empty());
    check(&store, &rows, text("a_b")).await;
    check(&store, &rows, text("!%")).await;
    check(&store, &rows, text("!!")).await;
    let ascii = check(&store, &rows, text("error")).await;
    assert_eq!(ascii.len(), 12, "ERROR / Error / error all match");
    let fw = check(&store, &rows, text("ＡΣ")).await;
    assert_eq!(fw.len(), 6, "full-width and Greek letters are not folded");
    assert!(fw.iter().all(|s| s.title.starts_with("ＡΣ")));
    check(&store, &rows, text("再審査")).await;
    check(&store, &rows, text("  対象月  ")).await;
    check(&store, &rows, text("   ")).await;
    check(&store, &rows, text("存在しない語")).await;

    // Everything at once.
    check(
        &store,
        &rows,
        RequestFilter {
            kinds: vec![
                RequestKind::Inquiry,
                RequestKind::Work,
                RequestKind::SeSupport,
            ],
            statuses: vec![],
            urgencies: vec![Urgency::Normal, Urgency::Urgent],
            offices: Some(vec!["naka".into(), "kita_chuo".into()]),
            text: Some("集計".into()),
            assignee: None,
            unassigned: true,
            filed_by: Some(seed.staff),
            open_only: true,
            order: Order::default(),
            limit: 3,
            offset: 1,
        },
    )
    .await;

    // Every sortable column both ways, paged: the same order as the model (ties newest first).
    for column in [
        RequestColumn::Number,
        RequestColumn::Kind,
        RequestColumn::Title,
        RequestColumn::Office,
        RequestColumn::Status,
        RequestColumn::FiledAt,
    ] {
        for direction in [SortDirection::Ascending, SortDirection::Descending] {
            for offset in [0, 13] {
                check(
                    &store,
                    &rows,
                    RequestFilter {
                        order: Order { column, direction },
                        limit: 20,
                        offset,
                        ..RequestFilter::default()
                    },
                )
                .await;
            }
        }
    }
});
