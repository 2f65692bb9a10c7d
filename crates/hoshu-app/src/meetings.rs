//! Meetings and their minutes: the contractor records a meeting and submits the minutes, the
//! section approves or returns them. Recording a meeting puts each of its action items on the
//! issue register in the same transaction.
//!
//! When a meeting is edited, an action item whose text is unchanged keeps its register item;
//! a new or reworded one gets a new register item. A register item whose action item was
//! removed from the meeting stays on the register (the register is the lasting record; close
//! it there).

use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode, Versioned, check_version};
use crate::notifications::{News, Recipients, Visibility, tell};
use crate::requests::MAX_PAGE_SIZE;
use crate::settings::DeskSettings;
use crate::{Hoshu, audit};
use chrono::{DateTime, NaiveDate, Utc};
use hoshu_core::Actor;
use hoshu_core::calendar::{Calendar, tokyo};
use hoshu_core::meeting::{
    ActionItem, MeetingKind, MinutesAction, MinutesStatus, NewMeeting, is_overdue, minutes_due,
    next_minutes_status, validate_minutes_comment,
};
use hoshu_core::notification::{ItemRef, NotificationKind};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::register::{IssueCategory, IssueInput, IssuePriority, IssueStatus};
use hoshu_store::{MeetingFilter, MeetingRecord, MeetingSummary, RegisterRef, Tx};
use serde::{Deserialize, Serialize};

/// What the meeting list asks for. `from`/`to` bound the start, `[from, to)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct MeetingListQuery {
    pub kinds: Vec<MeetingKind>,
    pub statuses: Vec<MinutesStatus>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub text: Option<String>,
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
}

/// One line of the meeting list, with the minutes' due day and whether they are late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeetingListItem {
    #[serde(flatten)]
    pub meeting: MeetingSummary,
    pub minutes_due: NaiveDate,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeetingListPage {
    pub items: Vec<MeetingListItem>,
    pub total: i64,
}

/// A meeting as its screen (and the minutes document) shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeetingDetail {
    pub meeting: MeetingRecord,
    pub minutes_due: NaiveDate,
    pub overdue: bool,
    /// Minutes steps this actor may take now.
    pub allowed_actions: Vec<MinutesAction>,
    /// The actor may edit the record now (contractor, minutes not submitted or approved).
    pub can_edit: bool,
}

/// A recorded meeting and the register items its action items became, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordedMeeting {
    pub id: i64,
    pub register_items: Vec<RegisterRef>,
}

fn minutes_action(step: MinutesAction) -> Action {
    match step {
        MinutesAction::Submit => Action::RecordMeeting,
        MinutesAction::Approve | MinutesAction::Return => Action::ApproveMinutes,
    }
}

impl Versioned for MeetingRecord {
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        format!("会議 #{}", self.id)
    }
}

async fn load_meeting(tx: &mut Tx<'_>, id: i64) -> AppResult<MeetingRecord> {
    tx.get_meeting(id)
        .await?
        .ok_or_else(|| AppError::not_found(&format!("会議 #{id}")))
}

/// The meeting, to be changed by `actor`: one who records meetings, while its minutes are
/// 作成中 or 差戻し (submitted or approved minutes keep the record they were written from).
pub(crate) async fn editable_meeting(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
) -> AppResult<MeetingRecord> {
    authorize(actor, Action::RecordMeeting, Resource::System)?;
    let record = load_meeting(tx, id).await?;
    if !record.minutes_status.is_editable() {
        return Err(AppError::new(
            ErrorCode::InvalidTransition,
            format!(
                "議事録が「{}」の会議は編集できません。",
                record.minutes_status
            ),
        ));
    }
    Ok(record)
}

/// The register item an action item becomes.
fn issue_for(
    meeting_id: i64,
    meeting: &NewMeeting,
    item: &ActionItem,
    actor: &Actor,
) -> IssueInput {
    let one_line: String = item
        .description
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let title: String = one_line
        .chars()
        .take(hoshu_core::register::TITLE_MAX_CHARS)
        .collect();
    let held_on = tokyo(meeting.starts_at).date_naive();
    IssueInput {
        raised_on: held_on,
        raised_by: actor.display_name.clone(),
        category: IssueCategory::Operation,
        title,
        content: format!(
            "{}（{}）の宿題: {}",
            meeting.title,
            hoshu_core::wareki::long(held_on),
            item.description
        ),
        priority: IssuePriority::Medium,
        owner: item.owner.clone(),
        due: Some(item.due.max(held_on)),
        status: IssueStatus::Open,
        progress: String::new(),
        completed_on: None,
        meeting_id: Some(meeting_id),
        request_id: None,
    }
}

/// Puts the meeting's action items on the register: those in `keep` (by text) keep their
/// item, the others get a new one. Returns the links in action-item order.
async fn link_action_items(
    tx: &mut Tx<'_>,
    actor: &Actor,
    meeting_id: i64,
    meeting: &NewMeeting,
    keep: &[(ActionItem, Option<RegisterRef>)],
    now: DateTime<Utc>,
) -> AppResult<(Vec<RegisterRef>, usize)> {
    let mut links = Vec::with_capacity(meeting.action_items.len());
    let mut created = 0;
    let mut rows = Vec::with_capacity(meeting.action_items.len());
    for item in &meeting.action_items {
        let kept = keep
            .iter()
            .find(|(old, link)| old.description == item.description && link.is_some())
            .and_then(|(_, link)| *link)
            .filter(|l| !links.contains(l));
        let link = match kept {
            Some(l) => l,
            None => {
                let issue = issue_for(meeting_id, meeting, item, actor);
                let (id, no) = tx
                    .insert_register_item(&issue, actor.account_id, now)
                    .await?;
                created += 1;
                RegisterRef { id, no }
            }
        };
        links.push(link);
        rows.push((item.clone(), Some(link.id)));
    }
    tx.set_meeting_action_items(meeting_id, &rows).await?;
    Ok((links, created))
}

fn numbers(links: &[RegisterRef]) -> String {
    match (links.first(), links.last()) {
        (Some(a), Some(b)) if a.no == b.no => format!("課題No.{}", a.no),
        (Some(a), Some(b)) => format!("課題No.{}〜{}", a.no.min(b.no), a.no.max(b.no)),
        _ => "課題なし".into(),
    }
}

pub(crate) async fn record_meeting(
    tx: &mut Tx<'_>,
    actor: &Actor,
    meeting: NewMeeting,
    now: DateTime<Utc>,
) -> AppResult<RecordedMeeting> {
    authorize(actor, Action::RecordMeeting, Resource::System)?;
    meeting.validate()?;
    let id = tx.insert_meeting(&meeting, actor.account_id, now).await?;
    let (links, _) = link_action_items(tx, actor, id, &meeting, &[], now).await?;
    audit(
        tx,
        actor,
        "meeting.record",
        format!("meeting:{id}"),
        format!(
            "{}を記録（出席{}名・欠席{}名、議題{}件、決定事項{}件、宿題{}件→{}）",
            meeting.kind,
            meeting.present().count(),
            meeting.absentees().count(),
            meeting.agenda.len(),
            meeting.decisions.len(),
            meeting.action_items.len(),
            numbers(&links)
        ),
        now,
    )
    .await?;
    Ok(RecordedMeeting {
        id,
        register_items: links,
    })
}

/// Submit (contractor), approve or return (section). Returns the new version.
pub(crate) async fn minutes_step(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    expected_version: i64,
    step: MinutesAction,
    comment: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, minutes_action(step), Resource::System)?;
    let record = load_meeting(tx, id).await?;
    let to = next_minutes_status(record.minutes_status, step)
        .map_err(|e| AppError::new(ErrorCode::InvalidTransition, e.to_string()))?;
    check_version(&record, expected_version)?;
    validate_minutes_comment(step, comment)?;
    let version = match step {
        MinutesAction::Submit => tx.submit_minutes(id, expected_version, now).await?,
        MinutesAction::Approve | MinutesAction::Return => {
            tx.decide_minutes(
                id,
                expected_version,
                step,
                to,
                actor.account_id,
                comment.trim(),
                now,
            )
            .await?
        }
    };
    let (action, kind, whom) = match step {
        MinutesAction::Submit => (
            "minutes.submit",
            NotificationKind::MinutesSubmitted,
            Recipients::role(hoshu_core::Role::Chief),
        ),
        MinutesAction::Approve => (
            "minutes.approve",
            NotificationKind::MinutesApproved,
            Recipients::account(record.recorded_by),
        ),
        MinutesAction::Return => (
            "minutes.return",
            NotificationKind::MinutesReturned,
            Recipients::account(record.recorded_by),
        ),
    };
    tell(
        tx,
        actor,
        News {
            kind,
            item: ItemRef::meeting(id),
            visibility: Visibility::meetings(),
            summary: &format!("「{}」の議事録：{}", record.meeting.title, kind.label()),
        },
        whom,
        now,
    )
    .await?;
    audit(
        tx,
        actor,
        action,
        format!("meeting:{id}"),
        format!(
            "議事録を{}（{}→{}）",
            step.label(),
            record.minutes_status,
            to
        ),
        now,
    )
    .await?;
    Ok(version)
}

fn list_item(m: MeetingSummary, calendar: &Calendar, now: DateTime<Utc>) -> MeetingListItem {
    let due = minutes_due(m.starts_at, calendar);
    MeetingListItem {
        overdue: is_overdue(m.minutes_status, due, now),
        minutes_due: due,
        meeting: m,
    }
}

impl Hoshu {
    /// Records a meeting (contractor); its action items go on the issue register.
    pub async fn record_meeting(
        &self,
        session: &Session,
        meeting: NewMeeting,
    ) -> AppResult<RecordedMeeting> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let recorded = record_meeting(&mut tx, &actor, meeting, now).await?;
        tx.commit().await?;
        Ok(recorded)
    }

    /// Edits a meeting whose minutes are 作成中 or 差戻し (contractor); returns the new version.
    pub async fn update_meeting(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        meeting: NewMeeting,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let record = editable_meeting(&mut tx, &actor, id).await?;
        check_version(&record, expected_version)?;
        meeting.validate()?;
        let version = tx
            .update_meeting(id, expected_version, &meeting, now)
            .await?;
        let keep: Vec<(ActionItem, Option<RegisterRef>)> = record
            .meeting
            .action_items
            .iter()
            .cloned()
            .zip(record.action_item_links.iter().copied())
            .collect();
        let (links, created) = link_action_items(&mut tx, &actor, id, &meeting, &keep, now).await?;
        audit(
            &mut tx,
            &actor,
            "meeting.edit",
            format!("meeting:{id}"),
            format!(
                "{}を編集（宿題{}件、うち新規{}件→{}）",
                meeting.kind,
                links.len(),
                created,
                numbers(&links)
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// A step on the minutes: 提出 (contractor), 承認 or 差戻し (section; a return says why).
    /// Returns the new version.
    pub async fn minutes_step(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        step: MinutesAction,
        comment: &str,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let version =
            minutes_step(&mut tx, &actor, id, expected_version, step, comment, now).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Meetings, newest first, with each one's minutes due day and overdue flag as of now.
    pub async fn list_meetings(
        &self,
        session: &Session,
        query: MeetingListQuery,
    ) -> AppResult<MeetingListPage> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewMeetings, Resource::System)?;
        let per_page = if query.per_page <= 0 {
            50
        } else {
            query.per_page.min(MAX_PAGE_SIZE)
        };
        let page = query.page.max(1);
        let calendar = DeskSettings::load(&mut tx).await?.calendar();
        let found = tx
            .list_meetings(&MeetingFilter {
                kinds: query.kinds,
                statuses: query.statuses,
                from: query.from,
                to: query.to,
                text: query.text,
                limit: per_page,
                offset: (page - 1) * per_page,
            })
            .await?;
        Ok(MeetingListPage {
            items: found
                .items
                .into_iter()
                .map(|m| list_item(m, &calendar, now))
                .collect(),
            total: found.total,
        })
    }

    pub async fn meeting_detail(&self, session: &Session, id: i64) -> AppResult<MeetingDetail> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewMeetings, Resource::System)?;
        let meeting = load_meeting(&mut tx, id).await?;
        let calendar = DeskSettings::load(&mut tx).await?.calendar();
        let due = minutes_due(meeting.meeting.starts_at, &calendar);
        let allowed_actions = meeting
            .minutes_status
            .allowed_actions()
            .into_iter()
            .filter(|a| authorize(&actor, minutes_action(*a), Resource::System).is_ok())
            .collect();
        let can_edit = meeting.minutes_status.is_editable()
            && authorize(&actor, Action::RecordMeeting, Resource::System).is_ok();
        Ok(MeetingDetail {
            overdue: is_overdue(meeting.minutes_status, due, now),
            minutes_due: due,
            allowed_actions,
            can_edit,
            meeting,
        })
    }
}
