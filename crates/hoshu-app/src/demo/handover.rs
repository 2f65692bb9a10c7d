//! The handover plan of the demo year: drafted by the contractor's manager in summer,
//! submitted, and approved by the section a week later, for a handover from September to
//! the end of February — the longest the contract allows.

use super::{People, at};
use crate::error::AppResult;
use crate::handover::{HandoverDecision, decide_plan, save_plan, submit_plan};
use chrono::{NaiveDate, TimeDelta};
use hoshu_core::calendar::fiscal::fiscal_year_of;
use hoshu_core::handover::{
    HandoverMember, HandoverParty, HandoverPlanDraft, HandoverScheduleItem,
};
use hoshu_store::Tx;

const NEXT_CONTRACTOR: &str = "株式会社瀬戸内システムサービス";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn plan(fy: i32) -> HandoverPlanDraft {
    let member = |party, name: &str, role: &str| HandoverMember {
        party,
        name: name.into(),
        role: role.into(),
    };
    let item = |what: &str, from, to, who| HandoverScheduleItem {
        what: what.into(),
        from,
        to,
        who,
    };
    let feb_end = day(fy + 1, 3, 1).pred_opt().unwrap_or_default();
    HandoverPlanDraft {
        next_contractor: NEXT_CONTRACTOR.into(),
        members: vec![
            member(
                HandoverParty::City,
                "生活保護・自立支援課長 岡本 誠",
                "引継計画と引継結果の承認、三者協議の主催",
            ),
            member(
                HandoverParty::Contractor,
                "業務責任者 小川 健",
                "引継ぎの統括、運用ドキュメントの開示と説明",
            ),
            member(
                HandoverParty::Contractor,
                "作業責任者 内田 恵",
                "運用現場の案内、実行演習の指導",
            ),
            member(
                HandoverParty::NextContractor,
                NEXT_CONTRACTOR,
                "運用手順の習得、本番運用処理の実行演習",
            ),
        ],
        schedule: vec![
            item(
                "引継体制の確立と三者協議",
                day(fy, 9, 1),
                day(fy, 9, 30),
                HandoverParty::City,
            ),
            item(
                "運用ドキュメントの開示と説明",
                day(fy, 10, 1),
                day(fy, 11, 30),
                HandoverParty::Contractor,
            ),
            item(
                "運用現場の視察",
                day(fy, 11, 1),
                day(fy, 11, 30),
                HandoverParty::NextContractor,
            ),
            item(
                "本番運用処理の実行演習",
                day(fy, 12, 1),
                day(fy + 1, 1, 31),
                HandoverParty::NextContractor,
            ),
            item(
                "引継結果の確認と承認",
                day(fy + 1, 2, 1),
                feb_end,
                HandoverParty::City,
            ),
        ],
        notes:
            "運用保守計画書、手順書、課題管理表、障害記録を含む全記録を引継資料として開示する。\n\
                次期受託者からの問い合わせには業務責任者が窓口となって対応する。"
                .into(),
    }
}

/// Drafts, submits and approves the plan.
pub(super) async fn generate(tx: &mut Tx<'_>, people: &People, today: NaiveDate) -> AppResult<()> {
    // Drafted on 1 August, or ten days ago when this fiscal year has not reached August yet
    // (then the plan is the previous fiscal year's).
    let august = day(fiscal_year_of(today), 8, 1);
    let drafted = august.min(today - TimeDelta::days(10));
    let fy = fiscal_year_of(drafted);
    let pm = &people.contractors[0];
    let version = save_plan(tx, pm, 0, &plan(fy), at(drafted, 10, 0)).await?;
    submit_plan(tx, pm, version, at(drafted + TimeDelta::days(1), 15, 0)).await?;
    decide_plan(
        tx,
        &people.chief,
        version,
        &HandoverDecision::Approve,
        at(drafted + TimeDelta::days(7), 11, 0),
    )
    .await
}
