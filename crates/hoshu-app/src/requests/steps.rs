//! The steps of a request inside a transaction the caller holds: filing, commenting,
//! attaching, assigning and moving it on. The operations in the parent module call them one
//! at a time; bulk actions and the demo data call them many times in one transaction.

use super::{TransitionInput, load_request, request_resource};
use crate::auth::require_role;
use crate::error::{AppError, AppResult, check_version};
use crate::notifications::{News, Recipients, Visibility, request_workers, tell};
use crate::{as_strs, audit, office_codes};
use chrono::{DateTime, Utc};
use hoshu_core::notification::{ItemRef, NotificationKind};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::request::{
    NewRequest, RequestAction, RequestStatus, next_status, validate_answer, validate_attachment,
    validate_comment,
};
use hoshu_core::{Actor, Role};
use hoshu_store::{NewRequestRow, RequestEventRow, Tx};

pub(crate) async fn file_request(
    tx: &mut Tx<'_>,
    actor: &Actor,
    input: NewRequest,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<i64> {
    let offices = office_codes(tx).await?;
    input.validate(&as_strs(&offices))?;
    authorize(
        actor,
        Action::FileRequest,
        Resource::Request {
            office: &input.office,
        },
    )?;
    let id = tx
        .insert_request(
            &NewRequestRow {
                kind: input.kind,
                work_sub_kind: input.work_sub_kind,
                office: input.office.clone(),
                title: input.title.trim().to_owned(),
                body: input.body,
                filed_by: actor.account_id,
                details: input.details,
            },
            now,
        )
        .await?;
    tx.insert_request_event(
        id,
        actor.account_id,
        &RequestEventRow {
            kind: "filed".into(),
            from_status: None,
            to_status: Some(RequestStatus::Received),
            note: None,
        },
        now,
    )
    .await?;
    tell(
        tx,
        actor,
        News {
            kind: NotificationKind::RequestFiled,
            item: ItemRef::request(id),
            visibility: Visibility::request(&input.office),
            summary: &format!(
                "依頼 #{id}「{}」（{}）が届きました",
                input.title.trim(),
                input.kind
            ),
        },
        Recipients::role(Role::Contractor),
        now,
    )
    .await?;
    audit(
        tx,
        actor,
        "request.file",
        format!("request:{id}"),
        format!("{}を起票（所属 {}）", input.kind, input.office),
        now,
    )
    .await?;
    Ok(id)
}

pub(crate) async fn comment(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    body: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<i64> {
    let request = load_request(tx, id).await?;
    authorize(actor, Action::CommentOnRequest, request_resource(&request))?;
    validate_comment(body)?;
    let comment_id = tx.insert_comment(id, actor.account_id, body, now).await?;
    tx.insert_request_event(
        id,
        actor.account_id,
        &RequestEventRow {
            kind: "comment".into(),
            from_status: None,
            to_status: None,
            note: None,
        },
        now,
    )
    .await?;
    // The requester's side hears from the contractor, the contractor from the requester's side.
    let to = if actor.role == Role::Contractor {
        Recipients::account(request.filed_by)
    } else {
        request_workers(request.assignee_id)
    };
    tell(
        tx,
        actor,
        News {
            kind: NotificationKind::RequestCommented,
            item: ItemRef::request(id),
            visibility: Visibility::request(&request.office),
            summary: &format!(
                "依頼 #{id}「{}」に{}さんがコメントしました",
                request.title, actor.display_name
            ),
        },
        to,
        now,
    )
    .await?;
    audit(
        tx,
        actor,
        "request.comment",
        format!("request:{id}"),
        format!("コメント #{comment_id} を追加"),
        now,
    )
    .await?;
    Ok(comment_id)
}

/// Attaches a file to a request inside the caller's transaction; its kind is decided here
/// from its name and first bytes (an allow-list), never taken from the caller.
pub(crate) async fn attach(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let request = load_request(tx, id).await?;
    authorize(actor, Action::AttachToRequest, request_resource(&request))?;
    let kind = validate_attachment(file_name, bytes)?;
    let extension = hoshu_core::files::extension_of(file_name).unwrap_or_default();
    let attachment_id = tx
        .insert_attachment(
            id,
            file_name,
            kind.content_type(extension),
            bytes,
            actor.account_id,
            now,
        )
        .await?;
    tx.insert_request_event(
        id,
        actor.account_id,
        &RequestEventRow {
            kind: "attachment".into(),
            from_status: None,
            to_status: None,
            note: Some(format!("{file_name}（{}バイト）", bytes.len())),
        },
        now,
    )
    .await?;
    audit(
        tx,
        actor,
        "request.attach",
        format!("request:{id}"),
        format!(
            "添付ファイル #{attachment_id} を追加（{}バイト）",
            bytes.len()
        ),
        now,
    )
    .await?;
    Ok(attachment_id)
}

/// Sets (or clears) a request's assignee, inside the caller's transaction; returns the new
/// version. The assignee must be an active contractor account.
pub(crate) async fn assign(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    expected_version: i64,
    assignee: Option<i64>,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let request = load_request(tx, id).await?;
    authorize(actor, Action::AssignRequest, request_resource(&request))?;
    let name = match assignee {
        Some(account_id) => {
            let account = tx.account_by_id(account_id).await?.ok_or_else(|| {
                AppError::field("assignee", "担当者", "担当者のアカウントが見つかりません。")
            })?;
            require_role(
                &account,
                Role::Contractor,
                "担当者には受託者の有効なアカウントを指定してください。",
            )?;
            account.display_name
        }
        None => "（未割当）".into(),
    };
    let version = tx
        .set_request_assignee(id, expected_version, assignee, now)
        .await?;
    tx.insert_request_event(
        id,
        actor.account_id,
        &RequestEventRow {
            kind: "assigned".into(),
            from_status: None,
            to_status: None,
            note: Some(format!("担当者: {name}")),
        },
        now,
    )
    .await?;
    if let Some(account_id) = assignee {
        tell(
            tx,
            actor,
            News {
                kind: NotificationKind::RequestAssigned,
                item: ItemRef::request(id),
                visibility: Visibility::request(&request.office),
                summary: &format!("依頼 #{id}「{}」の担当になりました", request.title),
            },
            Recipients::account(account_id),
            now,
        )
        .await?;
    }
    audit(
        tx,
        actor,
        "request.assign",
        format!("request:{id}"),
        format!("担当者を変更（アカウント {assignee:?}）"),
        now,
    )
    .await?;
    Ok(version)
}

pub(crate) async fn transition(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
    input: TransitionInput,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<i64> {
    let request = load_request(tx, id).await?;
    authorize(
        actor,
        Action::TransitionRequest(input.action),
        request_resource(&request),
    )?;
    check_version(&request, input.expected_version)?;
    let to = next_status(request.status, input.action)?;
    let text = input.text.trim();
    match input.action {
        RequestAction::Answer => validate_answer(text)?,
        RequestAction::SendBack | RequestAction::Reopen if text.is_empty() => {
            return Err(AppError::field(
                "text",
                "理由",
                format!("{}の理由を入力してください。", input.action),
            ));
        }
        _ => {}
    }
    let answer = (input.action == RequestAction::Answer).then_some(text);
    let version = tx
        .set_request_status(id, input.expected_version, to, answer, now)
        .await?;
    if input.action == RequestAction::Start
        && request.assignee_id.is_none()
        && actor.role == Role::Contractor
    {
        tx.set_request_assignee(id, version, Some(actor.account_id), now)
            .await?;
    }
    tx.insert_request_event(
        id,
        actor.account_id,
        &RequestEventRow {
            kind: "status".into(),
            from_status: Some(request.status),
            to_status: Some(to),
            note: (input.action != RequestAction::Answer && !text.is_empty())
                .then(|| text.to_owned()),
        },
        now,
    )
    .await?;
    let (kind, whom, what) = match input.action {
        RequestAction::Answer => (
            NotificationKind::RequestAnswered,
            Recipients::account(request.filed_by),
            "に回答がありました",
        ),
        RequestAction::SendBack => (
            NotificationKind::RequestSentBack,
            request_workers(request.assignee_id),
            "の回答が差し戻されました",
        ),
        RequestAction::Reopen => (
            NotificationKind::RequestReopened,
            request_workers(request.assignee_id),
            "が再開されました",
        ),
        RequestAction::Start | RequestAction::Close | RequestAction::Withdraw => (
            NotificationKind::RequestUpdated,
            Recipients::watchers(),
            "の状態が変わりました",
        ),
    };
    tell(
        tx,
        actor,
        News {
            kind,
            item: ItemRef::request(id),
            visibility: Visibility::request(&request.office),
            summary: &format!("依頼 #{id}「{}」{what}（{to}）", request.title),
        },
        whom,
        now,
    )
    .await?;
    audit(
        tx,
        actor,
        &format!("request.{}", input.action.code()),
        format!("request:{id}"),
        format!("{}（{} → {}）", input.action, request.status, to),
        now,
    )
    .await?;
    let version = tx.get_request(id).await?.map_or(version, |r| r.version);
    Ok(version)
}
