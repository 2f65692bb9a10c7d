//! Accounts and offices, kept by the administrator; and the first set-up of a new database.

use crate::auth::Session;
use crate::deliverables::Rendered;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::exports::{BulkExport, audit_export, confirm_bulk};
use crate::{Hoshu, as_strs, audit, office_codes, passwords};
use chrono::{DateTime, Utc};
use hoshu_core::account::{NewAccountInput, validate_password};
use hoshu_core::audit::AuditEvent;
use hoshu_core::calendar::tokyo;
use hoshu_core::export::spreadsheet_safe;
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::request::validate_office;
use hoshu_core::{Actor, Role, ValidationErrors};
use hoshu_store::{Account, AccountUpdate, NewAccount, Office, PasswordSetBy, Tx};
use serde::{Deserialize, Serialize};

/// An account as the administration screen shows it: never the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccountView {
    pub id: i64,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub office: String,
    pub disabled: bool,
    pub locked_until: Option<DateTime<Utc>>,
    pub failed_logins: i64,
    pub version: i64,
}

impl From<Account> for AccountView {
    fn from(a: Account) -> Self {
        Self {
            id: a.id,
            login: a.login,
            display_name: a.display_name,
            role: a.role,
            office: a.office,
            disabled: a.disabled,
            locked_until: a.locked_until,
            failed_logins: a.failed_logins,
            version: a.version,
        }
    }
}

/// What the administrator filtered the account list by: words in the ID or name, a role, an
/// office, enabled or disabled. Empty means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct AccountFilter {
    pub text: Option<String>,
    pub role: Option<Role>,
    pub office: Option<String>,
    pub disabled: Option<bool>,
}

impl AccountFilter {
    fn matches(&self, a: &Account) -> bool {
        let words = self
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        words.is_none_or(|w| {
            let w = w.to_lowercase();
            a.login.to_lowercase().contains(&w) || a.display_name.to_lowercase().contains(&w)
        }) && self.role.is_none_or(|r| a.role == r)
            && self.office.as_deref().is_none_or(|o| a.office == o)
            && self.disabled.is_none_or(|d| a.disabled == d)
    }
}

/// An account as the administrator saw it: a change is refused if it moved on since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VersionedAccount {
    pub id: i64,
    pub expected_version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccountUpdateInput {
    pub expected_version: i64,
    pub display_name: String,
    pub role: Role,
    pub office: String,
    pub disabled: bool,
}

/// The seven sites of the contract (000 第7章第1節): the section and six welfare offices.
pub const OKAYAMA_SITES: &[(&str, &str)] = &[
    ("section", "生活保護・自立支援課"),
    ("kita_chuo", "北区中央福祉事務所"),
    ("kita_kita", "北区北福祉事務所"),
    ("naka", "中区福祉事務所"),
    ("higashi", "東区福祉事務所"),
    ("minami_nishi", "南区西福祉事務所"),
    ("minami_minami", "南区南福祉事務所"),
];

/// The contractor's own site: contractor accounts belong to it.
pub const CONTRACTOR_SITE: (&str, &str) = ("contractor", "受託者（運用保守）");

/// The rules of `validate_password` name their field `password`; the change form has two.
fn renamed(mut e: ValidationErrors, from: &str, to: &'static str) -> ValidationErrors {
    for f in &mut e.0 {
        if f.field == from {
            f.field = to;
            f.label = "新しいパスワード";
        }
    }
    e
}

pub(crate) async fn admin(hoshu: &Hoshu, tx: &mut Tx<'_>, session: &Session) -> AppResult<Actor> {
    let actor = hoshu.actor(tx, session).await?;
    authorize(&actor, Action::ManageAccounts, Resource::System)?;
    Ok(actor)
}

/// A reset: the account's new version and the one-time password to hand to its owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PasswordReset {
    pub version: i64,
    pub one_time_password: String,
}

impl Hoshu {
    /// Offices anyone logged in may pick from.
    pub async fn offices(&self, session: &Session) -> AppResult<Vec<Office>> {
        let mut tx = self.begin_read().await?;
        self.actor(&mut tx, session).await?;
        Ok(tx.list_offices().await?)
    }

    pub async fn accounts(&self, session: &Session) -> AppResult<Vec<AccountView>> {
        let mut tx = self.begin_read().await?;
        admin(self, &mut tx, session).await?;
        Ok(tx
            .list_accounts()
            .await?
            .into_iter()
            .map(AccountView::from)
            .collect())
    }

    /// The accounts the administrator filtered, as CSV (UTF-8 with BOM, for Excel) to prepare
    /// the personnel moves: ログインID, 氏名, 権限, 所属コード, 所属, 状態. Audited with its row
    /// count; a cell a spreadsheet would run is neutralised.
    pub async fn export_accounts(
        &self,
        session: &Session,
        filter: AccountFilter,
        bulk: BulkExport,
    ) -> AppResult<Rendered> {
        const WHAT: &str = "アカウント一覧";
        let now = self.now();
        let mut read = self.begin_read().await?;
        let actor = admin(self, &mut read, session).await?;
        let offices = read.list_offices().await?;
        let accounts: Vec<Account> = read
            .list_accounts()
            .await?
            .into_iter()
            .filter(|a| filter.matches(a))
            .collect();
        confirm_bulk(&mut read, WHAT, accounts.len(), bulk).await?;
        read.rollback().await?;
        let office_name = |code: &str| {
            offices
                .iter()
                .find(|o| o.code == code)
                .map_or(code, |o| o.name.as_str())
                .to_owned()
        };
        let mut csv = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        let write_error = |e: csv::Error| {
            AppError::new(
                ErrorCode::Internal,
                format!("CSVを作成できませんでした: {e}"),
            )
        };
        csv.write_record(["ログインID", "氏名", "権限", "所属コード", "所属", "状態"])
            .map_err(write_error)?;
        for a in &accounts {
            let state = if a.disabled { "無効" } else { "有効" };
            let cells = [
                a.login.clone(),
                a.display_name.clone(),
                a.role.label().to_owned(),
                a.office.clone(),
                office_name(&a.office),
                state.to_owned(),
            ];
            csv.write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()))
                .map_err(write_error)?;
        }
        let bytes = csv.into_inner().map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("CSVを作成できませんでした: {e}"),
            )
        })?;
        let mut tx = self.begin().await?;
        audit_export(&mut tx, &actor, WHAT, "CSV", accounts.len(), bulk, now).await?;
        tx.commit().await?;
        Ok(Rendered {
            file_name: format!("アカウント一覧_{}.csv", tokyo(now).format("%Y%m%d_%H%M")),
            bytes,
            pages: None,
        })
    }

    pub async fn create_account(
        &self,
        session: &Session,
        input: NewAccountInput,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = admin(self, &mut tx, session).await?;
        let id = create_account(&mut tx, &actor.login, input, now).await?;
        // The administrator knows this password: its owner replaces it at the first log-in.
        tx.require_password_change(id).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The user replaces their own password: the current one is checked again (a terminal
    /// left logged in is not enough), the new one must follow the rules and differ from the
    /// one in use.
    /// Clears the obligation to change it that an administrator's setting left.
    pub async fn change_own_password(
        &self,
        session: &Session,
        current: &str,
        new: &str,
    ) -> AppResult<()> {
        let now = self.now();
        let mut read = self.store().begin_read().await?;
        let account = read
            .account_by_id(session.actor.account_id)
            .await?
            .filter(|a| !a.disabled)
            .ok_or_else(|| AppError::new(ErrorCode::AuthFailed, "再度ログインしてください。"))?;
        read.rollback().await?;
        let mut e = ValidationErrors::new();
        if !passwords::verify_off_thread(current, &account.password_hash).await {
            e.push(
                "current_password",
                "現在のパスワード",
                "現在のパスワードが正しくありません。".into(),
            );
        }
        validate_password(&mut e, new, &account.login);
        // Compared with the password in use, not with what was typed as it: keeping the one
        // an administrator set is exactly what the change is for.
        if new == current || passwords::verify_off_thread(new, &account.password_hash).await {
            e.push(
                "new_password",
                "新しいパスワード",
                "新しいパスワードは現在のパスワードと別のものにしてください。".into(),
            );
        }
        e.into_result()
            .map_err(|e| renamed(e, "password", "new_password"))?;
        let hash = passwords::hash_off_thread(new).await?;
        let mut tx = self.begin().await?;
        let actor = crate::auth::actor_of(&account);
        tx.set_password_hash(
            account.id,
            account.version,
            &hash,
            PasswordSetBy::Owner,
            now,
        )
        .await?;
        audit(
            &mut tx,
            &actor,
            "account.change_password",
            format!("account:{}", account.id),
            "本人がパスワードを変更".into(),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn update_account(
        &self,
        session: &Session,
        id: i64,
        input: AccountUpdateInput,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = admin(self, &mut tx, session).await?;
        let mut e = ValidationErrors::new();
        e.text("display_name", "氏名", &input.display_name, 50);
        let offices = office_codes(&mut tx).await?;
        validate_office(&mut e, &input.office, &as_strs(&offices));
        if id == actor.account_id && (input.disabled || input.role != Role::Admin) {
            e.push(
                "role",
                "権限",
                "自分自身の管理者権限を外したり無効化したりはできません。".into(),
            );
        }
        e.into_result()?;
        let version = tx
            .update_account(
                id,
                input.expected_version,
                &AccountUpdate {
                    display_name: input.display_name,
                    role: input.role,
                    office: input.office,
                    disabled: input.disabled,
                },
                now,
            )
            .await?;
        audit(
            &mut tx,
            &actor,
            "account.update",
            format!("account:{id}"),
            format!(
                "アカウントを変更（権限 {}、{}）",
                input.role,
                if input.disabled { "無効" } else { "有効" }
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Disables the chosen accounts at once (those who left at the April personnel moves):
    /// one transaction, so all are disabled or, when one is stale, missing or the
    /// administrator's own, none; each is audited. Accounts already disabled stay as they
    /// are. Answers how many were disabled now.
    pub async fn disable_accounts(
        &self,
        session: &Session,
        accounts: Vec<VersionedAccount>,
    ) -> AppResult<usize> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = admin(self, &mut tx, session).await?;
        if accounts.iter().any(|a| a.id == actor.account_id) {
            return Err(AppError::field(
                "accounts",
                "無効にするアカウント",
                "自分自身のアカウントは無効にできません。選択から外してください。",
            ));
        }
        let mut disabled = 0;
        for chosen in accounts {
            let account = tx
                .account_by_id(chosen.id)
                .await?
                .ok_or_else(|| AppError::not_found("アカウント"))?;
            if account.disabled {
                continue;
            }
            tx.update_account(
                chosen.id,
                chosen.expected_version,
                &AccountUpdate {
                    display_name: account.display_name,
                    role: account.role,
                    office: account.office,
                    disabled: true,
                },
                now,
            )
            .await?;
            audit(
                &mut tx,
                &actor,
                "account.update",
                format!("account:{}", chosen.id),
                "アカウントを一括で無効化".to_owned(),
                now,
            )
            .await?;
            disabled += 1;
        }
        tx.commit().await?;
        Ok(disabled)
    }

    /// Gives the account a one-time password made here (the administrator never chooses
    /// one) and lifts every lock; the owner must replace it at the first log-in. The password
    /// is answered once, to be handed over, and kept nowhere but as its hash.
    pub async fn reset_password(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
    ) -> AppResult<PasswordReset> {
        let now = self.now();
        let one_time = passwords::one_time();
        let hash = passwords::hash_off_thread(&one_time).await?;
        let mut tx = self.begin().await?;
        let actor = admin(self, &mut tx, session).await?;
        tx.account_by_id(id)
            .await?
            .ok_or_else(|| AppError::not_found("アカウント"))?;
        let version = tx
            .set_password_hash(
                id,
                expected_version,
                &hash,
                PasswordSetBy::Administrator,
                now,
            )
            .await?;
        tx.reset_failed_logins(id, now).await?;
        audit(
            &mut tx,
            &actor,
            "account.reset_password",
            format!("account:{id}"),
            "一時パスワードを発行しロックを解除（次回ログイン時に本人が変更）".into(),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(PasswordReset {
            version,
            one_time_password: one_time,
        })
    }

    /// Prepares a new database: the sites and, when there is no account yet, an administrator
    /// with the given password. Returns whether the administrator was created.
    pub async fn initialise(&self, admin_password: &str) -> AppResult<bool> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let created = initialise(&mut tx, admin_password, now).await?;
        tx.commit().await?;
        Ok(created)
    }
}

pub(crate) async fn initialise(
    tx: &mut Tx<'_>,
    admin_password: &str,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let existing = tx.list_offices().await?;
    for (order, (code, name)) in OKAYAMA_SITES.iter().chain([&CONTRACTOR_SITE]).enumerate() {
        if !existing.iter().any(|o| o.code == *code) {
            tx.upsert_office(code, name, order as i64).await?;
        }
    }
    if !tx.list_accounts().await?.is_empty() {
        return Ok(false);
    }
    create_account(
        tx,
        "system",
        NewAccountInput {
            login: "admin".into(),
            display_name: "システム管理者".into(),
            role: Role::Admin,
            office: "section".into(),
            password: admin_password.into(),
        },
        now,
    )
    .await?;
    Ok(true)
}

pub(crate) async fn create_account(
    tx: &mut Tx<'_>,
    by: &str,
    input: NewAccountInput,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let offices = office_codes(tx).await?;
    input.validate(&as_strs(&offices))?;
    let hash = passwords::hash(&input.password)?;
    let id = tx
        .insert_account(
            &NewAccount {
                login: input.login.clone(),
                display_name: input.display_name,
                role: input.role,
                office: input.office,
                password_hash: hash,
            },
            now,
        )
        .await?;
    tx.append_audit(
        AuditEvent {
            actor: by.to_owned(),
            action: "account.create".into(),
            target: format!("account:{id}"),
            summary: format!("アカウント「{}」を作成（権限 {}）", input.login, input.role),
        },
        now,
    )
    .await?;
    Ok(id)
}
