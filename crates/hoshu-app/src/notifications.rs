//! Notifications: written by the use cases in the transaction of the event they tell of (so
//! none is lost and none tells of a write that rolled back), kept per recipient, read by the
//! window's poll.
//!
//! Who is told what:
//! - staff: an answer or a question (a comment) on a request they filed; an approved outage
//!   that touches their office, at approval, so before it starts;
//! - chief: a change submitted for approval; minutes submitted; an incident's SLA clock about
//!   to breach or breached;
//! - contractor: a new request; a comment from the requester; an answer sent back or a request
//!   reopened; an answer deadline within the set warning time; a change approved or rejected;
//!   minutes approved or returned;
//! - anyone watching an item: what happens to it.
//!
//! Every recipient is checked against the policy as if they were opening the item themselves,
//! so nobody is told of what they may not see (staff never hear of another office's request).
//!
//! Deadline alerts depend on time, not on a write: the poll of a contractor or the chief
//! computes the clocks at "now" (a pure rule, `hoshu_core::notification::deadline_alert`) and
//! records each alert once per recipient (its once-key); staff, who receive none, poll only
//! two indexed reads.

use crate::auth::{Session, actor_of};
use crate::error::{AppError, AppResult};
use crate::incidents::{IncidentView, load_targets};
use crate::settings::DeskSettings;
use crate::{Hoshu, audit};
use chrono::{DateTime, TimeDelta, Utc};
use hoshu_core::notification::{
    DeadlineAlert, ItemKind, ItemRef, NotificationKind, deadline_alert,
};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::request::RequestStatus;
use hoshu_core::sla::request_answer_clock;
use hoshu_core::{Actor, Role};
use hoshu_store::{NewNotification, NotificationRecord, RequestFilter, Tx};
use serde::Serialize;

/// What the window's poll answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotificationPoll {
    /// Notifications newer than the id the window last saw, oldest first; none on the first
    /// poll (what came before waits in the notification centre).
    pub new: Vec<NotificationRecord>,
    /// The newest notification's id (0 when none): where the next poll starts.
    pub latest_id: i64,
    pub unread: i64,
    /// Whether this person wants operating-system notifications (on unless switched off).
    pub os_notifications: bool,
}

/// Who may see the item a notification is about: the action and resource the policy is asked
/// for each recipient.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Visibility<'a> {
    pub action: Action,
    pub resource: Resource<'a>,
}

impl<'a> Visibility<'a> {
    pub(crate) fn request(office: &'a str) -> Self {
        Self {
            action: Action::ViewRequest,
            resource: Resource::Request { office },
        }
    }
    pub(crate) fn change(status: hoshu_core::change::ChangeStatus) -> Self {
        Self {
            action: Action::ViewChange,
            resource: Resource::Change { status },
        }
    }
    pub(crate) fn meetings() -> Self {
        Self {
            action: Action::ViewMeetings,
            resource: Resource::System,
        }
    }
}

/// Whom to tell.
#[derive(Debug, Clone, Default)]
pub(crate) struct Recipients {
    pub accounts: Vec<i64>,
    pub roles: Vec<Role>,
    /// Staff of these offices; `Some(empty)` means staff of every office.
    pub staff_of: Option<Vec<String>>,
    /// The item's watchers too.
    pub watchers: bool,
}

impl Recipients {
    /// `id` and the item's watchers.
    pub(crate) fn account(id: i64) -> Self {
        Self {
            accounts: vec![id],
            ..Self::watchers()
        }
    }
    /// Every account of `role` and the item's watchers.
    pub(crate) fn role(role: Role) -> Self {
        Self {
            roles: vec![role],
            ..Self::watchers()
        }
    }
    /// Only the item's watchers.
    pub(crate) fn watchers() -> Self {
        Self {
            watchers: true,
            ..Self::default()
        }
    }
}

/// What happened, to tell.
#[derive(Debug, Clone, Copy)]
pub(crate) struct News<'a> {
    pub kind: NotificationKind,
    pub item: ItemRef,
    /// Who may see the item: every recipient is checked against it.
    pub visibility: Visibility<'a>,
    /// One line in Japanese.
    pub summary: &'a str,
}

/// Tells `to` (and, as it says, the item's watchers) the news, in the caller's transaction.
/// The actor is never told of their own doing; disabled accounts and anyone the policy would
/// not let see the item are left out.
pub(crate) async fn tell(
    tx: &mut Tx<'_>,
    actor: &Actor,
    news: News<'_>,
    to: Recipients,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let News {
        kind,
        item,
        visibility,
        summary,
    } = news;
    let watchers = if to.watchers {
        tx.watchers(item).await?
    } else {
        Vec::new()
    };
    let accounts = tx.list_accounts().await?;
    let wanted = |a: &hoshu_store::Account| {
        to.accounts.contains(&a.id)
            || watchers.contains(&a.id)
            || to.roles.contains(&a.role)
            || (a.role == Role::Staff
                && to
                    .staff_of
                    .as_ref()
                    .is_some_and(|o| o.is_empty() || o.contains(&a.office)))
    };
    let notifications: Vec<NewNotification> = accounts
        .iter()
        .filter(|a| a.id != actor.account_id && !a.disabled && wanted(a))
        .filter(|a| authorize(&actor_of(a), visibility.action, visibility.resource).is_ok())
        .map(|a| NewNotification {
            recipient_id: a.id,
            kind,
            item,
            summary: summary.to_owned(),
            actor_id: Some(actor.account_id),
            once_key: None,
        })
        .collect();
    tx.insert_notifications(&notifications, now).await?;
    Ok(())
}

/// The contractors to tell of a request: its assignee, or all of them while unassigned.
pub(crate) fn request_workers(assignee: Option<i64>) -> Recipients {
    assignee.map_or_else(|| Recipients::role(Role::Contractor), Recipients::account)
}

impl Hoshu {
    /// The person's notifications, newest first; `before` pages back from an id.
    pub async fn notifications(
        &self,
        session: &Session,
        before: Option<i64>,
    ) -> AppResult<Vec<NotificationRecord>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        Ok(tx.notifications_of(actor.account_id, before, 100).await?)
    }

    /// The window's poll every few seconds: what is new since the id it last saw (`None` on the
    /// first poll after log-in: nothing, only where to start), the unread count and the
    /// person's setting. For a contractor or the chief it first records the deadline alerts
    /// due at this moment (once each).
    pub async fn poll_notifications(
        &self,
        session: &Session,
        after: Option<i64>,
    ) -> AppResult<NotificationPoll> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        let alerts = deadline_alerts(&mut tx, &actor, now).await?;
        let keys: Vec<String> = alerts.iter().map(|a| a.once_key.clone()).collect();
        let told = tx.told_once_keys(actor.account_id, &keys).await?;
        let untold: Vec<NewNotification> = alerts
            .into_iter()
            .filter(|a| !told.contains(&a.once_key))
            .map(|a| alert_notification(actor.account_id, a))
            .collect();
        if !untold.is_empty() {
            tx.rollback().await?;
            let mut write = self.begin().await?;
            write.insert_notifications(&untold, now).await?;
            write.commit().await?;
            tx = self.begin_read().await?;
        }
        let poll = NotificationPoll {
            new: match after {
                Some(after) => tx.notifications_since(actor.account_id, after).await?,
                None => Vec::new(),
            },
            latest_id: tx.latest_notification_id(actor.account_id).await?,
            unread: tx.unread_notification_count(actor.account_id).await?,
            os_notifications: tx.os_notifications(actor.account_id).await?.unwrap_or(true),
        };
        tx.rollback().await?;
        Ok(poll)
    }

    /// Marks the person's notifications read: `ids`, or all of them with `None`. Returns how
    /// many were unread.
    pub async fn mark_notifications_read(
        &self,
        session: &Session,
        ids: Option<Vec<i64>>,
    ) -> AppResult<u64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let changed = tx
            .mark_notifications_read(actor.account_id, ids.as_deref(), now)
            .await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// Starts (`on`) or stops watching an item the person may see. Returns whether anything
    /// changed.
    pub async fn watch(&self, session: &Session, item: ItemRef, on: bool) -> AppResult<bool> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        may_see(&mut tx, &actor, item).await?;
        let changed = if on {
            tx.watch(actor.account_id, item, now).await?
        } else {
            tx.unwatch(actor.account_id, item).await?
        };
        if changed {
            let what = if on {
                "ウォッチを開始"
            } else {
                "ウォッチを解除"
            };
            audit(
                &mut tx,
                &actor,
                if on { "watch.start" } else { "watch.stop" },
                format!("{}:{}", item.kind.code(), item.id),
                format!("{item}の{what}"),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// Whether the person watches `item`.
    pub async fn watching(&self, session: &Session, item: ItemRef) -> AppResult<bool> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        Ok(tx.watchers(item).await?.contains(&actor.account_id))
    }

    /// Switches the person's operating-system notifications on or off (their own setting).
    pub async fn set_os_notifications(&self, session: &Session, on: bool) -> AppResult<()> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        tx.set_os_notifications(actor.account_id, on, now).await?;
        audit(
            &mut tx,
            &actor,
            "notifications.os",
            format!("account:{}", actor.account_id),
            format!("デスクトップ通知を{}", if on { "オン" } else { "オフ" }),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Refuses an item the actor may not see (or that does not exist) as not found / forbidden.
async fn may_see(tx: &mut Tx<'_>, actor: &Actor, item: ItemRef) -> AppResult<()> {
    let missing = || AppError::not_found(&item.to_string());
    match item.kind {
        ItemKind::Request => {
            let r = tx.get_request(item.id).await?.ok_or_else(missing)?;
            authorize(
                actor,
                Action::ViewRequest,
                Resource::Request { office: &r.office },
            )?;
        }
        ItemKind::Change => {
            let c = tx.get_change(item.id).await?.ok_or_else(missing)?;
            authorize(
                actor,
                Action::ViewChange,
                Resource::Change { status: c.status },
            )?;
        }
        ItemKind::Meeting => {
            tx.get_meeting(item.id).await?.ok_or_else(missing)?;
            authorize(actor, Action::ViewMeetings, Resource::System)?;
        }
        ItemKind::Incident => {
            tx.get_incident(item.id).await?.ok_or_else(missing)?;
            authorize(actor, Action::ViewIncidents, Resource::System)?;
        }
    }
    Ok(())
}

/// The deadline alerts due for `actor` at `now`: answer deadlines of waiting requests for a
/// contractor, running incident clocks for the chief; nothing for anyone else.
async fn deadline_alerts(
    tx: &mut Tx<'_>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> AppResult<Vec<DeadlineAlert>> {
    // Staff, most of the terminals, have no deadlines to be told of: their poll reads nothing
    // more than their own notifications.
    if !matches!(actor.role, Role::Contractor | Role::Chief) {
        return Ok(Vec::new());
    }
    let settings = DeskSettings::load(tx).await?;
    let warning = TimeDelta::minutes(settings.deadline_warning_minutes);
    let calendar = settings.calendar();
    let targets = load_targets(tx).await?;
    match actor.role {
        Role::Contractor => {
            let waiting = tx
                .list_requests(&RequestFilter {
                    statuses: vec![RequestStatus::Received, RequestStatus::InProgress],
                    open_only: true,
                    limit: crate::QUEUE_MAX,
                    ..RequestFilter::default()
                })
                .await?;
            Ok(waiting
                .items
                .iter()
                // Each contractor hears of their own requests and of the unassigned ones.
                .filter(|r| r.assignee_id.is_none_or(|a| a == actor.account_id))
                .filter_map(|r| {
                    let clock = request_answer_clock(
                        r.filed_at,
                        r.answered_at,
                        &[],
                        &targets,
                        &calendar,
                        now,
                    );
                    deadline_alert(
                        ItemRef::request(r.id),
                        &clock,
                        warning,
                        now,
                        NotificationKind::AnswerDeadlineNear,
                        NotificationKind::AnswerDeadlinePassed,
                    )
                })
                .collect())
        }
        Role::Chief => Ok(tx
            .list_incidents(None, None)
            .await?
            .into_iter()
            .map(|r| IncidentView::of(r, &targets, &calendar, now))
            .filter(|v| !v.excluded)
            .flat_map(|v| {
                let item = ItemRef::incident(v.record.id);
                v.clocks
                    .iter()
                    .filter_map(|c| {
                        deadline_alert(
                            item,
                            c,
                            warning,
                            now,
                            NotificationKind::SlaNearBreach,
                            NotificationKind::SlaBreached,
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect()),
        Role::Staff | Role::Admin => Ok(Vec::new()),
    }
}

fn alert_notification(recipient_id: i64, alert: DeadlineAlert) -> NewNotification {
    let deadline = hoshu_core::wareki::datetime_long(alert.deadline);
    let summary = match alert.kind {
        NotificationKind::AnswerDeadlinePassed | NotificationKind::SlaBreached => {
            format!("{}の期限（{deadline}）を過ぎました", alert.item)
        }
        _ => format!("{}の期限（{deadline}）が近づいています", alert.item),
    };
    NewNotification {
        recipient_id,
        kind: alert.kind,
        item: alert.item,
        summary,
        actor_id: None,
        once_key: Some(alert.once_key),
    }
}
