//! The use cases on both databases: policy, office isolation, transactions, stale updates,
//! lockout, the change lifecycle and the audit chain — all through the public API.

use chrono::{DateTime, TimeDelta, Utc};
use hoshu_app::ClashAcknowledgement::{self, Unacknowledged};
use hoshu_app::{
    BulkExport, ChangeListQuery, ErrorCode, FiledAttachment, Hoshu, LogoutReason, RequestListQuery,
    TransitionInput, VersionedAccount,
};
use hoshu_core::Role;
use hoshu_core::change::{
    ChangeAction, ChangeKind, ChangeOutcome, ChangeProposal, ChangeResult, ChangeStatus, Conflict,
    OutageReason, ReleaseKind,
};
use hoshu_core::request::{NewRequest, RequestAction, RequestKind, RequestStatus, WorkSubKind};
use hoshu_core::request_details::{ExtensionAsk, RequestDetails, Urgency};
use hoshu_store::Backend;
use hoshu_store::testing::TestDatabase;

use crate::common;

use common::{Desk, PASSWORD, both, jst};

fn start() -> DateTime<Utc> {
    jst(2026, 4, 10, 9, 30)
}

fn inquiry(office: &str, title: &str) -> NewRequest {
    NewRequest {
        kind: RequestKind::Inquiry,
        work_sub_kind: None,
        office: office.into(),
        title: title.into(),
        body: "画面の操作方法を教えてください。".into(),
        details: Default::default(),
    }
}

fn outage(start: DateTime<Utc>, hours: i64) -> ChangeProposal {
    ChangeProposal {
        kind: ChangeKind::PlannedOutage,
        outage_reason: Some(OutageReason::SecurityPatch),
        release_kind: None,
        title: "セキュリティパッチ適用".into(),
        description: "OSのセキュリティパッチを適用する。".into(),
        window_start: start,
        window_end: start + TimeDelta::hours(hours),
        affected_systems: "本番環境".into(),
        affected_offices: vec![],
        impact: "停止中は利用不可".into(),
        rollback_plan: "スナップショットから復元".into(),
        test_verification: None,
        instruction_ref: None,
    }
}

async fn version_of(d: &Desk, id: i64) -> i64 {
    d.hoshu
        .request_detail(&d.contractor, id)
        .await
        .unwrap()
        .request
        .version
}

both!(inquiry_is_answered_and_closed, |d| {
    let id = d
        .hoshu
        .file_request(&d.staff, inquiry("kita_chuo", "医療券の再発行について"))
        .await
        .unwrap();
    d.clock.advance(TimeDelta::minutes(20));
    let v = version_of(&d, id).await;
    let step = |action, v, text: &str| TransitionInput {
        action,
        expected_version: v,
        text: text.into(),
    };
    let v = d
        .hoshu
        .transition_request(&d.contractor, id, step(RequestAction::Start, v, ""))
        .await
        .unwrap();
    let v = d
        .hoshu
        .transition_request(
            &d.contractor,
            id,
            step(
                RequestAction::Answer,
                v,
                "医療券発行画面の「再発行」から行えます。",
            ),
        )
        .await
        .unwrap();
    let detail = d.hoshu.request_detail(&d.staff, id).await.unwrap();
    assert_eq!(detail.request.status, RequestStatus::Answered);
    assert_eq!(
        detail.request.answer.as_deref(),
        Some("医療券発行画面の「再発行」から行えます。")
    );
    assert_eq!(
        detail.allowed_actions,
        vec![RequestAction::Close, RequestAction::SendBack]
    );
    assert_eq!(
        detail.request.assignee_id,
        Some(d.contractor.actor.account_id)
    );
    d.hoshu
        .transition_request(&d.staff, id, step(RequestAction::Close, v, ""))
        .await
        .unwrap();
    let detail = d.hoshu.request_detail(&d.staff, id).await.unwrap();
    assert_eq!(detail.request.status, RequestStatus::Closed);
    let statuses: Vec<_> = detail.history.iter().filter_map(|e| e.to_status).collect();
    assert_eq!(
        statuses,
        vec![
            RequestStatus::Received,
            RequestStatus::InProgress,
            RequestStatus::Answered,
            RequestStatus::Closed
        ]
    );
    assert!(d.hoshu.verify_audit().await.unwrap().is_ok());
});

both!(staff_see_and_change_nothing_of_another_office, |d| {
    let mine = d
        .hoshu
        .file_request(&d.staff, inquiry("kita_chuo", "北区中央の依頼"))
        .await
        .unwrap();
    let theirs = d
        .hoshu
        .file_request(&d.staff_naka, inquiry("naka", "中区の依頼"))
        .await
        .unwrap();
    let page = d
        .hoshu
        .list_requests(&d.staff, RequestListQuery::default())
        .await
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].request.id, mine);
    let forbidden = |r: Result<_, hoshu_app::AppError>| {
        assert_eq!(r.err().map(|e| e.code), Some(ErrorCode::Forbidden));
    };
    forbidden(
        d.hoshu
            .list_requests(
                &d.staff,
                RequestListQuery {
                    office: Some("naka".into()),
                    ..Default::default()
                },
            )
            .await
            .map(|_| ()),
    );
    forbidden(d.hoshu.request_detail(&d.staff, theirs).await.map(|_| ()));
    forbidden(
        d.hoshu
            .comment_on_request(&d.staff, theirs, "見えるはずのないコメント")
            .await
            .map(|_| ()),
    );
    forbidden(
        d.hoshu
            .attach_to_request(&d.staff, theirs, "a.txt", b"x")
            .await
            .map(|_| ()),
    );
    forbidden(
        d.hoshu
            .transition_request(
                &d.staff,
                theirs,
                TransitionInput {
                    action: RequestAction::Withdraw,
                    expected_version: 1,
                    text: String::new(),
                },
            )
            .await
            .map(|_| ()),
    );
    forbidden(
        d.hoshu
            .file_request(&d.staff, inquiry("naka", "他所属への起票"))
            .await
            .map(|_| ()),
    );
    // The contractor and the chief see both offices; the administrator sees no content.
    let all = d
        .hoshu
        .list_requests(&d.chief, RequestListQuery::default())
        .await
        .unwrap();
    assert_eq!(all.total, 2);
    forbidden(
        d.hoshu
            .list_requests(&d.admin, RequestListQuery::default())
            .await
            .map(|_| ()),
    );
    forbidden(d.hoshu.request_detail(&d.admin, mine).await.map(|_| ()));
    // Nothing of theirs changed.
    let theirs_now = d.hoshu.request_detail(&d.staff_naka, theirs).await.unwrap();
    assert_eq!(theirs_now.request.status, RequestStatus::Received);
    assert!(theirs_now.comments.is_empty() && theirs_now.attachments.is_empty());
});

both!(stale_update_is_refused_and_changes_nothing, |d| {
    let id = d
        .hoshu
        .file_request(&d.staff, inquiry("kita_chuo", "同時更新の確認"))
        .await
        .unwrap();
    let seen = version_of(&d, id).await;
    d.hoshu
        .transition_request(
            &d.contractor,
            id,
            TransitionInput {
                action: RequestAction::Answer,
                expected_version: seen,
                text: "先に回答しました。".into(),
            },
        )
        .await
        .unwrap();
    let err = d
        .hoshu
        .transition_request(
            &d.staff,
            id,
            TransitionInput {
                action: RequestAction::Withdraw,
                expected_version: seen,
                text: String::new(),
            },
        )
        .await
        .unwrap_err();
    // The status machine refuses too (answered cannot be withdrawn); a stale version is
    // checked first so the user learns someone else acted.
    assert_eq!(err.code, ErrorCode::Stale, "{err}");
    assert!(err.message.contains("他の人が更新しました"));
    let err = d
        .hoshu
        .assign_request(&d.contractor, id, seen, Some(d.contractor.actor.account_id))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Stale);
    let detail = d.hoshu.request_detail(&d.staff, id).await.unwrap();
    assert_eq!(detail.request.status, RequestStatus::Answered);
    assert_eq!(detail.request.answer.as_deref(), Some("先に回答しました。"));
});

both!(invalid_input_names_the_field_and_saves_nothing, |d| {
    let store = d.hoshu.store().clone();
    let head_before = store.begin().await.unwrap().audit_head().await.unwrap();
    let mut bad = inquiry("kita_chuo", "  ");
    bad.kind = RequestKind::Work;
    let err = d.hoshu.file_request(&d.staff, bad).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    let fields: Vec<_> = err.fields.iter().map(|f| f.field).collect();
    assert_eq!(fields, vec!["title", "work_sub_kind"]);
    assert_eq!(err.fields[0].message, "件名を入力してください。");
    let mut tx = store.begin().await.unwrap();
    assert_eq!(tx.count_requests().await.unwrap(), 0);
    assert_eq!(tx.audit_head().await.unwrap(), head_before);
    drop(tx);
    // A valid work request with its sub-kind goes through.
    let mut ok = inquiry("kita_chuo", "外字の登録");
    ok.kind = RequestKind::Work;
    ok.work_sub_kind = Some(WorkSubKind::Gaiji);
    d.hoshu.file_request(&d.staff, ok).await.unwrap();
});

both!(five_failed_logins_lock_the_account, |d| {
    for i in 1..=4 {
        let err = d
            .hoshu
            .login("staff01", "wrong-password")
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::AuthFailed, "attempt {i}");
        assert_eq!(
            err.message,
            "ログインIDまたはパスワードが正しくありません。"
        );
    }
    let err = d
        .hoshu
        .login("staff01", "wrong-password")
        .await
        .unwrap_err();
    let wrong = (err.code, err.message);
    // Even the right password is refused while locked, with the same answer as a wrong one
    // (the answer does not tell someone guessing that they have locked the account).
    let err = d.hoshu.login("staff01", PASSWORD).await.unwrap_err();
    assert_eq!((err.code, err.message), wrong);
    assert_eq!(wrong.0, ErrorCode::AuthFailed);
    let locked = d.hoshu.accounts(&d.admin).await.unwrap();
    let staff = locked.iter().find(|a| a.login == "staff01").unwrap();
    assert!(
        staff.locked_until.is_some(),
        "the administrator sees the lock"
    );
    // The lock lifts after the configured minutes.
    d.clock.advance(TimeDelta::minutes(31));
    d.hoshu.login("staff01", PASSWORD).await.unwrap();
    // An unknown ID answers exactly like a wrong password.
    let err = d.hoshu.login("nobody", PASSWORD).await.unwrap_err();
    assert_eq!(
        err.message,
        "ログインIDまたはパスワードが正しくありません。"
    );
    let mut tx = d.hoshu.store().begin().await.unwrap();
    let month = tx
        .login_counts_by_month(jst(2026, 4, 1, 0, 0), jst(2026, 5, 1, 0, 0))
        .await
        .unwrap();
    // admin, four accounts in set-up (their first log-in and their own), and the one after
    // the lock lifted.
    assert_eq!(month, vec![(2026, 4, 10)]);
});

both!(
    a_lock_holds_at_the_terminal_where_the_passwords_were_wrong,
    |d| {
        // Someone at another desk types the chief's ID five times with wrong passwords.
        for _ in 0..5 {
            let err = d
                .hoshu
                .start_session("chief", "wrong-password", "192.0.2.66")
                .await
                .unwrap_err();
            assert_eq!(err.code, ErrorCode::AuthFailed);
        }
        let refused = d
            .hoshu
            .start_session("chief", PASSWORD, "192.0.2.66")
            .await
            .unwrap_err();
        assert_eq!(
            refused.code,
            ErrorCode::AuthFailed,
            "locked at that terminal"
        );
        // The chief at their own terminal is not locked out.
        d.hoshu
            .start_session("chief", PASSWORD, "192.0.2.10")
            .await
            .unwrap();
        let chief = d
            .hoshu
            .accounts(&d.admin)
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.login == "chief")
            .unwrap();
        assert!(
            chief.locked_until.is_some(),
            "the administrator still sees the lock held at the other terminal"
        );
        let err = d
            .hoshu
            .start_session("chief", PASSWORD, "192.0.2.66")
            .await
            .unwrap_err();
        assert_eq!(
            err.code,
            ErrorCode::AuthFailed,
            "a success elsewhere lifts nothing here"
        );
        let mut tx = d.hoshu.store().begin_read().await.unwrap();
        let entries = tx.audit_entries(0, 10_000).await.unwrap();
        assert!(
            entries.iter().any(|e| e.summary
                == "パスワード誤り5回目によりこの端末でアカウントをロック（端末 192.0.2.66）"),
            "the audit log names the terminal"
        );
        tx.rollback().await.unwrap();
        // The lock lifts after the set minutes.
        d.clock.advance(TimeDelta::minutes(31));
        d.hoshu
            .start_session("chief", PASSWORD, "192.0.2.66")
            .await
            .unwrap();
    }
);

both!(
    only_an_administrator_moves_a_terminal_to_another_database,
    |d| {
        let target = "postgres://hoshu_desk:***@db.example.lg.jp/hoshu?sslmode=verify-full";
        for s in [&d.staff, &d.chief, &d.contractor] {
            let err = d.hoshu.record_database_switch(s, target).await.unwrap_err();
            assert_eq!(err.code, ErrorCode::Forbidden);
        }
        d.hoshu
            .record_database_switch(&d.admin, target)
            .await
            .unwrap();
        let mut tx = d.hoshu.store().begin_read().await.unwrap();
        let switches: Vec<_> = tx
            .audit_entries(0, 1000)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "database.switch")
            .map(|e| (e.actor, e.summary))
            .collect();
        assert_eq!(
            switches,
            vec![(
                "admin".to_owned(),
                format!("端末の接続先を {target} に切り替え")
            )]
        );
    }
);

both!(disabled_account_stops_at_once, |d| {
    let accounts = d.hoshu.accounts(&d.admin).await.unwrap();
    let staff = accounts.iter().find(|a| a.login == "staff01").unwrap();
    d.hoshu
        .update_account(
            &d.admin,
            staff.id,
            hoshu_app::AccountUpdateInput {
                expected_version: staff.version,
                display_name: staff.display_name.clone(),
                role: Role::Staff,
                office: "kita_chuo".into(),
                disabled: true,
            },
        )
        .await
        .unwrap();
    let err = d
        .hoshu
        .list_requests(&d.staff, RequestListQuery::default())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::AuthFailed);
    assert_eq!(
        d.hoshu.login("staff01", PASSWORD).await.unwrap_err().code,
        ErrorCode::AuthFailed
    );
    // Only the administrator manages accounts.
    assert_eq!(
        d.hoshu.accounts(&d.chief).await.unwrap_err().code,
        ErrorCode::Forbidden
    );
    d.hoshu.logout(&d.chief, LogoutReason::Idle).await.unwrap();
});

both!(
    outage_is_approved_with_conflicts_and_noticed_by_staff,
    |d| {
        // Monday 2026-04-13 18:00–21:00 overlaps service hours 18:00–19:00.
        let start = jst(2026, 4, 13, 18, 0);
        let id = d
            .hoshu
            .propose_change(&d.contractor, outage(start, 3))
            .await
            .unwrap();
        let other = d
            .hoshu
            .propose_change(&d.contractor, outage(start + TimeDelta::hours(2), 2))
            .await
            .unwrap();
        let v = d
            .hoshu
            .decide_change(
                &d.contractor,
                other,
                1,
                ChangeAction::Submit,
                "",
                Unacknowledged,
            )
            .await
            .unwrap();
        assert_eq!(v, 2);
        let v = d
            .hoshu
            .decide_change(
                &d.contractor,
                id,
                1,
                ChangeAction::Submit,
                "",
                Unacknowledged,
            )
            .await
            .unwrap();
        // Staff cannot approve, nor see the submitted change.
        let err = d
            .hoshu
            .decide_change(&d.staff, id, v, ChangeAction::Approve, "", Unacknowledged)
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        assert_eq!(
            d.hoshu.change_detail(&d.staff, id).await.unwrap_err().code,
            ErrorCode::Forbidden
        );
        let detail = d.hoshu.change_detail(&d.chief, id).await.unwrap();
        assert_eq!(
            detail.allowed_actions,
            vec![
                ChangeAction::Approve,
                ChangeAction::Reject,
                ChangeAction::SendBack
            ]
        );
        assert!(matches!(detail.conflicts[0], Conflict::ServiceHours { .. }));
        assert!(
            matches!(detail.conflicts[1], Conflict::OtherChange { id: o, .. } if o == other),
            "{:?}",
            detail.conflicts
        );
        assert_eq!(detail.conflict_messages.len(), 2);
        // A rejection needs a reason.
        let err = d
            .hoshu
            .decide_change(&d.chief, id, v, ChangeAction::Reject, " ", Unacknowledged)
            .await
            .unwrap_err();
        assert_eq!(err.fields[0].field, "comment");
        // Approving while the conflicts show needs them acknowledged, on the server too.
        let err = d
            .hoshu
            .decide_change(
                &d.chief,
                id,
                v,
                ChangeAction::Approve,
                "承認",
                Unacknowledged,
            )
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert_eq!(err.fields[0].field, "acknowledge");
        assert!(
            err.fields[0].message.contains("競合が2件"),
            "{}",
            err.fields[0].message
        );
        d.hoshu
            .decide_change(
                &d.chief,
                id,
                v,
                ChangeAction::Approve,
                "影響を周知のうえ承認",
                ClashAcknowledgement::Acknowledged,
            )
            .await
            .unwrap();
        let notices = d.hoshu.upcoming_outages(&d.staff, 30).await.unwrap();
        assert_eq!(notices.iter().map(|c| c.id).collect::<Vec<_>>(), vec![id]);
        let listed = d
            .hoshu
            .list_changes(&d.staff, ChangeListQuery::default())
            .await
            .unwrap();
        assert!(listed.iter().all(|c| c.status == ChangeStatus::Approved));
    }
);

both!(nothing_is_done_without_approval, |d| {
    let start = jst(2026, 4, 12, 8, 0);
    let id = d
        .hoshu
        .propose_change(&d.contractor, outage(start, 2))
        .await
        .unwrap();
    let v = d
        .hoshu
        .decide_change(
            &d.contractor,
            id,
            1,
            ChangeAction::Submit,
            "",
            Unacknowledged,
        )
        .await
        .unwrap();
    let result = ChangeResult {
        outcome: ChangeOutcome::Succeeded,
        executed_start: start,
        executed_end: start + TimeDelta::hours(1),
        notes: "完了".into(),
    };
    d.clock.set(jst(2026, 4, 12, 11, 0));
    let err = d
        .hoshu
        .complete_change(&d.contractor, id, v, result.clone())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidTransition);
    d.clock.set(jst(2026, 4, 10, 10, 0));
    let v = d
        .hoshu
        .decide_change(&d.chief, id, v, ChangeAction::Approve, "", Unacknowledged)
        .await
        .unwrap();
    d.clock.set(jst(2026, 4, 12, 11, 0));
    d.hoshu
        .complete_change(&d.contractor, id, v, result)
        .await
        .unwrap();
    let done = d.hoshu.change_detail(&d.staff, id).await.unwrap();
    assert_eq!(done.change.status, ChangeStatus::Done);
    assert!(done.change.decision.as_ref().is_some_and(|x| x.approved));
});

both!(
    a_change_sent_back_or_its_approval_revoked_returns_to_the_proposer,
    |d| {
        d.clock.set(jst(2026, 4, 8, 10, 0));
        let start = jst(2026, 4, 12, 8, 0);
        let id = d
            .hoshu
            .propose_change(&d.contractor, outage(start, 2))
            .await
            .unwrap();
        let v = d
            .hoshu
            .decide_change(
                &d.contractor,
                id,
                1,
                ChangeAction::Submit,
                "",
                Unacknowledged,
            )
            .await
            .unwrap();
        // 差戻し needs its reason, is the chief's, and puts the change back in draft.
        let err = d
            .hoshu
            .decide_change(&d.chief, id, v, ChangeAction::SendBack, "", Unacknowledged)
            .await
            .unwrap_err();
        assert_eq!(err.fields[0].label, "差戻しの理由");
        let err = d
            .hoshu
            .decide_change(
                &d.contractor,
                id,
                v,
                ChangeAction::SendBack,
                "理由",
                Unacknowledged,
            )
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        let v = d
            .hoshu
            .decide_change(
                &d.chief,
                id,
                v,
                ChangeAction::SendBack,
                "影響範囲を追記してください。",
                Unacknowledged,
            )
            .await
            .unwrap();
        let back = d.hoshu.change_detail(&d.contractor, id).await.unwrap();
        assert_eq!(back.change.status, ChangeStatus::Draft);
        let decision = back.change.decision.unwrap();
        assert_eq!(decision.step, ChangeAction::SendBack);
        assert_eq!(decision.comment, "影響範囲を追記してください。");
        // Resubmitted and approved, the approval can be revoked until the work starts.
        let v = d
            .hoshu
            .decide_change(
                &d.contractor,
                id,
                v,
                ChangeAction::Submit,
                "",
                Unacknowledged,
            )
            .await
            .unwrap();
        let v = d
            .hoshu
            .decide_change(&d.chief, id, v, ChangeAction::Approve, "", Unacknowledged)
            .await
            .unwrap();
        d.clock.set(start + TimeDelta::minutes(5));
        let err = d
            .hoshu
            .decide_change(
                &d.chief,
                id,
                v,
                ChangeAction::Revoke,
                "中止",
                Unacknowledged,
            )
            .await
            .unwrap_err();
        assert!(
            err.fields[0].message.contains("開始日時を過ぎた"),
            "{err:?}"
        );
        d.clock.set(start - TimeDelta::hours(1));
        d.hoshu
            .decide_change(
                &d.chief,
                id,
                v,
                ChangeAction::Revoke,
                "業務繁忙のため中止",
                Unacknowledged,
            )
            .await
            .unwrap();
        let revoked = d.hoshu.change_detail(&d.contractor, id).await.unwrap();
        assert_eq!(revoked.change.status, ChangeStatus::Draft);
        assert_eq!(
            revoked.change.decision.as_ref().unwrap().step,
            ChangeAction::Revoke
        );
        assert!(!revoked.change.decision.unwrap().approved);
        // Staff no longer see it among the notices.
        assert!(
            d.hoshu
                .upcoming_outages(&d.staff, 30)
                .await
                .unwrap()
                .iter()
                .all(|c| c.id != id)
        );
    }
);

both!(release_needs_test_verification_before_submission, |d| {
    let mut p = outage(jst(2026, 4, 30, 9, 0), 4);
    p.kind = ChangeKind::Release;
    p.outage_reason = None;
    p.release_kind = Some(ReleaseKind::Regular);
    let id = d
        .hoshu
        .propose_change(&d.contractor, p.clone())
        .await
        .unwrap();
    let err = d
        .hoshu
        .decide_change(
            &d.contractor,
            id,
            1,
            ChangeAction::Submit,
            "",
            Unacknowledged,
        )
        .await
        .unwrap_err();
    assert_eq!(err.fields[0].field, "test_verification");
    p.test_verification = Some("検証環境で回帰テスト45件合格".into());
    let v = d
        .hoshu
        .update_change(&d.contractor, id, 1, p)
        .await
        .unwrap();
    d.hoshu
        .decide_change(
            &d.contractor,
            id,
            v,
            ChangeAction::Submit,
            "",
            Unacknowledged,
        )
        .await
        .unwrap();
});

both!(
    audit_verification_is_for_the_chief_and_the_administrator,
    |d| {
        d.hoshu
            .file_request(&d.staff, inquiry("kita_chuo", "監査の確認"))
            .await
            .unwrap();
        let verified = d.hoshu.verify_audit().await.unwrap().unwrap();
        assert!(verified >= 8, "{verified}");
        // Staff may not verify; the chief may, and the check itself is recorded.
        assert_eq!(
            d.hoshu.verify_audit_as(&d.staff).await.unwrap_err().code,
            ErrorCode::Forbidden
        );
        assert!(d.hoshu.verify_audit_as(&d.chief).await.unwrap().is_ok());
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_is_deterministic_and_audited() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut titles = Vec::new();
    for _ in 0..2 {
        let db = TestDatabase::new(Backend::Sqlite).await;
        let hoshu = Hoshu::open(&db.url, db.key()).await.unwrap();
        let summary = hoshu.demo(7, today).await.unwrap();
        assert!((140..=160).contains(&summary.accounts.len()));
        assert!(summary.requests > 500, "{summary:?}");
        let chief = hoshu
            .login("chief", hoshu_app::demo::DEMO_PASSWORD)
            .await
            .unwrap();
        let page = hoshu
            .list_requests(
                &chief,
                RequestListQuery {
                    per_page: 200,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(page.total as usize, summary.requests);
        titles.push(
            page.items
                .iter()
                .map(|r| &r.request)
                .map(|r| (r.title.clone(), r.status, r.office.clone()))
                .collect::<Vec<_>>(),
        );
        let changes = hoshu
            .list_changes(&chief, ChangeListQuery::default())
            .await
            .unwrap();
        for s in [
            ChangeStatus::Approved,
            ChangeStatus::Done,
            ChangeStatus::Rejected,
        ] {
            assert!(changes.iter().any(|c| c.status == s), "no {s:?}");
        }
        assert!(hoshu.verify_audit().await.unwrap().is_ok());
        let err = hoshu.demo(7, today).await.unwrap_err();
        assert!(err.message.contains("すでにアカウントがあります"));
        hoshu.store().close().await;
    }
    assert_eq!(titles[0], titles[1]);
}

both!(
    a_bulk_export_is_confirmed_before_it_leaves_and_audited,
    |d| {
        d.hoshu
            .record_export(&d.staff, "依頼一覧", "csv", 12, BulkExport::Unconfirmed)
            .await
            .unwrap();
        let refused = d
            .hoshu
            .record_export(&d.staff, "依頼一覧", "csv", 812, BulkExport::Unconfirmed)
            .await
            .unwrap_err();
        assert_eq!(refused.code, ErrorCode::BulkExportUnconfirmed);
        assert!(
            refused
                .message
                .contains("依頼一覧を812件書き出そうとしています"),
            "{}",
            refused.message
        );
        let last_summary = |hoshu: &Hoshu| {
            let store = hoshu.store().clone();
            async move {
                let mut tx = store.begin().await.unwrap();
                let head = tx.audit_head().await.unwrap().unwrap();
                let last = tx.audit_entries(head.seq - 1, 1).await.unwrap();
                (last[0].action.clone(), last[0].summary.clone())
            }
        };
        assert_eq!(
            last_summary(&d.hoshu).await,
            ("export".to_owned(), "依頼一覧をcsvで12件出力".to_owned()),
            "the refused export is not recorded as done"
        );
        d.hoshu
            .record_export(&d.staff, "依頼一覧", "csv", 812, BulkExport::Confirmed)
            .await
            .unwrap();
        assert_eq!(
            last_summary(&d.hoshu).await.1,
            "依頼一覧をcsvで812件出力（一括出力を確認のうえ）"
        );

        // The threshold is the administrator's setting.
        let mut settings = d.hoshu.settings(&d.admin).await.unwrap();
        settings.bulk_export_rows = 10;
        d.hoshu.update_settings(&d.admin, settings).await.unwrap();
        let refused = d
            .hoshu
            .record_export(&d.staff, "会議一覧", "csv", 11, BulkExport::Unconfirmed)
            .await
            .unwrap_err();
        assert!(
            refused.message.contains("10件を超える一括出力"),
            "{}",
            refused.message
        );
    }
);

/// A terminal on a shared PostgreSQL database logs in as a runtime role with the rights
/// `hoshu db grant-runtime` gives: the use cases work, the audit log is still only appended to.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_runtime_role_logs_in_and_files_a_request() {
    let mut db = TestDatabase::new(Backend::Postgres).await;
    let owner = common::desk(&db, jst(2026, 4, 10, 9, 0)).await;
    let (role, url) = db.create_login_role().await;
    owner.hoshu.store().grant_runtime(&role).await.unwrap();

    let hoshu = Hoshu::open_runtime(&url, db.key()).await.unwrap();
    let admin = hoshu.login("admin", common::ADMIN_PASSWORD).await.unwrap();
    let staff = hoshu.login("staff01", PASSWORD).await.unwrap();
    let id = hoshu
        .file_request(
            &staff,
            NewRequest {
                kind: RequestKind::Inquiry,
                work_sub_kind: None,
                office: "kita_chuo".into(),
                title: "帳票の出力方法".into(),
                body: "月次の帳票の出力方法を教えてください。".into(),
                details: Default::default(),
            },
        )
        .await
        .unwrap();
    assert!(id > 0);
    let verified = hoshu.verify_audit_as(&admin).await.unwrap().unwrap();
    assert!(verified > 0);
    let head = hoshu.audit_head().await.unwrap().unwrap();
    assert_eq!(
        head.seq as u64,
        verified + 1,
        "the verification is audited too"
    );

    // The owner's way of connecting migrates, which the runtime role may not.
    assert!(Hoshu::open(&url, db.key()).await.is_err());
    hoshu.store().close().await;
    owner.hoshu.store().close().await;
    db.remove().await;
}

both!(accounts_are_disabled_together_or_not_at_all, |d| {
    let accounts = d.hoshu.accounts(&d.admin).await.unwrap();
    let pick = |login: &str| {
        let a = accounts.iter().find(|a| a.login == login).unwrap();
        VersionedAccount {
            id: a.id,
            expected_version: a.version,
        }
    };
    let staff = pick("staff01");
    let naka = pick("staff45");
    // One stale choice: nothing is disabled.
    let stale = VersionedAccount {
        expected_version: naka.expected_version + 1,
        ..naka
    };
    let err = d
        .hoshu
        .disable_accounts(&d.admin, vec![staff, stale])
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Stale);
    assert!(
        d.hoshu
            .accounts(&d.admin)
            .await
            .unwrap()
            .iter()
            .all(|a| !a.disabled)
    );
    // Never the administrator's own account; only administrators.
    let own = pick("admin");
    let err = d
        .hoshu
        .disable_accounts(&d.admin, vec![staff, own])
        .await
        .unwrap_err();
    assert_eq!(err.fields[0].field, "accounts");
    let err = d
        .hoshu
        .disable_accounts(&d.chief, vec![staff])
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    // Both at once; their sessions stop working at their next call.
    assert_eq!(
        d.hoshu
            .disable_accounts(&d.admin, vec![staff, naka])
            .await
            .unwrap(),
        2
    );
    let after = d.hoshu.accounts(&d.admin).await.unwrap();
    assert!(
        after
            .iter()
            .filter(|a| a.login.starts_with("staff"))
            .all(|a| a.disabled)
    );
    assert!(
        d.hoshu
            .list_requests(&d.staff, RequestListQuery::default())
            .await
            .is_err()
    );
});

both!(
    staff_are_told_only_of_work_on_their_office_by_its_effect,
    |d| {
        d.clock.set(jst(2026, 4, 8, 10, 0));
        let approve = async |p: ChangeProposal| {
            let id = d.hoshu.propose_change(&d.contractor, p).await.unwrap();
            let v = d
                .hoshu
                .decide_change(
                    &d.contractor,
                    id,
                    1,
                    ChangeAction::Submit,
                    "",
                    Unacknowledged,
                )
                .await
                .unwrap();
            d.hoshu
                .decide_change(
                    &d.chief,
                    id,
                    v,
                    ChangeAction::Approve,
                    "",
                    ClashAcknowledgement::Acknowledged,
                )
                .await
                .unwrap();
            id
        };
        let mut naka_only = outage(jst(2026, 4, 12, 8, 0), 2);
        naka_only.affected_offices = vec!["naka".into()];
        naka_only.impact = "中区福祉事務所の端末で帳票が印刷できません。".into();
        let naka = approve(naka_only).await;
        let everyone = approve(outage(jst(2026, 4, 19, 8, 0), 2)).await;

        let ids = |notices: Vec<hoshu_app::OutageNotice>| {
            notices.iter().map(|n| n.id).collect::<Vec<_>>()
        };
        // 北区中央's staff are not told of 中区's work; 中区's are, by its effect.
        assert_eq!(
            ids(d.hoshu.upcoming_outages(&d.staff, 30).await.unwrap()),
            vec![everyone]
        );
        let theirs = d.hoshu.upcoming_outages(&d.staff_naka, 30).await.unwrap();
        assert_eq!(ids(theirs.clone()), vec![naka, everyone]);
        assert_eq!(
            theirs[0].impact,
            "中区福祉事務所の端末で帳票が印刷できません。"
        );
        assert_eq!(theirs[0].affected_offices, vec!["naka".to_owned()]);
        // The chief sees every office's.
        assert_eq!(
            ids(d.hoshu.upcoming_outages(&d.chief, 30).await.unwrap()),
            vec![naka, everyone]
        );
    }
);

both!(
    an_hours_extension_carries_its_day_and_hours_and_is_refused_after_the_notice_deadline,
    |d| {
        // Friday 令和8年4月10日 9:30: this evening's extension is in time.
        let evening = ExtensionAsk {
            day: chrono::NaiveDate::from_ymd_opt(2026, 4, 10).unwrap(),
            from: chrono::NaiveTime::from_hms_opt(19, 0, 0).unwrap(),
            until: chrono::NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        };
        let ask = |extension: Option<ExtensionAsk>| NewRequest {
            kind: RequestKind::HoursExtension,
            details: RequestDetails {
                urgency: Urgency::Urgent,
                desired_by: chrono::NaiveDate::from_ymd_opt(2026, 4, 10),
                extension,
            },
            ..inquiry("kita_chuo", "稼働時間延長の依頼（決算対応）")
        };
        let id = d
            .hoshu
            .file_request(&d.staff, ask(Some(evening)))
            .await
            .unwrap();
        let detail = d.hoshu.request_detail(&d.staff, id).await.unwrap();
        assert_eq!(detail.request.details.extension, Some(evening));
        assert_eq!(detail.request.details.urgency, Urgency::Urgent);

        let missing = d.hoshu.file_request(&d.staff, ask(None)).await.unwrap_err();
        assert_eq!(missing.code, ErrorCode::Validation);
        assert_eq!(missing.fields[0].field, "extension");

        // At 17:01 the same evening is too late; nothing was written.
        d.clock.advance(TimeDelta::minutes(7 * 60 + 31));
        let before = d
            .hoshu
            .list_requests(&d.chief, RequestListQuery::default())
            .await
            .unwrap()
            .total;
        let late = d
            .hoshu
            .file_request(&d.staff, ask(Some(evening)))
            .await
            .unwrap_err();
        assert_eq!(late.fields[0].field, "extension");
        assert!(late.message.contains("17:00"), "{}", late.message);
        let after = d
            .hoshu
            .list_requests(&d.chief, RequestListQuery::default())
            .await
            .unwrap()
            .total;
        assert_eq!(before, after);
    }
);

both!(
    files_chosen_on_the_form_are_filed_with_the_request_or_none_is,
    |d| {
        let log = FiledAttachment {
            file_name: "帳票出力ログ.txt".into(),
            bytes: "2026-04-10 09:31 ERROR テンプレートが見つかりません\n".into(),
        };
        let disguised = FiledAttachment {
            file_name: "請求書\u{202E}fdp.exe".into(),
            bytes: b"MZ".to_vec(),
        };
        let refused = d
            .hoshu
            .file_request_with_files(
                &d.staff,
                inquiry("kita_chuo", "帳票が出力されない"),
                vec![log.clone(), disguised],
            )
            .await
            .unwrap_err();
        assert_eq!(refused.code, ErrorCode::Validation);
        assert!(refused.message.starts_with("請求書"), "{}", refused.message);
        let total = d
            .hoshu
            .list_requests(&d.chief, RequestListQuery::default())
            .await
            .unwrap()
            .total;
        assert_eq!(total, 0, "no request without its files");

        let id = d
            .hoshu
            .file_request_with_files(
                &d.staff,
                inquiry("kita_chuo", "帳票が出力されない"),
                vec![log],
            )
            .await
            .unwrap();
        let detail = d.hoshu.request_detail(&d.staff, id).await.unwrap();
        assert_eq!(detail.attachments.len(), 1);
        assert_eq!(detail.attachments[0].file_name, "帳票出力ログ.txt");
        let kinds: Vec<&str> = detail.history.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["filed", "attachment"]);
    }
);

both!(the_change_list_exports_what_its_filters_show, |d| {
    let start = jst(2026, 4, 19, 8, 0);
    d.hoshu
        .propose_change(&d.contractor, outage(start, 3))
        .await
        .unwrap();
    d.hoshu
        .propose_change(
            &d.contractor,
            ChangeProposal {
                title: "帳票テンプレートの差し替え".into(),
                ..outage(start + TimeDelta::days(7), 2)
            },
        )
        .await
        .unwrap();
    let query = ChangeListQuery {
        kinds: vec![ChangeKind::PlannedOutage],
        text: Some("パッチ".into()),
        ..ChangeListQuery::default()
    };
    let on_screen = d
        .hoshu
        .list_changes(&d.contractor, query.clone())
        .await
        .unwrap();
    assert_eq!(on_screen.len(), 1);
    let file = d
        .hoshu
        .export_change_list(&d.contractor, query, BulkExport::Unconfirmed)
        .await
        .unwrap();
    assert!(
        file.file_name.starts_with("変更・計画停止一覧_"),
        "{}",
        file.file_name
    );
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(file.bytes)).unwrap();
    let sheet = book.worksheet_range("変更・計画停止一覧").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    assert!(rows[1][0].contains("種別: 計画停止"), "{:?}", rows[1]);
    assert!(rows[1][0].contains("キーワード: パッチ"), "{:?}", rows[1]);
    let header = hoshu_docs::xlsx::HEADER_ROW as usize;
    let data = &rows[header + 1..];
    assert_eq!(data.len(), 1);
    assert_eq!(data[0][2], "セキュリティパッチ適用");
    // Meetings and incidents leave the same way (an empty list is a header only).
    for rendered in [
        d.hoshu
            .export_meeting_list(&d.contractor, Default::default(), BulkExport::Unconfirmed)
            .await
            .unwrap(),
        d.hoshu
            .export_incident_list(&d.contractor, Default::default(), BulkExport::Unconfirmed)
            .await
            .unwrap(),
    ] {
        assert!(rendered.bytes.starts_with(b"PK"), "{}", rendered.file_name);
    }
    let refused = d
        .hoshu
        .export_incident_list(&d.staff, Default::default(), BulkExport::Unconfirmed)
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
});
