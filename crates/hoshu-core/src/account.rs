//! Accounts: what an administrator may enter, and the lockout rule.

use crate::policy::Role;
use crate::request::validate_office;
use crate::validation::ValidationErrors;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Failed log-ins in a row that lock an account.
pub const MAX_FAILED_LOGINS: i64 = 5;
/// Shortest password accepted.
pub const PASSWORD_MIN_CHARS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewAccountInput {
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub office: String,
    pub password: String,
}

impl NewAccountInput {
    pub fn validate(&self, known_offices: &[&str]) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        validate_login(&mut e, &self.login);
        e.text("display_name", "氏名", &self.display_name, 50)
            .printable("display_name", "氏名", &self.display_name);
        validate_office(&mut e, &self.office, known_offices);
        validate_password(&mut e, &self.password, &self.login);
        e.into_result()
    }
}

/// Log-in IDs are typed on shared terminals: lower-case ASCII letters, digits, `.`, `_`, `-`.
pub fn validate_login(e: &mut ValidationErrors, login: &str) {
    let ok_chars = login
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if login.is_empty() {
        e.push(
            "login",
            "ログインID",
            "ログインIDを入力してください。".into(),
        );
    } else if !ok_chars || !(3..=32).contains(&login.len()) {
        e.push(
            "login",
            "ログインID",
            "ログインIDは半角英小文字・数字・「.」「_」「-」の3〜32文字で入力してください。".into(),
        );
    }
}

/// A password long enough to resist guessing and not the log-in ID itself.
pub fn validate_password(e: &mut ValidationErrors, password: &str, login: &str) {
    let len = password.chars().count();
    if len < PASSWORD_MIN_CHARS {
        e.push(
            "password",
            "パスワード",
            format!("パスワードは{PASSWORD_MIN_CHARS}文字以上で入力してください。"),
        );
    } else if len > 128 {
        e.push(
            "password",
            "パスワード",
            "パスワードは128文字以内で入力してください。".into(),
        );
    } else if !login.is_empty() && password.to_lowercase().contains(&login.to_lowercase()) {
        e.push(
            "password",
            "パスワード",
            "パスワードにログインIDを含めないでください。".into(),
        );
    }
}

/// Letters and digits that cannot be mistaken for one another when read out or copied from a
/// screen (no 0/o, 1/l/i).
const ONE_TIME_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// The one-time password an administrator hands over after a reset, from `random` bytes:
/// three groups of four, e.g. `k7qm-x4tp-9hzr` (about 59 bits). Its owner must replace it at
/// the first log-in, so nobody but them knows the password in use.
pub fn one_time_password(random: &[u8; 12]) -> String {
    let chars: Vec<char> = random
        .iter()
        .map(|b| ONE_TIME_ALPHABET[usize::from(*b) % ONE_TIME_ALPHABET.len()] as char)
        .collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// After a failed log-in that brings the count to `failures`: the instant until which the
/// account stays locked, or `None` if it stays usable.
pub fn lock_after_failure(
    failures: i64,
    now: DateTime<Utc>,
    lock_minutes: i64,
) -> Option<DateTime<Utc>> {
    (failures >= MAX_FAILED_LOGINS).then(|| now + TimeDelta::minutes(lock_minutes))
}

/// Whether a lock recorded until `locked_until` still holds at `now`.
pub fn is_locked(locked_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    locked_until.is_some_and(|until| now < until)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_one_time_password_is_readable_and_passes_the_rules() {
        let p = one_time_password(&[0, 1, 2, 3, 30, 31, 32, 255, 100, 7, 8, 9]);
        assert_eq!(p, "abcd-9abh-hhjk");
        let mut e = ValidationErrors::new();
        validate_password(&mut e, &p, "staff01");
        assert!(e.into_result().is_ok());
        assert!(!p.contains(['0', 'o', '1', 'l', 'i']));
    }

    fn input() -> NewAccountInput {
        NewAccountInput {
            login: "staff01".into(),
            display_name: "岡山 花子".into(),
            role: Role::Staff,
            office: "naka".into(),
            password: "correct horse battery".into(),
        }
    }

    #[test]
    fn valid_account_passes() {
        assert_eq!(input().validate(&["naka"]), Ok(()));
    }

    #[test]
    fn bad_login_short_password_and_unknown_office_are_named() {
        let mut a = input();
        a.login = "Staff 01".into();
        a.password = "short".into();
        a.office = "kyoto".into();
        let e = a.validate(&["naka"]).unwrap_err();
        assert!(
            e.field("login")
                .unwrap()
                .message
                .starts_with("ログインIDは半角英小文字")
        );
        assert_eq!(
            e.field("password").unwrap().message,
            "パスワードは10文字以上で入力してください。"
        );
        assert!(e.field("office").is_some());
    }

    #[test]
    fn password_containing_login_is_refused() {
        let mut a = input();
        a.password = "my-STAFF01-password".into();
        assert!(
            a.validate(&["naka"])
                .unwrap_err()
                .field("password")
                .is_some()
        );
    }

    #[test]
    fn fifth_failure_locks_for_the_set_minutes() {
        let now = Utc.with_ymd_and_hms(2026, 4, 10, 0, 0, 0).unwrap();
        assert_eq!(lock_after_failure(4, now, 30), None);
        let until = lock_after_failure(5, now, 30).unwrap();
        assert_eq!(until, now + TimeDelta::minutes(30));
        assert!(is_locked(Some(until), now + TimeDelta::minutes(29)));
        assert!(!is_locked(Some(until), until));
        assert!(!is_locked(None, now));
    }
}
