//! Every record of an area as rows, for the handover export: the tables the next contractor
//! receives, each with the columns it keeps and their Japanese captions. The column lists
//! are fixed here, so what leaves is decided in one place: no password hash, no session
//! token, no attachment bytes (those leave as files of their own).

use crate::Tx;
use crate::columns::{Millis, Opt};
use crate::error::Result;
use chrono::{DateTime, Utc};
use sqlx::Row;

/// How a column's value is read and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Text,
    Number,
    /// Unix milliseconds, shown as a date and time.
    Time,
    /// 0/1, shown as はい/いいえ.
    Flag,
}

/// One column that leaves: the column of the table, its caption, and how it is read.
#[derive(Debug, Clone, Copy)]
pub struct ExportColumn {
    pub column: &'static str,
    pub caption: &'static str,
    pub kind: ExportKind,
}

/// One table that leaves whole, in the order of its key.
#[derive(Debug, Clone, Copy)]
pub struct ExportTable {
    /// The file's title: 依頼一覧.
    pub title: &'static str,
    pub table: &'static str,
    pub order_by: &'static str,
    pub columns: &'static [ExportColumn],
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportValue {
    Text(String),
    Number(i64),
    Time(DateTime<Utc>),
    Flag(bool),
    Null,
}

const fn col(column: &'static str, caption: &'static str, kind: ExportKind) -> ExportColumn {
    ExportColumn {
        column,
        caption,
        kind,
    }
}

use ExportKind::{Flag, Number, Text, Time};

pub const REQUESTS: ExportTable = ExportTable {
    title: "依頼一覧",
    table: "requests",
    order_by: "id",
    columns: &[
        col("id", "番号", Number),
        col("kind", "種別", Text),
        col("work_sub_kind", "作業区分", Text),
        col("office", "所属", Text),
        col("title", "件名", Text),
        col("body", "本文", Text),
        col("status", "状態", Text),
        col("filed_by", "起票者ID", Number),
        col("assignee_id", "担当者ID", Number),
        col("answer", "回答", Text),
        col("urgency", "緊急度", Text),
        col("desired_by", "希望期限", Text),
        col("extension_day", "延長する日", Text),
        col("extension_from", "延長開始", Text),
        col("extension_until", "延長終了", Text),
        col("filed_at", "起票日時", Time),
        col("answered_at", "回答日時", Time),
        col("closed_at", "完了日時", Time),
        col("external_ref", "外部参照", Text),
    ],
};

pub const REQUEST_COMMENTS: ExportTable = ExportTable {
    title: "依頼コメント",
    table: "request_comments",
    order_by: "id",
    columns: &[
        col("id", "番号", Number),
        col("request_id", "依頼番号", Number),
        col("author_id", "記入者ID", Number),
        col("body", "コメント", Text),
        col("created_at", "記入日時", Time),
    ],
};

pub const REQUEST_ATTACHMENTS: ExportTable = ExportTable {
    title: "依頼添付ファイル",
    table: "request_attachments",
    order_by: "id",
    columns: &[
        col("id", "番号", Number),
        col("request_id", "依頼番号", Number),
        col("file_name", "ファイル名", Text),
        col("size", "サイズ", Number),
        col("sha256", "SHA-256", Text),
        col("uploaded_by", "登録者ID", Number),
        col("created_at", "登録日時", Time),
    ],
};

pub const CHANGES: ExportTable = ExportTable {
    title: "変更一覧",
    table: "changes",
    order_by: "id",
    columns: &[
        col("id", "番号", Number),
        col("kind", "種別", Text),
        col("title", "件名", Text),
        col("description", "内容", Text),
        col("window_start", "作業開始", Time),
        col("window_end", "作業終了", Time),
        col("affected_systems", "影響システム", Text),
        col("impact", "影響", Text),
        col("rollback_plan", "切戻し手順", Text),
        col("status", "状態", Text),
        col("proposed_by", "起案者ID", Number),
        col("created_at", "起案日時", Time),
        col("submitted_at", "申請日時", Time),
    ],
};

pub const CHANGE_DECISIONS: ExportTable = ExportTable {
    title: "変更の判断",
    table: "change_decisions",
    order_by: "id",
    columns: &[
        col("id", "番号", Number),
        col("change_id", "変更番号", Number),
        col("step", "判断", Text),
        col("approver_id", "判断者ID", Number),
        col("comment", "コメント", Text),
        col("at", "日時", Time),
    ],
};

pub const INCIDENTS: ExportTable = ExportTable {
    title: "障害一覧",
    table: "incidents",
    order_by: "id",
    columns: &[
        col("id", "番号", Number),
        col("detected_at", "検知日時", Time),
        col("category", "区分", Text),
        col("severity", "重大度", Text),
        col("title", "件名", Text),
        col("summary", "概要", Text),
        col("affected_systems", "影響システム", Text),
        col("manual_revision_required", "マニュアル改訂要", Flag),
        col("recorded_by", "記録者ID", Number),
    ],
};

pub const INCIDENT_EVENTS: ExportTable = ExportTable {
    title: "障害経過",
    table: "incident_events",
    order_by: "id",
    columns: &[
        col("id", "番号", Number),
        col("incident_id", "障害番号", Number),
        col("kind", "種別", Text),
        col("at", "日時", Time),
        col("note", "内容", Text),
        col("recorded_by", "記録者ID", Number),
    ],
};

pub const MEETINGS: ExportTable = ExportTable {
    title: "会議一覧",
    table: "meetings",
    order_by: "id",
    columns: &[
        col("id", "番号", Number),
        col("kind", "種別", Text),
        col("title", "件名", Text),
        col("starts_at", "開始", Time),
        col("ends_at", "終了", Time),
        col("place", "場所", Text),
        col("discussion", "議事", Text),
        col("minutes_status", "議事録の状態", Text),
        col("decided_at", "承認日時", Time),
        col("decision_comment", "承認コメント", Text),
    ],
};

pub const REGISTER: ExportTable = ExportTable {
    title: "課題管理表",
    table: "register_items",
    order_by: "no",
    columns: &[
        col("no", "No.", Number),
        col("raised_on", "起票日", Text),
        col("raised_by", "起票者", Text),
        col("category", "分類", Text),
        col("title", "件名", Text),
        col("content", "内容", Text),
        col("priority", "優先度", Text),
        col("owner", "担当", Text),
        col("due", "期限", Text),
        col("status", "状態", Text),
        col("progress", "対応状況", Text),
        col("completed_on", "完了日", Text),
    ],
};

pub const CHECK_RECORDS: ExportTable = ExportTable {
    title: "日常点検",
    table: "check_records",
    order_by: "id",
    columns: &[
        col("id", "番号", Number),
        col("item_id", "点検項目ID", Number),
        col("day", "点検日", Text),
        col("result", "結果", Text),
        col("note", "備考", Text),
        col("checked_by", "点検者ID", Number),
        col("checked_at", "記録日時", Time),
    ],
};

pub const BATCH_RUNS: ExportTable = ExportTable {
    title: "バッチ実行",
    table: "batch_runs",
    order_by: "id",
    columns: &[
        col("id", "番号", Number),
        col("job_net_id", "ジョブネットID", Number),
        col("planned_start", "予定開始", Time),
        col("started_at", "開始", Time),
        col("ended_at", "終了", Time),
        col("result", "結果", Text),
        col("processed_count", "処理件数", Number),
        col("note", "備考", Text),
        col("rerun_of", "再実行元", Number),
        col("incident_id", "障害番号", Number),
    ],
};

pub const WORK_RECORDS: ExportTable = ExportTable {
    title: "保守作業",
    table: "work_records",
    order_by: "id",
    columns: &[
        col("id", "番号", Number),
        col("change_id", "変更番号", Number),
        col("kind", "種別", Text),
        col("started_at", "開始", Time),
        col("ended_at", "終了", Time),
        col("note", "内容", Text),
        col("recorded_by", "記録者ID", Number),
    ],
};

pub const CHECK_ITEMS: ExportTable = ExportTable {
    title: "点検項目",
    table: "check_items",
    order_by: "id",
    columns: &[
        col("id", "ID", Number),
        col("name", "点検項目", Text),
        col("frequency", "頻度", Text),
        col("since", "開始日", Text),
        col("active", "有効", Flag),
    ],
};

pub const JOB_NETS: ExportTable = ExportTable {
    title: "ジョブネット",
    table: "job_nets",
    order_by: "id",
    columns: &[
        col("id", "ID", Number),
        col("name", "ジョブネット", Text),
        col("schedule", "実行日", Text),
        col("planned_start", "予定開始", Text),
        col("planned_minutes", "予定時間（分）", Number),
        col("active", "有効", Flag),
    ],
};

/// Accounts without what opens them: no password hash, no failed-log-in counters.
pub const ACCOUNTS: ExportTable = ExportTable {
    title: "アカウント",
    table: "accounts",
    order_by: "id",
    columns: &[
        col("id", "ID", Number),
        col("login", "ログインID", Text),
        col("display_name", "氏名", Text),
        col("role", "権限", Text),
        col("office", "所属", Text),
        col("disabled", "無効", Flag),
        col("created_at", "作成日時", Time),
    ],
};

pub const AUDIT_LOG: ExportTable = ExportTable {
    title: "監査ログ",
    table: "audit_log",
    order_by: "seq",
    columns: &[
        col("seq", "連番", Number),
        col("at", "日時", Time),
        col("actor", "操作者", Text),
        col("action", "操作", Text),
        col("target", "対象", Text),
        col("summary", "内容", Text),
        col("hash", "MAC", Text),
    ],
};

pub const BUSINESS_SCHEDULES: ExportTable = ExportTable {
    title: "業務日程表（版）",
    table: "business_schedules",
    order_by: "id",
    columns: &[
        col("id", "番号", Number),
        col("year", "年", Number),
        col("month", "月", Number),
        col("edition", "版", Number),
        col("status", "状態", Text),
        col("revised_from", "改版元", Number),
        col("created_by", "作成者ID", Number),
        col("created_at", "作成日時", Time),
        col("submitted_by", "提出者ID", Number),
        col("submitted_at", "提出日時", Time),
        col("decided_by", "決定者ID", Number),
        col("decided_at", "決定日時", Time),
        col("decision_comment", "差戻しの理由", Text),
    ],
};

pub const BUSINESS_SCHEDULE_ENTRIES: ExportTable = ExportTable {
    title: "業務日程表（予定）",
    table: "business_schedule_entries",
    order_by: "schedule_id, position",
    columns: &[
        col("schedule_id", "業務日程表の番号", Number),
        col("position", "行", Number),
        col("day", "日", Text),
        col("category", "区分", Text),
        col("title", "予定", Text),
        col("starts", "開始", Text),
        col("ends", "終了", Text),
        col("note", "備考", Text),
        col("source", "出典", Text),
        col("source_id", "出典の番号", Number),
    ],
};

/// Every table of the handover export, in the order the files are written.
pub const HANDOVER_TABLES: &[ExportTable] = &[
    REQUESTS,
    REQUEST_COMMENTS,
    REQUEST_ATTACHMENTS,
    CHANGES,
    CHANGE_DECISIONS,
    INCIDENTS,
    INCIDENT_EVENTS,
    MEETINGS,
    REGISTER,
    CHECK_ITEMS,
    CHECK_RECORDS,
    JOB_NETS,
    BATCH_RUNS,
    WORK_RECORDS,
    BUSINESS_SCHEDULES,
    BUSINESS_SCHEDULE_ENTRIES,
    ACCOUNTS,
    AUDIT_LOG,
];

impl Tx<'_> {
    /// Every row of `table` with its export columns, in key order.
    pub async fn export_rows(&mut self, table: &ExportTable) -> Result<Vec<Vec<ExportValue>>> {
        let columns: Vec<&str> = table.columns.iter().map(|c| c.column).collect();
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM {} ORDER BY {}",
            columns.join(", "),
            table.table,
            table.order_by
        )))
        .fetch_all(self.conn())
        .await?;
        // The columns come from the table's description, so they are read by position.
        rows.iter()
            .map(|row| {
                table
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        Ok(match c.kind {
                            ExportKind::Text => row
                                .try_get::<Option<String>, _>(i)?
                                .map_or(ExportValue::Null, ExportValue::Text),
                            ExportKind::Number => row
                                .try_get::<Option<i64>, _>(i)?
                                .map_or(ExportValue::Null, ExportValue::Number),
                            ExportKind::Flag => row
                                .try_get::<Opt<crate::columns::Flag>, _>(i)?
                                .0
                                .map_or(ExportValue::Null, |f| ExportValue::Flag(f.0)),
                            ExportKind::Time => row
                                .try_get::<Opt<Millis>, _>(i)?
                                .0
                                .map_or(ExportValue::Null, |t| ExportValue::Time(t.0)),
                        })
                    })
                    .collect()
            })
            .collect()
    }

    /// How many rows `table` holds.
    pub async fn count_rows(&mut self, table: &ExportTable) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {}",
            table.table
        )))
        .fetch_one(self.conn())
        .await?)
    }

    /// Every request attachment with its bytes, oldest first: `(id, request id, file name,
    /// bytes)`.
    pub async fn all_request_attachments(&mut self) -> Result<Vec<(i64, i64, String, Vec<u8>)>> {
        Ok(sqlx::query_as(
            "SELECT id, request_id, file_name, bytes FROM request_attachments ORDER BY id",
        )
        .fetch_all(self.conn())
        .await?)
    }
}
