//! The delivery disc: which deliverables the selection asks for, each rendered off the async
//! threads from one read snapshot, then the ISO image with its MANIFEST and malware-check
//! record; one audit entry at the end.

use super::names::{
    annual_file_name, disc_file_name, handout_file_name, minutes_file_name, monthly_file_name,
    unique_name,
};
use super::views::{load_meeting, minutes_view, plan_view, register_rows, register_view};
use super::{
    Progress, ProgressFn, RegisterFormat, Rendered, form_pdf, local, off_thread, pdf, plan_pdf,
    render_error, render_register_doc, today,
};
use crate::auth::Session;
use crate::error::{AppError, AppResult};
use crate::incidents::fiscal_year_range;
use crate::{FormKind, Hoshu, audit};
use chrono::{DateTime, NaiveDate, Utc};
use hoshu_core::calendar::{tokyo, tokyo_day_start};
use hoshu_core::contract::ContractInfo as ContractRecord;
use hoshu_core::form_fill::FormFill;
use hoshu_core::meeting::MinutesStatus;
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::wareki;
use hoshu_docs::disc::{DiscFile, DiscRequest, MalwareCheck};
use hoshu_docs::templates::{self as t, RegisterDoc, RegisterPaper, date_plain, fiscal_year_label};
use hoshu_store::{MeetingFilter, MeetingRecord, Tx};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The recording medium of the delivery disc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DiscMedia {
    /// CD-R, 700 MB.
    #[default]
    CdR,
    /// DVD-R, 4.7 GB.
    DvdR,
}

impl DiscMedia {
    fn media(self) -> hoshu_docs::disc::Media {
        match self {
            DiscMedia::CdR => hoshu_docs::disc::Media::CdR,
            DiscMedia::DvdR => hoshu_docs::disc::Media::DvdR,
        }
    }
}

/// Which minutes go on the disc. Only approved minutes are delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum MinutesSelection {
    None,
    /// Approved minutes of the meetings held from `from` to `to` (both included).
    Period {
        from: NaiveDate,
        to: NaiveDate,
    },
    /// Every approved minutes.
    AllApproved,
}

/// The malware check the contractor did before handover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MalwareCheckInput {
    /// 実施者.
    pub checked_by: String,
    /// 実施日時; `None` is now.
    pub checked_at: Option<DateTime<Utc>>,
    /// 使用ソフトウェア (product and version).
    pub product: String,
    /// パターンファイルのバージョン.
    pub pattern_version: String,
}

/// What goes on the delivery disc.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiscSelection {
    pub minutes: MinutesSelection,
    /// 課題管理表 as PDF and .xlsx.
    pub register: bool,
    pub plan: bool,
    pub forms: Vec<FormKind>,
    /// The monthly reports of the months of this fiscal year that have ended, and its annual
    /// report once the year has ended.
    pub reports_fiscal_year: Option<i32>,
    pub media: DiscMedia,
    pub malware_check: MalwareCheckInput,
}

/// Meetings whose approved minutes `selection` asks for, oldest first.
pub(super) async fn selected_minutes(
    tx: &mut Tx<'_>,
    selection: MinutesSelection,
) -> AppResult<Vec<MeetingRecord>> {
    let (from, to) = match selection {
        MinutesSelection::None => return Ok(Vec::new()),
        MinutesSelection::AllApproved => (None, None),
        MinutesSelection::Period { from, to } => {
            if to < from {
                return Err(AppError::field(
                    "minutes",
                    "議事録の期間",
                    "議事録の期間の終了日は開始日以降にしてください。",
                ));
            }
            (
                Some(tokyo_day_start(from)),
                to.succ_opt().map(tokyo_day_start),
            )
        }
    };
    let mut ids = Vec::new();
    let limit = 200;
    loop {
        let page = tx
            .list_meetings(&MeetingFilter {
                statuses: vec![MinutesStatus::Approved],
                from,
                to,
                limit,
                offset: ids.len() as i64,
                ..MeetingFilter::default()
            })
            .await?;
        let got = page.items.len();
        ids.extend(page.items.into_iter().map(|m| m.id));
        if got == 0 || ids.len() as i64 >= page.total {
            break;
        }
    }
    ids.reverse();
    let mut meetings = Vec::with_capacity(ids.len());
    for id in ids {
        meetings.push(load_meeting(tx, id).await?);
    }
    Ok(meetings)
}

fn check_malware_input(m: &MalwareCheckInput) -> AppResult<()> {
    let mut e = hoshu_core::ValidationErrors::new();
    e.text("checked_by", "実施者", &m.checked_by, 100);
    e.text("product", "使用ソフトウェア", &m.product, 100);
    e.text(
        "pattern_version",
        "パターンファイルのバージョン",
        &m.pattern_version,
        100,
    );
    e.into_result()?;
    Ok(())
}

/// One job of the disc: a file to render.
pub(super) enum Job {
    Minutes(Box<MeetingRecord>),
    Register(RegisterFormat),
    Plan,
    Form(FormKind),
    Monthly(i32, u32),
    Annual(i32),
}

impl Job {
    fn label(&self) -> String {
        match self {
            Job::Minutes(m) => format!(
                "打合せ議事録（{}）",
                date_plain(tokyo(m.meeting.starts_at).date_naive())
            ),
            Job::Register(RegisterFormat::Pdf) => "課題管理表（PDF）".into(),
            Job::Register(RegisterFormat::Xlsx) => "課題管理表（Excel）".into(),
            Job::Plan => "運用保守計画書".into(),
            Job::Form(k) => k.label().into(),
            Job::Monthly(y, m) => format!("定期報告（{}分）", wareki::year_month(*y, *m)),
            Job::Annual(fy) => format!("年次報告資料（{}）", fiscal_year_label(*fy)),
        }
    }
}

/// Renders `jobs` from the snapshot `tx`, one after the other (each off the async threads),
/// reporting each as step `i`; the names are made unique among `taken`.
pub(super) async fn render_jobs(
    tx: &mut Tx<'_>,
    jobs: &[Job],
    contract: &ContractRecord,
    now: DateTime<Utc>,
    report: &(dyn Fn(usize, String) + Send + Sync),
    taken: &mut BTreeSet<String>,
) -> AppResult<Vec<DiscFile>> {
    let mut register: Option<RegisterDoc> = None;
    let mut files = Vec::with_capacity(jobs.len());
    for (i, job) in jobs.iter().enumerate() {
        report(i, format!("{}を作成しています", job.label()));
        let rendered = match job {
            Job::Minutes(m) => {
                let doc = minutes_view(m, contract, now);
                pdf(minutes_file_name(m), move || Ok(t::minutes_document(&doc))).await?
            }
            Job::Register(format) => {
                if register.is_none() {
                    let rows = register_rows(tx).await?;
                    register = Some(register_view(rows, RegisterPaper::A4, contract, now));
                }
                let Some(doc) = register.clone() else {
                    continue;
                };
                let format = *format;
                off_thread(move || render_register_doc(&doc, format)).await?
            }
            Job::Plan => plan_pdf(plan_view(tx, contract, now).await?).await?,
            Job::Form(kind) => {
                // The disc keeps the forms as blanks, numbered and dated by hand when stamped.
                form_pdf(*kind, FormFill::default(), contract.clone(), now).await?
            }
            Job::Monthly(y, m) => {
                let figures = crate::reports::monthly_figures(tx, *y, *m, now).await?;
                let bytes = off_thread(move || {
                    hoshu_docs::reports::monthly_pdf(&figures).map_err(render_error)
                })
                .await?;
                Rendered {
                    file_name: monthly_file_name(*y, *m),
                    bytes,
                    pages: None,
                }
            }
            Job::Annual(fy) => {
                let figures = crate::reports::annual_figures(tx, *fy, now).await?;
                let bytes = off_thread(move || {
                    hoshu_docs::reports::annual_pdf(&figures).map_err(render_error)
                })
                .await?;
                Rendered {
                    file_name: annual_file_name(*fy),
                    bytes,
                    pages: None,
                }
            }
        };
        let name = unique_name(rendered.file_name, taken);
        // A meeting's handouts follow its minutes, named after them so they sort together.
        let handouts = match job {
            Job::Minutes(m) => tx.meeting_attachment_files(m.id).await?,
            _ => Vec::new(),
        };
        let handouts: Vec<DiscFile> = handouts
            .into_iter()
            .enumerate()
            .map(|(i, h)| DiscFile {
                name: unique_name(handout_file_name(&name, i + 1, &h.meta.file_name), taken),
                bytes: h.bytes,
            })
            .collect();
        files.push(DiscFile {
            name,
            bytes: rendered.bytes,
        });
        files.extend(handouts);
    }

    Ok(files)
}

/// The audit log's head for a MANIFEST, with the full MAC: the MANIFEST is read by tools as
/// much as by people.
pub(super) async fn audit_head_line(tx: &mut Tx<'_>) -> AppResult<String> {
    Ok(match tx.audit_head().await? {
        Some(h) => format!("連番 {} / MAC {}", h.seq, h.mac),
        None => "記録なし".to_owned(),
    })
}

impl Hoshu {
    /// The delivery disc (ISO 9660 + Joliet) with the selected deliverables, their MANIFEST
    /// and the malware-check record (contractor). Refused when the files do not fit the
    /// medium.
    pub async fn build_disc(
        &self,
        session: &Session,
        selection: &DiscSelection,
        progress: Option<ProgressFn<'_>>,
    ) -> AppResult<Rendered> {
        let now = self.now();
        // Everything is read in one snapshot and rendered off the async threads; only the
        // audit entry at the end writes, so a disc of fifty documents never holds the write lock.
        let mut tx = self.store().begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::BuildDeliveryDisc, Resource::System)?;
        check_malware_input(&selection.malware_check)?;
        let contract = crate::contract::load(&mut tx).await?;

        let mut jobs: Vec<Job> = selected_minutes(&mut tx, selection.minutes)
            .await?
            .into_iter()
            .map(|m| Job::Minutes(Box::new(m)))
            .collect();
        if selection.register {
            jobs.push(Job::Register(RegisterFormat::Pdf));
            jobs.push(Job::Register(RegisterFormat::Xlsx));
        }
        if selection.plan {
            jobs.push(Job::Plan);
        }
        for kind in FormKind::ALL {
            if selection.forms.contains(&kind) {
                jobs.push(Job::Form(kind));
            }
        }
        if let Some(fy) = selection.reports_fiscal_year {
            let (_, fy_end) = fiscal_year_range(fy)?;
            for (y, m) in t::fiscal_months(fy) {
                let (_, month_end) = crate::month_range(y, m)?;
                if month_end <= now {
                    jobs.push(Job::Monthly(y, m));
                }
            }
            if fy_end <= now {
                jobs.push(Job::Annual(fy));
            }
        }
        if jobs.is_empty() {
            return Err(AppError::field(
                "include",
                "収録する納品物",
                "収録する納品物がありません。選択を確認してください。",
            ));
        }

        let total = jobs.len() + 1;
        let report = |done: usize, label: String| {
            if let Some(p) = progress {
                p(Progress { done, total, label });
            }
        };
        let mut taken = std::collections::BTreeSet::new();
        let files = render_jobs(&mut tx, &jobs, &contract, now, &report, &mut taken).await?;

        report(jobs.len(), "ディスクイメージを作成しています".into());
        let audit_head = audit_head_line(&mut tx).await?;
        let label_date = date_plain(today(now));
        let request = DiscRequest {
            volume_label: format!("成果品_{}", label_date),
            created: local(now),
            media: selection.media.media(),
            title: "成果品".into(),
            files,
            malware_check: Some(MalwareCheck {
                checked_by: selection.malware_check.checked_by.trim().to_owned(),
                checked_at: local(selection.malware_check.checked_at.unwrap_or(now)),
                product: selection.malware_check.product.trim().to_owned(),
                pattern_version: selection.malware_check.pattern_version.trim().to_owned(),
                result: "マルウェアは検出されなかった".into(),
            }),
            audit_head,
        };
        let count = request.files.len();
        tx.rollback().await?;
        let image = off_thread(move || {
            hoshu_docs::disc::build_disc(&request).map_err(|e| match e {
                hoshu_docs::disc::DiscError::TooLargeForCd { .. }
                | hoshu_docs::disc::DiscError::TooLarge { .. } => {
                    AppError::field("media", "媒体", format!("{e}。"))
                }
                other => render_error(other),
            })
        })
        .await?;
        let mut tx = self.begin().await?;
        audit(
            &mut tx,
            &actor,
            "deliverable.disc",
            "disc".into(),
            format!(
                "納品物を作成（成果品ディスク {}, {}件）",
                match selection.media {
                    DiscMedia::CdR => "CD-R",
                    DiscMedia::DvdR => "DVD-R",
                },
                count
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        report(total, "完了".into());
        Ok(Rendered {
            file_name: disc_file_name(today(now)),
            bytes: image.iso,
            pages: None,
        })
    }
}
