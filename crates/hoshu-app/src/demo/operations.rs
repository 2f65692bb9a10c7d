//! The last year of routine operations: the daily checklist (now and then a check missed or
//! an anomaly), the job nets' runs (about one in sixty ends abnormally, opens its ジョブ異常
//! incident, is isolated within the half hour and re-run), and the work done under every
//! change that was carried out.

use super::*;
use crate::incidents::add_event;
use crate::operations::{add_check_item, add_job_net, record_check, record_run, record_work};
use hoshu_core::change::ChangeStatus;
use hoshu_core::incident::{TimelineEvent, TimelineEventKind};
use hoshu_core::operations::{
    BatchResult, CheckEntry, CheckFrequency, CheckItemInput, CheckResult, JobNetInput,
    JobNetSchedule, NewBatchRun, NewWorkRecord, WorkKind,
};
use hoshu_store::ChangeFilter;

/// What the demo's operations log holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoOperations {
    pub checks: usize,
    pub batch_runs: usize,
    pub abnormal_ends: usize,
    pub work_records: usize,
}

const CHECK_ITEMS: &[(&str, CheckFrequency)] = &[
    (
        "JP1 統合コンソールでジョブ・アラートを確認",
        CheckFrequency::OpenDay,
    ),
    (
        "サーバー・ネットワーク機器の目視確認（ランプ・異音）",
        CheckFrequency::OpenDay,
    ),
    ("バックアップ取得結果の確認", CheckFrequency::EveryDay),
    ("月次データ抽出の実施確認", CheckFrequency::Monthly),
];

/// (name, schedule, planned start hour, planned minutes, typical records processed)
const JOB_NETS: &[(&str, JobNetSchedule, u32, u32, i64)] = &[
    ("NJ_RECEIPT_IMPORT", JobNetSchedule::OpenDay, 1, 60, 4_000),
    ("NJ_DAILY_BACKUP", JobNetSchedule::EveryDay, 23, 90, 1),
    ("NJ_MONTHLY_STATS", JobNetSchedule::Monthly, 20, 120, 60_000),
];

const ANOMALIES: &[&str] = &[
    "JP1 で警告（ディスク使用率 85%）を確認。不要ログを削除し解消。",
    "ラック2の冷却ファンから異音。保守業者へ点検を依頼。",
    "バックアップの転送に再試行1回。完了を確認。",
];

const ABNORMAL_NOTES: &[&str] = &[
    "入力ファイルの件数不一致（リターンコード 12）で異常終了。",
    "DB接続タイムアウト（ORA-12170）で異常終了。",
    "一時領域の容量不足で異常終了。",
];

pub(super) async fn generate(
    tx: &mut Tx<'_>,
    rng: &mut ChaCha8Rng,
    people: &People,
    calendar: &Calendar,
    from: NaiveDate,
    today: NaiveDate,
    end: DateTime<Utc>,
) -> AppResult<DemoOperations> {
    let operator = &people.contractors[4];
    let pm = &people.contractors[0];
    // A year back from today, within the demo period.
    let start = from.max(today - TimeDelta::days(365));
    let setup_at = at(start, 8, 30);
    let mut summary = DemoOperations::default();

    let mut items = Vec::new();
    for (name, frequency) in CHECK_ITEMS {
        let input = CheckItemInput {
            name: (*name).to_owned(),
            frequency: *frequency,
            since: start,
            active: true,
        };
        items.push((
            add_check_item(tx, pm, input.clone(), setup_at).await?,
            input,
        ));
    }
    let mut nets = Vec::new();
    for (name, schedule, hour, minutes, typical) in JOB_NETS {
        let input = JobNetInput {
            name: (*name).to_owned(),
            schedule: *schedule,
            planned_start: NaiveTime::from_hms_opt(*hour, 0, 0).unwrap_or_default(),
            planned_minutes: *minutes,
            active: true,
        };
        nets.push((
            add_job_net(tx, pm, input.clone(), setup_at).await?,
            input,
            *typical,
        ));
    }

    let mut day = start;
    while day < today {
        for (id, item) in &items {
            let due = match item.frequency {
                CheckFrequency::OpenDay => calendar.is_open_day(day),
                CheckFrequency::EveryDay => true,
                // The monthly extraction is checked on the month's first open day.
                CheckFrequency::Monthly => {
                    calendar.open_day_on_or_after(day.with_day(1).unwrap_or(day)) == day
                }
            };
            // About one check in a hundred is forgotten, and shows as missed.
            if !due || rng.gen_ratio(1, 100) {
                continue;
            }
            let anomaly = rng.gen_ratio(1, 80);
            let entry = CheckEntry {
                item_id: *id,
                day,
                result: if anomaly {
                    CheckResult::Anomaly
                } else {
                    CheckResult::Normal
                },
                note: if anomaly {
                    ANOMALIES[rng.gen_range(0..ANOMALIES.len())].to_owned()
                } else {
                    String::new()
                },
            };
            let when = at(day, 8, rng.gen_range(30..59));
            record_check(tx, operator, entry, when).await?;
            summary.checks += 1;
        }
        for (net_id, net, typical) in &nets {
            if !net.planned_on(day, calendar) {
                continue;
            }
            let planned_start = tokyo_to_utc(day.and_time(net.planned_start));
            let planned_end = planned_start + TimeDelta::minutes(i64::from(net.planned_minutes));
            let started_at = planned_start + TimeDelta::minutes(rng.gen_range(0..3));
            let ran =
                TimeDelta::minutes(i64::from(net.planned_minutes) * rng.gen_range(55..105) / 100);
            let abnormal = rng.gen_ratio(1, 60);
            let ended_at = if abnormal {
                started_at + ran / 3
            } else {
                started_at + ran
            };
            if ended_at + TimeDelta::hours(3) >= end {
                continue;
            }
            let processed = (*typical * rng.gen_range(80..120) / 100).max(1);
            let run = NewBatchRun {
                job_net_id: *net_id,
                planned_start,
                planned_end,
                started_at,
                ended_at,
                result: if abnormal {
                    BatchResult::Abnormal
                } else {
                    BatchResult::Normal
                },
                processed_count: if abnormal { processed / 3 } else { processed },
                note: if abnormal {
                    ABNORMAL_NOTES[rng.gen_range(0..ABNORMAL_NOTES.len())].to_owned()
                } else {
                    String::new()
                },
                rerun_of: None,
            };
            let recorded_at = ended_at + TimeDelta::minutes(3);
            let recorded = record_run(tx, operator, run.clone(), None, recorded_at).await?;
            summary.batch_runs += 1;
            let Some(incident) = recorded.incident_id else {
                continue;
            };
            summary.abnormal_ends += 1;
            let isolated = ended_at + TimeDelta::minutes(rng.gen_range(12..28));
            let rerun_start = isolated + TimeDelta::minutes(rng.gen_range(20..40));
            let rerun_end = rerun_start + ran;
            use TimelineEventKind as K;
            let report_day = calendar.add_open_days(tokyo(rerun_end).date_naive(), 1);
            let mut events = [
                (
                    K::FirstReport,
                    ended_at + TimeDelta::minutes(rng.gen_range(8..20)),
                    "市担当者へ電話で一次報告。",
                ),
                (
                    K::FirstIsolation,
                    isolated,
                    "ジョブログから原因を切り分け。",
                ),
                (
                    K::ContactFixer,
                    isolated + TimeDelta::minutes(5),
                    "基盤チームへ連絡し再実行を依頼。",
                ),
                (
                    K::FollowUpReport,
                    ended_at + TimeDelta::minutes(rng.gen_range(60..110)),
                    "再実行の状況をメールで続報。",
                ),
                (
                    K::Recovery,
                    rerun_end,
                    "再実行の正常終了を確認し、後続処理への影響なし。",
                ),
                (
                    K::IncidentReport,
                    at(report_day, 10, 0).max(rerun_end),
                    "障害報告書を提出。",
                ),
            ];
            events.sort_by_key(|e| e.1);
            let mut version = 1;
            for (kind, at_time, note) in events {
                if at_time >= end {
                    break;
                }
                let event = TimelineEvent {
                    kind,
                    at: at_time,
                    note: note.to_owned(),
                };
                version = add_event(tx, operator, incident, version, event, at_time).await?;
            }
            let rerun = NewBatchRun {
                started_at: rerun_start,
                ended_at: rerun_end,
                result: BatchResult::Normal,
                processed_count: processed,
                note: "異常終了分の再実行。".to_owned(),
                rerun_of: Some(recorded.run_id),
                ..run
            };
            record_run(tx, operator, rerun, None, rerun_end + TimeDelta::minutes(3)).await?;
            summary.batch_runs += 1;
        }
        day += TimeDelta::days(1);
    }

    let done = tx
        .list_changes(&ChangeFilter {
            statuses: vec![ChangeStatus::Done],
            limit: 10_000,
            ..ChangeFilter::default()
        })
        .await?;
    for change in done {
        let Some(record) = tx.get_change(change.id).await? else {
            continue;
        };
        let Some(result) = record.result else {
            continue;
        };
        let executed = &result.result;
        let kind = match (record.proposal.kind, record.proposal.outage_reason) {
            (ChangeKind::Release, _) => WorkKind::Release,
            (_, Some(OutageReason::MonthlyMaintenance)) => WorkKind::MonthlyMaintenance,
            (_, Some(OutageReason::SecurityPatch)) => WorkKind::SecurityPatch,
            _ => WorkKind::Other,
        };
        let work = NewWorkRecord {
            change_id: record.id,
            kind,
            started_at: executed.executed_start,
            ended_at: executed.executed_end,
            note: format!("{}を実施。{}", record.proposal.title, executed.notes),
        };
        record_work(tx, pm, work, result.recorded_at).await?;
        summary.work_records += 1;
    }
    Ok(summary)
}
