//! The issue register 課題管理表: the section or the contractor adds, edits and closes items;
//! both read it.

use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode, Versioned, check_version};
use crate::requests::MAX_PAGE_SIZE;
use crate::{Hoshu, audit};
use chrono::{DateTime, NaiveDate, Utc};
use hoshu_core::Actor;
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::register::{IssueCategory, IssueInput, IssueStatus};
use hoshu_store::{RegisterFilter, RegisterItem, RegisterPage, RegisterRef, Tx};
use serde::{Deserialize, Serialize};

/// What the register list asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct RegisterListQuery {
    pub statuses: Vec<IssueStatus>,
    pub categories: Vec<IssueCategory>,
    pub text: Option<String>,
    /// The items that came from this meeting.
    pub meeting_id: Option<i64>,
    /// 1-based.
    pub page: i64,
    /// At most 1,000 (the whole register of a year fits one page for documents).
    pub per_page: i64,
}

/// Most items one register page returns: documents take the register in one go.
pub const MAX_REGISTER_PAGE: i64 = 1_000;

impl Versioned for RegisterItem {
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        format!("課題No.{}", self.no)
    }
}

async fn load_item(tx: &mut Tx<'_>, id: i64) -> AppResult<RegisterItem> {
    tx.get_register_item(id)
        .await?
        .ok_or_else(|| AppError::not_found(&format!("課題 #{id}")))
}

/// The meeting or request an item names must exist.
async fn check_links(tx: &mut Tx<'_>, item: &IssueInput) -> AppResult<()> {
    if let Some(m) = item.meeting_id
        && tx.get_meeting(m).await?.is_none()
    {
        return Err(AppError::field(
            "link",
            "関連",
            format!("関連付ける会議 #{m} が見つかりません。"),
        ));
    }
    if let Some(r) = item.request_id
        && tx.get_request(r).await?.is_none()
    {
        return Err(AppError::field(
            "link",
            "関連",
            format!("関連付ける依頼 #{r} が見つかりません。"),
        ));
    }
    Ok(())
}

pub(crate) async fn add_item(
    tx: &mut Tx<'_>,
    actor: &Actor,
    item: IssueInput,
    now: DateTime<Utc>,
) -> AppResult<RegisterRef> {
    authorize(actor, Action::EditRegister, Resource::System)?;
    item.validate()?;
    check_links(tx, &item).await?;
    let (id, no) = tx
        .insert_register_item(&item, actor.account_id, now)
        .await?;
    audit(
        tx,
        actor,
        "register.add",
        format!("register:{id}"),
        format!(
            "課題No.{no}を起票（分類 {}、優先度 {}、状態 {}）",
            item.category, item.priority, item.status
        ),
        now,
    )
    .await?;
    Ok(RegisterRef { id, no })
}

pub(crate) async fn edit_item(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    expected_version: i64,
    item: IssueInput,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::EditRegister, Resource::System)?;
    let old = load_item(tx, id).await?;
    check_version(&old, expected_version)?;
    item.validate()?;
    check_links(tx, &item).await?;
    let version = tx
        .update_register_item(id, expected_version, &item, now)
        .await?;
    let action = if item.status == IssueStatus::Done && old.item.status != IssueStatus::Done {
        "register.close"
    } else {
        "register.edit"
    };
    audit(
        tx,
        actor,
        action,
        format!("register:{id}"),
        format!(
            "課題No.{}を更新（状態 {}→{}）",
            old.no, old.item.status, item.status
        ),
        now,
    )
    .await?;
    Ok(version)
}

impl Hoshu {
    /// Adds an item with the next number (section or contractor).
    pub async fn add_register_item(
        &self,
        session: &Session,
        item: IssueInput,
    ) -> AppResult<RegisterRef> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let added = add_item(&mut tx, &actor, item, now).await?;
        tx.commit().await?;
        Ok(added)
    }

    /// Replaces an item's content (its number stays); returns the new version.
    pub async fn update_register_item(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        item: IssueInput,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let version = edit_item(&mut tx, &actor, id, expected_version, item, now).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Closes an item: 完了 on `completed_on`, with what was done added to its progress.
    /// Returns the new version.
    pub async fn close_register_item(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        completed_on: NaiveDate,
        progress: &str,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::EditRegister, Resource::System)?;
        let old = load_item(&mut tx, id).await?;
        if old.item.status == IssueStatus::Done {
            return Err(AppError::new(
                ErrorCode::InvalidTransition,
                format!("課題No.{} は既に完了しています。", old.no),
            ));
        }
        let mut item = old.item;
        let added = progress.trim();
        if !added.is_empty() {
            if !item.progress.trim().is_empty() {
                item.progress.push('\n');
            }
            item.progress.push_str(added);
        }
        item.status = IssueStatus::Done;
        item.completed_on = Some(completed_on);
        let version = edit_item(&mut tx, &actor, id, expected_version, item, now).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// One page of the register, by number.
    pub async fn list_register(
        &self,
        session: &Session,
        query: RegisterListQuery,
    ) -> AppResult<RegisterPage> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewRegister, Resource::System)?;
        let per_page = if query.per_page <= 0 {
            MAX_PAGE_SIZE
        } else {
            query.per_page.min(MAX_REGISTER_PAGE)
        };
        let page = query.page.max(1);
        Ok(tx
            .list_register_items(&RegisterFilter {
                statuses: query.statuses,
                categories: query.categories,
                text: query.text,
                meeting_id: query.meeting_id,
                limit: per_page,
                offset: (page - 1) * per_page,
            })
            .await?)
    }

    pub async fn register_item(&self, session: &Session, id: i64) -> AppResult<RegisterItem> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewRegister, Resource::System)?;
        load_item(&mut tx, id).await
    }
}
