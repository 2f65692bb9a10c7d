//! The change, meeting and incident lists as .xlsx: every row the list shows for the same
//! query (all its pages), with the conditions in words, audited and behind the bulk question
//! like the request list.

use crate::auth::Session;
use crate::changes::ChangeListQuery;
use crate::deliverables::Rendered;
use crate::error::AppResult;
use crate::exports::{BulkExport, list_export};
use crate::incidents::IncidentListQuery;
use crate::meetings::MeetingListQuery;
use crate::{Actor, Hoshu};
use chrono::{DateTime, Utc};
use hoshu_core::wareki;
use hoshu_docs::list_xlsx::{ListCell, ListColumn, ListSheet};

/// Most rows one list export reads: far above a year of any list.
const EXPORT_ROWS_MAX: i64 = 10_000;

/// Who exports: the session's person, re-read (the list use cases check what they may see).
async fn exporter(hoshu: &Hoshu, session: &Session) -> AppResult<Actor> {
    let mut read = hoshu.begin_read().await?;
    let actor = hoshu.actor(&mut read, session).await?;
    read.rollback().await?;
    Ok(actor)
}

fn column(caption: &'static str, width: f64) -> ListColumn {
    ListColumn { caption, width }
}

fn sheet(
    title: &str,
    conditions: Vec<String>,
    actor: &Actor,
    now: DateTime<Utc>,
    columns: Vec<ListColumn>,
    rows: Vec<Vec<ListCell>>,
) -> ListSheet {
    ListSheet {
        title: title.into(),
        conditions: if conditions.is_empty() {
            "条件なし".into()
        } else {
            conditions.join("、")
        },
        author: actor.display_name.clone(),
        as_of: now,
        columns,
        rows,
    }
}

fn words(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| format!("キーワード: {t}"))
}

fn labels<T: Copy>(name: &str, items: &[T], label: fn(T) -> &'static str) -> Option<String> {
    (!items.is_empty()).then(|| {
        let joined: Vec<&str> = items.iter().map(|i| label(*i)).collect();
        format!("{name}: {}", joined.join("・"))
    })
}

impl Hoshu {
    /// 変更・計画停止 as filtered (status, kind, words, the month of the window), newest
    /// window first.
    pub async fn export_change_list(
        &self,
        session: &Session,
        query: ChangeListQuery,
        bulk: BulkExport,
    ) -> AppResult<Rendered> {
        let now = self.now();
        let actor = exporter(self, session).await?;
        let conditions: Vec<String> = [
            labels("状態", &query.statuses, |s| s.label()),
            labels("種別", &query.kinds, |k| k.label()),
            words(&query.text),
            query
                .window_from
                .map(|from| format!("作業日時: {}以降", wareki::datetime_long(from))),
        ]
        .into_iter()
        .flatten()
        .collect();
        let changes = self
            .list_changes(
                session,
                ChangeListQuery {
                    page: 1,
                    per_page: EXPORT_ROWS_MAX,
                    ..query
                },
            )
            .await?;
        let rows = changes
            .into_iter()
            .map(|c| {
                vec![
                    ListCell::Number(c.id),
                    ListCell::Text(c.kind.label().into()),
                    ListCell::Text(c.title),
                    ListCell::Time(c.window_start),
                    ListCell::Time(c.window_end),
                    ListCell::Text(c.proposed_by_name),
                    ListCell::Text(c.status.label().into()),
                ]
            })
            .collect();
        let columns = vec![
            column("番号", 8.0),
            column("種別", 14.0),
            column("件名", 48.0),
            column("開始", 22.0),
            column("終了", 22.0),
            column("起案者", 14.0),
            column("状態", 10.0),
        ];
        let sheet = sheet("変更・計画停止一覧", conditions, &actor, now, columns, rows);
        list_export(self, &actor, sheet, bulk, now).await
    }

    /// 会議・議事録 as filtered, with each minutes' due day and whether it is late.
    pub async fn export_meeting_list(
        &self,
        session: &Session,
        query: MeetingListQuery,
        bulk: BulkExport,
    ) -> AppResult<Rendered> {
        let now = self.now();
        let actor = exporter(self, session).await?;
        let conditions: Vec<String> = [
            labels("種別", &query.kinds, |k| k.label()),
            labels("議事録", &query.statuses, |s| s.label()),
            words(&query.text),
        ]
        .into_iter()
        .flatten()
        .collect();
        let page = self
            .list_meetings(
                session,
                MeetingListQuery {
                    page: 1,
                    per_page: EXPORT_ROWS_MAX,
                    ..query
                },
            )
            .await?;
        let rows = page
            .items
            .into_iter()
            .map(|m| {
                vec![
                    ListCell::Number(m.meeting.id),
                    ListCell::Text(m.meeting.kind.label().into()),
                    ListCell::Text(m.meeting.title),
                    ListCell::Time(m.meeting.starts_at),
                    ListCell::Text(m.meeting.place),
                    ListCell::Text(m.meeting.minutes_status.label().into()),
                    ListCell::Text(wareki::long(m.minutes_due)),
                    ListCell::Text(if m.overdue { "期限超過" } else { "" }.into()),
                ]
            })
            .collect();
        let columns = vec![
            column("番号", 8.0),
            column("種別", 14.0),
            column("会議名", 40.0),
            column("開始", 22.0),
            column("場所", 20.0),
            column("議事録", 10.0),
            column("提出期限", 20.0),
            column("", 10.0),
        ];
        let sheet = sheet("会議一覧", conditions, &actor, now, columns, rows);
        list_export(self, &actor, sheet, bulk, now).await
    }

    /// 障害一覧 as filtered, with the clocks still running and those breached.
    pub async fn export_incident_list(
        &self,
        session: &Session,
        query: IncidentListQuery,
        bulk: BulkExport,
    ) -> AppResult<Rendered> {
        let now = self.now();
        let actor = exporter(self, session).await?;
        let conditions: Vec<String> = query
            .open_only
            .then(|| "対応中のみ".to_owned())
            .into_iter()
            .collect();
        let incidents = self.list_incidents(session, query).await?;
        let rows = incidents
            .into_iter()
            .map(|v| {
                vec![
                    ListCell::Number(v.record.id),
                    ListCell::Text(v.record.incident.category.label().into()),
                    ListCell::Text(v.record.incident.severity.label().into()),
                    ListCell::Text(v.record.incident.title),
                    ListCell::Time(v.record.incident.detected_at),
                    v.next_deadline.map_or(ListCell::Empty, ListCell::Time),
                    ListCell::Number(v.running as i64),
                    ListCell::Number(v.breached as i64),
                    ListCell::Text(if v.excluded { "免責" } else { "" }.into()),
                ]
            })
            .collect();
        let columns = vec![
            column("番号", 8.0),
            column("分類", 14.0),
            column("重大度", 10.0),
            column("件名", 44.0),
            column("確知日時", 22.0),
            column("次の期限", 22.0),
            column("進行中の時計", 12.0),
            column("超過", 8.0),
            column("免責", 8.0),
        ];
        let sheet = sheet("障害一覧", conditions, &actor, now, columns, rows);
        list_export(self, &actor, sheet, bulk, now).await
    }
}
