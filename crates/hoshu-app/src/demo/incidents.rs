//! Incidents of the demo period, with their clocks.

use super::*;

/// (category, severity, title, summary, affected systems, concerns operation)
pub(super) type IncidentTemplate = (
    hoshu_core::incident::IncidentCategory,
    hoshu_core::incident::Severity,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

pub(super) const INCIDENT_TEMPLATES: &[IncidentTemplate] = {
    use hoshu_core::incident::IncidentCategory as C;
    use hoshu_core::incident::Severity as S;
    &[
        (
            C::JobFailure,
            S::High,
            "夜間バッチ（レセプト取込）の異常終了",
            "ジョブ監視で取込ジョブの異常終了（リターンコード 12）を検知。入力ファイルの件数不一致が原因と推定。",
            "レセプト管理システム 夜間バッチ",
            true,
        ),
        (
            C::JobFailure,
            S::Medium,
            "月次集計バッチの処理遅延",
            "月次集計ジョブが予定終了時刻を超過。前段ジョブの遅延による待ち合わせが発生。",
            "レセプト管理システム 月次バッチ",
            true,
        ),
        (
            C::JobFailure,
            S::High,
            "医療券発行データ作成ジョブの異常終了",
            "帳票出力ジョブがディスク容量不足で異常終了。一時領域の削除漏れを確認。",
            "レセプト管理システム 帳票サーバー",
            true,
        ),
        (
            C::Network,
            S::High,
            "拠点間回線の断（東区福祉事務所）",
            "東区福祉事務所からシステムへ接続できない旨の連絡。ルーター配下の通信断を確認。",
            "庁内ネットワーク 東区拠点",
            false,
        ),
        (
            C::Network,
            S::Medium,
            "VPN装置の瞬断による接続エラー",
            "複数拠点で一時的に画面がタイムアウト。VPN装置のセッション再確立を確認。",
            "VPN装置",
            false,
        ),
        (
            C::InfraMiddleware,
            S::Critical,
            "データベースサーバーの応答遅延",
            "全拠点で画面表示に30秒以上を要する。DBのロック待ちが多発。",
            "レセプト管理システム DBサーバー",
            false,
        ),
        (
            C::InfraMiddleware,
            S::High,
            "APサーバーのメモリ枯渇による再起動",
            "APサーバーでメモリ不足のアラートを検知し、サービスが停止。",
            "レセプト管理システム APサーバー",
            true,
        ),
        (
            C::Software,
            S::Medium,
            "レセプト一覧画面の表示不具合",
            "特定条件で検索するとレセプト一覧が空で表示される。",
            "レセプト管理システム 画面",
            false,
        ),
        (
            C::Software,
            S::Low,
            "帳票の和暦表示誤り",
            "一部帳票で改元前の年号が表示される。",
            "レセプト管理システム 帳票",
            false,
        ),
    ]
};

/// Two years of incidents with realistic timelines: most items met, some late, three
/// excluded by the chief. Deterministic for the seed.
pub(super) async fn generate_incidents(
    tx: &mut Tx<'_>,
    rng: &mut ChaCha8Rng,
    people: &People,
    calendar: &Calendar,
    from: NaiveDate,
    end: DateTime<Utc>,
) -> AppResult<usize> {
    use crate::incidents::{
        ExclusionDecision, add_event, decide_exclusion, propose_exclusion, record,
    };
    use hoshu_core::incident::{
        ExclusionReason, IncidentCategory, NewIncident, TimelineEvent, TimelineEventKind as K,
    };
    let exclusions: [(usize, ExclusionReason, &str); 3] = [
        (
            4,
            ExclusionReason::NotContractorService,
            "通信事業者の広域障害による回線断。事業者の障害報告（公表資料）を確認した。",
        ),
        (
            13,
            ExclusionReason::ThirdPartyProduct,
            "OSベンダーが未公表だった不具合によるもの。ベンダーの回答書を確認した。",
        ),
        (
            21,
            ExclusionReason::DisasterOrAttack,
            "落雷による庁舎の停電に起因する。",
        ),
    ];
    let contractor = &people.contractors[0];
    let mut count = 0;
    let mut month = from;
    while tokyo_day_start(month) < end {
        for _ in 0..rng.gen_range(1..=2) {
            let tpl = INCIDENT_TEMPLATES[rng.gen_range(0..INCIDENT_TEMPLATES.len())];
            let day = month + TimeDelta::days(rng.gen_range(0..28));
            let night = tpl.0 == IncidentCategory::JobFailure;
            let detected = at(
                day,
                if night {
                    rng.gen_range(0..6)
                } else {
                    rng.gen_range(8..18)
                },
                rng.gen_range(0..60),
            );
            if detected >= end {
                continue;
            }
            let late = rng.gen_range(0..10) == 0;
            let minutes =
                |rng: &mut ChaCha8Rng, lo: i64, hi: i64| TimeDelta::minutes(rng.gen_range(lo..=hi));
            let first_report = detected + minutes(rng, 5, if late { 45 } else { 25 });
            let isolation = detected + minutes(rng, 10, if late { 60 } else { 28 });
            let contact = isolation + minutes(rng, 2, 9);
            let follow_up = detected + minutes(rng, 50, 115);
            let recovery = detected + minutes(rng, 70, 280);
            let report_day =
                calendar.add_open_days(tokyo(recovery).date_naive(), if late { 2 } else { 1 });
            let report = at(report_day, rng.gen_range(9..17), rng.gen_range(0..60)).max(recovery);
            let mut events = vec![
                (K::FirstReport, first_report, "市担当者へ電話で一次報告。"),
                (
                    K::FirstIsolation,
                    isolation,
                    "ログと監視画面から影響範囲を切り分け。",
                ),
                (K::ContactFixer, contact, "対処担当（基盤チーム）へ連絡。"),
                (K::FollowUpReport, follow_up, "調査状況をメールで続報。"),
                (K::Recovery, recovery, "復旧を確認し、各拠点へ周知。"),
                (K::IncidentReport, report, "障害報告書を提出。"),
            ];
            if tpl.5 {
                let meeting = at(calendar.add_open_days(report_day, 2), 14, 0);
                let revision = at(calendar.add_open_days(meeting.date_naive(), 3), 16, 0);
                events.push((K::PreventionMeeting, meeting, "再発防止検討会を開催。"));
                events.push((K::ManualRevision, revision, "運用手順書を改版。"));
            }
            let id = record(
                tx,
                contractor,
                NewIncident {
                    detected_at: detected,
                    category: tpl.0,
                    severity: tpl.1,
                    title: tpl.2.to_string(),
                    summary: tpl.3.to_string(),
                    affected_offices: Vec::new(),
                    affected_systems: tpl.4.to_string(),
                    linked_requests: Vec::new(),
                },
                tpl.5,
                detected,
            )
            .await?;
            let mut version = 1;
            events.sort_by_key(|e| e.1);
            for (kind, when, note) in events {
                if when >= end {
                    break;
                }
                let event = TimelineEvent {
                    kind,
                    at: when,
                    note: note.to_string(),
                };
                version = add_event(tx, contractor, id, version, event, when).await?;
            }
            if let Some((_, reason, note)) = exclusions.iter().find(|(k, _, _)| *k == count) {
                let when = (detected + TimeDelta::days(3)).min(end);
                version =
                    propose_exclusion(tx, contractor, id, version, *reason, note, when).await?;
                let decided = (when + TimeDelta::days(2)).min(end);
                decide_exclusion(
                    tx,
                    &people.chief,
                    id,
                    version,
                    ExclusionDecision {
                        approve: true,
                        reason: *reason,
                        note: note.to_string(),
                        comment: String::new(),
                    },
                    decided,
                )
                .await?;
            }
            count += 1;
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(month + TimeDelta::days(31));
    }
    Ok(count)
}
