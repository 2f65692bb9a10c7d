//! The figures of the monthly report 定期報告 and the annual SLA report 年次報告資料, computed
//! from the records, and their documents.
//!
//! Which records a period counts:
//! - requests: received = filed in the period; answered = last answered in the period; the
//!   answer time is the service time (per the calendar) from filing to that answer;
//! - the median is the middle value (the mean of the two middle values for an even count); the
//!   90th percentile is the nearest rank, the ⌈0.9·n⌉-th smallest value;
//! - incidents: detected in the period, clocks evaluated at the app clock's `now`; excluded
//!   incidents (approved exclusion) are listed apart and left out of every SLA figure;
//! - the request answer clock: requests filed in the period;
//! - the SLA table and the list of unmet items come from one list of clocks (`sla`);
//! - changes: status done with their window in the period;
//! - 表2.5-2 batch figures: runs started in the period, per job net (duration = actual end −
//!   actual start, re-runs counted as runs); maintenance work: ended in the period; daily
//!   checks: for the days of the period, missed up to the app clock's today.

mod sla;

use crate::auth::Session;
use crate::deliverables::off_thread;
use crate::error::{AppError, AppResult};
use crate::incidents::{IncidentView, fiscal_year_range, load_targets};
use crate::operations::read_check_month;
use crate::settings::DeskSettings;
use crate::{Hoshu, audit};
use chrono::{DateTime, NaiveDate, Utc};
use hoshu_core::calendar::{Calendar, month_days, tokyo, tokyo_day_start};
use hoshu_core::change::ChangeStatus;
use hoshu_core::incident::IncidentCategory;
use hoshu_core::operations::{CheckResult, RunFigure, batch_figures};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::request::RequestKind;
use hoshu_core::sla::{SlaTargets, request_answer_clock};
use hoshu_core::wareki;
use hoshu_docs::reports::{
    AnnualReport, CategoryRow, ChangeLine, CheckFigures, CountRow, ExcludedLine, IncidentLine,
    MonthlyReport, ReportParties, WorkLine,
};
use hoshu_store::{ChangeFilter, ReportRequestRow, Tx};
use sla::{Assessed, Subject, sla_section};

/// The document format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Pdf,
    Xlsx,
}

/// The median of `values` (sorted or not); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}

/// The 90th percentile by nearest rank: the ⌈0.9·n⌉-th smallest; `None` when empty.
pub fn percentile_90(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return None;
    }
    let rank = (v.len() * 9).div_ceil(10).max(1);
    Some(v[rank - 1])
}

/// `[first day 00:00, first day of next month 00:00)` in Tokyo time.
pub fn month_range(year: i32, month: u32) -> AppResult<(DateTime<Utc>, DateTime<Utc>)> {
    let (first, next) = asked_month(year, month)?;
    Ok((tokyo_day_start(first), tokyo_day_start(next)))
}

/// The days of the month a person asked for (its first day and the next month's), or an
/// error on 対象月.
pub(crate) fn asked_month(year: i32, month: u32) -> AppResult<(NaiveDate, NaiveDate)> {
    month_days(year, month).ok_or_else(|| {
        AppError::field(
            "month",
            "対象月",
            format!("{year}年{month}月は扱えません。"),
        )
    })
}

fn short_time(t: DateTime<Utc>) -> String {
    let local = tokyo(t);
    format!(
        "{} {}",
        wareki::short(local.date_naive()),
        local.format("%H:%M")
    )
}

/// Every clock a report counts, in one list: the clocks of the incidents not excluded and
/// the answer clock of each request filed in `[from, to)`.
fn assessed_clocks(
    views: &[IncidentView],
    rows: &[ReportRequestRow],
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    targets: &SlaTargets,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Vec<Assessed> {
    let incidents = views.iter().filter(|v| !v.excluded).flat_map(|v| {
        v.clocks.iter().map(|c| Assessed {
            subject: Subject::Incident(v.record.id),
            title: v.record.incident.title.clone(),
            since: v.record.incident.detected_at,
            clock: c.clone(),
            // The note of the event that stopped the clock late: what the desk wrote then.
            reason: c
                .stopped_by
                .and_then(|e| v.record.events.get(e.index))
                .map(|e| e.event.note.clone()),
        })
    });
    let requests = rows
        .iter()
        .filter(|r| r.filed_at >= from && r.filed_at < to)
        .map(|r| Assessed {
            subject: Subject::Request(r.id),
            title: r.title.clone(),
            since: r.filed_at,
            clock: request_answer_clock(r.filed_at, r.answered_at, &[], targets, calendar, now),
            reason: r.last_contractor_comment.clone(),
        });
    incidents.chain(requests).collect()
}

fn excluded_line(v: &IncidentView) -> Option<ExcludedLine> {
    let x = v.record.exclusion.as_ref().filter(|x| x.is_excluded())?;
    Some(ExcludedLine {
        id: v.record.id,
        detected: short_time(v.record.incident.detected_at),
        title: v.record.incident.title.clone(),
        reason: x.reason.short_label().to_string(),
        note: x.note.clone(),
        decided: format!(
            "{} {}",
            x.decided_by_name.clone().unwrap_or_default(),
            x.decided_at.map(short_time).unwrap_or_default()
        ),
    })
}

async fn incident_views(
    tx: &mut Tx<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    targets: &SlaTargets,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> AppResult<Vec<IncidentView>> {
    let mut views: Vec<IncidentView> = tx
        .list_incidents(Some(from), Some(to))
        .await?
        .into_iter()
        .map(|r| IncidentView::of(r, targets, calendar, now))
        .collect();
    views.reverse(); // oldest first, as reports list them
    Ok(views)
}

/// Addressee and sender as the contract data names them.
async fn report_parties(tx: &mut Tx<'_>) -> AppResult<ReportParties> {
    let contract = crate::contract::load(tx).await?;
    let contractor = if contract.contractor_name.trim().is_empty() {
        "受託者".to_owned()
    } else {
        contract.contractor_name.clone()
    };
    let sender = if contract.contractor_responsible.trim().is_empty() {
        contractor
    } else {
        format!(
            "{contractor}　業務責任者 {}",
            contract.contractor_responsible
        )
    };
    Ok(ReportParties {
        addressee: format!("{}　{}　御中", contract.city_name, contract.city_department),
        sender,
        contract_name: contract.contract_name,
    })
}

/// The month's daily checks: done, anomalies, and missed up to `now`.
async fn month_checks(
    tx: &mut Tx<'_>,
    year: i32,
    month: u32,
    now: DateTime<Utc>,
) -> AppResult<CheckFigures> {
    let checks = read_check_month(tx, year, month, tokyo(now).date_naive()).await?;
    Ok(CheckFigures {
        done: checks.records.len() as u64,
        anomalies: checks
            .records
            .iter()
            .filter(|r| r.entry.result == CheckResult::Anomaly)
            .count() as u64,
        missed: checks.missed.len() as u64,
    })
}

/// The monthly report's figures (no policy check: the caller has done it).
pub(crate) async fn monthly_figures(
    tx: &mut Tx<'_>,
    year: i32,
    month: u32,
    now: DateTime<Utc>,
) -> AppResult<MonthlyReport> {
    let (from, to) = month_range(year, month)?;
    let targets = load_targets(tx).await?;
    let calendar = DeskSettings::load(tx).await?.calendar();
    let rows = tx.requests_for_report(from, to).await?;
    let filed = |r: &&ReportRequestRow| r.filed_at >= from && r.filed_at < to;
    let answered = |r: &&ReportRequestRow| r.answered_at.is_some_and(|a| a >= from && a < to);

    let by_kind = RequestKind::ALL
        .iter()
        .map(|k| CountRow {
            label: k.label().to_string(),
            received: rows.iter().filter(filed).filter(|r| r.kind == *k).count() as u64,
            answered: rows
                .iter()
                .filter(answered)
                .filter(|r| r.kind == *k)
                .count() as u64,
        })
        .collect();
    let by_office = tx
        .list_offices()
        .await?
        .into_iter()
        .filter(|o| o.code != "contractor")
        .map(|o| CountRow {
            received: rows
                .iter()
                .filter(filed)
                .filter(|r| r.office == o.code)
                .count() as u64,
            answered: rows
                .iter()
                .filter(answered)
                .filter(|r| r.office == o.code)
                .count() as u64,
            label: o.name,
        })
        .collect();
    let times: Vec<f64> = rows
        .iter()
        .filter(answered)
        .filter_map(|r| {
            let a = r.answered_at?;
            Some(calendar.service_time_between(r.filed_at, a).num_seconds() as f64 / 60.0)
        })
        .collect();

    let views = incident_views(tx, from, to, &targets, &calendar, now).await?;
    let incidents_by_category = IncidentCategory::ALL
        .iter()
        .map(|c| CategoryRow {
            label: c.label().to_string(),
            counted: views
                .iter()
                .filter(|v| v.record.incident.category == *c && !v.excluded)
                .count() as u64,
            excluded: views
                .iter()
                .filter(|v| v.record.incident.category == *c && v.excluded)
                .count() as u64,
        })
        .collect();
    let assessed = assessed_clocks(&views, &rows, (from, to), &targets, &calendar, now);
    let sla = sla_section(&assessed, &targets, &calendar, short_time);
    let incidents = views
        .iter()
        .filter(|v| !v.excluded)
        .map(|v| IncidentLine {
            id: v.record.id,
            detected: short_time(v.record.incident.detected_at),
            category: v.record.incident.category.label().to_string(),
            severity: v.record.incident.severity.label().to_string(),
            title: v.record.incident.title.clone(),
            status: if v.recovered {
                "復旧済"
            } else {
                "対応中"
            }
            .to_string(),
            breaches: v
                .clocks
                .iter()
                .filter(|c| c.state.is_breached())
                .map(|c| c.item.label())
                .collect::<Vec<_>>()
                .join("、"),
        })
        .collect();
    let excluded = views.iter().filter_map(excluded_line).collect();

    let done = tx
        .list_changes(&ChangeFilter {
            statuses: vec![ChangeStatus::Done],
            window_from: Some(from),
            window_to: Some(to),
            limit: 1000,
            offset: 0,
        })
        .await?;
    let mut changes = Vec::new();
    for c in done {
        let Some(record) = tx.get_change(c.id).await? else {
            continue;
        };
        let (executed, outcome) = match &record.result {
            Some(r) => (
                format!(
                    "{}～{}",
                    short_time(r.result.executed_start),
                    tokyo(r.result.executed_end).format("%H:%M")
                ),
                r.result.outcome.label().to_string(),
            ),
            None => (short_time(c.window_start), "－".into()),
        };
        changes.push(ChangeLine {
            kind: c.kind.label().to_string(),
            title: c.title,
            executed,
            outcome,
        });
    }
    changes.sort_by(|a, b| a.executed.cmp(&b.executed));

    let work = tx
        .list_work_records(from, to)
        .await?
        .into_iter()
        .map(|w| WorkLine {
            kind: w.work.kind.label().to_string(),
            change: format!("#{} {}", w.work.change_id, w.change_title),
            executed: format!(
                "{}～{}",
                short_time(w.work.started_at),
                tokyo(w.work.ended_at).format("%H:%M")
            ),
            note: w.work.note,
        })
        .collect();
    let runs = tx.list_batch_runs(from, to).await?;
    let batches = batch_figures(runs.iter().map(|r| RunFigure {
        job_net: &r.job_net_name,
        result: r.run.result,
        processed_count: r.run.processed_count,
        duration: r.run.duration(),
    }));
    let checks = month_checks(tx, year, month, now).await?;

    let fy = if month >= 4 { year } else { year - 1 };
    let (fy_from, _) = fiscal_year_range(fy)?;
    let logins = tx
        .login_counts_by_month(fy_from, to)
        .await?
        .into_iter()
        .map(|(_, m, n)| (format!("{m}月"), n))
        .collect();

    Ok(MonthlyReport {
        parties: report_parties(tx).await?,
        year,
        month,
        issued: tokyo(now).date_naive(),
        by_kind,
        by_office,
        answered: times.len() as u64,
        median_minutes: median(&times),
        p90_minutes: percentile_90(&times),
        incidents_by_category,
        sla: sla.rows,
        breaches: sla.breaches,
        incidents,
        excluded,
        changes,
        work,
        batches,
        checks,
        logins,
        audit_head: match tx.audit_head().await? {
            Some(h) => format!("連番 {} / MAC {}", h.seq, h.mac),
            None => "記録なし".to_owned(),
        },
    })
}

/// The annual report's figures (no policy check: the caller has done it).
pub(crate) async fn annual_figures(
    tx: &mut Tx<'_>,
    fiscal_year: i32,
    now: DateTime<Utc>,
) -> AppResult<AnnualReport> {
    let (from, to) = fiscal_year_range(fiscal_year)?;
    let targets = load_targets(tx).await?;
    let calendar = DeskSettings::load(tx).await?.calendar();
    let views = incident_views(tx, from, to, &targets, &calendar, now).await?;
    let rows = tx.requests_for_report(from, to).await?;
    let assessed = assessed_clocks(&views, &rows, (from, to), &targets, &calendar, now);
    let sla = sla_section(&assessed, &targets, &calendar, short_time);
    let mut incidents_by_month = Vec::new();
    for (y, m) in hoshu_core::calendar::fiscal::fiscal_months(fiscal_year) {
        let (a, b) = month_range(y, m)?;
        let count = views
            .iter()
            .filter(|v| v.record.incident.detected_at >= a && v.record.incident.detected_at < b)
            .count() as u64;
        incidents_by_month.push((format!("{m}月"), count));
    }
    Ok(AnnualReport {
        parties: report_parties(tx).await?,
        fiscal_year,
        issued: tokyo(now).date_naive(),
        incidents: views.len() as u64,
        excluded_incidents: views.iter().filter(|v| v.excluded).count() as u64,
        requests: rows
            .iter()
            .filter(|r| r.filed_at >= from && r.filed_at < to)
            .count() as u64,
        sla: sla.rows,
        breaches: sla.breaches,
        excluded: views.iter().filter_map(excluded_line).collect(),
        incidents_by_month,
    })
}

fn render_error(e: impl std::fmt::Display) -> AppError {
    AppError::new(
        crate::error::ErrorCode::Internal,
        format!("報告書を作成できませんでした: {e}"),
    )
}

impl Hoshu {
    /// The figures of the monthly report for `year`-`month` (chief or contractor).
    pub async fn monthly_report(
        &self,
        session: &Session,
        year: i32,
        month: u32,
    ) -> AppResult<MonthlyReport> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::RenderDeliverables, Resource::System)?;
        monthly_figures(&mut tx, year, month, now).await
    }

    /// The figures of the annual SLA report for the fiscal year starting in April of
    /// `fiscal_year` (chief or contractor).
    pub async fn annual_report(
        &self,
        session: &Session,
        fiscal_year: i32,
    ) -> AppResult<AnnualReport> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::RenderDeliverables, Resource::System)?;
        annual_figures(&mut tx, fiscal_year, now).await
    }

    /// The monthly report as PDF or .xlsx bytes; the rendering is audited.
    pub async fn render_monthly_report(
        &self,
        session: &Session,
        year: i32,
        month: u32,
        format: ReportFormat,
    ) -> AppResult<Vec<u8>> {
        let now = self.now();
        let mut read = self.store().begin_read().await?;
        let actor = self.actor(&mut read, session).await?;
        authorize(&actor, Action::RenderDeliverables, Resource::System)?;
        let report = monthly_figures(&mut read, year, month, now).await?;
        read.rollback().await?;
        let bytes = off_thread(move || match format {
            ReportFormat::Pdf => hoshu_docs::reports::monthly_pdf(&report).map_err(render_error),
            ReportFormat::Xlsx => hoshu_docs::reports::monthly_xlsx(&report).map_err(render_error),
        })
        .await?;
        let mut tx = self.begin().await?;
        audit(
            &mut tx,
            &actor,
            "report.monthly",
            format!("report:monthly:{year}-{month:02}"),
            format!("定期報告（{}分）を作成", wareki::year_month(year, month)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(bytes)
    }

    /// The annual SLA report as PDF bytes; the rendering is audited.
    pub async fn render_annual_report(
        &self,
        session: &Session,
        fiscal_year: i32,
    ) -> AppResult<Vec<u8>> {
        let now = self.now();
        let mut read = self.store().begin_read().await?;
        let actor = self.actor(&mut read, session).await?;
        authorize(&actor, Action::RenderDeliverables, Resource::System)?;
        let report = annual_figures(&mut read, fiscal_year, now).await?;
        read.rollback().await?;
        let bytes =
            off_thread(move || hoshu_docs::reports::annual_pdf(&report).map_err(render_error))
                .await?;
        let mut tx = self.begin().await?;
        audit(
            &mut tx,
            &actor,
            "report.annual",
            format!("report:annual:{fiscal_year}"),
            format!("年次報告資料（{fiscal_year}年度）を作成"),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_nearest_rank_percentile() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile_90(&ten), Some(9.0));
        let eleven: Vec<f64> = (1..=11).map(f64::from).collect();
        assert_eq!(percentile_90(&eleven), Some(10.0));
        assert_eq!(percentile_90(&[7.0]), Some(7.0));
    }
}
