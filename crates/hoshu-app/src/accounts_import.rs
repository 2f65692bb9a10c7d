//! The personnel moves from a file: the administrator exports the accounts as CSV, edits them
//! in Excel (new staff, moves between offices, leavers set to 無効) and brings the file back.
//! A dry run shows each row's change and every problem by row; the import writes every change
//! in one transaction or nothing. New accounts get a one-time password made here, answered
//! once to be handed over, and must change it at the first log-in.

use crate::accounts::admin;
use crate::auth::Session;
use crate::error::{AppError, AppResult};
use crate::import::check_size;
use crate::passwords;
use crate::{Hoshu, as_strs, audit, office_codes};
use hoshu_import::Problem;
use hoshu_import::accounts::{AccountDraft, parse};
use hoshu_store::{Account, AccountUpdate, NewAccount};
use serde::Serialize;

/// What a row does to the accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AccountChange {
    New,
    Changed,
    Unchanged,
}

/// One row of the file and what it changes, in words (「所属: 北区中央 → 中区」).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccountImportRow {
    pub row: usize,
    pub login: String,
    pub display_name: String,
    pub change: AccountChange,
    pub details: Vec<String>,
}

/// A one-time password for an account the import created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssuedPassword {
    pub login: String,
    pub one_time_password: String,
}

/// What the file holds and, unless a dry run, what was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccountImportReport {
    pub dry_run: bool,
    pub rows: Vec<AccountImportRow>,
    pub problems: Vec<Problem>,
    pub written: bool,
    /// Only after the import itself: each new account's one-time password.
    pub passwords: Vec<IssuedPassword>,
}

fn compare(draft: &AccountDraft, existing: Option<&Account>) -> AccountImportRow {
    let (change, details) = match existing {
        None => (
            AccountChange::New,
            vec![format!("{}・{}", draft.role.label(), draft.office)],
        ),
        Some(a) => {
            let mut details = Vec::new();
            if a.display_name != draft.display_name {
                details.push(format!("氏名: {} → {}", a.display_name, draft.display_name));
            }
            if a.role != draft.role {
                details.push(format!("権限: {} → {}", a.role.label(), draft.role.label()));
            }
            if a.office != draft.office {
                details.push(format!("所属: {} → {}", a.office, draft.office));
            }
            if a.disabled != draft.disabled {
                details.push(
                    if draft.disabled {
                        "無効にする"
                    } else {
                        "有効に戻す"
                    }
                    .into(),
                );
            }
            let change = if details.is_empty() {
                AccountChange::Unchanged
            } else {
                AccountChange::Changed
            };
            (change, details)
        }
    };
    AccountImportRow {
        row: draft.row,
        login: draft.login.clone(),
        display_name: draft.display_name.clone(),
        change,
        details,
    }
}

impl Hoshu {
    /// Compares the account CSV with the accounts; with `dry_run` false writes every change
    /// or, when any row has a problem, nothing.
    pub async fn import_accounts(
        &self,
        session: &Session,
        bytes: &[u8],
        dry_run: bool,
    ) -> AppResult<AccountImportReport> {
        check_size(bytes)?;
        let now = self.now();
        let mut read = self.begin_read().await?;
        let actor = admin(self, &mut read, session).await?;
        let offices = office_codes(&mut read).await?;
        let accounts = read.list_accounts().await?;
        read.rollback().await?;
        let mut file = parse(bytes, &as_strs(&offices));
        let by_login = |login: &str| accounts.iter().find(|a| a.login == login);
        for d in &file.drafts {
            let own = by_login(&d.login).is_some_and(|a| a.id == actor.account_id);
            if own && (d.disabled || d.role != hoshu_core::Role::Admin) {
                file.problems.push(Problem::at(
                    d.row,
                    "権限",
                    "自分自身の管理者権限を外したり無効化したりはできません。",
                ));
            }
        }
        let rows: Vec<AccountImportRow> = file
            .drafts
            .iter()
            .map(|d| compare(d, by_login(&d.login)))
            .collect();
        let mut report = AccountImportReport {
            dry_run,
            rows,
            problems: file.problems,
            written: false,
            passwords: Vec::new(),
        };
        if dry_run || !report.problems.is_empty() {
            return Ok(report);
        }
        // Hashing is slow on purpose: done before the transaction opens.
        let mut issued = Vec::new();
        for row in report
            .rows
            .iter()
            .filter(|r| r.change == AccountChange::New)
        {
            let one_time = passwords::one_time();
            let hash = passwords::hash_off_thread(&one_time).await?;
            issued.push((row.login.clone(), one_time, hash));
        }
        let mut tx = self.begin().await?;
        let actor = admin(self, &mut tx, session).await?;
        for (draft, row) in file.drafts.iter().zip(&report.rows) {
            let at_row = |e: AppError| e.about(&format!("{}行目", draft.row));
            match row.change {
                AccountChange::Unchanged => continue,
                AccountChange::New => {
                    let Some((_, _, hash)) = issued.iter().find(|(l, _, _)| *l == draft.login)
                    else {
                        continue;
                    };
                    let id = tx
                        .insert_account(
                            &NewAccount {
                                login: draft.login.clone(),
                                display_name: draft.display_name.clone(),
                                role: draft.role,
                                office: draft.office.clone(),
                                password_hash: hash.clone(),
                            },
                            now,
                        )
                        .await
                        .map_err(|e| at_row(e.into()))?;
                    tx.require_password_change(id).await?;
                    if draft.disabled {
                        tx.update_account(id, 1, &update_of(draft), now).await?;
                    }
                    audit(
                        &mut tx,
                        &actor,
                        "account.create",
                        format!("account:{id}"),
                        format!(
                            "アカウント「{}」を一括取込で作成（権限 {}）",
                            draft.login, draft.role
                        ),
                        now,
                    )
                    .await?;
                }
                AccountChange::Changed => {
                    let Some(existing) = by_login(&draft.login) else {
                        continue;
                    };
                    tx.update_account(existing.id, existing.version, &update_of(draft), now)
                        .await
                        .map_err(|e| at_row(e.into()))?;
                    audit(
                        &mut tx,
                        &actor,
                        "account.update",
                        format!("account:{}", existing.id),
                        format!("一括取込で変更（{}）", row.details.join("、")),
                        now,
                    )
                    .await?;
                }
            }
        }
        tx.commit().await?;
        report.written = true;
        report.passwords = issued
            .into_iter()
            .map(|(login, one_time_password, _)| IssuedPassword {
                login,
                one_time_password,
            })
            .collect();
        Ok(report)
    }
}

fn update_of(draft: &AccountDraft) -> AccountUpdate {
    AccountUpdate {
        display_name: draft.display_name.clone(),
        role: draft.role,
        office: draft.office.clone(),
        disabled: draft.disabled,
    }
}
