//! Files handed out at a meeting (配布資料): kept like request attachments, the bytes with their
//! size and SHA-256, listed without the bytes.

use crate::Tx;
use crate::columns::Millis;
use crate::error::{Result, StoreError};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::FromRow;
use sqlx::any::AnyRow;

/// A meeting's handout without its bytes, for the meeting's screen and the minutes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeetingAttachmentMeta {
    pub id: i64,
    pub meeting_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    pub uploaded_by: i64,
    pub uploaded_by_name: String,
    #[sqlx(try_from = "Millis")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MeetingAttachment {
    #[sqlx(flatten)]
    pub meta: MeetingAttachmentMeta,
    pub bytes: Vec<u8>,
}

const META_COLUMNS: &str = "t.id, t.meeting_id, t.file_name, t.content_type, t.size, t.sha256, \
     t.uploaded_by, u.display_name AS uploaded_by_name, t.created_at";

/// The file as read, refused as corrupt when the bytes are not as long as recorded.
fn checked(file: MeetingAttachment) -> Result<MeetingAttachment> {
    if i64::try_from(file.bytes.len()).ok() != Some(file.meta.size) {
        return Err(StoreError::corrupt(format!(
            "会議の配布資料（ID {}）の大きさが記録と一致しません",
            file.meta.id
        )));
    }
    Ok(file)
}

impl Tx<'_> {
    /// Stores a handout of a meeting; returns its id. Kind and size are the use case's
    /// business ([`hoshu_core::request::validate_attachment`]).
    pub async fn insert_meeting_attachment(
        &mut self,
        meeting_id: i64,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
        uploaded_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let size = i64::try_from(bytes.len()).map_err(|_| StoreError::Constraint {
            message: "配布資料のファイルが大きすぎます。".into(),
        })?;
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO meeting_attachments \
             (meeting_id, file_name, content_type, size, sha256, bytes, uploaded_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(meeting_id)
        .bind(file_name)
        .bind(content_type)
        .bind(size)
        .bind(hex::encode(Sha256::digest(bytes)))
        .bind(bytes)
        .bind(uploaded_by)
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await?)
    }

    /// The meeting's handouts without their bytes, in the order they were added.
    pub async fn list_meeting_attachments(
        &mut self,
        meeting_id: i64,
    ) -> Result<Vec<MeetingAttachmentMeta>> {
        self.select_meeting_attachments("", "t.meeting_id", meeting_id)
            .await
    }

    /// The meeting's handouts with their bytes, in the order they were added (for the disc).
    pub async fn meeting_attachment_files(
        &mut self,
        meeting_id: i64,
    ) -> Result<Vec<MeetingAttachment>> {
        self.select_meeting_attachments(", t.bytes", "t.meeting_id", meeting_id)
            .await?
            .into_iter()
            .map(checked)
            .collect()
    }

    pub async fn get_meeting_attachment(&mut self, id: i64) -> Result<Option<MeetingAttachment>> {
        self.select_meeting_attachments(", t.bytes", "t.id", id)
            .await?
            .pop()
            .map(checked)
            .transpose()
    }

    /// Handouts whose `key` column is `value`, oldest first, with the metadata and `extra`
    /// columns; both names come from this module, never from a caller.
    async fn select_meeting_attachments<T>(
        &mut self,
        extra: &str,
        key: &str,
        value: i64,
    ) -> Result<Vec<T>>
    where
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {META_COLUMNS}{extra} FROM meeting_attachments t \
             JOIN accounts u ON u.id = t.uploaded_by WHERE {key} = $1 ORDER BY t.id"
        )))
        .bind(value)
        .fetch_all(self.conn())
        .await?)
    }
}
