//! Log-in, log-out and the session every other use case takes.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::settings::DeskSettings;
use crate::{Hoshu, audit, passwords};
use chrono::{DateTime, Utc};
use hoshu_core::account::{is_locked, lock_after_failure};
use hoshu_core::audit::AuditEvent;
use hoshu_core::{Actor, Role};
use hoshu_store::{Account, Tx};
use serde::{Deserialize, Serialize};

/// Who is logged in. Holding a session proves a password was checked; each use case still
/// re-reads the account, so disabling it or changing its role takes effect at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Session {
    pub actor: Actor,
    pub started_at: DateTime<Utc>,
    /// Minutes without input after which the desktop app logs out (shared terminals).
    pub idle_logout_minutes: i64,
    /// An administrator set the password: nothing else works until its owner changes it.
    #[serde(default)]
    pub must_change_password: bool,
}

const WRONG_CREDENTIALS: &str = "ログインIDまたはパスワードが正しくありません。";

pub(crate) fn actor_of(account: &Account) -> Actor {
    Actor {
        account_id: account.id,
        login: account.login.clone(),
        display_name: account.display_name.clone(),
        role: account.role,
        office: account.office.clone(),
    }
}

/// How failures at the local database's own terminal are counted (it has no network address).
const THIS_TERMINAL: &str = "この端末";

impl Hoshu {
    /// Checks the password at this terminal (the local database). Five failures in a row at
    /// one terminal lock the account there for the set minutes; every attempt is kept as a
    /// login record and in the audit log.
    pub async fn login(&self, login: &str, password: &str) -> AppResult<Session> {
        self.login_from(login, password, None).await
    }

    /// [`Hoshu::login`] from a terminal known by its address, which the audit entries name.
    pub(crate) async fn login_from(
        &self,
        login: &str,
        password: &str,
        client_addr: Option<&str>,
    ) -> AppResult<Session> {
        let from = client_addr
            .map(|a| format!("（端末 {a}）"))
            .unwrap_or_default();
        // Failures are counted per terminal: a lock holds where the wrong passwords were typed.
        let terminal = client_addr.unwrap_or(THIS_TERMINAL);
        let now = self.now();
        // The password is checked before the write transaction and off the async threads:
        // a terminal typing its password never holds the database's write lock.
        let mut read = self.store().begin_read().await?;
        let found = read.account_by_login(login).await?;
        let locked_here = match &found {
            Some(a) => read.login_failures_at(a.id, terminal).await?.locked_until,
            None => None,
        };
        read.rollback().await?;
        let checked_hash = match found {
            Some(a) if !a.disabled && !is_locked(locked_here, now) => {
                passwords::verify_off_thread(password, &a.password_hash)
                    .await
                    .then_some(a.password_hash)
            }
            _ => {
                passwords::burn_time_off_thread(password).await;
                None
            }
        };
        let mut tx = self.begin().await?;
        let settings = DeskSettings::load(&mut tx).await?;
        let Some(account) = tx.account_by_login(login).await? else {
            tx.insert_login_record(login, None, now, false).await?;
            tx.append_audit(
                AuditEvent {
                    actor: "-".into(),
                    action: "auth.login_failed".into(),
                    target: format!("login:{}", truncate(login, 40)),
                    summary: format!("存在しないログインIDでのログイン失敗{from}"),
                },
                now,
            )
            .await?;
            tx.commit().await?;
            return Err(wrong_credentials());
        };
        let actor = actor_of(&account);
        let target = format!("account:{}", account.id);
        if account.disabled {
            tx.insert_login_record(login, Some(account.id), now, false)
                .await?;
            audit(
                &mut tx,
                &actor,
                "auth.login_failed",
                target,
                format!("無効化されたアカウントでのログイン失敗{from}"),
                now,
            )
            .await?;
            tx.commit().await?;
            return Err(wrong_credentials());
        }
        let failures_here = tx.login_failures_at(account.id, terminal).await?;
        if is_locked(failures_here.locked_until, now) {
            tx.insert_login_record(login, Some(account.id), now, false)
                .await?;
            audit(
                &mut tx,
                &actor,
                "auth.login_failed",
                target,
                format!("ロック中のアカウントへのログイン試行{from}"),
                now,
            )
            .await?;
            tx.commit().await?;
            return Err(wrong_credentials());
        }
        // A password changed between the check and now counts as wrong: try again.
        if checked_hash.as_deref() != Some(account.password_hash.as_str()) {
            let failures = failures_here.failures + 1;
            let lock_until = lock_after_failure(failures, now, settings.lockout_minutes);
            tx.record_failed_login(account.id, terminal, now, lock_until)
                .await?;
            tx.insert_login_record(login, Some(account.id), now, false)
                .await?;
            let summary = match lock_until {
                Some(_) => {
                    format!("パスワード誤り{failures}回目によりこの端末でアカウントをロック{from}")
                }
                None => format!("パスワード誤り（{failures}回目）{from}"),
            };
            audit(&mut tx, &actor, "auth.login_failed", target, summary, now).await?;
            tx.commit().await?;
            return Err(wrong_credentials());
        }
        tx.clear_failed_logins_at(account.id, terminal, now).await?;
        tx.insert_login_record(login, Some(account.id), now, true)
            .await?;
        audit(
            &mut tx,
            &actor,
            "auth.login",
            target,
            format!("ログイン{from}"),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Session {
            actor,
            started_at: now,
            idle_logout_minutes: settings.idle_logout_minutes,
            must_change_password: account.must_change_password,
        })
    }

    /// Records the end of a session (explicit or by idle time-out).
    pub async fn logout(&self, session: &Session, reason: LogoutReason) -> AppResult<()> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let summary = match reason {
            LogoutReason::User => "ログアウト",
            LogoutReason::Idle => "無操作による自動ログアウト",
        };
        audit(
            &mut tx,
            &session.actor,
            "auth.logout",
            format!("account:{}", session.actor.account_id),
            summary.into(),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The session's account as it is now; refuses a disabled or deleted account.
    ///
    /// A write sent with an idempotency key claims it here, inside the use case's own
    /// transaction: the claim commits with the write or not at all.
    pub(crate) async fn actor(&self, tx: &mut Tx<'_>, session: &Session) -> AppResult<Actor> {
        let actor = match tx.account_by_id(session.actor.account_id).await? {
            Some(a) if a.must_change_password && !a.disabled => {
                return Err(AppError::new(
                    ErrorCode::PasswordChangeRequired,
                    "管理者が設定したパスワードのままです。先にご自身のパスワードに変更してください。",
                ));
            }
            Some(a) if !a.disabled => actor_of(&a),
            _ => {
                return Err(AppError::new(
                    ErrorCode::AuthFailed,
                    "このアカウントは利用できなくなりました。再度ログインしてください。",
                ));
            }
        };
        if let Some(claim) = &self.idempotency {
            let claimed = tx
                .claim_idempotency_key(actor.account_id, &claim.key, &claim.operation, self.now())
                .await?;
            if !claimed {
                return Err(AppError::new(
                    ErrorCode::Replayed,
                    "この操作は既に受け付けられています（再送信）。",
                ));
            }
        }
        Ok(actor)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoutReason {
    User,
    Idle,
}

/// The one answer to a failed log-in, whether the ID is unknown, the password wrong or the
/// account locked or disabled: a different answer would tell someone guessing which IDs exist
/// and when they have locked one. The administrator sees locks on アカウント管理 and lifts them.
fn wrong_credentials() -> AppError {
    AppError::new(ErrorCode::AuthFailed, WRONG_CREDENTIALS)
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().filter(|c| !c.is_control()).take(max).collect()
}

/// Only an account of `role` may be used where one is named (e.g. an assignee).
pub(crate) fn require_role(account: &Account, role: Role, message: &str) -> AppResult<()> {
    if account.role == role && !account.disabled {
        Ok(())
    } else {
        Err(AppError::new(ErrorCode::Validation, message))
    }
}
