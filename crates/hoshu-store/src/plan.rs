//! The operation plan's sections. Saving never overwrites: every save is a new row
//! `(section, version)`, and the newest version of each section is the current plan.

use crate::Tx;
use crate::error::{Result, StoreError};
use crate::sql::{get, get_code, get_time, ms};
use chrono::{DateTime, Utc};
use hoshu_core::plan::{PlanSection, PlanSectionVersion};
use sqlx::any::AnyRow;
use sqlx::error::ErrorKind;

const COLUMNS: &str = "p.section, p.version, p.content, p.edited_by, \
     a.display_name AS edited_by_name, p.edited_at";

fn version_row(row: &AnyRow) -> Result<PlanSectionVersion> {
    Ok(PlanSectionVersion {
        section: get_code(row, "section", PlanSection::from_code)?,
        version: get(row, "version")?,
        content: get(row, "content")?,
        edited_by: get(row, "edited_by")?,
        edited_by_name: get(row, "edited_by_name")?,
        edited_at: get_time(row, "edited_at")?,
    })
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
        .bind(section.code())
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
        .bind(section.code())
        .bind(version)
        .bind(content)
        .bind(edited_by)
        .bind(ms(now))
        .execute(self.conn())
        .await;
        match done {
            Ok(_) => Ok(version),
            // A concurrent save took the same version number first.
            Err(sqlx::Error::Database(db)) if db.kind() == ErrorKind::UniqueViolation => {
                Err(stale(section))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The newest version of every section that has text, in document order.
    pub async fn current_plan_sections(&mut self) -> Result<Vec<PlanSectionVersion>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM plan_section_versions p \
             JOIN accounts a ON a.id = p.edited_by \
             WHERE p.version = (SELECT MAX(q.version) FROM plan_section_versions q \
                                WHERE q.section = p.section)"
        )))
        .fetch_all(self.conn())
        .await?;
        let mut sections = rows.iter().map(version_row).collect::<Result<Vec<_>>>()?;
        sections.sort_by_key(|s| s.section.number());
        Ok(sections)
    }

    /// Every saved version of `section`, newest first.
    pub async fn plan_section_history(
        &mut self,
        section: PlanSection,
    ) -> Result<Vec<PlanSectionVersion>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM plan_section_versions p \
             JOIN accounts a ON a.id = p.edited_by \
             WHERE p.section = $1 ORDER BY p.version DESC"
        )))
        .bind(section.code())
        .fetch_all(self.conn())
        .await?
        .iter()
        .map(version_row)
        .collect()
    }
}
