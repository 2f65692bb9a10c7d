//! The SLA engine: the clocks that run on an incident's timeline and on a request, their
//! deadlines and states at a given instant, and the attainment figures reports print.
//!
//! Pure: the calendar, the targets and "now" are arguments.
//!
//! # The clocks (000 第7章第2節, 003 表2.3-1)
//!
//! | item | starts at | stops at the first | allowance (default) | measure |
//! |---|---|---|---|---|
//! | 一次報告 | detection | 一次報告 | 30 min | 24/365 |
//! | 一次切り分け | detection | 一次切り分け | 45 min; ジョブ異常 30 min | 24/365 |
//! | 対処先への連絡 | first 一次切り分け | 対処先への連絡 | 10 min | 24/365 |
//! | 続報 | detection | 続報, 暫定報告 or 障害報告 | 2 h | 24/365 |
//! | 障害報告 | first 復旧 (else first 暫定報告) | 障害報告 | 1 open day | business days |
//! | マニュアル改版 | later of first 障害報告 and first 再発防止検討会 | マニュアル改版 | 5 open days | business days |
//! | 問合せ回答 | filing | answer | 8 h of service time | service time |
//!
//! # Readings of the contract
//!
//! - **Met at the deadline.** "30分以内" includes the 30th minute: an event exactly at the
//!   deadline meets it; the clock is breached only after it (see [`SlaClock`]).
//! - **続報.** 000 asks for a report on the investigation about two hours after detection; an
//!   暫定報告 or 障害報告 sent by then carries that information, so either also stops the clock.
//!   "Then on every change" has no deadline and no clock.
//! - **障害報告 "対応後 1営業日以内".** Handling is complete at recovery (復旧). The 暫定報告 is by
//!   definition sent when handling completes (000 第7章第2節 c), so it stands in for a recovery
//!   that was not recorded. The 暫定報告 itself has no clock: it has no deadline of its own.
//! - **Business days.** The deadline is the closing time of the N-th open day after the day the
//!   clock starts (the start day never counts): recovery on Friday 15:00 → report due Monday
//!   19:00, or Tuesday 19:00 when Monday is a holiday; recovery on 12/28 18:50 → due 1/4 19:00
//!   (12/29–1/3 are closed). A report sent after closing on the due day is late.
//! - **マニュアル改版 "障害報告後・再発防止会議後 5日以内".** The days are open days. When a prevention
//!   meeting is recorded the clock runs from the later of the report and the meeting; until a
//!   meeting is recorded it runs from the report. The contract limits this item to incidents
//!   that concern operation (運用・オペレーション関連): the caller says whether the incident needs a
//!   revision, and when it does not, there is no such clock.
//! - **問合せ回答 (003 2.3 "問い合わせ対応 8:30～19:30 回答率 100%").** The contract sets the
//!   hours of the desk and a rate, not a time. This engine reads it as: every request is
//!   answered within [`SlaTargets::request_answer_service_minutes`] of service time after it
//!   is filed (default 8 hours, about one working day; a request filed outside service hours
//!   starts counting at the next opening). Waiting for the requester pauses the clock.
//! - **Pauses** exist only where the contract allows them: the request clock, while the desk
//!   waits for the requester. Incident clocks do not pause.
//! - **Exclusions** (000 第8章第3節) do not stop the clocks: an excluded incident keeps its
//!   clocks and its states, and the caller leaves it out of [`attainment`].
//! - **Events after `now`** have not happened yet; the views are recomputed from the events,
//!   so a late-recorded event changes the view the next time it is computed.

mod attainment;
mod clock;
mod targets;

pub use attainment::{Attainment, ItemAttainment, attainment, attainment_by_item};
pub use clock::{ClockState, Pause, SlaClock, evaluate, validate_pauses};
pub use targets::{Allowance, SlaTargets, TARGET_MINUTES_MAX, TARGET_OPEN_DAYS_MAX};

use crate::calendar::Calendar;
use crate::coded::coded_enum;
use crate::incident::{IncidentCategory, TimelineEvent, TimelineEventKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

coded_enum!(
    /// One service-level item, in the order the clocks usually run.
    SlaItem {
        FirstReport = "first_report" / "一次報告",
        FirstIsolation = "first_isolation" / "一次切り分け",
        ContactFixer = "contact_fixer" / "対処先への連絡",
        FollowUpReport = "follow_up_report" / "続報",
        IncidentReport = "incident_report" / "障害報告",
        ManualRevision = "manual_revision" / "マニュアル改版",
        RequestAnswer = "request_answer" / "問合せ回答",
    }
);

coded_enum!(
    /// How a clock measures time.
    ///
    /// - `Continuous`: wall-clock time, 24 hours a day, 365 days a year.
    /// - `ServiceTime`: service hours of open days only (per the [`Calendar`]).
    /// - `BusinessDays`: whole open days, due at the closing time of the N-th open day after
    ///   the start day.
    ClockKind {
        Continuous = "continuous" / "24時間365日",
        ServiceTime = "service_time" / "サービス時間",
        BusinessDays = "business_days" / "開庁日",
    }
);

impl SlaItem {
    /// The items that run on an incident's timeline.
    pub const INCIDENT: &'static [SlaItem] = &[
        SlaItem::FirstReport,
        SlaItem::FirstIsolation,
        SlaItem::ContactFixer,
        SlaItem::FollowUpReport,
        SlaItem::IncidentReport,
        SlaItem::ManualRevision,
    ];

    /// How this item's clock measures time.
    pub fn clock_kind(self) -> ClockKind {
        match self {
            SlaItem::FirstReport
            | SlaItem::FirstIsolation
            | SlaItem::ContactFixer
            | SlaItem::FollowUpReport => ClockKind::Continuous,
            SlaItem::IncidentReport | SlaItem::ManualRevision => ClockKind::BusinessDays,
            SlaItem::RequestAnswer => ClockKind::ServiceTime,
        }
    }

    /// What starts this item's clock, as the plan and the screens name it (see
    /// [`incident_clocks`] and [`request_answer_clock`]).
    pub fn starts_at(self) -> &'static str {
        match self {
            SlaItem::FirstReport | SlaItem::FirstIsolation | SlaItem::FollowUpReport => "検知",
            SlaItem::ContactFixer => "一次切り分け",
            SlaItem::IncidentReport => "復旧",
            SlaItem::ManualRevision => "障害報告・再発防止検討会",
            SlaItem::RequestAnswer => "受付",
        }
    }

    /// The timeline events that stop this item's clock (the first of them by time does).
    pub fn stopped_by(self) -> &'static [TimelineEventKind] {
        use TimelineEventKind as K;
        match self {
            SlaItem::FirstReport => &[K::FirstReport],
            SlaItem::FirstIsolation => &[K::FirstIsolation],
            SlaItem::ContactFixer => &[K::ContactFixer],
            SlaItem::FollowUpReport => &[K::FollowUpReport, K::InterimReport, K::IncidentReport],
            SlaItem::IncidentReport => &[K::IncidentReport],
            SlaItem::ManualRevision => &[K::ManualRevision],
            SlaItem::RequestAnswer => &[],
        }
    }
}

/// A timeline event that started or stopped a clock: its position in the slice passed to
/// [`incident_clocks`], its kind and its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EventRef {
    pub index: usize,
    pub kind: TimelineEventKind,
    pub at: DateTime<Utc>,
}

/// One clock as screens and reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SlaClockView {
    pub item: SlaItem,
    pub kind: ClockKind,
    pub allowance: Allowance,
    /// When the clock started; `None` while the starting event has not happened.
    pub started_at: Option<DateTime<Utc>>,
    /// The event that started it; `None` when it starts at detection or filing.
    pub started_by: Option<EventRef>,
    /// The deadline as of `now` (pauses included); `None` while not started.
    pub deadline: Option<DateTime<Utc>>,
    /// When the clock stopped (by `now`).
    pub stopped_at: Option<DateTime<Utc>>,
    /// The timeline event that stopped it; `None` for request clocks and running clocks.
    pub stopped_by: Option<EventRef>,
    pub state: ClockState,
}

impl SlaClockView {
    fn of(
        clock: Option<SlaClock>,
        item: SlaItem,
        allowance: Allowance,
        started_by: Option<EventRef>,
        stopped_by: Option<EventRef>,
        calendar: &Calendar,
        now: DateTime<Utc>,
    ) -> Self {
        match clock {
            Some(clock) => {
                let state = clock.evaluate(calendar, now);
                let stopped_at = clock.stopped_at.filter(|t| *t <= now);
                Self {
                    item,
                    kind: allowance.kind(),
                    allowance,
                    started_at: Some(clock.started_at),
                    started_by,
                    deadline: Some(
                        state
                            .deadline()
                            .unwrap_or_else(|| clock.deadline(calendar, now)),
                    ),
                    stopped_at,
                    stopped_by: stopped_by.filter(|_| stopped_at.is_some()),
                    state,
                }
            }
            None => Self {
                item,
                kind: allowance.kind(),
                allowance,
                started_at: None,
                started_by: None,
                deadline: None,
                stopped_at: None,
                stopped_by: None,
                state: ClockState::NotStarted,
            },
        }
    }
}

/// The first event (by time, then by position) of one of `kinds` that has happened by `now`.
fn first_of(
    events: &[TimelineEvent],
    kinds: &[TimelineEventKind],
    now: DateTime<Utc>,
) -> Option<EventRef> {
    events
        .iter()
        .enumerate()
        .filter(|(_, e)| kinds.contains(&e.kind) && e.at <= now)
        .min_by_key(|(i, e)| (e.at, *i))
        .map(|(index, e)| EventRef {
            index,
            kind: e.kind,
            at: e.at,
        })
}

/// The clocks of one incident at `now`, in the order of [`SlaItem::INCIDENT`]: one view per
/// item, except マニュアル改版 when `manual_revision_required` is false (the contract limits it
/// to incidents that concern operation). See the module documentation for where each clock
/// starts and stops.
///
/// Events may be in any order; events later than `now` are ignored.
pub fn incident_clocks(
    detected_at: DateTime<Utc>,
    category: IncidentCategory,
    events: &[TimelineEvent],
    manual_revision_required: bool,
    targets: &SlaTargets,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Vec<SlaClockView> {
    use TimelineEventKind as K;
    let first = |kinds: &[K]| first_of(events, kinds, now);
    let mut views = Vec::with_capacity(SlaItem::INCIDENT.len());
    for item in SlaItem::INCIDENT {
        let item = *item;
        // (start instant, the event that started it)
        let start: Option<(DateTime<Utc>, Option<EventRef>)> = match item {
            SlaItem::FirstReport | SlaItem::FirstIsolation | SlaItem::FollowUpReport => {
                Some((detected_at, None))
            }
            SlaItem::ContactFixer => first(&[K::FirstIsolation]).map(|e| (e.at, Some(e))),
            SlaItem::IncidentReport => first(&[K::Recovery])
                .or_else(|| first(&[K::InterimReport]))
                .map(|e| (e.at, Some(e))),
            SlaItem::ManualRevision => {
                if !manual_revision_required {
                    continue;
                }
                let report = first(&[K::IncidentReport]);
                let meeting = first(&[K::PreventionMeeting]);
                report
                    .into_iter()
                    .chain(meeting)
                    .max_by_key(|e| (e.at, e.index))
                    .map(|e| (e.at, Some(e)))
            }
            SlaItem::RequestAnswer => continue,
        };
        let allowance = targets.allowance(item, Some(category));
        let stop = first(item.stopped_by());
        let clock = start.map(|(started_at, _)| SlaClock {
            item,
            allowance,
            started_at,
            stopped_at: stop.map(|e| e.at),
            paused: Vec::new(),
        });
        let started_by = start.and_then(|(_, by)| by);
        views.push(SlaClockView::of(
            clock, item, allowance, started_by, stop, calendar, now,
        ));
    }
    views
}

/// The answer clock of one request at `now`: starts at `filed_at`, stops at `answered_at`,
/// runs in service time and stands still during `paused` (waiting for the requester).
pub fn request_answer_clock(
    filed_at: DateTime<Utc>,
    answered_at: Option<DateTime<Utc>>,
    paused: &[Pause],
    targets: &SlaTargets,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> SlaClockView {
    let item = SlaItem::RequestAnswer;
    let allowance = targets.allowance(item, None);
    let clock = SlaClock {
        item,
        allowance,
        started_at: filed_at,
        stopped_at: answered_at,
        paused: paused.to_vec(),
    };
    SlaClockView::of(Some(clock), item, allowance, None, None, calendar, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each incident clock starts where `starts_at` says: at detection, or at the event of
    /// that name.
    #[test]
    fn clocks_start_where_the_plan_says() {
        use chrono::TimeDelta;
        let t0 = DateTime::<Utc>::from_timestamp(1_780_000_000, 0).unwrap();
        let events: Vec<TimelineEvent> = TimelineEventKind::ALL
            .iter()
            .enumerate()
            .map(|(i, kind)| TimelineEvent {
                kind: *kind,
                at: t0 + TimeDelta::minutes(5 * (i as i64 + 1)),
                note: String::new(),
            })
            .collect();
        let views = incident_clocks(
            t0,
            IncidentCategory::Network,
            &events,
            true,
            &SlaTargets::default(),
            &Calendar::default(),
            t0 + TimeDelta::days(30),
        );
        for v in &views {
            match v.started_by {
                None => {
                    assert_eq!(v.item.starts_at(), "検知", "{:?}", v.item);
                    assert_eq!(v.started_at, Some(t0));
                }
                Some(e) => assert!(
                    v.item.starts_at().contains(e.kind.label()),
                    "{:?} starts at {:?}",
                    v.item,
                    e.kind
                ),
            }
        }
        assert_eq!(views.len(), SlaItem::INCIDENT.len());
    }

    #[test]
    fn codes_round_trip() {
        for i in SlaItem::ALL {
            assert_eq!(SlaItem::from_code(i.code()), Some(*i));
        }
        for k in ClockKind::ALL {
            assert_eq!(ClockKind::from_code(k.code()), Some(*k));
        }
    }

    #[test]
    fn every_incident_item_has_a_stopping_event() {
        for item in SlaItem::INCIDENT {
            assert!(!item.stopped_by().is_empty(), "{item:?}");
        }
        assert!(!SlaItem::INCIDENT.contains(&SlaItem::RequestAnswer));
    }
}
