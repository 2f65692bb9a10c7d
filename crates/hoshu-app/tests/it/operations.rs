//! The operations log on both databases: an abnormal batch end becomes a ジョブ異常 incident
//! whose 30-minute isolation clock runs, linked to its re-run; missed checks; work only under
//! an approved change.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use hoshu_app::ClashAcknowledgement::{Acknowledged, Unacknowledged};
use hoshu_app::ErrorCode;
use hoshu_core::change::{ChangeAction, ChangeKind, ChangeProposal, OutageReason};
use hoshu_core::incident::IncidentCategory;
use hoshu_core::operations::{
    BatchResult, CheckEntry, CheckFrequency, CheckItemInput, CheckResult, JobNetInput,
    JobNetSchedule, MissedCheck, NewBatchRun, NewWorkRecord, WorkKind,
};
use hoshu_core::sla::{ClockState, SlaItem};

use crate::common;

use common::{Desk, both, jst};

fn start() -> DateTime<Utc> {
    jst(2026, 4, 1, 8, 0)
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

async fn nightly(d: &Desk) -> i64 {
    d.hoshu
        .add_job_net(
            &d.contractor,
            JobNetInput {
                name: "NJ_RECEIPT_IMPORT".into(),
                schedule: JobNetSchedule::OpenDay,
                planned_start: NaiveTime::from_hms_opt(1, 0, 0).unwrap(),
                planned_minutes: 60,
                active: true,
            },
        )
        .await
        .unwrap()
}

fn run(job_net_id: i64, ended_at: DateTime<Utc>, result: BatchResult) -> NewBatchRun {
    NewBatchRun {
        job_net_id,
        planned_start: ended_at - TimeDelta::minutes(50),
        planned_end: ended_at + TimeDelta::minutes(10),
        started_at: ended_at - TimeDelta::minutes(50),
        ended_at,
        result,
        processed_count: 4_210,
        note: match result {
            BatchResult::Abnormal => "ORA-12170 接続タイムアウトで異常終了".into(),
            BatchResult::Normal => String::new(),
        },
        rerun_of: None,
    }
}

both!(
    an_abnormal_end_opens_a_job_failure_with_its_30_minute_clock,
    |d| {
        let net = nightly(&d).await;
        let ended = jst(2026, 4, 10, 1, 50);
        d.clock.set(ended + TimeDelta::minutes(5));
        let failed = d
            .hoshu
            .record_batch_run(&d.contractor, run(net, ended, BatchResult::Abnormal))
            .await
            .unwrap();
        let incident_id = failed
            .incident_id
            .expect("an abnormal end opens an incident");

        d.clock.set(ended + TimeDelta::minutes(10));
        let detail = d
            .hoshu
            .incident_detail(&d.chief, incident_id)
            .await
            .unwrap();
        let incident = &detail.view.record.incident;
        assert_eq!(incident.category, IncidentCategory::JobFailure);
        assert_eq!(incident.detected_at, ended);
        assert!(incident.title.contains("NJ_RECEIPT_IMPORT"));
        let isolation = detail
            .view
            .clocks
            .iter()
            .find(|c| c.item == SlaItem::FirstIsolation)
            .unwrap();
        match isolation.state {
            ClockState::Running { deadline, .. } => {
                assert_eq!(deadline, ended + TimeDelta::minutes(30))
            }
            ref other => panic!("isolation clock not running: {other:?}"),
        }
        d.clock.set(ended + TimeDelta::minutes(31));
        let late = d
            .hoshu
            .incident_detail(&d.chief, incident_id)
            .await
            .unwrap();
        assert!(
            late.view
                .clocks
                .iter()
                .any(|c| c.item == SlaItem::FirstIsolation && c.state.is_breached()),
            "31 minutes without isolation breaches the 30-minute target"
        );

        // The re-run links back; a normal end opens nothing.
        let mut again = run(net, ended + TimeDelta::minutes(60), BatchResult::Normal);
        again.rerun_of = Some(failed.run_id);
        d.clock.set(ended + TimeDelta::minutes(61));
        let rerun = d
            .hoshu
            .record_batch_run(&d.contractor, again.clone())
            .await
            .unwrap();
        assert_eq!(rerun.incident_id, None);
        let runs = d.hoshu.batch_runs(&d.chief, 2026, 4).await.unwrap();
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].incident_id, Some(incident_id));
        assert_eq!(runs[0].rerun_by, Some(rerun.run_id));
        assert_eq!(runs[1].run.rerun_of, Some(failed.run_id));

        // Only an abnormal run of the same net can be re-run; the staff record nothing.
        again.rerun_of = Some(rerun.run_id);
        let err = d
            .hoshu
            .record_batch_run(&d.contractor, again.clone())
            .await
            .unwrap_err();
        assert_eq!(err.fields[0].field, "rerun_of");
        let err = d
            .hoshu
            .record_batch_run(&d.staff, run(net, ended, BatchResult::Normal))
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        assert_eq!(
            d.hoshu
                .batch_runs(&d.staff, 2026, 4)
                .await
                .unwrap_err()
                .code,
            ErrorCode::Forbidden
        );
        let err = d
            .hoshu
            .record_batch_run(&d.contractor, run(net + 99, ended, BatchResult::Normal))
            .await
            .unwrap_err();
        assert_eq!(err.fields[0].field, "job_net_id");
        assert_eq!(
            d.hoshu.batch_runs(&d.chief, 2026, 4).await.unwrap().len(),
            2
        );
    }
);

both!(a_day_with_a_missed_check_is_visible, |d| {
    let add = async |name: &str, frequency| {
        d.hoshu
            .add_check_item(
                &d.contractor,
                CheckItemInput {
                    name: name.into(),
                    frequency,
                    since: day(4, 1),
                    active: true,
                },
            )
            .await
            .unwrap()
    };
    let jp1 = add("JP1 監視画面の確認", CheckFrequency::OpenDay).await;
    let rack = add("サーバ機器の目視確認", CheckFrequency::Monthly).await;
    d.clock.set(jst(2026, 4, 7, 18, 0));
    for (item, dd) in [(jp1, 1), (jp1, 2), (jp1, 6), (rack, 6)] {
        d.hoshu
            .record_check(
                &d.contractor,
                CheckEntry {
                    item_id: item,
                    day: day(4, dd),
                    result: CheckResult::Normal,
                    note: String::new(),
                },
            )
            .await
            .unwrap();
    }
    let month = d.hoshu.check_month(&d.chief, 2026, 4).await.unwrap();
    assert_eq!(month.today, day(4, 7));
    assert_eq!(month.records.len(), 4);
    assert_eq!(
        month.missed,
        vec![MissedCheck {
            day: day(4, 3),
            item_id: jp1
        }],
        "Friday the 3rd was open and unchecked; the weekend needs none; the 7th is today"
    );
    let err = d
        .hoshu
        .record_check(
            &d.contractor,
            CheckEntry {
                item_id: jp1,
                day: day(4, 6),
                result: CheckResult::Anomaly,
                note: "再点検".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(err.message.contains("既に記録"), "{}", err.message);
    d.clock.set(jst(2026, 5, 1, 9, 0));
    let april = d.hoshu.check_month(&d.chief, 2026, 4).await.unwrap();
    assert!(
        !april.missed.iter().any(|m| m.item_id == rack),
        "the monthly check was done on the 6th"
    );
    assert_eq!(
        april.missed.iter().filter(|m| m.item_id == jp1).count(),
        // Open days of April 2026 after the 6th: 7–10, 13–17, 20–24, 27, 28, 30 (29 昭和の日).
        1 + 4 + 5 + 5 + 3
    );
});

fn maintenance(start: DateTime<Utc>) -> ChangeProposal {
    ChangeProposal {
        kind: ChangeKind::PlannedOutage,
        outage_reason: Some(OutageReason::MonthlyMaintenance),
        release_kind: None,
        title: "5月の月次メンテナンス".into(),
        description: "定例の保守作業を行う。".into(),
        window_start: start,
        window_end: start + TimeDelta::hours(14),
        affected_systems: "本番環境".into(),
        affected_offices: vec![],
        impact: "停止中は利用不可".into(),
        rollback_plan: "スナップショットから復元".into(),
        test_verification: None,
        instruction_ref: None,
    }
}

both!(work_is_recorded_only_under_an_approved_change, |d| {
    let window = jst(2026, 5, 3, 8, 0);
    let propose = async |submit: bool, approve: bool| {
        let id = d
            .hoshu
            .propose_change(&d.contractor, maintenance(window))
            .await
            .unwrap();
        if submit {
            let v = d
                .hoshu
                .decide_change(
                    &d.contractor,
                    id,
                    1,
                    ChangeAction::Submit,
                    "",
                    Unacknowledged,
                )
                .await
                .unwrap();
            if approve {
                d.hoshu
                    .decide_change(&d.chief, id, v, ChangeAction::Approve, "承認", Acknowledged)
                    .await
                    .unwrap();
            }
        }
        id
    };
    let approved = propose(true, true).await;
    let submitted = propose(true, false).await;
    let work = NewWorkRecord {
        change_id: approved,
        kind: WorkKind::MonthlyMaintenance,
        started_at: window,
        ended_at: window + TimeDelta::hours(12),
        note: "OSパッチ適用と再起動確認".into(),
    };
    d.clock.set(window + TimeDelta::hours(13));
    let err = d
        .hoshu
        .record_work(
            &d.contractor,
            NewWorkRecord {
                change_id: submitted,
                ..work.clone()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidTransition, "{}", err.message);
    let err = d
        .hoshu
        .record_work(
            &d.contractor,
            NewWorkRecord {
                kind: WorkKind::Release,
                ..work.clone()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.fields[0].field, "kind");
    d.hoshu
        .record_work(&d.contractor, work.clone())
        .await
        .unwrap();
    let listed = d.hoshu.work_records(&d.chief, 2026, 5).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].work, work);
    assert_eq!(listed[0].change_title, "5月の月次メンテナンス");
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_holds_a_year_of_operations() {
    use hoshu_store::Backend;
    use hoshu_store::testing::TestDatabase;
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let db = TestDatabase::new(Backend::Sqlite).await;
    let hoshu = hoshu_app::Hoshu::open(&db.url, db.key()).await.unwrap();
    let started = std::time::Instant::now();
    let summary = hoshu.demo(7, today).await.unwrap();
    eprintln!("demo with operations: {:?}", started.elapsed());
    let ops = summary.operations;
    assert!(ops.checks > 800, "{ops:?}");
    assert!(ops.batch_runs > 500, "{ops:?}");
    assert!(ops.abnormal_ends >= 3, "{ops:?}");
    assert!(ops.work_records >= 12, "{ops:?}");
    let chief = hoshu
        .login("chief", hoshu_app::demo::DEMO_PASSWORD)
        .await
        .unwrap();
    let (mut runs, mut abnormal, mut missed, mut checks) = (0, 0, 0, 0);
    let mut month = NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
    while month <= today {
        use chrono::Datelike;
        let listed = hoshu
            .batch_runs(&chief, month.year(), month.month())
            .await
            .unwrap();
        runs += listed.len();
        for run in listed
            .iter()
            .filter(|r| r.run.result == BatchResult::Abnormal)
        {
            abnormal += 1;
            let incident = run.incident_id.expect("an abnormal end has its incident");
            let detail = hoshu.incident_detail(&chief, incident).await.unwrap();
            assert_eq!(
                detail.view.record.incident.category,
                IncidentCategory::JobFailure
            );
            assert!(run.rerun_by.is_some(), "run #{} was re-run", run.id);
            assert!(
                !detail
                    .view
                    .clocks
                    .iter()
                    .any(|c| c.item == SlaItem::FirstIsolation && c.state.is_breached()),
                "the demo isolates within the half hour"
            );
        }
        let checklist = hoshu
            .check_month(&chief, month.year(), month.month())
            .await
            .unwrap();
        missed += checklist.missed.len();
        checks += checklist.records.len();
        month = month.checked_add_months(chrono::Months::new(1)).unwrap();
    }
    assert_eq!(
        (runs, abnormal, checks),
        (ops.batch_runs, ops.abnormal_ends, ops.checks)
    );
    assert!(missed > 0, "a forgotten check now and then shows as missed");
    assert!(hoshu.verify_audit().await.unwrap().is_ok());
    hoshu.store().close().await;
    db.remove().await;
}

const JOB_RESULTS: &str = "\
実行ID,ジョブネット名,開始予定日時,終了予定日時,開始日時,終了日時,終了状態,処理件数,メッセージ\r
1201,NJ_RECEIPT_IMPORT,2026/04/09 01:00,2026/04/09 02:00,2026/04/09 01:02,2026/04/09 01:49,正常終了,4210,\r
1202,NJ_RECEIPT_IMPORT,2026/04/10 01:00,2026/04/10 02:00,2026/04/10 01:01,2026/04/10 01:20,異常終了,812,KAVS0265-E 取込ファイルの件数不一致\r
";

fn job_results(csv: &str, dry_run: bool) -> hoshu_app::ImportInput {
    hoshu_app::ImportInput {
        source: hoshu_app::ImportSource::Batches,
        file_name: "jobresults.csv".into(),
        bytes: csv.as_bytes().to_vec(),
        mapping: None,
        sheet: None,
        dry_run,
    }
}

both!(
    job_results_import_once_and_an_abnormal_end_opens_its_incident,
    |d| {
        nightly(&d).await;
        d.clock.set(jst(2026, 4, 10, 9, 0));
        let dry = d
            .hoshu
            .import(&d.contractor, job_results(JOB_RESULTS, true), None)
            .await
            .unwrap();
        assert_eq!(
            (dry.new, dry.errors, dry.written),
            (2, 0, false),
            "{:?}",
            dry.problems
        );
        assert!(
            d.hoshu
                .batch_runs(&d.chief, 2026, 4)
                .await
                .unwrap()
                .is_empty()
        );

        let done = d
            .hoshu
            .import(&d.contractor, job_results(JOB_RESULTS, false), None)
            .await
            .unwrap();
        assert!(done.written);
        let runs = d.hoshu.batch_runs(&d.chief, 2026, 4).await.unwrap();
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].run.processed_count, 4210);
        let incident = runs[1]
            .incident_id
            .expect("the abnormal end opened an incident");
        let detail = d.hoshu.incident_detail(&d.chief, incident).await.unwrap();
        assert_eq!(
            detail.view.record.incident.category,
            IncidentCategory::JobFailure
        );
        assert_eq!(
            detail.view.record.incident.detected_at,
            jst(2026, 4, 10, 1, 20)
        );

        let again = d
            .hoshu
            .import(&d.contractor, job_results(JOB_RESULTS, false), None)
            .await
            .unwrap();
        assert_eq!((again.new, again.existing), (0, 2));
        assert_eq!(
            d.hoshu.batch_runs(&d.chief, 2026, 4).await.unwrap().len(),
            2
        );

        // The rules of a run typed by hand hold by row: an abnormal end says why, a run has ended.
        let bad = "\
ジョブネット名,開始日時,終了日時,終了状態,処理件数\r
NJ_RECEIPT_IMPORT,2026/04/10 03:00,2026/04/10 03:10,異常終了,0\r
NJ_RECEIPT_IMPORT,2026/04/10 08:00,2026/04/10 10:00,正常終了,5\r
";
        let refused = d
            .hoshu
            .import(&d.contractor, job_results(bad, false), None)
            .await
            .unwrap();
        assert!(!refused.written);
        let rows: Vec<(Option<usize>, &str)> = refused
            .problems
            .iter()
            .map(|p| (p.row, p.field.as_str()))
            .collect();
        assert_eq!(rows, [(Some(2), "備考"), (Some(3), "実績終了")]);
        assert_eq!(
            d.hoshu.batch_runs(&d.chief, 2026, 4).await.unwrap().len(),
            2
        );
    }
);
