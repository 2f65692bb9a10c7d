//! Files handed out at a meeting (配布資料): added by whoever may edit the meeting while its
//! minutes can still change, read by whoever may read the meeting; both audited. The kind is
//! decided from the name and first bytes, on the request attachments' allow-list.

use crate::auth::Session;
use crate::error::{AppError, AppResult};
use crate::meetings::editable_meeting;
use crate::{Hoshu, audit};
use hoshu_core::files::extension_of;
use hoshu_core::meeting::HANDOUT_FILES_MAX;
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::request::validate_attachment;
use hoshu_store::MeetingAttachment;

impl Hoshu {
    /// Adds a handout to a meeting that may be edited (those who record meetings, minutes
    /// 作成中 or 差戻し); returns its id.
    pub async fn attach_to_meeting(
        &self,
        session: &Session,
        id: i64,
        file_name: &str,
        bytes: &[u8],
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let record = editable_meeting(&mut tx, &actor, id).await?;
        if record.attachments.len() >= HANDOUT_FILES_MAX {
            return Err(AppError::field(
                "file",
                "配布資料",
                format!("配布資料のファイルは1つの会議に{HANDOUT_FILES_MAX}件までです。"),
            ));
        }
        let kind = validate_attachment(file_name, bytes)?;
        let content_type = kind.content_type(extension_of(file_name).unwrap_or_default());
        let attachment_id = tx
            .insert_meeting_attachment(id, file_name, content_type, bytes, actor.account_id, now)
            .await?;
        audit(
            &mut tx,
            &actor,
            "meeting.attach",
            format!("meeting:{id}"),
            format!("配布資料 #{attachment_id} を追加（{}バイト）", bytes.len()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(attachment_id)
    }

    /// A handout's bytes, for opening or saving (those who may read meetings). Downloads are
    /// recorded.
    pub async fn meeting_attachment(
        &self,
        session: &Session,
        attachment_id: i64,
    ) -> AppResult<MeetingAttachment> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewMeetings, Resource::System)?;
        let attachment = tx
            .get_meeting_attachment(attachment_id)
            .await?
            .ok_or_else(|| AppError::not_found("配布資料"))?;
        audit(
            &mut tx,
            &actor,
            "meeting.attachment_download",
            format!("meeting_attachment:{attachment_id}"),
            format!("会議 #{} の配布資料を取得", attachment.meta.meeting_id),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(attachment)
    }
}
