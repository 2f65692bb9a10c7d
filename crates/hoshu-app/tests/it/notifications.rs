//! Notifications on both databases: who is told what, nothing for another office or for a
//! write that rolled back, deadline alerts told once, the poll, marking read and watching.

use chrono::{DateTime, TimeDelta, Utc};
use hoshu_app::ClashAcknowledgement::{Acknowledged, Unacknowledged};
use hoshu_app::{ErrorCode, Hoshu, Session, TransitionInput};
use hoshu_core::audit::AuditKey;
use hoshu_core::change::{ChangeAction, ChangeKind, ChangeProposal, OutageReason};
use hoshu_core::notification::{ItemRef, NotificationKind};
use hoshu_core::request::{NewRequest, RequestAction, RequestKind};
use hoshu_store::Store;
use hoshu_store::testing::TestDatabase;

use crate::common;

use common::{Desk, both};

fn start() -> DateTime<Utc> {
    common::jst(2026, 4, 10, 9, 30)
}

fn inquiry(office: &str, title: &str) -> NewRequest {
    NewRequest {
        kind: RequestKind::Inquiry,
        work_sub_kind: None,
        office: office.into(),
        title: title.into(),
        body: "操作方法を教えてください。".into(),
        details: Default::default(),
    }
}

fn outage(offices: &[&str]) -> ChangeProposal {
    let from = start() + TimeDelta::days(3);
    ChangeProposal {
        kind: ChangeKind::PlannedOutage,
        outage_reason: Some(OutageReason::SecurityPatch),
        release_kind: None,
        title: "セキュリティパッチ適用".into(),
        description: "OSのセキュリティパッチを適用する。".into(),
        window_start: from,
        window_end: from + TimeDelta::hours(2),
        affected_systems: "本番環境".into(),
        affected_offices: offices.iter().map(|o| o.to_string()).collect(),
        impact: "停止中は利用不可".into(),
        rollback_plan: "スナップショットから復元".into(),
        test_verification: None,
        instruction_ref: None,
    }
}

/// What `session` has been told, oldest first: (kind, item).
async fn told(d: &Desk, session: &Session) -> Vec<(NotificationKind, ItemRef)> {
    let mut all = d.hoshu.notifications(session, None).await.unwrap();
    all.reverse();
    all.into_iter().map(|n| (n.kind, n.item)).collect()
}

async fn step(d: &Desk, who: &Session, id: i64, action: RequestAction, text: &str) {
    let v = d
        .hoshu
        .request_detail(&d.contractor, id)
        .await
        .unwrap()
        .request
        .version;
    d.hoshu
        .transition_request(
            who,
            id,
            TransitionInput {
                action,
                expected_version: v,
                text: text.into(),
            },
        )
        .await
        .unwrap();
}

both!(each_side_of_a_request_is_told_and_no_other_office, |d| {
    let id = d
        .hoshu
        .file_request(&d.staff, inquiry("kita_chuo", "帳票の出力方法"))
        .await
        .unwrap();
    let item = ItemRef::request(id);
    assert_eq!(
        told(&d, &d.contractor).await,
        [(NotificationKind::RequestFiled, item)]
    );
    let filed = &d.hoshu.notifications(&d.contractor, None).await.unwrap()[0];
    assert!(
        filed.summary.contains("帳票の出力方法"),
        "{}",
        filed.summary
    );
    assert!(
        told(&d, &d.staff).await.is_empty(),
        "not of one's own doing"
    );

    d.hoshu
        .comment_on_request(&d.contractor, id, "画面の名前を教えてください。")
        .await
        .unwrap();
    step(&d, &d.contractor, id, RequestAction::Start, "").await;
    step(
        &d,
        &d.contractor,
        id,
        RequestAction::Answer,
        "メニューから出力できます。",
    )
    .await;
    assert_eq!(
        told(&d, &d.staff).await,
        [
            (NotificationKind::RequestCommented, item),
            (NotificationKind::RequestAnswered, item),
        ]
    );
    d.hoshu
        .comment_on_request(&d.staff, id, "出力できませんでした。")
        .await
        .unwrap();
    step(
        &d,
        &d.staff,
        id,
        RequestAction::SendBack,
        "手順どおりでは出ません。",
    )
    .await;
    assert_eq!(
        told(&d, &d.contractor).await,
        [
            (NotificationKind::RequestFiled, item),
            (NotificationKind::RequestCommented, item),
            (NotificationKind::RequestSentBack, item),
        ]
    );

    // Another office's staff hear of nothing, and may not watch it to hear of it.
    assert!(told(&d, &d.staff_naka).await.is_empty());
    let e = d.hoshu.watch(&d.staff_naka, item, true).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    // The chief hears of requests only by watching them.
    assert!(told(&d, &d.chief).await.is_empty());
    assert!(d.hoshu.watch(&d.chief, item, true).await.unwrap());
    assert!(d.hoshu.watching(&d.chief, item).await.unwrap());
    step(
        &d,
        &d.contractor,
        id,
        RequestAction::Answer,
        "設定を直しました。",
    )
    .await;
    assert_eq!(
        told(&d, &d.chief).await,
        [(NotificationKind::RequestAnswered, item)]
    );
    assert!(told(&d, &d.staff_naka).await.is_empty());
});

both!(
    a_change_reaches_the_chief_then_the_proposer_and_the_offices_it_touches,
    |d| {
        let id = d
            .hoshu
            .propose_change(&d.contractor, outage(&["naka"]))
            .await
            .unwrap();
        assert!(
            told(&d, &d.chief).await.is_empty(),
            "a draft is the contractor's"
        );
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
        let item = ItemRef::change(id);
        assert_eq!(
            told(&d, &d.chief).await,
            [(NotificationKind::ChangeSubmitted, item)]
        );
        d.hoshu
            .decide_change(
                &d.chief,
                id,
                v,
                ChangeAction::Approve,
                "承認します。",
                Acknowledged,
            )
            .await
            .unwrap();
        assert_eq!(
            told(&d, &d.contractor).await,
            [(NotificationKind::ChangeApproved, item)]
        );
        assert_eq!(
            told(&d, &d.staff_naka).await,
            [(NotificationKind::OutageAhead, item)]
        );
        assert!(
            told(&d, &d.staff).await.is_empty(),
            "kita_chuo is not affected"
        );
    }
);

both!(the_poll_answers_what_is_new_and_the_unread_count, |d| {
    let first = d
        .hoshu
        .file_request(&d.staff, inquiry("kita_chuo", "一件目"))
        .await
        .unwrap();
    // The first poll after log-in answers where to start, not the backlog.
    let poll = d
        .hoshu
        .poll_notifications(&d.contractor, None)
        .await
        .unwrap();
    assert!(poll.new.is_empty());
    assert_eq!(poll.unread, 1);
    assert!(poll.os_notifications, "on unless switched off");
    let seen = poll.latest_id;
    assert_eq!(
        d.hoshu
            .poll_notifications(&d.contractor, Some(0))
            .await
            .unwrap()
            .new[0]
            .id,
        seen
    );
    let second = d
        .hoshu
        .file_request(&d.staff, inquiry("kita_chuo", "二件目"))
        .await
        .unwrap();
    let poll = d
        .hoshu
        .poll_notifications(&d.contractor, Some(seen))
        .await
        .unwrap();
    let items: Vec<ItemRef> = poll.new.iter().map(|n| n.item).collect();
    assert_eq!(items, [ItemRef::request(second)]);
    assert_eq!(poll.unread, 2);

    assert_eq!(
        d.hoshu
            .mark_notifications_read(&d.contractor, Some(vec![seen]))
            .await
            .unwrap(),
        1
    );
    let poll = d
        .hoshu
        .poll_notifications(&d.contractor, Some(0))
        .await
        .unwrap();
    assert_eq!(poll.unread, 1);
    let first_read = poll.new.iter().find(|n| n.item == ItemRef::request(first));
    assert!(first_read.unwrap().read_at.is_some());
    // Someone else's ids change nothing.
    assert_eq!(
        d.hoshu
            .mark_notifications_read(&d.staff, Some(vec![poll.new[1].id]))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        d.hoshu
            .mark_notifications_read(&d.contractor, None)
            .await
            .unwrap(),
        1
    );
    d.hoshu
        .set_os_notifications(&d.contractor, false)
        .await
        .unwrap();
    let poll = d
        .hoshu
        .poll_notifications(&d.contractor, Some(0))
        .await
        .unwrap();
    assert_eq!(poll.unread, 0);
    assert!(!poll.os_notifications);
});

both!(
    an_answer_deadline_is_told_once_when_near_and_once_when_passed,
    |d| {
        let id = d
            .hoshu
            .file_request(&d.staff, inquiry("kita_chuo", "期限の近い依頼"))
            .await
            .unwrap();
        let deadline = d.hoshu.answer_queue(&d.contractor).await.unwrap()[0]
            .answer_clock
            .deadline
            .unwrap();
        let alerts = async || {
            let poll = d
                .hoshu
                .poll_notifications(&d.contractor, Some(0))
                .await
                .unwrap();
            poll.new
                .iter()
                .filter(|n| n.item == ItemRef::request(id))
                .map(|n| n.kind)
                .filter(|k| *k != NotificationKind::RequestFiled)
                .collect::<Vec<_>>()
        };
        assert!(alerts().await.is_empty());
        d.clock.set(deadline - TimeDelta::minutes(29));
        assert_eq!(alerts().await, [NotificationKind::AnswerDeadlineNear]);
        assert_eq!(
            alerts().await,
            [NotificationKind::AnswerDeadlineNear],
            "once"
        );
        d.clock.set(deadline + TimeDelta::minutes(1));
        assert_eq!(
            alerts().await,
            [
                NotificationKind::AnswerDeadlineNear,
                NotificationKind::AnswerDeadlinePassed
            ]
        );
        // Staff and the chief get no answer-deadline alerts.
        let poll = d.hoshu.poll_notifications(&d.chief, Some(0)).await.unwrap();
        assert!(poll.new.is_empty());
        // Answered in time or not, an answered request says nothing more.
        step(&d, &d.contractor, id, RequestAction::Answer, "回答します。").await;
        d.clock.set(deadline + TimeDelta::days(3));
        assert_eq!(alerts().await.len(), 2);
    }
);

/// A write that fails after it told someone (here: the audit entry refused under a wrong key)
/// leaves no notification behind.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rolled_back_write_tells_nobody_sqlite() {
    rolled_back(hoshu_store::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rolled_back_write_tells_nobody_postgres() {
    rolled_back(hoshu_store::Backend::Postgres).await;
}

async fn rolled_back(backend: hoshu_store::Backend) {
    let db = TestDatabase::new(backend).await;
    let d = common::desk(&db, start()).await;
    let wrong_key = Store::connect(&db.url, AuditKey::from_bytes([7; AuditKey::LEN]))
        .await
        .unwrap();
    let wrong = Hoshu::new(wrong_key.clone(), d.clock.clone());
    wrong
        .file_request(&d.staff, inquiry("kita_chuo", "消える依頼"))
        .await
        .unwrap_err();
    assert!(told(&d, &d.contractor).await.is_empty());
    assert_eq!(
        d.hoshu
            .poll_notifications(&d.contractor, Some(0))
            .await
            .unwrap()
            .unread,
        0
    );
    // The same write under the right key tells.
    d.hoshu
        .file_request(&d.staff, inquiry("kita_chuo", "届く依頼"))
        .await
        .unwrap();
    assert_eq!(told(&d, &d.contractor).await.len(), 1);
    wrong_key.close().await;
    d.hoshu.store().close().await;
    db.remove().await;
}
