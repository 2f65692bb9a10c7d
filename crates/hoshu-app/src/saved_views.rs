//! Filters a person saves under a name on a list screen and opens again from any terminal.
//! They are the person's own: the session decides whose views are read, written or deleted,
//! never an id the window sends.

use crate::Hoshu;
use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode};
use hoshu_core::listing::{ListName, validate_saved_view};
use hoshu_store::SavedView;
use serde::{Deserialize, Serialize};

/// A filter to save: the list, a name and the screen's filters (a JSON object).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewSavedView {
    pub list: ListName,
    pub name: String,
    /// The screen's filters: a JSON object (checked by the rule).
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub filters: serde_json::Value,
}

impl Hoshu {
    /// This person's saved filters on `list`, by name.
    pub async fn saved_views(
        &self,
        session: &Session,
        list: ListName,
    ) -> AppResult<Vec<SavedView>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        Ok(tx.saved_views(actor.account_id, list).await?)
    }

    /// Saves the filters under their name, replacing this person's view of that name.
    pub async fn save_view(&self, session: &Session, input: NewSavedView) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let existing: Vec<String> = tx
            .saved_views(actor.account_id, input.list)
            .await?
            .into_iter()
            .map(|v| v.name)
            .collect();
        validate_saved_view(&input.name, &input.filters, &existing)?;
        let id = tx
            .save_view(
                actor.account_id,
                input.list,
                input.name.trim(),
                &input.filters.to_string(),
                now,
            )
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Deletes one of this person's saved filters.
    pub async fn delete_saved_view(&self, session: &Session, id: i64) -> AppResult<()> {
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        if !tx.delete_saved_view(actor.account_id, id).await? {
            return Err(AppError::new(
                ErrorCode::NotFound,
                "保存した条件が見つかりません（削除済みか、他の人の条件です）。",
            ));
        }
        tx.commit().await?;
        Ok(())
    }
}
