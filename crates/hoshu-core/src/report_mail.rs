//! Incident reports sent by mail (000 第7章第2節, 003 2.3): the first report 一次報告 within
//! 30 minutes of detection "by mail or the like", follow-ups 続報, the interim report 暫定報告.
//! The text is composed from the incident in the city's usual form and may be edited before
//! it goes; the mail server's acceptance becomes the timeline event that stops the clock.
//! Also the SMTP settings the administrator keeps, and their validation.

use crate::coded::coded_enum;
use crate::incident::{NewIncident, TimelineEventKind};
use crate::validation::ValidationErrors;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Longest subject accepted.
pub const SUBJECT_MAX_CHARS: usize = 200;
/// Longest body accepted.
pub const BODY_MAX_CHARS: usize = 20_000;
/// Most recipients of one report.
pub const RECIPIENTS_MAX: usize = 20;

coded_enum!(
    /// Which report a mail is.
    ReportMailKind {
        FirstReport = "first_report" / "一次報告",
        FollowUpReport = "follow_up_report" / "続報",
        InterimReport = "interim_report" / "暫定報告",
    }
);

impl ReportMailKind {
    /// The timeline event the accepted mail becomes.
    pub fn timeline_kind(self) -> TimelineEventKind {
        match self {
            ReportMailKind::FirstReport => TimelineEventKind::FirstReport,
            ReportMailKind::FollowUpReport => TimelineEventKind::FollowUpReport,
            ReportMailKind::InterimReport => TimelineEventKind::InterimReport,
        }
    }
}

coded_enum!(
    /// Where a report mail stands. `Sending` is held by one sender only; one that stays there
    /// (the program stopped mid-send) is left for a person to check, never sent again.
    MailStatus {
        Queued = "queued" / "送信待ち",
        Sending = "sending" / "送信中",
        Sent = "sent" / "送信済み",
        Failed = "failed" / "送信できませんでした",
    }
);

coded_enum!(
    /// How the connection to the mail server is protected.
    MailSecurity {
        StartTls = "start_tls" / "STARTTLS（通常 587番）",
        Tls = "tls" / "SSL/TLS（通常 465番）",
        Plain = "plain" / "暗号化なし（この端末内のメールサーバーのみ）",
    }
);

/// The mail server the desk sends through, as the administrator sets it. The password is
/// kept apart on the server and never answered back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub security: MailSecurity,
    /// Empty: the server takes mail without authentication.
    pub username: String,
    /// The sender's address (From).
    pub from_address: String,
    /// The sender's name shown beside it.
    pub from_name: String,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            host: String::new(),
            port: 587,
            security: MailSecurity::StartTls,
            username: String::new(),
            from_address: String::new(),
            from_name: String::new(),
        }
    }
}

impl MailSettings {
    /// Whether anything was set up: without a host nothing can be sent.
    pub fn is_configured(&self) -> bool {
        !self.host.trim().is_empty()
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        let host = self.host.trim();
        if host.is_empty() {
            e.push(
                "host",
                "メールサーバー",
                "メールサーバーのホスト名を入力してください。".into(),
            );
        } else if host.chars().any(|c| c.is_whitespace() || c.is_control()) {
            e.push(
                "host",
                "メールサーバー",
                "メールサーバーのホスト名に空白や制御文字は使えません。".into(),
            );
        }
        if self.port == 0 {
            e.push(
                "port",
                "ポート番号",
                "ポート番号は1〜65535で指定してください。".into(),
            );
        }
        // A password must never cross a network in the clear.
        if self.security == MailSecurity::Plain && !is_loopback(host) {
            e.push(
                "security",
                "暗号化",
                "暗号化なしで送れるのは、この端末内のメールサーバー（localhost）だけです。STARTTLS または SSL/TLS を選んでください。".into(),
            );
        }
        if !valid_address(self.from_address.trim()) {
            e.push(
                "from_address",
                "差出人アドレス",
                "差出人アドレスを name@example.lg.jp の形で入力してください。".into(),
            );
        }
        e.max_chars("from_name", "差出人名", &self.from_name, 100);
        e.max_chars("username", "ユーザー名", &self.username, 200);
        e.into_result()
    }
}

fn is_loopback(host: &str) -> bool {
    matches!(host, "localhost" | "::1") || host.starts_with("127.")
}

/// A mail address as people type it: one `@`, something on both sides, a dot in the domain,
/// no spaces, angle brackets or control characters. The mail library checks the rest.
pub fn valid_address(a: &str) -> bool {
    let Some((local, domain)) = a.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && a.chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | ',' | ';'))
}

/// A report ready to be read over, edited and sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailDraft {
    pub kind: ReportMailKind,
    pub recipients: Vec<String>,
    pub subject: String,
    pub body: String,
}

impl MailDraft {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        if self.recipients.is_empty() {
            e.push(
                "recipients",
                "宛先",
                "宛先がありません。契約情報に障害報告の宛先を登録してください。".into(),
            );
        } else if self.recipients.len() > RECIPIENTS_MAX {
            e.push(
                "recipients",
                "宛先",
                format!("宛先は{RECIPIENTS_MAX}件までにしてください。"),
            );
        }
        for (row, a) in self.recipients.iter().enumerate() {
            if !valid_address(a) {
                e.push_row(
                    "recipients",
                    "宛先",
                    row,
                    format!(
                        "宛先の{}行目「{a}」はメールアドレスの形になっていません。",
                        row + 1
                    ),
                );
            }
        }
        e.text("subject", "件名", &self.subject, SUBJECT_MAX_CHARS);
        if self.subject.chars().any(char::is_control) {
            e.push(
                "subject",
                "件名",
                "件名は改行・制御文字を含めずに入力してください。".into(),
            );
        }
        e.text("body", "本文", &self.body, BODY_MAX_CHARS);
        e.into_result()
    }
}

/// What the report says about the incident, gathered by the use case.
#[derive(Debug, Clone)]
pub struct ReportFacts<'a> {
    pub incident_id: i64,
    pub incident: &'a NewIncident,
    /// Names of the affected offices; empty means every office.
    pub office_names: Vec<String>,
    /// 対応中 / 復旧済 and what was last done.
    pub status: String,
    /// When the next report is due (the follow-up clock's deadline), if one is.
    pub next_report_due: Option<DateTime<Utc>>,
    pub contract_name: &'a str,
    pub city_department: &'a str,
    pub contractor_name: &'a str,
    pub sender_name: &'a str,
}

/// The report in the city's usual form: 【障害一次報告】 subject, then numbered items.
pub fn compose(
    kind: ReportMailKind,
    facts: &ReportFacts<'_>,
    recipients: Vec<String>,
) -> MailDraft {
    let i = facts.incident;
    let offices = if facts.office_names.is_empty() {
        "全拠点".to_owned()
    } else {
        facts.office_names.join("、")
    };
    let next = facts.next_report_due.map_or_else(
        || "状況に変化があり次第ご報告いたします。".to_owned(),
        |t| format!("{}まで", crate::wareki::datetime_long(t)),
    );
    let body = format!(
        "{department}\nご担当者様\n\n\
         {contractor}の{sender}です。\n\
         「{contract}」において発生した障害について、{kind}いたします。\n\n\
         1. 件名　　　　：{title}（障害 #{id}）\n\
         2. 検知日時　　：{detected}\n\
         3. 障害区分　　：{category}（重要度：{severity}）\n\
         4. 影響範囲　　：{offices}\n\
         5. 影響システム：{systems}\n\
         6. 現在の状況　：{status}\n\
         7. 概要　　　　：\n{summary}\n\n\
         8. 次回報告予定：{next}\n\n\
         以上\n",
        department = facts.city_department,
        contractor = facts.contractor_name,
        sender = facts.sender_name,
        contract = facts.contract_name,
        kind = kind.label(),
        title = i.title,
        id = facts.incident_id,
        detected = crate::wareki::datetime_long(i.detected_at),
        category = i.category,
        severity = i.severity,
        systems = i.affected_systems,
        status = facts.status,
        summary = i.summary,
    );
    MailDraft {
        kind,
        recipients,
        subject: format!(
            "【障害{}】{}（障害 #{}）",
            kind.label(),
            i.title,
            facts.incident_id
        ),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::{IncidentCategory, Severity};
    use chrono::TimeZone;

    fn incident() -> NewIncident {
        NewIncident {
            detected_at: crate::calendar::TOKYO
                .with_ymd_and_hms(2026, 4, 10, 9, 5, 0)
                .unwrap()
                .with_timezone(&Utc),
            category: IncidentCategory::JobFailure,
            severity: Severity::High,
            title: "夜間バッチ異常終了".into(),
            summary: "月次集計ジョブが異常終了しました。".into(),
            affected_offices: vec!["naka".into()],
            affected_systems: "レセプト管理システム".into(),
            linked_requests: vec![],
        }
    }

    #[test]
    fn the_first_report_reads_in_the_citys_form() {
        let i = incident();
        let facts = ReportFacts {
            incident_id: 12,
            incident: &i,
            office_names: vec!["中区福祉事務所".into()],
            status: "対応中（原因調査中）".into(),
            next_report_due: Some(i.detected_at + chrono::TimeDelta::hours(2)),
            contract_name: "岡山市生活保護レセプト管理システム運用保守業務委託",
            city_department: "生活保護・自立支援課",
            contractor_name: "株式会社サンプル",
            sender_name: "高橋",
        };
        let d = compose(
            ReportMailKind::FirstReport,
            &facts,
            vec!["hogo@city.example.lg.jp".into()],
        );
        assert_eq!(d.subject, "【障害一次報告】夜間バッチ異常終了（障害 #12）");
        assert!(
            d.body.starts_with("生活保護・自立支援課\nご担当者様\n"),
            "{}",
            d.body
        );
        assert!(d.body.contains("一次報告いたします。"));
        assert!(
            d.body.contains("2. 検知日時　　：令和8年4月10日(金) 09:05"),
            "{}",
            d.body
        );
        assert!(d.body.contains("4. 影響範囲　　：中区福祉事務所"));
        assert!(
            d.body
                .contains("8. 次回報告予定：令和8年4月10日(金) 11:05まで")
        );
        assert!(d.validate().is_ok());
    }

    #[test]
    fn a_draft_without_recipients_or_with_a_broken_address_names_the_field() {
        let mut d = MailDraft {
            kind: ReportMailKind::FollowUpReport,
            recipients: vec![],
            subject: "件名".into(),
            body: "本文".into(),
        };
        let e = d.validate().unwrap_err();
        assert_eq!(e.0[0].field, "recipients");
        d.recipients = vec!["ok@city.example.lg.jp".into(), "壊れた アドレス".into()];
        let e = d.validate().unwrap_err();
        assert_eq!(e.0[0].row, Some(1));
        d.recipients.pop();
        d.subject = "改行\n入り".into();
        assert_eq!(d.validate().unwrap_err().0[0].field, "subject");
    }

    #[test]
    fn settings_refuse_a_password_in_the_clear_over_the_network() {
        let mut s = MailSettings {
            host: "smtp.city.example.lg.jp".into(),
            port: 25,
            security: MailSecurity::Plain,
            username: "desk".into(),
            from_address: "desk@contractor.example.jp".into(),
            from_name: "保守デスク".into(),
        };
        assert_eq!(s.validate().unwrap_err().0[0].field, "security");
        s.security = MailSecurity::StartTls;
        assert!(s.validate().is_ok());
        s.host = "127.0.0.1".into();
        s.security = MailSecurity::Plain;
        assert!(s.validate().is_ok());
        s.from_address = "desk".into();
        assert_eq!(s.validate().unwrap_err().0[0].field, "from_address");
    }

    #[test]
    fn addresses() {
        assert!(valid_address("a.b@city.example.lg.jp"));
        for bad in [
            "", "a", "a@b", "@b.jp", "a@.jp", "a@b.jp.", "a b@c.jp", "<a@b.jp>", "a@b@c.jp",
        ] {
            assert!(!valid_address(bad), "{bad}");
        }
    }
}
