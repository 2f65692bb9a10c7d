//! The contractor's queue on both databases: waiting requests only, soonest answer deadline
//! first, each clock counting down and then over.

use chrono::{DateTime, TimeDelta, Utc};
use hoshu_app::{ErrorCode, TransitionInput};
use hoshu_core::request::{NewRequest, RequestAction, RequestKind};
use hoshu_core::sla::{ClockState, SlaItem};

use crate::common;

use common::{Desk, both, jst};

fn start() -> DateTime<Utc> {
    jst(2026, 4, 10, 9, 30)
}

async fn file(d: &Desk, title: &str) -> i64 {
    d.hoshu
        .file_request(
            &d.staff,
            NewRequest {
                kind: RequestKind::Inquiry,
                work_sub_kind: None,
                office: "kita_chuo".into(),
                title: title.into(),
                body: "操作方法を教えてください。".into(),
                details: Default::default(),
            },
        )
        .await
        .unwrap()
}

both!(queue_orders_waiting_requests_by_answer_deadline, |d| {
    let first = file(&d, "一件目").await;
    d.clock.advance(TimeDelta::minutes(30));
    let answered = file(&d, "回答済み").await;
    d.clock.advance(TimeDelta::minutes(30));
    let second = file(&d, "二件目").await;

    let version = |id| {
        let h = &d.hoshu;
        let c = &d.contractor;
        async move { h.request_detail(c, id).await.unwrap().request.version }
    };
    let step = |action, expected_version, text: &str| TransitionInput {
        action,
        expected_version,
        text: text.into(),
    };
    let v = version(answered).await;
    let v = d
        .hoshu
        .transition_request(&d.contractor, answered, step(RequestAction::Start, v, ""))
        .await
        .unwrap();
    d.hoshu
        .transition_request(
            &d.contractor,
            answered,
            step(RequestAction::Answer, v, "回答します。"),
        )
        .await
        .unwrap();
    // Started but not answered: still waiting.
    let v = version(second).await;
    d.hoshu
        .transition_request(&d.contractor, second, step(RequestAction::Start, v, ""))
        .await
        .unwrap();

    let queue = d.hoshu.answer_queue(&d.contractor).await.unwrap();
    let ids: Vec<i64> = queue.iter().map(|q| q.request.id).collect();
    assert_eq!(ids, vec![first, second]);
    for q in &queue {
        assert_eq!(q.answer_clock.item, SlaItem::RequestAnswer);
        assert!(
            matches!(q.answer_clock.state, ClockState::Running { .. }),
            "{:?}",
            q.answer_clock.state
        );
    }
    assert!(queue[0].answer_clock.deadline < queue[1].answer_clock.deadline);

    // Long after every deadline both clocks are over, still soonest first.
    d.clock.advance(TimeDelta::days(30));
    let queue = d.hoshu.answer_queue(&d.contractor).await.unwrap();
    assert_eq!(
        queue.iter().map(|q| q.request.id).collect::<Vec<_>>(),
        vec![first, second]
    );
    for q in &queue {
        assert!(
            matches!(q.answer_clock.state, ClockState::Breached { .. }),
            "{:?}",
            q.answer_clock.state
        );
    }

    // Staff have no queue.
    let refused = d.hoshu.answer_queue(&d.staff).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
});

// Lists read from a snapshot and never queue behind someone saving: with another terminal's
// write transaction open (on SQLite, the one write lock), the lists still answer.
both!(lists_answer_while_someone_is_saving, |d| {
    let filed = file(&d, "保存中でも一覧は見える").await;
    let mut saving = d.hoshu.store().begin().await.unwrap();
    saving.audit_head().await.unwrap();
    let page = d
        .hoshu
        .list_requests(&d.contractor, hoshu_app::RequestListQuery::default())
        .await
        .expect("the list answers while a write is open");
    assert!(page.items.iter().any(|r| r.request.id == filed));
    let queue = d.hoshu.answer_queue(&d.contractor).await.unwrap();
    assert!(queue.iter().any(|q| q.request.id == filed));
    d.hoshu
        .list_changes(&d.chief, Default::default())
        .await
        .unwrap();
    d.hoshu.sla_status(&d.chief).await.unwrap();
    saving.rollback().await.unwrap();
});
