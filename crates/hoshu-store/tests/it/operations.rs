//! The operations log: check items and checks, job nets and runs (with the incident an
//! abnormal end opened and the re-run), maintenance work under a change.

use crate::harness::*;
use chrono::{NaiveDate, NaiveTime};
use hoshu_core::change::{ChangeKind, ChangeProposal, OutageReason};
use hoshu_core::incident::{IncidentCategory, NewIncident, Severity};
use hoshu_core::operations::{
    BatchResult, CheckEntry, CheckFrequency, CheckItemInput, CheckResult, JobNetInput,
    JobNetSchedule, NewBatchRun, NewWorkRecord, WorkKind,
};
use hoshu_store::StoreError;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, d).unwrap()
}

fn item(name: &str, frequency: CheckFrequency) -> CheckItemInput {
    CheckItemInput {
        name: name.into(),
        frequency,
        since: day(1),
        active: true,
    }
}

fn net(name: &str) -> JobNetInput {
    JobNetInput {
        name: name.into(),
        schedule: JobNetSchedule::OpenDay,
        planned_start: NaiveTime::from_hms_opt(1, 0, 0).unwrap(),
        planned_minutes: 60,
        active: true,
    }
}

fn run(job_net_id: i64, d: u32, result: BatchResult, rerun_of: Option<i64>) -> NewBatchRun {
    NewBatchRun {
        job_net_id,
        planned_start: jst(2026, 4, d, 1, 0),
        planned_end: jst(2026, 4, d, 2, 0),
        started_at: jst(2026, 4, d, 1, 2),
        ended_at: jst(2026, 4, d, 1, 40),
        result,
        processed_count: 1_000 + i64::from(d),
        note: if result == BatchResult::Abnormal {
            "DB接続タイムアウト".into()
        } else {
            String::new()
        },
        rerun_of,
    }
}

conformance!(checks_round_trip_one_per_item_and_day, |store| async move {
    let seed = seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let jp1 = tx
        .insert_check_item(&item("JP1 監視画面の確認", CheckFrequency::OpenDay), now())
        .await
        .unwrap();
    let rack = tx
        .insert_check_item(&item("機器の目視確認", CheckFrequency::Monthly), now())
        .await
        .unwrap();
    let mut changed = item(
        "JP1 監視画面（統合コンソール）の確認",
        CheckFrequency::EveryDay,
    );
    changed.since = day(3);
    assert_eq!(
        tx.update_check_item(jp1, 1, &changed, now()).await.unwrap(),
        2
    );
    let items = tx.list_check_items().await.unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        (items[0].id, &items[0].item, items[0].version),
        (jp1, &changed, 2)
    );
    assert_eq!(items[1].id, rack);

    let entry = |item_id, d, result, note: &str| CheckEntry {
        item_id,
        day: day(d),
        result,
        note: note.into(),
    };
    for e in [
        entry(jp1, 9, CheckResult::Normal, ""),
        entry(rack, 9, CheckResult::Anomaly, "ラック2の冷却ファン異音"),
        entry(jp1, 10, CheckResult::Normal, ""),
    ] {
        tx.insert_check_record(&e, seed.contractor, now())
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();

    // On PostgreSQL a refused statement ends its transaction: each refusal in its own.
    let mut tx = store.begin().await.unwrap();
    assert!(matches!(
        tx.update_check_item(jp1, 1, &changed, now()).await,
        Err(StoreError::Stale { .. })
    ));
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    let again = tx
        .insert_check_record(
            &entry(jp1, 10, CheckResult::Normal, ""),
            seed.contractor,
            now(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&again, StoreError::Constraint { message } if message.contains("既に記録")),
        "{again:?}"
    );
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    let unknown = tx
        .insert_check_record(
            &entry(jp1 + 99, 10, CheckResult::Normal, ""),
            seed.contractor,
            now(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(unknown, StoreError::Constraint { .. }),
        "{unknown:?}"
    );
    drop(tx);

    let mut tx = store.begin_read().await.unwrap();
    let records = tx.list_check_records(day(9), day(10)).await.unwrap();
    assert_eq!(records.len(), 2, "the 10th lies outside [9th, 10th)");
    assert_eq!(
        records[1].entry,
        entry(rack, 9, CheckResult::Anomaly, "ラック2の冷却ファン異音")
    );
    assert_eq!(records[1].item_name, "機器の目視確認");
    assert_eq!(records[1].checked_by_name, "高橋 SE");
    assert_eq!(records[1].checked_at, now());
    assert_eq!(
        tx.list_check_records(day(1), day(30)).await.unwrap().len(),
        3
    );
});

conformance!(runs_link_their_incident_and_rerun, |store| async move {
    let seed = seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let nightly = tx
        .insert_job_net(&net("NJ_RECEIPT_IMPORT"), now())
        .await
        .unwrap();
    let monthly = tx
        .insert_job_net(&net("NJ_MONTHLY_STATS"), now())
        .await
        .unwrap();
    let mut renamed = net("NJ_MONTHLY_STATISTICS");
    renamed.schedule = JobNetSchedule::Monthly;
    assert_eq!(
        tx.update_job_net(monthly, 1, &renamed, now())
            .await
            .unwrap(),
        2
    );
    assert_eq!(tx.get_job_net(monthly).await.unwrap().unwrap().net, renamed);
    assert_eq!(
        tx.list_job_nets()
            .await
            .unwrap()
            .iter()
            .map(|n| n.net.name.as_str())
            .collect::<Vec<_>>(),
        ["NJ_MONTHLY_STATISTICS", "NJ_RECEIPT_IMPORT"]
    );

    let ok = tx
        .insert_batch_run(
            &run(nightly, 8, BatchResult::Normal, None),
            Some("jp1#1201"),
            seed.contractor,
            now(),
        )
        .await
        .unwrap();
    let failed_run = run(nightly, 9, BatchResult::Abnormal, None);
    let failed = tx
        .insert_batch_run(&failed_run, None, seed.contractor, now())
        .await
        .unwrap();
    let incident = tx
        .insert_incident(
            &NewIncident {
                detected_at: failed_run.ended_at,
                category: IncidentCategory::JobFailure,
                severity: Severity::High,
                title: "ジョブネット「NJ_RECEIPT_IMPORT」の異常終了".into(),
                summary: "DB接続タイムアウト".into(),
                affected_offices: vec![],
                affected_systems: "バッチ処理".into(),
                linked_requests: vec![],
            },
            false,
            seed.contractor,
            now(),
        )
        .await
        .unwrap();
    tx.set_batch_run_incident(failed, incident).await.unwrap();
    let rerun = tx
        .insert_batch_run(
            &run(nightly, 9, BatchResult::Normal, Some(failed)),
            None,
            seed.contractor,
            now(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // On PostgreSQL a refused statement ends its transaction: each refusal in its own.
    let mut tx = store.begin().await.unwrap();
    let taken = tx
        .insert_job_net(&net("NJ_RECEIPT_IMPORT"), now())
        .await
        .unwrap_err();
    assert!(
        matches!(&taken, StoreError::Constraint { message } if message.contains("NJ_RECEIPT_IMPORT")),
        "{taken:?}"
    );
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    assert!(matches!(
        tx.insert_batch_run(
            &run(nightly + 99, 9, BatchResult::Normal, None),
            None,
            seed.contractor,
            now()
        )
        .await,
        Err(StoreError::Constraint { .. })
    ));
    drop(tx);
    let mut tx = store.begin().await.unwrap();
    assert!(matches!(
        tx.set_batch_run_incident(rerun + 99, incident).await,
        Err(StoreError::NotFound { .. })
    ));
    drop(tx);

    let mut tx = store.begin_read().await.unwrap();
    let stored = tx.get_batch_run(failed).await.unwrap().unwrap();
    assert_eq!(stored.run, failed_run);
    assert_eq!(stored.incident_id, Some(incident));
    assert_eq!(stored.rerun_by, Some(rerun));
    assert_eq!(stored.job_net_name, "NJ_RECEIPT_IMPORT");
    assert_eq!(stored.recorded_by_name, "高橋 SE");
    let listed = tx
        .list_batch_runs(jst(2026, 4, 9, 0, 0), jst(2026, 4, 10, 0, 0))
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|r| r.id).collect::<Vec<_>>(),
        [failed, rerun],
        "the 8th's run lies outside"
    );
    assert_eq!(listed[1].run.rerun_of, Some(failed));
    assert_eq!(listed[1].rerun_by, None);
    let imported = tx
        .batch_runs_by_external_ref(&["jp1#1201".into(), "jp1#9999".into()])
        .await
        .unwrap();
    assert_eq!(
        imported.into_iter().collect::<Vec<_>>(),
        [("jp1#1201".to_string(), ok)]
    );
});

conformance!(work_is_recorded_under_its_change, |store| async move {
    let seed = seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let change = tx
        .insert_change(
            &ChangeProposal {
                kind: ChangeKind::PlannedOutage,
                outage_reason: Some(OutageReason::MonthlyMaintenance),
                release_kind: None,
                title: "4月の月次メンテナンス".into(),
                description: "定例の保守作業。".into(),
                window_start: jst(2026, 4, 5, 8, 0),
                window_end: jst(2026, 4, 5, 22, 0),
                affected_systems: "本番環境".into(),
                affected_offices: vec![],
                impact: "停止中は利用できない。".into(),
                rollback_plan: "スナップショットから復元。".into(),
                test_verification: None,
                instruction_ref: None,
            },
            seed.contractor,
            now(),
        )
        .await
        .unwrap();
    let work = NewWorkRecord {
        change_id: change,
        kind: WorkKind::MonthlyMaintenance,
        started_at: jst(2026, 4, 5, 8, 0),
        ended_at: jst(2026, 4, 5, 20, 30),
        note: "OSパッチ適用、再起動後の動作確認".into(),
    };
    let id = tx
        .insert_work_record(&work, seed.contractor, now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let orphan = NewWorkRecord {
        change_id: change + 99,
        ..work.clone()
    };
    let err = tx
        .insert_work_record(&orphan, seed.contractor, now())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Constraint { message } if message.contains(&format!("変更 #{}", change + 99))),
        "{err:?}"
    );
    drop(tx);
    let mut tx = store.begin_read().await.unwrap();
    let listed = tx
        .list_work_records(jst(2026, 4, 1, 0, 0), jst(2026, 5, 1, 0, 0))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].id, &listed[0].work), (id, &work));
    assert_eq!(listed[0].change_title, "4月の月次メンテナンス");
    assert!(
        tx.list_work_records(jst(2026, 4, 5, 20, 31), jst(2026, 5, 1, 0, 0))
            .await
            .unwrap()
            .is_empty()
    );
});
