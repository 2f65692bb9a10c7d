//! SLA clocks at the boundaries: the deadline instant itself, the year-end closure, a Friday
//! before a holiday Monday, Golden Week, the job-failure isolation target and pauses.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use hoshu_core::calendar::{Calendar, tokyo_to_utc};
use hoshu_core::sla::{Allowance, ClockState, Pause, SlaClock, SlaItem, evaluate};

/// A Tokyo wall-clock time as a UTC instant.
fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    tokyo_to_utc(
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap(),
    )
}

fn minutes(m: i64) -> TimeDelta {
    TimeDelta::minutes(m)
}

fn clock(item: SlaItem, allowance: Allowance, start: DateTime<Utc>) -> SlaClock {
    SlaClock::new(item, allowance, start)
}

fn stopped(mut c: SlaClock, at: DateTime<Utc>) -> SlaClock {
    c.stopped_at = Some(at);
    c
}

const FIRST_REPORT: Allowance = Allowance::Continuous { minutes: 30 };
const REPORT_DAYS: Allowance = Allowance::BusinessDays { days: 1 };
const REVISION_DAYS: Allowance = Allowance::BusinessDays { days: 5 };
const ANSWER: Allowance = Allowance::ServiceTime { minutes: 8 * 60 };

// ---- the deadline instant ----

#[test]
fn an_event_exactly_at_the_deadline_is_met_with_zero_margin() {
    let cal = Calendar::default();
    let start = jst(2026, 6, 1, 23, 50);
    let c = stopped(
        clock(SlaItem::FirstReport, FIRST_REPORT, start),
        jst(2026, 6, 2, 0, 20),
    );
    assert_eq!(
        evaluate(&c, &cal, jst(2026, 6, 2, 1, 0)),
        ClockState::Met {
            at: jst(2026, 6, 2, 0, 20),
            deadline: jst(2026, 6, 2, 0, 20),
            margin: TimeDelta::zero()
        }
    );
}

#[test]
fn one_second_after_the_deadline_is_breached_by_one_second() {
    let cal = Calendar::default();
    let start = jst(2026, 6, 1, 23, 50);
    let late = jst(2026, 6, 2, 0, 20) + TimeDelta::seconds(1);
    let c = stopped(clock(SlaItem::FirstReport, FIRST_REPORT, start), late);
    assert_eq!(
        c.evaluate(&cal, late),
        ClockState::Breached {
            deadline: jst(2026, 6, 2, 0, 20),
            by: TimeDelta::seconds(1),
            at: Some(late)
        }
    );
}

#[test]
fn a_24_365_clock_ignores_weekends_and_holidays() {
    let cal = Calendar::default();
    // 2027-01-01 00:10, a holiday in the year-end closure.
    let c = clock(SlaItem::FirstReport, FIRST_REPORT, jst(2027, 1, 1, 0, 10));
    assert_eq!(c.base_deadline(&cal), jst(2027, 1, 1, 0, 40));
}

// ---- job failure: 30 minutes, the others 45 ----

#[test]
fn isolation_after_40_minutes_is_late_for_a_job_failure_only() {
    let cal = Calendar::default();
    let detected = jst(2026, 6, 1, 2, 0);
    let isolated = jst(2026, 6, 1, 2, 40);
    let job = stopped(
        clock(
            SlaItem::FirstIsolation,
            Allowance::Continuous { minutes: 30 },
            detected,
        ),
        isolated,
    );
    let infra = stopped(
        clock(
            SlaItem::FirstIsolation,
            Allowance::Continuous { minutes: 45 },
            detected,
        ),
        isolated,
    );
    assert_eq!(
        job.evaluate(&cal, isolated),
        ClockState::Breached {
            deadline: jst(2026, 6, 1, 2, 30),
            by: minutes(10),
            at: Some(isolated)
        }
    );
    assert_eq!(
        infra.evaluate(&cal, isolated),
        ClockState::Met {
            at: isolated,
            deadline: jst(2026, 6, 1, 2, 45),
            margin: minutes(5)
        }
    );
}

// ---- the year-end closure ----

#[test]
fn answer_clock_filed_at_18_50_on_dec_28_carries_over_to_jan_4() {
    let cal = Calendar::default();
    // 2026-12-28 is a Monday; 12/29–1/3 closed; 2027-01-04 is a Monday, open.
    let c = clock(SlaItem::RequestAnswer, ANSWER, jst(2026, 12, 28, 18, 50));
    // 10 minutes on 12/28, the remaining 7 h 50 min from 1/4 8:00.
    assert_eq!(c.base_deadline(&cal), jst(2027, 1, 4, 15, 50));
    assert_eq!(
        c.evaluate(&cal, jst(2027, 1, 1, 12, 0)),
        ClockState::Running {
            deadline: jst(2027, 1, 4, 15, 50),
            remaining: minutes(470)
        }
    );
}

#[test]
fn incident_report_after_a_recovery_on_dec_28_is_due_at_jan_4_closing() {
    let cal = Calendar::default();
    let recovered = jst(2026, 12, 28, 18, 50);
    let c = clock(SlaItem::IncidentReport, REPORT_DAYS, recovered);
    assert_eq!(c.base_deadline(&cal), jst(2027, 1, 4, 19, 0));
    // Even a recovery in the middle of the closure is due at the first open day's closing.
    let c = clock(
        SlaItem::IncidentReport,
        REPORT_DAYS,
        jst(2026, 12, 31, 9, 0),
    );
    assert_eq!(c.base_deadline(&cal), jst(2027, 1, 4, 19, 0));
}

#[test]
fn manual_revision_after_a_report_on_jan_4_skips_coming_of_age_day() {
    let cal = Calendar::default();
    // Open days after 1/4: 1/5, 1/6, 1/7, 1/8, then 1/11 is 成人の日 → 1/12.
    let c = clock(
        SlaItem::ManualRevision,
        REVISION_DAYS,
        jst(2027, 1, 4, 10, 0),
    );
    assert_eq!(c.base_deadline(&cal), jst(2027, 1, 12, 19, 0));
}

#[test]
fn a_report_after_closing_on_the_due_day_is_late() {
    let cal = Calendar::default();
    let c = clock(
        SlaItem::IncidentReport,
        REPORT_DAYS,
        jst(2026, 12, 28, 18, 50),
    );
    let on_time = stopped(c.clone(), jst(2027, 1, 4, 19, 0));
    assert!(on_time.evaluate(&cal, jst(2027, 1, 5, 0, 0)).is_met());
    let late = stopped(c, jst(2027, 1, 4, 19, 30));
    assert_eq!(
        late.evaluate(&cal, jst(2027, 1, 5, 0, 0)),
        ClockState::Breached {
            deadline: jst(2027, 1, 4, 19, 0),
            by: minutes(30),
            at: Some(jst(2027, 1, 4, 19, 30))
        }
    );
}

#[test]
fn margin_of_a_business_day_clock_is_service_time() {
    let cal = Calendar::default();
    // Recovered Monday 6/1 14:00, report Tuesday 6/2 10:00: 9 h of service left.
    let c = stopped(
        clock(SlaItem::IncidentReport, REPORT_DAYS, jst(2026, 6, 1, 14, 0)),
        jst(2026, 6, 2, 10, 0),
    );
    assert_eq!(
        c.evaluate(&cal, jst(2026, 6, 2, 10, 0)),
        ClockState::Met {
            at: jst(2026, 6, 2, 10, 0),
            deadline: jst(2026, 6, 2, 19, 0),
            margin: TimeDelta::hours(9)
        }
    );
}

// ---- Friday before a holiday Monday ----

#[test]
fn friday_recovery_before_marine_day_is_due_tuesday() {
    let cal = Calendar::default();
    // 2026-07-20 (Monday) is 海の日.
    let c = clock(
        SlaItem::IncidentReport,
        REPORT_DAYS,
        jst(2026, 7, 17, 15, 0),
    );
    assert_eq!(c.base_deadline(&cal), jst(2026, 7, 21, 19, 0));
    let a = clock(SlaItem::RequestAnswer, ANSWER, jst(2026, 7, 17, 15, 0));
    // 4 h on Friday, 4 h from Tuesday 8:00.
    assert_eq!(a.base_deadline(&cal), jst(2026, 7, 21, 12, 0));
}

#[test]
fn friday_recovery_before_the_2026_silver_week_is_due_thursday() {
    let cal = Calendar::default();
    // 9/21 敬老の日, 9/22 国民の休日, 9/23 秋分の日: the next open day after Friday 9/18 is 9/24.
    let c = clock(
        SlaItem::IncidentReport,
        REPORT_DAYS,
        jst(2026, 9, 18, 11, 0),
    );
    assert_eq!(c.base_deadline(&cal), jst(2026, 9, 24, 19, 0));
}

#[test]
fn a_recovery_on_saturday_is_due_at_mondays_closing() {
    let cal = Calendar::default();
    let c = clock(SlaItem::IncidentReport, REPORT_DAYS, jst(2026, 6, 6, 3, 0));
    assert_eq!(c.base_deadline(&cal), jst(2026, 6, 8, 19, 0));
}

// ---- Golden Week ----

#[test]
fn golden_week_2026_is_skipped_by_every_calendar_clock() {
    let cal = Calendar::default();
    // 5/2 Sat – 5/6 Wed (振替休日) closed; 5/1 and 5/7 open.
    let a = clock(SlaItem::RequestAnswer, ANSWER, jst(2026, 5, 1, 17, 0));
    assert_eq!(a.base_deadline(&cal), jst(2026, 5, 7, 14, 0));
    let r = clock(SlaItem::IncidentReport, REPORT_DAYS, jst(2026, 5, 1, 10, 0));
    assert_eq!(r.base_deadline(&cal), jst(2026, 5, 7, 19, 0));
    // From Tuesday 4/28: 4/30, 5/1, 5/7, 5/8, 5/11.
    let m = clock(
        SlaItem::ManualRevision,
        REVISION_DAYS,
        jst(2026, 4, 28, 16, 0),
    );
    assert_eq!(m.base_deadline(&cal), jst(2026, 5, 11, 19, 0));
    // A 24/365 clock does not care.
    let f = clock(SlaItem::FirstReport, FIRST_REPORT, jst(2026, 5, 4, 9, 0));
    assert_eq!(f.base_deadline(&cal), jst(2026, 5, 4, 9, 30));
}

#[test]
fn a_service_clock_running_through_golden_week_keeps_its_remaining_time() {
    let cal = Calendar::default();
    let a = clock(SlaItem::RequestAnswer, ANSWER, jst(2026, 5, 1, 17, 0));
    let on_may_1_evening = a.evaluate(&cal, jst(2026, 5, 1, 22, 0));
    let on_may_5 = a.evaluate(&cal, jst(2026, 5, 5, 12, 0));
    let expected = ClockState::Running {
        deadline: jst(2026, 5, 7, 14, 0),
        remaining: TimeDelta::hours(6),
    };
    assert_eq!(on_may_1_evening, expected);
    assert_eq!(on_may_5, expected);
}

// ---- pauses ----

#[test]
fn a_pause_in_service_hours_extends_the_deadline_by_its_service_time() {
    let cal = Calendar::default();
    // Monday 6/1 10:00 + 8 h = 18:00. Paused 11:00–14:00: 3 h more, 1 h on Monday and 2 h
    // from Tuesday 8:00.
    let mut a = clock(SlaItem::RequestAnswer, ANSWER, jst(2026, 6, 1, 10, 0));
    assert_eq!(a.base_deadline(&cal), jst(2026, 6, 1, 18, 0));
    a.paused = vec![Pause {
        start: jst(2026, 6, 1, 11, 0),
        end: Some(jst(2026, 6, 1, 14, 0)),
    }];
    assert_eq!(
        a.deadline(&cal, jst(2026, 6, 1, 15, 0)),
        jst(2026, 6, 2, 10, 0)
    );
    assert_eq!(
        a.evaluate(&cal, jst(2026, 6, 1, 15, 0)),
        ClockState::Running {
            deadline: jst(2026, 6, 2, 10, 0),
            remaining: TimeDelta::hours(6)
        }
    );
}

#[test]
fn a_pause_outside_service_hours_extends_nothing() {
    let cal = Calendar::default();
    let mut a = clock(SlaItem::RequestAnswer, ANSWER, jst(2026, 6, 1, 15, 0));
    a.paused = vec![Pause {
        start: jst(2026, 6, 1, 19, 0),
        end: Some(jst(2026, 6, 2, 8, 0)),
    }];
    assert_eq!(
        a.deadline(&cal, jst(2026, 6, 3, 0, 0)),
        a.base_deadline(&cal)
    );
}

#[test]
fn a_paused_clock_reports_paused_and_its_deadline_so_far() {
    let cal = Calendar::default();
    let mut a = clock(SlaItem::RequestAnswer, ANSWER, jst(2026, 6, 1, 10, 0));
    a.paused = vec![Pause {
        start: jst(2026, 6, 1, 12, 0),
        end: None,
    }];
    // Paused since 12:00; at 13:00 one hour of service time has been paused.
    assert_eq!(
        a.evaluate(&cal, jst(2026, 6, 1, 13, 0)),
        ClockState::Paused {
            deadline: jst(2026, 6, 1, 19, 0),
            remaining: TimeDelta::hours(6)
        }
    );
    // Still waiting at 9:00 the next morning: 8 h of service time paused (7 h on Monday, 1 h on
    // Tuesday), so the 6 h left run from 9:00 to 15:00.
    assert_eq!(
        a.evaluate(&cal, jst(2026, 6, 2, 9, 0)),
        ClockState::Paused {
            deadline: jst(2026, 6, 2, 15, 0),
            remaining: TimeDelta::hours(6)
        }
    );
    // The requester answered at 9:00; the desk answers at 14:59: in time.
    a.paused[0].end = Some(jst(2026, 6, 2, 9, 0));
    a.stopped_at = Some(jst(2026, 6, 2, 14, 59));
    assert_eq!(
        a.evaluate(&cal, jst(2026, 6, 3, 9, 0)),
        ClockState::Met {
            at: jst(2026, 6, 2, 14, 59),
            deadline: jst(2026, 6, 2, 15, 0),
            margin: minutes(1)
        }
    );
}

#[test]
fn a_24_365_clock_is_extended_by_wall_clock_pause_time() {
    let cal = Calendar::default();
    let mut c = clock(SlaItem::FirstReport, FIRST_REPORT, jst(2026, 6, 6, 23, 0));
    c.paused = vec![Pause {
        start: jst(2026, 6, 6, 23, 10),
        end: Some(jst(2026, 6, 7, 0, 10)),
    }];
    assert_eq!(
        c.deadline(&cal, jst(2026, 6, 8, 0, 0)),
        jst(2026, 6, 7, 0, 30)
    );
}

#[test]
fn a_business_day_clock_is_extended_by_paused_service_time() {
    let cal = Calendar::default();
    let mut c = clock(SlaItem::IncidentReport, REPORT_DAYS, jst(2026, 6, 1, 14, 0));
    c.paused = vec![Pause {
        start: jst(2026, 6, 2, 17, 0),
        end: Some(jst(2026, 6, 2, 18, 0)),
    }];
    // Due Tuesday 19:00; one hour paused moves it to Wednesday 9:00.
    assert_eq!(
        c.deadline(&cal, jst(2026, 6, 4, 0, 0)),
        jst(2026, 6, 3, 9, 0)
    );
}
