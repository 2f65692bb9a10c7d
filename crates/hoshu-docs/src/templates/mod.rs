//! One template per deliverable. Each takes a plain view model (strings and dates, nothing from
//! the store) and builds a [`Document`](crate::engine::Document); the `render_*` functions
//! return the PDF bytes.
//!
//! | deliverable | view model | PDF |
//! | --- | --- | --- |
//! | 打合せ議事録 | [`MinutesDoc`] | [`render_minutes`] |
//! | 課題管理表 | [`RegisterDoc`] | [`render_register`] (and [`crate::xlsx::register_xlsx`]) |
//! | 運用保守計画書 | [`PlanDoc`] | [`render_plan`] |
//! | 工程表 | [`ScheduleDoc`] | [`render_schedule`] |
//! | 業務日程表 | [`BusinessScheduleDoc`] | [`render_business_schedule`] (and [`crate::xlsx::business_schedule_xlsx`]) |
//! | 委託業務着手届 | [`StartNoticeDoc`] | [`render_start_notice`] |
//! | 業務責任者届 | [`ResponsiblePersonDoc`] | [`render_responsible_person`] |
//! | 委託業務完了通知書 | [`CompletionNoticeDoc`] | [`render_completion_notice`] |
//! | 引継計画書 | [`HandoverPlanDoc`] | [`handover_plan_document`] |
//! | 引継書 | [`HandoverBookDoc`] | [`handover_book_document`] |

mod business_schedule;
mod forms;
mod handover;
mod minutes;
mod plan;
pub(crate) mod register;
mod schedule;

use chrono::{NaiveDate, NaiveTime};
use hoshu_core::wareki;

pub use business_schedule::{
    BusinessScheduleDoc, SCHEDULE_COLUMNS, ScheduleDay, business_schedule_document,
    render_business_schedule,
};
pub use forms::{
    CompletionNoticeDoc, FormMarks, ResponsiblePersonDoc, StartNoticeDoc,
    completion_notice_document, render_completion_notice, render_responsible_person,
    render_start_notice, responsible_person_document, start_notice_document,
};
pub use handover::{
    HandoverBookDoc, HandoverChapter, HandoverMemberRow, HandoverPlanDoc, HandoverPlanState,
    HandoverScheduleRow, handover_book_document, handover_plan_document,
};
pub use minutes::{
    ActionItem, HandoutFile, MinutesDoc, MinutesState, Participant, Side, minutes_document,
    render_minutes,
};
pub use plan::{
    AnnualRow, FlowStep, PlanDoc, PlanRevision, PlanSection, plan_document, render_plan,
    standard_annual_grid,
};
pub use register::{RegisterDoc, RegisterPaper, RegisterRow, register_document, render_register};
pub use schedule::{ScheduleDoc, ScheduleTask, render_schedule, schedule_document};

/// The contract the deliverables belong to, as the contract data in settings holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractInfo {
    /// 契約件名: 岡山市生活保護レセプト管理システム運用保守業務委託.
    pub name: String,
    /// The system, for running headers: 生活保護レセプト管理システム.
    pub system_name: String,
    /// Addressee of submissions without the honorific: 岡山市長.
    pub addressee: String,
    /// The city as a party: 岡山市.
    pub city: String,
    /// The contractor (受託者).
    pub contractor: Contractor,
    /// 契約期間.
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// 契約締結日, if known.
    pub signed_on: Option<NaiveDate>,
}

/// The contractor as it signs submissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contractor {
    /// 住所.
    pub address: String,
    /// 名称 (商号).
    pub name: String,
    /// 代表者 (職・氏名): 代表取締役　山田 一郎.
    pub representative: String,
}

impl ContractInfo {
    /// 契約期間 as written in documents: 令和8年4月1日から令和9年3月31日まで.
    pub fn period_text(&self) -> String {
        format!(
            "{}から{}まで",
            date_plain(self.period_start),
            date_plain(self.period_end)
        )
    }
}

/// 令和8年4月10日 (no weekday), as formal submissions write dates.
pub fn date_plain(date: NaiveDate) -> String {
    let long = wareki::long(date);
    match long.rfind('(') {
        Some(i) => long[..i].to_owned(),
        None => long,
    }
}

/// 14時00分.
pub fn time_ja(t: NaiveTime) -> String {
    use chrono::Timelike;
    format!("{}時{:02}分", t.hour(), t.minute())
}

pub use hoshu_core::calendar::fiscal::{fiscal_months, fiscal_year_label, fiscal_year_of};

/// A blank date line for forms filled in by hand: 令和　　年　　月　　日.
pub(crate) const BLANK_DATE: &str = "令和　　年　　月　　日";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_dates_and_fiscal_years() {
        let d = NaiveDate::from_ymd_opt(2026, 4, 10).unwrap();
        assert_eq!(date_plain(d), "令和8年4月10日");
        assert_eq!(fiscal_year_of(d), 2026);
        assert_eq!(
            fiscal_year_of(NaiveDate::from_ymd_opt(2027, 3, 31).unwrap()),
            2026
        );
        assert_eq!(fiscal_year_label(2026), "令和8年度");
        let months = fiscal_months(2026);
        assert_eq!(months[0], (2026, 4));
        assert_eq!(months[8], (2026, 12));
        assert_eq!(months[11], (2027, 3));
        assert_eq!(
            time_ja(NaiveTime::from_hms_opt(9, 5, 0).unwrap()),
            "9時05分"
        );
    }
}
