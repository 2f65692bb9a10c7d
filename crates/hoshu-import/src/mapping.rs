//! The mapping from the values a file holds to the desk's codes, as a TOML file a person can
//! read and edit: trackers and statuses of Redmine, people and offices, and the register's
//! categories, priorities and statuses.
//!
//! Every value found in a file gets an entry. A value the person mapped keeps its mapping; one
//! the desk recognises (Redmine's default Japanese names, the desk's own labels, an account's
//! name, an office's name) is filled in; anything else is left empty (`""`) and reported, for
//! the person to fill in and pass back.

use hoshu_core::Role;
use hoshu_core::operations::BatchResult;
use hoshu_core::register::{IssueCategory, IssuePriority, IssueStatus};
use hoshu_core::request::{RequestKind, RequestStatus};
use hoshu_core::request_details::Urgency;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Value in the file → code of the desk. An empty code means "not decided yet".
pub type Table = BTreeMap<String, String>;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mapping {
    /// Redmine トラッカー → request kind (`inquiry`, `investigation`, `work`, `se_support`,
    /// `fault_report`, `hours_extension`).
    pub trackers: Table,
    /// Redmine ステータス → request status (`received`, `in_progress`, `answered`, `closed`,
    /// `withdrawn`).
    pub statuses: Table,
    /// Redmine 優先度 → how urgent the request is (`normal`, `high`, `urgent`).
    pub urgencies: Table,
    /// A person's name as the file writes it → log-in ID of the account.
    pub people: Table,
    /// An office as the file writes it (所属, プロジェクト) → office code.
    pub offices: Table,
    /// Register 分類 → category code.
    pub categories: Table,
    /// Register 優先度 → priority code (`high`, `medium`, `low`).
    pub priorities: Table,
    /// Register 状態 → status code (`open`, `in_progress`, `done`, `on_hold`).
    pub register_statuses: Table,
    /// A job net as the job results write it → the name of the desk's job net.
    pub job_nets: Table,
    /// A job result's 終了状態 → `normal` or `abnormal`.
    pub batch_results: Table,
}

/// What the desk already knows, to recognise people and offices by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    pub offices: Vec<DirectoryOffice>,
    pub people: Vec<DirectoryPerson>,
    /// The names of the desk's job nets.
    pub job_nets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryOffice {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPerson {
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub office: String,
}

const HEADER: &str = "\
# 保守デスク 取込の対応表
# ファイルにある値（左）を保守デスクのコード（右）に対応付けます。
# 右が \"\" の行は対応先が決まっていません。コードを書き入れてから、もう一度試してください。
#   trackers: inquiry 問合せ / investigation 調査依頼 / work 作業依頼 / se_support SE支援 /
#             fault_report 障害・不具合報告 / hours_extension 稼働時間延長依頼
#   statuses: received 受付 / in_progress 対応中 / answered 回答済 / closed 完了 / withdrawn 取下げ
#   urgencies: normal 通常 / high 高 / urgent 至急（Redmine の優先度）
#   people: アカウントのログインID、offices: 所属コード
#   categories: operation 運用 / fault 障害 / improvement 改善要望 / law_revision 制度改正 /
#               security セキュリティ / other その他
#   priorities: high 高 / medium 中 / low 低
#   register_statuses: open 未着手 / in_progress 対応中 / done 完了 / on_hold 保留
#   job_nets: 保守デスクに登録したジョブネット名
#   batch_results: normal 正常終了 / abnormal 異常終了
";

impl Mapping {
    pub fn from_toml(text: &str) -> Result<Mapping, String> {
        toml::from_str(text).map_err(|e| format!("対応表を読めません: {}", e.message()))
    }

    /// The mapping as a file, with the codes explained at the top.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!("{HEADER}\n{body}")
    }
}

/// Spaces (half- and full-width) do not make two names different.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Which table a value is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Tracker,
    Status,
    Urgency,
    Person,
    Office,
    Category,
    Priority,
    RegisterStatus,
    JobNet,
    BatchResult,
}

impl Kind {
    fn table(self, m: &Mapping) -> &Table {
        match self {
            Kind::Tracker => &m.trackers,
            Kind::Status => &m.statuses,
            Kind::Urgency => &m.urgencies,
            Kind::Person => &m.people,
            Kind::Office => &m.offices,
            Kind::Category => &m.categories,
            Kind::Priority => &m.priorities,
            Kind::RegisterStatus => &m.register_statuses,
            Kind::JobNet => &m.job_nets,
            Kind::BatchResult => &m.batch_results,
        }
    }

    fn table_mut(self, m: &mut Mapping) -> &mut Table {
        match self {
            Kind::Tracker => &mut m.trackers,
            Kind::Status => &mut m.statuses,
            Kind::Urgency => &mut m.urgencies,
            Kind::Person => &mut m.people,
            Kind::Office => &mut m.offices,
            Kind::Category => &mut m.categories,
            Kind::Priority => &mut m.priorities,
            Kind::RegisterStatus => &mut m.register_statuses,
            Kind::JobNet => &mut m.job_nets,
            Kind::BatchResult => &mut m.batch_results,
        }
    }

    pub(crate) fn section(self) -> &'static str {
        match self {
            Kind::Tracker => "trackers",
            Kind::Status => "statuses",
            Kind::Urgency => "urgencies",
            Kind::Person => "people",
            Kind::Office => "offices",
            Kind::Category => "categories",
            Kind::Priority => "priorities",
            Kind::RegisterStatus => "register_statuses",
            Kind::JobNet => "job_nets",
            Kind::BatchResult => "batch_results",
        }
    }

    /// Whether `code` is something this table may map to.
    fn valid(self, code: &str, dir: &Directory) -> bool {
        match self {
            Kind::Tracker => RequestKind::from_code(code).is_some(),
            Kind::Status => RequestStatus::from_code(code).is_some(),
            Kind::Urgency => Urgency::from_code(code).is_some(),
            Kind::Person => dir.people.iter().any(|p| p.login == code),
            Kind::Office => dir.offices.iter().any(|o| o.code == code),
            Kind::Category => IssueCategory::from_code(code).is_some(),
            Kind::Priority => IssuePriority::from_code(code).is_some(),
            Kind::RegisterStatus => IssueStatus::from_code(code).is_some(),
            Kind::JobNet => dir.job_nets.iter().any(|n| n == code),
            Kind::BatchResult => BatchResult::from_code(code).is_some(),
        }
    }

    /// A mapping the desk is sure of, or `None`.
    fn suggest(self, value: &str, dir: &Directory) -> Option<String> {
        let v = squeeze(value);
        let by_label = |labels: Vec<(&'static str, &'static str)>| {
            labels
                .into_iter()
                .find(|(code, label)| v == *label || v == *code)
        };
        let known: Option<&str> = match self {
            Kind::Tracker => by_label(
                RequestKind::ALL
                    .iter()
                    .map(|k| (k.code(), k.label()))
                    .collect(),
            )
            .map(|(c, _)| c)
            .or(match v.as_str() {
                "バグ" | "障害" | "不具合" => Some("fault_report"),
                "機能" | "作業" => Some("work"),
                "サポート" | "質問" | "問い合わせ" | "問合せ" | "問合わせ" => {
                    Some("inquiry")
                }
                "調査" => Some("investigation"),
                _ => None,
            }),
            Kind::Status => by_label(
                RequestStatus::ALL
                    .iter()
                    .map(|s| (s.code(), s.label()))
                    .collect(),
            )
            .map(|(c, _)| c)
            .or(match v.as_str() {
                "新規" => Some("received"),
                "進行中" => Some("in_progress"),
                "解決" | "フィードバック" => Some("answered"),
                "終了" => Some("closed"),
                "却下" | "取下げ" | "取り下げ" => Some("withdrawn"),
                _ => None,
            }),
            // Redmine's default priorities: 低め, 通常, 高め, 急いで, 今すぐ. The desk has no
            // "low": a request is at least normal.
            Kind::Urgency => by_label(Urgency::ALL.iter().map(|u| (u.code(), u.label())).collect())
                .map(|(c, _)| c)
                .or(match v.as_str() {
                    "低め" | "低" | "普通" => Some("normal"),
                    "高め" => Some("high"),
                    "急いで" | "今すぐ" | "緊急" => Some("urgent"),
                    _ => None,
                }),
            Kind::Category => by_label(
                IssueCategory::ALL
                    .iter()
                    .map(|c| (c.code(), c.label()))
                    .collect(),
            )
            .map(|(c, _)| c)
            .or(match v.as_str() {
                "改善" | "要望" => Some("improvement"),
                "法改正" => Some("law_revision"),
                _ => None,
            }),
            Kind::Priority => by_label(
                IssuePriority::ALL
                    .iter()
                    .map(|p| (p.code(), p.label()))
                    .collect(),
            )
            .map(|(c, _)| c)
            .or(match v.as_str() {
                "急いで" | "今すぐ" | "緊急" => Some("high"),
                "通常" | "普通" => Some("medium"),
                "低め" => Some("low"),
                _ => None,
            }),
            Kind::RegisterStatus => by_label(
                IssueStatus::ALL
                    .iter()
                    .map(|s| (s.code(), s.label()))
                    .collect(),
            )
            .map(|(c, _)| c)
            .or(match v.as_str() {
                "未対応" | "新規" => Some("open"),
                "進行中" => Some("in_progress"),
                "対応済" | "済" | "終了" | "解決" => Some("done"),
                _ => None,
            }),
            Kind::BatchResult => by_label(
                BatchResult::ALL
                    .iter()
                    .map(|r| (r.code(), r.label()))
                    .collect(),
            )
            .map(|(c, _)| c)
            // JP1/AJS3 writes the end status this way.
            .or(match v.as_str() {
                "正常" | "Endednormally" => Some("normal"),
                "異常" | "Endedabnormally" | "強制終了" | "Killed" => Some("abnormal"),
                _ => None,
            }),
            Kind::JobNet => {
                return dir.job_nets.iter().find(|n| squeeze(n) == v).cloned();
            }
            Kind::Person => {
                let mut found = dir
                    .people
                    .iter()
                    .filter(|p| squeeze(&p.display_name) == v || p.login == v);
                return match (found.next(), found.next()) {
                    (Some(p), None) => Some(p.login.clone()),
                    // Two accounts with one name: a person decides.
                    _ => None,
                };
            }
            Kind::Office => {
                return dir
                    .offices
                    .iter()
                    .find(|o| squeeze(&o.name) == v || o.code == v)
                    .map(|o| o.code.clone());
            }
        };
        known.map(str::to_owned)
    }
}

/// The mapping given, completed as values are met: looks a value up, records it in the mapping
/// in force, and says why it cannot be used when it cannot.
pub(crate) struct Resolver<'a> {
    pub(crate) in_force: Mapping,
    given: &'a Mapping,
    dir: &'a Directory,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(given: &'a Mapping, dir: &'a Directory) -> Self {
        Resolver {
            in_force: given.clone(),
            given,
            dir,
        }
    }

    /// The code for `value`, or the Japanese reason there is none.
    pub(crate) fn resolve(&mut self, kind: Kind, value: &str) -> Result<String, String> {
        let value = value.trim();
        let section = kind.section();
        if let Some(code) = kind.table(self.given).get(value) {
            let code = code.trim();
            if code.is_empty() {
                return Err(format!(
                    "「{value}」の対応先が対応表の [{section}] で空欄のままです。"
                ));
            }
            if !kind.valid(code, self.dir) {
                return Err(format!(
                    "対応表の [{section}] で「{value}」に指定された「{code}」は使えません。"
                ));
            }
            return Ok(code.to_owned());
        }
        match kind.suggest(value, self.dir) {
            Some(code) => {
                kind.table_mut(&mut self.in_force)
                    .insert(value.to_owned(), code.clone());
                Ok(code)
            }
            None => {
                kind.table_mut(&mut self.in_force)
                    .insert(value.to_owned(), String::new());
                Err(format!(
                    "「{value}」の対応先が分かりません。対応表の [{section}] に書き入れてください。"
                ))
            }
        }
    }

    pub(crate) fn person(&self, login: &str) -> Option<&DirectoryPerson> {
        self.dir.people.iter().find(|p| p.login == login)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> Directory {
        Directory {
            offices: vec![DirectoryOffice {
                code: "naka".into(),
                name: "中区福祉事務所".into(),
            }],
            people: vec![
                DirectoryPerson {
                    login: "staff45".into(),
                    display_name: "山田 花子".into(),
                    role: Role::Staff,
                    office: "naka".into(),
                },
                DirectoryPerson {
                    login: "a".into(),
                    display_name: "佐藤 誠".into(),
                    role: Role::Staff,
                    office: "naka".into(),
                },
                DirectoryPerson {
                    login: "b".into(),
                    display_name: "佐藤　誠".into(),
                    role: Role::Staff,
                    office: "naka".into(),
                },
            ],
            job_nets: vec![],
        }
    }

    #[test]
    fn known_values_are_suggested_and_unknown_ones_left_blank() {
        let given = Mapping::default();
        let d = dir();
        let mut r = Resolver::new(&given, &d);
        assert_eq!(r.resolve(Kind::Tracker, "バグ").unwrap(), "fault_report");
        assert_eq!(r.resolve(Kind::Status, "終了").unwrap(), "closed");
        for (priority, urgency) in [
            ("低め", "normal"),
            ("通常", "normal"),
            ("高め", "high"),
            ("急いで", "urgent"),
            ("今すぐ", "urgent"),
            ("至急", "urgent"),
        ] {
            assert_eq!(r.resolve(Kind::Urgency, priority).unwrap(), urgency);
        }
        let err = r.resolve(Kind::Urgency, "最優先").unwrap_err();
        assert!(err.contains("[urgencies]"), "{err}");
        assert_eq!(r.in_force.urgencies["高め"], "high");
        assert_eq!(r.in_force.urgencies["最優先"], "");
        assert_eq!(r.resolve(Kind::Person, "山田花子").unwrap(), "staff45");
        assert_eq!(r.resolve(Kind::Office, "中区福祉事務所").unwrap(), "naka");
        // Two accounts share the name: nobody guesses.
        assert!(r.resolve(Kind::Person, "佐藤 誠").is_err());
        let err = r.resolve(Kind::Tracker, "保守").unwrap_err();
        assert!(err.contains("[trackers]"), "{err}");
        assert_eq!(r.in_force.trackers["バグ"], "fault_report");
        assert_eq!(r.in_force.trackers["保守"], "");
        assert_eq!(r.in_force.people["佐藤 誠"], "");
    }

    #[test]
    fn the_mapping_round_trips_through_its_file_and_wins_over_suggestions() {
        let mut given = Mapping::default();
        given.trackers.insert("バグ".into(), "inquiry".into());
        given.trackers.insert("保守".into(), "work".into());
        given.statuses.insert("終了".into(), "nonsense".into());
        let text = given.to_toml();
        assert!(text.starts_with("# 保守デスク 取込の対応表"));
        // The import screen shows this text: no command-line words in it.
        assert!(!text.contains("--"), "{text}");
        let back = Mapping::from_toml(&text).unwrap();
        assert_eq!(back, given);
        let d = dir();
        let mut r = Resolver::new(&back, &d);
        assert_eq!(r.resolve(Kind::Tracker, "バグ").unwrap(), "inquiry");
        assert_eq!(r.resolve(Kind::Tracker, "保守").unwrap(), "work");
        assert!(
            r.resolve(Kind::Status, "終了")
                .unwrap_err()
                .contains("nonsense")
        );
        assert!(Mapping::from_toml("[unknown]\na = 1").is_err());
    }
}
