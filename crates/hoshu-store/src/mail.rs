//! The outbox of incident reports sent by mail. A sender claims a queued mail
//! (`queued` → `sending`) in its own transaction before talking to the mail server, so two
//! senders never send the same mail; the result moves it on to `sent` or back to `queued`
//! (or to `failed`).

use crate::Tx;
use crate::columns::{Code, Millis, Opt};
use crate::error::Result;
use chrono::{DateTime, Utc};
use hoshu_core::report_mail::{MailStatus, ReportMailKind};

/// A report to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    pub incident_id: i64,
    pub kind: ReportMailKind,
    pub recipients: Vec<String>,
    pub subject: String,
    pub body: String,
    pub created_by: i64,
}

/// A report mail as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailRecord {
    pub id: i64,
    pub incident_id: i64,
    #[sqlx(try_from = "Code<ReportMailKind>")]
    pub kind: ReportMailKind,
    #[sqlx(flatten, try_from = "RecipientLines")]
    pub recipients: Vec<String>,
    pub subject: String,
    pub body: String,
    #[sqlx(try_from = "Code<MailStatus>")]
    pub status: MailStatus,
    pub attempts: i64,
    #[sqlx(try_from = "Millis")]
    pub next_attempt_at: DateTime<Utc>,
    /// Why the last attempt failed, in Japanese.
    pub last_error: Option<String>,
    /// When the mail server accepted it.
    #[sqlx(try_from = "Opt<Millis>")]
    pub accepted_at: Option<DateTime<Utc>>,
    pub created_by: i64,
    #[sqlx(try_from = "Millis")]
    pub created_at: DateTime<Utc>,
}

/// The recipients as stored: one address a line.
#[derive(sqlx::FromRow)]
struct RecipientLines {
    recipients: String,
}

impl From<RecipientLines> for Vec<String> {
    fn from(c: RecipientLines) -> Self {
        c.recipients.lines().map(str::to_owned).collect()
    }
}

const COLUMNS: &str = "id, incident_id, kind, recipients, subject, body, status, attempts, \
     next_attempt_at, last_error, accepted_at, created_by, created_at";

impl Tx<'_> {
    /// Queues a report, due at once. Returns its id.
    pub async fn insert_mail(&mut self, new: &NewMail, now: DateTime<Utc>) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO mail_outbox (incident_id, kind, recipients, subject, body, status, \
             attempts, next_attempt_at, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $7, $7) RETURNING id",
        )
        .bind(new.incident_id)
        .bind(Code(new.kind))
        .bind(new.recipients.join("\n"))
        .bind(new.subject.as_str())
        .bind(new.body.as_str())
        .bind(Code(MailStatus::Queued))
        .bind(Millis(now))
        .bind(new.created_by)
        .fetch_one(self.conn())
        .await?)
    }

    pub async fn get_mail(&mut self, id: i64) -> Result<Option<MailRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM mail_outbox WHERE id = $1");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.conn())
            .await?)
    }

    /// An incident's report mails, oldest first.
    pub async fn mails_of_incident(&mut self, incident_id: i64) -> Result<Vec<MailRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM mail_outbox WHERE incident_id = $1 ORDER BY id");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(incident_id)
            .fetch_all(self.conn())
            .await?)
    }

    /// Queued mails whose next attempt is due, oldest first.
    pub async fn due_mail_ids(&mut self, now: DateTime<Utc>, limit: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM mail_outbox WHERE status = $1 AND next_attempt_at <= $2 \
             ORDER BY id LIMIT $3",
        )
        .bind(Code(MailStatus::Queued))
        .bind(Millis(now))
        .bind(limit)
        .fetch_all(self.conn())
        .await?)
    }

    /// Takes a due queued mail for sending: `true` for the one sender that got it.
    pub async fn claim_mail(&mut self, id: i64, now: DateTime<Utc>) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE mail_outbox SET status = $2, attempts = attempts + 1, updated_at = $4 \
             WHERE id = $1 AND status = $3 AND next_attempt_at <= $4",
        )
        .bind(id)
        .bind(Code(MailStatus::Sending))
        .bind(Code(MailStatus::Queued))
        .bind(Millis(now))
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The mail server accepted the claimed mail at `accepted_at`.
    pub async fn mark_mail_sent(&mut self, id: i64, accepted_at: DateTime<Utc>) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE mail_outbox SET status = $2, accepted_at = $4, last_error = NULL, \
             updated_at = $4 WHERE id = $1 AND status = $3",
        )
        .bind(id)
        .bind(Code(MailStatus::Sent))
        .bind(Code(MailStatus::Sending))
        .bind(Millis(accepted_at))
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The claimed mail did not go: queued again for `retry_at`, or failed for good with
    /// `None`; `error` says why.
    pub async fn mark_mail_unsent(
        &mut self,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let (status, next) = match retry_at {
            Some(at) => (MailStatus::Queued, at),
            None => (MailStatus::Failed, now),
        };
        let done = sqlx::query(
            "UPDATE mail_outbox SET status = $2, next_attempt_at = $4, last_error = $5, \
             updated_at = $6 WHERE id = $1 AND status = $3",
        )
        .bind(id)
        .bind(Code(status))
        .bind(Code(MailStatus::Sending))
        .bind(Millis(next))
        .bind(error)
        .bind(Millis(now))
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
