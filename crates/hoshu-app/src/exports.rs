//! Files that carry records out of the system: each is recorded in the audit log with its row
//! count, and a bulk export leaves only once the person has confirmed it — the question is
//! asked before the data leaves, not after.

use crate::auth::Session;
use crate::deliverables::{Rendered, off_thread};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::settings::DeskSettings;
use crate::{Actor, Hoshu, audit};
use chrono::{DateTime, Utc};
use hoshu_core::calendar::tokyo;
use hoshu_core::export::{bulk_export_question, is_bulk};
use hoshu_docs::list_xlsx::{ListSheet, list_xlsx};
use hoshu_store::Tx;
use serde::{Deserialize, Serialize};

/// Whether the person has confirmed a bulk export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BulkExport {
    /// Not asked yet: a bulk export is refused with the question to ask.
    #[default]
    Unconfirmed,
    /// The person answered yes to the question naming the count.
    Confirmed,
}

impl Hoshu {
    /// Records that `rows` rows of `what` (e.g. "依頼一覧") leave as `format`. Call it before
    /// the file is written: above the bulk threshold (a setting) it fails with
    /// [`ErrorCode::BulkExportUnconfirmed`], whose message is the question naming the count,
    /// until `bulk` is [`BulkExport::Confirmed`].
    pub async fn record_export(
        &self,
        session: &Session,
        what: &str,
        format: &str,
        rows: usize,
        bulk: BulkExport,
    ) -> AppResult<()> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        audit_export(&mut tx, &actor, what, format, rows, bulk, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Refuses a bulk export the person has not confirmed, with the question naming the count.
/// Answers whether it is a bulk export.
pub(crate) async fn confirm_bulk(
    tx: &mut Tx<'_>,
    what: &str,
    rows: usize,
    bulk: BulkExport,
) -> AppResult<bool> {
    let threshold = DeskSettings::load(tx).await?.bulk_export_rows;
    if bulk == BulkExport::Unconfirmed
        && let Some(question) = bulk_export_question(what, rows, threshold)
    {
        return Err(AppError::new(ErrorCode::BulkExportUnconfirmed, question));
    }
    Ok(is_bulk(rows, threshold))
}

/// The check and the audit entry of an export, inside the caller's transaction.
pub(crate) async fn audit_export(
    tx: &mut Tx<'_>,
    actor: &Actor,
    what: &str,
    format: &str,
    rows: usize,
    bulk: BulkExport,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let bulk = confirm_bulk(tx, what, rows, bulk).await?;
    let summary = format!(
        "{what}を{format}で{rows}件出力{}",
        if bulk {
            "（一括出力を確認のうえ）"
        } else {
            ""
        }
    );
    audit(
        tx,
        actor,
        "export",
        format!("export:{format}"),
        summary,
        now,
    )
    .await?;
    Ok(())
}

/// A list as .xlsx, after the bulk question and with its audit entry: `sheet.title` names the
/// list (「依頼一覧」) in the audit log and in the file name.
pub(crate) async fn list_export(
    hoshu: &Hoshu,
    actor: &Actor,
    sheet: ListSheet,
    bulk: BulkExport,
    now: DateTime<Utc>,
) -> AppResult<Rendered> {
    let what = sheet.title.clone();
    let count = sheet.rows.len();
    let mut read = hoshu.begin_read().await?;
    confirm_bulk(&mut read, &what, count, bulk).await?;
    read.rollback().await?;
    let bytes = off_thread(move || {
        list_xlsx(&sheet).map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("一覧を出力できませんでした: {e}"),
            )
        })
    })
    .await?;
    let mut tx = hoshu.begin().await?;
    audit_export(&mut tx, actor, &what, "Excel", count, bulk, now).await?;
    tx.commit().await?;
    Ok(Rendered {
        file_name: format!("{what}_{}.xlsx", tokyo(now).format("%Y%m%d_%H%M")),
        bytes,
        pages: None,
    })
}
