//! Changes, decisions, results and the windows they hold.

use crate::harness::*;
use chrono::{DateTime, TimeDelta, Utc};
use hoshu_core::change::{
    ChangeAction, ChangeKind, ChangeOutcome, ChangeProposal, ChangeResult, ChangeStatus,
    OutageReason, ReleaseKind,
};
use hoshu_store::{ChangeFilter, Store, StoreError};

fn outage(start: DateTime<Utc>, end: DateTime<Utc>) -> ChangeProposal {
    ChangeProposal {
        kind: ChangeKind::PlannedOutage,
        outage_reason: Some(OutageReason::SecurityPatch),
        release_kind: None,
        title: "OSセキュリティパッチ適用に伴う計画停止".into(),
        description: "2026年11月分のセキュリティパッチを適用する。".into(),
        window_start: start,
        window_end: end,
        affected_systems: "レセプト管理システム 本番環境".into(),
        affected_offices: vec![],
        impact: "停止中はシステムを利用できない。".into(),
        rollback_plan: "適用前のスナップショットから復元する。".into(),
        test_verification: None,
        instruction_ref: None,
    }
}

conformance!(change_round_trip_and_lifecycle, |store| async move {
    let seed = seed(&store).await;
    let t = |min| now() + TimeDelta::minutes(min);
    let mut proposal = outage(jst(2026, 12, 6, 8, 0), jst(2026, 12, 6, 12, 0));
    proposal.affected_offices = vec!["naka".into(), "higashi".into(), "kita_chuo".into()];

    let mut tx = store.begin().await.unwrap();
    let id = tx
        .insert_change(&proposal, seed.contractor, t(0))
        .await
        .unwrap();
    let c = tx.get_change(id).await.unwrap().unwrap();
    assert_eq!(c.id, id);
    assert_eq!(c.proposal, proposal, "affected offices keep their order");
    assert_eq!(c.status, ChangeStatus::Draft);
    assert_eq!(c.version, 1);
    assert_eq!(c.proposed_by, seed.contractor);
    assert_eq!(c.proposed_by_name, "高橋 SE");
    assert_eq!(c.created_at, t(0));
    assert_eq!(c.updated_at, t(0));
    assert_eq!(c.submitted_at, None);
    assert_eq!(c.decision, None);
    assert_eq!(c.result, None);
    assert_eq!(tx.get_change(id + 50).await.unwrap(), None);

    // Edited into a release with every optional field set, fewer offices.
    let mut release = proposal.clone();
    release.kind = ChangeKind::Release;
    release.outage_reason = None;
    release.release_kind = Some(ReleaseKind::Emergency);
    release.test_verification = Some("11/20 検証環境で回帰テスト42件実施、全件合格".into());
    release.instruction_ref = Some("指示第12号".into());
    release.affected_offices = vec!["higashi".into()];
    assert_eq!(
        tx.update_change_proposal(id, 1, &release, t(1))
            .await
            .unwrap(),
        2
    );
    let c = tx.get_change(id).await.unwrap().unwrap();
    assert_eq!(c.proposal, release);
    assert_eq!(c.updated_at, t(1));

    // And to no offices at all (every office).
    release.affected_offices = vec![];
    assert_eq!(
        tx.update_change_proposal(id, 2, &release, t(2))
            .await
            .unwrap(),
        3
    );
    assert_eq!(tx.get_change(id).await.unwrap().unwrap().proposal, release);

    assert_eq!(
        tx.set_change_status(id, 3, ChangeStatus::Submitted, t(3))
            .await
            .unwrap(),
        4
    );
    tx.insert_decision(id, seed.chief, ChangeAction::Approve, "承認します。", t(4))
        .await
        .unwrap();
    assert_eq!(
        tx.set_change_status(id, 4, ChangeStatus::Approved, t(4))
            .await
            .unwrap(),
        5
    );
    let result = ChangeResult {
        outcome: ChangeOutcome::PartiallySucceeded,
        executed_start: jst(2026, 12, 6, 8, 5),
        executed_end: jst(2026, 12, 6, 11, 40),
        notes: "一部端末で再起動が必要だった。".into(),
    };
    tx.insert_change_result(id, &result, seed.contractor, t(5))
        .await
        .unwrap();
    tx.set_change_status(id, 5, ChangeStatus::Done, t(5))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.begin_read().await.unwrap();
    let c = tx.get_change(id).await.unwrap().unwrap();
    assert_eq!(c.status, ChangeStatus::Done);
    assert_eq!(c.version, 6);
    assert_eq!(c.submitted_at, Some(t(3)));
    let d = c.decision.unwrap();
    assert_eq!(d.approver_id, seed.chief);
    assert_eq!(d.approver_name, "鈴木 課長");
    assert!(d.approved);
    assert_eq!(d.comment, "承認します。");
    assert_eq!(d.at, t(4));
    let r = c.result.unwrap();
    assert_eq!(r.result, result);
    assert_eq!(r.recorded_by, seed.contractor);
    assert_eq!(r.recorded_by_name, "高橋 SE");
    assert_eq!(r.recorded_at, t(5));
    drop(tx);

    // One result per change.
    let mut tx = store.begin().await.unwrap();
    let err = tx
        .insert_change_result(id, &result, seed.contractor, t(6))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::Constraint {
            message: format!("変更 #{id}の実施結果は既に登録されています。")
        }
    );
});

conformance!(
    latest_decision_wins_and_rejections_read_back,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let id = tx
            .insert_change(
                &outage(jst(2026, 12, 6, 8, 0), jst(2026, 12, 6, 9, 0)),
                seed.contractor,
                now(),
            )
            .await
            .unwrap();
        tx.insert_decision(id, seed.chief, ChangeAction::Approve, "", now())
            .await
            .unwrap();
        assert!(
            tx.get_change(id)
                .await
                .unwrap()
                .unwrap()
                .decision
                .unwrap()
                .approved
        );
        tx.insert_decision(
            id,
            seed.chief,
            ChangeAction::SendBack,
            "影響範囲の記載が不足しています。",
            now() + TimeDelta::minutes(1),
        )
        .await
        .unwrap();
        let d = tx.get_change(id).await.unwrap().unwrap().decision.unwrap();
        assert!(!d.approved);
        assert_eq!(d.step, ChangeAction::SendBack);
        assert_eq!(d.comment, "影響範囲の記載が不足しています。");
    }
);

conformance!(
    stale_change_update_is_refused_and_changes_nothing,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let p = outage(jst(2026, 12, 6, 8, 0), jst(2026, 12, 6, 12, 0));
        let id = tx.insert_change(&p, seed.contractor, now()).await.unwrap();
        tx.set_change_status(id, 1, ChangeStatus::Submitted, now())
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        let before = tx.get_change(id).await.unwrap().unwrap();
        let mut edited = p.clone();
        edited.title = "古い画面からの編集".into();
        edited.affected_offices = vec!["naka".into()];
        let err = tx
            .update_change_proposal(id, 1, &edited, now())
            .await
            .unwrap_err();
        assert_eq!(
            err,
            StoreError::Stale {
                what: format!("変更 #{id}")
            }
        );
        let err = tx
            .set_change_status(id, 1, ChangeStatus::Withdrawn, now())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Stale { .. }));
        let err = tx
            .set_change_status(id + 1, 1, ChangeStatus::Withdrawn, now())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }));
        tx.commit().await.unwrap();
        let mut tx = store.begin_read().await.unwrap();
        assert_eq!(tx.get_change(id).await.unwrap().unwrap(), before);
    }
);

conformance!(change_constraints_are_enforced, |store| async move {
    let seed = seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let mut p = outage(jst(2026, 12, 6, 8, 0), jst(2026, 12, 6, 12, 0));
    p.affected_offices = vec!["naka".into(), "osaka".into()];
    let err = tx
        .insert_change(&p, seed.contractor, now())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Constraint { message } if message.contains("osaka")),
        "{err:?}"
    );
    drop(tx);

    let mut tx = store.begin().await.unwrap();
    let backwards = outage(jst(2026, 12, 6, 12, 0), jst(2026, 12, 6, 8, 0));
    let err = tx
        .insert_change(&backwards, seed.contractor, now())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Constraint { .. }), "{err:?}");
});

/// A change in `status` over `[start, end)`, Tokyo hours on 2026-12-06.
async fn scheduled(store: &Store, by: i64, status: ChangeStatus, start: u32, end: u32) -> i64 {
    let mut tx = store.begin().await.unwrap();
    let mut p = outage(jst(2026, 12, 6, start, 0), jst(2026, 12, 6, end, 0));
    p.title = format!("{start}時〜{end}時 {}", status.label());
    let id = tx.insert_change(&p, by, now()).await.unwrap();
    if status != ChangeStatus::Draft {
        tx.set_change_status(id, 1, status, now()).await.unwrap();
    }
    tx.commit().await.unwrap();
    id
}

conformance!(changes_holding_window_overlap_edges, |store| async move {
    let seed = seed(&store).await;
    let by = seed.contractor;
    use ChangeStatus as S;
    let ends_at_start = scheduled(&store, by, S::Approved, 6, 10).await;
    let overlaps_start = scheduled(&store, by, S::Submitted, 9, 11).await;
    let inside = scheduled(&store, by, S::Approved, 11, 12).await;
    let spans = scheduled(&store, by, S::Submitted, 8, 16).await;
    let overlaps_end = scheduled(&store, by, S::Approved, 13, 15).await;
    let starts_at_end = scheduled(&store, by, S::Submitted, 14, 18).await;
    let _draft = scheduled(&store, by, S::Draft, 10, 14).await;
    let _rejected = scheduled(&store, by, S::Rejected, 10, 14).await;
    let _withdrawn = scheduled(&store, by, S::Withdrawn, 10, 14).await;
    let _done = scheduled(&store, by, S::Done, 10, 14).await;

    let mut tx = store.begin_read().await.unwrap();
    let found = tx
        .changes_holding_window(jst(2026, 12, 6, 10, 0), jst(2026, 12, 6, 14, 0))
        .await
        .unwrap();
    let ids: Vec<i64> = found.iter().map(|c| c.id).collect();
    // Ordered by window start; the windows touching 10:00 and 14:00 do not overlap.
    assert_eq!(ids, vec![spans, overlaps_start, inside, overlaps_end]);
    assert!(!ids.contains(&ends_at_start) && !ids.contains(&starts_at_end));
    let c = &found[0];
    assert_eq!(c.status, S::Submitted);
    assert_eq!(c.title, "8時〜16時 承認待ち");
    assert_eq!(c.window_start, jst(2026, 12, 6, 8, 0));
    assert_eq!(c.window_end, jst(2026, 12, 6, 16, 0));

    // A one-millisecond overlap counts.
    let edge = tx
        .changes_holding_window(
            jst(2026, 12, 6, 10, 0) - TimeDelta::milliseconds(1),
            jst(2026, 12, 6, 10, 0),
        )
        .await
        .unwrap();
    assert_eq!(
        edge.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![ends_at_start, spans, overlaps_start]
    );
});

conformance!(list_changes_by_status_and_window, |store| async move {
    let seed = seed(&store).await;
    let by = seed.contractor;
    use ChangeStatus as S;
    let a = scheduled(&store, by, S::Draft, 1, 3).await;
    let b = scheduled(&store, by, S::Approved, 2, 4).await;
    let c = scheduled(&store, by, S::Submitted, 5, 7).await;
    let d = scheduled(&store, by, S::Approved, 7, 9).await;

    let mut tx = store.begin_read().await.unwrap();
    let ids = |v: Vec<hoshu_store::ChangeSummary>| v.into_iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(
        ids(tx.list_changes(&ChangeFilter::default()).await.unwrap()),
        vec![a, b, c, d]
    );
    assert_eq!(
        ids(tx
            .list_changes(&ChangeFilter {
                statuses: vec![S::Approved],
                ..ChangeFilter::default()
            })
            .await
            .unwrap()),
        vec![b, d]
    );
    assert_eq!(
        ids(tx
            .list_changes(&ChangeFilter {
                window_from: Some(jst(2026, 12, 6, 4, 0)),
                window_to: Some(jst(2026, 12, 6, 7, 0)),
                ..ChangeFilter::default()
            })
            .await
            .unwrap()),
        vec![c],
        "b ends at 4:00 and d starts at 7:00: neither overlaps"
    );
    assert_eq!(
        ids(tx
            .list_changes(&ChangeFilter {
                limit: 2,
                offset: 1,
                ..ChangeFilter::default()
            })
            .await
            .unwrap()),
        vec![b, c]
    );
    let s = tx
        .list_changes(&ChangeFilter::default())
        .await
        .unwrap()
        .remove(1);
    assert_eq!(s.kind, ChangeKind::PlannedOutage);
    assert_eq!(s.outage_reason, Some(OutageReason::SecurityPatch));
    assert_eq!(s.release_kind, None);
    assert_eq!(s.status, S::Approved);
    assert_eq!(s.proposed_by, by);
    assert_eq!(s.proposed_by_name, "高橋 SE");
    assert_eq!(s.version, 2);
    assert_eq!(s.window_start, jst(2026, 12, 6, 2, 0));
});
