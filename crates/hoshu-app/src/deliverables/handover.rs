//! The handover package for the next contractor (003 5 (3): every document disclosed): each
//! area's records as .xlsx, every deliverable as PDF, the attachments, the audit log with its
//! verification, 引継書 and 引継計画書, and the MANIFEST with the SHA-256 of every file, on one
//! disc image — a CD-R when it fits, a DVD-R when not.

use super::disc::{Job, audit_head_line, render_jobs, selected_minutes};
use super::handover_views::{book_doc, plan_doc};
use super::names::prefixed_name;
use super::{Progress, ProgressFn, RegisterFormat, Rendered, local, off_thread, pdf, today};
use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::exports::{BulkExport, confirm_bulk};
use crate::incidents::fiscal_year_range;
use crate::{FormKind, Hoshu, MinutesSelection, audit};
use chrono::{DateTime, Utc};
use hoshu_core::calendar::fiscal::fiscal_year_of;
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_docs::disc::{DiscFile, DiscRequest, Media, check_capacity};
use hoshu_docs::list_xlsx::{ListCell, ListColumn, ListSheet, list_xlsx};
use hoshu_docs::templates::{self as t, date_plain};
use hoshu_store::Tx;
use hoshu_store::records_export::{ExportTable, ExportValue, HANDOVER_TABLES};
use std::collections::BTreeSet;

/// The file name of the handover image: 引継資料_令和9年2月1日.iso.
fn image_file_name(now: DateTime<Utc>) -> String {
    format!("引継資料_{}.iso", date_plain(today(now)))
}

fn plan_file_name(version: i64) -> String {
    format!("引継計画書_第{version}版.pdf")
}

/// 添付_依頼12_3_画面.png: the request and the attachment's number keep names apart, and a
/// long name is shortened before its extension.
fn attachment_name(request_id: i64, id: i64, file_name: &str) -> String {
    prefixed_name(&format!("添付_依頼{request_id}_{id}_"), file_name)
}

/// The sheet of one table: every row, its captions, dates as dates.
fn sheet(
    table: &ExportTable,
    rows: Vec<Vec<ExportValue>>,
    author: &str,
    now: DateTime<Utc>,
) -> ListSheet {
    ListSheet {
        title: table.title.to_owned(),
        conditions: "全件（引継資料）".to_owned(),
        author: author.to_owned(),
        as_of: now,
        columns: table
            .columns
            .iter()
            .map(|c| ListColumn {
                caption: c.caption,
                width: 16.0,
            })
            .collect(),
        rows: rows
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|v| match v {
                        ExportValue::Text(s) => ListCell::Text(s),
                        ExportValue::Number(n) => ListCell::Number(n),
                        ExportValue::Time(t) => ListCell::Time(t),
                        ExportValue::Flag(b) => {
                            ListCell::Text(if b { "はい" } else { "いいえ" }.into())
                        }
                        ExportValue::Null => ListCell::Empty,
                    })
                    .collect()
            })
            .collect(),
    }
}

/// Every deliverable the records hold: approved minutes, the register, the operation plan,
/// the forms, and the reports of every month and fiscal year of the contract that has ended.
async fn deliverable_jobs(
    tx: &mut Tx<'_>,
    contract: &hoshu_core::contract::ContractInfo,
    now: DateTime<Utc>,
) -> AppResult<Vec<Job>> {
    let mut jobs: Vec<Job> = selected_minutes(tx, MinutesSelection::AllApproved)
        .await?
        .into_iter()
        .map(|m| Job::Minutes(Box::new(m)))
        .collect();
    jobs.push(Job::Register(RegisterFormat::Pdf));
    jobs.push(Job::Plan);
    jobs.extend(FormKind::ALL.map(Job::Form));
    for fy in fiscal_year_of(contract.period_from)..=fiscal_year_of(contract.period_to) {
        for (y, m) in t::fiscal_months(fy) {
            let (_, month_end) = crate::month_range(y, m)?;
            if month_end <= now {
                jobs.push(Job::Monthly(y, m));
            }
        }
        if fiscal_year_range(fy)?.1 <= now {
            jobs.push(Job::Annual(fy));
        }
    }
    Ok(jobs)
}

impl Hoshu {
    /// 引継計画書 of the newest version as PDF, 「案」 until that version is approved (chief,
    /// contractor).
    pub async fn render_handover_plan(&self, session: &Session) -> AppResult<Rendered> {
        let now = self.now();
        let mut read = self.store().begin_read().await?;
        let actor = self.actor(&mut read, session).await?;
        authorize(&actor, Action::ViewHandover, Resource::System)?;
        let Some(version) = read.current_handover_plan().await? else {
            return Err(AppError::new(
                ErrorCode::NotFound,
                "引継計画書はまだ作成されていません。",
            ));
        };
        let contract = crate::contract::load(&mut read).await?;
        read.rollback().await?;
        let doc = plan_doc(&version, &contract, now);
        let rendered = pdf(plan_file_name(version.version), move || {
            Ok(t::handover_plan_document(&doc))
        })
        .await?;
        let mut tx = self.begin().await?;
        super::record_rendering(
            &mut tx,
            &actor,
            format!("handover_plan:{}", version.version),
            "引継計画書",
            1,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(rendered)
    }

    /// The handover package as a disc image (contractor). Every record leaves, so it is a
    /// bulk export: refused with the question naming the count until `bulk` confirms it.
    pub async fn build_handover_package(
        &self,
        session: &Session,
        bulk: BulkExport,
        progress: Option<ProgressFn<'_>>,
    ) -> AppResult<Rendered> {
        let now = self.now();
        // One snapshot for everything, as the delivery disc: the files agree with each other
        // and no writer waits while fifty documents render.
        let mut tx = self.store().begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ExportHandover, Resource::System)?;
        let mut counts = Vec::with_capacity(HANDOVER_TABLES.len());
        for table in HANDOVER_TABLES {
            counts.push(tx.count_rows(table).await?);
        }
        let records: i64 = counts.iter().sum();
        confirm_bulk(&mut tx, "引継資料の全記録", records as usize, bulk).await?;
        let contract = crate::contract::load(&mut tx).await?;
        let jobs = deliverable_jobs(&mut tx, &contract, now).await?;

        // Steps: the tables, the deliverables, 引継書 and 引継計画書, the attachments with the
        // audit check, the image.
        let total = HANDOVER_TABLES.len() + jobs.len() + 3;
        let report = |done: usize, label: String| {
            if let Some(p) = progress {
                p(Progress { done, total, label });
            }
        };
        let mut taken = BTreeSet::new();
        let mut files = Vec::new();
        for (i, table) in HANDOVER_TABLES.iter().enumerate() {
            report(i, format!("{}を書き出しています", table.title));
            let rows = tx.export_rows(table).await?;
            let sheet = sheet(table, rows, &actor.display_name, now);
            let bytes = off_thread(move || list_xlsx(&sheet).map_err(super::render_error)).await?;
            files.push(DiscFile {
                name: format!("{}.xlsx", table.title),
                bytes,
            });
            taken.insert(format!("{}.xlsx", table.title));
        }
        let step = HANDOVER_TABLES.len();
        let offset = |i: usize, label: String| report(step + i, label);
        files.extend(render_jobs(&mut tx, &jobs, &contract, now, &offset, &mut taken).await?);

        let step = step + jobs.len();
        report(step, "引継書を作成しています".into());
        let book = book_doc(&mut tx, &contract, &actor.display_name, now).await?;
        let book_name = format!("引継書_{}.pdf", date_plain(today(now)));
        files.push(DiscFile {
            name: book_name.clone(),
            bytes: pdf(book_name, move || Ok(t::handover_book_document(&book)))
                .await?
                .bytes,
        });
        let plans = tx.handover_plan_history().await?;
        // The version in force and, when a newer one is being written, that draft too.
        let approved = plans
            .iter()
            .find(|v| v.status == hoshu_core::handover::HandoverPlanStatus::Approved);
        let mut versions: Vec<_> = plans.first().into_iter().chain(approved).collect();
        versions.dedup_by_key(|v| v.version);
        for version in versions {
            let doc = plan_doc(version, &contract, now);
            let name = plan_file_name(version.version);
            files.push(DiscFile {
                name: name.clone(),
                bytes: pdf(name, move || Ok(t::handover_plan_document(&doc)))
                    .await?
                    .bytes,
            });
        }

        report(
            step + 1,
            "添付ファイルと監査ログの検証結果を収録しています".into(),
        );
        for (id, request_id, file_name, bytes) in tx.all_request_attachments().await? {
            files.push(DiscFile {
                name: attachment_name(request_id, id, &file_name),
                bytes,
            });
        }
        let verification = match tx.verify_audit().await? {
            Ok(n) => format!("監査ログの検証: 改ざんなし（{n}件、鍵付きMACの連鎖を先頭まで確認）"),
            Err(b) => format!("監査ログの検証: 不整合あり（連番 {} 以降）: {b}", b.seq),
        };
        let audit_head = audit_head_line(&mut tx).await?;
        files.push(DiscFile {
            name: "監査ログ検証結果.txt".into(),
            bytes: format!(
                "{verification}\r\n検証日時: {}\r\n監査ログ先頭: {audit_head}\r\n",
                local(now).format("%Y-%m-%d %H:%M:%S JST")
            )
            .into_bytes(),
        });
        tx.rollback().await?;

        report(step + 2, "ディスクイメージを作成しています".into());
        let payload: u64 = files.iter().map(|f| f.bytes.len() as u64 + 2048).sum();
        // Room for the directories and descriptors beside the files.
        let media = if check_capacity(Media::CdR, payload + 4 * 1024 * 1024).is_ok() {
            Media::CdR
        } else {
            Media::DvdR
        };
        let count = files.len();
        let request = DiscRequest {
            volume_label: format!("引継資料_{}", date_plain(today(now))),
            created: local(now),
            media,
            title: "引継資料".into(),
            files,
            malware_check: None,
            audit_head,
        };
        let image =
            off_thread(move || hoshu_docs::disc::build_disc(&request).map_err(super::render_error))
                .await?;
        let mut tx = self.begin().await?;
        audit(
            &mut tx,
            &actor,
            "handover.export",
            "handover".into(),
            format!(
                "引継資料を作成（{}、{count}ファイル、記録{records}件）",
                media.label()
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        report(total, "完了".into());
        Ok(Rendered {
            file_name: image_file_name(now),
            bytes: image.iso,
            pages: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deliverables::names::NAME_MAX_CHARS;

    #[test]
    fn attachment_names_are_unique_and_fit_joliet() {
        assert_eq!(attachment_name(12, 3, "画面.png"), "添付_依頼12_3_画面.png");
        let long = attachment_name(1, 2, &format!("{}.xlsx", "長".repeat(100)));
        assert_eq!(long.chars().count(), NAME_MAX_CHARS);
        assert!(long.ends_with("長.xlsx"));
        assert_eq!(attachment_name(1, 2, ".env"), "添付_依頼1_2_.env");
    }
}
