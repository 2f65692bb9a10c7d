//! Incidents, their SLA clocks, exclusions and the SLA targets on both databases; and the
//! figures of the monthly and annual reports against figures computed here by hand.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use hoshu_app::{ErrorCode, ExclusionDecision, Hoshu, IncidentListQuery, ManualClock, Session};
use hoshu_core::Role;
use hoshu_core::account::NewAccountInput;
use hoshu_core::incident::{
    ExclusionReason, IncidentCategory, NewIncident, Severity, TimelineEvent, TimelineEventKind,
};
use hoshu_core::sla::{ClockState, SlaItem, SlaTargets};
use hoshu_store::testing::TestDatabase;
use hoshu_store::{Backend, Store};
use std::future::Future;
use std::sync::Arc;

const PASSWORD: &str = "correct-horse-1";

fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    hoshu_core::calendar::TOKYO
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

struct Desk {
    hoshu: Hoshu,
    clock: Arc<ManualClock>,
    admin: Session,
    staff: Session,
    chief: Session,
    contractor: Session,
}

async fn desk(db: &TestDatabase) -> Desk {
    let clock = Arc::new(ManualClock::new(jst(2026, 4, 1, 8, 0)));
    let store = Store::connect(&db.url).await.expect("connect");
    let hoshu = Hoshu::new(store, clock.clone());
    assert!(hoshu.initialise("kanri-pass-2026").await.unwrap());
    let admin = hoshu.login("admin", "kanri-pass-2026").await.unwrap();
    for (login, role, office) in [
        ("staff01", Role::Staff, "kita_chuo"),
        ("chief", Role::Chief, "section"),
        ("contractor", Role::Contractor, "contractor"),
    ] {
        hoshu
            .create_account(
                &admin,
                NewAccountInput {
                    login: login.into(),
                    display_name: format!("{login} 氏名"),
                    role,
                    office: office.into(),
                    password: PASSWORD.into(),
                },
            )
            .await
            .unwrap();
    }
    let login = async |l: &str| hoshu.login(l, PASSWORD).await.unwrap();
    Desk {
        staff: login("staff01").await,
        chief: login("chief").await,
        contractor: login("contractor").await,
        hoshu: hoshu.clone(),
        clock,
        admin,
    }
}

async fn on<F, Fut>(backend: Backend, body: F)
where
    F: FnOnce(Desk) -> Fut,
    Fut: Future<Output = ()>,
{
    let db = TestDatabase::new(backend).await;
    let d = desk(&db).await;
    let store = d.hoshu.store().clone();
    body(d).await;
    store.close().await;
    db.remove().await;
}

macro_rules! both {
    ($name:ident, |$d:ident| $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                on(Backend::Sqlite, |$d: Desk| async move { $body }).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                on(Backend::Postgres, |$d: Desk| async move { $body }).await;
            }
        }
    };
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
