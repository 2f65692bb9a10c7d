//! Meetings, their attendance, lines (handouts, agenda, decisions), action items and the
//! minutes' status and decision.
//!
//! The lists of a meeting live in child tables, one row per entry with its position, so they
//! come back in the order they were typed and a register item can point at the meeting.

use crate::Tx;
use crate::columns::{Code, Day, Flag, Millis, Opt};
use crate::error::{Result, StoreError};
use crate::meeting_attachments::MeetingAttachmentMeta;
use crate::sql::Sql;
use chrono::{DateTime, NaiveDate, Utc};
use hoshu_core::meeting::{
    ActionItem, Attendee, MeetingKind, MinutesAction, MinutesStatus, NewMeeting, NextMeeting, Side,
};
use hoshu_core::search::SearchKind;

/// A register item, by id and by the number printed on the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterRef {
    pub id: i64,
    pub no: i64,
}

/// The section's last decision on the minutes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MinutesDecision {
    /// [`MinutesAction::Approve`] or [`MinutesAction::Return`].
    pub action: MinutesAction,
    pub decided_by: i64,
    pub decided_by_name: String,
    pub at: DateTime<Utc>,
    pub comment: String,
}

/// A meeting as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeetingRecord {
    pub id: i64,
    pub meeting: NewMeeting,
    /// For each of `meeting.action_items`, in order: the register item it became.
    pub action_item_links: Vec<Option<RegisterRef>>,
    pub minutes_status: MinutesStatus,
    pub version: i64,
    pub recorded_by: i64,
    pub recorded_by_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the minutes were last submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    pub decision: Option<MinutesDecision>,
    /// Files handed out at the meeting (配布資料), in the order they were added.
    pub attachments: Vec<MeetingAttachmentMeta>,
}

/// One line of the meeting list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeetingSummary {
    pub id: i64,
    #[sqlx(try_from = "Code<MeetingKind>")]
    pub kind: MeetingKind,
    pub title: String,
    #[sqlx(try_from = "Millis")]
    pub starts_at: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    pub ends_at: DateTime<Utc>,
    pub place: String,
    #[sqlx(try_from = "Code<MinutesStatus>")]
    pub minutes_status: MinutesStatus,
    pub version: i64,
    #[sqlx(try_from = "Millis")]
    pub updated_at: DateTime<Utc>,
}

/// Which meetings to list. Empty lists mean "any"; `from`/`to` bound the start, `[from, to)`;
/// `text` is searched in the title and the discussion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFilter {
    pub kinds: Vec<MeetingKind>,
    pub statuses: Vec<MinutesStatus>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub text: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

impl Default for MeetingFilter {
    fn default() -> Self {
        MeetingFilter {
            kinds: Vec::new(),
            statuses: Vec::new(),
            from: None,
            to: None,
            text: None,
            limit: 100,
            offset: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MeetingPage {
    pub items: Vec<MeetingSummary>,
    pub total: i64,
}

const LIST_HANDOUTS: &str = "handout";
const LIST_AGENDA: &str = "agenda";
const LIST_DECISIONS: &str = "decision";

const SUMMARY_COLUMNS: &str = "m.id, m.kind, m.title, m.starts_at, m.ends_at, m.place, \
     m.minutes_status, m.version, m.updated_at";

/// The meeting's own row, with the names of who recorded the minutes and who decided on them.
#[derive(sqlx::FromRow)]
struct MeetingColumns {
    #[sqlx(try_from = "Code<MeetingKind>")]
    kind: MeetingKind,
    title: String,
    #[sqlx(try_from = "Millis")]
    starts_at: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    ends_at: DateTime<Utc>,
    place: String,
    discussion: String,
    #[sqlx(try_from = "Opt<Millis>")]
    next_starts_at: Option<DateTime<Utc>>,
    next_place: Option<String>,
    #[sqlx(try_from = "Code<MinutesStatus>")]
    minutes_status: MinutesStatus,
    version: i64,
    recorded_by: i64,
    recorded_by_name: String,
    #[sqlx(try_from = "Millis")]
    created_at: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    updated_at: DateTime<Utc>,
    #[sqlx(try_from = "Opt<Millis>")]
    submitted_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    decision: DecisionColumns,
}

/// The columns of a [`MinutesDecision`], all NULL until the section decides.
#[derive(sqlx::FromRow)]
struct DecisionColumns {
    #[sqlx(try_from = "Opt<Code<MinutesAction>>")]
    decision: Option<MinutesAction>,
    decided_by: Option<i64>,
    decided_by_name: Option<String>,
    #[sqlx(try_from = "Opt<Millis>")]
    decided_at: Option<DateTime<Utc>>,
    decision_comment: Option<String>,
}

impl DecisionColumns {
    /// The decision, if one was made; one without its decider or time is corrupt.
    fn into_decision(self) -> Result<Option<MinutesDecision>> {
        let Some(action) = self.decision else {
            return Ok(None);
        };
        Ok(Some(MinutesDecision {
            action,
            decided_by: self
                .decided_by
                .ok_or_else(|| StoreError::corrupt("議事録の判断者"))?,
            decided_by_name: self.decided_by_name.unwrap_or_default(),
            at: self
                .decided_at
                .ok_or_else(|| StoreError::corrupt("議事録の判断日時"))?,
            comment: self.decision_comment.unwrap_or_default(),
        }))
    }
}

#[derive(sqlx::FromRow)]
struct AttendeeColumns {
    #[sqlx(try_from = "Code<Side>")]
    side: Side,
    organisation: String,
    title: String,
    name: String,
    #[sqlx(try_from = "Flag")]
    present: bool,
}

impl From<AttendeeColumns> for Attendee {
    fn from(c: AttendeeColumns) -> Self {
        Attendee {
            side: c.side,
            organisation: c.organisation,
            title: c.title,
            name: c.name,
            present: c.present,
        }
    }
}

/// An action item and the register item it became, if any.
#[derive(sqlx::FromRow)]
struct ActionItemColumns {
    description: String,
    owner: String,
    #[sqlx(try_from = "Day")]
    due: NaiveDate,
    register_item_id: Option<i64>,
    register_no: Option<i64>,
}

impl From<ActionItemColumns> for (ActionItem, Option<RegisterRef>) {
    fn from(c: ActionItemColumns) -> Self {
        let item = ActionItem {
            description: c.description,
            owner: c.owner,
            due: c.due,
        };
        let link = c
            .register_item_id
            .zip(c.register_no)
            .map(|(id, no)| RegisterRef { id, no });
        (item, link)
    }
}

fn what(id: i64) -> String {
    format!("会議 #{id}")
}

fn position(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

fn push_conditions(sql: &mut Sql, filter: &MeetingFilter) {
    sql.push(" WHERE 1 = 1")
        .and_in("m.kind", filter.kinds.iter().copied().map(Code))
        .and_in(
            "m.minutes_status",
            filter.statuses.iter().copied().map(Code),
        );
    if let Some(from) = filter.from {
        sql.push(" AND m.starts_at >= ").bind(Millis(from));
    }
    if let Some(to) = filter.to {
        sql.push(" AND m.starts_at < ").bind(Millis(to));
    }
    sql.and_contains(&["m.title", "m.discussion"], filter.text.as_deref());
}

impl Tx<'_> {
    /// Stores a meeting with minutes 作成中 (version 1): the meeting row, its attendees,
    /// handouts, agenda and decisions. Its action items are written by
    /// [`Tx::set_meeting_action_items`], which also records the register items they became.
    pub async fn insert_meeting(
        &mut self,
        meeting: &NewMeeting,
        recorded_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let next = meeting.next_meeting.as_ref();
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO meetings (kind, title, starts_at, ends_at, place, discussion, \
             next_starts_at, next_place, minutes_status, recorded_by, created_at, updated_at, \
             version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, 1) RETURNING id",
        )
        .bind(Code(meeting.kind))
        .bind(&meeting.title)
        .bind(Millis(meeting.starts_at))
        .bind(Millis(meeting.ends_at))
        .bind(&meeting.place)
        .bind(&meeting.discussion)
        .bind(next.map(|n| Millis(n.starts_at)))
        .bind(next.map(|n| n.place.as_str()))
        .bind(Code(MinutesStatus::Draft))
        .bind(recorded_by)
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await?;
        self.put_meeting_children(id, meeting).await?;
        self.mark_for_search(SearchKind::Meeting, id);
        Ok(id)
    }

    /// Replaces the meeting's content (not its action items); returns the new version.
    pub async fn update_meeting(
        &mut self,
        id: i64,
        expected_version: i64,
        meeting: &NewMeeting,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let next = meeting.next_meeting.as_ref();
        let new_version = sqlx::query_scalar::<_, i64>(
            "UPDATE meetings SET kind = $3, title = $4, starts_at = $5, ends_at = $6, \
             place = $7, discussion = $8, next_starts_at = $9, next_place = $10, \
             updated_at = $11, version = version + 1 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(Code(meeting.kind))
        .bind(&meeting.title)
        .bind(Millis(meeting.starts_at))
        .bind(Millis(meeting.ends_at))
        .bind(&meeting.place)
        .bind(&meeting.discussion)
        .bind(next.map(|n| Millis(n.starts_at)))
        .bind(next.map(|n| n.place.as_str()))
        .bind(Millis(now))
        .fetch_optional(self.conn())
        .await?;
        let version = self
            .versioned("meetings", id, what(id), new_version)
            .await?;
        self.put_meeting_children(id, meeting).await?;
        self.mark_for_search(SearchKind::Meeting, id);
        Ok(version)
    }

    async fn put_meeting_children(&mut self, id: i64, meeting: &NewMeeting) -> Result<()> {
        for table in ["meeting_attendees", "meeting_lines"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE meeting_id = $1"
            )))
            .bind(id)
            .execute(self.conn())
            .await?;
        }
        if !meeting.attendees.is_empty() {
            let mut sql = Sql::new(
                "INSERT INTO meeting_attendees \
                 (meeting_id, position, side, organisation, title, name, present) VALUES ",
            );
            for (i, a) in meeting.attendees.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(")
                    .bind(id)
                    .push(", ")
                    .bind(position(i))
                    .push(", ")
                    .bind(Code(a.side))
                    .push(", ")
                    .bind(a.organisation.clone())
                    .push(", ")
                    .bind(a.title.clone())
                    .push(", ")
                    .bind(a.name.clone())
                    .push(", ")
                    .bind(Flag(a.present))
                    .push(")");
            }
            sql.build()?.execute(self.conn()).await?;
        }
        let lines: Vec<(&str, usize, &String)> = [
            (LIST_HANDOUTS, &meeting.handouts),
            (LIST_AGENDA, &meeting.agenda),
            (LIST_DECISIONS, &meeting.decisions),
        ]
        .into_iter()
        .flat_map(|(list, v)| v.iter().enumerate().map(move |(i, t)| (list, i, t)))
        .collect();
        if !lines.is_empty() {
            let mut sql =
                Sql::new("INSERT INTO meeting_lines (meeting_id, list, position, text) VALUES ");
            for (n, (list, i, text)) in lines.into_iter().enumerate() {
                if n > 0 {
                    sql.push(", ");
                }
                sql.push("(")
                    .bind(id)
                    .push(", ")
                    .bind(list)
                    .push(", ")
                    .bind(position(i))
                    .push(", ")
                    .bind(text.clone())
                    .push(")");
            }
            sql.build()?.execute(self.conn()).await?;
        }
        Ok(())
    }

    /// Replaces the meeting's action items, each with the register item it became (if any).
    pub async fn set_meeting_action_items(
        &mut self,
        meeting_id: i64,
        items: &[(ActionItem, Option<i64>)],
    ) -> Result<()> {
        sqlx::query("DELETE FROM meeting_action_items WHERE meeting_id = $1")
            .bind(meeting_id)
            .execute(self.conn())
            .await?;
        if items.is_empty() {
            return Ok(());
        }
        let mut sql = Sql::new(
            "INSERT INTO meeting_action_items \
             (meeting_id, position, description, owner, due, register_item_id) VALUES ",
        );
        for (i, (item, register_id)) in items.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(")
                .bind(meeting_id)
                .push(", ")
                .bind(position(i))
                .push(", ")
                .bind(item.description.clone())
                .push(", ")
                .bind(item.owner.clone())
                .push(", ")
                .bind(Day(item.due))
                .push(", ")
                .bind(*register_id)
                .push(")");
        }
        sql.build()?.execute(self.conn()).await?;
        Ok(())
    }

    pub async fn get_meeting(&mut self, id: i64) -> Result<Option<MeetingRecord>> {
        let Some(row) = sqlx::query_as::<_, MeetingColumns>(
            "SELECT m.kind, m.title, m.starts_at, m.ends_at, m.place, m.discussion, \
             m.next_starts_at, m.next_place, m.minutes_status, m.version, m.recorded_by, \
             r.display_name AS recorded_by_name, m.created_at, m.updated_at, m.submitted_at, \
             m.decision, m.decided_by, d.display_name AS decided_by_name, m.decided_at, \
             m.decision_comment \
             FROM meetings m JOIN accounts r ON r.id = m.recorded_by \
             LEFT JOIN accounts d ON d.id = m.decided_by WHERE m.id = $1",
        )
        .bind(id)
        .fetch_optional(self.conn())
        .await?
        else {
            return Ok(None);
        };

        let attendees = sqlx::query_as::<_, AttendeeColumns>(
            "SELECT side, organisation, title, name, present FROM meeting_attendees \
             WHERE meeting_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(self.conn())
        .await?
        .into_iter()
        .map(Attendee::from)
        .collect();

        let (mut handouts, mut agenda, mut decisions) = (Vec::new(), Vec::new(), Vec::new());
        let lines: Vec<(String, String)> = sqlx::query_as(
            "SELECT list, text FROM meeting_lines WHERE meeting_id = $1 ORDER BY list, position",
        )
        .bind(id)
        .fetch_all(self.conn())
        .await?;
        for (list, text) in lines {
            match list.as_str() {
                LIST_HANDOUTS => handouts.push(text),
                LIST_AGENDA => agenda.push(text),
                _ => decisions.push(text),
            }
        }

        let (action_items, action_item_links) = sqlx::query_as::<_, ActionItemColumns>(
            "SELECT a.description, a.owner, a.due, a.register_item_id, i.no AS register_no \
             FROM meeting_action_items a LEFT JOIN register_items i ON i.id = a.register_item_id \
             WHERE a.meeting_id = $1 ORDER BY a.position",
        )
        .bind(id)
        .fetch_all(self.conn())
        .await?
        .into_iter()
        .map(<(ActionItem, Option<RegisterRef>)>::from)
        .unzip();

        let next_meeting = row.next_starts_at.map(|starts_at| NextMeeting {
            starts_at,
            place: row.next_place.unwrap_or_default(),
        });
        let decision = row.decision.into_decision()?;
        let attachments = self.list_meeting_attachments(id).await?;
        Ok(Some(MeetingRecord {
            id,
            meeting: NewMeeting {
                kind: row.kind,
                title: row.title,
                starts_at: row.starts_at,
                ends_at: row.ends_at,
                place: row.place,
                attendees,
                handouts,
                agenda,
                discussion: row.discussion,
                decisions,
                action_items,
                next_meeting,
            },
            action_item_links,
            minutes_status: row.minutes_status,
            version: row.version,
            recorded_by: row.recorded_by,
            recorded_by_name: row.recorded_by_name,
            created_at: row.created_at,
            updated_at: row.updated_at,
            submitted_at: row.submitted_at,
            decision,
            attachments,
        }))
    }

    /// One page of meetings matching `filter`, newest first (start, then id, descending),
    /// and how many match in all.
    pub async fn list_meetings(&mut self, filter: &MeetingFilter) -> Result<MeetingPage> {
        let mut count = Sql::new("SELECT COUNT(*) FROM meetings m");
        push_conditions(&mut count, filter);
        let total = count.build_scalar::<i64>()?.fetch_one(self.conn()).await?;
        let mut page = Sql::new(&format!("SELECT {SUMMARY_COLUMNS} FROM meetings m"));
        push_conditions(&mut page, filter);
        page.push(" ORDER BY m.starts_at DESC, m.id DESC LIMIT ")
            .bind(filter.limit.max(0))
            .push(" OFFSET ")
            .bind(filter.offset.max(0));
        let items = page.build_as()?.fetch_all(self.conn()).await?;
        Ok(MeetingPage { items, total })
    }

    /// Submits the minutes (status 提出済, `submitted_at` stamped); returns the new version.
    pub async fn submit_minutes(
        &mut self,
        id: i64,
        expected_version: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let new_version = sqlx::query_scalar::<_, i64>(
            "UPDATE meetings SET minutes_status = $3, submitted_at = $4, updated_at = $4, \
             version = version + 1 WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(Code(MinutesStatus::Submitted))
        .bind(Millis(now))
        .fetch_optional(self.conn())
        .await?;
        self.versioned("meetings", id, what(id), new_version).await
    }

    /// Records the section's decision (approve or return) and the status it leads to;
    /// returns the new version.
    #[allow(clippy::too_many_arguments)]
    pub async fn decide_minutes(
        &mut self,
        id: i64,
        expected_version: i64,
        action: MinutesAction,
        status: MinutesStatus,
        decided_by: i64,
        comment: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let new_version = sqlx::query_scalar::<_, i64>(
            "UPDATE meetings SET minutes_status = $3, decision = $4, decided_by = $5, \
             decided_at = $6, decision_comment = $7, updated_at = $6, version = version + 1 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(Code(status))
        .bind(Code(action))
        .bind(decided_by)
        .bind(Millis(now))
        .bind(comment)
        .fetch_optional(self.conn())
        .await?;
        self.versioned("meetings", id, what(id), new_version).await
    }
}
