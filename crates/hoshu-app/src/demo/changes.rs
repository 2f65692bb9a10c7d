//! Planned changes of the demo period.

use super::*;
use hoshu_core::business_schedule::{ScheduleMonth, last_closed_day};

/// Monthly maintenance every month, releases, security patches and data patches; a few
/// rejected or withdrawn; next month's work approved, pending or still a draft.
pub(super) async fn generate_changes(
    tx: &mut Tx<'_>,
    rng: &mut ChaCha8Rng,
    people: &People,
    from: NaiveDate,
    today: NaiveDate,
) -> AppResult<usize> {
    let pm = &people.contractors[0];
    let chief = &people.chief;
    let now_end = at(today, 8, 0);
    let mut count = 0;
    let mut month = from;
    let last = today + TimeDelta::days(62);
    while month <= last {
        let (y, m) = (month.year(), month.month());
        let mut plans: Vec<ChangeProposal> = Vec::new();
        if let Some((s, e)) = monthly_maintenance_window(y, m) {
            plans.push(proposal(
                ChangeKind::PlannedOutage,
                Some(OutageReason::MonthlyMaintenance),
                None,
                format!("{}月度 月次メンテナンス", m),
                s,
                e,
            ));
        }
        let release_day = month_end_holiday(y, m);
        let s = at(release_day, 9, 0);
        let mut release = proposal(
            ChangeKind::Release,
            None,
            Some(ReleaseKind::Regular),
            format!("{}月 定期リリース（帳票改善・不具合修正）", m),
            s,
            s + TimeDelta::hours(4),
        );
        release.test_verification = Some(format!(
            "{}に検証環境で回帰テスト{}件を実施し、全件合格。",
            hoshu_core::wareki::long(release_day - TimeDelta::days(10)),
            rng.gen_range(30..80)
        ));
        plans.push(release);
        if m % 3 == 0 {
            let day = first_weekday_after(release_day - TimeDelta::days(14));
            let s = at(day, 19, 30);
            plans.push(proposal(
                ChangeKind::PlannedOutage,
                Some(OutageReason::SecurityPatch),
                None,
                format!("{}月 OSセキュリティパッチ適用", m),
                s,
                s + TimeDelta::hours(3),
            ));
        }
        if m % 4 == 1 {
            let day = first_weekday_after(month + TimeDelta::days(9));
            let s = at(day, 19, 30);
            let mut patch = proposal(
                ChangeKind::DataPatch,
                None,
                None,
                format!("{}月 医療扶助決定額の再計算データ補正", m),
                s,
                s + TimeDelta::hours(1),
            );
            patch.instruction_ref = Some(format!(
                "生活保護・自立支援課 指示書 第{}号",
                rng.gen_range(10..99)
            ));
            plans.push(patch);
        }
        for p in plans {
            let proposed_at = p.window_start - TimeDelta::days(14);
            if proposed_at >= now_end {
                continue;
            }
            let id = propose(tx, pm, p.clone(), proposed_at).await?;
            count += 1;
            let submitted_at = proposed_at + TimeDelta::days(1);
            if submitted_at >= now_end {
                continue;
            }
            let mut version = decide(
                tx,
                pm,
                id,
                1,
                ChangeStep {
                    action: ChangeAction::Submit,
                    comment: "",
                    clashes: ClashAcknowledgement::Unacknowledged,
                },
                submitted_at,
            )
            .await?;
            let decided_at = submitted_at + TimeDelta::days(2);
            if decided_at >= now_end {
                continue;
            }
            if rng.gen_ratio(1, 12) {
                decide(
                    tx,
                    chief,
                    id,
                    version,
                    ChangeStep {
                        action: ChangeAction::Reject,
                        comment: "業務繁忙期と重なるため、日程を再調整してください。",
                        clashes: ClashAcknowledgement::Unacknowledged,
                    },
                    decided_at,
                )
                .await?;
                continue;
            }
            version = decide(
                tx,
                chief,
                id,
                version,
                ChangeStep {
                    action: ChangeAction::Approve,
                    comment: "承認します。",
                    // The chief approves having read the conflict check, as the screen requires.
                    clashes: ClashAcknowledgement::Acknowledged,
                },
                decided_at,
            )
            .await?;
            let done_at = p.window_end + TimeDelta::hours(1);
            if done_at >= now_end {
                continue;
            }
            if rng.gen_ratio(1, 30) {
                decide(
                    tx,
                    pm,
                    id,
                    version,
                    ChangeStep {
                        action: ChangeAction::Withdraw,
                        comment: "",
                        clashes: ClashAcknowledgement::Unacknowledged,
                    },
                    p.window_start - TimeDelta::days(1),
                )
                .await?;
                continue;
            }
            let outcome = if rng.gen_ratio(1, 20) {
                ChangeOutcome::Failed
            } else {
                ChangeOutcome::Succeeded
            };
            complete(
                tx,
                pm,
                id,
                version,
                ChangeResult {
                    outcome,
                    executed_start: p.window_start,
                    executed_end: p.window_end - TimeDelta::minutes(rng.gen_range(0..60)),
                    notes: match outcome {
                        ChangeOutcome::Failed => {
                            "適用後の動作確認で不具合を検知したため切り戻しを実施。業務影響なし。"
                                .into()
                        }
                        _ => "予定どおり完了し、動作確認を実施。業務影響なし。".into(),
                    },
                },
                done_at,
            )
            .await?;
        }
        month = NaiveDate::from_ymd_opt(
            if m == 12 { y + 1 } else { y },
            if m == 12 { 1 } else { m + 1 },
            1,
        )
        .unwrap_or(last + TimeDelta::days(1));
    }
    Ok(count)
}

pub(super) fn proposal(
    kind: ChangeKind,
    outage_reason: Option<OutageReason>,
    release_kind: Option<ReleaseKind>,
    title: String,
    window_start: DateTime<Utc>,
    window_end: DateTime<Utc>,
) -> ChangeProposal {
    ChangeProposal {
        kind,
        outage_reason,
        release_kind,
        description: format!(
            "{title}を実施する。作業手順書に従い、作業前後にバックアップと動作確認を行う。"
        ),
        title,
        window_start,
        window_end,
        affected_systems: "生活保護レセプト管理システム 本番環境".into(),
        affected_offices: Vec::new(),
        impact: "作業時間中は全福祉事務所でシステムを利用できない。".into(),
        rollback_plan: "作業前に取得したバックアップから復元し、切り戻し後に動作確認を行う。"
            .into(),
        test_verification: None,
        instruction_ref: None,
    }
}

/// The last closed day of the month (003 2.1: regular releases on the month-end holiday), by
/// the rule the 業務日程表 places the regular release with.
pub(super) fn month_end_holiday(y: i32, m: u32) -> NaiveDate {
    ScheduleMonth::new(y, m)
        .ok()
        .and_then(|month| last_closed_day(month, &Calendar::default()))
        .unwrap_or_default()
}

pub(super) fn first_weekday_after(d: NaiveDate) -> NaiveDate {
    Calendar::default().open_day_on_or_after(d)
}
