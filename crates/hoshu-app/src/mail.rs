//! Incident reports sent by mail from the record (000 第7章第2節, 003 2.3).
//!
//! The contractor asks for a draft composed from the incident (`hoshu_core::report_mail`),
//! edits it and sends it: the mail is queued in one transaction with its audit entry, then
//! delivered at once. Delivery claims the mail first (`queued` → `sending`, its own
//! transaction), so two senders — a retry loop and a person pressing the button, or two
//! servers — never send it twice; the time the mail server accepted it becomes the timeline
//! event that stops the SLA clock. A mail that does not go says why in Japanese, stops no
//! clock and is queued again with a growing wait (or fails for good on a permanent refusal).
//! A mail left in `sending` (the program stopped mid-send) is not sent again: whether it went
//! is for a person to check.
//!
//! The administrator keeps the SMTP settings; the password is stored apart on the server
//! (`mail.password`) and no operation answers it back.

use crate::auth::{Session, actor_of};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::incidents::{IncidentView, add_event, load_targets};
use crate::settings::DeskSettings;
use crate::{Hoshu, audit};
use chrono::TimeDelta;
use hoshu_core::incident::{TimelineEvent, TimelineEventKind};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::report_mail::{
    MailDraft, MailSecurity, MailSettings, ReportFacts, ReportMailKind, compose,
};
use hoshu_core::sla::SlaItem;
use hoshu_store::{MailRecord, NewMail, Tx};
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Serialize;
use std::time::Duration;

const SETTINGS_KEY: &str = "mail";
const PASSWORD_KEY: &str = "mail.password";
/// Attempts before a mail that keeps failing is given up (then someone sends it by hand).
const MAX_ATTEMPTS: i64 = 8;
/// How long one conversation with the mail server may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// The SMTP settings as the administrator's screen shows them: never the password, only
/// whether one is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailSettingsView {
    pub settings: MailSettings,
    pub password_set: bool,
}

async fn load_settings(tx: &mut Tx<'_>) -> AppResult<MailSettings> {
    match tx.get_setting(SETTINGS_KEY).await? {
        None => Ok(MailSettings::default()),
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("保存されているメールの設定を読み取れません: {e}"),
            )
        }),
    }
}

/// The SMTP password kept on the server; an empty one was removed.
async fn password(tx: &mut Tx<'_>) -> AppResult<Option<String>> {
    Ok(tx
        .get_setting(PASSWORD_KEY)
        .await?
        .filter(|p| !p.is_empty()))
}

/// The wait after the `attempts`-th failed attempt: 1, 2, 4, … minutes, at most 32.
fn retry_wait(attempts: i64) -> TimeDelta {
    TimeDelta::minutes(1 << (attempts.clamp(1, 6) - 1))
}

/// Why a send failed, for people; and whether trying again could help.
fn explain(e: &lettre::transport::smtp::Error, settings: &MailSettings) -> (String, bool) {
    let server = format!("{}:{}", settings.host, settings.port);
    if let Some(code) = e.status() {
        let code = code.to_string();
        if e.is_permanent() {
            let why = if code.starts_with("535") || code.starts_with("530") {
                "認証に失敗しました。ユーザー名とパスワードを確認してください"
            } else {
                "宛先または内容を受け付けませんでした"
            };
            return (
                format!("メールサーバー（{server}）が{why}（応答コード {code}）。"),
                false,
            );
        }
        return (
            format!(
                "メールサーバー（{server}）が一時的に受け付けませんでした（応答コード {code}）。しばらくして再送します。"
            ),
            true,
        );
    }
    if e.is_timeout() {
        return (
            format!(
                "メールサーバー（{server}）から応答がありませんでした。しばらくして再送します。"
            ),
            true,
        );
    }
    if e.is_tls() {
        return (
            format!(
                "メールサーバー（{server}）と暗号化通信を確立できませんでした（証明書または暗号化の方式を確認してください）。しばらくして再送します。"
            ),
            true,
        );
    }
    (
        format!(
            "メールサーバー（{server}）に接続できませんでした。ネットワークと設定を確認してください。しばらくして再送します。"
        ),
        true,
    )
}

fn transport(
    settings: &MailSettings,
    password: Option<String>,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, lettre::transport::smtp::Error> {
    let host = settings.host.trim();
    let builder = match settings.security {
        MailSecurity::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?,
        MailSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
        // Allowed by the settings' validation for a server on this computer only.
        MailSecurity::Plain => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
    };
    let builder = builder.port(settings.port).timeout(Some(SMTP_TIMEOUT));
    let builder = match (settings.username.trim(), password) {
        ("", _) | (_, None) => builder,
        (user, Some(password)) => builder.credentials(Credentials::new(user.to_owned(), password)),
    };
    Ok(builder.build())
}

fn message(settings: &MailSettings, mail: &MailRecord) -> AppResult<Message> {
    let bad = |what: &str| {
        AppError::field(
            "recipients",
            "宛先",
            format!("{what}をメールアドレスとして扱えません。"),
        )
    };
    let from: Mailbox = format!(
        "{} <{}>",
        settings.from_name.trim(),
        settings.from_address.trim()
    )
    .parse()
    .or_else(|_| settings.from_address.trim().parse())
    .map_err(|_| bad("差出人"))?;
    let mut builder = Message::builder()
        .from(from)
        .subject(mail.subject.clone())
        .header(ContentType::TEXT_PLAIN);
    for to in &mail.recipients {
        builder = builder.to(to.parse().map_err(|_| bad(&format!("宛先「{to}」")))?);
    }
    builder.body(mail.body.clone()).map_err(|e| {
        AppError::new(
            ErrorCode::Validation,
            format!("メールを作成できません: {e}"),
        )
    })
}

impl Hoshu {
    /// The SMTP settings (administrator).
    pub async fn mail_settings(&self, session: &Session) -> AppResult<MailSettingsView> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ManageSettings, Resource::System)?;
        Ok(MailSettingsView {
            settings: load_settings(&mut tx).await?,
            password_set: password(&mut tx).await?.is_some(),
        })
    }

    /// Saves the SMTP settings (administrator). `password`: a new one (empty: none), or
    /// `None` to keep the one kept.
    pub async fn update_mail_settings(
        &self,
        session: &Session,
        settings: MailSettings,
        password: Option<String>,
    ) -> AppResult<()> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ManageSettings, Resource::System)?;
        settings.validate()?;
        let json = serde_json::to_string(&settings)
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        tx.put_setting(SETTINGS_KEY, &json, now).await?;
        let password_note = match password.as_deref() {
            None => "パスワードは変更なし",
            Some(p) => {
                tx.put_setting(PASSWORD_KEY, p, now).await?;
                if p.is_empty() {
                    "パスワードを削除"
                } else {
                    "パスワードを更新"
                }
            }
        };
        audit(
            &mut tx,
            &actor,
            "settings.mail",
            "settings:mail".into(),
            format!(
                "メールサーバーの設定を保存（{}:{}、{}、{password_note}）",
                settings.host, settings.port, settings.security
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A report of `kind` composed from the incident as it stands, to the addresses of the
    /// contract data (contractor).
    pub async fn incident_report_draft(
        &self,
        session: &Session,
        incident_id: i64,
        kind: ReportMailKind,
    ) -> AppResult<MailDraft> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::RecordIncident, Resource::System)?;
        let record = tx
            .get_incident(incident_id)
            .await?
            .ok_or_else(|| AppError::not_found(&format!("障害 #{incident_id}")))?;
        let targets = load_targets(&mut tx).await?;
        let calendar = DeskSettings::load(&mut tx).await?.calendar();
        let contract = crate::contract::load(&mut tx).await?;
        let offices = tx.list_offices().await?;
        let view = IncidentView::of(record, &targets, &calendar, now);
        let incident = &view.record.incident;
        let office_names = incident
            .affected_offices
            .iter()
            .map(|code| {
                offices
                    .iter()
                    .find(|o| &o.code == code)
                    .map_or_else(|| code.clone(), |o| o.name.clone())
            })
            .collect();
        let last = view.record.events.last().map(|e| e.event.kind);
        let status = match (view.recovered, last) {
            (true, _) => "復旧済み".to_owned(),
            (false, Some(kind)) => format!("対応中（直近の対応：{kind}）"),
            (false, None) => "対応中（原因を調査しています）".to_owned(),
        };
        let next_report_due = view
            .clocks
            .iter()
            .find(|c| c.item == SlaItem::FollowUpReport && c.stopped_at.is_none())
            .and_then(|c| c.deadline);
        let facts = ReportFacts {
            incident_id,
            incident,
            office_names,
            status,
            next_report_due,
            contract_name: &contract.contract_name,
            city_department: &contract.city_department,
            contractor_name: &contract.contractor_name,
            sender_name: &actor.display_name,
        };
        Ok(compose(kind, &facts, contract.report_recipients.clone()))
    }

    /// Queues the (edited) report and tries to send it at once (contractor). Answers the mail
    /// as it stands afterwards: sent with the server's acceptance time, or queued with why.
    pub async fn send_incident_report(
        &self,
        session: &Session,
        incident_id: i64,
        draft: MailDraft,
    ) -> AppResult<MailRecord> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::RecordIncident, Resource::System)?;
        tx.get_incident(incident_id)
            .await?
            .ok_or_else(|| AppError::not_found(&format!("障害 #{incident_id}")))?;
        draft.validate()?;
        if !load_settings(&mut tx).await?.is_configured() {
            return Err(AppError::new(
                ErrorCode::Validation,
                "メールサーバーが設定されていません。システム管理者に運用設定での登録を依頼してください。",
            ));
        }
        let id = tx
            .insert_mail(
                &NewMail {
                    incident_id,
                    kind: draft.kind,
                    recipients: draft.recipients.clone(),
                    subject: draft.subject,
                    body: draft.body,
                    created_by: actor.account_id,
                },
                now,
            )
            .await?;
        audit(
            &mut tx,
            &actor,
            "incident.mail_queue",
            format!("incident:{incident_id}"),
            format!(
                "障害 #{incident_id} の{}メールを送信待ちに登録（宛先{}件）",
                draft.kind,
                draft.recipients.len()
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        self.deliver_mail(id).await?;
        let mut tx = self.begin_read().await?;
        tx.get_mail(id)
            .await?
            .ok_or_else(|| AppError::not_found("メール"))
    }

    /// Sends every queued mail that is due (the server and the desktop run this every
    /// minute). Returns how many the mail server accepted.
    pub async fn deliver_due_mail(&self) -> AppResult<usize> {
        let mut tx = self.begin_read().await?;
        let due = tx.due_mail_ids(self.now(), 50).await?;
        tx.rollback().await?;
        let mut sent = 0;
        for id in due {
            if self.deliver_mail(id).await? {
                sent += 1;
            }
        }
        Ok(sent)
    }

    /// Claims mail `id` and sends it; `false` when someone else had it or it did not go.
    async fn deliver_mail(&self, id: i64) -> AppResult<bool> {
        let mut tx = self.begin().await?;
        if !tx.claim_mail(id, self.now()).await? {
            return Ok(false);
        }
        let mail = tx
            .get_mail(id)
            .await?
            .ok_or_else(|| AppError::not_found("メール"))?;
        let settings = load_settings(&mut tx).await?;
        let password = password(&mut tx).await?;
        tx.commit().await?;

        let outcome = match message(&settings, &mail) {
            Err(e) => Err((e.message, false)),
            Ok(message) => match transport(&settings, password) {
                Err(e) => Err(explain(&e, &settings)),
                Ok(smtp) => smtp.send(message).await.map_err(|e| explain(&e, &settings)),
            },
        };
        // Taken when the server's acceptance arrived: what stops the SLA clock.
        let now = self.now();
        let mut tx = self.begin().await?;
        let sender = tx
            .account_by_id(mail.created_by)
            .await?
            .ok_or_else(|| AppError::not_found("送信者のアカウント"))?;
        let actor = actor_of(&sender);
        let target = format!("incident:{}", mail.incident_id);
        let sent = match outcome {
            Ok(_) => {
                tx.mark_mail_sent(id, now).await?;
                let version = tx
                    .get_incident(mail.incident_id)
                    .await?
                    .map_or(0, |r| r.version);
                let kind: TimelineEventKind = mail.kind.timeline_kind();
                add_event(
                    &mut tx,
                    &actor,
                    mail.incident_id,
                    version,
                    TimelineEvent {
                        kind,
                        at: now,
                        note: format!(
                            "メールで報告（{}、メールサーバー受付）",
                            mail.recipients.join("、")
                        ),
                    },
                    now,
                )
                .await?;
                audit(
                    &mut tx,
                    &actor,
                    "incident.mail_sent",
                    target,
                    format!("障害 #{} の{}メールを送信", mail.incident_id, mail.kind),
                    now,
                )
                .await?;
                true
            }
            Err((why, transient)) => {
                let retry = (transient && mail.attempts < MAX_ATTEMPTS)
                    .then(|| now + retry_wait(mail.attempts));
                tx.mark_mail_unsent(id, &why, retry, now).await?;
                audit(
                    &mut tx,
                    &actor,
                    "incident.mail_failed",
                    target,
                    format!(
                        "障害 #{} の{}メールを送信できず（{}回目）",
                        mail.incident_id, mail.kind, mail.attempts
                    ),
                    now,
                )
                .await?;
                false
            }
        };
        tx.commit().await?;
        Ok(sent)
    }
}

#[cfg(test)]
mod tests {
    use super::retry_wait;
    use chrono::TimeDelta;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let waits: Vec<i64> = (1..=8).map(|a| retry_wait(a).num_minutes()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 32, 32]);
        assert_eq!(retry_wait(100), TimeDelta::minutes(32));
    }
}
