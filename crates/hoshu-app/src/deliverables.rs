//! The contract's deliverables rendered from the records: 打合せ議事録, 課題管理表 (PDF and
//! .xlsx), 運用保守計画書, the submission forms and the delivery disc that holds them.
//!
//! Each use case checks the policy, reads the records in ONE transaction, maps them onto the
//! template's view model (dates in 和暦; the document's creation time is the app clock's
//! "now", so a fixed clock gives byte-identical output), renders, and appends one audit entry
//! in the same transaction. The audit summary names the kind of deliverable and the count,
//! never the content.

mod business_schedule;
mod disc;
mod handover;
mod handover_views;
mod names;
mod views;

pub use disc::{DiscMedia, DiscSelection, MalwareCheckInput, MinutesSelection};

use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::exports::BulkExport;
use crate::{Hoshu, audit};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use hoshu_core::Actor;
use hoshu_core::calendar::fiscal::fiscal_year_at;
use hoshu_core::calendar::tokyo;
use hoshu_core::contract::ContractInfo as ContractRecord;
use hoshu_core::form_fill::{FormFill, checked_form_fill};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_docs::templates::{self as t, PlanDoc, RegisterDoc};
use hoshu_docs::{DocError, Document};
use hoshu_store::Tx;
use names::{form_file_name, minutes_file_name, plan_file_name, register_file_name_of};
use serde::{Deserialize, Serialize};
use views::{load_meeting, minutes_view, plan_view, register_rows, register_view};

pub use hoshu_docs::templates::RegisterPaper;

/// A rendered deliverable: the file name the city sees, the bytes, and the page count of a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// 打合せ議事録_令和8年4月10日.pdf.
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Pages of a PDF; `None` for .xlsx and disc images.
    pub pages: Option<usize>,
}

/// Where a long job is: `done` of `total` steps, and what it is doing now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub label: String,
}

/// A progress callback that may be handed to another thread (the desktop forwards it as
/// events).
pub type ProgressFn<'a> = &'a (dyn Fn(Progress) + Send + Sync);

/// The register as PDF or as .xlsx.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RegisterFormat {
    Pdf,
    Xlsx,
}

/// The submission forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    /// 工程表（委託作業表）.
    Schedule,
    /// 委託業務着手届.
    StartNotice,
    /// 業務責任者届.
    ResponsiblePerson,
    /// 委託業務完了通知書.
    CompletionNotice,
}

impl FormKind {
    pub const ALL: [FormKind; 4] = [
        FormKind::Schedule,
        FormKind::StartNotice,
        FormKind::ResponsiblePerson,
        FormKind::CompletionNotice,
    ];

    /// The code the CLI takes: schedule, start-notice, responsible-person, completion-notice.
    pub fn code(self) -> &'static str {
        match self {
            FormKind::Schedule => "schedule",
            FormKind::StartNotice => "start-notice",
            FormKind::ResponsiblePerson => "responsible-person",
            FormKind::CompletionNotice => "completion-notice",
        }
    }

    pub fn from_code(code: &str) -> Option<FormKind> {
        FormKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            FormKind::Schedule => "工程表",
            FormKind::StartNotice => "委託業務着手届",
            FormKind::ResponsiblePerson => "業務責任者届",
            FormKind::CompletionNotice => "委託業務完了通知書",
        }
    }
}

/// Runs a rendering on a blocking thread: layout, font subsetting and the disc image take CPU
/// for whole seconds, which must not stall the async threads serving every other terminal.
pub(crate) async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(render_error)?
}

fn render_error(e: impl std::fmt::Display) -> AppError {
    AppError::new(
        ErrorCode::Internal,
        format!("納品物を作成できませんでした: {e}"),
    )
}

/// A document built and rendered off the async threads, with the page count the layout made.
async fn pdf(
    file_name: String,
    build: impl FnOnce() -> Result<Document, DocError> + Send + 'static,
) -> AppResult<Rendered> {
    off_thread(move || {
        let out = build()
            .and_then(|doc| doc.render_pdf())
            .map_err(render_error)?;
        Ok(Rendered {
            file_name,
            bytes: out.bytes,
            pages: Some(out.pages),
        })
    })
    .await
}

/// The register as PDF or .xlsx (on a blocking thread: the caller runs it off the async ones).
fn render_register_doc(doc: &RegisterDoc, format: RegisterFormat) -> AppResult<Rendered> {
    Ok(match format {
        RegisterFormat::Pdf => {
            let out = t::register_document(doc)
                .render_pdf()
                .map_err(render_error)?;
            Rendered {
                file_name: register_file_name_of(doc, "pdf"),
                bytes: out.bytes,
                pages: Some(out.pages),
            }
        }
        RegisterFormat::Xlsx => Rendered {
            file_name: register_file_name_of(doc, "xlsx"),
            bytes: hoshu_docs::xlsx::register_xlsx(doc).map_err(render_error)?,
            pages: None,
        },
    })
}

async fn plan_pdf(doc: PlanDoc) -> AppResult<Rendered> {
    pdf(plan_file_name(&doc), move || t::plan_document(&doc)).await
}

async fn form_pdf(
    kind: FormKind,
    fill: FormFill,
    c: ContractRecord,
    now: DateTime<Utc>,
) -> AppResult<Rendered> {
    pdf(form_file_name(kind, fiscal_year_at(now)), move || {
        Ok(views::form_document(kind, &fill, &c, now))
    })
    .await
}

/// Japan time of `t` without the zone, as documents and disc records take it.
fn local(t: DateTime<Utc>) -> NaiveDateTime {
    tokyo(t).naive_local()
}

fn today(now: DateTime<Utc>) -> NaiveDate {
    tokyo(now).date_naive()
}

async fn record_rendering(
    tx: &mut Tx<'_>,
    actor: &Actor,
    target: String,
    kind: &str,
    count: usize,
    now: DateTime<Utc>,
) -> AppResult<()> {
    audit(
        tx,
        actor,
        "deliverable.render",
        target,
        format!("納品物を作成（{kind}, {count}件）"),
        now,
    )
    .await
}

impl Hoshu {
    /// 打合せ議事録 of one meeting as PDF (chief or contractor).
    pub async fn render_minutes(&self, session: &Session, meeting_id: i64) -> AppResult<Rendered> {
        let now = self.now();
        let mut read = self.store().begin_read().await?;
        let actor = self.actor(&mut read, session).await?;
        authorize(&actor, Action::RenderDeliverables, Resource::System)?;
        let meeting = load_meeting(&mut read, meeting_id).await?;
        let contract = crate::contract::load(&mut read).await?;
        read.rollback().await?;
        let doc = minutes_view(&meeting, &contract, now);
        let rendered = pdf(minutes_file_name(&meeting), move || {
            Ok(t::minutes_document(&doc))
        })
        .await?;
        let mut tx = self.begin().await?;
        record_rendering(
            &mut tx,
            &actor,
            format!("meeting:{meeting_id}"),
            "打合せ議事録",
            1,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(rendered)
    }

    /// 課題管理表: every item as a landscape PDF (A4 or A3) or as .xlsx (chief or contractor).
    pub async fn render_register(
        &self,
        session: &Session,
        format: RegisterFormat,
        paper: RegisterPaper,
        bulk: BulkExport,
        progress: Option<ProgressFn<'_>>,
    ) -> AppResult<Rendered> {
        let report = |done: usize, label: &str| {
            if let Some(p) = progress {
                p(Progress {
                    done,
                    total: 3,
                    label: label.to_owned(),
                });
            }
        };
        let now = self.now();
        let mut read = self.store().begin_read().await?;
        let actor = self.actor(&mut read, session).await?;
        authorize(&actor, Action::RenderDeliverables, Resource::System)?;
        report(0, "課題を読み込んでいます");
        let rows = register_rows(&mut read).await?;
        let count = rows.len();
        crate::exports::confirm_bulk(&mut read, "課題管理表", count, bulk).await?;
        let contract = crate::contract::load(&mut read).await?;
        read.rollback().await?;
        report(1, &format!("課題管理表を作成しています（{count}件）"));
        let doc = register_view(rows, paper, &contract, now);
        let rendered = off_thread(move || render_register_doc(&doc, format)).await?;
        let mut tx = self.begin().await?;
        let kind = match format {
            RegisterFormat::Pdf => "課題管理表PDF",
            RegisterFormat::Xlsx => "課題管理表Excel",
        };
        record_rendering(&mut tx, &actor, "register".into(), kind, count, now).await?;
        tx.commit().await?;
        report(3, "完了");
        Ok(rendered)
    }

    /// 運用保守計画書 of the current fiscal year: the nine sections as saved, the incident
    /// flow with the SLA settings' targets and the annual grid (chief or contractor).
    pub async fn render_plan(&self, session: &Session) -> AppResult<Rendered> {
        let now = self.now();
        let mut read = self.store().begin_read().await?;
        let actor = self.actor(&mut read, session).await?;
        authorize(&actor, Action::RenderDeliverables, Resource::System)?;
        let contract = crate::contract::load(&mut read).await?;
        let doc = plan_view(&mut read, &contract, now).await?;
        read.rollback().await?;
        let rendered = plan_pdf(doc).await?;
        let mut tx = self.begin().await?;
        record_rendering(&mut tx, &actor, "plan".into(), "運用保守計画書", 1, now).await?;
        tx.commit().await?;
        Ok(rendered)
    }

    /// A submission form from the contract data (chief or contractor), with the 文書番号 and
    /// 提出日 the person filled in; what they left out stays blank for the pen.
    pub async fn render_form(
        &self,
        session: &Session,
        kind: FormKind,
        fill: FormFill,
    ) -> AppResult<Rendered> {
        let fill = checked_form_fill(fill)?;
        let now = self.now();
        let mut read = self.store().begin_read().await?;
        let actor = self.actor(&mut read, session).await?;
        authorize(&actor, Action::RenderDeliverables, Resource::System)?;
        let contract = crate::contract::load(&mut read).await?;
        read.rollback().await?;
        let rendered = form_pdf(kind, fill, contract, now).await?;
        let mut tx = self.begin().await?;
        record_rendering(
            &mut tx,
            &actor,
            format!("form:{}", kind.code()),
            kind.label(),
            1,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(rendered)
    }
}
