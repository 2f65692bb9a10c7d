//! Incidents and their SLA clocks: record an incident and its timeline (contractor), propose
//! an exclusion (contractor) and decide it (chief), list and show incidents with every clock
//! computed at the app clock's `now`, the chief's SLA summary, and the SLA targets (settings).

use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode, Versioned, check_version};
use crate::settings::DeskSettings;
use crate::{Hoshu, as_strs, audit, office_codes};
use chrono::{DateTime, Utc};
use hoshu_core::calendar::Calendar;
use hoshu_core::calendar::fiscal::{self, fiscal_year_at};
use hoshu_core::incident::{
    Exclusion, ExclusionReason, NewIncident, TEXT_MAX_CHARS, TimelineEvent,
};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::sla::{
    ClockState, ItemAttainment, SlaClockView, SlaItem, SlaTargets, attainment_by_item,
    incident_clocks,
};
use hoshu_core::{Actor, ValidationErrors};
use hoshu_store::{IncidentRecord, MailRecord, Tx};
use serde::{Deserialize, Serialize};

/// The settings key of the SLA targets.
const SLA_KEY: &str = "sla";

impl Versioned for IncidentRecord {
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        format!("障害 #{}", self.id)
    }
}

/// The SLA targets as configured; the contract's values when never set.
pub(crate) async fn load_targets(tx: &mut Tx<'_>) -> AppResult<SlaTargets> {
    match tx.get_setting(SLA_KEY).await? {
        None => Ok(SlaTargets::default()),
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("保存されているSLA目標値を読み取れません: {e}"),
            )
        }),
    }
}

/// An incident with its clocks at `now`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncidentView {
    pub record: IncidentRecord,
    /// An approved exclusion leaves it out of the SLA figures (its clocks still show).
    pub excluded: bool,
    /// One clock per SLA item, in the order of `SlaItem::INCIDENT`.
    pub clocks: Vec<SlaClockView>,
    /// Clocks still running (or paused).
    pub running: usize,
    pub breached: usize,
    /// The nearest deadline of a running clock: what the countdown shows.
    pub next_deadline: Option<DateTime<Utc>>,
    /// Recovered (復旧) by `now`.
    pub recovered: bool,
}

impl IncidentView {
    pub(crate) fn of(
        record: IncidentRecord,
        targets: &SlaTargets,
        calendar: &Calendar,
        now: DateTime<Utc>,
    ) -> Self {
        let clocks = incident_clocks(
            record.incident.detected_at,
            record.incident.category,
            &record.timeline(),
            record.manual_revision_required,
            targets,
            calendar,
            now,
        );
        let running = clocks
            .iter()
            .filter(|c| {
                matches!(
                    c.state,
                    ClockState::Running { .. } | ClockState::Paused { .. }
                )
            })
            .count();
        let breached = clocks.iter().filter(|c| c.state.is_breached()).count();
        let next_deadline = clocks
            .iter()
            .filter_map(|c| match c.state {
                ClockState::Running { deadline, .. } | ClockState::Paused { deadline, .. } => {
                    Some(deadline)
                }
                _ => None,
            })
            .min();
        let recovered = record.events.iter().any(|e| {
            e.event.kind == hoshu_core::incident::TimelineEventKind::Recovery && e.event.at <= now
        });
        Self {
            excluded: record.is_excluded(),
            record,
            clocks,
            running,
            breached,
            next_deadline,
            recovered,
        }
    }
}

/// An incident as its page shows it to this actor.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncidentDetail {
    #[serde(flatten)]
    pub view: IncidentView,
    /// The instant the clocks were computed at; the page counts down from it.
    pub now: DateTime<Utc>,
    /// The actor may add timeline entries and propose an exclusion.
    pub can_record: bool,
    /// The actor may decide the exclusion.
    pub can_decide_exclusion: bool,
    /// The reports sent (or waiting to go) by mail, oldest first.
    pub mails: Vec<MailRecord>,
}

/// Which incidents to list: detected in `[from, to)`; `open_only` keeps those with a clock
/// still running.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct IncidentListQuery {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub open_only: bool,
}

/// The chief's decision on an exclusion. The reason and grounds are as decided (taken over
/// from the proposal or written anew); refusing needs a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExclusionDecision {
    pub approve: bool,
    pub reason: ExclusionReason,
    pub note: String,
    #[serde(default)]
    pub comment: String,
}

/// One breached clock, for the chief's summary and the reports.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BreachLine {
    pub incident_id: i64,
    pub title: String,
    pub item: SlaItem,
    pub deadline: Option<DateTime<Utc>>,
}

/// SLA status at a glance for the chief: open incidents, running and breached clocks, pending
/// exclusions and the attainment of the current fiscal year so far (exclusions left out).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SlaStatus {
    pub now: DateTime<Utc>,
    /// April of the current fiscal year.
    pub fiscal_year: i32,
    pub open_incidents: usize,
    pub running_clocks: usize,
    /// Incidents (not excluded) with at least one breached clock this fiscal year.
    pub breached_incidents: usize,
    /// Exclusions proposed and not yet decided.
    pub pending_exclusions: usize,
    pub attainment: Vec<ItemAttainment>,
    /// Running clocks, nearest deadline first.
    pub upcoming: Vec<BreachLine>,
    /// Breached clocks of this fiscal year, newest incident first (exclusions left out).
    pub breaches: Vec<BreachLine>,
}

/// `[April 1 00:00, next April 1 00:00)` of fiscal year `fy`, Tokyo time; a year the desk
/// cannot handle is a field error.
pub fn fiscal_year_range(fy: i32) -> AppResult<(DateTime<Utc>, DateTime<Utc>)> {
    fiscal::fiscal_year_span(fy)
        .ok_or_else(|| AppError::field("fiscal_year", "年度", format!("{fy}年度は扱えません。")))
}

async fn load_incident(tx: &mut Tx<'_>, id: i64) -> AppResult<IncidentRecord> {
    tx.get_incident(id)
        .await?
        .ok_or_else(|| AppError::not_found(&format!("障害 #{id}")))
}

/// Records an incident for `actor` (policy, validation, write, audit) in the caller's
/// transaction.
pub(crate) async fn record(
    tx: &mut Tx<'_>,
    actor: &Actor,
    incident: NewIncident,
    manual_revision_required: bool,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::RecordIncident, Resource::System)?;
    let offices = office_codes(tx).await?;
    incident.validate(&as_strs(&offices), now)?;
    for request in &incident.linked_requests {
        if tx.get_request(*request).await?.is_none() {
            return Err(AppError::field(
                "linked_requests",
                "関連依頼",
                format!("関連依頼 #{request} は登録されていません。"),
            ));
        }
    }
    let id = tx
        .insert_incident(&incident, manual_revision_required, actor.account_id, now)
        .await?;
    audit(
        tx,
        actor,
        "incident.record",
        format!("incident:{id}"),
        format!(
            "障害を記録（{}・{}）: {}",
            incident.category, incident.severity, incident.title
        ),
        now,
    )
    .await?;
    Ok(id)
}

/// Adds a timeline entry for `actor` in the caller's transaction; returns the new version.
pub(crate) async fn add_event(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    expected_version: i64,
    event: TimelineEvent,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::RecordIncident, Resource::System)?;
    let record = load_incident(tx, id).await?;
    check_version(&record, expected_version)?;
    event.validate(record.incident.detected_at, now)?;
    let version = tx
        .add_incident_event(id, expected_version, &event, actor.account_id, now)
        .await?;
    audit(
        tx,
        actor,
        "incident.event",
        format!("incident:{id}"),
        format!(
            "障害 #{id} の経過を記録: {}（{}）",
            event.kind,
            hoshu_core::wareki::datetime_long(event.at)
        ),
        now,
    )
    .await?;
    Ok(version)
}

/// Proposes an exclusion for `actor` in the caller's transaction; returns the new version.
pub(crate) async fn propose_exclusion(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    expected_version: i64,
    reason: ExclusionReason,
    note: &str,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::RecordIncident, Resource::System)?;
    let record = load_incident(tx, id).await?;
    check_version(&record, expected_version)?;
    if record.is_excluded() {
        return Err(AppError::new(
            ErrorCode::InvalidTransition,
            format!("障害 #{id} は既にSLAの対象外と判断されています。"),
        ));
    }
    let mut e = ValidationErrors::new();
    e.text("note", "除外の根拠", note, TEXT_MAX_CHARS)
        .printable("note", "除外の根拠", note);
    e.into_result()?;
    let version = tx
        .propose_incident_exclusion(id, expected_version, reason, note, actor.account_id, now)
        .await?;
    audit(
        tx,
        actor,
        "incident.exclusion_propose",
        format!("incident:{id}"),
        format!("障害 #{id} の免責を申請: {}", reason.short_label()),
        now,
    )
    .await?;
    Ok(version)
}

/// Decides an exclusion for `actor` (the chief) in the caller's transaction.
pub(crate) async fn decide_exclusion(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    expected_version: i64,
    decision: ExclusionDecision,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::DecideExclusion, Resource::System)?;
    let record = load_incident(tx, id).await?;
    check_version(&record, expected_version)?;
    Exclusion {
        reason: decision.reason,
        note: decision.note.clone(),
        decided_by: actor.display_name.clone(),
        decided_at: now,
    }
    .validate(record.incident.detected_at, now)?;
    let mut e = ValidationErrors::new();
    if decision.approve {
        e.max_chars("comment", "コメント", &decision.comment, TEXT_MAX_CHARS);
    } else {
        e.text("comment", "認めない理由", &decision.comment, TEXT_MAX_CHARS);
    }
    e.printable("comment", "コメント", &decision.comment);
    e.into_result()?;
    let version = tx
        .decide_incident_exclusion(
            id,
            expected_version,
            decision.approve,
            decision.reason,
            &decision.note,
            &decision.comment,
            actor.account_id,
            now,
        )
        .await?;
    let verdict = if decision.approve {
        "対象外と判断"
    } else {
        "免責を認めず"
    };
    audit(
        tx,
        actor,
        "incident.exclusion_decide",
        format!("incident:{id}"),
        format!(
            "障害 #{id} のSLA免責: {verdict}（{}）",
            decision.reason.short_label()
        ),
        now,
    )
    .await?;
    Ok(version)
}

impl Hoshu {
    /// Records an incident (contractor); returns its id.
    pub async fn record_incident(
        &self,
        session: &Session,
        incident: NewIncident,
        manual_revision_required: bool,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let id = record(&mut tx, &actor, incident, manual_revision_required, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a timeline entry (first report, isolation, recovery, ...; contractor); returns the
    /// incident's new version.
    pub async fn add_incident_event(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        event: TimelineEvent,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let version = add_event(&mut tx, &actor, id, expected_version, event, now).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Proposes to leave the incident out of the SLA figures (contractor); the chief decides.
    pub async fn propose_exclusion(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        reason: ExclusionReason,
        note: &str,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let version =
            propose_exclusion(&mut tx, &actor, id, expected_version, reason, note, now).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Decides an exclusion (chief): approved, the incident is kept but left out of the SLA
    /// figures.
    pub async fn decide_exclusion(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        decision: ExclusionDecision,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let version =
            decide_exclusion(&mut tx, &actor, id, expected_version, decision, now).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Incidents with their clocks at the app clock's `now`, newest first.
    pub async fn list_incidents(
        &self,
        session: &Session,
        query: IncidentListQuery,
    ) -> AppResult<Vec<IncidentView>> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewIncidents, Resource::System)?;
        let targets = load_targets(&mut tx).await?;
        let calendar = DeskSettings::load(&mut tx).await?.calendar();
        let records = tx.list_incidents(query.from, query.to).await?;
        Ok(records
            .into_iter()
            .map(|r| IncidentView::of(r, &targets, &calendar, now))
            .filter(|v| !query.open_only || v.running > 0)
            .collect())
    }

    /// One incident with its clocks (deadlines and states) for the live countdowns.
    pub async fn incident_detail(&self, session: &Session, id: i64) -> AppResult<IncidentDetail> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewIncidents, Resource::System)?;
        let record = load_incident(&mut tx, id).await?;
        let targets = load_targets(&mut tx).await?;
        let calendar = DeskSettings::load(&mut tx).await?.calendar();
        let mails = tx.mails_of_incident(id).await?;
        Ok(IncidentDetail {
            mails,
            view: IncidentView::of(record, &targets, &calendar, now),
            now,
            can_record: authorize(&actor, Action::RecordIncident, Resource::System).is_ok(),
            can_decide_exclusion: authorize(&actor, Action::DecideExclusion, Resource::System)
                .is_ok(),
        })
    }

    /// The chief's SLA summary: what runs, what is breached, what waits for a decision.
    pub async fn sla_status(&self, session: &Session) -> AppResult<SlaStatus> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewIncidents, Resource::System)?;
        let targets = load_targets(&mut tx).await?;
        let calendar = DeskSettings::load(&mut tx).await?.calendar();
        let fiscal_year = fiscal_year_at(now);
        let (from, _) = fiscal_year_range(fiscal_year)?;
        let views: Vec<IncidentView> = tx
            .list_incidents(None, None)
            .await?
            .into_iter()
            .map(|r| IncidentView::of(r, &targets, &calendar, now))
            .collect();
        let this_year: Vec<&IncidentView> = views
            .iter()
            .filter(|v| v.record.incident.detected_at >= from && !v.excluded)
            .collect();
        let mut upcoming: Vec<BreachLine> = views
            .iter()
            .flat_map(|v| {
                v.clocks.iter().filter_map(|c| match c.state {
                    ClockState::Running { deadline, .. } | ClockState::Paused { deadline, .. } => {
                        Some(BreachLine {
                            incident_id: v.record.id,
                            title: v.record.incident.title.clone(),
                            item: c.item,
                            deadline: Some(deadline),
                        })
                    }
                    _ => None,
                })
            })
            .collect();
        upcoming.sort_by_key(|b| b.deadline);
        Ok(SlaStatus {
            now,
            fiscal_year,
            open_incidents: views.iter().filter(|v| v.running > 0).count(),
            running_clocks: views.iter().map(|v| v.running).sum(),
            breached_incidents: this_year.iter().filter(|v| v.breached > 0).count(),
            pending_exclusions: views
                .iter()
                .filter(|v| {
                    v.record
                        .exclusion
                        .as_ref()
                        .is_some_and(|x| x.approved.is_none())
                })
                .count(),
            attainment: attainment_by_item(this_year.iter().flat_map(|v| v.clocks.iter())),
            upcoming,
            breaches: this_year
                .iter()
                .flat_map(|v| {
                    v.clocks
                        .iter()
                        .filter(|c| c.state.is_breached())
                        .map(|c| BreachLine {
                            incident_id: v.record.id,
                            title: v.record.incident.title.clone(),
                            item: c.item,
                            deadline: c.deadline,
                        })
                })
                .collect(),
        })
    }

    /// The SLA targets; anyone logged in may read them (screens show the deadlines).
    pub async fn sla_targets(&self, session: &Session) -> AppResult<SlaTargets> {
        let mut tx = self.begin_read().await?;
        self.actor(&mut tx, session).await?;
        load_targets(&mut tx).await
    }

    /// Replaces the SLA targets (administrator).
    pub async fn update_sla_targets(
        &self,
        session: &Session,
        targets: SlaTargets,
    ) -> AppResult<()> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ManageSettings, Resource::System)?;
        targets.validate()?;
        let json = serde_json::to_string(&targets)
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        tx.put_setting(SLA_KEY, &json, now).await?;
        audit(
            &mut tx,
            &actor,
            "settings.sla",
            "settings:sla".into(),
            format!(
                "SLA目標値を変更（一次報告{}分、続報{}分、一次切り分け{}分／ジョブ異常{}分、対処先連絡{}分、障害報告{}開庁日、マニュアル改版{}開庁日、問合せ回答{}分）",
                targets.first_report_minutes,
                targets.follow_up_report_minutes,
                targets.first_isolation_minutes,
                targets.job_failure_isolation_minutes,
                targets.contact_fixer_minutes,
                targets.incident_report_open_days,
                targets.manual_revision_open_days,
                targets.request_answer_service_minutes
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
