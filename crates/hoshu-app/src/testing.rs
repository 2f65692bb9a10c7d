//! Accounts for the tests of the crates above, made as people make them: the administrator
//! creates each account with a first password, and its owner logs in once and replaces it.

use crate::{Hoshu, Session};
use hoshu_core::Role;
use hoshu_core::account::NewAccountInput;

/// What the administrator sets; each owner replaces it at the first log-in.
pub const FIRST_PASSWORD: &str = "kari-pass-2026";

/// Creates `accounts` (log-in ID, role, office) as `admin`, each ending with `password` chosen
/// by its owner; their ids in the same order.
pub async fn add_accounts(
    hoshu: &Hoshu,
    admin: &Session,
    accounts: &[(&str, Role, &str)],
    password: &str,
) -> Vec<i64> {
    let mut ids = Vec::with_capacity(accounts.len());
    for &(login, role, office) in accounts {
        let id = hoshu
            .create_account(
                admin,
                NewAccountInput {
                    login: login.into(),
                    display_name: format!("{login} 氏名"),
                    role,
                    office: office.into(),
                    password: FIRST_PASSWORD.into(),
                },
            )
            .await
            .expect("the administrator creates the account");
        let first = hoshu
            .login(login, FIRST_PASSWORD)
            .await
            .expect("the first log-in");
        assert!(first.must_change_password);
        hoshu
            .change_own_password(&first, FIRST_PASSWORD, password)
            .await
            .expect("the owner chooses a password");
        ids.push(id);
    }
    ids
}
