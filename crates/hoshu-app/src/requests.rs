//! Requests: file, list, show, comment, attach, assign and move through the status machine.

use crate::auth::Session;
use crate::deliverables::Rendered;
use crate::error::{AppError, AppResult, Versioned};
use crate::exports::{BulkExport, list_export};
use crate::incidents::load_targets;
use crate::queue::{RequestListPage, answer_clock, with_clocks};
use crate::settings::DeskSettings;
use crate::{Hoshu, audit};
use chrono::{DateTime, Utc};
use hoshu_core::listing::{Order, RequestColumn};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::request::{
    ATTACHMENT_MAX_BYTES, NewRequest, RequestAction, RequestKind, RequestStatus,
};
use hoshu_core::request_details::{Urgency, validate_details};
use hoshu_core::sla::SlaClockView;
use hoshu_core::{Actor, Role};
use hoshu_docs::list_xlsx::{ListCell, ListColumn, ListSheet};
use hoshu_store::{
    Attachment, AttachmentMeta, Comment, Office, RequestEvent, RequestFilter, RequestRecord,
    RequestSummary, Tx,
};
use serde::{Deserialize, Serialize};

mod steps;
pub(crate) use steps::{assign, attach, comment, file_request, transition};

/// Most rows one list page returns.
pub const MAX_PAGE_SIZE: i64 = 200;

/// What a list screen or script asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct RequestListQuery {
    pub kinds: Vec<RequestKind>,
    pub statuses: Vec<RequestStatus>,
    /// 緊急度; empty means every urgency.
    pub urgencies: Vec<Urgency>,
    /// One office; `None` means every office the actor may see.
    pub office: Option<String>,
    pub text: Option<String>,
    pub assignee: Option<i64>,
    /// "自分": requests the actor filed (staff) or is assigned to (everyone else).
    pub mine: bool,
    /// Only requests nobody is assigned to yet.
    pub unassigned: bool,
    pub open_only: bool,
    /// The column the person sorted by; newest first when not given.
    pub order: Order<RequestColumn>,
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
}

/// One request as its detail screen shows it to this actor.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestDetail {
    pub request: RequestRecord,
    pub comments: Vec<Comment>,
    pub attachments: Vec<AttachmentMeta>,
    pub history: Vec<RequestEvent>,
    /// Status buttons this actor may press now.
    pub allowed_actions: Vec<RequestAction>,
    pub can_assign: bool,
    /// The answer clock (service time from filing to the first answer) as of now: the
    /// deadline the page shows, as the contractor's queue does.
    pub answer_clock: SlaClockView,
}

/// A step on a request, with the text some steps need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TransitionInput {
    pub action: RequestAction,
    /// The version the actor saw; a newer one means someone else acted first.
    pub expected_version: i64,
    /// The answer for 回答; the reason for 差戻し, 再開 and 取下げ.
    #[serde(default)]
    pub text: String,
}

fn request_resource(r: &RequestRecord) -> Resource<'_> {
    Resource::Request { office: &r.office }
}

impl Versioned for RequestRecord {
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        format!("依頼 #{}", self.id)
    }
}

async fn load_request(tx: &mut Tx<'_>, id: i64) -> AppResult<RequestRecord> {
    tx.get_request(id)
        .await?
        .ok_or_else(|| AppError::not_found(&format!("依頼 #{id}")))
}

fn actions_for(actor: &Actor, r: &RequestRecord) -> Vec<RequestAction> {
    r.status
        .allowed_actions()
        .into_iter()
        .filter(|a| authorize(actor, Action::TransitionRequest(*a), request_resource(r)).is_ok())
        .collect()
}

/// Most files attached on the filing form.
pub const ATTACHMENTS_AT_FILING_MAX: usize = 10;

/// A file chosen on the filing form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiledAttachment {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

impl Hoshu {
    /// Files a request for an office; staff may file only for their own. The details are
    /// checked against the calendar as of now (an extension's notice deadline): a person
    /// filing today, unlike an import of what was filed long ago.
    pub async fn file_request(&self, session: &Session, input: NewRequest) -> AppResult<i64> {
        self.file_request_with_files(session, input, Vec::new())
            .await
    }

    /// Files a request with the files chosen on the form: the request and every file in one
    /// transaction, so a refused file leaves no request behind (and the form as it was).
    pub async fn file_request_with_files(
        &self,
        session: &Session,
        input: NewRequest,
        files: Vec<FiledAttachment>,
    ) -> AppResult<i64> {
        if files.len() > ATTACHMENTS_AT_FILING_MAX {
            return Err(AppError::field(
                "attachments",
                "添付ファイル",
                format!(
                    "起票時に添付できるのは{ATTACHMENTS_AT_FILING_MAX}件までです（{}件）。",
                    files.len()
                ),
            ));
        }
        // One call carries them all: together no larger than one attachment may be, so the
        // call fits what a server takes in one request.
        let total: usize = files.iter().map(|f| f.bytes.len()).sum();
        if total > ATTACHMENT_MAX_BYTES {
            return Err(AppError::field(
                "attachments",
                "添付ファイル",
                format!(
                    "起票時の添付は合計{}MBまでです。大きなファイルは起票の後で追加してください。",
                    ATTACHMENT_MAX_BYTES / 1024 / 1024
                ),
            ));
        }
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let calendar = DeskSettings::load(&mut tx).await?.calendar();
        validate_details(input.kind, &input.details, &calendar, now)?;
        let id = file_request(&mut tx, &actor, input, now).await?;
        for file in &files {
            attach(&mut tx, &actor, id, &file.file_name, &file.bytes, now)
                .await
                .map_err(|e| e.about(&file.file_name))?;
        }
        tx.commit().await?;
        Ok(id)
    }

    pub async fn list_requests(
        &self,
        session: &Session,
        query: RequestListQuery,
    ) -> AppResult<RequestListPage> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        let filter = request_filter(&actor, query)?;
        let page = tx.list_requests(&filter).await?;
        let targets = load_targets(&mut tx).await?;
        let calendar = DeskSettings::load(&mut tx).await?.calendar();
        Ok(RequestListPage {
            items: with_clocks(page.items, &targets, &calendar, now),
            total: page.total,
        })
    }

    /// Every request the list shows for `query` (all its pages, in its order) as .xlsx: what
    /// the person filtered, nothing more. Audited with its row count; above the bulk threshold
    /// it leaves only once confirmed.
    pub async fn export_request_list(
        &self,
        session: &Session,
        query: RequestListQuery,
        bulk: BulkExport,
    ) -> AppResult<Rendered> {
        let now = self.now();
        let mut read = self.begin_read().await?;
        let actor = self.actor(&mut read, session).await?;
        let conditions = self.conditions_in_words(&mut read, &query).await?;
        let filter = RequestFilter {
            limit: i64::MAX,
            offset: 0,
            ..request_filter(&actor, query)?
        };
        let rows = read.list_requests(&filter).await?.items;
        let offices = read.list_offices().await?;
        read.rollback().await?;
        let sheet = request_sheet(rows, &offices, conditions, &actor, now);
        list_export(self, &actor, sheet, bulk, now).await
    }

    /// 「種別: 問合せ、状態: 対応中、事務所: 北区中央福祉事務所、キーワード: 帳票」, or 「条件なし」.
    async fn conditions_in_words(
        &self,
        tx: &mut Tx<'_>,
        query: &RequestListQuery,
    ) -> AppResult<String> {
        let mut words = Vec::new();
        let joined = |labels: Vec<&str>| labels.join("・");
        if !query.kinds.is_empty() {
            words.push(format!(
                "種別: {}",
                joined(query.kinds.iter().map(|k| k.label()).collect())
            ));
        }
        if !query.statuses.is_empty() {
            words.push(format!(
                "状態: {}",
                joined(query.statuses.iter().map(|s| s.label()).collect())
            ));
        }
        if !query.urgencies.is_empty() {
            words.push(format!(
                "緊急度: {}",
                joined(query.urgencies.iter().map(|u| u.label()).collect())
            ));
        }
        if query.open_only {
            words.push("対応中のみ".into());
        }
        if query.mine {
            words.push("自分の依頼".into());
        }
        if query.unassigned {
            words.push("未割当".into());
        }
        if let Some(office) = &query.office {
            let offices = tx.list_offices().await?;
            let name = offices
                .iter()
                .find(|o| &o.code == office)
                .map_or(office.as_str(), |o| o.name.as_str());
            words.push(format!("事務所: {name}"));
        }
        if let Some(assignee) = query.assignee {
            let name = tx.account_by_id(assignee).await?.map(|a| a.display_name);
            words.push(format!(
                "担当: {}",
                name.unwrap_or_else(|| format!("#{assignee}"))
            ));
        }
        if let Some(text) = query
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            words.push(format!("キーワード: {text}"));
        }
        Ok(if words.is_empty() {
            "条件なし".into()
        } else {
            words.join("、")
        })
    }

    /// The detail screen. Viewing is recorded: requests can hold personal information.
    pub async fn request_detail(&self, session: &Session, id: i64) -> AppResult<RequestDetail> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let request = load_request(&mut tx, id).await?;
        authorize(&actor, Action::ViewRequest, request_resource(&request))?;
        let targets = load_targets(&mut tx).await?;
        let calendar = DeskSettings::load(&mut tx).await?.calendar();
        let answer_clock = answer_clock(
            request.filed_at,
            request.answered_at,
            &targets,
            &calendar,
            now,
        );
        let detail = RequestDetail {
            answer_clock,
            comments: tx.list_comments(id).await?,
            attachments: tx.list_attachments(id).await?,
            history: tx.list_request_events(id).await?,
            allowed_actions: actions_for(&actor, &request),
            can_assign: authorize(&actor, Action::AssignRequest, request_resource(&request))
                .is_ok(),
            request,
        };
        audit(
            &mut tx,
            &actor,
            "request.view",
            format!("request:{id}"),
            "依頼の詳細を表示".into(),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(detail)
    }

    pub async fn comment_on_request(
        &self,
        session: &Session,
        id: i64,
        body: &str,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let comment_id = comment(&mut tx, &actor, id, body, now).await?;
        tx.commit().await?;
        Ok(comment_id)
    }

    pub async fn attach_to_request(
        &self,
        session: &Session,
        id: i64,
        file_name: &str,
        bytes: &[u8],
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let attachment_id = attach(&mut tx, &actor, id, file_name, bytes, now).await?;
        tx.commit().await?;
        Ok(attachment_id)
    }

    /// An attachment's bytes, for opening or saving. Downloads are recorded.
    pub async fn attachment(&self, session: &Session, attachment_id: i64) -> AppResult<Attachment> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let attachment = tx
            .get_attachment(attachment_id)
            .await?
            .ok_or_else(|| AppError::not_found("添付ファイル"))?;
        let request = load_request(&mut tx, attachment.meta.request_id).await?;
        authorize(&actor, Action::ViewRequest, request_resource(&request))?;
        audit(
            &mut tx,
            &actor,
            "request.attachment_download",
            format!("attachment:{attachment_id}"),
            format!("依頼 #{} の添付ファイルを取得", request.id),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(attachment)
    }

    /// Assigns (or, with `None`, unassigns) a contractor account.
    pub async fn assign_request(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        assignee: Option<i64>,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let version = assign(&mut tx, &actor, id, expected_version, assignee, now).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Moves a request one step; returns the new version.
    pub async fn transition_request(
        &self,
        session: &Session,
        id: i64,
        input: TransitionInput,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let version = transition(&mut tx, &actor, id, input, now).await?;
        tx.commit().await?;
        Ok(version)
    }
}

/// The store's filter for what `actor` asked: staff are held to their own office whatever
/// they send; anyone else naming an office must be allowed to see it.
fn request_filter(actor: &Actor, query: RequestListQuery) -> AppResult<RequestFilter> {
    let offices = match (&query.office, actor.role) {
        (Some(office), _) => {
            authorize(actor, Action::ViewRequest, Resource::Request { office })?;
            Some(vec![office.clone()])
        }
        (None, Role::Staff) => Some(vec![actor.office.clone()]),
        (None, _) => {
            authorize(actor, Action::ListAllOffices, Resource::System)?;
            None
        }
    };
    let per_page = if query.per_page <= 0 {
        50
    } else {
        query.per_page.min(MAX_PAGE_SIZE)
    };
    let page = query.page.max(1);
    Ok(RequestFilter {
        kinds: query.kinds,
        statuses: query.statuses,
        urgencies: query.urgencies,
        offices,
        text: query.text.filter(|t| !t.trim().is_empty()),
        assignee: match (query.mine, actor.role) {
            (true, Role::Staff) | (false, _) => query.assignee,
            (true, _) => Some(actor.account_id),
        },
        unassigned: query.unassigned,
        filed_by: (query.mine && actor.role == Role::Staff).then_some(actor.account_id),
        open_only: query.open_only,
        order: query.order,
        limit: per_page,
        offset: (page - 1) * per_page,
    })
}

/// The export's sheet: the list's columns, office names rather than codes.
fn request_sheet(
    rows: Vec<RequestSummary>,
    offices: &[Office],
    conditions: String,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ListSheet {
    let office_name = |code: &str| {
        offices
            .iter()
            .find(|o| o.code == code)
            .map_or_else(|| code.to_owned(), |o| o.name.clone())
    };
    let column = |caption, width| ListColumn { caption, width };
    ListSheet {
        title: "依頼一覧".into(),
        conditions,
        author: actor.display_name.clone(),
        as_of: now,
        columns: vec![
            column("番号", 8.0),
            column("種別", 14.0),
            column("件名", 48.0),
            column("事務所", 24.0),
            column("起票者", 14.0),
            column("担当", 14.0),
            column("状態", 9.0),
            column("受付日時", 22.0),
        ],
        rows: rows
            .into_iter()
            .map(|r| {
                vec![
                    ListCell::Number(r.id),
                    ListCell::Text(r.kind.label().into()),
                    ListCell::Text(r.title),
                    ListCell::Text(office_name(&r.office)),
                    ListCell::Text(r.filed_by_name),
                    r.assignee_name.map_or(ListCell::Empty, ListCell::Text),
                    ListCell::Text(r.status.label().into()),
                    ListCell::Time(r.filed_at),
                ]
            })
            .collect(),
    }
}
