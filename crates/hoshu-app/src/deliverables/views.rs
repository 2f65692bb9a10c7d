//! The records mapped onto the templates' view models: plain strings and dates in 和暦, the
//! document's creation time the app clock's "now".

use super::{FormKind, local, today};
use crate::error::{AppError, AppResult};
use crate::incidents::load_targets;
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use hoshu_core::calendar::fiscal::fiscal_year_at;
use hoshu_core::calendar::tokyo;
use hoshu_core::contract::ContractInfo as ContractRecord;
use hoshu_core::form_fill::FormFill;
use hoshu_core::glossary;
use hoshu_core::incident::IncidentCategory;
use hoshu_core::meeting::MinutesStatus;
use hoshu_core::plan::PlanSection as PlanSectionKind;
use hoshu_core::sla::{SlaItem, SlaTargets};
use hoshu_core::wareki;
use hoshu_docs::Document;
use hoshu_docs::templates::{
    self as t, CompletionNoticeDoc, ContractInfo, Contractor, FlowStep, FormMarks, MinutesDoc,
    MinutesState, Participant, PlanDoc, PlanRevision, RegisterDoc, RegisterPaper, RegisterRow,
    ResponsiblePersonDoc, ScheduleDoc, ScheduleTask, StartNoticeDoc, standard_annual_grid,
};
use hoshu_store::{MeetingRecord, RegisterFilter, Tx};

/// The contract data as the templates want it. What has not been entered yet (the
/// contractor's address and representative, the signing date) prints blank, to be written by
/// hand on the forms.
pub(super) fn contract_view(c: &ContractRecord) -> ContractInfo {
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
pub(super) fn header_note(c: &ContractRecord) -> String {
    c.contract_name.trim_end_matches("委託").to_owned()
}

pub(super) fn minutes_view(
    m: &MeetingRecord,
    contract: &ContractRecord,
    now: DateTime<Utc>,
) -> MinutesDoc {
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
        handout_files: m
            .attachments
            .iter()
            .map(|a| t::HandoutFile {
                name: a.file_name.clone(),
                size: u64::try_from(a.size).unwrap_or_default(),
            })
            .collect(),
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

pub(super) async fn load_meeting(tx: &mut Tx<'_>, id: i64) -> AppResult<MeetingRecord> {
    tx.get_meeting(id)
        .await?
        .ok_or_else(|| AppError::not_found(&format!("会議 #{id}")))
}

/// Every register item, by number.
pub(super) async fn register_rows(tx: &mut Tx<'_>) -> AppResult<Vec<RegisterRow>> {
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

pub(super) fn register_view(
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

/// The plan of the fiscal year of `now`: its sections' current text, the revision history of
/// every saved version, and the incident flow from the SLA settings and the clocks' starts.
pub(super) async fn plan_view(
    tx: &mut Tx<'_>,
    contract: &ContractRecord,
    now: DateTime<Utc>,
) -> AppResult<PlanDoc> {
    let current = tx.current_plan_sections().await?;
    let targets = load_targets(tx).await?;
    let fy = fiscal_year_at(now);
    let mut saved = Vec::new();
    for section in PlanSectionKind::ALL {
        let mut history = tx.plan_section_history(*section).await?;
        history.reverse();
        let mut previous: Option<String> = None;
        for v in history {
            let change = hoshu_core::plan::change_summary(previous.as_deref(), &v.content);
            saved.push((v.edited_at, section.label(), change, v.edited_by_name));
            previous = Some(v.content);
        }
    }
    saved.sort_by_key(|(at, ..)| *at);
    let revisions: Vec<PlanRevision> = saved
        .into_iter()
        .enumerate()
        .map(|(k, (at, section, change, by))| PlanRevision {
            edition: edition(k + 1),
            date: today(at),
            section: section.to_owned(),
            change,
            by,
        })
        .collect();
    let issued_on = revisions.last().map_or_else(|| today(now), |r| r.date);
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
        version: edition(revisions.len().max(1)),
        issued_on,
        fiscal_year: fy,
        sections,
        flow: flow_steps(&targets),
        revisions,
        annual_grid: standard_annual_grid(fy, &[9, 3], &[10]),
        created_at: local(now),
    })
}

/// 第3版: the n-th saved version of the plan, counting every section.
fn edition(n: usize) -> String {
    format!("第{n}版")
}

/// The incident flow as the app measures it: every clock's target from the settings, counted
/// from the event its clock starts at.
fn flow_steps(targets: &SlaTargets) -> Vec<FlowStep> {
    let step = |name: &str, target: String, note: &str| FlowStep {
        name: name.to_owned(),
        target,
        note: note.to_owned(),
    };
    let clock = |item: SlaItem| {
        format!(
            "{}から{}",
            item.starts_at(),
            targets.allowance(item, None).describe()
        )
    };
    let job_failure = targets
        .allowance(SlaItem::FirstIsolation, Some(IncidentCategory::JobFailure))
        .describe();
    vec![
        step(
            "検知",
            String::new(),
            "監視・利用者からの連絡により障害を検知する。SLAの時計はここから動く",
        ),
        step(
            SlaItem::FirstReport.label(),
            clock(SlaItem::FirstReport),
            "本市担当者へ電話で第一報（発生日時・現象・影響範囲）",
        ),
        step(
            SlaItem::FirstIsolation.label(),
            format!(
                "{}（ジョブ異常は{job_failure}）",
                clock(SlaItem::FirstIsolation)
            ),
            "原因箇所（アプリ・基盤・ネットワーク・外部連携）を切り分ける",
        ),
        step(
            SlaItem::ContactFixer.label(),
            clock(SlaItem::ContactFixer),
            "関係事業者・ガバメントクラウド運用者へ連絡する",
        ),
        step(
            SlaItem::FollowUpReport.label(),
            clock(SlaItem::FollowUpReport),
            "調査の状況を報告する。以後、状況が変わるたびに報告する",
        ),
        step(
            "対応・復旧",
            String::new(),
            "復旧作業・回避策を実施し、本市の承認を得て切り替える",
        ),
        step(
            glossary::INTERIM_REPORT,
            "対応完了時".to_owned(),
            "対応完了時点で判明している原因と一連の対応を報告する",
        ),
        step(
            SlaItem::IncidentReport.label(),
            clock(SlaItem::IncidentReport),
            "障害報告書（原因・対応・影響・再発防止策）を提出する",
        ),
        step(
            SlaItem::ManualRevision.label(),
            clock(SlaItem::ManualRevision),
            "再発防止策を定め、運用マニュアルを改版する",
        ),
    ]
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

/// The first and last day of the fiscal year `fy` within the contract period.
fn fy_bounds(fy: i32, c: &ContractRecord) -> (NaiveDate, NaiveDate) {
    let (start, end) =
        hoshu_core::calendar::fiscal::fiscal_year_dates(fy).unwrap_or((c.period_from, c.period_to));
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

/// A submission form from the contract data with what the person filled in; a number or
/// date not given is left blank to be written by hand.
pub(super) fn form_document(
    kind: FormKind,
    fill: &FormFill,
    c: &ContractRecord,
    now: DateTime<Utc>,
) -> Document {
    let contract = contract_view(c);
    let marks = FormMarks {
        form_number: fill.form_number.clone(),
        document_number: fill.document_number.clone(),
    };
    let submitted_on = fill.submitted_on;
    let created_at = local(now);
    let fy = fiscal_year_at(now);
    match kind {
        FormKind::Schedule => t::schedule_document(&ScheduleDoc {
            contract,
            fiscal_year: fy,
            submitted_on,
            tasks: schedule_tasks(fy, c),
            created_at,
        }),
        FormKind::StartNotice => t::start_notice_document(&StartNoticeDoc {
            contract,
            marks: marks.clone(),
            submitted_on,
            started_on: c.period_from,
            responsible: if c.contractor_name.trim().is_empty() {
                c.contractor_responsible.clone()
            } else {
                format!("{}（{}）", c.contractor_responsible, c.contractor_name)
            },
            created_at,
        }),
        FormKind::ResponsiblePerson => t::responsible_person_document(&ResponsiblePersonDoc {
            contract,
            marks: marks.clone(),
            submitted_on,
            organisation: c.contractor_name.clone(),
            title: "業務責任者".into(),
            name: c.contractor_responsible.clone(),
            phone: String::new(),
            qualifications: Vec::new(),
            deputy: (!c.contractor_deputy.trim().is_empty())
                .then(|| format!("{}（作業責任者）", c.contractor_deputy)),
            created_at,
        }),
        FormKind::CompletionNotice => t::completion_notice_document(&CompletionNoticeDoc {
            contract,
            marks: marks.clone(),
            submitted_on,
            completed_on: c.period_to,
            deliverables: DELIVERED.iter().map(|s| (*s).to_owned()).collect(),
            created_at,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
