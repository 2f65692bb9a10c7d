//! Routine operations on the record (003 1.5, 3.2): the daily checklist (表1.5-2: the JP1
//! monitoring screen, the equipment), the batch job nets and their runs, and the maintenance,
//! security-patch and release work done under an approved change.
//!
//! The nouns, their validation and the rules that answer "which check was missed on which
//! day", "what incident does an abnormal end open" and "what are the month's batch figures"
//! (表2.5-2). "Today" is always an argument.

use crate::calendar::{Calendar, tokyo};
use crate::coded::coded_enum;
use crate::incident::{IncidentCategory, NewIncident, Severity};
use crate::validation::ValidationErrors;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Longest name of a check item or a job net: one line in lists and on the calendar.
pub const NAME_MAX_CHARS: usize = 100;
/// Longest note on a check, a run or a piece of work.
pub const NOTE_MAX_CHARS: usize = 2_000;
/// Longest a job net may be planned to run: a day.
pub const PLANNED_MINUTES_MAX: u32 = 24 * 60;

coded_enum!(
    /// How often a check item is due (表1.5-2 divides the work into daily, monthly and on
    /// demand; the checks the desk tracks are the first two).
    CheckFrequency {
        OpenDay = "open_day" / "開庁日ごと",
        EveryDay = "every_day" / "毎日",
        Monthly = "monthly" / "毎月",
    }
);

coded_enum!(
    /// What a check found.
    CheckResult {
        Normal = "normal" / "異常なし",
        Anomaly = "anomaly" / "異常あり",
    }
);

coded_enum!(
    /// When a job net is planned to run (003 3.2: daily, monthly, on demand).
    JobNetSchedule {
        EveryDay = "every_day" / "毎日",
        OpenDay = "open_day" / "開庁日",
        Monthly = "monthly" / "毎月",
        OnDemand = "on_demand" / "随時",
    }
);

coded_enum!(
    /// How a batch run ended.
    BatchResult {
        Normal = "normal" / "正常終了",
        Abnormal = "abnormal" / "異常終了",
    }
);

coded_enum!(
    /// Maintenance work the monthly report counts (表2.5-2 「保守作業・リリース作業の実施状況」).
    WorkKind {
        MonthlyMaintenance = "monthly_maintenance" / "月次保守",
        SecurityPatch = "security_patch" / "セキュリティパッチ適用",
        Release = "release" / "リリース作業",
        Other = "other" / "その他の保守作業",
    }
);

fn one_line(e: &mut ValidationErrors, field: &'static str, label: &'static str, value: &str) {
    e.text(field, label, value, NAME_MAX_CHARS)
        .printable(field, label, value);
    if value.contains(['\n', '\r']) {
        e.push(field, label, format!("{label}は1行で入力してください。"));
    }
}

fn note(e: &mut ValidationErrors, field: &'static str, label: &'static str, value: &str) {
    e.max_chars(field, label, value, NOTE_MAX_CHARS)
        .printable(field, label, value);
}

/// A check item of the daily checklist (a setting): what is checked and how often, from which
/// day on. An inactive item is no longer due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckItemInput {
    pub name: String,
    pub frequency: CheckFrequency,
    /// The first day the check is due: days before it are never missed.
    pub since: NaiveDate,
    pub active: bool,
}

impl CheckItemInput {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        one_line(&mut e, "name", "点検項目", &self.name);
        e.into_result()
    }
}

/// One check as done: the item, the day it was for, what it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckEntry {
    pub item_id: i64,
    /// The day (Tokyo) the check was for.
    pub day: NaiveDate,
    pub result: CheckResult,
    /// Required when the check found something.
    pub note: String,
}

impl CheckEntry {
    /// `now` decides whether the day lies in the future.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        if self.day > tokyo(now).date_naive() {
            e.push("day", "点検日", "点検日が未来になっています。".into());
        }
        if self.result == CheckResult::Anomaly && self.note.trim().is_empty() {
            e.push(
                "note",
                "備考",
                "異常ありのときは備考に内容を入力してください。".into(),
            );
        }
        note(&mut e, "note", "備考", &self.note);
        e.into_result()
    }
}

/// A check that was due and is not on the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MissedCheck {
    /// The day it was due; for a monthly check, the last day of its month.
    pub day: NaiveDate,
    pub item_id: i64,
}

/// A check item as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueItem {
    pub id: i64,
    pub frequency: CheckFrequency,
    pub since: NaiveDate,
    pub active: bool,
}

fn last_day_of_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(d)
}

/// Whether `item` is due on `day` (a monthly item is due on every day of its month: one check
/// in the month satisfies it).
pub fn is_due(item: &DueItem, day: NaiveDate, calendar: &Calendar) -> bool {
    if !item.active || day < item.since {
        return false;
    }
    match item.frequency {
        CheckFrequency::OpenDay => calendar.is_open_day(day),
        CheckFrequency::EveryDay | CheckFrequency::Monthly => true,
    }
}

/// The checks missed in `[from, today)`: a day's check is missed once the day is over and it
/// is not on the record; a monthly check once its month is over with no check in it. Today is
/// never missed yet. `done` holds (item, day) of every check on the record, in and around the
/// range (a monthly check may lie before `from` in the same month).
pub fn missed_checks(
    items: &[DueItem],
    done: &BTreeSet<(i64, NaiveDate)>,
    calendar: &Calendar,
    from: NaiveDate,
    today: NaiveDate,
) -> Vec<MissedCheck> {
    let mut missed = Vec::new();
    for day in from.iter_days().take_while(|d| *d < today) {
        for item in items.iter().filter(|i| is_due(i, day, calendar)) {
            match item.frequency {
                CheckFrequency::OpenDay | CheckFrequency::EveryDay => {
                    if !done.contains(&(item.id, day)) {
                        missed.push(MissedCheck {
                            day,
                            item_id: item.id,
                        });
                    }
                }
                CheckFrequency::Monthly => {
                    let last = last_day_of_month(day);
                    let first = day.with_day(1).unwrap_or(day);
                    let checked = done
                        .range((item.id, first)..=(item.id, last))
                        .next()
                        .is_some();
                    if day == last && !checked {
                        missed.push(MissedCheck {
                            day,
                            item_id: item.id,
                        });
                    }
                }
            }
        }
    }
    missed.sort();
    missed
}

/// A batch job net (a setting): its name as JP1 shows it, when it is planned to run, and how
/// long it is planned to take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JobNetInput {
    pub name: String,
    pub schedule: JobNetSchedule,
    /// Planned start, Tokyo time (for an on-demand net: when it usually runs).
    pub planned_start: NaiveTime,
    pub planned_minutes: u32,
    pub active: bool,
}

impl JobNetInput {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        one_line(&mut e, "name", "ジョブネット名", &self.name);
        if self.planned_minutes == 0 || self.planned_minutes > PLANNED_MINUTES_MAX {
            e.push(
                "planned_minutes",
                "予定処理時間",
                format!("予定処理時間は1〜{PLANNED_MINUTES_MAX}分で入力してください。"),
            );
        }
        e.into_result()
    }

    /// Whether the net is planned to run on `day`: a monthly net on the first open day of the
    /// month, an on-demand net never by plan.
    pub fn planned_on(&self, day: NaiveDate, calendar: &Calendar) -> bool {
        if !self.active {
            return false;
        }
        match self.schedule {
            JobNetSchedule::EveryDay => true,
            JobNetSchedule::OpenDay => calendar.is_open_day(day),
            JobNetSchedule::Monthly => {
                let first = day.with_day(1).unwrap_or(day);
                calendar.open_day_on_or_after(first) == day
            }
            JobNetSchedule::OnDemand => false,
        }
    }
}

/// One run of a job net as the operator records it from JP1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewBatchRun {
    pub job_net_id: i64,
    pub planned_start: DateTime<Utc>,
    pub planned_end: DateTime<Utc>,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub result: BatchResult,
    /// Records processed (件数), as the job reports it.
    pub processed_count: i64,
    /// What went wrong (required on an abnormal end) or any remark.
    pub note: String,
    /// The abnormal run this one re-runs.
    pub rerun_of: Option<i64>,
}

impl NewBatchRun {
    /// `now` decides whether the end lies in the future.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        if self.planned_end < self.planned_start {
            e.push(
                "planned_end",
                "予定終了",
                "予定終了が予定開始より前になっています。".into(),
            );
        }
        if self.ended_at < self.started_at {
            e.push(
                "ended_at",
                "実績終了",
                "実績終了が実績開始より前になっています。".into(),
            );
        }
        if self.ended_at > now {
            e.push(
                "ended_at",
                "実績終了",
                "実績終了が未来になっています。".into(),
            );
        }
        if self.processed_count < 0 {
            e.push(
                "processed_count",
                "処理件数",
                "処理件数は0以上で入力してください。".into(),
            );
        }
        if self.result == BatchResult::Abnormal && self.note.trim().is_empty() {
            e.push(
                "note",
                "備考",
                "異常終了のときは備考にエラーの内容を入力してください。".into(),
            );
        }
        note(&mut e, "note", "備考", &self.note);
        if self.rerun_of.is_some_and(|id| id <= 0) {
            e.push(
                "rerun_of",
                "再実行元",
                "再実行元の番号が正しくありません。".into(),
            );
        }
        e.into_result()
    }

    /// How long the run took.
    pub fn duration(&self) -> TimeDelta {
        self.ended_at - self.started_at
    }
}

/// The incident an abnormal end opens (003 2.3: ジョブ異常, isolation within 30 minutes of
/// detection): detected when the job ended, since JP1 reports the end at once.
pub fn job_failure_incident(job_net: &str, run: &NewBatchRun) -> NewIncident {
    NewIncident {
        detected_at: run.ended_at,
        category: IncidentCategory::JobFailure,
        severity: Severity::High,
        title: format!("ジョブネット「{job_net}」の異常終了"),
        summary: format!(
            "{} に異常終了（処理件数 {} 件）。{}",
            crate::wareki::datetime_long(run.ended_at),
            run.processed_count,
            run.note.trim()
        ),
        affected_offices: Vec::new(),
        affected_systems: format!("バッチ処理（{job_net}）"),
        linked_requests: Vec::new(),
    }
}

/// A run as the monthly figures need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunFigure<'a> {
    pub job_net: &'a str,
    pub result: BatchResult,
    pub processed_count: i64,
    pub duration: TimeDelta,
}

/// One job net's line of 表2.5-2 for a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobNetFigures {
    pub job_net: String,
    pub runs: usize,
    pub abnormal_ends: usize,
    pub processed_count: i64,
    /// Sum of the runs' durations, in whole seconds.
    pub total_seconds: i64,
    /// The longest run, in whole seconds.
    pub longest_seconds: i64,
}

impl JobNetFigures {
    /// Mean duration of a run in whole seconds (0 without runs).
    pub fn mean_seconds(&self) -> i64 {
        match i64::try_from(self.runs) {
            Ok(n) if n > 0 => self.total_seconds / n,
            _ => 0,
        }
    }
}

/// The batch figures of a set of runs (a month's): one line per job net, by name.
pub fn batch_figures<'a>(runs: impl IntoIterator<Item = RunFigure<'a>>) -> Vec<JobNetFigures> {
    let mut by_net: BTreeMap<&str, JobNetFigures> = BTreeMap::new();
    for run in runs {
        let line = by_net.entry(run.job_net).or_insert_with(|| JobNetFigures {
            job_net: run.job_net.to_owned(),
            runs: 0,
            abnormal_ends: 0,
            processed_count: 0,
            total_seconds: 0,
            longest_seconds: 0,
        });
        let seconds = run.duration.num_seconds();
        line.runs += 1;
        line.abnormal_ends += usize::from(run.result == BatchResult::Abnormal);
        line.processed_count += run.processed_count;
        line.total_seconds += seconds;
        line.longest_seconds = line.longest_seconds.max(seconds);
    }
    by_net.into_values().collect()
}

/// Maintenance, patch or release work done under an approved change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewWorkRecord {
    pub change_id: i64,
    pub kind: WorkKind,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    /// What was done and how it went.
    pub note: String,
}

impl NewWorkRecord {
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        if self.ended_at < self.started_at {
            e.push(
                "ended_at",
                "作業終了",
                "作業終了が作業開始より前になっています。".into(),
            );
        }
        if self.ended_at > now {
            e.push(
                "ended_at",
                "作業終了",
                "作業終了が未来になっています。".into(),
            );
        }
        e.text("note", "作業内容", &self.note, NOTE_MAX_CHARS)
            .printable("note", "作業内容", &self.note);
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::tokyo_to_utc;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
        tokyo_to_utc(d(y, m, day).and_hms_opt(h, min, 0).unwrap())
    }

    fn calendar() -> Calendar {
        Calendar::default()
    }

    fn item(id: i64, frequency: CheckFrequency) -> DueItem {
        DueItem {
            id,
            frequency,
            since: d(2026, 4, 1),
            active: true,
        }
    }

    #[test]
    fn open_day_checks_are_due_on_open_days_only_and_today_is_never_missed() {
        let items = [
            item(1, CheckFrequency::OpenDay),
            item(2, CheckFrequency::EveryDay),
        ];
        let mut done = BTreeSet::new();
        // Friday 2026-04-10 both done; the weekend only the every-day check; Monday nothing.
        done.insert((1, d(2026, 4, 10)));
        done.insert((2, d(2026, 4, 10)));
        done.insert((2, d(2026, 4, 11)));
        let missed = missed_checks(&items, &done, &calendar(), d(2026, 4, 10), d(2026, 4, 14));
        assert_eq!(
            missed,
            vec![
                MissedCheck {
                    day: d(2026, 4, 12),
                    item_id: 2
                },
                MissedCheck {
                    day: d(2026, 4, 13),
                    item_id: 1
                },
                MissedCheck {
                    day: d(2026, 4, 13),
                    item_id: 2
                },
            ],
            "Saturday and Sunday need no open-day check; Tuesday the 14th is today"
        );
    }

    #[test]
    fn a_monthly_check_is_missed_only_when_its_month_ends_without_one() {
        let items = [item(7, CheckFrequency::Monthly)];
        let mut done = BTreeSet::new();
        done.insert((7, d(2026, 4, 20)));
        let missed = missed_checks(&items, &done, &calendar(), d(2026, 4, 25), d(2026, 6, 15));
        assert_eq!(
            missed,
            vec![MissedCheck {
                day: d(2026, 5, 31),
                item_id: 7
            }],
            "April was checked before the range began; June is not over"
        );
    }

    #[test]
    fn items_are_not_due_before_they_start_nor_when_inactive() {
        let mut late = item(1, CheckFrequency::EveryDay);
        late.since = d(2026, 4, 12);
        let mut off = item(2, CheckFrequency::EveryDay);
        off.active = false;
        let missed = missed_checks(
            &[late, off],
            &BTreeSet::new(),
            &calendar(),
            d(2026, 4, 10),
            d(2026, 4, 13),
        );
        assert_eq!(
            missed,
            vec![MissedCheck {
                day: d(2026, 4, 12),
                item_id: 1
            }]
        );
    }

    #[test]
    fn a_check_entry_is_not_for_tomorrow_and_an_anomaly_says_what() {
        let now = at(2026, 4, 10, 23, 0);
        let entry = CheckEntry {
            item_id: 1,
            day: d(2026, 4, 11),
            result: CheckResult::Anomaly,
            note: " ".into(),
        };
        let e = entry.validate(now).unwrap_err();
        assert!(e.field("day").is_some());
        assert!(e.field("note").unwrap().message.contains("異常あり"));
        let ok = CheckEntry {
            day: d(2026, 4, 10),
            note: "JP1 画面で警告1件（対応済）".into(),
            ..entry
        };
        assert!(ok.validate(now).is_ok());
    }

    fn run(result: BatchResult) -> NewBatchRun {
        NewBatchRun {
            job_net_id: 1,
            planned_start: at(2026, 4, 10, 1, 0),
            planned_end: at(2026, 4, 10, 2, 0),
            started_at: at(2026, 4, 10, 1, 0),
            ended_at: at(2026, 4, 10, 1, 47),
            result,
            processed_count: 12_345,
            note: String::new(),
            rerun_of: None,
        }
    }

    #[test]
    fn a_run_ends_after_it_starts_and_not_in_the_future_and_an_abnormal_end_says_why() {
        let now = at(2026, 4, 10, 9, 0);
        assert!(run(BatchResult::Normal).validate(now).is_ok());
        assert_eq!(run(BatchResult::Normal).duration(), TimeDelta::minutes(47));
        let e = run(BatchResult::Abnormal).validate(now).unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].field, "note");
        let mut bad = run(BatchResult::Normal);
        bad.ended_at = at(2026, 4, 10, 0, 30);
        bad.processed_count = -1;
        let e = bad.validate(now).unwrap_err();
        assert!(e.field("ended_at").is_some() && e.field("processed_count").is_some());
        assert!(
            run(BatchResult::Normal)
                .validate(at(2026, 4, 10, 1, 30))
                .is_err()
        );
    }

    #[test]
    fn an_abnormal_end_opens_a_job_failure_detected_at_the_end() {
        let mut r = run(BatchResult::Abnormal);
        r.note = "DB接続タイムアウト".into();
        let incident = job_failure_incident("NJ_RECEIPT_IMPORT", &r);
        assert_eq!(incident.category, IncidentCategory::JobFailure);
        assert_eq!(incident.detected_at, r.ended_at);
        assert!(incident.title.contains("NJ_RECEIPT_IMPORT"));
        assert!(incident.summary.contains("DB接続タイムアウト"));
        assert!(incident.validate(&[], r.ended_at).is_ok());
    }

    #[test]
    fn batch_figures_sum_per_job_net() {
        let m = TimeDelta::minutes;
        let figures = batch_figures([
            RunFigure {
                job_net: "B",
                result: BatchResult::Normal,
                processed_count: 10,
                duration: m(30),
            },
            RunFigure {
                job_net: "A",
                result: BatchResult::Abnormal,
                processed_count: 0,
                duration: m(5),
            },
            RunFigure {
                job_net: "B",
                result: BatchResult::Normal,
                processed_count: 15,
                duration: m(40),
            },
        ]);
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[0].job_net, "A");
        assert_eq!(figures[0].abnormal_ends, 1);
        assert_eq!(figures[1].runs, 2);
        assert_eq!(figures[1].processed_count, 25);
        assert_eq!(figures[1].total_seconds, 70 * 60);
        assert_eq!(figures[1].longest_seconds, 40 * 60);
        assert_eq!(figures[1].mean_seconds(), 35 * 60);
    }

    #[test]
    fn a_monthly_net_runs_on_the_first_open_day() {
        let net = JobNetInput {
            name: "NJ_MONTHLY".into(),
            schedule: JobNetSchedule::Monthly,
            planned_start: NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
            planned_minutes: 120,
            active: true,
        };
        // 2026-05-01 is a Friday and open; 2026-08-01 is a Saturday: Monday the 3rd.
        assert!(net.planned_on(d(2026, 5, 1), &calendar()));
        assert!(!net.planned_on(d(2026, 8, 1), &calendar()));
        assert!(net.planned_on(d(2026, 8, 3), &calendar()));
        assert!(net.validate().is_ok());
        let bad = JobNetInput {
            planned_minutes: 0,
            name: "a\nb".into(),
            ..net
        };
        let e = bad.validate().unwrap_err();
        assert!(e.field("planned_minutes").is_some() && e.field("name").is_some());
    }

    #[test]
    fn work_needs_what_was_done_and_an_end_after_its_start() {
        let now = at(2026, 4, 6, 0, 0);
        let w = NewWorkRecord {
            change_id: 3,
            kind: WorkKind::MonthlyMaintenance,
            started_at: at(2026, 4, 5, 8, 0),
            ended_at: at(2026, 4, 5, 21, 30),
            note: "OSパッチ適用・再起動確認".into(),
        };
        assert!(w.validate(now).is_ok());
        let bad = NewWorkRecord {
            ended_at: at(2026, 4, 5, 7, 0),
            note: String::new(),
            ..w
        };
        let e = bad.validate(now).unwrap_err();
        assert!(e.field("ended_at").is_some() && e.field("note").is_some());
    }
}
