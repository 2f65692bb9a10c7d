//! The periodic reports: 定期報告 (monthly, 003 表2.5-2) and 年次報告資料 (the annual SLA
//! report for a fiscal year). The use cases compute the figures into [`MonthlyReport`] and
//! [`AnnualReport`]; this module only lays them out, as A4 PDF and (monthly) as .xlsx.

mod annual;
mod monthly;
mod monthly_xlsx;

pub use annual::annual_pdf;
pub use monthly::monthly_pdf;
pub use monthly_xlsx::monthly_xlsx;

use crate::engine::{
    Align, Color, Column, Document, Drawing, PageSize, Shape, Stroke, Table, TextStyle,
};
use chrono::NaiveDate;

/// Who sends a report to whom, printed in its title block and page header; taken from the
/// contract data so the documents name the real parties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportParties {
    /// "保健福祉局…生活保護・自立支援課　御中".
    pub addressee: String,
    /// "株式会社… 運用保守業務責任者".
    pub sender: String,
    /// The contract's name, for the page header.
    pub contract_name: String,
}

/// A report's first lines, as both reports open: the date, the addressee, the sender and the
/// title, with the contract in the page header.
fn report_head(title: &str, issued: NaiveDate, parties: &ReportParties) -> Document {
    let created = issued.and_hms_opt(9, 0, 0).unwrap_or_default();
    let mut doc = Document::new(title, PageSize::A4Portrait, created);
    doc.set_header_note(parties.contract_name.clone())
        .set_author(parties.sender.clone());
    doc.right_aligned(crate::templates::date_plain(issued));
    doc.paragraph(parties.addressee.clone());
    doc.right_aligned(parties.sender.clone());
    doc.spacer(4.0);
    doc.title(title);
    doc
}

/// Requests received and answered in the period, for one kind or one office.
#[derive(Debug, Clone, PartialEq)]
pub struct CountRow {
    pub label: String,
    pub received: u64,
    pub answered: u64,
}

/// Incidents of one category in the period: counted in the SLA figures, and excluded.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRow {
    pub label: String,
    pub counted: u64,
    pub excluded: u64,
}

/// The attainment of one SLA item.
#[derive(Debug, Clone, PartialEq)]
pub struct SlaRow {
    /// "一次報告".
    pub item: String,
    /// "30分以内".
    pub target: String,
    pub met: u64,
    pub breached: u64,
    /// Running or not started yet: left out of the rate.
    pub undecided: u64,
    /// Met / decided, 0.0–1.0; `None` when nothing was decided.
    pub rate: Option<f64>,
    /// The measured value: mean and longest time to stop, e.g. "平均 18分／最長 52分".
    pub measured: String,
}

impl SlaRow {
    /// "100.0%", "－" when nothing was decided.
    pub fn rate_text(&self) -> String {
        rate_text(self.rate)
    }
}

/// "87.5%", "－" for none.
pub fn rate_text(rate: Option<f64>) -> String {
    match rate {
        Some(r) => format!("{:.1}%", r * 100.0),
        None => "－".into(),
    }
}

/// One incident of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentLine {
    pub id: i64,
    /// "R8.4.10 02:00".
    pub detected: String,
    pub category: String,
    pub severity: String,
    pub title: String,
    /// "復旧済" / "対応中".
    pub status: String,
    /// Breached items, "一次切り分け、続報"; empty when every item was met.
    pub breaches: String,
}

/// One incident left out of the SLA figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ExcludedLine {
    pub id: i64,
    pub detected: String,
    pub title: String,
    /// "(1) 受託者の提供範囲外（クラウド・回線等）".
    pub reason: String,
    pub note: String,
    /// Who decided and when.
    pub decided: String,
}

/// One unmet SLA item — an incident's clock or a request's answer — with how late it was
/// and what was recorded about it.
#[derive(Debug, Clone, PartialEq)]
pub struct BreachLine {
    /// "障害 #12", "依頼 #34".
    pub subject: String,
    pub title: String,
    pub item: String,
    pub deadline: String,
    /// When it was done, or "未実施".
    pub done: String,
    /// By how much, in the item's own measure: "10分", "2時間（未実施）".
    pub late: String,
    /// The reason as recorded: the note of the late event, the contractor's comment on the
    /// request; "記録なし" when nothing was.
    pub note: String,
}

/// Every unmet item of an SLA table, as the reports list them after it.
pub(crate) fn breach_table(breaches: &[BreachLine]) -> Table {
    let mut t = Table::new(vec![
        Column::fixed("No.", 17.5),
        Column::flex("件名", 1.0),
        Column::fixed("SLA項目", 23.0),
        Column::fixed("期限", 22.0),
        Column::fixed("実施", 22.0),
        Column::fixed("超過", 16.0).align(Align::Right),
        Column::flex("理由・経過", 1.2),
    ])
    .size(8.0);
    for b in breaches {
        t.row([
            b.subject.clone(),
            b.title.clone(),
            b.item.clone(),
            b.deadline.clone(),
            b.done.clone(),
            b.late.clone(),
            b.note.clone(),
        ]);
    }
    t
}

/// "未達成 3件（障害 1件、依頼の回答 2件）": the count a reader checks against the SLA table.
pub(crate) fn breach_summary(breaches: &[BreachLine]) -> String {
    let incidents = breaches
        .iter()
        .filter(|b| b.subject.starts_with("障害"))
        .count();
    format!(
        "　未達成 {}件（障害の対応 {}件、依頼の回答 {}件）。理由・経過は記録されたとおり。",
        breaches.len(),
        incidents,
        breaches.len() - incidents
    )
}

/// A change done in the month: outage, release, data patch, maintenance.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeLine {
    pub kind: String,
    pub title: String,
    pub executed: String,
    pub outcome: String,
}

/// Maintenance work recorded in the month, under its change.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkLine {
    pub kind: String,
    /// The change it was done under: "#12 5月度 月次メンテナンス".
    pub change: String,
    pub executed: String,
    pub note: String,
}

/// The month's daily checks (表1.5-2): done, of which found something, and missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CheckFigures {
    pub done: u64,
    pub anomalies: u64,
    pub missed: u64,
}

/// 定期報告 for one month.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthlyReport {
    pub parties: ReportParties,
    pub year: i32,
    pub month: u32,
    /// The date printed on the report.
    pub issued: NaiveDate,
    pub by_kind: Vec<CountRow>,
    pub by_office: Vec<CountRow>,
    /// Requests answered in the month (the sample of the answer times).
    pub answered: u64,
    /// Median answer time in service minutes; `None` when nothing was answered.
    pub median_minutes: Option<f64>,
    /// 90th percentile (nearest rank) in service minutes.
    pub p90_minutes: Option<f64>,
    pub incidents_by_category: Vec<CategoryRow>,
    pub sla: Vec<SlaRow>,
    /// Every unmet item counted in `sla`.
    pub breaches: Vec<BreachLine>,
    pub incidents: Vec<IncidentLine>,
    pub excluded: Vec<ExcludedLine>,
    pub changes: Vec<ChangeLine>,
    /// Maintenance, patch and release work recorded in the month.
    pub work: Vec<WorkLine>,
    /// 表2.5-2 processing counts and batch times: one line per job net, by name, of the runs
    /// started in the month.
    pub batches: Vec<hoshu_core::operations::JobNetFigures>,
    pub checks: CheckFigures,
    /// Successful logins per month of the fiscal year so far: ("4月", 1234).
    pub logins: Vec<(String, i64)>,
    /// The audit log's head when the report was made ("連番 N / MAC …"): the city keeps it
    /// with the report, so a log rewritten later no longer matches it.
    pub audit_head: String,
}

/// 年次報告資料: the SLA evaluation of one fiscal year.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnualReport {
    pub parties: ReportParties,
    /// The fiscal year, named by its April.
    pub fiscal_year: i32,
    pub issued: NaiveDate,
    pub incidents: u64,
    pub excluded_incidents: u64,
    pub requests: u64,
    pub sla: Vec<SlaRow>,
    /// Every unmet item counted in `sla`.
    pub breaches: Vec<BreachLine>,
    pub excluded: Vec<ExcludedLine>,
    /// Incidents per month, April first: ("4月", 3).
    pub incidents_by_month: Vec<(String, u64)>,
}

/// 90 → "1時間30分", 12.5 → "12.5分"; "－" for none.
pub fn minutes_text(minutes: Option<f64>) -> String {
    let Some(m) = minutes else {
        return "－".into();
    };
    if m < 60.0 {
        if (m - m.round()).abs() < 0.05 {
            format!("{}分", m.round())
        } else {
            format!("{m:.1}分")
        }
    } else {
        let total = m.round() as i64;
        match (total / 60, total % 60) {
            (h, 0) => format!("{h}時間"),
            (h, r) => format!("{h}時間{r}分"),
        }
    }
}

/// A bar chart as a [`Drawing`] `width` mm wide: one bar per value, the value above it, the
/// label below, a light grid and the unit at the top left.
pub fn bar_chart(width: f32, height: f32, unit: &str, bars: &[(String, f64)]) -> Drawing {
    let mut d = Drawing::new(height);
    let left = 14.0;
    let top = 8.0;
    let bottom = height - 12.0;
    let plot_w = width - left - 2.0;
    let plot_h = bottom - top;
    let max = bars.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max);
    let step = nice_step(max);
    let top_value = (step * (max / step).ceil()).max(step);
    let small = TextStyle::new(crate::engine::FontFace::Mincho, 7.0).line_height(1.1);
    d.push(Shape::text(0.0, 0.0, 40.0, format!("（{unit}）"), small));
    let mut v = 0.0;
    while v <= top_value + 1e-9 {
        let y = bottom - (v / top_value) as f32 * plot_h;
        d.push(Shape::Line {
            from: (left, y),
            to: (left + plot_w, y),
            stroke: Stroke::new(0.3, Color::gray(200)),
        });
        d.push(Shape::text(
            0.0,
            y - 1.3,
            left - 1.5,
            number_text(v),
            small.align(Align::Right),
        ));
        v += step;
    }
    d.push(Shape::line((left, top - 2.0), (left, bottom)));
    d.push(Shape::line((left, bottom), (left + plot_w, bottom)));
    let n = bars.len().max(1) as f32;
    let slot = plot_w / n;
    let bar_w = (slot * 0.55).min(14.0);
    for (k, (label, value)) in bars.iter().enumerate() {
        let cx = left + slot * (k as f32 + 0.5);
        let h = (*value / top_value) as f32 * plot_h;
        if h > 0.0 {
            d.push(Shape::Rect {
                x: cx - bar_w / 2.0,
                y: bottom - h,
                w: bar_w,
                h,
                stroke: Some(Stroke::new(0.4, Color::rgb(31, 64, 112))),
                fill: Some(Color::rgb(79, 119, 173)),
            });
        }
        d.push(Shape::text(
            cx - slot / 2.0,
            bottom - h - 3.6,
            slot,
            number_text(*value),
            small.align(Align::Center),
        ));
        d.push(Shape::text(
            cx - slot / 2.0,
            bottom + 1.2,
            slot,
            label.clone(),
            small.align(Align::Center),
        ));
    }
    d
}

/// 1, 2, 5, 10, 20, 50 …: a grid step giving at most five lines.
fn nice_step(max: f64) -> f64 {
    let mut step = 1.0;
    loop {
        for m in [1.0, 2.0, 5.0] {
            if max / (step * m) <= 5.0 {
                return step * m;
            }
        }
        step *= 10.0;
    }
}

fn number_text(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_read_as_people_write_them() {
        assert_eq!(minutes_text(None), "－");
        assert_eq!(minutes_text(Some(12.0)), "12分");
        assert_eq!(minutes_text(Some(12.5)), "12.5分");
        assert_eq!(minutes_text(Some(90.0)), "1時間30分");
        assert_eq!(minutes_text(Some(480.0)), "8時間");
    }

    #[test]
    fn grid_steps_are_round() {
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(nice_step(4.0), 1.0);
        assert_eq!(nice_step(9.0), 2.0);
        assert_eq!(nice_step(23.0), 5.0);
        assert_eq!(nice_step(230.0), 50.0);
    }
}
