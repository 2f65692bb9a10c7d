//! 引継計画書: the contractor drafts the handover plan and submits it; the section approves it
//! or returns it with a reason. Every save is a new version, so an approved plan stays on the
//! record when the next version is drafted. The rules are `hoshu_core::handover`'s; here they
//! are enforced with the roles, written and audited in one transaction.

use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::{Hoshu, audit};
use chrono::{DateTime, NaiveDate, Utc};
use hoshu_core::Actor;
use hoshu_core::calendar::tokyo;
use hoshu_core::handover::{
    HandoverPlanDraft, HandoverPlanStatus, HandoverPlanVersion, handover_deadline, may_edit,
    may_submit, validate_plan, validate_return_reason,
};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_store::Tx;
use serde::{Deserialize, Serialize};

/// The plan as the screen shows it: the newest version, the approved one in force (when it
/// is an older one, or the same), and the last day the handover may end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandoverPlanView {
    pub current: Option<HandoverPlanVersion>,
    pub approved: Option<HandoverPlanVersion>,
    pub deadline: NaiveDate,
}

/// The section's decision on a submitted plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum HandoverDecision {
    Approve,
    /// 差戻し, with the reason the contractor reads.
    Return {
        reason: String,
    },
}

fn today(now: DateTime<Utc>) -> NaiveDate {
    tokyo(now).date_naive()
}

fn wrong_status(status: HandoverPlanStatus, step: &str) -> AppError {
    AppError::new(
        ErrorCode::InvalidTransition,
        format!("{}の引継計画書は{step}できません。", status.label()),
    )
}

/// Saves the next version of the plan as a draft (contractor).
pub(crate) async fn save_plan(
    tx: &mut Tx<'_>,
    actor: &Actor,
    current_version: i64,
    plan: &HandoverPlanDraft,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::EditHandoverPlan, Resource::System)?;
    if let Some(current) = tx.current_handover_plan().await?
        && !may_edit(Some(current.status))
    {
        return Err(wrong_status(current.status, "編集"));
    }
    validate_plan(plan, today(now))?;
    let version = tx
        .insert_handover_plan_version(current_version, plan, actor.account_id, now)
        .await?;
    audit(
        tx,
        actor,
        "handover.plan.save",
        format!("handover_plan:{version}"),
        format!(
            "引継計画書を保存（第{version}版、スケジュール{}件）",
            plan.schedule.len()
        ),
        now,
    )
    .await?;
    Ok(version)
}

/// Submits `version` to the section (contractor). The rules are checked again: the deadline
/// depends on the day it is submitted.
pub(crate) async fn submit_plan(
    tx: &mut Tx<'_>,
    actor: &Actor,
    version: i64,
    now: DateTime<Utc>,
) -> AppResult<()> {
    authorize(actor, Action::EditHandoverPlan, Resource::System)?;
    let current = current_version(tx, version).await?;
    if !may_submit(current.status) {
        return Err(wrong_status(current.status, "提出"));
    }
    validate_plan(&current.plan, today(now))?;
    tx.submit_handover_plan(version, current.status, now)
        .await?;
    audit(
        tx,
        actor,
        "handover.plan.submit",
        format!("handover_plan:{version}"),
        format!("引継計画書を提出（第{version}版）"),
        now,
    )
    .await
}

/// Approves or returns the submitted `version` (chief).
pub(crate) async fn decide_plan(
    tx: &mut Tx<'_>,
    actor: &Actor,
    version: i64,
    decision: &HandoverDecision,
    now: DateTime<Utc>,
) -> AppResult<()> {
    authorize(actor, Action::DecideHandoverPlan, Resource::System)?;
    let reason = match decision {
        HandoverDecision::Approve => None,
        HandoverDecision::Return { reason } => {
            validate_return_reason(reason)?;
            Some(reason.trim())
        }
    };
    let current = current_version(tx, version).await?;
    if current.status != HandoverPlanStatus::Submitted {
        return Err(wrong_status(current.status, "承認・差戻し"));
    }
    tx.decide_handover_plan(version, actor.account_id, reason, now)
        .await?;
    let step = if reason.is_some() {
        "差戻し"
    } else {
        "承認"
    };
    audit(
        tx,
        actor,
        "handover.plan.decide",
        format!("handover_plan:{version}"),
        format!("引継計画書を{step}（第{version}版）"),
        now,
    )
    .await
}

/// The newest version, which must be `version`: a decision on an older one is stale.
async fn current_version(tx: &mut Tx<'_>, version: i64) -> AppResult<HandoverPlanVersion> {
    match tx.current_handover_plan().await? {
        Some(current) if current.version == version => Ok(current),
        Some(_) => Err(AppError::new(
            ErrorCode::Stale,
            "引継計画書は他の操作で更新されています。最新の内容を読み込み直してください。",
        )),
        None => Err(AppError::new(
            ErrorCode::NotFound,
            "引継計画書はまだ作成されていません。",
        )),
    }
}

impl Hoshu {
    /// The plan: its newest version, the approved one and the deadline (chief, contractor).
    pub async fn handover_plan(&self, session: &Session) -> AppResult<HandoverPlanView> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewHandover, Resource::System)?;
        Ok(HandoverPlanView {
            current: tx.current_handover_plan().await?,
            approved: tx.approved_handover_plan().await?,
            deadline: handover_deadline(today(now)),
        })
    }

    /// Every version of the plan, newest first (chief, contractor).
    pub async fn handover_plan_history(
        &self,
        session: &Session,
    ) -> AppResult<Vec<HandoverPlanVersion>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewHandover, Resource::System)?;
        Ok(tx.handover_plan_history().await?)
    }

    /// Saves the plan as a new draft version on top of `current_version` (0 for the first);
    /// returns the new version (contractor).
    pub async fn save_handover_plan(
        &self,
        session: &Session,
        current_version: i64,
        plan: &HandoverPlanDraft,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let version = save_plan(&mut tx, &actor, current_version, plan, now).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Submits the newest version for approval (contractor).
    pub async fn submit_handover_plan(&self, session: &Session, version: i64) -> AppResult<()> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        submit_plan(&mut tx, &actor, version, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Approves or returns the submitted version (chief).
    pub async fn decide_handover_plan(
        &self,
        session: &Session,
        version: i64,
        decision: &HandoverDecision,
    ) -> AppResult<()> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        decide_plan(&mut tx, &actor, version, decision, now).await?;
        tx.commit().await?;
        Ok(())
    }
}
