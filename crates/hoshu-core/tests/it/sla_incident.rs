//! The clocks of an incident's timeline, the request answer clock and the attainment figures.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use hoshu_core::calendar::{Calendar, tokyo_to_utc};
use hoshu_core::incident::{IncidentCategory, TimelineEvent, TimelineEventKind as K};
use hoshu_core::sla::{
    Allowance, ClockKind, ClockState, Pause, SlaClockView, SlaItem, SlaTargets, attainment,
    attainment_by_item, incident_clocks, request_answer_clock,
};

fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    tokyo_to_utc(
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap(),
    )
}

fn ev(kind: K, at: DateTime<Utc>) -> TimelineEvent {
    TimelineEvent {
        kind,
        at,
        note: String::new(),
    }
}

fn view(views: &[SlaClockView], item: SlaItem) -> &SlaClockView {
    views
        .iter()
        .find(|v| v.item == item)
        .unwrap_or_else(|| panic!("no clock for {item:?}"))
}

/// Monday 2026-06-01 09:12, a software fault handled the whole way through.
fn full_timeline() -> (DateTime<Utc>, Vec<TimelineEvent>) {
    let detected = jst(2026, 6, 1, 9, 12);
    let events = vec![
        ev(K::FirstReport, jst(2026, 6, 1, 9, 35)),
        ev(K::FirstIsolation, jst(2026, 6, 1, 9, 50)),
        ev(K::ContactFixer, jst(2026, 6, 1, 10, 2)),
        ev(K::FollowUpReport, jst(2026, 6, 1, 11, 0)),
        ev(K::Recovery, jst(2026, 6, 1, 15, 30)),
        ev(K::InterimReport, jst(2026, 6, 1, 16, 0)),
        ev(K::IncidentReport, jst(2026, 6, 2, 11, 0)),
        ev(K::PreventionMeeting, jst(2026, 6, 5, 14, 0)),
        ev(K::ManualRevision, jst(2026, 6, 12, 10, 0)),
    ];
    (detected, events)
}

#[test]
fn a_fully_handled_incident_has_six_decided_clocks() {
    let (detected, events) = full_timeline();
    let cal = Calendar::default();
    let views = incident_clocks(
        detected,
        IncidentCategory::Software,
        &events,
        true,
        &SlaTargets::default(),
        &cal,
        jst(2026, 6, 30, 12, 0),
    );
    let items: Vec<SlaItem> = views.iter().map(|v| v.item).collect();
    assert_eq!(items, SlaItem::INCIDENT);

    let first_report = view(&views, SlaItem::FirstReport);
    assert_eq!(first_report.kind, ClockKind::Continuous);
    assert_eq!(first_report.started_at, Some(detected));
    assert_eq!(first_report.started_by, None);
    assert_eq!(first_report.deadline, Some(jst(2026, 6, 1, 9, 42)));
    assert_eq!(first_report.stopped_by.map(|e| e.index), Some(0));
    assert_eq!(
        first_report.state,
        ClockState::Met {
            at: jst(2026, 6, 1, 9, 35),
            deadline: jst(2026, 6, 1, 9, 42),
            margin: TimeDelta::minutes(7)
        }
    );

    let isolation = view(&views, SlaItem::FirstIsolation);
    assert_eq!(isolation.deadline, Some(jst(2026, 6, 1, 9, 57)));
    assert!(isolation.state.is_met());

    // Isolated 9:50, fixer contacted 10:02: two minutes late.
    let contact = view(&views, SlaItem::ContactFixer);
    assert_eq!(
        contact.started_by.map(|e| (e.index, e.kind)),
        Some((1, K::FirstIsolation))
    );
    assert_eq!(
        contact.state,
        ClockState::Breached {
            deadline: jst(2026, 6, 1, 10, 0),
            by: TimeDelta::minutes(2),
            at: Some(jst(2026, 6, 1, 10, 2))
        }
    );

    let follow_up = view(&views, SlaItem::FollowUpReport);
    assert_eq!(follow_up.deadline, Some(jst(2026, 6, 1, 11, 12)));
    assert_eq!(
        follow_up.stopped_by.map(|e| e.kind),
        Some(K::FollowUpReport)
    );
    assert!(follow_up.state.is_met());

    // Recovered Monday 15:30: the report is due Tuesday at closing.
    let report = view(&views, SlaItem::IncidentReport);
    assert_eq!(report.kind, ClockKind::BusinessDays);
    assert_eq!(report.started_by.map(|e| e.kind), Some(K::Recovery));
    assert_eq!(report.deadline, Some(jst(2026, 6, 2, 19, 0)));
    assert_eq!(
        report.state,
        ClockState::Met {
            at: jst(2026, 6, 2, 11, 0),
            deadline: jst(2026, 6, 2, 19, 0),
            margin: TimeDelta::hours(8)
        }
    );

    // Meeting Friday 6/5: five open days later is Friday 6/12.
    let revision = view(&views, SlaItem::ManualRevision);
    assert_eq!(
        revision.started_by.map(|e| e.kind),
        Some(K::PreventionMeeting)
    );
    assert_eq!(revision.deadline, Some(jst(2026, 6, 12, 19, 0)));
    assert!(revision.state.is_met());

    let a = attainment(&views);
    assert_eq!((a.met, a.breached, a.running, a.not_started), (5, 1, 0, 0));
    assert_eq!(a.rate_text(), "83.3%");
}

#[test]
fn ten_minutes_after_detection_only_the_detection_clocks_run() {
    let detected = jst(2026, 6, 1, 9, 12);
    let cal = Calendar::default();
    let now = jst(2026, 6, 1, 9, 22);
    let views = incident_clocks(
        detected,
        IncidentCategory::Network,
        &[],
        true,
        &SlaTargets::default(),
        &cal,
        now,
    );
    let states: Vec<(SlaItem, &str)> = views.iter().map(|v| (v.item, v.state.code())).collect();
    assert_eq!(
        states,
        vec![
            (SlaItem::FirstReport, "running"),
            (SlaItem::FirstIsolation, "running"),
            (SlaItem::ContactFixer, "not_started"),
            (SlaItem::FollowUpReport, "running"),
            (SlaItem::IncidentReport, "not_started"),
            (SlaItem::ManualRevision, "not_started"),
        ]
    );
    assert_eq!(
        view(&views, SlaItem::FirstReport).state,
        ClockState::Running {
            deadline: jst(2026, 6, 1, 9, 42),
            remaining: TimeDelta::minutes(20)
        }
    );
    let contact = view(&views, SlaItem::ContactFixer);
    assert_eq!((contact.started_at, contact.deadline), (None, None));
    let a = attainment(&views);
    assert_eq!((a.running, a.not_started, a.rate), (3, 3, None));
    assert_eq!(a.rate_text(), "－");
}

#[test]
fn no_manual_revision_clock_when_none_is_required() {
    let (detected, events) = full_timeline();
    let views = incident_clocks(
        detected,
        IncidentCategory::Software,
        &events,
        false,
        &SlaTargets::default(),
        &Calendar::default(),
        jst(2026, 6, 30, 0, 0),
    );
    assert_eq!(views.len(), 5);
    assert!(views.iter().all(|v| v.item != SlaItem::ManualRevision));
}

#[test]
fn job_failure_isolated_after_40_minutes_is_late_other_categories_are_not() {
    let detected = jst(2026, 6, 1, 2, 0);
    let events = [ev(K::FirstIsolation, jst(2026, 6, 1, 2, 40))];
    let state = |category| {
        let views = incident_clocks(
            detected,
            category,
            &events,
            false,
            &SlaTargets::default(),
            &Calendar::default(),
            jst(2026, 6, 1, 3, 0),
        );
        view(&views, SlaItem::FirstIsolation).state
    };
    assert_eq!(
        state(IncidentCategory::JobFailure),
        ClockState::Breached {
            deadline: jst(2026, 6, 1, 2, 30),
            by: TimeDelta::minutes(10),
            at: Some(jst(2026, 6, 1, 2, 40))
        }
    );
    for category in [
        IncidentCategory::InfraMiddleware,
        IncidentCategory::Software,
        IncidentCategory::Network,
    ] {
        assert!(state(category).is_met(), "{category:?}");
    }
}

#[test]
fn an_interim_report_also_stops_the_follow_up_clock() {
    let detected = jst(2026, 6, 1, 9, 0);
    let events = [
        ev(K::Recovery, jst(2026, 6, 1, 9, 40)),
        ev(K::InterimReport, jst(2026, 6, 1, 10, 30)),
    ];
    let views = incident_clocks(
        detected,
        IncidentCategory::Software,
        &events,
        false,
        &SlaTargets::default(),
        &Calendar::default(),
        jst(2026, 6, 1, 12, 0),
    );
    let follow_up = view(&views, SlaItem::FollowUpReport);
    assert_eq!(follow_up.stopped_by.map(|e| e.kind), Some(K::InterimReport));
    assert!(follow_up.state.is_met());
}

#[test]
fn without_a_recorded_recovery_the_interim_report_starts_the_report_clock() {
    let detected = jst(2026, 7, 17, 9, 0);
    let events = [ev(K::InterimReport, jst(2026, 7, 17, 16, 0))];
    let views = incident_clocks(
        detected,
        IncidentCategory::InfraMiddleware,
        &events,
        false,
        &SlaTargets::default(),
        &Calendar::default(),
        jst(2026, 7, 18, 12, 0),
    );
    let report = view(&views, SlaItem::IncidentReport);
    assert_eq!(report.started_by.map(|e| e.kind), Some(K::InterimReport));
    // Friday before 海の日: due Tuesday 7/21 at closing.
    assert_eq!(report.deadline, Some(jst(2026, 7, 21, 19, 0)));
    assert!(matches!(report.state, ClockState::Running { .. }));
}

#[test]
fn manual_revision_runs_from_the_report_until_a_meeting_is_recorded() {
    let detected = jst(2026, 6, 1, 9, 0);
    let mut events = vec![
        ev(K::Recovery, jst(2026, 6, 1, 12, 0)),
        ev(K::IncidentReport, jst(2026, 6, 2, 10, 0)),
    ];
    let run = |events: &[TimelineEvent]| {
        let views = incident_clocks(
            detected,
            IncidentCategory::Software,
            events,
            true,
            &SlaTargets::default(),
            &Calendar::default(),
            jst(2026, 6, 15, 12, 0),
        );
        view(&views, SlaItem::ManualRevision).clone()
    };
    let revision = run(&events);
    assert_eq!(revision.started_by.map(|e| e.kind), Some(K::IncidentReport));
    // Five open days after Tuesday 6/2 → Tuesday 6/9.
    assert_eq!(revision.deadline, Some(jst(2026, 6, 9, 19, 0)));
    assert!(revision.state.is_breached());

    events.push(ev(K::PreventionMeeting, jst(2026, 6, 8, 15, 0)));
    let revision = run(&events);
    assert_eq!(revision.started_by.map(|e| e.index), Some(2));
    assert_eq!(revision.deadline, Some(jst(2026, 6, 15, 19, 0)));
    assert!(matches!(revision.state, ClockState::Running { .. }));
}

#[test]
fn events_in_any_order_the_first_by_time_counts_and_future_ones_do_not() {
    let detected = jst(2026, 6, 1, 9, 0);
    let events = [
        ev(K::FirstReport, jst(2026, 6, 1, 9, 50)),
        ev(K::FirstReport, jst(2026, 6, 1, 9, 20)),
        ev(K::FirstIsolation, jst(2026, 6, 1, 11, 0)),
    ];
    let views = incident_clocks(
        detected,
        IncidentCategory::Software,
        &events,
        false,
        &SlaTargets::default(),
        &Calendar::default(),
        jst(2026, 6, 1, 10, 0),
    );
    let report = view(&views, SlaItem::FirstReport);
    assert_eq!(report.stopped_by.map(|e| e.index), Some(1));
    assert!(report.state.is_met());
    // The isolation at 11:00 lies after "now": the clock is breached and not stopped.
    let isolation = view(&views, SlaItem::FirstIsolation);
    assert_eq!(isolation.stopped_at, None);
    assert_eq!(
        isolation.state,
        ClockState::Breached {
            deadline: jst(2026, 6, 1, 9, 45),
            by: TimeDelta::minutes(15),
            at: None
        }
    );
    assert_eq!(
        view(&views, SlaItem::ContactFixer).state,
        ClockState::NotStarted
    );
}

#[test]
fn detected_at_18_50_on_dec_28_carries_the_report_over_the_year_end() {
    let detected = jst(2026, 12, 28, 18, 50);
    let events = [
        ev(K::FirstReport, jst(2026, 12, 28, 19, 15)),
        ev(K::FirstIsolation, jst(2026, 12, 28, 19, 30)),
        ev(K::ContactFixer, jst(2026, 12, 28, 19, 35)),
        ev(K::Recovery, jst(2026, 12, 28, 23, 0)),
    ];
    let views = incident_clocks(
        detected,
        IncidentCategory::InfraMiddleware,
        &events,
        false,
        &SlaTargets::default(),
        &Calendar::default(),
        jst(2027, 1, 2, 10, 0),
    );
    // 24/365 clocks run through the evening.
    assert_eq!(
        view(&views, SlaItem::FirstReport).deadline,
        Some(jst(2026, 12, 28, 19, 20))
    );
    assert!(view(&views, SlaItem::FirstReport).state.is_met());
    // No follow-up report by 20:50: breached, even in the closure.
    assert!(view(&views, SlaItem::FollowUpReport).state.is_breached());
    // The incident report waits for the first open day of 2027.
    let report = view(&views, SlaItem::IncidentReport);
    assert_eq!(report.deadline, Some(jst(2027, 1, 4, 19, 0)));
    assert!(matches!(report.state, ClockState::Running { .. }));
}

#[test]
fn request_answer_clock_over_the_year_end() {
    let cal = Calendar::default();
    let targets = SlaTargets::default();
    let filed = jst(2026, 12, 28, 18, 50);
    let on_time = request_answer_clock(
        filed,
        Some(jst(2027, 1, 4, 15, 50)),
        &[],
        &targets,
        &cal,
        jst(2027, 1, 5, 0, 0),
    );
    assert_eq!(on_time.kind, ClockKind::ServiceTime);
    assert_eq!(on_time.allowance, Allowance::ServiceTime { minutes: 480 });
    assert_eq!(on_time.deadline, Some(jst(2027, 1, 4, 15, 50)));
    assert_eq!(
        on_time.state,
        ClockState::Met {
            at: jst(2027, 1, 4, 15, 50),
            deadline: jst(2027, 1, 4, 15, 50),
            margin: TimeDelta::zero()
        }
    );
    let late = request_answer_clock(
        filed,
        Some(jst(2027, 1, 4, 15, 51)),
        &[],
        &targets,
        &cal,
        jst(2027, 1, 5, 0, 0),
    );
    assert!(late.state.is_breached());
}

#[test]
fn request_answer_clock_with_a_pause() {
    let cal = Calendar::default();
    let filed = jst(2026, 6, 1, 10, 0);
    let pauses = [Pause {
        start: jst(2026, 6, 1, 11, 0),
        end: Some(jst(2026, 6, 1, 14, 0)),
    }];
    let v = request_answer_clock(
        filed,
        Some(jst(2026, 6, 2, 9, 30)),
        &pauses,
        &SlaTargets::default(),
        &cal,
        jst(2026, 6, 2, 12, 0),
    );
    // 18:00 without the pause, 10:00 the next morning with it.
    assert_eq!(v.deadline, Some(jst(2026, 6, 2, 10, 0)));
    assert!(v.state.is_met());
    assert_eq!(v.stopped_at, Some(jst(2026, 6, 2, 9, 30)));
}

#[test]
fn attainment_per_item_leaves_out_what_the_caller_excludes() {
    let cal = Calendar::default();
    let targets = SlaTargets::default();
    let now = jst(2026, 6, 30, 0, 0);
    let (detected, events) = full_timeline();
    let counted = incident_clocks(
        detected,
        IncidentCategory::Software,
        &events,
        true,
        &targets,
        &cal,
        now,
    );
    // A second incident, excluded under 第8章第3節 (1): the caller does not pass its clocks.
    let excluded = incident_clocks(
        jst(2026, 6, 3, 1, 0),
        IncidentCategory::Network,
        &[],
        false,
        &targets,
        &cal,
        now,
    );
    assert!(excluded.iter().any(|v| v.state.is_breached()));
    let answers = [
        request_answer_clock(
            jst(2026, 6, 1, 9, 0),
            Some(jst(2026, 6, 1, 12, 0)),
            &[],
            &targets,
            &cal,
            now,
        ),
        request_answer_clock(jst(2026, 6, 29, 18, 0), None, &[], &targets, &cal, now),
    ];
    let per_item = attainment_by_item(counted.iter().chain(&answers));
    let summary: Vec<(SlaItem, usize, usize, usize)> = per_item
        .iter()
        .map(|s| {
            (
                s.item,
                s.attainment.met,
                s.attainment.breached,
                s.attainment.running,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (SlaItem::FirstReport, 1, 0, 0),
            (SlaItem::FirstIsolation, 1, 0, 0),
            (SlaItem::ContactFixer, 0, 1, 0),
            (SlaItem::FollowUpReport, 1, 0, 0),
            (SlaItem::IncidentReport, 1, 0, 0),
            (SlaItem::ManualRevision, 1, 0, 0),
            (SlaItem::RequestAnswer, 1, 0, 1),
        ]
    );
    let answers_only = &per_item[6].attainment;
    assert_eq!(answers_only.rate, Some(1.0));
    assert_eq!(answers_only.rate_text(), "100.0%");
    assert_eq!(per_item[2].attainment.rate_text(), "0.0%");
}

#[test]
fn views_serialise_for_the_screens() {
    let (detected, events) = full_timeline();
    let views = incident_clocks(
        detected,
        IncidentCategory::Software,
        &events,
        true,
        &SlaTargets::default(),
        &Calendar::default(),
        jst(2026, 6, 30, 0, 0),
    );
    let json = serde_json::to_value(&views[0]).unwrap();
    assert_eq!(json["item"], "first_report");
    assert_eq!(json["kind"], "continuous");
    assert_eq!(json["allowance"]["minutes"], 30);
    assert_eq!(json["state"]["state"], "met");
    assert_eq!(json["state"]["margin_secs"], 420);
    assert_eq!(json["stopped_by"]["kind"], "first_report");
    let back: SlaClockView = serde_json::from_value(json).unwrap();
    assert_eq!(back, views[0]);
}
