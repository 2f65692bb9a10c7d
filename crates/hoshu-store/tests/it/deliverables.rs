//! Meetings and minutes, the issue register and the plan's section versions.

use crate::harness::*;
use chrono::{NaiveDate, TimeDelta};
use hoshu_core::meeting::{
    ActionItem, Attendee, MeetingKind, MinutesAction, MinutesStatus, NewMeeting, NextMeeting, Side,
};
use hoshu_core::plan::PlanSection;
use hoshu_core::register::{IssueCategory, IssueInput, IssuePriority, IssueStatus};
use hoshu_store::{MeetingFilter, RegisterFilter, RegisterRef, StoreError};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(crate) fn meeting(day: u32) -> NewMeeting {
    NewMeeting {
        kind: MeetingKind::Regular,
        title: format!("4月{day}日 定例会議"),
        starts_at: jst(2026, 4, day, 14, 0),
        ends_at: jst(2026, 4, day, 15, 30),
        place: "本庁舎 第3会議室".into(),
        attendees: vec![
            Attendee {
                side: Side::City,
                organisation: "生活保護・自立支援課".into(),
                title: "課長".into(),
                name: "岡本 誠".into(),
                present: true,
            },
            Attendee {
                side: Side::Contractor,
                organisation: "株式会社吉備情報システム".into(),
                title: String::new(),
                name: "小川 健".into(),
                present: false,
            },
        ],
        handouts: vec!["資料1 運用状況報告".into(), "資料2 課題管理表".into()],
        agenda: vec!["運用状況".into(), "課題の確認".into(), "その他".into()],
        discussion: "運用状況を報告した。\n返戻レセプトの件数が増加傾向。".into(),
        decisions: vec!["帳票改善は次回リリースで対応する。".into()],
        action_items: vec![],
        next_meeting: Some(NextMeeting {
            starts_at: jst(2026, 5, 13, 14, 0),
            place: "同上".into(),
        }),
    }
}

fn issue(title: &str, status: IssueStatus, category: IssueCategory) -> IssueInput {
    IssueInput {
        raised_on: date(2026, 4, 15),
        raised_by: "小川 健".into(),
        category,
        title: title.into(),
        content: format!("{title}について検討が必要。"),
        priority: IssuePriority::Medium,
        owner: "大西 亮".into(),
        due: Some(date(2026, 5, 31)),
        status,
        progress: if status == IssueStatus::Done {
            "対応済み。".into()
        } else {
            String::new()
        },
        completed_on: (status == IssueStatus::Done).then(|| date(2026, 4, 30)),
        meeting_id: None,
        request_id: None,
    }
}

conformance!(meeting_round_trip_edit_and_minutes, |store| async move {
    let seed = seed(&store).await;
    let t = |min| now() + TimeDelta::minutes(min);
    let m = meeting(15);
    let mut tx = store.begin().await.unwrap();
    let id = tx.insert_meeting(&m, seed.contractor, t(0)).await.unwrap();
    let r = tx.get_meeting(id).await.unwrap().unwrap();
    assert_eq!(
        r.meeting, m,
        "lists keep their order, absentees stay absent"
    );
    assert_eq!(r.minutes_status, MinutesStatus::Draft);
    assert_eq!(r.version, 1);
    assert_eq!(r.recorded_by_name, "高橋 SE");
    assert_eq!(r.created_at, t(0));
    assert_eq!(r.submitted_at, None);
    assert_eq!(r.decision, None);
    assert!(r.action_item_links.is_empty());
    assert_eq!(tx.get_meeting(id + 99).await.unwrap(), None);

    // Action items with and without register links.
    let action = |d: &str| ActionItem {
        description: d.into(),
        owner: "小川 健".into(),
        due: date(2026, 4, 30),
    };
    let mut linked = issue(
        "帳票改善案の作成",
        IssueStatus::Open,
        IssueCategory::Improvement,
    );
    linked.meeting_id = Some(id);
    let (rid, no) = tx
        .insert_register_item(&linked, seed.contractor, t(0))
        .await
        .unwrap();
    tx.set_meeting_action_items(
        id,
        &[
            (action("帳票改善案の作成"), Some(rid)),
            (action("資料の送付"), None),
        ],
    )
    .await
    .unwrap();
    let r = tx.get_meeting(id).await.unwrap().unwrap();
    assert_eq!(r.meeting.action_items.len(), 2);
    assert_eq!(r.meeting.action_items[1].description, "資料の送付");
    assert_eq!(
        r.action_item_links,
        vec![Some(RegisterRef { id: rid, no }), None]
    );

    // Edit: fewer lines, no next meeting, other kind; action items are left alone.
    let mut edited = m.clone();
    edited.kind = MeetingKind::GroupProgress;
    edited.handouts.clear();
    edited.agenda = vec!["進捗確認".into()];
    edited.attendees.truncate(1);
    edited.next_meeting = None;
    assert_eq!(tx.update_meeting(id, 1, &edited, t(1)).await.unwrap(), 2);
    let r = tx.get_meeting(id).await.unwrap().unwrap();
    edited.action_items = r.meeting.action_items.clone();
    assert_eq!(r.meeting, edited);
    assert_eq!(r.updated_at, t(1));
    assert!(matches!(
        tx.update_meeting(id, 1, &edited, t(2)).await,
        Err(StoreError::Stale { .. })
    ));
    assert!(matches!(
        tx.update_meeting(id + 99, 1, &edited, t(2)).await,
        Err(StoreError::NotFound { .. })
    ));

    // Minutes: submit, return with a reason, submit again, approve.
    assert_eq!(tx.submit_minutes(id, 2, t(3)).await.unwrap(), 3);
    let v = tx
        .decide_minutes(
            id,
            3,
            MinutesAction::Return,
            MinutesStatus::Returned,
            seed.chief,
            "出席者の役職を追記してください。",
            t(4),
        )
        .await
        .unwrap();
    let r = tx.get_meeting(id).await.unwrap().unwrap();
    assert_eq!(r.minutes_status, MinutesStatus::Returned);
    assert_eq!(r.submitted_at, Some(t(3)));
    let d = r.decision.unwrap();
    assert_eq!(d.action, MinutesAction::Return);
    assert_eq!(d.decided_by, seed.chief);
    assert_eq!(d.decided_by_name, "鈴木 課長");
    assert_eq!(d.at, t(4));
    assert_eq!(d.comment, "出席者の役職を追記してください。");
    let v = tx.submit_minutes(id, v, t(5)).await.unwrap();
    assert!(matches!(
        tx.submit_minutes(id, v - 1, t(6)).await,
        Err(StoreError::Stale { .. })
    ));
    tx.decide_minutes(
        id,
        v,
        MinutesAction::Approve,
        MinutesStatus::Approved,
        seed.chief,
        "",
        t(6),
    )
    .await
    .unwrap();
    let r = tx.get_meeting(id).await.unwrap().unwrap();
    assert_eq!(r.minutes_status, MinutesStatus::Approved);
    assert_eq!(r.submitted_at, Some(t(5)));
    assert_eq!(r.decision.unwrap().action, MinutesAction::Approve);
    tx.commit().await.unwrap();
});

conformance!(meeting_list_filters_and_pages, |store| async move {
    let seed = seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let mut ids = Vec::new();
    for day in 1..=12 {
        let mut m = meeting(day);
        if day % 3 == 0 {
            m.kind = MeetingKind::ScheduleReview;
            m.discussion = "業務日程の確認。Batch 遅延なし。".into();
        }
        ids.push(tx.insert_meeting(&m, seed.contractor, now()).await.unwrap());
    }
    tx.submit_minutes(ids[0], 1, now()).await.unwrap();

    let page = tx
        .list_meetings(&MeetingFilter {
            limit: 5,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 12);
    let got: Vec<i64> = page.items.iter().map(|m| m.id).collect();
    let newest: Vec<i64> = ids.iter().rev().take(5).copied().collect();
    assert_eq!(got, newest, "newest first");
    let first = &page.items[0];
    assert_eq!(first.title, "4月12日 定例会議");
    assert_eq!(first.kind, MeetingKind::ScheduleReview);
    assert_eq!(first.starts_at, jst(2026, 4, 12, 14, 0));
    assert_eq!(first.ends_at, jst(2026, 4, 12, 15, 30));
    assert_eq!(first.place, "本庁舎 第3会議室");
    assert_eq!(first.version, 1);
    let last = tx
        .list_meetings(&MeetingFilter {
            limit: 5,
            offset: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(last.items.len(), 2);

    let kind = tx
        .list_meetings(&MeetingFilter {
            kinds: vec![MeetingKind::ScheduleReview],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(kind.total, 4);
    let submitted = tx
        .list_meetings(&MeetingFilter {
            statuses: vec![MinutesStatus::Submitted],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(submitted.items.len(), 1);
    assert_eq!(submitted.items[0].id, ids[0]);
    assert_eq!(submitted.items[0].minutes_status, MinutesStatus::Submitted);
    let window = tx
        .list_meetings(&MeetingFilter {
            from: Some(jst(2026, 4, 3, 0, 0)),
            to: Some(jst(2026, 4, 5, 14, 0)),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(window.total, 2, "[from, to) on the start");
    let text = tx
        .list_meetings(&MeetingFilter {
            text: Some("batch".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(text.total, 4, "ASCII folded, discussion searched");
    let literal = tx
        .list_meetings(&MeetingFilter {
            text: Some("%".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(literal.total, 0);
});

conformance!(
    register_items_numbered_edited_and_listed,
    |store| async move {
        let seed = seed(&store).await;
        let t = |min| now() + TimeDelta::minutes(min);
        let mut tx = store.begin().await.unwrap();
        let statuses = [
            IssueStatus::Done,
            IssueStatus::InProgress,
            IssueStatus::Open,
            IssueStatus::OnHold,
        ];
        let categories = [
            IssueCategory::Operation,
            IssueCategory::Fault,
            IssueCategory::Security,
        ];
        let mut ids = Vec::new();
        for n in 0..30_usize {
            let item = issue(
                &format!("課題{n:02} 外字運用の見直し"),
                statuses[n % 4],
                categories[n % 3],
            );
            let (id, no) = tx
                .insert_register_item(&item, seed.contractor, t(0))
                .await
                .unwrap();
            assert_eq!(no, n as i64 + 1, "numbered in order");
            ids.push(id);
        }
        let r = tx.get_register_item(ids[0]).await.unwrap().unwrap();
        assert_eq!(r.no, 1);
        assert_eq!(
            r.item,
            issue(
                "課題00 外字運用の見直し",
                IssueStatus::Done,
                IssueCategory::Operation
            )
        );
        assert_eq!(r.version, 1);
        assert_eq!(r.created_by_name, "高橋 SE");
        assert_eq!(r.created_at, t(0));
        assert_eq!(tx.get_register_item(ids[0] + 999).await.unwrap(), None);
        assert_eq!(
            tx.get_register_item_by_no(2).await.unwrap().unwrap().id,
            ids[1]
        );

        // Edit: closes an item, no due date; the number stays.
        let mut closed = r.item.clone();
        closed.status = IssueStatus::Done;
        closed.due = None;
        closed.progress = "4/30 マニュアルを改版し完了。".into();
        closed.completed_on = Some(date(2026, 4, 30));
        let v = tx
            .update_register_item(ids[2], 1, &closed, t(1))
            .await
            .unwrap();
        assert_eq!(v, 2);
        let r = tx.get_register_item(ids[2]).await.unwrap().unwrap();
        assert_eq!((r.no, r.version, r.updated_at), (3, 2, t(1)));
        assert_eq!(r.item, closed);
        assert!(matches!(
            tx.update_register_item(ids[2], 1, &closed, t(2)).await,
            Err(StoreError::Stale { .. })
        ));
        assert!(matches!(
            tx.update_register_item(ids[2] + 999, 1, &closed, t(2))
                .await,
            Err(StoreError::NotFound { .. })
        ));

        // Lists: by number, filtered, paged.
        let all = tx
            .list_register_items(&RegisterFilter {
                limit: 10,
                offset: 5,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(all.total, 30);
        let nos: Vec<i64> = all.items.iter().map(|i| i.no).collect();
        assert_eq!(nos, (6..=15).collect::<Vec<i64>>());
        let done = tx
            .list_register_items(&RegisterFilter {
                statuses: vec![IssueStatus::Done],
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(done.total, 9, "8 done from the start, one closed");
        let sec = tx
            .list_register_items(&RegisterFilter {
                statuses: vec![IssueStatus::Open, IssueStatus::InProgress],
                categories: vec![IssueCategory::Security],
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(
            sec.items
                .iter()
                .all(|i| i.item.category == IssueCategory::Security && i.item.status.is_active())
        );
        assert_eq!(sec.total, 5);
        let text = tx
            .list_register_items(&RegisterFilter {
                text: Some("課題1".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(text.total, 10);
        let progress = tx
            .list_register_items(&RegisterFilter {
                text: Some("マニュアルを改版".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(progress.items.len(), 1);
        assert_eq!(progress.items[0].no, 3);
    }
);

conformance!(
    register_links_to_meetings_and_requests,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let meeting_id = tx
            .insert_meeting(&meeting(15), seed.contractor, now())
            .await
            .unwrap();
        let mut from_meeting = issue("宿題A", IssueStatus::Open, IssueCategory::Operation);
        from_meeting.meeting_id = Some(meeting_id);
        tx.insert_register_item(&from_meeting, seed.contractor, now())
            .await
            .unwrap();
        tx.insert_register_item(
            &issue("無関係", IssueStatus::Open, IssueCategory::Other),
            seed.contractor,
            now(),
        )
        .await
        .unwrap();
        let linked = tx
            .list_register_items(&RegisterFilter {
                meeting_id: Some(meeting_id),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(linked.total, 1);
        assert_eq!(linked.items[0].item.meeting_id, Some(meeting_id));

        let mut dangling = issue("宿題B", IssueStatus::Open, IssueCategory::Operation);
        dangling.request_id = Some(4242);
        let err = tx
            .insert_register_item(&dangling, seed.contractor, now())
            .await
            .unwrap_err();
        assert_eq!(
            err,
            StoreError::Constraint {
                message: "関連付ける依頼 #4242が見つかりません。".into()
            }
        );
    }
);

conformance!(
    plan_sections_are_versioned_never_overwritten,
    |store| async move {
        let seed = seed(&store).await;
        let t = |min| now() + TimeDelta::minutes(min);
        let mut tx = store.begin().await.unwrap();
        assert!(tx.current_plan_sections().await.unwrap().is_empty());
        assert_eq!(
            tx.insert_plan_section_version(
                PlanSection::Monitoring,
                0,
                "監視 v1",
                seed.contractor,
                t(0)
            )
            .await
            .unwrap(),
            1
        );
        tx.insert_plan_section_version(PlanSection::Policy, 0, "方針 v1", seed.contractor, t(1))
            .await
            .unwrap();
        assert_eq!(
            tx.insert_plan_section_version(PlanSection::Monitoring, 1, "監視 v2", seed.chief, t(2))
                .await
                .unwrap(),
            2
        );
        // Someone who read version 1 saves later: refused.
        assert!(matches!(
            tx.insert_plan_section_version(
                PlanSection::Monitoring,
                1,
                "古い版から",
                seed.contractor,
                t(3)
            )
            .await,
            Err(StoreError::Stale { .. })
        ));
        assert!(matches!(
            tx.insert_plan_section_version(
                PlanSection::Policy,
                0,
                "新規のつもり",
                seed.contractor,
                t(3)
            )
            .await,
            Err(StoreError::Stale { .. })
        ));
        let current = tx.current_plan_sections().await.unwrap();
        let got: Vec<(PlanSection, i64, &str)> = current
            .iter()
            .map(|s| (s.section, s.version, s.content.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (PlanSection::Policy, 1, "方針 v1"),
                (PlanSection::Monitoring, 2, "監視 v2"),
            ],
            "document order, newest versions"
        );
        assert_eq!(current[1].edited_by, seed.chief);
        assert_eq!(current[1].edited_by_name, "鈴木 課長");
        assert_eq!(current[1].edited_at, t(2));
        let history = tx
            .plan_section_history(PlanSection::Monitoring)
            .await
            .unwrap();
        let versions: Vec<(i64, &str)> = history
            .iter()
            .map(|s| (s.version, s.content.as_str()))
            .collect();
        assert_eq!(versions, vec![(2, "監視 v2"), (1, "監視 v1")]);
        assert!(
            tx.plan_section_history(PlanSection::AnnualPlan)
                .await
                .unwrap()
                .is_empty()
        );
    }
);
