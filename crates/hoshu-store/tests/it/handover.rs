//! The handover plan's versions and the handover export's tables.

use crate::harness::*;
use chrono::{NaiveDate, TimeDelta};
use hoshu_core::handover::{
    HandoverMember, HandoverParty, HandoverPlanDraft, HandoverPlanStatus, HandoverScheduleItem,
};
use hoshu_store::StoreError;
use hoshu_store::records_export::{ACCOUNTS, ExportValue, HANDOVER_TABLES};

fn plan(next: &str) -> HandoverPlanDraft {
    HandoverPlanDraft {
        next_contractor: next.into(),
        members: vec![HandoverMember {
            party: HandoverParty::NextContractor,
            name: next.into(),
            role: "運用の受入れ".into(),
        }],
        schedule: vec![HandoverScheduleItem {
            what: "運用現場の視察".into(),
            from: NaiveDate::from_ymd_opt(2027, 10, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2027, 10, 29).unwrap(),
            who: HandoverParty::Contractor,
        }],
        notes: "手順書一式を開示する。".into(),
    }
}

conformance!(handover_plan_versions_and_decisions, |store| async move {
    let seed = seed(&store).await;
    let t = |min| now() + TimeDelta::minutes(min);
    let mut tx = store.begin().await.unwrap();
    assert!(tx.current_handover_plan().await.unwrap().is_none());
    assert_eq!(
        tx.insert_handover_plan_version(0, &plan("株式会社次期"), seed.contractor, t(0))
            .await
            .unwrap(),
        1
    );
    // A save on top of a version that is no longer the newest is stale.
    assert!(matches!(
        tx.insert_handover_plan_version(0, &plan("別会社"), seed.contractor, t(1))
            .await,
        Err(StoreError::Stale { .. })
    ));
    tx.submit_handover_plan(1, HandoverPlanStatus::Draft, t(2))
        .await
        .unwrap();
    // Submitted once only.
    assert!(
        tx.submit_handover_plan(1, HandoverPlanStatus::Draft, t(3))
            .await
            .is_err()
    );
    tx.decide_handover_plan(1, seed.chief, Some("日程が未定"), t(4))
        .await
        .unwrap();
    let returned = tx.current_handover_plan().await.unwrap().unwrap();
    assert_eq!(returned.status, HandoverPlanStatus::Returned);
    assert_eq!(returned.return_reason.as_deref(), Some("日程が未定"));
    assert_eq!(returned.plan, plan("株式会社次期"));
    assert!(tx.approved_handover_plan().await.unwrap().is_none());

    tx.insert_handover_plan_version(1, &plan("株式会社次期２"), seed.contractor, t(5))
        .await
        .unwrap();
    tx.submit_handover_plan(2, HandoverPlanStatus::Draft, t(6))
        .await
        .unwrap();
    tx.decide_handover_plan(2, seed.chief, None, t(7))
        .await
        .unwrap();
    // A new draft over the approved version keeps the approved one in force.
    tx.insert_handover_plan_version(2, &plan("株式会社次期３"), seed.contractor, t(8))
        .await
        .unwrap();
    let approved = tx.approved_handover_plan().await.unwrap().unwrap();
    assert_eq!(approved.version, 2);
    assert_eq!(approved.plan.next_contractor, "株式会社次期２");
    assert_eq!(
        approved.decided_at,
        Some(crate::harness::now() + TimeDelta::minutes(7))
    );
    assert!(approved.decided_by_name.is_some());
    // Deciding on a version that is no longer the newest is refused.
    assert!(
        tx.decide_handover_plan(2, seed.chief, None, t(9))
            .await
            .is_err()
    );
    let history = tx.handover_plan_history().await.unwrap();
    let got: Vec<_> = history.iter().map(|v| (v.version, v.status)).collect();
    assert_eq!(
        got,
        [
            (3, HandoverPlanStatus::Draft),
            (2, HandoverPlanStatus::Approved),
            (1, HandoverPlanStatus::Returned)
        ]
    );
    tx.commit().await.unwrap();
});

conformance!(
    every_export_table_reads_on_both_databases,
    |store| async move {
        seed(&store).await;
        let mut tx = store.begin_read().await.unwrap();
        for table in HANDOVER_TABLES {
            let rows = tx.export_rows(table).await.unwrap();
            assert_eq!(
                rows.len() as i64,
                tx.count_rows(table).await.unwrap(),
                "{}",
                table.title
            );
        }
        let accounts = tx.export_rows(&ACCOUNTS).await.unwrap();
        assert_eq!(accounts.len(), 5);
        assert!(accounts.iter().all(|r| r.len() == ACCOUNTS.columns.len()));
        assert!(matches!(accounts[0][5], ExportValue::Flag(false)));
        assert!(matches!(accounts[0][6], ExportValue::Time(_)));
        // Nothing that opens an account leaves.
        assert!(
            ACCOUNTS
                .columns
                .iter()
                .all(|c| !c.column.contains("password"))
        );
    }
);
