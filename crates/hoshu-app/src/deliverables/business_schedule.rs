//! 業務日程表 as A3 PDF or .xlsx: a version's entries laid out by day and column.

use super::views::header_note;
use super::{RegisterFormat, Rendered, local, off_thread, record_rendering, render_error};
use crate::Hoshu;
use crate::auth::Session;
use crate::business_schedules::{due_date, load};
use crate::error::AppResult;
use crate::settings::DeskSettings;
use chrono::{DateTime, Utc};
use hoshu_core::business_schedule::{EntryCategory, ScheduleMonth, ScheduleStatus};
use hoshu_core::calendar::{Calendar, tokyo};
use hoshu_core::contract::ContractInfo as ContractRecord;
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::wareki;
use hoshu_docs::templates::{self as t, BusinessScheduleDoc, ScheduleDay};
use hoshu_store::BusinessSchedule;

/// The column of the sheet an entry's row is printed in.
fn column(c: EntryCategory) -> usize {
    match c {
        EntryCategory::ServiceHours => 0,
        EntryCategory::Maintenance | EntryCategory::Outage => 1,
        EntryCategory::Release => 2,
        EntryCategory::Batch => 3,
        EntryCategory::Meeting => 4,
        EntryCategory::Report => 5,
        EntryCategory::Routine => 6,
    }
}

fn schedule_view(
    s: &BusinessSchedule,
    month: ScheduleMonth,
    calendar: &Calendar,
    due: Option<chrono::NaiveDate>,
    contract: &ContractRecord,
    now: DateTime<Utc>,
) -> BusinessScheduleDoc {
    let h = &s.header;
    let days = month
        .days()
        .map(|date| {
            let mut cells: [Vec<String>; 7] = Default::default();
            for e in s.entries.iter().filter(|e| e.day == date) {
                let mut text = e.title.clone();
                let times = e.times_text();
                if !times.is_empty() {
                    text = format!("{text} {times}");
                }
                if !e.note.trim().is_empty() {
                    text = format!("{text}（{}）", e.note.trim());
                }
                cells[column(e.category)].push(text);
            }
            ScheduleDay {
                date,
                open: calendar.is_open_day(date),
                cells: cells.map(|lines| lines.join("\n")),
            }
        })
        .collect();
    let approved = h.status == ScheduleStatus::Approved;
    BusinessScheduleDoc {
        header_note: header_note(contract),
        year: h.year,
        month: h.month,
        edition: h.edition,
        status: h.status.label().into(),
        approved,
        submission_due: due,
        approval: match (approved, h.decided_at, &h.decided_by_name) {
            (true, Some(at), Some(by)) => Some(format!(
                "承認 {} {by}",
                wareki::long(tokyo(at).date_naive())
            )),
            _ => None,
        },
        author: contract.contractor_name.clone(),
        days,
        created_at: local(now),
    }
}

fn file_name(doc: &BusinessScheduleDoc, ext: &str) -> String {
    format!(
        "業務日程表_{}分_第{}版{}.{ext}",
        wareki::year_month(doc.year, doc.month),
        doc.edition,
        if doc.approved { "" } else { "（案）" }
    )
}

impl Hoshu {
    /// 業務日程表 as A3 landscape PDF or .xlsx (section or contractor), 「案」 until approved.
    pub async fn render_business_schedule(
        &self,
        session: &Session,
        id: i64,
        format: RegisterFormat,
    ) -> AppResult<Rendered> {
        let now = self.now();
        let mut read = self.store().begin_read().await?;
        let actor = self.actor(&mut read, session).await?;
        authorize(&actor, Action::ViewBusinessSchedule, Resource::System)?;
        let schedule = load(&mut read, id).await?;
        let month = ScheduleMonth::new(schedule.header.year, schedule.header.month)?;
        let calendar = DeskSettings::load(&mut read).await?.calendar();
        let due = due_date(&mut read, month, &calendar).await?.ok();
        let contract = crate::contract::load(&mut read).await?;
        read.rollback().await?;
        let doc = schedule_view(&schedule, month, &calendar, due, &contract, now);
        let rendered = off_thread(move || {
            Ok(match format {
                RegisterFormat::Pdf => {
                    let out = t::business_schedule_document(&doc)
                        .render_pdf()
                        .map_err(render_error)?;
                    Rendered {
                        file_name: file_name(&doc, "pdf"),
                        bytes: out.bytes,
                        pages: Some(out.pages),
                    }
                }
                RegisterFormat::Xlsx => Rendered {
                    file_name: file_name(&doc, "xlsx"),
                    bytes: hoshu_docs::xlsx::business_schedule_xlsx(&doc).map_err(render_error)?,
                    pages: None,
                },
            })
        })
        .await?;
        let mut tx = self.begin().await?;
        let kind = match format {
            RegisterFormat::Pdf => "業務日程表PDF",
            RegisterFormat::Xlsx => "業務日程表Excel",
        };
        record_rendering(
            &mut tx,
            &actor,
            format!("business_schedule:{id}"),
            kind,
            1,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(rendered)
    }
}
