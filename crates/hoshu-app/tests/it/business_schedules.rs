//! 業務日程表 on both databases: drafted from the record, edited, submitted only with a review
//! to count the due date from, returned with a comment, revised into a new version, approved;
//! who may do what; every step audited.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use hoshu_app::{ErrorCode, Hoshu, RegisterFormat};
use hoshu_core::business_schedule::{
    EntryCategory, EntrySource, ScheduleAction, ScheduleEntry, ScheduleStatus, sort_entries,
};
use hoshu_core::meeting::{Attendee, MeetingKind, NewMeeting, Side};
use hoshu_core::operations::{JobNetInput, JobNetSchedule};

use crate::common;

use common::{Desk, both, jst};

fn start() -> DateTime<Utc> {
    jst(2026, 4, 1, 9, 0)
}

fn review(day: u32) -> NewMeeting {
    NewMeeting {
        kind: MeetingKind::ScheduleReview,
        title: "5月分 業務日程レビュー".into(),
        starts_at: jst(2026, 4, day, 14, 0),
        ends_at: jst(2026, 4, day, 15, 0),
        place: "本庁舎 第3会議室".into(),
        attendees: vec![Attendee {
            side: Side::City,
            organisation: "生活保護・自立支援課".into(),
            title: "課長".into(),
            name: "岡本 誠".into(),
            present: true,
        }],
        handouts: vec![],
        agenda: vec!["5月の業務日程".into()],
        discussion: String::new(),
        decisions: vec![],
        action_items: vec![],
        next_meeting: None,
    }
}

async fn audit_actions(hoshu: &Hoshu) -> Vec<(String, String)> {
    let mut tx = hoshu.store().begin_read().await.unwrap();
    tx.audit_entries(0, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action.starts_with("business_schedule."))
        .map(|e| (e.action, e.summary))
        .collect()
}

async fn version_of(d: &Desk, id: i64) -> i64 {
    d.hoshu
        .business_schedule(&d.contractor, id)
        .await
        .unwrap()
        .header
        .version
}

both!(a_month_goes_from_draft_through_a_return_to_approval, |d| {
    let h = &d.hoshu;
    h.add_job_net(
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
    .unwrap();

    // Only the contractor drafts; staff and the administrator do not even see it.
    for s in [&d.chief, &d.staff, &d.admin] {
        let e = h.draft_business_schedule(s, 2026, 5).await.unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden);
    }
    let e = h
        .business_schedule_month(&d.staff, 2026, 5)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);

    let id = h
        .draft_business_schedule(&d.contractor, 2026, 5)
        .await
        .unwrap();
    let again = h
        .draft_business_schedule(&d.contractor, 2026, 5)
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Duplicate);
    let view = h.business_schedule_month(&d.chief, 2026, 5).await.unwrap();
    let current = view.current.clone().unwrap();
    assert_eq!(current.header.id, id);
    let on = |day: u32, c: EntryCategory| {
        current
            .entries
            .iter()
            .filter(|e| e.day == NaiveDate::from_ymd_opt(2026, 5, day).unwrap() && e.category == c)
            .map(|e| e.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(on(3, EntryCategory::Maintenance), vec!["月次メンテナンス"]);
    assert_eq!(on(1, EntryCategory::Batch), vec!["NJ_RECEIPT_IMPORT"]);
    assert_eq!(on(5, EntryCategory::ServiceHours), vec!["こどもの日"]);
    // No review in April yet: no due date, and the reason in Japanese.
    assert_eq!(view.submission_due, None);
    assert!(view.due_problem.unwrap().contains("業務日程レビュー"));

    // Submitting without the review is refused, naming the review.
    let v = version_of(&d, id).await;
    let e = h
        .business_schedule_step(&d.contractor, id, v, ScheduleAction::Submit, "")
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert_eq!(e.fields[0].field, "review_meeting");

    h.record_meeting(&d.contractor, review(22)).await.unwrap();
    let view = h
        .business_schedule_month(&d.contractor, 2026, 5)
        .await
        .unwrap();
    assert_eq!(view.submission_due, NaiveDate::from_ymd_opt(2026, 4, 20));

    // The contractor adds a line; a bad row is named.
    let mut entries = current.entries.clone();
    let typed = ScheduleEntry {
        day: NaiveDate::from_ymd_opt(2026, 5, 15).unwrap(),
        category: EntryCategory::Routine,
        title: "帳票の棚卸し".into(),
        starts: NaiveTime::from_hms_opt(10, 0, 0),
        ends: NaiveTime::from_hms_opt(12, 0, 0),
        note: String::new(),
        source: EntrySource::Manual,
        source_id: None,
    };
    let mut wrong = typed.clone();
    wrong.day = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    entries.push(wrong);
    let e = h
        .save_business_schedule_entries(&d.contractor, id, v, entries.clone())
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].row, Some(entries.len() - 1));
    entries.pop();
    entries.push(typed.clone());
    // Saved in the calendar's order, whatever order the form sent.
    sort_entries(&mut entries);
    let e = h
        .save_business_schedule_entries(&d.chief, id, v, entries.clone())
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let v = h
        .save_business_schedule_entries(&d.contractor, id, v, entries.clone())
        .await
        .unwrap();

    // The chief cannot approve a draft; the contractor cannot approve at all.
    let e = h
        .business_schedule_step(&d.chief, id, v, ScheduleAction::Approve, "")
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidTransition);
    let v = h
        .business_schedule_step(&d.contractor, id, v, ScheduleAction::Submit, "")
        .await
        .unwrap();
    let e = h
        .business_schedule_step(&d.contractor, id, v, ScheduleAction::Approve, "")
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    // A return needs its reason.
    let e = h
        .business_schedule_step(&d.chief, id, v, ScheduleAction::Return, " ")
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].field, "comment");
    h.business_schedule_step(
        &d.chief,
        id,
        v,
        ScheduleAction::Return,
        "15日の作業時間を午後に",
    )
    .await
    .unwrap();

    // A returned version is kept as it was; editing it is refused; a revision is version 2.
    let v1 = version_of(&d, id).await;
    let e = h
        .save_business_schedule_entries(&d.contractor, id, v1, vec![])
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidTransition);
    let id2 = h.revise_business_schedule(&d.contractor, id).await.unwrap();
    let e = h
        .revise_business_schedule(&d.contractor, id)
        .await
        .unwrap_err();
    assert!(e.message.contains("最新の版"), "{}", e.message);
    let mut revised = h.business_schedule(&d.contractor, id2).await.unwrap();
    assert_eq!(revised.entries, entries);
    assert_eq!(revised.header.revised_from, Some(id));
    let row = revised
        .entries
        .iter_mut()
        .find(|e| e.title == "帳票の棚卸し")
        .unwrap();
    row.starts = NaiveTime::from_hms_opt(13, 0, 0);
    row.ends = NaiveTime::from_hms_opt(15, 0, 0);
    let v = h
        .save_business_schedule_entries(&d.contractor, id2, revised.header.version, revised.entries)
        .await
        .unwrap();
    let v = h
        .business_schedule_step(&d.contractor, id2, v, ScheduleAction::Submit, "")
        .await
        .unwrap();
    h.business_schedule_step(&d.chief, id2, v, ScheduleAction::Approve, "")
        .await
        .unwrap();

    let view = h.business_schedule_month(&d.chief, 2026, 5).await.unwrap();
    let states: Vec<_> = view
        .versions
        .iter()
        .map(|v| (v.edition, v.status))
        .collect();
    assert_eq!(
        states,
        vec![(1, ScheduleStatus::Returned), (2, ScheduleStatus::Approved)]
    );
    assert_eq!(view.versions[0].decision_comment, "15日の作業時間を午後に");
    let first = h.business_schedule(&d.chief, id).await.unwrap();
    assert!(
        first
            .entries
            .iter()
            .any(|e| e.times_text() == "10:00〜12:00")
    );

    // June is drafted with May's typed line carried to the same day.
    let june = h
        .draft_business_schedule(&d.contractor, 2026, 6)
        .await
        .unwrap();
    let june = h.business_schedule(&d.contractor, june).await.unwrap();
    let carried: Vec<_> = june
        .entries
        .iter()
        .filter(|e| e.source == EntrySource::Previous)
        .collect();
    assert_eq!(carried.len(), 1);
    assert_eq!(
        carried[0].day,
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
    );

    // The approved version prints without 「案」; the draft of June with it.
    let pdf = h
        .render_business_schedule(&d.chief, id2, RegisterFormat::Pdf)
        .await
        .unwrap();
    assert_eq!(pdf.file_name, "業務日程表_令和8年5月分_第2版.pdf");
    assert_eq!(pdf.pages, Some(1));
    let xlsx = h
        .render_business_schedule(&d.contractor, june.header.id, RegisterFormat::Xlsx)
        .await
        .unwrap();
    assert_eq!(xlsx.file_name, "業務日程表_令和8年6月分_第1版（案）.xlsx");
    assert!(xlsx.bytes.starts_with(b"PK"));
    let e = h
        .render_business_schedule(&d.staff, id2, RegisterFormat::Pdf)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);

    let actions: Vec<String> = audit_actions(h).await.into_iter().map(|a| a.0).collect();
    assert_eq!(
        actions,
        [
            "draft", "edit", "submit", "return", "revise", "edit", "submit", "approve", "draft"
        ]
        .map(|a| format!("business_schedule.{a}"))
    );
    let summaries = audit_actions(h).await;
    assert!(
        summaries[3].1.contains("2026年5月分 第1版"),
        "{}",
        summaries[3].1
    );
});

/// The demo's last year of schedules: approved, one version per month but every fourth, which
/// was returned with its reason and approved as the second.
#[tokio::test]
async fn the_demo_holds_a_year_of_approved_schedules() {
    use hoshu_store::Backend;
    use hoshu_store::testing::TestDatabase;
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let db = TestDatabase::new(Backend::Sqlite).await;
    let hoshu = Hoshu::open(&db.url, db.key()).await.unwrap();
    let summary = hoshu.demo(7, today).await.unwrap();
    assert_eq!(summary.business_schedules, 12);
    let chief = hoshu
        .login("chief", hoshu_app::demo::DEMO_PASSWORD)
        .await
        .unwrap();
    // 12 months up to December 2026, whose review (the first Monday of November) is past.
    let mut returned = 0;
    for (y, m) in (1..=12).map(|m| (2026, m)) {
        let view = hoshu.business_schedule_month(&chief, y, m).await.unwrap();
        let newest = view.versions.last().unwrap();
        assert_eq!(newest.status, ScheduleStatus::Approved, "{y}-{m}");
        assert!(newest.submitted_at.unwrap() <= newest.decided_at.unwrap());
        if view.versions.len() == 2 {
            returned += 1;
            assert_eq!(view.versions[0].status, ScheduleStatus::Returned);
            assert!(!view.versions[0].decision_comment.is_empty());
        }
        let entries = &view.current.unwrap().entries;
        assert!(entries.iter().any(|e| e.category == EntryCategory::Batch));
        // The demo records a meeting once it is held: December's are not on record yet.
        if m < 12 {
            assert!(entries.iter().any(|e| e.category == EntryCategory::Meeting));
        }
    }
    assert_eq!(returned, 3);
    // A real month (every job net, every routine line) still prints as one A3 sheet.
    let november = hoshu
        .business_schedule_month(&chief, 2026, 11)
        .await
        .unwrap();
    let pdf = hoshu
        .render_business_schedule(
            &chief,
            november.current.unwrap().header.id,
            RegisterFormat::Pdf,
        )
        .await
        .unwrap();
    eprintln!(
        "demo 業務日程表 PDF: {} bytes, {:?} pages",
        pdf.bytes.len(),
        pdf.pages
    );
    assert!(pdf.bytes.len() < 300 * 1024, "{} bytes", pdf.bytes.len());
    assert_eq!(pdf.pages, Some(1));
}
