//! The contract's deliverables rendered from the records: 打合せ議事録, 課題管理表 (PDF and
//! .xlsx), 運用保守計画書, the submission forms and the delivery disc that holds them.
//!
//! Each use case checks the policy, reads the records in ONE transaction, maps them onto the
//! template's view model (dates in 和暦; the document's creation time is the app clock's
//! "now", so a fixed clock gives byte-identical output), renders, and appends one audit entry
//! in the same transaction. The audit summary names the kind of deliverable and the count,
//! never the content.

use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::exports::BulkExport;
use crate::incidents::{fiscal_year_of, fiscal_year_range, load_targets};
use crate::{Hoshu, audit};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use hoshu_core::Actor;
use hoshu_core::calendar::{tokyo, tokyo_to_utc};
use hoshu_core::contract::ContractInfo as ContractRecord;
use hoshu_core::meeting::MinutesStatus;
use hoshu_core::plan::PlanSection as PlanSectionKind;
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::wareki;
use hoshu_docs::disc::{DiscFile, DiscRequest, MalwareCheck};
use hoshu_docs::templates::{
    self as t, CompletionNoticeDoc, ContractInfo, Contractor, FlowTargets, FormMarks, MinutesDoc,
    MinutesState, Participant, PlanDoc, RegisterDoc, RegisterRow, ResponsiblePersonDoc,
    ScheduleDoc, ScheduleTask, StartNoticeDoc, date_plain, fiscal_year_label, standard_annual_grid,
};
use hoshu_store::{MeetingFilter, MeetingRecord, RegisterFilter, Tx};
use serde::{Deserialize, Serialize};

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
#[serde(rename_all = "snake_case")]
pub enum RegisterFormat {
    Pdf,
    Xlsx,
}

/// The recording medium of the delivery disc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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

/// The submission forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// Which minutes go on the disc. Only approved minutes are delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// Pages of a PDF as printpdf writes it: one `/Type /Page` dictionary per page.
fn pdf_pages(bytes: &[u8]) -> Option<usize> {
    let mut n = 0;
    for needle in [&b"/Type /Page"[..], &b"/Type/Page"[..]] {
        n += bytes
            .windows(needle.len() + 1)
            .filter(|w| w.starts_with(needle) && !w[needle.len()].is_ascii_alphabetic())
            .count();
    }
    (n > 0).then_some(n)
}

fn pdf(file_name: String, bytes: Vec<u8>) -> Rendered {
    Rendered {
        pages: pdf_pages(&bytes),
        file_name,
        bytes,
    }
}

/// Japan time of `t` without the zone, as documents and disc records take it.
fn local(t: DateTime<Utc>) -> NaiveDateTime {
    tokyo(t).naive_local()
}

fn today(now: DateTime<Utc>) -> NaiveDate {
    tokyo(now).date_naive()
}

/// The contract data as the templates want it. What has not been entered yet (the
/// contractor's address and representative, the signing date) prints blank, to be written by
/// hand on the forms.
fn contract_view(c: &ContractRecord) -> ContractInfo {
    let system = c
        .contract_name
        .trim_end_matches("業務委託")
        .trim_end_matches("運用保守")
        .trim_start_matches(c.city_name.as_str());
    ContractInfo {
        name: c.contract_name.clone(),
        system_name: system.to_owned(),
        addressee: format!("{}長", c.city_name),
        city: c.city_name.clone(),
        contractor: Contractor {
            address: c.contractor_address.clone(),
            name: c.contractor_name.clone(),
            representative: c.contractor_representative.clone(),
        },
        period_start: c.period_from,
        period_end: c.period_to,
        signed_on: c.signed_on,
    }
}

/// Running header of minutes and register: the contract name without 委託.
fn header_note(c: &ContractRecord) -> String {
    c.contract_name.trim_end_matches("委託").to_owned()
}

fn minutes_file_name(m: &MeetingRecord) -> String {
    format!(
        "打合せ議事録_{}.pdf",
        date_plain(tokyo(m.meeting.starts_at).date_naive())
    )
}

fn minutes_view(m: &MeetingRecord, contract: &ContractRecord, now: DateTime<Utc>) -> MinutesDoc {
    let meeting = &m.meeting;
    let start = tokyo(meeting.starts_at);
    let end = tokyo(meeting.ends_at);
    let person = |a: &hoshu_core::meeting::Attendee| Participant {
        side: match a.side {
            hoshu_core::meeting::Side::City => t::Side::City,
            hoshu_core::meeting::Side::Contractor => t::Side::Contractor,
        },
        organisation: a.organisation.clone(),
        title: a.title.clone(),
        name: a.name.clone(),
    };
    let author = if contract.contractor_name.trim().is_empty() {
        m.recorded_by_name.clone()
    } else {
        format!("{}　{}", contract.contractor_name, m.recorded_by_name)
    };
    MinutesDoc {
        header_note: header_note(contract),
        meeting_name: meeting.title.clone(),
        date: start.date_naive(),
        start: start.time(),
        end: end.time(),
        place: meeting.place.clone(),
        attendees: meeting.present().map(person).collect(),
        absentees: meeting.absentees().map(person).collect(),
        handouts: meeting.handouts.clone(),
        agenda: meeting.agenda.clone(),
        discussion: meeting
            .discussion
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect(),
        decisions: meeting.decisions.clone(),
        action_items: meeting
            .action_items
            .iter()
            .map(|a| t::ActionItem {
                content: a.description.clone(),
                owner: a.owner.clone(),
                due: Some(a.due),
            })
            .collect(),
        next_meeting: meeting.next_meeting.as_ref().map(|n| {
            let at = tokyo(n.starts_at);
            format!(
                "{}　{}～　{}",
                wareki::long(at.date_naive()),
                t::time_ja(at.time()),
                n.place
            )
        }),
        created_on: m.submitted_at.map_or_else(|| today(now), today),
        author,
        state: match (&m.decision, m.minutes_status) {
            (Some(d), MinutesStatus::Approved) => MinutesState::Approved {
                by: d.decided_by_name.clone(),
                on: today(d.at),
            },
            _ => MinutesState::Draft,
        },
        created_at: local(now),
    }
}

async fn load_meeting(tx: &mut Tx<'_>, id: i64) -> AppResult<MeetingRecord> {
    tx.get_meeting(id)
        .await?
        .ok_or_else(|| AppError::not_found(&format!("会議 #{id}")))
}

/// Every register item, by number.
async fn register_rows(tx: &mut Tx<'_>) -> AppResult<Vec<RegisterRow>> {
    let page_size = crate::MAX_REGISTER_PAGE;
    let mut rows = Vec::new();
    loop {
        let page = tx
            .list_register_items(&RegisterFilter {
                statuses: Vec::new(),
                categories: Vec::new(),
                text: None,
                meeting_id: None,
                limit: page_size,
                offset: rows.len() as i64,
            })
            .await?;
        let got = page.items.len();
        rows.extend(page.items.into_iter().map(|r| RegisterRow {
            no: u32::try_from(r.no).unwrap_or(u32::MAX),
            raised_on: r.item.raised_on,
            raised_by: r.item.raised_by,
            category: r.item.category.label().to_owned(),
            title: r.item.title,
            detail: r.item.content,
            priority: r.item.priority.label().to_owned(),
            owner: r.item.owner,
            due: r.item.due,
            status: r.item.status.label().to_owned(),
            progress: r.item.progress,
            completed_on: r.item.completed_on,
        }));
        if got == 0 || rows.len() as i64 >= page.total {
            break;
        }
    }
    Ok(rows)
}

fn register_view(
    rows: Vec<RegisterRow>,
    paper: RegisterPaper,
    contract: &ContractRecord,
    now: DateTime<Utc>,
) -> RegisterDoc {
    RegisterDoc {
        header_note: header_note(contract),
        as_of: today(now),
        author: contract.contractor_name.clone(),
        paper,
        rows,
        created_at: local(now),
    }
}

fn render_register_doc(doc: &RegisterDoc, format: RegisterFormat) -> AppResult<Rendered> {
    Ok(match format {
        RegisterFormat::Pdf => pdf(
            register_file_name_of(doc, "pdf"),
            t::render_register(doc).map_err(render_error)?,
        ),
        RegisterFormat::Xlsx => Rendered {
            file_name: register_file_name_of(doc, "xlsx"),
            bytes: hoshu_docs::xlsx::register_xlsx(doc).map_err(render_error)?,
            pages: None,
        },
    })
}

fn register_file_name_of(doc: &RegisterDoc, ext: &str) -> String {
    format!("課題管理表_{}.{ext}", date_plain(doc.as_of))
}

/// The plan of the fiscal year of `now`, with its sections' current text and the flow
/// targets from the SLA settings.
async fn plan_view(
    tx: &mut Tx<'_>,
    contract: &ContractRecord,
    now: DateTime<Utc>,
) -> AppResult<PlanDoc> {
    let current = tx.current_plan_sections().await?;
    let targets = load_targets(tx).await?;
    let fy = fiscal_year_of(now);
    let version = current.iter().map(|c| c.version).max().unwrap_or(0).max(1);
    let issued_on = current
        .iter()
        .map(|c| c.edited_at)
        .max()
        .map_or_else(|| today(now), today);
    let sections = PlanSectionKind::ALL
        .iter()
        .map(|s| {
            let body = current
                .iter()
                .find(|c| c.section == *s)
                .map(|c| plan_paragraphs(&c.content))
                .filter(|b| !b.is_empty())
                .unwrap_or_else(|| vec!["（未作成）".to_owned()]);
            t::PlanSection {
                title: s.label().to_owned(),
                body,
            }
        })
        .collect();
    Ok(PlanDoc {
        contract: contract_view(contract),
        version: format!("第{version}.0版"),
        issued_on,
        fiscal_year: fy,
        sections,
        flow_targets: FlowTargets {
            first_report_minutes: targets.first_report_minutes,
            isolation_minutes: targets.first_isolation_minutes,
            contact_minutes: targets.contact_fixer_minutes,
            fault_report_business_days: targets.incident_report_open_days,
            prevention_days: targets.manual_revision_open_days,
        },
        annual_grid: standard_annual_grid(fy, &[9, 3], &[10]),
        created_at: local(now),
    })
}

/// A section's text as paragraphs: one per line, blank lines dropped.
fn plan_paragraphs(content: &str) -> Vec<String> {
    content
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn plan_file_name(p: &PlanDoc) -> String {
    format!(
        "運用保守計画書_{}_{}.pdf",
        fiscal_year_label(p.fiscal_year),
        p.version
    )
}

/// The first and last day of the fiscal year `fy` within the contract period.
fn fy_bounds(fy: i32, c: &ContractRecord) -> (NaiveDate, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(fy, 4, 1).unwrap_or(c.period_from);
    let end = NaiveDate::from_ymd_opt(fy + 1, 3, 31).unwrap_or(c.period_to);
    let s = start.max(c.period_from);
    let e = end.min(c.period_to);
    if s <= e { (s, e) } else { (start, end) }
}

fn first_sunday(y: i32, m: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let ahead = (7 - first.weekday().num_days_from_sunday()) % 7;
    first.checked_add_days(chrono::Days::new(u64::from(ahead)))
}

/// The year's tasks, from the contract period and the standing calendar of the desk.
fn schedule_tasks(fy: i32, c: &ContractRecord) -> Vec<ScheduleTask> {
    let (start, end) = fy_bounds(fy, c);
    let d = |y: i32, m: u32, day: u32| NaiveDate::from_ymd_opt(y, m, day).unwrap_or(start);
    let task = |name: &str, s: NaiveDate, e: NaiveDate, note: &str| ScheduleTask {
        name: name.into(),
        start: s.max(start).min(end),
        end: e.max(start).min(end),
        note: note.into(),
    };
    let first_maintenance = first_sunday(fy, 4).unwrap_or(start);
    let last_maintenance = first_sunday(fy + 1, 3).unwrap_or(end);
    vec![
        task(
            "業務着手・体制確立",
            start,
            start + TimeDelta::days(9),
            "着手届・責任者届",
        ),
        task(
            "運用保守計画書の作成",
            start,
            d(fy, 4, 30),
            "本市指定日まで",
        ),
        task("運用監視・障害対応", start, end, "通年"),
        task("問合せ・作業依頼対応", start, end, "開庁日"),
        task(
            "定期保守",
            first_maintenance,
            last_maintenance,
            "毎月第1日曜日",
        ),
        task("定例会議", start, end, "月2回"),
        task("業務日程レビュー", start, end, "月1回"),
        task(
            "月次運用報告",
            d(fy, 5, 10),
            d(fy + 1, 3, 10),
            "翌月10日まで",
        ),
        task("情報セキュリティ監査対応", d(fy, 10, 1), d(fy, 10, 31), ""),
        task("SLA評価", d(fy, 9, 30), d(fy, 9, 30), "中間評価"),
        task(
            "年次報告資料の提出",
            d(fy + 1, 3, 19),
            d(fy + 1, 3, 19),
            "年度末",
        ),
        task(
            "成果品の納品",
            d(fy + 1, 3, 26),
            d(fy + 1, 3, 26),
            "CD-R 1枚",
        ),
    ]
}

/// The deliverables a completion notice lists.
const DELIVERED: [&str; 6] = [
    "運用保守計画書",
    "工程表",
    "打合せ議事録",
    "課題管理表",
    "定期報告（月次）",
    "年次報告資料（SLA内の項目）",
];

fn form_pdf(kind: FormKind, c: &ContractRecord, now: DateTime<Utc>) -> AppResult<Rendered> {
    let contract = contract_view(c);
    let created_at = local(now);
    let fy = fiscal_year_of(now);
    let bytes = match kind {
        FormKind::Schedule => t::render_schedule(&ScheduleDoc {
            contract,
            fiscal_year: fy,
            submitted_on: None,
            tasks: schedule_tasks(fy, c),
            created_at,
        }),
        FormKind::StartNotice => t::render_start_notice(&StartNoticeDoc {
            contract,
            marks: FormMarks::default(),
            submitted_on: None,
            started_on: c.period_from,
            responsible: if c.contractor_name.trim().is_empty() {
                c.contractor_responsible.clone()
            } else {
                format!("{}（{}）", c.contractor_responsible, c.contractor_name)
            },
            created_at,
        }),
        FormKind::ResponsiblePerson => t::render_responsible_person(&ResponsiblePersonDoc {
            contract,
            marks: FormMarks::default(),
            submitted_on: None,
            organisation: c.contractor_name.clone(),
            title: "業務責任者".into(),
            name: c.contractor_responsible.clone(),
            phone: String::new(),
            qualifications: Vec::new(),
            deputy: (!c.contractor_deputy.trim().is_empty())
                .then(|| format!("{}（作業責任者）", c.contractor_deputy)),
            created_at,
        }),
        FormKind::CompletionNotice => t::render_completion_notice(&CompletionNoticeDoc {
            contract,
            marks: FormMarks::default(),
            submitted_on: None,
            completed_on: c.period_to,
            deliverables: DELIVERED.iter().map(|s| (*s).to_owned()).collect(),
            created_at,
        }),
    }
    .map_err(render_error)?;
    let name = match kind {
        FormKind::Schedule => format!("工程表_{}.pdf", fiscal_year_label(fy)),
        _ => format!("{}.pdf", kind.label()),
    };
    Ok(pdf(name, bytes))
}

/// Meetings whose approved minutes `selection` asks for, oldest first.
async fn selected_minutes(
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
            let at = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(tokyo_to_utc);
            (at(from), to.succ_opt().and_then(at))
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

/// `name` made unique among `taken` by a suffix before the extension: 打合せ議事録_令和8年4月10日_2.pdf.
fn unique_name(name: String, taken: &mut std::collections::BTreeSet<String>) -> String {
    if taken.insert(name.clone()) {
        return name;
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) => (&name[..i], &name[i..]),
        None => (name.as_str(), ""),
    };
    let mut n = 2;
    loop {
        let candidate = format!("{stem}_{n}{ext}");
        if taken.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
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
enum Job {
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
        let bytes = off_thread(move || t::render_minutes(&doc).map_err(render_error)).await?;
        let rendered = pdf(minutes_file_name(&meeting), bytes);
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
        let file_name = plan_file_name(&doc);
        let bytes = off_thread(move || t::render_plan(&doc).map_err(render_error)).await?;
        let rendered = pdf(file_name, bytes);
        let mut tx = self.begin().await?;
        record_rendering(&mut tx, &actor, "plan".into(), "運用保守計画書", 1, now).await?;
        tx.commit().await?;
        Ok(rendered)
    }

    /// A submission form from the contract data (chief or contractor). The submission date
    /// is left blank to be written by hand when the form is stamped.
    pub async fn render_form(&self, session: &Session, kind: FormKind) -> AppResult<Rendered> {
        let now = self.now();
        let mut read = self.store().begin_read().await?;
        let actor = self.actor(&mut read, session).await?;
        authorize(&actor, Action::RenderDeliverables, Resource::System)?;
        let contract = crate::contract::load(&mut read).await?;
        read.rollback().await?;
        let rendered = off_thread(move || form_pdf(kind, &contract, now)).await?;
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
        let mut register: Option<RegisterDoc> = None;
        let mut files = Vec::with_capacity(jobs.len());
        let mut taken = std::collections::BTreeSet::new();
        for (i, job) in jobs.iter().enumerate() {
            report(i, format!("{}を作成しています", job.label()));
            let rendered = match job {
                Job::Minutes(m) => {
                    let doc = minutes_view(m, &contract, now);
                    let bytes =
                        off_thread(move || t::render_minutes(&doc).map_err(render_error)).await?;
                    pdf(minutes_file_name(m), bytes)
                }
                Job::Register(format) => {
                    if register.is_none() {
                        let rows = register_rows(&mut tx).await?;
                        register = Some(register_view(rows, RegisterPaper::A4, &contract, now));
                    }
                    let Some(doc) = register.clone() else {
                        continue;
                    };
                    let format = *format;
                    off_thread(move || render_register_doc(&doc, format)).await?
                }
                Job::Plan => {
                    let doc = plan_view(&mut tx, &contract, now).await?;
                    let file_name = plan_file_name(&doc);
                    let bytes =
                        off_thread(move || t::render_plan(&doc).map_err(render_error)).await?;
                    pdf(file_name, bytes)
                }
                Job::Form(kind) => {
                    let (kind, contract) = (*kind, contract.clone());
                    off_thread(move || form_pdf(kind, &contract, now)).await?
                }
                Job::Monthly(y, m) => {
                    let figures = crate::reports::monthly_figures(&mut tx, *y, *m, now).await?;
                    let bytes = off_thread(move || {
                        hoshu_docs::reports::monthly_pdf(&figures).map_err(render_error)
                    })
                    .await?;
                    pdf(
                        format!("定期報告_{}分.pdf", wareki::year_month(*y, *m)),
                        bytes,
                    )
                }
                Job::Annual(fy) => {
                    let figures = crate::reports::annual_figures(&mut tx, *fy, now).await?;
                    let bytes = off_thread(move || {
                        hoshu_docs::reports::annual_pdf(&figures).map_err(render_error)
                    })
                    .await?;
                    pdf(
                        format!("年次報告資料_{}.pdf", fiscal_year_label(*fy)),
                        bytes,
                    )
                }
            };
            files.push(DiscFile {
                name: unique_name(rendered.file_name, &mut taken),
                bytes: rendered.bytes,
            });
        }

        report(jobs.len(), "ディスクイメージを作成しています".into());
        // The full MAC: the MANIFEST is read by tools as much as by people.
        let audit_head = match tx.audit_head().await? {
            Some(h) => format!("連番 {} / MAC {}", h.seq, h.mac),
            None => "記録なし".to_owned(),
        };
        let label_date = date_plain(today(now));
        let request = DiscRequest {
            volume_label: format!("成果品_{}", label_date),
            created: local(now),
            media: selection.media.media(),
            files,
            malware_check: MalwareCheck {
                checked_by: selection.malware_check.checked_by.trim().to_owned(),
                checked_at: local(selection.malware_check.checked_at.unwrap_or(now)),
                product: selection.malware_check.product.trim().to_owned(),
                pattern_version: selection.malware_check.pattern_version.trim().to_owned(),
                result: "マルウェアは検出されなかった".into(),
            },
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
            file_name: format!("成果品_{label_date}.iso"),
            bytes: image.iso,
            pages: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_unique_before_the_extension() {
        let mut taken = std::collections::BTreeSet::new();
        let a = unique_name("打合せ議事録_令和8年4月10日.pdf".into(), &mut taken);
        let b = unique_name("打合せ議事録_令和8年4月10日.pdf".into(), &mut taken);
        let c = unique_name("打合せ議事録_令和8年4月10日.pdf".into(), &mut taken);
        assert_eq!(a, "打合せ議事録_令和8年4月10日.pdf");
        assert_eq!(b, "打合せ議事録_令和8年4月10日_2.pdf");
        assert_eq!(c, "打合せ議事録_令和8年4月10日_3.pdf");
    }

    #[test]
    fn form_codes_round_trip() {
        for k in FormKind::ALL {
            assert_eq!(FormKind::from_code(k.code()), Some(k));
        }
        assert_eq!(FormKind::from_code("other"), None);
    }

    #[test]
    fn contract_names_for_headers() {
        let c = ContractRecord::default();
        let v = contract_view(&c);
        assert_eq!(v.system_name, "生活保護レセプト管理システム");
        assert_eq!(v.addressee, "岡山市長");
        assert_eq!(
            header_note(&c),
            "岡山市生活保護レセプト管理システム運用保守業務"
        );
    }
}
