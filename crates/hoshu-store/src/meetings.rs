//! Meetings, their attendance, lines (handouts, agenda, decisions), action items and the
//! minutes' status and decision.
//!
//! The lists of a meeting live in child tables, one row per entry with its position, so they
//! come back in the order they were typed and a register item can point at the meeting.

use crate::Tx;
use crate::error::{Result, StoreError};
use crate::meeting_attachments::MeetingAttachmentMeta;
use crate::register::{date_text, get_date};
use crate::sql::{Sql, flag, get, get_code, get_flag, get_opt_code, get_opt_time, get_time, ms};
use chrono::{DateTime, Utc};
use hoshu_core::meeting::{
    ActionItem, Attendee, MeetingKind, MinutesAction, MinutesStatus, NewMeeting, NextMeeting, Side,
};
use hoshu_core::search::SearchKind;
use sqlx::any::AnyRow;

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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeetingSummary {
    pub id: i64,
    pub kind: MeetingKind,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub minutes_status: MinutesStatus,
    pub version: i64,
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

fn what(id: i64) -> String {
    format!("会議 #{id}")
}

fn position(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

fn summary(row: &AnyRow) -> Result<MeetingSummary> {
    Ok(MeetingSummary {
        id: get(row, "id")?,
        kind: get_code(row, "kind", MeetingKind::from_code)?,
        title: get(row, "title")?,
        starts_at: get_time(row, "starts_at")?,
        ends_at: get_time(row, "ends_at")?,
        place: get(row, "place")?,
        minutes_status: get_code(row, "minutes_status", MinutesStatus::from_code)?,
        version: get(row, "version")?,
        updated_at: get_time(row, "updated_at")?,
    })
}

fn push_conditions(sql: &mut Sql, filter: &MeetingFilter) {
    sql.push(" WHERE 1 = 1")
        .and_in("m.kind", filter.kinds.iter().map(|k| k.code()))
        .and_in("m.minutes_status", filter.statuses.iter().map(|s| s.code()));
    if let Some(from) = filter.from {
        sql.push(" AND m.starts_at >= ").bind(ms(from));
    }
    if let Some(to) = filter.to {
        sql.push(" AND m.starts_at < ").bind(ms(to));
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
        .bind(meeting.kind.code())
        .bind(&meeting.title)
        .bind(ms(meeting.starts_at))
        .bind(ms(meeting.ends_at))
        .bind(&meeting.place)
        .bind(&meeting.discussion)
        .bind(next.map(|n| ms(n.starts_at)))
        .bind(next.map(|n| n.place.as_str()))
        .bind(MinutesStatus::Draft.code())
        .bind(recorded_by)
        .bind(ms(now))
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
        .bind(meeting.kind.code())
        .bind(&meeting.title)
        .bind(ms(meeting.starts_at))
        .bind(ms(meeting.ends_at))
        .bind(&meeting.place)
        .bind(&meeting.discussion)
        .bind(next.map(|n| ms(n.starts_at)))
        .bind(next.map(|n| n.place.as_str()))
        .bind(ms(now))
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
                    .bind(a.side.code())
                    .push(", ")
                    .bind(a.organisation.clone())
                    .push(", ")
                    .bind(a.title.clone())
                    .push(", ")
                    .bind(a.name.clone())
                    .push(", ")
                    .bind(flag(a.present))
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
                .bind(date_text(item.due))
                .push(", ")
                .bind(*register_id)
                .push(")");
        }
        sql.build()?.execute(self.conn()).await?;
        Ok(())
    }

    pub async fn get_meeting(&mut self, id: i64) -> Result<Option<MeetingRecord>> {
        let Some(row) = sqlx::query(
            "SELECT m.*, r.display_name AS recorded_by_name, d.display_name AS decided_by_name \
             FROM meetings m JOIN accounts r ON r.id = m.recorded_by \
             LEFT JOIN accounts d ON d.id = m.decided_by WHERE m.id = $1",
        )
        .bind(id)
        .fetch_optional(self.conn())
        .await?
        else {
            return Ok(None);
        };

        let attendees = sqlx::query(
            "SELECT side, organisation, title, name, present FROM meeting_attendees \
             WHERE meeting_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(self.conn())
        .await?
        .iter()
        .map(|r| {
            Ok(Attendee {
                side: get_code(r, "side", Side::from_code)?,
                organisation: get(r, "organisation")?,
                title: get(r, "title")?,
                name: get(r, "name")?,
                present: get_flag(r, "present")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;

        let (mut handouts, mut agenda, mut decisions) = (Vec::new(), Vec::new(), Vec::new());
        for r in sqlx::query(
            "SELECT list, text FROM meeting_lines WHERE meeting_id = $1 ORDER BY list, position",
        )
        .bind(id)
        .fetch_all(self.conn())
        .await?
        {
            let list: String = get(&r, "list")?;
            let text: String = get(&r, "text")?;
            match list.as_str() {
                LIST_HANDOUTS => handouts.push(text),
                LIST_AGENDA => agenda.push(text),
                _ => decisions.push(text),
            }
        }

        let mut action_items = Vec::new();
        let mut action_item_links = Vec::new();
        for r in sqlx::query(
            "SELECT a.description, a.owner, a.due, a.register_item_id, i.no AS register_no \
             FROM meeting_action_items a LEFT JOIN register_items i ON i.id = a.register_item_id \
             WHERE a.meeting_id = $1 ORDER BY a.position",
        )
        .bind(id)
        .fetch_all(self.conn())
        .await?
        {
            action_items.push(ActionItem {
                description: get(&r, "description")?,
                owner: get(&r, "owner")?,
                due: get_date(&r, "due")?,
            });
            let rid: Option<i64> = get(&r, "register_item_id")?;
            let no: Option<i64> = get(&r, "register_no")?;
            action_item_links.push(rid.zip(no).map(|(id, no)| RegisterRef { id, no }));
        }

        let next_meeting = match get_opt_time(&row, "next_starts_at")? {
            Some(starts_at) => Some(NextMeeting {
                starts_at,
                place: get::<Option<String>>(&row, "next_place")?.unwrap_or_default(),
            }),
            None => None,
        };
        let decision = match get_opt_code(&row, "decision", MinutesAction::from_code)? {
            Some(action) => Some(MinutesDecision {
                action,
                decided_by: get::<Option<i64>>(&row, "decided_by")?
                    .ok_or_else(|| StoreError::corrupt("議事録の判断者"))?,
                decided_by_name: get::<Option<String>>(&row, "decided_by_name")?
                    .unwrap_or_default(),
                at: get_opt_time(&row, "decided_at")?
                    .ok_or_else(|| StoreError::corrupt("議事録の判断日時"))?,
                comment: get::<Option<String>>(&row, "decision_comment")?.unwrap_or_default(),
            }),
            None => None,
        };
        let attachments = self.list_meeting_attachments(id).await?;
        Ok(Some(MeetingRecord {
            id,
            meeting: NewMeeting {
                kind: get_code(&row, "kind", MeetingKind::from_code)?,
                title: get(&row, "title")?,
                starts_at: get_time(&row, "starts_at")?,
                ends_at: get_time(&row, "ends_at")?,
                place: get(&row, "place")?,
                attendees,
                handouts,
                agenda,
                discussion: get(&row, "discussion")?,
                decisions,
                action_items,
                next_meeting,
            },
            action_item_links,
            minutes_status: get_code(&row, "minutes_status", MinutesStatus::from_code)?,
            version: get(&row, "version")?,
            recorded_by: get(&row, "recorded_by")?,
            recorded_by_name: get(&row, "recorded_by_name")?,
            created_at: get_time(&row, "created_at")?,
            updated_at: get_time(&row, "updated_at")?,
            submitted_at: get_opt_time(&row, "submitted_at")?,
            decision,
            attachments,
        }))
    }

    /// One page of meetings matching `filter`, newest first (start, then id, descending),
    /// and how many match in all.
    pub async fn list_meetings(&mut self, filter: &MeetingFilter) -> Result<MeetingPage> {
        let mut count = Sql::new("SELECT COUNT(*) AS n FROM meetings m");
        push_conditions(&mut count, filter);
        let total: i64 = get(&count.build()?.fetch_one(self.conn()).await?, "n")?;
        let mut page = Sql::new(&format!("SELECT {SUMMARY_COLUMNS} FROM meetings m"));
        push_conditions(&mut page, filter);
        page.push(" ORDER BY m.starts_at DESC, m.id DESC LIMIT ")
            .bind(filter.limit.max(0))
            .push(" OFFSET ")
            .bind(filter.offset.max(0));
        let items = page
            .build()?
            .fetch_all(self.conn())
            .await?
            .iter()
            .map(summary)
            .collect::<Result<Vec<_>>>()?;
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
        .bind(MinutesStatus::Submitted.code())
        .bind(ms(now))
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
        .bind(status.code())
        .bind(action.code())
        .bind(decided_by)
        .bind(ms(now))
        .bind(comment)
        .fetch_optional(self.conn())
        .await?;
        self.versioned("meetings", id, what(id), new_version).await
    }
}
