//! The operation plan 運用保守計画書: the contractor edits its sections; the section and the
//! contractor read it. Every save is a new version of the section.

use crate::auth::Session;
use crate::error::AppResult;
use crate::{Hoshu, audit};
use chrono::{DateTime, Utc};
use hoshu_core::Actor;
use hoshu_core::plan::{PlanSection, PlanSectionVersion, validate_section_content};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_store::Tx;
use serde::Serialize;

/// One section of the plan as the editor shows it: its current text, if it has any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanSectionState {
    pub section: PlanSection,
    /// The chapter number in the document.
    pub number: usize,
    pub current: Option<PlanSectionVersion>,
}

impl PlanSectionState {
    /// The version a save must name: the current one, or 0 for a section without text.
    pub fn version(&self) -> i64 {
        self.current.as_ref().map_or(0, |c| c.version)
    }
}

pub(crate) async fn save_section(
    tx: &mut Tx<'_>,
    actor: &Actor,
    section: PlanSection,
    current_version: i64,
    content: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::EditPlan, Resource::System)?;
    validate_section_content(content)?;
    let version = tx
        .insert_plan_section_version(section, current_version, content, actor.account_id, now)
        .await?;
    audit(
        tx,
        actor,
        "plan.save",
        format!("plan:{}", section.code()),
        format!(
            "計画書「{}」を保存（第{}版、{}文字）",
            section.label(),
            version,
            content.chars().count()
        ),
        now,
    )
    .await?;
    Ok(version)
}

impl Hoshu {
    /// All nine sections in document order, each with its current text.
    pub async fn operation_plan(&self, session: &Session) -> AppResult<Vec<PlanSectionState>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewPlan, Resource::System)?;
        let mut current = tx.current_plan_sections().await?;
        Ok(PlanSection::ALL
            .iter()
            .map(|s| PlanSectionState {
                section: *s,
                number: s.number(),
                current: current
                    .iter()
                    .position(|c| c.section == *s)
                    .map(|i| current.swap_remove(i)),
            })
            .collect())
    }

    /// Saves a section as a new version on top of `current_version` (0 for a section
    /// without text); a newer version saved meanwhile makes it stale. Returns the new
    /// version.
    pub async fn save_plan_section(
        &self,
        session: &Session,
        section: PlanSection,
        current_version: i64,
        content: &str,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let version = save_section(&mut tx, &actor, section, current_version, content, now).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Every saved version of a section, newest first.
    pub async fn plan_section_history(
        &self,
        session: &Session,
        section: PlanSection,
    ) -> AppResult<Vec<PlanSectionVersion>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewPlan, Resource::System)?;
        Ok(tx.plan_section_history(section).await?)
    }
}
