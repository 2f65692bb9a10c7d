//! The contractor's queue: the requests still waiting for an answer, each with its answer
//! clock (service time, with the configured calendar and SLA targets), soonest deadline first.

use crate::Hoshu;
use crate::auth::Session;
use crate::error::AppResult;
use crate::incidents::load_targets;
use crate::settings::DeskSettings;
use chrono::{DateTime, Utc};
use hoshu_core::calendar::Calendar;
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::request::RequestStatus;
use hoshu_core::sla::{SlaClockView, SlaTargets, request_answer_clock};
use hoshu_store::{RequestFilter, RequestSummary};
use serde::Serialize;

/// Most requests the queue shows.
pub const QUEUE_MAX: i64 = 500;

/// A request and its answer clock: a line of the queue and of the request list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClockedRequest {
    pub request: RequestSummary,
    pub answer_clock: SlaClockView,
}

/// A page of the request list, each request with its answer clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestListPage {
    pub items: Vec<ClockedRequest>,
    pub total: i64,
}

/// Each request of `requests` with its answer clock as of `now`.
pub(crate) fn with_clocks(
    requests: Vec<RequestSummary>,
    targets: &SlaTargets,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Vec<ClockedRequest> {
    requests
        .into_iter()
        .map(|request| ClockedRequest {
            answer_clock: answer_clock(
                request.filed_at,
                request.answered_at,
                targets,
                calendar,
                now,
            ),
            request,
        })
        .collect()
}

/// A request's answer clock as of `now`: service time from filing to the first answer.
/// The desk records no pauses on a request, so none is passed.
pub(crate) fn answer_clock(
    filed_at: DateTime<Utc>,
    answered_at: Option<DateTime<Utc>>,
    targets: &SlaTargets,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> SlaClockView {
    request_answer_clock(filed_at, answered_at, &[], targets, calendar, now)
}

impl Hoshu {
    /// Requests received or in progress, each with its answer clock as of now: those still
    /// waiting for their first answer by deadline, then reopened ones (chief or contractor).
    pub async fn answer_queue(&self, session: &Session) -> AppResult<Vec<ClockedRequest>> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ListAllOffices, Resource::System)?;
        let targets = load_targets(&mut tx).await?;
        let calendar = DeskSettings::load(&mut tx).await?.calendar();
        let page = tx
            .list_requests(&RequestFilter {
                statuses: vec![RequestStatus::Received, RequestStatus::InProgress],
                open_only: true,
                limit: QUEUE_MAX,
                ..RequestFilter::default()
            })
            .await?;
        let mut queue = with_clocks(page.items, &targets, &calendar, now);
        // Clocks still running (or over) first, soonest deadline first; then requests
        // answered once and reopened, whose clock has stopped.
        queue.sort_by_key(|q| {
            (
                q.answer_clock.stopped_at.is_some(),
                q.answer_clock.deadline.is_none(),
                q.answer_clock.deadline,
                q.request.id,
            )
        });
        Ok(queue)
    }
}
