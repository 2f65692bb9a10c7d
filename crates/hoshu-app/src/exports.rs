//! Files that carry records out of the system are recorded in the audit log, and a bulk
//! export is answered with a warning for the person at the terminal.

use crate::auth::Session;
use crate::error::AppResult;
use crate::{Hoshu, audit};
use hoshu_core::export::bulk_export_warning;

impl Hoshu {
    /// Records that `rows` rows of `what` (e.g. "依頼一覧") were written to a file as
    /// `format`; returns the warning to show when it was a bulk export.
    pub async fn record_export(
        &self,
        session: &Session,
        what: &str,
        format: &str,
        rows: usize,
    ) -> AppResult<Option<String>> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let warning = bulk_export_warning(what, rows);
        let summary = format!(
            "{what}を{format}で{rows}件出力{}",
            if warning.is_some() {
                "（一括出力の警告を表示）"
            } else {
                ""
            }
        );
        audit(
            &mut tx,
            &actor,
            "export",
            format!("export:{format}"),
            summary,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(warning)
    }
}
