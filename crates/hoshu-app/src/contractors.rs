//! Who a request can be assigned to: the enabled contractor accounts, for the contractor and
//! the section chief (the administrator's full account list is not needed for that).

use crate::Hoshu;
use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode};
use hoshu_core::Role;
use serde::{Deserialize, Serialize};

/// An account a request may be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assignee {
    pub id: i64,
    pub login: String,
    pub display_name: String,
}

impl Hoshu {
    /// Enabled contractor accounts, by login. Contractor and chief only.
    pub async fn contractors(&self, session: &Session) -> AppResult<Vec<Assignee>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        if !matches!(actor.role, Role::Contractor | Role::Chief) {
            return Err(AppError::new(
                ErrorCode::Forbidden,
                "担当者の一覧は受託者と担当課のみが参照できます。",
            ));
        }
        Ok(tx
            .list_accounts()
            .await?
            .into_iter()
            .filter(|a| a.role == Role::Contractor && !a.disabled)
            .map(|a| Assignee {
                id: a.id,
                login: a.login,
                display_name: a.display_name,
            })
            .collect())
    }
}
