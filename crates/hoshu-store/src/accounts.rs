//! Offices, accounts and the record of logins.

use crate::Tx;
use crate::columns::{Code, Flag, Millis, Opt};
use crate::error::{Result, StoreError};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset, TimeZone, Utc};
use hoshu_core::Role;
use sqlx::error::ErrorKind;

/// A welfare office or other site accounts belong to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Office {
    pub code: String,
    pub name: String,
    pub sort_order: i64,
}

/// What is needed to create an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub login: String,
    pub display_name: String,
    pub role: Role,
    /// Code of an existing office.
    pub office: String,
    pub password_hash: String,
}

/// What the administrator may change on an account (the password has its own call).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountUpdate {
    pub display_name: String,
    pub role: Role,
    pub office: String,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub login: String,
    pub display_name: String,
    #[sqlx(try_from = "Code<Role>")]
    pub role: Role,
    pub office: String,
    pub password_hash: String,
    /// Failed logins since the last success or reset.
    pub failed_logins: i64,
    #[sqlx(try_from = "Opt<Millis>")]
    pub locked_until: Option<DateTime<Utc>>,
    #[sqlx(try_from = "Flag")]
    pub disabled: bool,
    /// Set by an administrator: the owner must choose their own password first.
    #[sqlx(try_from = "Flag")]
    pub must_change_password: bool,
    pub version: i64,
    #[sqlx(try_from = "Millis")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    pub updated_at: DateTime<Utc>,
}

/// Who set a password, which decides whether its owner must change it at the next log-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordSetBy {
    Administrator,
    Owner,
}

/// Failed log-ins at one terminal since the last success there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct LoginFailures {
    pub failures: i64,
    #[sqlx(try_from = "Opt<Millis>")]
    pub locked_until: Option<DateTime<Utc>>,
}

const ACCOUNT_COLUMNS: &str = "id, login, display_name, role, office, password_hash, \
     failed_logins, locked_until, disabled, must_change_password, version, created_at, updated_at";

fn account_what(id: i64) -> String {
    format!("アカウント（ID {id}）")
}

/// Japan has kept +09:00 all year since 1951, so month boundaries need no time-zone table.
fn tokyo() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| Utc.fix())
}

/// The first instant of the Tokyo month (`year`, `month`).
fn tokyo_month_start(year: i32, month: u32) -> Option<DateTime<Utc>> {
    let date = NaiveDate::from_ymd_opt(year, month, 1)?;
    tokyo()
        .from_local_datetime(&date.and_hms_opt(0, 0, 0)?)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

fn next_month(year: i32, month: u32) -> (i32, u32) {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

impl Tx<'_> {
    // ---- offices -------------------------------------------------------------------------

    /// Creates the office or renames / reorders it.
    pub async fn upsert_office(&mut self, code: &str, name: &str, sort_order: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO offices (code, name, sort_order) VALUES ($1, $2, $3) \
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order",
        )
        .bind(code)
        .bind(name)
        .bind(sort_order)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Every office, by `sort_order`, then code.
    pub async fn list_offices(&mut self) -> Result<Vec<Office>> {
        Ok(
            sqlx::query_as("SELECT code, name, sort_order FROM offices ORDER BY sort_order, code")
                .fetch_all(self.conn())
                .await?,
        )
    }

    // ---- accounts ------------------------------------------------------------------------

    /// Creates an account (version 1) and returns its id. A login already in use is a
    /// [`StoreError::Constraint`] naming it; an unknown office is one too.
    pub async fn insert_account(&mut self, new: &NewAccount, now: DateTime<Utc>) -> Result<i64> {
        let result = sqlx::query_scalar::<_, i64>(
            "INSERT INTO accounts (login, display_name, role, office, password_hash, \
             failed_logins, locked_until, disabled, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 0, NULL, 0, 1, $6, $6) RETURNING id",
        )
        .bind(&new.login)
        .bind(&new.display_name)
        .bind(Code(new.role))
        .bind(&new.office)
        .bind(&new.password_hash)
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await;
        match result {
            Ok(id) => Ok(id),
            Err(sqlx::Error::Database(db)) if db.kind() == ErrorKind::UniqueViolation => {
                Err(StoreError::Constraint {
                    message: format!("ログインID「{}」は既に使われています。", new.login),
                })
            }
            Err(sqlx::Error::Database(db)) if db.kind() == ErrorKind::ForeignKeyViolation => {
                Err(StoreError::Constraint {
                    message: format!("所属「{}」は登録されていません。", new.office),
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The owner must choose a new password at the next log-in (a new account).
    pub async fn require_password_change(&mut self, id: i64) -> Result<()> {
        sqlx::query("UPDATE accounts SET must_change_password = 1 WHERE id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn account_by_login(&mut self, login: &str) -> Result<Option<Account>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE login = $1");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(login)
            .fetch_optional(self.conn())
            .await?)
    }

    pub async fn account_by_id(&mut self, id: i64) -> Result<Option<Account>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.conn())
            .await?)
    }

    /// Every account, by login.
    pub async fn list_accounts(&mut self) -> Result<Vec<Account>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY login");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_all(self.conn())
            .await?)
    }

    /// The failed log-ins of account `id` at the terminal `client_addr` since its last
    /// success there, and the lock they set, if any.
    pub async fn login_failures_at(&mut self, id: i64, client_addr: &str) -> Result<LoginFailures> {
        let failures = sqlx::query_as(
            "SELECT failures, locked_until FROM login_failures \
             WHERE account_id = $1 AND client_addr = $2",
        )
        .bind(id)
        .bind(client_addr)
        .fetch_optional(self.conn())
        .await?;
        Ok(failures.unwrap_or_default())
    }

    /// Counts one more failed log-in of account `id` at `client_addr` and returns that
    /// terminal's count; locks the account at that terminal until `lock_until` when given. The
    /// account's totals (what the administrator sees) count it too. Neither this nor the
    /// resets change the version: a log-in attempt must not make an administrator's open form
    /// stale.
    pub async fn record_failed_login(
        &mut self,
        id: i64,
        client_addr: &str,
        now: DateTime<Utc>,
        lock_until: Option<DateTime<Utc>>,
    ) -> Result<i64> {
        let updated = sqlx::query(
            "UPDATE accounts SET failed_logins = failed_logins + 1, \
             locked_until = COALESCE($2, locked_until), updated_at = $3 WHERE id = $1",
        )
        .bind(id)
        .bind(lock_until.map(Millis))
        .bind(Millis(now))
        .execute(self.conn())
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::not_found(account_what(id)));
        }
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO login_failures (account_id, client_addr, failures, locked_until, updated_at) \
             VALUES ($1, $2, 1, $3, $4) \
             ON CONFLICT (account_id, client_addr) DO UPDATE SET \
             failures = login_failures.failures + 1, \
             locked_until = COALESCE(excluded.locked_until, login_failures.locked_until), \
             updated_at = excluded.updated_at \
             RETURNING failures",
        )
        .bind(id)
        .bind(client_addr)
        .bind(lock_until.map(Millis))
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await?)
    }

    /// A successful log-in at `client_addr`: that terminal's failures go; the account's
    /// count restarts, and its lock shows only what other terminals still hold.
    pub async fn clear_failed_logins_at(
        &mut self,
        id: i64,
        client_addr: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE account_id = $1 AND client_addr = $2")
            .bind(id)
            .bind(client_addr)
            .execute(self.conn())
            .await?;
        let done = sqlx::query(
            "UPDATE accounts SET failed_logins = 0, updated_at = $2, locked_until = \
             (SELECT MAX(locked_until) FROM login_failures WHERE account_id = $1 \
              AND locked_until > $2) WHERE id = $1",
        )
        .bind(id)
        .bind(Millis(now))
        .execute(self.conn())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(account_what(id)));
        }
        Ok(())
    }

    /// Clears every failure and lock of the account, at every terminal (the administrator).
    pub async fn reset_failed_logins(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE account_id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        let done = sqlx::query(
            "UPDATE accounts SET failed_logins = 0, locked_until = NULL, updated_at = $2 \
             WHERE id = $1",
        )
        .bind(id)
        .bind(Millis(now))
        .execute(self.conn())
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(account_what(id)));
        }
        Ok(())
    }

    /// Changes name, role, office and the disabled flag; returns the new version.
    pub async fn update_account(
        &mut self,
        id: i64,
        expected_version: i64,
        update: &AccountUpdate,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let result = sqlx::query_scalar::<_, i64>(
            "UPDATE accounts SET display_name = $3, role = $4, office = $5, disabled = $6, \
             version = version + 1, updated_at = $7 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(&update.display_name)
        .bind(Code(update.role))
        .bind(&update.office)
        .bind(Flag(update.disabled))
        .bind(Millis(now))
        .fetch_optional(self.conn())
        .await;
        let new_version = match result {
            Err(sqlx::Error::Database(db)) if db.kind() == ErrorKind::ForeignKeyViolation => {
                return Err(StoreError::Constraint {
                    message: format!("所属「{}」は登録されていません。", update.office),
                });
            }
            other => other?,
        };
        self.versioned("accounts", id, account_what(id), new_version)
            .await
    }

    /// Replaces the password hash; returns the new version.
    pub async fn set_password_hash(
        &mut self,
        id: i64,
        expected_version: i64,
        password_hash: &str,
        set_by: PasswordSetBy,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let new_version = sqlx::query_scalar::<_, i64>(
            "UPDATE accounts SET password_hash = $3, must_change_password = $5, \
             version = version + 1, updated_at = $4 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(password_hash)
        .bind(Millis(now))
        .bind(Flag(set_by == PasswordSetBy::Administrator))
        .fetch_optional(self.conn())
        .await?;
        self.versioned("accounts", id, account_what(id), new_version)
            .await
    }

    /// Finishes an update guarded by `version = expected`: the new version when a row was
    /// updated, otherwise [`StoreError::NotFound`] or [`StoreError::Stale`] naming `what`.
    pub(crate) async fn versioned(
        &mut self,
        table: &'static str,
        id: i64,
        what: String,
        new_version: Option<i64>,
    ) -> Result<i64> {
        if let Some(v) = new_version {
            return Ok(v);
        }
        let sql = format!("SELECT version FROM {table} WHERE id = $1");
        let exists = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.conn())
            .await?;
        Err(match exists {
            None => StoreError::not_found(what),
            Some(_) => StoreError::stale(what),
        })
    }

    // ---- login records -------------------------------------------------------------------

    /// Records a login attempt, successful or not (`account_id` is `None` for an unknown
    /// login).
    pub async fn insert_login_record(
        &mut self,
        login: &str,
        account_id: Option<i64>,
        at: DateTime<Utc>,
        succeeded: bool,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO login_records (login, account_id, at, succeeded) VALUES ($1, $2, $3, $4)",
        )
        .bind(login)
        .bind(account_id)
        .bind(Millis(at))
        .bind(Flag(succeeded))
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Successful logins per month, months taken in Tokyo time: one entry `(year, month,
    /// count)` for every month that overlaps `[from, to)`, zero counts included, oldest first.
    /// Only logins inside `[from, to)` are counted, so a range that starts or ends mid-month
    /// counts that month partly.
    pub async fn login_counts_by_month(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<(i32, u32, i64)>> {
        let mut out = Vec::new();
        if to <= from {
            return Ok(out);
        }
        let first = from.with_timezone(&tokyo());
        let (mut year, mut month) = (first.year(), first.month());
        while let Some(start) = tokyo_month_start(year, month) {
            if start >= to {
                break;
            }
            let (ny, nm) = next_month(year, month);
            let Some(end) = tokyo_month_start(ny, nm) else {
                break;
            };
            let count = sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM login_records WHERE succeeded = 1 AND at >= $1 AND at < $2",
            )
            .bind(Millis(start.max(from)))
            .bind(Millis(end.min(to)))
            .fetch_one(self.conn())
            .await?;
            out.push((year, month, count));
            (year, month) = (ny, nm);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokyo_months_start_at_15_utc_the_day_before() {
        let s = tokyo_month_start(2026, 4).unwrap();
        assert_eq!(s.to_rfc3339(), "2026-03-31T15:00:00+00:00");
        assert_eq!(next_month(2026, 12), (2027, 1));
    }
}
