//! Filling a month's draft from what the record knows: the open-day calendar and its service
//! hours, approved changes (hour extensions, outages, data patches, releases), the monthly
//! maintenance, the job nets' planned runs, meetings and the reports they make due, and the
//! recurring work of 表1.5-2.

use super::{EntryCategory, EntrySource, ScheduleEntry, ScheduleMonth, submission_due};
use crate::calendar::{Calendar, tokyo};
use crate::change::{ChangeKind, monthly_maintenance_window};
use crate::meeting::{MeetingKind, minutes_due};
use crate::operations::JobNetInput;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// An approved change as the schedule needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedChange {
    pub id: i64,
    pub kind: ChangeKind,
    pub title: String,
    pub window_start: DateTime<Utc>,
    pub window_end: DateTime<Utc>,
}

/// A meeting as the schedule needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedMeeting {
    pub id: i64,
    pub kind: MeetingKind,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// On which days of a month a piece of recurring work falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Recurrence {
    EveryOpenDay,
    FirstOpenDay,
    LastOpenDay,
    /// The n-th open day of the month (1-based); none when the month has fewer.
    NthOpenDay(u32),
    /// Every open day that is this weekday.
    Weekly(Weekday),
}

/// A template of recurring work (表1.5-2): what, in which row, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecurringWork {
    pub category: EntryCategory,
    pub title: String,
    pub recurrence: Recurrence,
    pub starts: Option<NaiveTime>,
    pub ends: Option<NaiveTime>,
}

/// Everything a month's draft is made from.
#[derive(Debug, Clone, Copy)]
pub struct MonthInputs<'a> {
    pub month: ScheduleMonth,
    pub calendar: &'a Calendar,
    /// Approved changes whose window touches the month.
    pub changes: &'a [PlannedChange],
    /// Meetings of the month, and of the month before (their minutes may fall due in this one).
    pub meetings: &'a [PlannedMeeting],
    /// Active job nets with their ids.
    pub job_nets: &'a [(i64, JobNetInput)],
    pub templates: &'a [RecurringWork],
}

fn hm(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

/// The recurring work the contract lists (表1.5-2 and 2.5), as the templates start out.
pub fn default_recurring_work() -> Vec<RecurringWork> {
    let work = |category, title: &str, recurrence, starts, ends| RecurringWork {
        category,
        title: title.into(),
        recurrence,
        starts,
        ends,
    };
    vec![
        work(
            EntryCategory::Routine,
            "システム監視（JP1監視画面・機器目視）",
            Recurrence::EveryOpenDay,
            hm(8, 30),
            None,
        ),
        work(
            EntryCategory::Routine,
            "データ抽出・格納",
            Recurrence::FirstOpenDay,
            None,
            None,
        ),
        work(
            EntryCategory::Routine,
            "Windows更新プログラム・ウイルス定義ファイル適用確認",
            Recurrence::Weekly(Weekday::Wed),
            None,
            None,
        ),
        work(
            EntryCategory::Routine,
            "リソース監視情報の取得",
            Recurrence::LastOpenDay,
            None,
            None,
        ),
        work(
            EntryCategory::Report,
            "定期報告書（前月分）提出",
            Recurrence::NthOpenDay(5),
            None,
            None,
        ),
    ]
}

/// The last closed day of the month, where regular releases go (003 2.1: 定期リリースは月末の
/// 閉庁日); none in a month whose last week has no closed day.
pub fn last_closed_day(month: ScheduleMonth, calendar: &Calendar) -> Option<NaiveDate> {
    let mut d = month.last_day();
    while calendar.is_open_day(d) {
        d = d.pred_opt()?;
        if !month.contains(d) {
            return None;
        }
    }
    Some(d)
}

fn entry(
    day: NaiveDate,
    category: EntryCategory,
    title: impl Into<String>,
    times: (Option<NaiveTime>, Option<NaiveTime>),
    source: EntrySource,
    source_id: Option<i64>,
) -> ScheduleEntry {
    ScheduleEntry {
        day,
        category,
        title: title.into(),
        starts: times.0,
        ends: times.1,
        note: String::new(),
        source,
        source_id,
    }
}

/// An instant window as a day and times in Tokyo; a window that ends on a later day keeps only
/// its start time and says when it ends in the note.
fn local_window(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> (NaiveDate, Option<NaiveTime>, Option<NaiveTime>, String) {
    let (s, e) = (tokyo(start), tokyo(end));
    if s.date_naive() == e.date_naive() {
        (
            s.date_naive(),
            Some(s.time()),
            Some(e.time()),
            String::new(),
        )
    } else {
        let note = format!("{}月{}日 {}まで", e.month(), e.day(), e.format("%H:%M"));
        (s.date_naive(), Some(s.time()), None, note)
    }
}

/// A month's draft: every row filled from the inputs, in the order of the calendar (day,
/// row, start time, title).
pub fn build_month(inputs: MonthInputs<'_>) -> Vec<ScheduleEntry> {
    let MonthInputs {
        month, calendar, ..
    } = inputs;
    let mut out = Vec::new();
    let hours = calendar.hours();
    for day in month.days() {
        let kind = calendar.day_kind(day);
        let times = if kind.is_open() {
            (Some(hours.open), Some(hours.close))
        } else {
            (None, None)
        };
        out.push(entry(
            day,
            EntryCategory::ServiceHours,
            kind.label(),
            times,
            EntrySource::Calendar,
            None,
        ));
    }
    if let Some((start, end)) = monthly_maintenance_window(month.year, month.month) {
        let (day, s, e, _) = local_window(start, end);
        out.push(entry(
            day,
            EntryCategory::Maintenance,
            "月次メンテナンス",
            (s, e),
            EntrySource::Calendar,
            None,
        ));
    }
    changes(inputs, &mut out);
    meetings(inputs, &mut out);
    for (id, net) in inputs.job_nets {
        for day in month.days().filter(|d| net.planned_on(*d, calendar)) {
            let start = net.planned_start;
            let end =
                start.overflowing_add_signed(TimeDelta::minutes(i64::from(net.planned_minutes)));
            // A run past midnight shows only its start: the end belongs to the next day.
            let ends = (end.1 == 0 && end.0 > start).then_some(end.0);
            out.push(entry(
                day,
                EntryCategory::Batch,
                net.name.clone(),
                (Some(start), ends),
                EntrySource::JobNet,
                Some(*id),
            ));
        }
    }
    for work in inputs.templates {
        for day in recurring_days(work.recurrence, month, calendar) {
            out.push(entry(
                day,
                work.category,
                work.title.clone(),
                (work.starts, work.ends),
                EntrySource::Template,
                None,
            ));
        }
    }
    sort_entries(&mut out);
    out
}

fn changes(inputs: MonthInputs<'_>, out: &mut Vec<ScheduleEntry>) {
    let month = inputs.month;
    let mut release_days = Vec::new();
    for c in inputs.changes {
        let (day, s, e, note) = local_window(c.window_start, c.window_end);
        if !month.contains(day) {
            continue;
        }
        let category = match c.kind {
            ChangeKind::HoursExtension => EntryCategory::ServiceHours,
            ChangeKind::PlannedOutage => EntryCategory::Outage,
            ChangeKind::DataPatch => EntryCategory::Maintenance,
            ChangeKind::Release => {
                release_days.push(day);
                EntryCategory::Release
            }
        };
        let mut en = entry(
            day,
            category,
            format!("{}：{}", c.kind.label(), c.title),
            (s, e),
            EntrySource::Change,
            Some(c.id),
        );
        en.note = note;
        out.push(en);
    }
    if let Some(day) = last_closed_day(month, inputs.calendar)
        && !release_days.contains(&day)
    {
        out.push(entry(
            day,
            EntryCategory::Release,
            "定期リリース（予定）",
            (None, None),
            EntrySource::Calendar,
            None,
        ));
    }
}

fn meetings(inputs: MonthInputs<'_>, out: &mut Vec<ScheduleEntry>) {
    let month = inputs.month;
    let mut reviews = Vec::new();
    for m in inputs.meetings {
        let (day, s, e, _) = local_window(m.starts_at, m.ends_at);
        if month.contains(day) {
            out.push(entry(
                day,
                EntryCategory::Meeting,
                m.title.clone(),
                (s, e),
                EntrySource::Meeting,
                Some(m.id),
            ));
            if m.kind == MeetingKind::ScheduleReview {
                reviews.push(day);
            }
        }
        let due = minutes_due(m.starts_at, inputs.calendar);
        if month.contains(due) {
            out.push(entry(
                due,
                EntryCategory::Report,
                format!("議事録提出期限（{}）", m.title),
                (None, None),
                EntrySource::Meeting,
                Some(m.id),
            ));
        }
    }
    // This month's review decides next month's schedule: its due date belongs on this calendar.
    let next = month.next();
    if let Ok(due) = submission_due(next, &reviews, inputs.calendar)
        && month.contains(due)
    {
        out.push(entry(
            due,
            EntryCategory::Report,
            format!("業務日程表（{}月分）提出期限", next.month),
            (None, None),
            EntrySource::Calendar,
            None,
        ));
    }
}

fn recurring_days(r: Recurrence, month: ScheduleMonth, calendar: &Calendar) -> Vec<NaiveDate> {
    let open: Vec<NaiveDate> = calendar
        .open_days(month.first_day(), month.last_day())
        .collect();
    match r {
        Recurrence::EveryOpenDay => open,
        Recurrence::FirstOpenDay => open.first().copied().into_iter().collect(),
        Recurrence::LastOpenDay => open.last().copied().into_iter().collect(),
        Recurrence::NthOpenDay(n) => n
            .checked_sub(1)
            .and_then(|i| open.get(i as usize).copied())
            .into_iter()
            .collect(),
        Recurrence::Weekly(w) => open.into_iter().filter(|d| d.weekday() == w).collect(),
    }
}

/// What the contractor typed last month comes over to the same day of this month (a day this
/// month lacks — the 31st — drops it); what the record produces is built afresh instead.
pub fn carry_over(previous: &[ScheduleEntry], month: ScheduleMonth) -> Vec<ScheduleEntry> {
    previous
        .iter()
        .filter(|e| matches!(e.source, EntrySource::Manual | EntrySource::Previous))
        .filter_map(|e| {
            let day = NaiveDate::from_ymd_opt(month.year, month.month, e.day.day())?;
            Some(ScheduleEntry {
                day,
                source: EntrySource::Previous,
                ..e.clone()
            })
        })
        .collect()
}

/// The calendar's order: day, row, start time (untimed first), title.
pub fn sort_entries(entries: &mut [ScheduleEntry]) {
    entries.sort_by(|a, b| {
        (a.day, a.category, a.starts, &a.title).cmp(&(b.day, b.category, b.starts, &b.title))
    });
}
