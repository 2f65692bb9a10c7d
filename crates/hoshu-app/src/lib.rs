//! Hoshu Desk use cases: the API the desktop app and the `hoshu` CLI both call.
//!
//! Every use case takes a [`Session`], re-reads the account behind it, asks the core policy,
//! validates, writes and appends its audit entry in ONE store transaction. Nothing above this
//! crate checks permissions or writes audit entries, so every front end gets the same rules.

mod accounts;
mod accounts_import;
mod auth;
mod bulk;
mod business_schedules;
mod changes;
mod clock;
mod contract;
mod contractors;
mod deliverables;
#[cfg(feature = "demo")]
pub mod demo;
mod error;
mod exports;
mod handover;
mod import;
mod incidents;
mod list_exports;
mod mail;
mod meeting_attachments;
mod meetings;
mod notifications;
mod operations;
mod passwords;
mod plan;
mod queue;
mod register;
mod reports;
mod requests;
mod saved_views;
mod search;
mod sessions;
mod settings;
#[cfg(feature = "testing")]
pub mod testing;

pub use accounts::{
    AccountFilter, AccountUpdateInput, AccountView, PasswordReset, VersionedAccount,
};
pub use accounts_import::{AccountChange, AccountImportReport, AccountImportRow, IssuedPassword};
pub use auth::{LogoutReason, Session};
pub use bulk::{BULK_MAX, BulkStep, SelectedRequest};
pub use business_schedules::ScheduleMonthView;
pub use changes::{ChangeDetail, ChangeListQuery, ClashAcknowledgement, OutageNotice};
pub use clock::{Clock, ManualClock, SystemClock};
pub use contractors::Assignee;
pub use deliverables::{
    DiscMedia, DiscSelection, FormKind, MalwareCheckInput, MinutesSelection, Progress, ProgressFn,
    RegisterFormat, RegisterPaper, Rendered,
};
pub use error::{AppError, AppResult, ErrorCode};
pub use exports::BulkExport;
pub use handover::{HandoverDecision, HandoverPlanView};
/// What front ends need of the store without touching it: where a local database's audit key
/// lives, and database URLs.
pub use hoshu_store::{keyfile, url as database_url};
pub use import::{IMPORT_MAX_BYTES, ImportInput, ImportReport, ImportRow, ImportSource};
pub use incidents::{
    BreachLine, ExclusionDecision, IncidentDetail, IncidentListQuery, IncidentView, SlaStatus,
    fiscal_year_range,
};
pub use mail::MailSettingsView;
pub use meetings::{
    MeetingDetail, MeetingListItem, MeetingListPage, MeetingListQuery, RecordedMeeting,
};
pub use notifications::NotificationPoll;
pub use operations::{CheckMonth, RecordedRun};
pub use plan::PlanSectionState;
pub use queue::{ClockedRequest, QUEUE_MAX, RequestListPage};
pub use register::{MAX_REGISTER_PAGE, RegisterListQuery};
pub use reports::{ReportFormat, median, month_range, percentile_90};
pub use requests::{
    ATTACHMENTS_AT_FILING_MAX, FiledAttachment, RequestDetail, RequestListQuery, TransitionInput,
};
pub use saved_views::NewSavedView;
pub use search::{SEARCH_PAGE_SIZE, SearchJump, SearchQuery, SearchResults};
pub use sessions::{
    OpenSessionView, SESSION_MAX_HOURS, SessionEnd, StartedSession, session_end_at,
};
pub use settings::DeskSettings;

use hoshu_core::Actor;
use hoshu_core::audit::{AuditEvent, AuditKey, ChainHead};
use hoshu_store::{Store, Tx};
use std::sync::Arc;

/// The application: a store and a clock.
#[derive(Clone)]
pub struct Hoshu {
    store: Store,
    clock: Arc<dyn Clock>,
    /// Set for one write sent with an idempotency key: the write claims the key in its own
    /// transaction, so a replay after a network cut changes nothing.
    idempotency: Option<Arc<IdempotencyKey>>,
    /// The terminal the calls come from (its address), named in every audit entry they write.
    terminal: Option<Arc<str>>,
}

/// The client-generated key of one write, and the operation it was sent for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    pub key: String,
    pub operation: String,
}

impl std::fmt::Debug for Hoshu {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hoshu").finish_non_exhaustive()
    }
}

impl Hoshu {
    /// Opens the database at `url` as its owner on the real clock: migrates it and, once,
    /// moves a legacy audit log to the keyed chain ([`Store::connect`]). For `hoshu init` and
    /// the desktop's own SQLite file.
    pub async fn open(url: &str, key: AuditKey) -> AppResult<Self> {
        Ok(Self::new(
            Store::connect(url, key).await?,
            Arc::new(SystemClock),
        ))
    }

    /// Opens the database at `url` for everyday work without changing its schema
    /// ([`Store::connect_runtime`]): what a terminal on a shared PostgreSQL database uses,
    /// logged in as the runtime role.
    pub async fn open_runtime(url: &str, key: AuditKey) -> AppResult<Self> {
        Ok(Self::new(
            Store::connect_runtime(url, key).await?,
            Arc::new(SystemClock),
        ))
    }

    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            clock,
            idempotency: None,
            terminal: None,
        }
    }

    /// This application for one write carrying `key`: the use case claims the key in its
    /// transaction, and a key already claimed by a committed write fails with
    /// [`ErrorCode::Replayed`] without writing anything.
    pub fn with_idempotency_key(&self, key: IdempotencyKey) -> Hoshu {
        Hoshu {
            idempotency: Some(Arc::new(key)),
            ..self.clone()
        }
    }

    /// This application for the calls of the terminal at `address`: the audit entries they
    /// write name it.
    pub fn at_terminal(&self, address: &str) -> Hoshu {
        Hoshu {
            terminal: Some(Arc::from(address)),
            ..self.clone()
        }
    }

    /// The answer kept for a replayed write, as JSON, once the first write recorded it.
    pub async fn replayed_response(
        &self,
        session: &Session,
        key: &str,
    ) -> AppResult<Option<String>> {
        let mut tx = self.store.begin_read().await?;
        Ok(tx
            .idempotent_response(session.actor.account_id, key)
            .await?)
    }

    /// Keeps `response` as the answer to replays of the write that claimed `key`.
    pub async fn record_idempotent_response(
        &self,
        session: &Session,
        key: &str,
        response: &str,
    ) -> AppResult<()> {
        let mut tx = self.begin().await?;
        tx.record_idempotent_response(session.actor.account_id, key, response)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Whether the database answers (the server's health check).
    pub async fn check_database(&self) -> AppResult<()> {
        let mut tx = self.store.begin_read().await?;
        tx.audit_head().await?;
        tx.rollback().await?;
        Ok(())
    }

    async fn begin(&self) -> AppResult<Tx<'_>> {
        let mut tx = self.store.begin().await?;
        if let Some(terminal) = &self.terminal {
            tx.set_origin(terminal);
        }
        Ok(tx)
    }

    /// A snapshot for work that only reads: it takes no write lock, so a screen full of lists
    /// never queues behind (or holds up) someone saving.
    async fn begin_read(&self) -> AppResult<Tx<'_>> {
        Ok(self.store.begin_read().await?)
    }
}

/// Appends one audit entry inside the caller's transaction; work from a known terminal says
/// which (log-in entries name it themselves).
async fn audit(
    tx: &mut Tx<'_>,
    actor: &Actor,
    action: &str,
    target: String,
    summary: String,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let summary = match tx.origin() {
        Some(terminal) if !summary.contains("（端末 ") => {
            format!("{summary}（端末 {terminal}）")
        }
        _ => summary,
    };
    tx.append_audit(
        AuditEvent {
            actor: actor.login.clone(),
            action: action.to_owned(),
            target,
            summary,
        },
        now,
    )
    .await?;
    Ok(())
}

/// Office codes as the validators want them.
async fn office_codes(tx: &mut Tx<'_>) -> AppResult<Vec<String>> {
    Ok(tx
        .list_offices()
        .await?
        .into_iter()
        .map(|o| o.code)
        .collect())
}

fn as_strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

impl Hoshu {
    /// Walks the whole audit chain. Operators run this with database access (`hoshu audit
    /// verify`); in the app it is offered to the chief and the administrator.
    pub async fn verify_audit(&self) -> AppResult<Result<u64, hoshu_core::audit::ChainBreak>> {
        let mut tx = self.begin_read().await?;
        Ok(tx.verify_audit().await?)
    }

    /// The head of the audit chain (last seq and its MAC); `None` while the log is empty.
    /// Printed on the delivery disc's MANIFEST, so the log can later be shown to still reach it.
    pub async fn audit_head(&self) -> AppResult<Option<ChainHead>> {
        let mut tx = self.store.begin_read().await?;
        Ok(tx.audit_head().await?)
    }

    pub async fn verify_audit_as(
        &self,
        session: &Session,
    ) -> AppResult<Result<u64, hoshu_core::audit::ChainBreak>> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        hoshu_core::policy::authorize(
            &actor,
            hoshu_core::policy::Action::VerifyAudit,
            hoshu_core::policy::Resource::System,
        )?;
        let outcome = tx.verify_audit().await?;
        let summary = match &outcome {
            Ok(n) => format!("監査ログを検証（{n}件、改ざんなし）"),
            Err(b) => format!("監査ログを検証（連番 {} で不整合）", b.seq),
        };
        audit(
            &mut tx,
            &actor,
            "audit.verify",
            "audit".into(),
            summary,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(outcome)
    }
}
