//! Incidents, their timelines and exclusions; the request rows the monthly report reads.

use crate::harness::*;
use chrono::TimeDelta;
use hoshu_core::incident::{
    ExclusionReason, IncidentCategory, NewIncident, Severity, TimelineEvent, TimelineEventKind,
};
use hoshu_core::request::{NewRequest, RequestKind, RequestStatus};
use hoshu_store::{NewRequestRow, StoreError};

fn incident(linked: Vec<i64>) -> NewIncident {
    NewIncident {
        detected_at: jst(2026, 4, 8, 2, 10),
        category: IncidentCategory::JobFailure,
        severity: Severity::High,
        title: "夜間バッチ（レセプト取込）の異常終了".into(),
        summary: "2:10 ジョブ監視で取込ジョブの異常終了を検知。".into(),
        affected_offices: vec!["naka".into(), "kita_chuo".into()],
        affected_systems: "レセプト管理システム 本番環境".into(),
        linked_requests: linked,
    }
}

fn event(kind: TimelineEventKind, at: chrono::DateTime<chrono::Utc>, note: &str) -> TimelineEvent {
    TimelineEvent {
        kind,
        at,
        note: note.into(),
    }
}

conformance!(
    incident_round_trip_timeline_and_versions,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let request = tx
            .insert_request(
                &NewRequestRow::new(
                    &NewRequest {
                        kind: RequestKind::FaultReport,
                        work_sub_kind: None,
                        office: "naka".into(),
                        title: "レセプト一覧が表示されない".into(),
                        body: "朝から一覧が空です。".into(),
                        details: Default::default(),
                    },
                    seed.staff,
                ),
                jst(2026, 4, 8, 8, 40),
            )
            .await
            .unwrap();
        let new = incident(vec![request]);
        let id = tx
            .insert_incident(&new, true, seed.contractor, now())
            .await
            .unwrap();
        let r = tx.get_incident(id).await.unwrap().unwrap();
        assert_eq!(
            r.incident, new,
            "offices keep their order, requests are linked"
        );
        assert!(r.manual_revision_required);
        assert_eq!(r.recorded_by_name, "高橋 SE");
        assert_eq!(r.version, 1);
        assert!(r.events.is_empty());
        assert_eq!(r.exclusion, None);
        assert_eq!(tx.get_incident(id + 10).await.unwrap(), None);

        // Events come back by time, whatever order they were typed in.
        let d = new.detected_at;
        let late = event(
            TimelineEventKind::FirstIsolation,
            d + TimeDelta::minutes(25),
            "",
        );
        let early = event(
            TimelineEventKind::FirstReport,
            d + TimeDelta::minutes(12),
            "電話で一報",
        );
        assert_eq!(
            tx.add_incident_event(id, 1, &late, seed.contractor, now())
                .await
                .unwrap(),
            2
        );
        assert_eq!(
            tx.add_incident_event(id, 2, &early, seed.contractor, now())
                .await
                .unwrap(),
            3
        );
        let r = tx.get_incident(id).await.unwrap().unwrap();
        assert_eq!(r.timeline(), vec![early.clone(), late.clone()]);
        assert_eq!(r.events[0].recorded_by, seed.contractor);
        assert_eq!(r.version, 3);

        // A stale version is refused, an unknown incident is not found.
        assert!(matches!(
            tx.add_incident_event(id, 2, &early, seed.contractor, now())
                .await,
            Err(StoreError::Stale { .. })
        ));
        assert!(matches!(
            tx.add_incident_event(id + 10, 1, &early, seed.contractor, now())
                .await,
            Err(StoreError::NotFound { .. })
        ));
        tx.commit().await.unwrap();
    }
);

conformance!(
    unknown_offices_and_requests_are_refused,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let mut bad = incident(vec![]);
        bad.affected_offices = vec!["osaka".into()];
        let e = tx
            .insert_incident(&bad, false, seed.contractor, now())
            .await
            .unwrap_err();
        assert!(e.is_constraint(), "{e:?}");
        assert!(e.to_string().contains("osaka"), "{e}");
        drop(tx);
        let mut tx = store.begin().await.unwrap();
        let e = tx
            .insert_incident(&incident(vec![999]), false, seed.contractor, now())
            .await
            .unwrap_err();
        assert!(e.to_string().contains("#999"), "{e}");
    }
);

conformance!(exclusions_are_proposed_then_decided, |store| async move {
    let seed = seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let id = tx
        .insert_incident(&incident(vec![]), false, seed.contractor, now())
        .await
        .unwrap();
    let v = tx
        .propose_incident_exclusion(
            id,
            1,
            ExclusionReason::NotContractorService,
            "回線事業者の広域障害",
            seed.contractor,
            now(),
        )
        .await
        .unwrap();
    let x = tx
        .get_incident(id)
        .await
        .unwrap()
        .unwrap()
        .exclusion
        .unwrap();
    assert_eq!(x.reason, ExclusionReason::NotContractorService);
    assert_eq!(x.proposed_by_name, "高橋 SE");
    assert_eq!(x.approved, None);
    assert!(!x.is_excluded());
    assert_eq!(x.exclusion(), None);

    let later = now() + TimeDelta::hours(3);
    let v = tx
        .decide_incident_exclusion(
            id,
            v,
            true,
            ExclusionReason::NotContractorService,
            "回線事業者（NTT）の広域障害。事業者の公表あり。",
            "",
            seed.chief,
            later,
        )
        .await
        .unwrap();
    let r = tx.get_incident(id).await.unwrap().unwrap();
    assert!(r.is_excluded());
    let x = r.exclusion.unwrap();
    assert_eq!(x.proposed_by, seed.contractor, "the proposal is kept");
    assert_eq!(x.decided_by, Some(seed.chief));
    assert_eq!(x.decided_by_name.as_deref(), Some("鈴木 課長"));
    let decided = x.exclusion().unwrap();
    assert_eq!(decided.decided_at, later);
    assert_eq!(
        decided.note,
        "回線事業者（NTT）の広域障害。事業者の公表あり。"
    );

    // A new proposal clears the decision.
    tx.propose_incident_exclusion(
        id,
        v,
        ExclusionReason::UserFault,
        "再検討",
        seed.contractor,
        later,
    )
    .await
    .unwrap();
    let r = tx.get_incident(id).await.unwrap().unwrap();
    assert!(!r.is_excluded());
    assert_eq!(r.exclusion.unwrap().decided_by, None);
    tx.commit().await.unwrap();
});

conformance!(
    incidents_list_by_detection_range_newest_first,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let mut ids = Vec::new();
        for day in [3, 20, 12] {
            let mut i = incident(vec![]);
            i.detected_at = jst(2026, 5, day, 10, 0);
            i.title = format!("5月{day}日の障害");
            let id = tx
                .insert_incident(&i, false, seed.contractor, now())
                .await
                .unwrap();
            tx.add_incident_event(
                id,
                1,
                &event(TimelineEventKind::FirstReport, i.detected_at, ""),
                seed.contractor,
                now(),
            )
            .await
            .unwrap();
            ids.push(id);
        }
        let all = tx.list_incidents(None, None).await.unwrap();
        let titles: Vec<&str> = all.iter().map(|r| r.incident.title.as_str()).collect();
        assert_eq!(
            titles,
            vec!["5月20日の障害", "5月12日の障害", "5月3日の障害"]
        );
        assert!(
            all.iter()
                .all(|r| r.events.len() == 1 && r.incident.affected_offices.len() == 2)
        );
        let some = tx
            .list_incidents(Some(jst(2026, 5, 3, 10, 1)), Some(jst(2026, 5, 20, 10, 0)))
            .await
            .unwrap();
        assert_eq!(some.len(), 1);
        assert_eq!(some[0].id, ids[2]);
        assert_eq!(some[0].events.len(), 1);
    }
);

conformance!(
    report_rows_are_the_requests_filed_or_answered_in_the_range,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let new = |title: &str| {
            NewRequestRow::new(
                &NewRequest {
                    kind: RequestKind::Inquiry,
                    work_sub_kind: None,
                    office: "naka".into(),
                    title: title.into(),
                    body: "本文".into(),
                    details: Default::default(),
                },
                seed.staff,
            )
        };
        // Filed in March, answered in April; filed in April; filed in May.
        let march = tx
            .insert_request(&new("3月"), jst(2026, 3, 31, 18, 0))
            .await
            .unwrap();
        // The reason of a late answer is the contractor's last comment up to the answer: not
        // the office's comment, not one written after the answer.
        for (author, body, at) in [
            (
                seed.contractor,
                "ベンダーに確認中です",
                jst(2026, 3, 31, 18, 30),
            ),
            (seed.staff, "急ぎでお願いします", jst(2026, 3, 31, 18, 40)),
            (seed.contractor, "回答後の補足", jst(2026, 4, 2, 9, 0)),
        ] {
            tx.insert_comment(march, author, body, at).await.unwrap();
        }
        tx.set_request_status(
            march,
            1,
            RequestStatus::Answered,
            Some("回答"),
            jst(2026, 4, 1, 9, 0),
        )
        .await
        .unwrap();
        let april = tx
            .insert_request(&new("4月"), jst(2026, 4, 15, 10, 0))
            .await
            .unwrap();
        tx.insert_request(&new("5月"), jst(2026, 5, 1, 0, 0))
            .await
            .unwrap();
        let rows = tx
            .requests_for_report(jst(2026, 4, 1, 0, 0), jst(2026, 5, 1, 0, 0))
            .await
            .unwrap();
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        assert_eq!(ids, vec![march, april]);
        assert_eq!(rows[0].answered_at, Some(jst(2026, 4, 1, 9, 0)));
        assert_eq!(rows[0].status, RequestStatus::Answered);
        assert_eq!(rows[1].answered_at, None);
        assert_eq!(rows[1].office, "naka");
        assert_eq!(
            (rows[0].title.as_str(), rows[1].title.as_str()),
            ("3月", "4月")
        );
        assert_eq!(
            rows[0].last_contractor_comment.as_deref(),
            Some("ベンダーに確認中です")
        );
        assert_eq!(rows[1].last_contractor_comment, None);
    }
);

conformance!(
    a_report_mail_is_claimed_by_one_sender_and_ends_sent_or_queued_again,
    |store| async move {
        use hoshu_core::report_mail::{MailStatus, ReportMailKind};
        use hoshu_store::NewMail;
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let incident_id = tx
            .insert_incident(&incident(vec![]), false, seed.contractor, now())
            .await
            .unwrap();
        let new = NewMail {
            incident_id,
            kind: ReportMailKind::FirstReport,
            recipients: vec!["a@city.example.lg.jp".into(), "b@city.example.lg.jp".into()],
            subject: "【障害一次報告】夜間バッチ".into(),
            body: "本文\n二行目".into(),
            created_by: seed.contractor,
        };
        let first = tx.insert_mail(&new, now()).await.unwrap();
        let second = tx.insert_mail(&new, now()).await.unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        assert_eq!(tx.due_mail_ids(now(), 10).await.unwrap(), [first, second]);
        assert!(tx.claim_mail(first, now()).await.unwrap());
        assert!(
            !tx.claim_mail(first, now()).await.unwrap(),
            "claimed once only"
        );
        let later = now() + TimeDelta::minutes(1);
        assert!(tx.mark_mail_sent(first, later).await.unwrap());
        assert!(
            !tx.mark_mail_sent(first, later).await.unwrap(),
            "only a claimed mail"
        );
        assert!(tx.claim_mail(second, now()).await.unwrap());
        let retry = now() + TimeDelta::minutes(5);
        assert!(
            tx.mark_mail_unsent(second, "接続できませんでした", Some(retry), now())
                .await
                .unwrap()
        );
        assert!(tx.due_mail_ids(now(), 10).await.unwrap().is_empty());
        assert!(!tx.claim_mail(second, now()).await.unwrap(), "not due yet");
        assert_eq!(tx.due_mail_ids(retry, 10).await.unwrap(), [second]);
        tx.commit().await.unwrap();

        let mut tx = store.begin_read().await.unwrap();
        let mails = tx.mails_of_incident(incident_id).await.unwrap();
        assert_eq!(mails.len(), 2);
        assert_eq!(mails[0].status, MailStatus::Sent);
        assert_eq!(mails[0].accepted_at, Some(later));
        assert_eq!(mails[0].recipients, new.recipients);
        assert_eq!(mails[0].body, "本文\n二行目");
        assert_eq!(mails[0].attempts, 1);
        assert_eq!(mails[1].status, MailStatus::Queued);
        assert_eq!(mails[1].last_error.as_deref(), Some("接続できませんでした"));
        assert_eq!(mails[1].next_attempt_at, retry);
        assert_eq!(tx.get_mail(second).await.unwrap(), Some(mails[1].clone()));
    }
);
