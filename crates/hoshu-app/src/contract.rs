//! The contract's data (name, parties, period, responsible persons), kept in the settings
//! under the key `contract` as JSON.
//!
//! Who may change it: the administrator, who keeps every setting ([`Action::ManageSettings`]),
//! and the contractor, who writes the deliverables that print it ([`Action::EditPlan`]) and
//! is the one who learns first when the responsible persons change. The section and the
//! contractor read it with the plan ([`Action::ViewPlan`]); so does the administrator.

use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::{Hoshu, audit};
use chrono::{DateTime, Utc};
use hoshu_core::Actor;
use hoshu_core::contract::ContractInfo;
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_store::Tx;

const KEY: &str = "contract";

/// The stored contract data, or the defaults of the specification when none was saved.
pub(crate) async fn load(tx: &mut Tx<'_>) -> AppResult<ContractInfo> {
    match tx.get_setting(KEY).await? {
        None => Ok(ContractInfo::default()),
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("保存されている契約情報を読み取れません: {e}"),
            )
        }),
    }
}

fn allowed(actor: &Actor, either: [Action; 2]) -> AppResult<()> {
    match authorize(actor, either[0], Resource::System) {
        Ok(()) => Ok(()),
        Err(first) => authorize(actor, either[1], Resource::System).map_err(|_| first.into()),
    }
}

pub(crate) async fn save(
    tx: &mut Tx<'_>,
    actor: &Actor,
    info: &ContractInfo,
    now: DateTime<Utc>,
) -> AppResult<()> {
    allowed(actor, [Action::EditPlan, Action::ManageSettings])?;
    info.validate()?;
    let json = serde_json::to_string(info)
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
    tx.put_setting(KEY, &json, now).await?;
    audit(
        tx,
        actor,
        "contract.save",
        "settings:contract".into(),
        format!(
            "契約情報を保存（履行期間 {}〜{}）",
            info.period_from, info.period_to
        ),
        now,
    )
    .await
}

impl Hoshu {
    pub async fn contract_info(&self, session: &Session) -> AppResult<ContractInfo> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        allowed(&actor, [Action::ViewPlan, Action::ManageSettings])?;
        load(&mut tx).await
    }

    pub async fn save_contract_info(&self, session: &Session, info: ContractInfo) -> AppResult<()> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        save(&mut tx, &actor, &info, now).await?;
        tx.commit().await?;
        Ok(())
    }
}
