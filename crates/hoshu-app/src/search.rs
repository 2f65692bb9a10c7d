//! Knowledge search over requests, the register, incidents and meetings, and the similar
//! answered requests offered while a request is being written.
//!
//! Who sees what is decided here, as in the lists: staff search their own office's requests
//! only (and nothing else, as they see no register, incidents or meetings), the chief and the
//! contractor everything, the administrator nothing.

use crate::Hoshu;
use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::request::RequestStatus;
use hoshu_core::search::{self as rule, QUERY_MAX_CHARS, SearchKind, YearMonth, normalize};
use hoshu_core::{Actor, Role, ValidationErrors};
use hoshu_store::{SearchFilter, SearchHit, Tx};
use serde::{Deserialize, Serialize};

/// Results per page on the screen.
pub const SEARCH_PAGE_SIZE: i64 = 20;
const SEARCH_PAGE_MAX: i64 = 100;
/// Similar requests offered at most.
const SIMILAR_MAX: usize = 5;

/// What the search screen or the CLI asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct SearchQuery {
    pub text: String,
    /// Empty: every kind this person may see.
    pub kinds: Vec<SearchKind>,
    /// Period by month (Tokyo), both ends included.
    pub from: Option<YearMonth>,
    pub to: Option<YearMonth>,
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
}

/// The record a `#813` query names, when this person may open it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchJump {
    pub kind: SearchKind,
    pub item_id: i64,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub total: u64,
    /// False for a long and common query whose total is an upper bound (see the store).
    pub total_exact: bool,
    pub jump: Option<SearchJump>,
    /// The kinds searched (those asked for that this person may see).
    pub kinds: Vec<SearchKind>,
}

/// What this person may search: kinds, and for requests the offices.
struct Scope {
    kinds: Vec<SearchKind>,
    request_offices: Option<Vec<String>>,
}

fn scope(actor: &Actor, asked: &[SearchKind]) -> AppResult<Scope> {
    let may = |kind: SearchKind| {
        let action = match kind {
            SearchKind::Request => {
                return authorize(
                    actor,
                    Action::ViewRequest,
                    Resource::Request {
                        office: &actor.office,
                    },
                );
            }
            SearchKind::Register => Action::ViewRegister,
            SearchKind::Incident => Action::ViewIncidents,
            SearchKind::Meeting => Action::ViewMeetings,
        };
        authorize(actor, action, Resource::System)
    };
    let kinds: Vec<SearchKind> = if asked.is_empty() {
        let allowed: Vec<SearchKind> = SearchKind::ALL
            .iter()
            .copied()
            .filter(|k| may(*k).is_ok())
            .collect();
        if allowed.is_empty() {
            return Err(AppError::new(
                ErrorCode::Forbidden,
                "検索できる記録がありません（システム管理者は依頼・記録の内容を参照できません）。",
            ));
        }
        allowed
    } else {
        for k in asked {
            may(*k)?;
        }
        asked.to_vec()
    };
    let request_offices = match actor.role {
        Role::Staff => Some(vec![actor.office.clone()]),
        _ => None,
    };
    Ok(Scope {
        kinds,
        request_offices,
    })
}

/// The query as searched: normalised, trimmed, within the length limit.
fn checked_query(text: &str) -> AppResult<String> {
    let q = normalize(text).trim().to_owned();
    let mut e = ValidationErrors::new();
    if q.is_empty() {
        e.push("text", "検索語", "検索語を入力してください。".into());
    } else if q.chars().count() > QUERY_MAX_CHARS {
        e.push(
            "text",
            "検索語",
            format!("検索語は{QUERY_MAX_CHARS}文字以内で入力してください。"),
        );
    }
    e.into_result()?;
    Ok(q)
}

fn period(
    from: Option<YearMonth>,
    to: Option<YearMonth>,
) -> AppResult<Option<(YearMonth, YearMonth)>> {
    match (from, to) {
        (None, None) => Ok(None),
        (from, to) => {
            let from = from.unwrap_or(YearMonth {
                year: 1900,
                month: 1,
            });
            let to = to.unwrap_or(YearMonth {
                year: 9999,
                month: 12,
            });
            if from > to {
                return Err(AppError::field(
                    "to",
                    "期間",
                    "期間の終わりは始まり以降の月にしてください。",
                ));
            }
            Ok(Some((from, to)))
        }
    }
}

async fn jump(tx: &mut Tx<'_>, actor: &Actor, text: &str) -> AppResult<Option<SearchJump>> {
    let Some(id) = rule::reference(text) else {
        return Ok(None);
    };
    let Some(request) = tx.get_request(id).await? else {
        return Ok(None);
    };
    let visible = authorize(
        actor,
        Action::ViewRequest,
        Resource::Request {
            office: &request.office,
        },
    )
    .is_ok();
    Ok(visible.then_some(SearchJump {
        kind: SearchKind::Request,
        item_id: request.id,
        title: request.title,
    }))
}

impl Hoshu {
    /// One page of the knowledge search, newest first; `#813` also names request 813.
    pub async fn search(&self, session: &Session, query: SearchQuery) -> AppResult<SearchResults> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        let scope = scope(&actor, &query.kinds)?;
        let jump = jump(&mut tx, &actor, &query.text).await?;
        let q = checked_query(&query.text)?;
        let per_page = if query.per_page <= 0 {
            SEARCH_PAGE_SIZE
        } else {
            query.per_page.min(SEARCH_PAGE_MAX)
        };
        let page = query.page.max(1);
        let filter = SearchFilter {
            query: q,
            kinds: scope.kinds.clone(),
            request_offices: scope.request_offices,
            months: period(query.from, query.to)?,
            limit: per_page as usize,
            offset: ((page - 1) * per_page) as usize,
        };
        let found = tx.search(&filter).await?;
        tx.rollback().await?;
        Ok(SearchResults {
            hits: found.hits,
            total: found.total,
            total_exact: found.total_exact,
            jump,
            kinds: scope.kinds,
        })
    }

    /// Every match, newest first, without passages: the CLI's listing and export (the caller
    /// records an export with [`Hoshu::record_export`]).
    pub async fn search_all(
        &self,
        session: &Session,
        text: &str,
        kinds: &[SearchKind],
    ) -> AppResult<Vec<SearchHit>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        let scope = scope(&actor, kinds)?;
        let filter = SearchFilter {
            query: checked_query(text)?,
            kinds: scope.kinds,
            request_offices: scope.request_offices,
            months: None,
            limit: usize::MAX,
            offset: 0,
        };
        let hits = tx.search_all(&filter).await?;
        tx.rollback().await?;
        Ok(hits)
    }

    /// Answered requests like the one being written (its title and body), best first: offered
    /// on the form so staff find an answer before filing. Only requests this person may see.
    pub async fn similar_requests(
        &self,
        session: &Session,
        title: &str,
        body: &str,
    ) -> AppResult<Vec<SearchHit>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        let scope = scope(&actor, &[SearchKind::Request])?;
        // The title says what it is about; the start of the body helps when it is short.
        let text: String = format!("{title} {}", body.chars().take(200).collect::<String>());
        let hits = tx
            .similar_documents(
                &normalize(&text),
                SearchKind::Request,
                scope.request_offices.as_deref(),
                SIMILAR_MAX * 4,
            )
            .await?;
        let mut answered = Vec::new();
        for hit in hits {
            if let Some(r) = tx.get_request(hit.item_id).await?
                && matches!(r.status, RequestStatus::Answered | RequestStatus::Closed)
            {
                answered.push(hit);
            }
            if answered.len() == SIMILAR_MAX {
                break;
            }
        }
        tx.rollback().await?;
        Ok(answered)
    }
}
