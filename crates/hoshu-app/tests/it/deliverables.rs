//! Meetings and minutes, the issue register, the operation plan and the contract data through
//! the use cases, on SQLite and PostgreSQL: policy, stale updates, overdue minutes, action
//! items becoming register items, plan versions and the audit trail.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use hoshu_app::{ErrorCode, Hoshu, MeetingListQuery, RegisterListQuery};
use hoshu_core::contract::ContractInfo;
use hoshu_core::meeting::{
    ActionItem, Attendee, MeetingKind, MinutesAction, MinutesStatus, NewMeeting, Side,
};
use hoshu_core::plan::PlanSection;
use hoshu_core::register::{IssueCategory, IssueInput, IssuePriority, IssueStatus};

use crate::common;

use common::{both, jst};

fn start() -> DateTime<Utc> {
    jst(2026, 4, 10, 9, 30)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(crate) fn meeting(day: u32, actions: &[&str]) -> NewMeeting {
    NewMeeting {
        kind: MeetingKind::Regular,
        title: format!("4月{day}日 定例会議"),
        starts_at: jst(2026, 4, day, 14, 0),
        ends_at: jst(2026, 4, day, 15, 0),
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
                title: "業務責任者".into(),
                name: "小川 健".into(),
                present: true,
            },
        ],
        handouts: vec!["資料1 運用状況報告".into()],
        agenda: vec!["運用状況".into()],
        discussion: "3月の運用状況を報告した。".into(),
        decisions: vec!["帳票改善は次回リリースで対応する。".into()],
        action_items: actions
            .iter()
            .map(|a| ActionItem {
                description: (*a).into(),
                owner: "小川 健".into(),
                due: date(2026, 4, 30),
            })
            .collect(),
        next_meeting: None,
    }
}

fn issue(title: &str) -> IssueInput {
    IssueInput {
        raised_on: date(2026, 4, 10),
        raised_by: "岡本 誠".into(),
        category: IssueCategory::LawRevision,
        title: title.into(),
        content: "令和8年度制度改正への対応方針を決める。".into(),
        priority: IssuePriority::High,
        owner: "大西 亮".into(),
        due: Some(date(2026, 6, 30)),
        status: IssueStatus::Open,
        progress: String::new(),
        completed_on: None,
        meeting_id: None,
        request_id: None,
    }
}

async fn audit_actions(hoshu: &Hoshu) -> Vec<(String, String, String)> {
    let mut tx = hoshu.store().begin_read().await.unwrap();
    tx.audit_entries(0, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.target, e.summary))
        .collect()
}

both!(
    only_the_contractor_records_and_only_the_chief_approves,
    |d| {
        let h = &d.hoshu;
        for s in [&d.staff, &d.chief, &d.admin] {
            let err = h.record_meeting(s, meeting(8, &[])).await.unwrap_err();
            assert_eq!(err.code, ErrorCode::Forbidden);
        }
        let m = h
            .record_meeting(&d.contractor, meeting(8, &[]))
            .await
            .unwrap();
        for s in [&d.staff, &d.admin] {
            let err = h
                .list_meetings(s, MeetingListQuery::default())
                .await
                .unwrap_err();
            assert_eq!(
                err.code,
                ErrorCode::Forbidden,
                "staff and admin see no meetings"
            );
            assert_eq!(
                h.meeting_detail(s, m.id).await.unwrap_err().code,
                ErrorCode::Forbidden
            );
        }
        // The chief cannot submit; the contractor submits.
        let err = h
            .minutes_step(&d.chief, m.id, 1, MinutesAction::Submit, "")
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        let v = h
            .minutes_step(&d.contractor, m.id, 1, MinutesAction::Submit, "")
            .await
            .unwrap();
        // Only the chief approves or returns.
        for s in [&d.contractor, &d.staff, &d.admin] {
            let err = h
                .minutes_step(s, m.id, v, MinutesAction::Approve, "")
                .await
                .unwrap_err();
            assert_eq!(err.code, ErrorCode::Forbidden);
        }
        let detail = h.meeting_detail(&d.chief, m.id).await.unwrap();
        assert_eq!(
            detail.allowed_actions,
            vec![MinutesAction::Approve, MinutesAction::Return]
        );
        assert!(!detail.can_edit);
        // A return must say why.
        let err = h
            .minutes_step(&d.chief, m.id, v, MinutesAction::Return, " ")
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert_eq!(err.fields[0].field, "comment");
        let v = h
            .minutes_step(
                &d.chief,
                m.id,
                v,
                MinutesAction::Return,
                "決定事項の主語を明確に。",
            )
            .await
            .unwrap();
        let detail = h.meeting_detail(&d.contractor, m.id).await.unwrap();
        assert_eq!(detail.meeting.minutes_status, MinutesStatus::Returned);
        assert!(detail.can_edit);
        assert_eq!(detail.allowed_actions, vec![MinutesAction::Submit]);
        let v = h
            .update_meeting(&d.contractor, m.id, v, meeting(8, &[]))
            .await
            .unwrap();
        let v = h
            .minutes_step(&d.contractor, m.id, v, MinutesAction::Submit, "")
            .await
            .unwrap();
        h.minutes_step(&d.chief, m.id, v, MinutesAction::Approve, "承認します。")
            .await
            .unwrap();
        let detail = h.meeting_detail(&d.chief, m.id).await.unwrap();
        assert_eq!(detail.meeting.minutes_status, MinutesStatus::Approved);
        let decision = detail.meeting.decision.unwrap();
        assert_eq!(decision.action, MinutesAction::Approve);
        assert_eq!(decision.decided_by_name, "chief 氏名");
        assert!(detail.allowed_actions.is_empty());
        // Approved minutes are final: no edit, no second decision.
        let err = h
            .update_meeting(&d.contractor, m.id, detail.meeting.version, meeting(8, &[]))
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidTransition);
        let err = h
            .minutes_step(
                &d.chief,
                m.id,
                detail.meeting.version,
                MinutesAction::Return,
                "やはり差戻し",
            )
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidTransition);

        let actions: Vec<String> = audit_actions(h)
            .await
            .into_iter()
            .filter(|(_, t, _)| t == &format!("meeting:{}", m.id))
            .map(|(a, _, _)| a)
            .collect();
        assert_eq!(
            actions,
            vec![
                "meeting.record",
                "minutes.submit",
                "minutes.return",
                "meeting.edit",
                "minutes.submit",
                "minutes.approve"
            ]
        );
    }
);

both!(stale_updates_are_refused, |d| {
    let h = &d.hoshu;
    let m = h
        .record_meeting(&d.contractor, meeting(8, &[]))
        .await
        .unwrap();
    h.update_meeting(&d.contractor, m.id, 1, meeting(8, &[]))
        .await
        .unwrap();
    let err = h
        .update_meeting(&d.contractor, m.id, 1, meeting(8, &[]))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Stale);
    let err = h
        .minutes_step(&d.contractor, m.id, 1, MinutesAction::Submit, "")
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Stale);

    let item = h
        .add_register_item(&d.chief, issue("制度改正対応方針の決定"))
        .await
        .unwrap();
    let mut edited = issue("制度改正対応方針の決定");
    edited.status = IssueStatus::InProgress;
    h.update_register_item(&d.contractor, item.id, 1, edited.clone())
        .await
        .unwrap();
    let err = h
        .update_register_item(&d.chief, item.id, 1, edited)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Stale);
    assert!(err.message.contains("課題No.1"), "{}", err.message);
    let err = h
        .close_register_item(&d.chief, item.id, 1, date(2026, 4, 20), "対応済み")
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Stale);
});

both!(overdue_minutes_are_flagged, |d| {
    let h = &d.hoshu;
    // Held Wed 4/1 → due Wed 4/8; held Wed 4/8 → due Wed 4/15.
    let early = h
        .record_meeting(&d.contractor, meeting(1, &[]))
        .await
        .unwrap();
    let late_submitted = h
        .record_meeting(&d.contractor, meeting(2, &[]))
        .await
        .unwrap();
    let recent = h
        .record_meeting(&d.contractor, meeting(8, &[]))
        .await
        .unwrap();
    h.minutes_step(
        &d.contractor,
        late_submitted.id,
        1,
        MinutesAction::Submit,
        "",
    )
    .await
    .unwrap();
    d.clock.set(jst(2026, 4, 10, 9, 30));
    let page = h
        .list_meetings(&d.chief, MeetingListQuery::default())
        .await
        .unwrap();
    assert_eq!(page.total, 3);
    let flags: Vec<(i64, NaiveDate, bool)> = page
        .items
        .iter()
        .map(|m| (m.meeting.id, m.minutes_due, m.overdue))
        .collect();
    assert_eq!(
        flags,
        vec![
            (recent.id, date(2026, 4, 15), false),
            (late_submitted.id, date(2026, 4, 9), false),
            (early.id, date(2026, 4, 8), true),
        ]
    );
    assert!(h.meeting_detail(&d.chief, early.id).await.unwrap().overdue);
    // The due day itself is still in time; the day after is late.
    d.clock.set(jst(2026, 4, 15, 23, 59));
    assert!(!h.meeting_detail(&d.chief, recent.id).await.unwrap().overdue);
    d.clock.advance(TimeDelta::minutes(2));
    assert!(h.meeting_detail(&d.chief, recent.id).await.unwrap().overdue);
    // Filter and page.
    let page = h
        .list_meetings(
            &d.contractor,
            MeetingListQuery {
                statuses: vec![MinutesStatus::Draft],
                per_page: 1,
                page: 2,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(page.items[0].meeting.id, early.id);
});

both!(action_items_become_register_items, |d| {
    let h = &d.hoshu;
    h.add_register_item(&d.contractor, issue("既存の課題"))
        .await
        .unwrap();
    let m = h
        .record_meeting(
            &d.contractor,
            meeting(8, &["帳票改善案の作成", "外字運用ルールの整理"]),
        )
        .await
        .unwrap();
    let nos: Vec<i64> = m.register_items.iter().map(|r| r.no).collect();
    assert_eq!(nos, vec![2, 3]);
    let item = h
        .register_item(&d.chief, m.register_items[0].id)
        .await
        .unwrap();
    assert_eq!(item.item.title, "帳票改善案の作成");
    assert_eq!(item.item.meeting_id, Some(m.id));
    assert_eq!(item.item.owner, "小川 健");
    assert_eq!(item.item.due, Some(date(2026, 4, 30)));
    assert_eq!(item.item.raised_on, date(2026, 4, 8));
    assert_eq!(item.item.status, IssueStatus::Open);
    assert!(item.item.content.contains("4月8日 定例会議"));
    let detail = h.meeting_detail(&d.contractor, m.id).await.unwrap();
    let links: Vec<Option<i64>> = detail
        .meeting
        .action_item_links
        .iter()
        .map(|l| l.map(|l| l.no))
        .collect();
    assert_eq!(links, vec![Some(2), Some(3)]);

    // Editing keeps unchanged items' links and adds register items for new ones only.
    h.update_meeting(
        &d.contractor,
        m.id,
        detail.meeting.version,
        meeting(8, &["外字運用ルールの整理", "バッチ遅延の原因調査"]),
    )
    .await
    .unwrap();
    let detail = h.meeting_detail(&d.contractor, m.id).await.unwrap();
    let links: Vec<Option<i64>> = detail
        .meeting
        .action_item_links
        .iter()
        .map(|l| l.map(|l| l.no))
        .collect();
    assert_eq!(links, vec![Some(3), Some(4)]);
    let from_meeting = h
        .list_register(
            &d.chief,
            RegisterListQuery {
                meeting_id: Some(m.id),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        from_meeting.total, 3,
        "the dropped item stays on the register"
    );

    // A meeting whose action item is invalid writes nothing at all.
    let mut bad = meeting(9, &["期限が過去"]);
    bad.action_items[0].due = date(2026, 4, 1);
    let err = h.record_meeting(&d.contractor, bad).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(err.fields[0].field, "action_items");
    let all = h
        .list_register(&d.chief, RegisterListQuery::default())
        .await
        .unwrap();
    assert_eq!(all.total, 4);
    let audit = audit_actions(h).await;
    let record = audit
        .iter()
        .find(|(a, _, _)| a == "meeting.record")
        .unwrap();
    assert_eq!(
        record.2,
        "定例会議を記録（出席2名・欠席0名、議題1件、決定事項1件、宿題2件→課題No.2〜3）"
    );
});

both!(register_policy_validation_and_closing, |d| {
    let h = &d.hoshu;
    for s in [&d.staff, &d.admin] {
        assert_eq!(
            h.add_register_item(s, issue("x")).await.unwrap_err().code,
            ErrorCode::Forbidden
        );
        assert_eq!(
            h.list_register(s, RegisterListQuery::default())
                .await
                .unwrap_err()
                .code,
            ErrorCode::Forbidden
        );
    }
    let mut bad = issue("期限が起票日より前");
    bad.due = Some(date(2026, 4, 1));
    let err = h.add_register_item(&d.chief, bad).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(err.fields[0].field, "due");
    let mut dangling = issue("存在しない会議");
    dangling.meeting_id = Some(999);
    let err = h.add_register_item(&d.chief, dangling).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert_eq!(
        err.message,
        "入力内容を確認してください。関連付ける会議 #999 が見つかりません。"
    );

    let a = h
        .add_register_item(&d.chief, issue("セキュリティパッチ適用方針"))
        .await
        .unwrap();
    let b = h
        .add_register_item(&d.contractor, issue("バッチ遅延"))
        .await
        .unwrap();
    assert_eq!((a.no, b.no), (1, 2));
    let mut with_progress = issue("セキュリティパッチ適用方針");
    with_progress.status = IssueStatus::InProgress;
    with_progress.progress = "4/12 適用方針案を作成。".into();
    let v = h
        .update_register_item(&d.contractor, a.id, 1, with_progress)
        .await
        .unwrap();
    let v = h
        .close_register_item(
            &d.chief,
            a.id,
            v,
            date(2026, 4, 20),
            "4/20 定例会議で承認。",
        )
        .await
        .unwrap();
    let closed = h.register_item(&d.chief, a.id).await.unwrap();
    assert_eq!(closed.version, v);
    assert_eq!(closed.item.status, IssueStatus::Done);
    assert_eq!(closed.item.completed_on, Some(date(2026, 4, 20)));
    assert_eq!(
        closed.item.progress,
        "4/12 適用方針案を作成。\n4/20 定例会議で承認。"
    );
    let err = h
        .close_register_item(&d.chief, a.id, v, date(2026, 4, 21), "")
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidTransition);
    // Closing before it was raised is refused by the rules.
    let err = h
        .close_register_item(&d.chief, b.id, 1, date(2026, 4, 1), "対応済み")
        .await
        .unwrap_err();
    assert_eq!(err.fields[0].field, "completed_on");

    let done = h
        .list_register(
            &d.contractor,
            RegisterListQuery {
                statuses: vec![IssueStatus::Done],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(done.total, 1);
    let text = h
        .list_register(
            &d.contractor,
            RegisterListQuery {
                text: Some("バッチ".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(text.items.len(), 1);
    assert_eq!(text.items[0].no, 2);

    let audit = audit_actions(h).await;
    let register: Vec<(&str, &str)> = audit
        .iter()
        .filter(|(a, _, _)| a.starts_with("register."))
        .map(|(a, _, s)| (a.as_str(), s.as_str()))
        .collect();
    assert_eq!(
        register,
        vec![
            (
                "register.add",
                "課題No.1を起票（分類 制度改正、優先度 高、状態 未着手）"
            ),
            (
                "register.add",
                "課題No.2を起票（分類 制度改正、優先度 高、状態 未着手）"
            ),
            ("register.edit", "課題No.1を更新（状態 未着手→対応中）"),
            ("register.close", "課題No.1を更新（状態 対応中→完了）"),
        ],
        "summaries carry numbers and statuses, never content"
    );
});

both!(plan_sections_are_versioned, |d| {
    let h = &d.hoshu;
    let plan = h.operation_plan(&d.chief).await.unwrap();
    assert_eq!(plan.len(), 9);
    assert!(plan.iter().all(|s| s.current.is_none() && s.version() == 0));
    assert_eq!(
        h.save_plan_section(&d.chief, PlanSection::Policy, 0, "方針")
            .await
            .unwrap_err()
            .code,
        ErrorCode::Forbidden,
        "the contractor writes the plan"
    );
    assert_eq!(
        h.operation_plan(&d.staff).await.unwrap_err().code,
        ErrorCode::Forbidden
    );
    let v1 = h
        .save_plan_section(
            &d.contractor,
            PlanSection::Monitoring,
            0,
            "死活監視を5分間隔で行う。",
        )
        .await
        .unwrap();
    d.clock.advance(TimeDelta::minutes(5));
    let v2 = h
        .save_plan_section(
            &d.contractor,
            PlanSection::Monitoring,
            v1,
            "死活監視を1分間隔で行う。",
        )
        .await
        .unwrap();
    assert_eq!((v1, v2), (1, 2));
    let err = h
        .save_plan_section(&d.contractor, PlanSection::Monitoring, v1, "古い版から")
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Stale);
    let err = h
        .save_plan_section(&d.contractor, PlanSection::Monitoring, v2, " ")
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    let plan = h.operation_plan(&d.chief).await.unwrap();
    let monitoring = &plan[3];
    assert_eq!(monitoring.section, PlanSection::Monitoring);
    assert_eq!(monitoring.number, 4);
    assert_eq!(monitoring.version(), 2);
    assert_eq!(
        monitoring.current.as_ref().unwrap().content,
        "死活監視を1分間隔で行う。"
    );
    let history = h
        .plan_section_history(&d.chief, PlanSection::Monitoring)
        .await
        .unwrap();
    let contents: Vec<&str> = history.iter().map(|v| v.content.as_str()).collect();
    assert_eq!(
        contents,
        vec!["死活監視を1分間隔で行う。", "死活監視を5分間隔で行う。"]
    );
    assert_eq!(
        history[0].edited_at - history[1].edited_at,
        TimeDelta::minutes(5)
    );
    assert!(
        audit_actions(h)
            .await
            .iter()
            .any(|(a, t, s)| a == "plan.save"
                && t == "plan:monitoring"
                && s == "計画書「監視」を保存（第2版、13文字）")
    );
});

both!(contract_info_defaults_and_saving, |d| {
    let h = &d.hoshu;
    let c = h.contract_info(&d.chief).await.unwrap();
    assert_eq!(c, ContractInfo::default());
    assert_eq!(h.contract_info(&d.admin).await.unwrap(), c);
    assert_eq!(
        h.contract_info(&d.staff).await.unwrap_err().code,
        ErrorCode::Forbidden
    );
    // The default lacks the contractor: saving it as is names the field.
    let err = h
        .save_contract_info(&d.contractor, c.clone())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.fields.iter().any(|f| f.field == "contractor_name"));
    let filled = ContractInfo {
        contractor_name: "株式会社吉備情報システム".into(),
        contractor_responsible: "小川 健".into(),
        contract_number: "岡保第123号".into(),
        contractor_address: "岡山市北区磨屋町3番10号".into(),
        contractor_representative: "代表取締役　吉備 正和".into(),
        signed_on: NaiveDate::from_ymd_opt(2026, 3, 25),
        report_recipients: vec!["hogo@city.example.lg.jp".into()],
        ..c
    };
    for s in [&d.chief, &d.staff] {
        assert_eq!(
            h.save_contract_info(s, filled.clone())
                .await
                .unwrap_err()
                .code,
            ErrorCode::Forbidden
        );
    }
    h.save_contract_info(&d.contractor, filled.clone())
        .await
        .unwrap();
    assert_eq!(h.contract_info(&d.chief).await.unwrap(), filled);
    let by_admin = ContractInfo {
        contractor_deputy: "内田 恵".into(),
        ..filled
    };
    h.save_contract_info(&d.admin, by_admin.clone())
        .await
        .unwrap();
    assert_eq!(h.contract_info(&d.contractor).await.unwrap(), by_admin);
    let saves = audit_actions(h)
        .await
        .into_iter()
        .filter(|(a, _, _)| a == "contract.save")
        .count();
    assert_eq!(saves, 2);
});
