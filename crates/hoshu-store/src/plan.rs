//! The operation plan's sections. Saving never overwrites: every save is a new row
//! `(section, version)`, and the newest version of each section is the current plan.

use crate::Tx;
use crate::columns::{Code, Millis};
use crate::error::{Result, StoreError, when_taken};
use chrono::{DateTime, Utc};
use hoshu_core::plan::{PlanSection, PlanSectionVersion};

const COLUMNS: &str = "p.section, p.version, p.content, p.edited_by, \
     a.display_name AS edited_by_name, p.edited_at";

/// The columns of a [`PlanSectionVersion`], which as a core type cannot read itself.
#[derive(sqlx::FromRow)]
struct VersionColumns {
    #[sqlx(try_from = "Code<PlanSection>")]
    section: PlanSection,
    version: i64,
    content: String,
    edited_by: i64,
    edited_by_name: String,
    #[sqlx(try_from = "Millis")]
    edited_at: DateTime<Utc>,
}

impl From<VersionColumns> for PlanSectionVersion {
    fn from(c: VersionColumns) -> Self {
        PlanSectionVersion {
            section: c.section,
            version: c.version,
            content: c.content,
            edited_by: c.edited_by,
            edited_by_name: c.edited_by_name,
            edited_at: c.edited_at,
        }
    }
}

fn stale(section: PlanSection) -> StoreError {
    StoreError::Stale {
        what: format!("計画書の「{}」", section.label()),
    }
}

impl Tx<'_> {
    /// Saves a new version of `section` on top of `current_version` (0 when the section
    /// has no text yet); returns the new version. When someone saved a newer version first
    /// the save is refused with [`StoreError::Stale`].
    pub async fn insert_plan_section_version(
        &mut self,
        section: PlanSection,
        current_version: i64,
        content: &str,
        edited_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let latest = sqlx::query_scalar::<_, i64>(
            "SELECT COALESCE(MAX(version), 0) FROM plan_section_versions WHERE section = $1",
        )
        .bind(Code(section))
        .fetch_one(self.conn())
        .await?;
        if latest != current_version {
            return Err(stale(section));
        }
        let version = current_version + 1;
        let done = sqlx::query(
            "INSERT INTO plan_section_versions (section, version, content, edited_by, edited_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(Code(section))
        .bind(version)
        .bind(content)
        .bind(edited_by)
        .bind(Millis(now))
        .execute(self.conn())
        .await;
        // A concurrent save may have taken the same version number first.
        when_taken(done, || stale(section))?;
        Ok(version)
    }

    /// The newest version of every section that has text, in document order.
    pub async fn current_plan_sections(&mut self) -> Result<Vec<PlanSectionVersion>> {
        let rows: Vec<VersionColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM plan_section_versions p \
             JOIN accounts a ON a.id = p.edited_by \
             WHERE p.version = (SELECT MAX(q.version) FROM plan_section_versions q \
                                WHERE q.section = p.section)"
        )))
        .fetch_all(self.conn())
        .await?;
        let mut sections: Vec<PlanSectionVersion> = rows.into_iter().map(Into::into).collect();
        sections.sort_by_key(|s| s.section.number());
        Ok(sections)
    }

    /// Every saved version of `section`, newest first.
    pub async fn plan_section_history(
        &mut self,
        section: PlanSection,
    ) -> Result<Vec<PlanSectionVersion>> {
        let rows: Vec<VersionColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM plan_section_versions p \
             JOIN accounts a ON a.id = p.edited_by \
             WHERE p.section = $1 ORDER BY p.version DESC"
        )))
        .bind(Code(section))
        .fetch_all(self.conn())
        .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}
