//! Sessions of `hoshu serve`: the terminal holds a random token, the server keeps its hash,
//! and every call resumes the session from the database (so any server process can answer
//! it). Idle and absolute expiry are enforced here, not by the window.

use crate::auth::{Session, actor_of};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::settings::DeskSettings;
use crate::{Hoshu, audit};
use chrono::{DateTime, TimeDelta, Utc};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_store::{NewSession, SessionRecord};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// However busy, a session ends this long after log-in (a working day and its overtime).
pub const SESSION_MAX_HOURS: i64 = 12;

/// The idle clock is written back at most this often: a busy terminal does not turn every
/// read into a write, and an idle log-out is still exact to within this.
const TOUCH_EVERY_SECONDS: i64 = 30;

const LOGIN_AGAIN: &str = "ログインの有効期限が切れました。再度ログインしてください。";

/// A started session: the token goes to the terminal once and is never stored.
#[derive(Debug, Clone, Serialize)]
pub struct StartedSession {
    pub token: String,
    #[serde(flatten)]
    pub session: Session,
}

/// An open session as the administrator's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpenSessionView {
    pub id: i64,
    pub login: String,
    pub display_name: String,
    pub office: String,
    pub client_addr: String,
    pub started_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Why a session ended, as stored and audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnd {
    Logout,
    Idle,
    Expired,
    EndedByAdministrator,
}

impl SessionEnd {
    fn code(self) -> &'static str {
        match self {
            SessionEnd::Logout => "logout",
            SessionEnd::Idle => "idle",
            SessionEnd::Expired => "expired",
            SessionEnd::EndedByAdministrator => "ended_by_admin",
        }
    }

    fn label(self) -> &'static str {
        match self {
            SessionEnd::Logout => "ログアウト",
            SessionEnd::Idle => "無操作による自動ログアウト",
            SessionEnd::Expired => "有効期限切れによるログアウト",
            SessionEnd::EndedByAdministrator => "システム管理者がセッションを終了",
        }
    }
}

/// Tokens carry 256 random bits, so a plain SHA-256 is the right store for them: unlike a
/// password there is nothing to guess, and the lookup stays one indexed equality.
fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn expired(message: &str) -> AppError {
    AppError::new(ErrorCode::AuthFailed, message)
}

/// Whether a stored session may still be used at `now`, and if not, why it ends.
pub fn session_end_at(
    record: &SessionRecord,
    idle_minutes: i64,
    now: DateTime<Utc>,
) -> Option<SessionEnd> {
    if now >= record.expires_at {
        Some(SessionEnd::Expired)
    } else if now - record.last_seen_at >= TimeDelta::minutes(idle_minutes) {
        Some(SessionEnd::Idle)
    } else {
        None
    }
}

impl Hoshu {
    /// Checks the password (with every rule of [`Hoshu::login`]) and opens a session for the
    /// terminal at `client_addr`.
    pub async fn start_session(
        &self,
        login: &str,
        password: &str,
        client_addr: &str,
    ) -> AppResult<StartedSession> {
        let session = self.login_from(login, password, Some(client_addr)).await?;
        let now = self.now();
        let token = new_token();
        let mut tx = self.begin().await?;
        let id = tx
            .insert_session(NewSession {
                token_hash: &token_hash(&token),
                account_id: session.actor.account_id,
                client_addr,
                started_at: now,
                expires_at: now + TimeDelta::hours(SESSION_MAX_HOURS),
            })
            .await?;
        audit(
            &mut tx,
            &session.actor,
            "session.start",
            format!("session:{id}"),
            format!("端末 {client_addr} でセッション開始"),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(StartedSession { token, session })
    }

    /// The session behind `token`, refused when it is unknown, ended, idle past the set
    /// minutes, past its absolute expiry, or its account is disabled. Every refusal is the
    /// same kind of error (`auth_failed`): the terminal goes back to the log-in screen.
    pub async fn resume_session(&self, token: &str) -> AppResult<Session> {
        let now = self.now();
        let mut tx = self.store().begin_read().await?;
        let record = tx
            .session_by_token_hash(&token_hash(token))
            .await?
            .ok_or_else(|| expired("ログインしてください。"))?;
        if record.ended_at.is_some() {
            return Err(expired(
                "このセッションは終了しています。再度ログインしてください。",
            ));
        }
        let settings = DeskSettings::load(&mut tx).await?;
        let account = tx.account_by_id(record.account_id).await?;
        tx.rollback().await?;
        if let Some(end) = session_end_at(&record, settings.idle_logout_minutes, now) {
            self.finish_session(&record, end, None).await?;
            return Err(expired(match end {
                SessionEnd::Idle => {
                    "一定時間操作がなかったため、ログアウトしました。再度ログインしてください。"
                }
                _ => LOGIN_AGAIN,
            }));
        }
        let account_must_change = account.as_ref().is_some_and(|a| a.must_change_password);
        let actor = match account {
            Some(a) if !a.disabled => actor_of(&a),
            _ => {
                return Err(expired(
                    "このアカウントは利用できなくなりました。再度ログインしてください。",
                ));
            }
        };
        if now - record.last_seen_at >= TimeDelta::seconds(TOUCH_EVERY_SECONDS) {
            let mut tx = self.begin().await?;
            tx.touch_session(record.id, now).await?;
            tx.commit().await?;
        }
        Ok(Session {
            actor,
            started_at: record.started_at,
            idle_logout_minutes: settings.idle_logout_minutes,
            must_change_password: account_must_change,
        })
    }

    /// Log-out from the terminal: the token stops working at once, on every server.
    pub async fn end_session(&self, token: &str) -> AppResult<()> {
        let mut tx = self.store().begin_read().await?;
        let record = tx.session_by_token_hash(&token_hash(token)).await?;
        tx.rollback().await?;
        match record {
            Some(r) if r.ended_at.is_none() => {
                self.finish_session(&r, SessionEnd::Logout, None).await
            }
            _ => Ok(()),
        }
    }

    /// Who is logged in now, from which terminal (the administrator's list).
    pub async fn open_sessions(&self, session: &Session) -> AppResult<Vec<OpenSessionView>> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ManageAccounts, Resource::System)?;
        let settings = DeskSettings::load(&mut tx).await?;
        let records = tx
            .open_sessions(now, now - TimeDelta::minutes(settings.idle_logout_minutes))
            .await?;
        let mut views = Vec::with_capacity(records.len());
        for r in records {
            let Some(account) = tx.account_by_id(r.account_id).await? else {
                continue;
            };
            views.push(OpenSessionView {
                id: r.id,
                login: account.login,
                display_name: account.display_name,
                office: account.office,
                client_addr: r.client_addr,
                started_at: r.started_at,
                last_seen_at: r.last_seen_at,
                expires_at: r.expires_at,
            });
        }
        Ok(views)
    }

    /// The administrator ends someone's session (a terminal left logged in, a lost laptop).
    pub async fn end_session_of(&self, session: &Session, session_id: i64) -> AppResult<()> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ManageAccounts, Resource::System)?;
        let record = tx
            .session_by_id(session_id)
            .await?
            .ok_or_else(|| AppError::not_found(&format!("セッション（ID {session_id}）")))?;
        tx.rollback().await?;
        self.finish_session(
            &record,
            SessionEnd::EndedByAdministrator,
            Some(&actor.login),
        )
        .await
    }

    async fn finish_session(
        &self,
        record: &SessionRecord,
        end: SessionEnd,
        ended_by: Option<&str>,
    ) -> AppResult<()> {
        let now = self.now();
        let mut tx = self.begin().await?;
        if !tx.end_session(record.id, now, end.code()).await? {
            return Ok(());
        }
        let account = tx.account_by_id(record.account_id).await?;
        let actor_login = ended_by
            .map(str::to_owned)
            .or_else(|| account.as_ref().map(|a| a.login.clone()))
            .unwrap_or_else(|| "-".into());
        tx.append_audit(
            hoshu_core::audit::AuditEvent {
                actor: actor_login,
                action: "session.end".into(),
                target: format!("session:{}", record.id),
                summary: format!("{}（端末 {}）", end.label(), record.client_addr),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(last_seen_min_ago: i64, expires_in_min: i64, now: DateTime<Utc>) -> SessionRecord {
        SessionRecord {
            id: 1,
            account_id: 1,
            client_addr: "192.0.2.10".into(),
            started_at: now - TimeDelta::hours(1),
            last_seen_at: now - TimeDelta::minutes(last_seen_min_ago),
            expires_at: now + TimeDelta::minutes(expires_in_min),
            ended_at: None,
            end_reason: None,
        }
    }

    #[test]
    fn a_session_ends_when_idle_or_past_its_absolute_expiry() {
        let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        assert_eq!(session_end_at(&record(14, 60, now), 15, now), None);
        assert_eq!(
            session_end_at(&record(15, 60, now), 15, now),
            Some(SessionEnd::Idle)
        );
        assert_eq!(
            session_end_at(&record(0, 0, now), 15, now),
            Some(SessionEnd::Expired)
        );
    }

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
