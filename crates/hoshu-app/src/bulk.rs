//! One step on many requests at once, from the list: assign the selected requests to one
//! contractor, or close the answered ones. All or nothing: each request goes through the
//! same use case (policy, version, history, notification, audit) as on its own page, in one
//! transaction, and the first refusal names its request and undoes the rest.

use crate::Hoshu;
use crate::auth::Session;
use crate::error::{AppError, AppResult};
use crate::requests::{TransitionInput, assign, transition};
use hoshu_core::request::RequestAction;
use serde::{Deserialize, Serialize};

/// Most requests one bulk step takes: a screenful of the list, twice over.
pub const BULK_MAX: usize = 100;

/// A selected request as the list showed it: its id and the version on screen, so a request
/// someone changed meanwhile is refused rather than overwritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SelectedRequest {
    pub id: i64,
    pub version: i64,
}

/// The step taken on every selected request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum BulkStep {
    /// 担当者の割当て (None: clear the assignee).
    Assign { assignee: Option<i64> },
    /// 完了: the filer accepts the answers.
    Close,
}

impl Hoshu {
    /// Takes `step` on every selected request, or on none. Returns how many were changed.
    pub async fn bulk_request_step(
        &self,
        session: &Session,
        selected: Vec<SelectedRequest>,
        step: BulkStep,
    ) -> AppResult<usize> {
        if selected.is_empty() {
            return Err(AppError::field(
                "selected",
                "選択した依頼",
                "依頼を1件以上選択してください。",
            ));
        }
        if selected.len() > BULK_MAX {
            return Err(AppError::field(
                "selected",
                "選択した依頼",
                format!(
                    "一度に操作できるのは{BULK_MAX}件までです（選択{}件）。",
                    selected.len()
                ),
            ));
        }
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        for item in &selected {
            let done = match step {
                BulkStep::Assign { assignee } => {
                    assign(&mut tx, &actor, item.id, item.version, assignee, now).await
                }
                BulkStep::Close => {
                    let input = TransitionInput {
                        action: RequestAction::Close,
                        expected_version: item.version,
                        text: String::new(),
                    };
                    transition(&mut tx, &actor, item.id, input, now).await
                }
            };
            done.map_err(|e| e.about(&format!("依頼 #{}", item.id)))?;
        }
        tx.commit().await?;
        Ok(selected.len())
    }
}
