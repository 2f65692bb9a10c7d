//! The account list for the personnel moves: the CSV the desk exports (ログインID, 氏名, 権限,
//! 所属コード, 所属, 状態), edited in Excel and brought back. CP932 or UTF-8 (with or without
//! BOM). Each row is checked with the rules a new account meets; the use case compares the
//! rows with the accounts and writes the differences, all or nothing.

use crate::Problem;
use crate::decode::decode_text;
use crate::redmine::RowProblems;
use crate::table::{Row, cell, csv_rows, data_rows, required_columns};
use hoshu_core::Role;
use hoshu_core::account::validate_login;
use hoshu_core::request::validate_office;
use hoshu_core::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub const COL_LOGIN: &str = "ログインID";
pub const COL_NAME: &str = "氏名";
pub const COL_ROLE: &str = "権限";
pub const COL_OFFICE: &str = "所属コード";
pub const COL_STATE: &str = "状態";
const REQUIRED: &[&str] = &[COL_LOGIN, COL_NAME, COL_ROLE, COL_OFFICE, COL_STATE];

/// One account as the file says it should be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDraft {
    pub row: usize,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub office: String,
    pub disabled: bool,
}

/// The rows that read well and every problem, by row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountsFile {
    pub drafts: Vec<AccountDraft>,
    pub problems: Vec<Problem>,
}

/// Reads the account CSV; `offices` are the office codes that exist.
pub fn parse(bytes: &[u8], offices: &[&str]) -> AccountsFile {
    let mut file = AccountsFile::default();
    match decode_text(bytes).and_then(|t| csv_rows(&t)) {
        Err(p) => file.problems.push(p),
        Ok(rows) => read_rows(&rows, offices, &mut file),
    }
    file
}

fn read_rows(rows: &[Row], offices: &[&str], file: &mut AccountsFile) {
    let (h, cols) = match required_columns(
        rows,
        REQUIRED,
        "アカウント一覧の見出し行（ログインID, 氏名, 権限, 所属コード, 状態）が見つかりません。",
    ) {
        Ok(found) => found,
        Err(problems) => {
            file.problems.extend(problems);
            return;
        }
    };
    let mut seen = BTreeSet::new();
    for row in data_rows(rows, h) {
        let mut p = RowProblems::of(row);
        let get = |name: &str| cell(row, cols.find(&[name])).text().trim().to_owned();
        let login = get(COL_LOGIN);
        let display_name = get(COL_NAME);
        let office = get(COL_OFFICE);
        // The same rules as the account form, reported under the file's captions.
        let mut rules = ValidationErrors::new();
        validate_login(&mut rules, &login);
        rules
            .text("display_name", COL_NAME, &display_name, 50)
            .printable("display_name", COL_NAME, &display_name);
        validate_office(&mut rules, &office, offices);
        for e in rules.0 {
            let caption = match e.field {
                "login" => COL_LOGIN,
                "office" => COL_OFFICE,
                _ => COL_NAME,
            };
            p.push(caption, e.message);
        }
        if !login.is_empty() && !seen.insert(login.clone()) {
            p.push(
                COL_LOGIN,
                format!("「{login}」がファイルの中で重複しています。"),
            );
        }
        let role_text = get(COL_ROLE);
        let role = Role::ALL
            .iter()
            .copied()
            .find(|r| r.label() == role_text || r.code() == role_text);
        if role.is_none() {
            let known: Vec<&str> = Role::ALL.iter().map(|r| r.label()).collect();
            p.push(
                COL_ROLE,
                format!(
                    "「{role_text}」は権限として読めません（{}のいずれか）。",
                    known.join("・")
                ),
            );
        }
        let state = get(COL_STATE);
        let disabled = match state.as_str() {
            "有効" => Some(false),
            "無効" => Some(true),
            _ => {
                p.push(
                    COL_STATE,
                    format!("「{state}」は状態として読めません（有効・無効のいずれか）。"),
                );
                None
            }
        };
        match (role, disabled) {
            (Some(role), Some(disabled)) if p.problems.is_empty() => {
                file.drafts.push(AccountDraft {
                    row: row.number,
                    login,
                    display_name,
                    role,
                    office,
                    disabled,
                });
            }
            _ => file.problems.extend(p.problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICES: &[&str] = &["kita_chuo", "naka"];

    #[test]
    fn the_exported_list_reads_back_with_captions_in_any_order() {
        let csv = "\u{feff}氏名,ログインID,権限,所属コード,所属,状態\r\n\
                   吉備 花子,staff01,一般職員,kita_chuo,北区中央福祉事務所,有効\r\n\
                   岡山 太郎,staff02,staff,naka,中区福祉事務所,無効\r\n";
        let file = parse(csv.as_bytes(), OFFICES);
        assert_eq!(file.problems, vec![]);
        assert_eq!(file.drafts.len(), 2);
        assert_eq!(file.drafts[0].login, "staff01");
        assert_eq!(file.drafts[0].role, Role::Staff);
        assert_eq!(file.drafts[0].row, 2);
        assert!(file.drafts[1].disabled);
    }

    #[test]
    fn every_problem_names_its_row_and_caption() {
        let csv = "ログインID,氏名,権限,所属コード,状態\n\
                   staff01,吉備 花子,係長,kita_chuo,有効\n\
                   Staff 02,,一般職員,nowhere,休職\n\
                   staff01,吉備 花子,一般職員,kita_chuo,有効\n";
        let file = parse(csv.as_bytes(), OFFICES);
        let said: Vec<String> = file.problems.iter().map(ToString::to_string).collect();
        assert!(
            said.iter().any(|s| s.starts_with("2行目 権限: 「係長」")),
            "{said:?}"
        );
        for caption in [COL_LOGIN, COL_NAME, COL_OFFICE, COL_STATE] {
            assert!(
                said.iter()
                    .any(|s| s.starts_with(&format!("3行目 {caption}:"))),
                "{caption}: {said:?}"
            );
        }
        assert!(
            said.iter()
                .any(|s| s.starts_with("4行目 ログインID: 「staff01」がファイルの中で重複"))
        );
        assert!(file.drafts.is_empty() || file.drafts.iter().all(|d| d.row != 3));
    }

    #[test]
    fn a_file_without_the_captions_is_refused_as_a_whole() {
        let file = parse("a,b,c\n1,2,3\n".as_bytes(), OFFICES);
        assert!(file.drafts.is_empty());
        assert_eq!(file.problems[0].row, None);
    }
}
