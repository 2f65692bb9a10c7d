//! The SLA part of both reports: the attainment per item (annual section 2, monthly 2-(2)) and
//! every unmet item with how late and why (annual section 3, monthly 2-(3)). Both come from one
//! list of assessed clocks, so the table's 未達成 and the list's lines are the same clocks.

use chrono::{DateTime, Utc};
use hoshu_core::calendar::Calendar;
use hoshu_core::incident::IncidentCategory;
use hoshu_core::sla::{ClockState, SlaClockView, SlaItem, SlaTargets, attainment};
use hoshu_docs::reports::{BreachLine, SlaRow, minutes_text};

/// What a clock measures the handling or the answer of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject {
    Incident(i64),
    Request(i64),
}

impl Subject {
    fn text(self) -> String {
        match self {
            Subject::Incident(id) => format!("障害 #{id}"),
            Subject::Request(id) => format!("依頼 #{id}"),
        }
    }
}

/// One clock the report counts, with what was recorded about it.
#[derive(Debug, Clone)]
pub(crate) struct Assessed {
    pub subject: Subject,
    pub title: String,
    /// Detection or filing: the order of the list.
    pub since: DateTime<Utc>,
    pub clock: SlaClockView,
    /// The recorded reason should the clock be breached; `None` when nothing was recorded.
    pub reason: Option<String>,
}

/// The table and the list, made together.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SlaSection {
    pub rows: Vec<SlaRow>,
    pub breaches: Vec<BreachLine>,
}

/// The table and the list of `assessed` (every counted clock; excluded incidents left out).
pub(crate) fn sla_section(
    assessed: &[Assessed],
    targets: &SlaTargets,
    calendar: &Calendar,
    short_time: impl Fn(DateTime<Utc>) -> String,
) -> SlaSection {
    let rows = SlaItem::ALL
        .iter()
        .map(|item| sla_row(*item, assessed, targets, calendar))
        .collect();
    let mut late: Vec<&Assessed> = assessed
        .iter()
        .filter(|a| a.clock.state.is_breached())
        .collect();
    late.sort_by_key(|a| {
        let order = SlaItem::ALL.iter().position(|i| *i == a.clock.item);
        (a.since, order)
    });
    let breaches = late
        .into_iter()
        .filter_map(|a| match a.clock.state {
            ClockState::Breached { deadline, by, at } => Some(BreachLine {
                subject: a.subject.text(),
                title: a.title.clone(),
                item: a.clock.item.label().to_string(),
                deadline: short_time(deadline),
                done: at.map_or_else(|| "未実施".into(), &short_time),
                late: {
                    // In the clock's own measure: service time for the answer of a request.
                    let by = a.clock.allowance.measure(deadline, deadline + by, calendar);
                    let by = minutes_text(Some(by.num_seconds() as f64 / 60.0));
                    if at.is_some() {
                        by
                    } else {
                        format!("{by}（未実施）")
                    }
                },
                note: a
                    .reason
                    .clone()
                    .filter(|r| !r.trim().is_empty())
                    .unwrap_or_else(|| "記録なし".into()),
            }),
            _ => None,
        })
        .collect();
    SlaSection { rows, breaches }
}

fn target_text(targets: &SlaTargets, item: SlaItem) -> String {
    match item {
        SlaItem::FirstIsolation => format!(
            "{}（ジョブ異常 {}）",
            targets.allowance(item, None).describe(),
            targets
                .allowance(item, Some(IncidentCategory::JobFailure))
                .describe()
        ),
        _ => targets.allowance(item, None).describe(),
    }
}

/// Minutes from start to stop in the clock's own measure.
fn elapsed_minutes(c: &SlaClockView, calendar: &Calendar) -> Option<f64> {
    let (start, stop) = (c.started_at?, c.stopped_at?);
    Some(
        c.allowance
            .measure(start, stop.max(start), calendar)
            .num_seconds() as f64
            / 60.0,
    )
}

fn sla_row(
    item: SlaItem,
    assessed: &[Assessed],
    targets: &SlaTargets,
    calendar: &Calendar,
) -> SlaRow {
    let mine: Vec<&SlaClockView> = assessed
        .iter()
        .map(|a| &a.clock)
        .filter(|c| c.item == item)
        .collect();
    let a = attainment(mine.iter().copied());
    let times: Vec<f64> = mine
        .iter()
        .filter(|c| c.state.is_decided())
        .filter_map(|c| elapsed_minutes(c, calendar))
        .collect();
    let measured = if times.is_empty() {
        "－".to_string()
    } else {
        let mean = times.iter().sum::<f64>() / times.len() as f64;
        let max = times.iter().copied().fold(0.0, f64::max);
        format!(
            "平均 {}／最長 {}",
            minutes_text(Some(mean)),
            minutes_text(Some(max))
        )
    };
    SlaRow {
        item: item.label().to_string(),
        target: target_text(targets, item),
        met: a.met as u64,
        breached: a.breached as u64,
        undecided: (a.running + a.not_started) as u64,
        rate: a.rate,
        measured,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use hoshu_core::calendar::tokyo_to_utc;
    use hoshu_core::sla::request_answer_clock;

    fn jst(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        tokyo_to_utc(
            NaiveDate::from_ymd_opt(2026, 5, d)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap(),
        )
    }

    fn request(id: i64, filed: DateTime<Utc>, answered: Option<DateTime<Utc>>) -> Assessed {
        Assessed {
            subject: Subject::Request(id),
            title: format!("依頼{id}"),
            since: filed,
            clock: request_answer_clock(
                filed,
                answered,
                &[],
                &SlaTargets::default(),
                &Calendar::default(),
                jst(29, 12, 0),
            ),
            reason: (id == 2).then(|| "ベンダー照会中".to_string()),
        }
    }

    #[test]
    fn every_unmet_clock_of_the_table_is_listed_with_how_late_and_why() {
        let assessed = vec![
            // Answered in 20 minutes.
            request(1, jst(13, 9, 0), Some(jst(13, 9, 20))),
            // Filed Friday 5/8 10:00, answered Tuesday 5/12 10:00.
            request(2, jst(8, 10, 0), Some(jst(12, 10, 0))),
            // Never answered: still late at `now`.
            request(3, jst(7, 10, 0), None),
            // Filed just now: running, counted neither way.
            request(4, jst(29, 11, 0), None),
        ];
        let s = sla_section(
            &assessed,
            &SlaTargets::default(),
            &Calendar::default(),
            |t| {
                hoshu_core::calendar::tokyo(t)
                    .format("%m/%d %H:%M")
                    .to_string()
            },
        );
        let answer = s
            .rows
            .iter()
            .find(|r| r.item == SlaItem::RequestAnswer.label())
            .unwrap();
        assert_eq!((answer.met, answer.breached, answer.undecided), (1, 2, 1));
        let unmet: u64 = s.rows.iter().map(|r| r.breached).sum();
        assert_eq!(unmet as usize, s.breaches.len());
        // Oldest first; the unanswered one says so; no recorded reason says that too.
        assert_eq!(s.breaches[0].subject, "依頼 #3");
        assert_eq!(s.breaches[0].done, "未実施");
        assert!(s.breaches[0].late.ends_with("（未実施）"));
        assert_eq!(s.breaches[0].note, "記録なし");
        assert_eq!(s.breaches[1].subject, "依頼 #2");
        assert_eq!(s.breaches[1].note, "ベンダー照会中");
        assert_eq!(s.breaches[1].done, "05/12 10:00");
        // 8 service hours from Friday 10:00 end there at 18:00; Friday 18–19, Monday 8–19
        // and Tuesday 8–10 make 14 service hours late.
        assert_eq!(s.breaches[1].deadline, "05/08 18:00");
        assert_eq!(s.breaches[1].late, "14時間");
    }
}
