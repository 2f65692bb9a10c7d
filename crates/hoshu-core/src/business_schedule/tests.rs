use super::*;
use crate::calendar::{ServiceHours, TOKYO};
use crate::change::ChangeKind;
use crate::meeting::MeetingKind;
use crate::operations::{JobNetInput, JobNetSchedule};
use chrono::{DateTime, TimeZone, Utc};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn jst(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    TOKYO
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn month(y: i32, m: u32) -> ScheduleMonth {
    ScheduleMonth::new(y, m).unwrap()
}

fn manual(d: NaiveDate, title: &str) -> ScheduleEntry {
    ScheduleEntry {
        day: d,
        category: EntryCategory::Routine,
        title: title.into(),
        starts: None,
        ends: None,
        note: String::new(),
        source: EntrySource::Manual,
        source_id: None,
    }
}

#[test]
fn status_machine_submits_then_approves_or_returns_and_nothing_else() {
    use ScheduleAction as A;
    use ScheduleStatus as S;
    assert_eq!(next_schedule_status(S::Draft, A::Submit), Ok(S::Submitted));
    assert_eq!(
        next_schedule_status(S::Submitted, A::Approve),
        Ok(S::Approved)
    );
    assert_eq!(
        next_schedule_status(S::Submitted, A::Return),
        Ok(S::Returned)
    );
    for from in [S::Returned, S::Approved] {
        for action in ScheduleAction::ALL {
            let err = next_schedule_status(from, *action).unwrap_err();
            assert!(err.to_string().contains(from.label()), "{err}");
        }
        assert!(from.is_revisable());
        assert!(!from.is_editable());
    }
    assert!(next_schedule_status(S::Draft, A::Approve).is_err());
    assert!(S::Draft.is_editable() && !S::Submitted.is_editable());
    assert!(!S::Draft.is_revisable() && !S::Submitted.is_revisable());
    assert_eq!(S::Submitted.allowed_actions(), vec![A::Approve, A::Return]);
}

#[test]
fn a_return_must_say_why() {
    let e = validate_decision_comment(ScheduleAction::Return, "  ").unwrap_err();
    assert_eq!(e.0[0].field, "comment");
    assert!(e.0[0].message.contains("差戻しの理由"));
    assert!(validate_decision_comment(ScheduleAction::Return, "15日の会議を追記").is_ok());
    assert!(validate_decision_comment(ScheduleAction::Approve, "").is_ok());
}

#[test]
fn months_validate_and_walk() {
    assert!(
        ScheduleMonth::new(2026, 13)
            .unwrap_err()
            .field("month")
            .is_some()
    );
    assert!(
        ScheduleMonth::new(1999, 1)
            .unwrap_err()
            .field("year")
            .is_some()
    );
    assert_eq!(month(2026, 1).previous(), month(2025, 12));
    assert_eq!(month(2026, 12).next(), month(2027, 1));
    assert_eq!(month(2028, 2).last_day(), day(2028, 2, 29));
    assert_eq!(month(2026, 4).days().count(), 30);
}

#[test]
fn submission_is_due_two_open_days_before_the_previous_months_review() {
    let cal = Calendar::default();
    // Review on Wednesday 2026-04-22 for May: two open days before is Monday 4/20.
    let due = submission_due(month(2026, 5), &[day(2026, 4, 22)], &cal).unwrap();
    assert_eq!(due, day(2026, 4, 20));
    // Review on Tuesday 2026-05-12: back over the weekend to Friday 5/8.
    let due = submission_due(month(2026, 6), &[day(2026, 5, 12)], &cal).unwrap();
    assert_eq!(due, day(2026, 5, 8));
    // Golden Week: review Thursday 5/7; 5/6 is 振替休日, 5/3–5/5 holidays, so 5/1 and 4/30.
    let due = submission_due(month(2026, 6), &[day(2026, 5, 7)], &cal).unwrap();
    assert_eq!(due, day(2026, 4, 30));
    // With two reviews, the earlier one decides.
    let due = submission_due(month(2026, 5), &[day(2026, 4, 28), day(2026, 4, 22)], &cal).unwrap();
    assert_eq!(due, day(2026, 4, 20));
}

#[test]
fn without_a_review_there_is_no_due_date_and_the_error_says_so() {
    let cal = Calendar::default();
    // A review in the month itself does not decide that month's schedule.
    let e = submission_due(month(2026, 5), &[day(2026, 5, 20)], &cal).unwrap_err();
    let f = e.field("review_meeting").unwrap();
    assert_eq!(f.label, "業務日程レビュー");
    assert!(f.message.contains("2026年5月分"), "{}", f.message);
    assert!(f.message.contains("2026年4月"), "{}", f.message);
}

#[test]
fn entries_are_validated_by_row_with_field_names() {
    let m = month(2026, 4);
    let mut bad_day = manual(day(2026, 5, 1), "作業");
    bad_day.title = "作業".into();
    let empty = manual(day(2026, 4, 2), " ");
    let mut reversed = manual(day(2026, 4, 3), "リリース");
    reversed.starts = NaiveTime::from_hms_opt(10, 0, 0);
    reversed.ends = NaiveTime::from_hms_opt(9, 0, 0);
    let mut end_only = manual(day(2026, 4, 4), "停止");
    end_only.ends = NaiveTime::from_hms_opt(9, 0, 0);
    let ok = manual(day(2026, 4, 5), "定例作業");
    let e = validate_entries(m, &[bad_day, empty, reversed, end_only, ok]).unwrap_err();
    let rows: Vec<_> = e.0.iter().map(|f| (f.row, f.label)).collect();
    assert_eq!(
        rows,
        vec![
            (Some(0), "日付"),
            (Some(1), "件名"),
            (Some(2), "終了時刻"),
            (Some(3), "開始時刻")
        ]
    );
    assert!(e.0[0].message.starts_with("予定（1行目）の日付は2026年4月"));
    assert!(validate_entries(m, &[manual(day(2026, 4, 30), "作業")]).is_ok());
}

fn nightly() -> JobNetInput {
    JobNetInput {
        name: "夜間バッチ".into(),
        schedule: JobNetSchedule::OpenDay,
        planned_start: NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
        planned_minutes: 90,
        active: true,
    }
}

#[test]
fn a_month_is_built_from_calendar_changes_meetings_job_nets_and_templates() {
    let cal = Calendar::new(ServiceHours::default(), [day(2026, 4, 10)], []);
    let changes = [
        PlannedChange {
            id: 7,
            kind: ChangeKind::HoursExtension,
            title: "年度当初の延長".into(),
            window_start: jst(2026, 4, 6, 17),
            window_end: jst(2026, 4, 6, 20),
        },
        PlannedChange {
            id: 8,
            kind: ChangeKind::PlannedOutage,
            title: "更新ファイル適用".into(),
            window_start: jst(2026, 4, 18, 22),
            window_end: jst(2026, 4, 19, 6),
        },
    ];
    let meetings = [PlannedMeeting {
        id: 3,
        kind: MeetingKind::ScheduleReview,
        title: "5月分 業務日程レビュー".into(),
        starts_at: jst(2026, 4, 22, 14),
        ends_at: jst(2026, 4, 22, 15),
    }];
    let nets = [(11, nightly())];
    let templates = default_recurring_work();
    let entries = build_month(MonthInputs {
        month: month(2026, 4),
        calendar: &cal,
        changes: &changes,
        meetings: &meetings,
        job_nets: &nets,
        templates: &templates,
    });
    let on = |d: u32, c: EntryCategory| -> Vec<&ScheduleEntry> {
        entries
            .iter()
            .filter(|e| e.day == day(2026, 4, d) && e.category == c)
            .collect()
    };
    use EntryCategory as C;
    // Service hours: open days with hours, closed days by their kind, extra closures too.
    assert_eq!(on(1, C::ServiceHours)[0].times_text(), "08:00〜19:00");
    assert_eq!(on(4, C::ServiceHours)[0].title, "土曜日");
    assert_eq!(on(29, C::ServiceHours)[0].title, "昭和の日");
    assert_eq!(on(10, C::ServiceHours)[0].title, "臨時閉庁日");
    // The extension joins the service-hours row of its day.
    let ext = on(6, C::ServiceHours);
    assert_eq!(ext.len(), 2);
    assert_eq!(ext[1].title, "稼働時間延長：年度当初の延長");
    assert_eq!(ext[1].times_text(), "17:00〜20:00");
    assert_eq!(ext[1].source_id, Some(7));
    // Monthly maintenance on the first Sunday, 8–22.
    let mnt = on(5, C::Maintenance);
    assert_eq!(mnt[0].title, "月次メンテナンス");
    assert_eq!(mnt[0].times_text(), "08:00〜22:00");
    // An overnight outage keeps its start and says when it ends.
    let out = on(18, C::Outage);
    assert_eq!(out[0].times_text(), "22:00〜");
    assert_eq!(out[0].note, "4月19日 06:00まで");
    // No release approved: the regular release slot on the last closed day (Sun 4/26 … 4/29
    // is a holiday and after it 4/30 is open, so 4/29).
    let rel = on(29, C::Release);
    assert_eq!(rel[0].title, "定期リリース（予定）");
    // The review meeting, its minutes due 7 days later, and May's schedule due 2 open days
    // before it.
    assert_eq!(on(22, C::Meeting)[0].times_text(), "14:00〜15:00");
    assert!(
        on(30, C::Report)
            .iter()
            .any(|e| e.title == "議事録提出期限（5月分 業務日程レビュー）")
    );
    assert!(
        on(20, C::Report)
            .iter()
            .any(|e| e.title == "業務日程表（5月分）提出期限")
    );
    // The nightly net on open days only.
    assert_eq!(on(1, C::Batch)[0].times_text(), "19:00〜20:30");
    assert!(on(4, C::Batch).is_empty());
    assert!(on(10, C::Batch).is_empty());
    // Templates: monitoring every open day, data extraction on the first open day, the report
    // on the fifth (4/1, 2, 3, 6, 7).
    assert_eq!(
        entries
            .iter()
            .filter(|e| e.title.starts_with("システム監視"))
            .count(),
        cal.open_days(day(2026, 4, 1), day(2026, 4, 30)).count()
    );
    assert_eq!(
        on(1, C::Routine)
            .iter()
            .filter(|e| e.title == "データ抽出・格納")
            .count(),
        1
    );
    assert_eq!(on(7, C::Report)[0].title, "定期報告書（前月分）提出");
    // Ordered like the calendar, and valid as a draft.
    assert!(entries.windows(2).all(|w| w[0].day <= w[1].day));
    assert!(validate_entries(month(2026, 4), &entries).is_ok());
}

#[test]
fn an_approved_release_on_the_slot_replaces_the_placeholder() {
    let cal = Calendar::default();
    let release = PlannedChange {
        id: 9,
        kind: ChangeKind::Release,
        title: "4月定期リリース".into(),
        window_start: jst(2026, 4, 29, 9),
        window_end: jst(2026, 4, 29, 17),
    };
    let entries = build_month(MonthInputs {
        month: month(2026, 4),
        calendar: &cal,
        changes: &[release],
        meetings: &[],
        job_nets: &[],
        templates: &[],
    });
    let releases: Vec<_> = entries
        .iter()
        .filter(|e| e.category == EntryCategory::Release)
        .collect();
    assert_eq!(releases.len(), 1);
    assert_eq!(releases[0].title, "リリース：4月定期リリース");
}

#[test]
fn typed_entries_carry_over_to_the_same_day_and_generated_ones_do_not() {
    let mut generated = manual(day(2026, 3, 2), "システム監視");
    generated.source = EntrySource::Template;
    let previous = vec![
        manual(day(2026, 3, 15), "帳票の棚卸し"),
        manual(day(2026, 3, 31), "月末の確認"),
        generated,
    ];
    let carried = carry_over(&previous, month(2026, 4));
    assert_eq!(carried.len(), 1);
    assert_eq!(carried[0].day, day(2026, 4, 15));
    assert_eq!(carried[0].source, EntrySource::Previous);
}

#[test]
fn the_last_closed_day_is_where_regular_releases_go() {
    let cal = Calendar::default();
    assert_eq!(
        last_closed_day(month(2026, 5), &cal),
        Some(day(2026, 5, 31))
    );
    assert_eq!(
        last_closed_day(month(2026, 6), &cal),
        Some(day(2026, 6, 28))
    );
    assert_eq!(
        last_closed_day(month(2026, 12), &cal),
        Some(day(2026, 12, 31))
    );
}
