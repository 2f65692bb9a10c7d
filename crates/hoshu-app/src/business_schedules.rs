//! 業務日程表 (003 3.1): the contractor drafts a month — from what the record knows, the
//! recurring work and what was typed last month —, edits it and submits it by 2 open days
//! before the review; the section approves it or returns it with a comment; a returned or
//! approved version is revised into a new one, never changed.

use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::settings::DeskSettings;
use crate::{Hoshu, audit};
use chrono::{DateTime, NaiveDate, Utc};
use hoshu_core::Actor;
use hoshu_core::business_schedule::{
    EntrySource, MonthInputs, PlannedChange, PlannedMeeting, ScheduleAction, ScheduleEntry,
    ScheduleMonth, build_month, carry_over, default_recurring_work, next_schedule_status,
    sort_entries, submission_due, validate_decision_comment, validate_entries,
};
use hoshu_core::calendar::{Calendar, tokyo_day_start};
use hoshu_core::change::ChangeStatus;
use hoshu_core::meeting::MeetingKind;
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_store::{
    BusinessSchedule, ChangeFilter, MeetingFilter, ScheduleStep, ScheduleVersion, Tx,
};
use serde::Serialize;

/// A month as the screen shows it: every version, the newest with its entries, and when it
/// is due (or why no due date can be given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScheduleMonthView {
    pub year: i32,
    pub month: u32,
    pub versions: Vec<ScheduleVersion>,
    pub current: Option<BusinessSchedule>,
    pub submission_due: Option<NaiveDate>,
    /// Why there is no due date (no 業務日程レビュー the month before): submitting is refused
    /// with the same sentence.
    pub due_problem: Option<String>,
}

/// The days of the month's 業務日程レビュー meetings held the month before.
pub(crate) async fn review_days(
    tx: &mut Tx<'_>,
    month: ScheduleMonth,
) -> AppResult<Vec<NaiveDate>> {
    let before = month.previous();
    let found = tx
        .list_meetings(&MeetingFilter {
            kinds: vec![MeetingKind::ScheduleReview],
            from: Some(tokyo_day_start(before.first_day())),
            to: Some(tokyo_day_start(month.first_day())),
            limit: 100,
            ..MeetingFilter::default()
        })
        .await?;
    Ok(found
        .items
        .iter()
        .map(|m| hoshu_core::calendar::tokyo(m.starts_at).date_naive())
        .collect())
}

pub(crate) async fn due_date(
    tx: &mut Tx<'_>,
    month: ScheduleMonth,
    calendar: &Calendar,
) -> AppResult<Result<NaiveDate, hoshu_core::ValidationErrors>> {
    let reviews = review_days(tx, month).await?;
    Ok(submission_due(month, &reviews, calendar))
}

/// What the record says about the month: approved changes, meetings (from the month before,
/// whose minutes may fall due in this one), active job nets.
async fn drafted_entries(
    tx: &mut Tx<'_>,
    month: ScheduleMonth,
    calendar: &Calendar,
) -> AppResult<Vec<ScheduleEntry>> {
    let (from, to) = (
        tokyo_day_start(month.first_day()),
        tokyo_day_start(month.next().first_day()),
    );
    let changes: Vec<PlannedChange> = tx
        .list_changes(&ChangeFilter {
            statuses: vec![ChangeStatus::Approved, ChangeStatus::Done],
            window_from: Some(from),
            window_to: Some(to),
            limit: 1_000,
            offset: 0,
        })
        .await?
        .into_iter()
        .map(|c| PlannedChange {
            id: c.id,
            kind: c.kind,
            title: c.title,
            window_start: c.window_start,
            window_end: c.window_end,
        })
        .collect();
    let meetings: Vec<PlannedMeeting> = tx
        .list_meetings(&MeetingFilter {
            from: Some(tokyo_day_start(month.previous().first_day())),
            to: Some(to),
            limit: 1_000,
            ..MeetingFilter::default()
        })
        .await?
        .items
        .into_iter()
        .map(|m| PlannedMeeting {
            id: m.id,
            kind: m.kind,
            title: m.title,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
        })
        .collect();
    let job_nets: Vec<_> = tx
        .list_job_nets()
        .await?
        .into_iter()
        .filter(|n| n.net.active)
        .map(|n| (n.id, n.net))
        .collect();
    let templates = default_recurring_work();
    Ok(build_month(MonthInputs {
        month,
        calendar,
        changes: &changes,
        meetings: &meetings,
        job_nets: &job_nets,
        templates: &templates,
    }))
}

pub(crate) async fn load(tx: &mut Tx<'_>, id: i64) -> AppResult<BusinessSchedule> {
    tx.business_schedule(id).await?.ok_or_else(|| {
        AppError::new(
            ErrorCode::NotFound,
            format!("業務日程表 #{id} は見つかりません。"),
        )
    })
}

fn month_of(s: &ScheduleVersion) -> AppResult<ScheduleMonth> {
    Ok(ScheduleMonth::new(s.year, s.month)?)
}

fn label(s: &ScheduleVersion) -> String {
    format!("{}年{}月分 第{}版", s.year, s.month, s.edition)
}

/// Drafts the first version of a month (contractor), inside the caller's transaction.
pub(crate) async fn draft(
    tx: &mut Tx<'_>,
    actor: &Actor,
    month: ScheduleMonth,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::DraftBusinessSchedule, Resource::System)?;
    if !tx.business_schedule_versions(month).await?.is_empty() {
        return Err(AppError::new(
            ErrorCode::Duplicate,
            format!(
                "{}年{}月の業務日程表は既に作成されています。変更するときは最新の版を改版してください。",
                month.year, month.month
            ),
        ));
    }
    let calendar = DeskSettings::load(tx).await?.calendar();
    let mut entries = drafted_entries(tx, month, &calendar).await?;
    let previous = tx.business_schedule_versions(month.previous()).await?;
    if let Some(last) = previous.last() {
        entries.extend(carry_over(&load(tx, last.id).await?.entries, month));
    }
    sort_entries(&mut entries);
    let id = tx
        .insert_business_schedule(month, 1, None, &entries, actor.account_id, now)
        .await?;
    audit(
        tx,
        actor,
        "business_schedule.draft",
        format!("business_schedule:{id}"),
        format!(
            "業務日程表（{}年{}月分 第1版）を作成（予定{}件）",
            month.year,
            month.month,
            entries.len()
        ),
        now,
    )
    .await?;
    Ok(id)
}

/// A step on a version, inside the caller's transaction. Submitting needs the review the
/// due date is counted from; a return needs its reason.
pub(crate) async fn step(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    expected_version: i64,
    action: ScheduleAction,
    comment: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let needed = match action {
        ScheduleAction::Submit => Action::DraftBusinessSchedule,
        ScheduleAction::Approve | ScheduleAction::Return => Action::DecideBusinessSchedule,
    };
    authorize(actor, needed, Resource::System)?;
    validate_decision_comment(action, comment)?;
    let current = load(tx, id).await?.header;
    let to = next_schedule_status(current.status, action)
        .map_err(|e| AppError::new(ErrorCode::InvalidTransition, e.to_string()))?;
    if action == ScheduleAction::Submit {
        let calendar = DeskSettings::load(tx).await?.calendar();
        due_date(tx, month_of(&current)?, &calendar).await??;
    }
    let version = tx
        .step_business_schedule(
            id,
            expected_version,
            ScheduleStep {
                from: current.status,
                to,
                by: actor.account_id,
                comment: comment.trim(),
            },
            now,
        )
        .await?;
    audit(
        tx,
        actor,
        &format!("business_schedule.{}", action.code()),
        format!("business_schedule:{id}"),
        format!(
            "業務日程表（{}）を{}（{}→{}）",
            label(&current),
            action.label(),
            current.status,
            to
        ),
        now,
    )
    .await?;
    Ok(version)
}

/// A new version of the newest one, inside the caller's transaction (see
/// [`Hoshu::revise_business_schedule`]).
pub(crate) async fn revise(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::DraftBusinessSchedule, Resource::System)?;
    let from = load(tx, id).await?;
    let month = month_of(&from.header)?;
    let newest = tx.business_schedule_versions(month).await?;
    let newest_edition = newest.last().map_or(0, |v| v.edition);
    if from.header.edition != newest_edition {
        return Err(AppError::new(
            ErrorCode::InvalidTransition,
            format!("改版できるのは最新の版（第{newest_edition}版）だけです。"),
        ));
    }
    if !from.header.status.is_revisable() {
        return Err(AppError::new(
            ErrorCode::InvalidTransition,
            format!(
                "状態が「{}」の業務日程表は改版できません。差戻し又は承認済の版を改版してください。",
                from.header.status
            ),
        ));
    }
    let edition = newest_edition + 1;
    let new_id = tx
        .insert_business_schedule(
            month,
            edition,
            Some(id),
            &from.entries,
            actor.account_id,
            now,
        )
        .await?;
    audit(
        tx,
        actor,
        "business_schedule.revise",
        format!("business_schedule:{new_id}"),
        format!("業務日程表（{}）を第{edition}版に改版", label(&from.header)),
        now,
    )
    .await?;
    Ok(new_id)
}

impl Hoshu {
    /// A month: its versions, the newest with its entries, and the submission due date.
    pub async fn business_schedule_month(
        &self,
        session: &Session,
        year: i32,
        month: u32,
    ) -> AppResult<ScheduleMonthView> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewBusinessSchedule, Resource::System)?;
        let month = ScheduleMonth::new(year, month)?;
        let versions = tx.business_schedule_versions(month).await?;
        let current = match versions.last() {
            Some(v) => Some(load(&mut tx, v.id).await?),
            None => None,
        };
        let calendar = DeskSettings::load(&mut tx).await?.calendar();
        let (submission_due, due_problem) = match due_date(&mut tx, month, &calendar).await? {
            Ok(d) => (Some(d), None),
            Err(e) => (None, e.0.first().map(|f| f.message.clone())),
        };
        Ok(ScheduleMonthView {
            year,
            month: month.month,
            versions,
            current,
            submission_due,
            due_problem,
        })
    }

    /// One version with its entries (the history shows earlier ones as they were).
    pub async fn business_schedule(
        &self,
        session: &Session,
        id: i64,
    ) -> AppResult<BusinessSchedule> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewBusinessSchedule, Resource::System)?;
        load(&mut tx, id).await
    }

    /// Drafts the month's first version (contractor). Returns its id.
    pub async fn draft_business_schedule(
        &self,
        session: &Session,
        year: i32,
        month: u32,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let month = ScheduleMonth::new(year, month)?;
        let id = draft(&mut tx, &actor, month, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A new version from the month's newest one when it was returned or approved
    /// (contractor): same entries, 作成中, the next edition. Returns its id.
    pub async fn revise_business_schedule(&self, session: &Session, id: i64) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let new_id = revise(&mut tx, &actor, id, now).await?;
        tx.commit().await?;
        Ok(new_id)
    }

    /// Replaces a draft's entries (contractor); each problem names its row. Returns the new
    /// version.
    pub async fn save_business_schedule_entries(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        entries: Vec<ScheduleEntry>,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::DraftBusinessSchedule, Resource::System)?;
        let current = load(&mut tx, id).await?.header;
        if !current.status.is_editable() {
            return Err(AppError::new(
                ErrorCode::InvalidTransition,
                format!(
                    "状態が「{}」の業務日程表は編集できません。改版してから編集してください。",
                    current.status
                ),
            ));
        }
        let month = month_of(&current)?;
        validate_entries(month, &entries)?;
        let mut entries = entries;
        sort_entries(&mut entries);
        let version = tx
            .replace_business_schedule_entries(id, expected_version, &entries, now)
            .await?;
        let typed = entries
            .iter()
            .filter(|e| e.source == EntrySource::Manual)
            .count();
        audit(
            &mut tx,
            &actor,
            "business_schedule.edit",
            format!("business_schedule:{id}"),
            format!(
                "業務日程表（{}）の予定を更新（{}件、うち手入力{typed}件）",
                label(&current),
                entries.len()
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// 提出 (contractor), 承認 or 差戻し with a comment (section). Returns the new version.
    pub async fn business_schedule_step(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        action: ScheduleAction,
        comment: &str,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let version = step(&mut tx, &actor, id, expected_version, action, comment, now).await?;
        tx.commit().await?;
        Ok(version)
    }
}
