//! 引継計画書 and 引継書 from the records: the plan's version as the template wants it, and the
//! handover document's chapters read from one snapshot when the package is made.

use super::views::contract_view;
use crate::error::AppResult;
use crate::settings::DeskSettings;
use chrono::{DateTime, Utc};
use hoshu_core::calendar::tokyo;
use hoshu_core::contract::ContractInfo as ContractRecord;
use hoshu_core::handover::{HandoverPlanStatus, HandoverPlanVersion};
use hoshu_core::incident::TimelineEventKind;
use hoshu_core::register::IssueStatus;
use hoshu_core::{Role, wareki};
use hoshu_docs::templates::{
    HandoverBookDoc, HandoverChapter, HandoverMemberRow, HandoverPlanDoc, HandoverPlanState,
    HandoverScheduleRow, date_plain,
};
use hoshu_store::{RegisterFilter, RequestFilter, Tx};

/// The plan of `version` as a document: 「案」 unless this version is the approved one.
pub(super) fn plan_doc(
    v: &HandoverPlanVersion,
    contract: &ContractRecord,
    now: DateTime<Utc>,
) -> HandoverPlanDoc {
    let state = match (v.status, &v.decided_by_name, v.decided_at) {
        (HandoverPlanStatus::Approved, Some(by), Some(at)) => HandoverPlanState::Approved {
            by: by.clone(),
            on: tokyo(at).date_naive(),
        },
        _ => HandoverPlanState::Draft,
    };
    HandoverPlanDoc {
        contract: contract_view(contract),
        next_contractor: v.plan.next_contractor.clone(),
        version: v.version,
        members: v
            .plan
            .members
            .iter()
            .map(|m| HandoverMemberRow {
                party: m.party.label().to_owned(),
                name: m.name.clone(),
                role: m.role.clone(),
            })
            .collect(),
        schedule: v
            .plan
            .schedule
            .iter()
            .map(|s| HandoverScheduleRow {
                what: s.what.clone(),
                from: s.from,
                to: s.to,
                who: s.who.label().to_owned(),
            })
            .collect(),
        notes: v.plan.notes.clone(),
        state,
        author: v.edited_by_name.clone(),
        created_at: tokyo(now).naive_local(),
    }
}

fn chapter(
    title: &str,
    lead: String,
    columns: &[(&str, f32)],
    rows: Vec<Vec<String>>,
    when_empty: &str,
) -> HandoverChapter {
    HandoverChapter {
        title: title.to_owned(),
        lead,
        columns: columns.iter().map(|(c, w)| ((*c).to_owned(), *w)).collect(),
        rows,
        when_empty: when_empty.to_owned(),
    }
}

fn when(t: DateTime<Utc>) -> String {
    wareki::short(tokyo(t).date_naive())
}

/// 引継書 as of `now`: the contract and its systems, the recurring work, what is still open
/// (requests, register items, incidents), whom to contact, the settings and the plan.
pub(super) async fn book_doc(
    tx: &mut Tx<'_>,
    contract: &ContractRecord,
    author: &str,
    now: DateTime<Utc>,
) -> AppResult<HandoverBookDoc> {
    let mut chapters = Vec::new();
    chapters.push(chapter(
        "対象システムと業務範囲",
        format!(
            "{}（契約番号 {}）。担当課は{}、本市の責任者は{}、受託者の業務責任者は{}。",
            contract.contract_name,
            if contract.contract_number.is_empty() {
                "未定"
            } else {
                &contract.contract_number
            },
            contract.city_department,
            contract.city_responsible,
            contract.contractor_responsible,
        ),
        &[],
        Vec::new(),
        "",
    ));

    let checks = tx.list_check_items().await?;
    chapters.push(chapter(
        "定常業務：点検項目",
        "日常点検として記録している項目と頻度。".into(),
        &[
            ("点検項目", 3.0),
            ("頻度", 1.0),
            ("開始日", 1.2),
            ("状態", 0.8),
        ],
        checks
            .iter()
            .map(|c| {
                vec![
                    c.item.name.clone(),
                    c.item.frequency.label().to_owned(),
                    date_plain(c.item.since),
                    if c.item.active { "実施中" } else { "停止" }.to_owned(),
                ]
            })
            .collect(),
        "点検項目は登録されていない。",
    ));
    let nets = tx.list_job_nets().await?;
    chapters.push(chapter(
        "定常業務：ジョブネットと実行予定",
        "バッチ処理のジョブネットと、その実行日・予定開始時刻・予定時間。".into(),
        &[
            ("ジョブネット", 2.5),
            ("実行日", 1.0),
            ("予定開始", 1.0),
            ("予定時間", 1.0),
            ("状態", 0.8),
        ],
        nets.iter()
            .map(|n| {
                vec![
                    n.net.name.clone(),
                    n.net.schedule.label().to_owned(),
                    n.net.planned_start.format("%H:%M").to_string(),
                    format!("{}分", n.net.planned_minutes),
                    if n.net.active { "運用中" } else { "停止" }.to_owned(),
                ]
            })
            .collect(),
        "ジョブネットは登録されていない。",
    ));

    let mut open_requests = Vec::new();
    loop {
        let page = tx
            .list_requests(&RequestFilter {
                open_only: true,
                limit: 500,
                offset: open_requests.len() as i64,
                ..RequestFilter::default()
            })
            .await?;
        let got = page.items.len();
        open_requests.extend(page.items);
        if got == 0 || open_requests.len() as i64 >= page.total {
            break;
        }
    }
    chapters.push(chapter(
        "未完了の依頼",
        format!("{}件。", open_requests.len()),
        &[
            ("番号", 0.6),
            ("件名", 3.0),
            ("種別", 1.0),
            ("状態", 0.9),
            ("担当", 1.0),
            ("起票日", 1.0),
        ],
        open_requests
            .iter()
            .map(|r| {
                vec![
                    format!("#{}", r.id),
                    r.title.clone(),
                    r.kind.label().to_owned(),
                    r.status.label().to_owned(),
                    r.assignee_name.clone().unwrap_or_else(|| "未割当".into()),
                    when(r.filed_at),
                ]
            })
            .collect(),
        "未完了の依頼はない。",
    ));

    let register = tx
        .list_register_items(&RegisterFilter {
            statuses: vec![
                IssueStatus::Open,
                IssueStatus::InProgress,
                IssueStatus::OnHold,
            ],
            limit: i64::from(u16::MAX),
            ..RegisterFilter::default()
        })
        .await?;
    chapters.push(chapter(
        "未完了の課題（課題管理表）",
        format!("{}件。", register.items.len()),
        &[
            ("No.", 0.5),
            ("件名", 3.0),
            ("状態", 0.8),
            ("担当", 1.0),
            ("期限", 1.0),
        ],
        register
            .items
            .iter()
            .map(|i| {
                vec![
                    i.no.to_string(),
                    i.item.title.clone(),
                    i.item.status.label().to_owned(),
                    i.item.owner.clone(),
                    i.item.due.map(wareki::short).unwrap_or_else(|| "—".into()),
                ]
            })
            .collect(),
        "未完了の課題はない。",
    ));

    // An incident is open until its recovery is on the timeline.
    let incidents = tx.list_incidents(None, None).await?;
    chapters.push(chapter(
        "未復旧の障害",
        String::new(),
        &[
            ("番号", 0.6),
            ("件名", 3.0),
            ("区分", 1.2),
            ("重大度", 0.8),
            ("検知", 1.0),
        ],
        incidents
            .iter()
            .filter(|i| {
                !i.events
                    .iter()
                    .any(|e| e.event.kind == TimelineEventKind::Recovery)
            })
            .map(|i| {
                vec![
                    format!("#{}", i.id),
                    i.incident.title.clone(),
                    i.incident.category.label().to_owned(),
                    i.incident.severity.label().to_owned(),
                    when(i.incident.detected_at),
                ]
            })
            .collect(),
        "未復旧の障害はない。",
    ));

    let offices = tx.list_offices().await?;
    let office_name = |code: &str| {
        offices
            .iter()
            .find(|o| o.code == code)
            .map_or_else(|| code.to_owned(), |o| o.name.clone())
    };
    chapters.push(chapter(
        "連絡先",
        "担当課と受託者の利用者（無効なアカウントを除く）。".into(),
        &[("氏名", 1.5), ("区分", 1.0), ("所属", 2.0)],
        tx.list_accounts()
            .await?
            .iter()
            .filter(|a| !a.disabled && matches!(a.role, Role::Chief | Role::Contractor))
            .map(|a| {
                vec![
                    a.display_name.clone(),
                    a.role.label().to_owned(),
                    office_name(&a.office),
                ]
            })
            .collect(),
        "登録されていない。",
    ));

    let s = DeskSettings::load(tx).await?;
    chapters.push(chapter(
        "設定",
        String::new(),
        &[("項目", 2.0), ("値", 3.0)],
        vec![
            vec![
                "サービス時間".into(),
                format!(
                    "{}～{}",
                    s.service_open.format("%H:%M"),
                    s.service_close.format("%H:%M")
                ),
            ],
            vec![
                "臨時閉庁日・臨時開庁日".into(),
                format!(
                    "{}日・{}日",
                    s.extra_closures.len(),
                    s.extra_open_days.len()
                ),
            ],
            vec![
                "無操作ログアウト".into(),
                format!("{}分", s.idle_logout_minutes),
            ],
            vec!["ロックアウト".into(), format!("{}分", s.lockout_minutes)],
            vec![
                "一括出力の確認".into(),
                format!("{}件超", s.bulk_export_rows),
            ],
            vec![
                "期限前の通知".into(),
                format!("{}分前", s.deadline_warning_minutes),
            ],
        ],
        "",
    ));

    let plan = tx.approved_handover_plan().await?;
    chapters.push(chapter(
        "引継計画",
        match &plan {
            Some(p) => {
                let period = p
                    .plan
                    .period()
                    .map(|(f, t)| format!("{}から{}まで", date_plain(f), date_plain(t)))
                    .unwrap_or_default();
                format!(
                    "承認済の引継計画書（第{}版）による。次期受託者は{}、引継期間は{period}。詳細は同梱の引継計画書を参照。",
                    p.version, p.plan.next_contractor
                )
            }
            None => "承認済の引継計画書はまだない。".into(),
        },
        &[("作業内容", 3.0), ("開始", 1.0), ("終了", 1.0), ("担当", 1.0)],
        plan.iter()
            .flat_map(|p| &p.plan.schedule)
            .map(|s| {
                vec![
                    s.what.clone(),
                    wareki::short(s.from),
                    wareki::short(s.to),
                    s.who.label().to_owned(),
                ]
            })
            .collect(),
        "",
    ));

    Ok(HandoverBookDoc {
        contract: contract_view(contract),
        as_of: tokyo(now).date_naive(),
        chapters,
        author: author.to_owned(),
        created_at: tokyo(now).naive_local(),
    })
}
