//! Incidents, their SLA clocks, exclusions and the SLA targets on both databases; and the
//! figures of the monthly and annual reports against figures computed here by hand.

use chrono::{DateTime, TimeDelta, Utc};
use hoshu_app::{ErrorCode, ExclusionDecision, IncidentListQuery, ReportFormat, TransitionInput};
use hoshu_core::incident::{
    ExclusionReason, IncidentCategory, NewIncident, Severity, TimelineEvent, TimelineEventKind,
};
use hoshu_core::request::{NewRequest, RequestAction, RequestKind};
use hoshu_core::sla::{ClockState, SlaItem, SlaTargets};

use crate::common;

use common::{Desk, both, jst};

fn start() -> DateTime<Utc> {
    jst(2026, 4, 1, 8, 0)
}

fn incident(detected_at: DateTime<Utc>, category: IncidentCategory, title: &str) -> NewIncident {
    NewIncident {
        detected_at,
        category,
        severity: Severity::High,
        title: title.into(),
        summary: "ジョブ監視で異常終了を検知した。".into(),
        affected_offices: vec![],
        affected_systems: "レセプト管理システム 本番環境".into(),
        linked_requests: vec![],
    }
}

fn ev(kind: TimelineEventKind, at: DateTime<Utc>) -> TimelineEvent {
    TimelineEvent {
        kind,
        at,
        note: format!("{kind}を実施"),
    }
}

/// Records an incident at its detection time and its events, each at its own time.
async fn record_with(
    d: &Desk,
    new: NewIncident,
    manual: bool,
    events: &[(TimelineEventKind, DateTime<Utc>)],
) -> i64 {
    d.clock.set(new.detected_at);
    let id = d
        .hoshu
        .record_incident(&d.contractor, new, manual)
        .await
        .unwrap();
    let mut version = 1;
    for (kind, at) in events {
        d.clock.set(*at);
        version = d
            .hoshu
            .add_incident_event(&d.contractor, id, version, ev(*kind, *at))
            .await
            .unwrap();
    }
    id
}

fn state(clocks: &[hoshu_core::sla::SlaClockView], item: SlaItem) -> &ClockState {
    &clocks.iter().find(|c| c.item == item).unwrap().state
}

both!(
    clocks_run_from_detection_and_breach_after_the_deadline,
    |d| {
        use TimelineEventKind as K;
        // ジョブ異常 detected 02:00: isolation due 02:30, first report 02:30, follow-up 04:00.
        let detected = jst(2026, 4, 10, 2, 0);
        let id = record_with(
            &d,
            incident(
                detected,
                IncidentCategory::JobFailure,
                "夜間バッチの異常終了",
            ),
            false,
            &[(K::FirstReport, detected + TimeDelta::minutes(30))],
        )
        .await;
        d.clock.set(detected + TimeDelta::minutes(30));
        let detail = d.hoshu.incident_detail(&d.contractor, id).await.unwrap();
        assert!(detail.can_record && !detail.can_decide_exclusion);
        let clocks = &detail.view.clocks;
        assert!(
            state(clocks, SlaItem::FirstReport).is_met(),
            "exactly at the deadline is met"
        );
        assert_eq!(
            state(clocks, SlaItem::FirstIsolation),
            &ClockState::Running {
                deadline: detected + TimeDelta::minutes(30),
                remaining: TimeDelta::zero()
            }
        );
        assert_eq!(
            *state(clocks, SlaItem::ContactFixer),
            ClockState::NotStarted
        );
        assert_eq!(
            detail.view.next_deadline,
            Some(detected + TimeDelta::minutes(30))
        );
        assert!(clocks.iter().all(|c| c.item != SlaItem::ManualRevision));

        // One minute later the isolation is breached; the chief sees it at a glance.
        d.clock.set(detected + TimeDelta::minutes(31));
        let list = d
            .hoshu
            .list_incidents(&d.chief, IncidentListQuery::default())
            .await
            .unwrap();
        assert_eq!(list.len(), 1);
        assert!(state(&list[0].clocks, SlaItem::FirstIsolation).is_breached());
        assert_eq!(list[0].breached, 1);
        let status = d.hoshu.sla_status(&d.chief).await.unwrap();
        assert_eq!(status.fiscal_year, 2026);
        assert_eq!(status.open_incidents, 1);
        assert_eq!(status.breached_incidents, 1);
        assert_eq!(status.breaches.len(), 1);
        assert_eq!(status.breaches[0].item, SlaItem::FirstIsolation);
        assert_eq!(status.upcoming[0].item, SlaItem::FollowUpReport);
        let open = d
            .hoshu
            .list_incidents(
                &d.chief,
                IncidentListQuery {
                    open_only: true,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(open.len(), 1);
    }
);

both!(
    only_the_contractor_records_and_only_the_chief_decides,
    |d| {
        d.clock.set(jst(2026, 4, 10, 10, 0));
        let new = incident(
            jst(2026, 4, 10, 9, 0),
            IncidentCategory::Network,
            "拠点間回線の断",
        );
        for who in [&d.staff, &d.chief, &d.admin] {
            let e = d
                .hoshu
                .record_incident(who, new.clone(), false)
                .await
                .unwrap_err();
            assert_eq!(e.code, ErrorCode::Forbidden);
        }
        let e = d
            .hoshu
            .list_incidents(&d.staff, IncidentListQuery::default())
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden);

        let mut bad = new.clone();
        bad.title = String::new();
        bad.linked_requests = vec![42];
        let e = d
            .hoshu
            .record_incident(&d.contractor, bad, false)
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation);
        let mut bad = new.clone();
        bad.linked_requests = vec![42];
        let e = d
            .hoshu
            .record_incident(&d.contractor, bad, false)
            .await
            .unwrap_err();
        assert!(e.message.contains("#42"), "{}", e.message);

        let id = d
            .hoshu
            .record_incident(&d.contractor, new, false)
            .await
            .unwrap();
        // Stale versions and events before detection are refused.
        let e = d
            .hoshu
            .add_incident_event(
                &d.contractor,
                id,
                7,
                ev(TimelineEventKind::FirstReport, jst(2026, 4, 10, 9, 10)),
            )
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Stale);
        let e = d
            .hoshu
            .add_incident_event(
                &d.contractor,
                id,
                1,
                ev(TimelineEventKind::FirstReport, jst(2026, 4, 10, 8, 0)),
            )
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation);

        let v = d
            .hoshu
            .propose_exclusion(
                &d.contractor,
                id,
                1,
                ExclusionReason::NotContractorService,
                "通信事業者の広域障害（事業者公表あり）",
            )
            .await
            .unwrap();
        let decision = ExclusionDecision {
            approve: true,
            reason: ExclusionReason::NotContractorService,
            note: "通信事業者の広域障害。事業者の障害報告書を確認した。".into(),
            comment: String::new(),
        };
        let e = d
            .hoshu
            .decide_exclusion(&d.contractor, id, v, decision.clone())
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden);
        let refuse = ExclusionDecision {
            approve: false,
            comment: String::new(),
            ..decision.clone()
        };
        let e = d
            .hoshu
            .decide_exclusion(&d.chief, id, v, refuse)
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation, "refusing needs a reason");
        assert_eq!(
            d.hoshu
                .sla_status(&d.chief)
                .await
                .unwrap()
                .pending_exclusions,
            1
        );
        d.hoshu
            .decide_exclusion(&d.chief, id, v, decision)
            .await
            .unwrap();
        let detail = d.hoshu.incident_detail(&d.chief, id).await.unwrap();
        assert!(detail.can_decide_exclusion);
        assert!(detail.view.excluded);
        let x = detail.view.record.exclusion.unwrap();
        assert_eq!(x.decided_by_name.as_deref(), Some("chief 氏名"));
        // Excluded: its breached clocks are kept but not counted.
        d.clock.set(jst(2026, 4, 11, 10, 0));
        let status = d.hoshu.sla_status(&d.chief).await.unwrap();
        assert_eq!(status.breached_incidents, 0);
        assert!(status.attainment.is_empty());
        assert_eq!(status.pending_exclusions, 0);
        let list = d
            .hoshu
            .list_incidents(&d.chief, IncidentListQuery::default())
            .await
            .unwrap();
        assert!(list[0].breached > 0);

        // Every step is in the audit chain.
        assert!(d.hoshu.verify_audit().await.unwrap().is_ok());
    }
);

both!(sla_targets_are_settings_for_the_administrator, |d| {
    assert_eq!(
        d.hoshu.sla_targets(&d.contractor).await.unwrap(),
        SlaTargets::default()
    );
    let targets = SlaTargets {
        first_report_minutes: 20,
        ..SlaTargets::default()
    };
    let e = d
        .hoshu
        .update_sla_targets(&d.chief, targets)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let e = d
        .hoshu
        .update_sla_targets(
            &d.admin,
            SlaTargets {
                contact_fixer_minutes: 0,
                ..targets
            },
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    d.hoshu.update_sla_targets(&d.admin, targets).await.unwrap();
    assert_eq!(d.hoshu.sla_targets(&d.chief).await.unwrap(), targets);

    // The clocks follow the new target: a first report at +25 min is now late.
    let detected = jst(2026, 4, 14, 10, 0);
    let id = record_with(
        &d,
        incident(detected, IncidentCategory::Software, "画面表示の不具合"),
        false,
        &[(
            TimelineEventKind::FirstReport,
            detected + TimeDelta::minutes(25),
        )],
    )
    .await;
    let detail = d.hoshu.incident_detail(&d.chief, id).await.unwrap();
    assert!(state(&detail.view.clocks, SlaItem::FirstReport).is_breached());
});

async fn file_and_answer(
    d: &Desk,
    kind: RequestKind,
    filed: DateTime<Utc>,
    answered: DateTime<Utc>,
) {
    d.clock.set(filed);
    let id = d
        .hoshu
        .file_request(
            &d.staff,
            NewRequest {
                kind,
                work_sub_kind: None,
                office: "kita_chuo".into(),
                title: "照会".into(),
                body: "内容".into(),
                details: Default::default(),
            },
        )
        .await
        .unwrap();
    d.clock.set(answered);
    d.hoshu
        .transition_request(
            &d.contractor,
            id,
            TransitionInput {
                action: RequestAction::Answer,
                expected_version: 1,
                text: "回答します。".into(),
            },
        )
        .await
        .unwrap();
}

both!(monthly_and_annual_figures_match_a_hand_count, |d| {
    use TimelineEventKind as K;
    // Requests in May 2026; service hours 8:00–19:00 on open days.
    // 5/8 (Fri) 10:00 → 11:30: 90 min. 5/11 (Mon) 18:00 → 5/12 9:30: 60 + 90 = 150 min.
    // 5/13 9:00 → 9:20: 20 min. Median 90; 90th percentile = 3rd of 3 = 150.
    file_and_answer(
        &d,
        RequestKind::Inquiry,
        jst(2026, 5, 8, 10, 0),
        jst(2026, 5, 8, 11, 30),
    )
    .await;
    file_and_answer(
        &d,
        RequestKind::Inquiry,
        jst(2026, 5, 11, 18, 0),
        jst(2026, 5, 12, 9, 30),
    )
    .await;
    file_and_answer(
        &d,
        RequestKind::Investigation,
        jst(2026, 5, 13, 9, 0),
        jst(2026, 5, 13, 9, 20),
    )
    .await;

    // Incident A (network): every 24/365 item met.
    let a0 = jst(2026, 5, 18, 10, 0);
    let m = |t: DateTime<Utc>, min: i64| t + TimeDelta::minutes(min);
    record_with(
        &d,
        incident(a0, IncidentCategory::Network, "拠点間回線の瞬断"),
        false,
        &[
            (K::FirstReport, m(a0, 10)),
            (K::FirstIsolation, m(a0, 40)),
            (K::ContactFixer, m(a0, 45)),
            (K::FollowUpReport, m(a0, 100)),
            (K::Recovery, m(a0, 110)),
            (K::IncidentReport, jst(2026, 5, 19, 15, 0)),
        ],
    )
    .await;
    // Incident B (job failure at night): isolation at +40 min, 10 min late.
    let b0 = jst(2026, 5, 20, 1, 0);
    record_with(
        &d,
        incident(b0, IncidentCategory::JobFailure, "夜間バッチの異常終了"),
        false,
        &[
            (K::FirstReport, m(b0, 20)),
            (K::FirstIsolation, m(b0, 40)),
            (K::ContactFixer, m(b0, 45)),
            (K::FollowUpReport, m(b0, 110)),
            (K::Recovery, m(b0, 150)),
            (K::IncidentReport, jst(2026, 5, 20, 17, 0)),
        ],
    )
    .await;
    // Incident C (infra): everything late, but excluded by the chief.
    let c0 = jst(2026, 5, 25, 9, 0);
    let c = record_with(
        &d,
        incident(c0, IncidentCategory::InfraMiddleware, "クラウド基盤の障害"),
        false,
        &[(K::FirstReport, m(c0, 90))],
    )
    .await;
    d.clock.set(jst(2026, 5, 26, 9, 0));
    let v = d
        .hoshu
        .incident_detail(&d.chief, c)
        .await
        .unwrap()
        .view
        .record
        .version;
    d.hoshu
        .decide_exclusion(
            &d.chief,
            c,
            v,
            ExclusionDecision {
                approve: true,
                reason: ExclusionReason::NotContractorService,
                note: "ガバメントクラウドの障害（CSP公表あり）".into(),
                comment: String::new(),
            },
        )
        .await
        .unwrap();

    d.clock.set(jst(2026, 6, 3, 10, 0));
    let r = d
        .hoshu
        .monthly_report(&d.contractor, 2026, 5)
        .await
        .unwrap();
    let kind = |label: &str| r.by_kind.iter().find(|k| k.label == label).unwrap().clone();
    assert_eq!((kind("問合せ").received, kind("問合せ").answered), (2, 2));
    assert_eq!(
        (kind("調査依頼").received, kind("調査依頼").answered),
        (1, 1)
    );
    assert_eq!(r.by_kind.iter().map(|k| k.received).sum::<u64>(), 3);
    let kita = r.by_office.iter().find(|o| o.received > 0).unwrap();
    assert_eq!((kita.received, kita.answered), (3, 3));
    assert_eq!(r.answered, 3);
    assert_eq!(r.median_minutes, Some(90.0));
    assert_eq!(r.p90_minutes, Some(150.0));
    let cat = |label: &str| {
        let c = r
            .incidents_by_category
            .iter()
            .find(|c| c.label == label)
            .unwrap();
        (c.counted, c.excluded)
    };
    assert_eq!(cat("ネットワーク"), (1, 0));
    assert_eq!(cat("ジョブ異常"), (1, 0));
    assert_eq!(cat("インフラ／ミドルウェア"), (0, 1));
    let sla = |item: &str| r.sla.iter().find(|s| s.item == item).unwrap().clone();
    assert_eq!((sla("一次報告").met, sla("一次報告").breached), (2, 0));
    let iso = sla("一次切り分け");
    assert_eq!((iso.met, iso.breached, iso.rate), (1, 1, Some(0.5)));
    assert_eq!(iso.target, "45分以内（ジョブ異常 30分以内）");
    assert_eq!(sla("障害報告").met, 2);
    // All three requests answered within 8 service hours.
    assert_eq!(
        (sla("問合せ回答").met, sla("問合せ回答").rate),
        (3, Some(1.0))
    );
    assert_eq!(r.incidents.len(), 2);
    assert_eq!(r.incidents[1].breaches, "一次切り分け");
    assert_eq!(r.excluded.len(), 1);
    assert_eq!(r.excluded[0].id, c);
    assert!(r.excluded[0].reason.starts_with("(1)"));

    // The fiscal year 2026: the same incidents; the breach listed with its late event.
    let y = d.hoshu.annual_report(&d.chief, 2026).await.unwrap();
    assert_eq!((y.incidents, y.excluded_incidents, y.requests), (3, 1, 3));
    assert_eq!(y.breaches.len(), 1);
    assert_eq!(y.breaches[0].item, "一次切り分け");
    assert_eq!(y.breaches[0].note, "一次切り分けを実施");
    assert_eq!(y.incidents_by_month[1], ("5月".to_string(), 3));
    let iso = y.sla.iter().find(|s| s.item == "一次切り分け").unwrap();
    // Measured: 40 and 40 minutes.
    assert_eq!(iso.measured, "平均 40分／最長 40分");

    // Documents: staff may not render; the contractor gets PDF and .xlsx.
    let e = d
        .hoshu
        .render_monthly_report(&d.staff, 2026, 5, ReportFormat::Pdf)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let pdf = d
        .hoshu
        .render_monthly_report(&d.contractor, 2026, 5, ReportFormat::Pdf)
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let xlsx = d
        .hoshu
        .render_monthly_report(&d.contractor, 2026, 5, ReportFormat::Xlsx)
        .await
        .unwrap();
    assert!(xlsx.starts_with(b"PK"));
    let pdf = d.hoshu.render_annual_report(&d.chief, 2026).await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
});

both!(
    unmet_items_are_listed_exactly_as_the_sla_table_counts_them,
    |d| {
        use TimelineEventKind as K;
        // A: filed Friday 5/8 10:00, the desk notes why on Monday, answered Tuesday 10:00 —
        // 14 service hours late. B: filed 5/14, never answered. C: answered in 20 minutes.
        d.clock.set(jst(2026, 5, 8, 10, 0));
        let new = |title: &str| NewRequest {
            kind: RequestKind::Inquiry,
            work_sub_kind: None,
            office: "kita_chuo".into(),
            title: title.into(),
            body: "内容".into(),
            details: Default::default(),
        };
        let a = d
            .hoshu
            .file_request(&d.staff, new("保護費の再計算"))
            .await
            .unwrap();
        d.clock.set(jst(2026, 5, 11, 9, 0));
        d.hoshu
            .comment_on_request(&d.contractor, a, "パッケージベンダーに仕様を照会中です。")
            .await
            .unwrap();
        d.clock.set(jst(2026, 5, 12, 10, 0));
        d.hoshu
            .transition_request(
                &d.contractor,
                a,
                TransitionInput {
                    action: RequestAction::Answer,
                    expected_version: 1,
                    text: "回答します。".into(),
                },
            )
            .await
            .unwrap();
        d.clock.set(jst(2026, 5, 14, 9, 0));
        let b = d
            .hoshu
            .file_request(&d.staff, new("帳票の文字化け"))
            .await
            .unwrap();
        file_and_answer(
            &d,
            RequestKind::Inquiry,
            jst(2026, 5, 15, 9, 0),
            jst(2026, 5, 15, 9, 20),
        )
        .await;
        // An incident isolated 15 minutes late.
        let i0 = jst(2026, 5, 20, 10, 0);
        let m = |min: i64| i0 + TimeDelta::minutes(min);
        let i = record_with(
            &d,
            incident(i0, IncidentCategory::Network, "拠点間回線の断"),
            false,
            &[
                (K::FirstReport, m(10)),
                (K::FirstIsolation, m(60)),
                (K::ContactFixer, m(65)),
                (K::FollowUpReport, m(100)),
                (K::Recovery, m(110)),
                (K::IncidentReport, jst(2026, 5, 21, 15, 0)),
            ],
        )
        .await;

        d.clock.set(jst(2026, 6, 3, 10, 0));
        let monthly = d
            .hoshu
            .monthly_report(&d.contractor, 2026, 5)
            .await
            .unwrap();
        let annual = d.hoshu.annual_report(&d.chief, 2026).await.unwrap();
        for (sla, breaches) in [
            (&monthly.sla, &monthly.breaches),
            (&annual.sla, &annual.breaches),
        ] {
            let unmet: u64 = sla.iter().map(|r| r.breached).sum();
            assert_eq!(unmet, 3);
            assert_eq!(breaches.len(), 3);
            for row in sla {
                let listed = breaches.iter().filter(|b| b.item == row.item).count();
                assert_eq!(listed as u64, row.breached, "{}", row.item);
            }
            let subjects: Vec<&str> = breaches.iter().map(|b| b.subject.as_str()).collect();
            assert_eq!(
                subjects,
                [
                    format!("依頼 #{a}"),
                    format!("依頼 #{b}"),
                    format!("障害 #{i}")
                ]
            );
            assert_eq!(breaches[0].title, "保護費の再計算");
            assert_eq!(breaches[0].late, "14時間");
            assert_eq!(breaches[0].note, "パッケージベンダーに仕様を照会中です。");
            assert_eq!(breaches[1].done, "未実施");
            assert_eq!(breaches[1].note, "記録なし");
            assert_eq!(breaches[2].item, "一次切り分け");
            assert_eq!(breaches[2].late, "15分");
            assert_eq!(breaches[2].note, "一次切り分けを実施");
        }
    }
);
