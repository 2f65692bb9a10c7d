//! Changes that need the city's approval: propose, submit, approve or reject, withdraw, record
//! the result; and the upcoming-outage notices staff see.

use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode, Versioned, check_version};
use crate::notifications::{News, Recipients, Visibility, tell};
use crate::settings::DeskSettings;
use crate::{Hoshu, as_strs, audit, office_codes};
use chrono::{DateTime, TimeDelta, Utc};
use hoshu_core::change::{
    ChangeAction, ChangeKind, ChangeProposal, ChangeResult, ChangeStatus, Conflict,
    approval_needs_acknowledgement, conflicts, next_change_status, validate_decision_comment,
    validate_revocation,
};
use hoshu_core::notification::{ItemRef, NotificationKind};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::{Actor, Role};
use hoshu_store::{ChangeFilter, ChangeRecord, ChangeSummary, Tx};
use serde::{Deserialize, Serialize};

/// An approved outage as staff are told of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutageNotice {
    pub id: i64,
    pub kind: ChangeKind,
    pub window_start: DateTime<Utc>,
    pub window_end: DateTime<Utc>,
    /// 業務への影響: what the work means for the offices.
    pub impact: String,
    /// The offices it touches; empty for every office.
    pub affected_offices: Vec<String>,
}

/// Whether the approver has seen and accepted the clashes the conflict check shows. Approving
/// a change that clashes is refused until they have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ClashAcknowledgement {
    #[default]
    Unacknowledged,
    Acknowledged,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ChangeListQuery {
    pub statuses: Vec<ChangeStatus>,
    /// Only these kinds; empty: every kind.
    pub kinds: Vec<ChangeKind>,
    /// Words in the title.
    pub text: Option<String>,
    pub window_from: Option<DateTime<Utc>>,
    pub window_to: Option<DateTime<Utc>>,
    pub page: i64,
    pub per_page: i64,
}

/// A change as the approval screen shows it: with everything the approver must weigh.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeDetail {
    pub change: ChangeRecord,
    pub conflicts: Vec<Conflict>,
    /// One sentence per conflict, for screens and documents.
    pub conflict_messages: Vec<String>,
    pub allowed_actions: Vec<ChangeAction>,
}

fn action_for(step: ChangeAction) -> Action {
    match step {
        ChangeAction::Submit => Action::SubmitChange,
        ChangeAction::Approve => Action::ApproveChange,
        ChangeAction::Reject => Action::RejectChange,
        ChangeAction::SendBack => Action::SendBackChange,
        ChangeAction::Revoke => Action::RevokeChangeApproval,
        ChangeAction::Complete => Action::CompleteChange,
        ChangeAction::Withdraw => Action::WithdrawChange,
    }
}

impl Versioned for ChangeRecord {
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        format!("変更 #{}", self.id)
    }
}

async fn load_change(tx: &mut Tx<'_>, id: i64) -> AppResult<ChangeRecord> {
    tx.get_change(id)
        .await?
        .ok_or_else(|| AppError::not_found(&format!("変更 #{id}")))
}

async fn conflicts_of(tx: &mut Tx<'_>, record: &ChangeRecord) -> AppResult<Vec<Conflict>> {
    let calendar = DeskSettings::load(tx).await?.calendar();
    let p = &record.proposal;
    let others = tx
        .changes_holding_window(p.window_start, p.window_end)
        .await?;
    Ok(conflicts(
        Some(record.id),
        p.window_start,
        p.window_end,
        &calendar,
        &others,
    ))
}

impl Hoshu {
    /// Drafts a change (contractor).
    pub async fn propose_change(
        &self,
        session: &Session,
        proposal: ChangeProposal,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let id = propose(&mut tx, &actor, proposal, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Edits a draft; returns the new version.
    pub async fn update_change(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        proposal: ChangeProposal,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let record = load_change(&mut tx, id).await?;
        authorize(
            &actor,
            Action::EditChange,
            Resource::Change {
                status: record.status,
            },
        )?;
        if record.status != ChangeStatus::Draft {
            return Err(AppError::new(
                ErrorCode::InvalidTransition,
                format!(
                    "状態が「{}」の変更は編集できません。取り下げて起案し直してください。",
                    record.status
                ),
            ));
        }
        check_version(&record, expected_version)?;
        let offices = office_codes(&mut tx).await?;
        proposal.validate(&as_strs(&offices), now)?;
        let version = tx
            .update_change_proposal(id, expected_version, &proposal, now)
            .await?;
        audit(
            &mut tx,
            &actor,
            "change.edit",
            format!("change:{id}"),
            format!("{}の下書きを編集", proposal.kind),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Submit, approve, reject, send back, revoke the approval or withdraw. The approver's
    /// steps record the decision with its comment; a rejection, a sending back and a revoked
    /// approval must give their reason; approving a change that clashes needs `clashes`
    /// acknowledged; an approval is revoked only before the work starts. Returns the new
    /// version.
    pub async fn decide_change(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        step: ChangeAction,
        comment: &str,
        clashes: ClashAcknowledgement,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let step = ChangeStep {
            action: step,
            comment,
            clashes,
        };
        let version = decide(&mut tx, &actor, id, expected_version, step, now).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Records how an approved change went. Only an approved change can be completed.
    pub async fn complete_change(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        result: ChangeResult,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let version = complete(&mut tx, &actor, id, expected_version, result, now).await?;
        tx.commit().await?;
        Ok(version)
    }

    pub async fn change_detail(&self, session: &Session, id: i64) -> AppResult<ChangeDetail> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        let change = load_change(&mut tx, id).await?;
        let resource = Resource::Change {
            status: change.status,
        };
        authorize(&actor, Action::ViewChange, resource)?;
        let still_scheduled = matches!(
            change.status,
            ChangeStatus::Draft | ChangeStatus::Submitted | ChangeStatus::Approved
        );
        let conflicts = if still_scheduled {
            conflicts_of(&mut tx, &change).await?
        } else {
            Vec::new()
        };
        let allowed_actions = change
            .status
            .allowed_actions()
            .into_iter()
            .filter(|a| authorize(&actor, action_for(*a), resource).is_ok())
            .filter(|a| {
                *a != ChangeAction::Revoke
                    || validate_revocation(change.proposal.window_start, now).is_ok()
            })
            .collect();
        Ok(ChangeDetail {
            conflict_messages: conflicts.iter().map(Conflict::describe).collect(),
            conflicts,
            allowed_actions,
            change,
        })
    }

    /// Changes the actor may see: staff only approved and done ones, the chief no drafts.
    pub async fn list_changes(
        &self,
        session: &Session,
        query: ChangeListQuery,
    ) -> AppResult<Vec<ChangeSummary>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        let visible: Vec<ChangeStatus> = ChangeStatus::ALL
            .iter()
            .copied()
            .filter(|s| {
                authorize(&actor, Action::ViewChange, Resource::Change { status: *s }).is_ok()
            })
            .collect();
        if visible.is_empty() {
            authorize(&actor, Action::ViewChange, Resource::System)?;
        }
        let statuses = if query.statuses.is_empty() {
            visible
        } else {
            query
                .statuses
                .into_iter()
                .filter(|s| visible.contains(s))
                .collect()
        };
        if statuses.is_empty() {
            return Ok(Vec::new());
        }
        let per_page = if query.per_page <= 0 {
            100
        } else {
            query.per_page.min(500)
        };
        let words = query
            .text
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty());
        Ok(tx
            .list_changes(&ChangeFilter {
                statuses,
                window_from: query.window_from,
                window_to: query.window_to,
                limit: per_page,
                offset: (query.page.max(1) - 1) * per_page,
            })
            .await?
            .into_iter()
            .filter(|c| query.kinds.is_empty() || query.kinds.contains(&c.kind))
            .filter(|c| {
                words
                    .as_deref()
                    .is_none_or(|w| c.title.to_lowercase().contains(w))
            })
            .collect())
    }

    /// The notices staff see: approved work in the next `days` days that touches their
    /// office (or every office), told by its effect on their work (業務への影響, as the chief
    /// approved it), not by the contractor's internal title. The chief and the contractor see
    /// every office's.
    pub async fn upcoming_outages(
        &self,
        session: &Session,
        days: i64,
    ) -> AppResult<Vec<OutageNotice>> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewOutageNotices, Resource::System)?;
        let approved = tx
            .list_changes(&ChangeFilter {
                statuses: vec![ChangeStatus::Approved],
                window_from: Some(now),
                window_to: Some(now + TimeDelta::days(days.clamp(1, 366))),
                limit: 100,
                offset: 0,
            })
            .await?;
        let mut notices = Vec::with_capacity(approved.len());
        for summary in approved {
            let change = load_change(&mut tx, summary.id).await?;
            let offices = change.proposal.affected_offices;
            let concerns_actor =
                actor.role != Role::Staff || offices.is_empty() || offices.contains(&actor.office);
            if concerns_actor {
                notices.push(OutageNotice {
                    id: summary.id,
                    kind: summary.kind,
                    window_start: summary.window_start,
                    window_end: summary.window_end,
                    impact: change.proposal.impact,
                    affected_offices: offices,
                });
            }
        }
        Ok(notices)
    }
}

pub(crate) async fn propose(
    tx: &mut Tx<'_>,
    actor: &Actor,
    proposal: ChangeProposal,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::ProposeChange, Resource::System)?;
    let offices = office_codes(tx).await?;
    proposal.validate(&as_strs(&offices), now)?;
    let id = tx.insert_change(&proposal, actor.account_id, now).await?;
    audit(
        tx,
        actor,
        "change.propose",
        format!("change:{id}"),
        format!("{}を起案", proposal.kind),
        now,
    )
    .await?;
    Ok(id)
}

/// One step on a change as the person gave it: the action, its comment or reason, and
/// whether the clashes shown were acknowledged.
pub(crate) struct ChangeStep<'a> {
    pub action: ChangeAction,
    pub comment: &'a str,
    pub clashes: ClashAcknowledgement,
}

pub(crate) async fn decide(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    expected_version: i64,
    ChangeStep {
        action: step,
        comment,
        clashes,
    }: ChangeStep<'_>,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    if step == ChangeAction::Complete {
        return Err(AppError::new(
            ErrorCode::InvalidTransition,
            "実施結果は結果登録から記録してください。",
        ));
    }
    let record = load_change(tx, id).await?;
    authorize(
        actor,
        action_for(step),
        Resource::Change {
            status: record.status,
        },
    )?;
    check_version(&record, expected_version)?;
    let to = next_change_status(record.status, step)?;
    validate_decision_comment(step, comment)?;
    let mut summary = format!("{}（{} → {}）", step, record.status, to);
    match step {
        ChangeAction::Submit => {
            let offices = office_codes(tx).await?;
            record.proposal.validate(&as_strs(&offices), now)?;
            record.proposal.validate_for_submission()?;
        }
        ChangeAction::Approve
        | ChangeAction::Reject
        | ChangeAction::SendBack
        | ChangeAction::Revoke => {
            let found = conflicts_of(tx, &record).await?;
            if approval_needs_acknowledgement(step, &found)
                && clashes != ClashAcknowledgement::Acknowledged
            {
                return Err(AppError::field(
                    "acknowledge",
                    "競合の確認",
                    format!(
                        "この変更には競合が{}件あります。内容を確認し、「競合を確認した」にチェックしてから承認してください。",
                        found.len()
                    ),
                ));
            }
            if step == ChangeAction::Revoke {
                validate_revocation(record.proposal.window_start, now)?;
            }
            if !found.is_empty() && step == ChangeAction::Approve {
                summary.push_str(&format!("、競合{}件を確認済み", found.len()));
            }
            tx.insert_decision(id, actor.account_id, step, comment.trim(), now)
                .await?;
        }
        ChangeAction::Withdraw | ChangeAction::Complete => {}
    }
    let version = tx.set_change_status(id, expected_version, to, now).await?;
    tell_decision(tx, actor, &record, step, to, now).await?;
    audit(
        tx,
        actor,
        &format!("change.{}", step.code()),
        format!("change:{id}"),
        summary,
        now,
    )
    .await?;
    Ok(version)
}

pub(crate) async fn complete(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    expected_version: i64,
    result: ChangeResult,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let record = load_change(tx, id).await?;
    authorize(
        actor,
        Action::CompleteChange,
        Resource::Change {
            status: record.status,
        },
    )?;
    check_version(&record, expected_version)?;
    let to = next_change_status(record.status, ChangeAction::Complete)?;
    // The status machine already demands approval; the recorded decision is checked as well,
    // so a status edited outside the app cannot let an unapproved change be marked done.
    if !record.decision.as_ref().is_some_and(|d| d.approved) {
        return Err(AppError::new(
            ErrorCode::InvalidTransition,
            format!("変更 #{id} には承認の記録がないため、実施済みにできません。"),
        ));
    }
    result.validate(now)?;
    tx.insert_change_result(id, &result, actor.account_id, now)
        .await?;
    let version = tx.set_change_status(id, expected_version, to, now).await?;
    tell(
        tx,
        actor,
        News {
            kind: NotificationKind::ChangeUpdated,
            item: ItemRef::change(id),
            visibility: Visibility::change(to),
            summary: &format!(
                "変更 #{id}「{}」の実施結果が登録されました",
                record.proposal.title
            ),
        },
        Recipients::watchers(),
        now,
    )
    .await?;
    audit(
        tx,
        actor,
        "change.complete",
        format!("change:{id}"),
        format!("実施結果を登録（{}）", result.outcome),
        now,
    )
    .await?;
    Ok(version)
}

/// Tells of a step on a change: the chief of a submission, the proposer of a decision, and at
/// approval the staff of the offices the window touches (every office when none is named), so
/// they hear of an outage before it starts.
async fn tell_decision(
    tx: &mut Tx<'_>,
    actor: &Actor,
    record: &ChangeRecord,
    step: ChangeAction,
    to: ChangeStatus,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let item = ItemRef::change(record.id);
    let p = &record.proposal;
    let title = format!("{}「{}」", p.kind, p.title);
    let (kind, whom, summary) = match step {
        ChangeAction::Submit => (
            NotificationKind::ChangeSubmitted,
            Recipients::role(Role::Chief),
            format!("{title}の承認申請が届きました"),
        ),
        ChangeAction::Approve => (
            NotificationKind::ChangeApproved,
            Recipients::account(record.proposed_by),
            format!("{title}が承認されました"),
        ),
        ChangeAction::Reject => (
            NotificationKind::ChangeRejected,
            Recipients::account(record.proposed_by),
            format!("{title}が却下されました"),
        ),
        ChangeAction::SendBack => (
            NotificationKind::ChangeSentBack,
            Recipients::account(record.proposed_by),
            format!("{title}が差し戻されました"),
        ),
        ChangeAction::Revoke => (
            NotificationKind::ChangeRevoked,
            Recipients::account(record.proposed_by),
            format!("{title}の承認が取り消されました"),
        ),
        ChangeAction::Withdraw | ChangeAction::Complete => (
            NotificationKind::ChangeUpdated,
            Recipients::watchers(),
            format!("{title}が{step}されました"),
        ),
    };
    tell(
        tx,
        actor,
        News {
            kind,
            item,
            visibility: Visibility::change(to),
            summary: &summary,
        },
        whom,
        now,
    )
    .await?;
    if step == ChangeAction::Approve && p.window_end > now {
        // The watchers heard of the approval already.
        let staff = Recipients {
            staff_of: Some(p.affected_offices.clone()),
            ..Recipients::default()
        };
        let summary = format!(
            "{title}：{}〜{}",
            hoshu_core::wareki::datetime_long(p.window_start),
            hoshu_core::wareki::datetime_long(p.window_end)
        );
        tell(
            tx,
            actor,
            News {
                kind: NotificationKind::OutageAhead,
                item,
                visibility: Visibility::change(to),
                summary: &summary,
            },
            staff,
            now,
        )
        .await?;
    }
    Ok(())
}
