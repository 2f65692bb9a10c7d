//! Incident reports sent through a real SMTP server on loopback (aiosmtpd, started here, keeping
//! what it accepts in a Maildir): the received message is parsed back; the acceptance becomes
//! the timeline event that stops the first-report clock; a failed send says why, stops nothing,
//! and is retried once the server is there — and never sent twice.

use chrono::{DateTime, TimeDelta, Utc};
use hoshu_app::ErrorCode;
use hoshu_core::contract::ContractInfo;
use hoshu_core::incident::{IncidentCategory, NewIncident, Severity, TimelineEventKind};
use hoshu_core::report_mail::{MailSecurity, MailSettings, MailStatus, ReportMailKind};
use hoshu_core::sla::{ClockState, SlaItem};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common;

use common::{Desk, both};

/// The Debian package python3-aiosmtpd (`cargo xtask setup`) installs into the system Python.
const PYTHON: &str = "/usr/bin/python3";
const CITY: &str = "seikatsuhogo@city.example.lg.jp";
const CHIEF: &str = "kacho@city.example.lg.jp";

fn start() -> DateTime<Utc> {
    common::jst(2026, 4, 10, 2, 0)
}

/// A real SMTP server on a free loopback port; stopped when dropped.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
    _dir: tempfile::TempDir,
}

impl SmtpServer {
    fn start_on(port: u16) -> SmtpServer {
        let dir = tempfile::tempdir().unwrap();
        let maildir = dir.path().join("maildir");
        let child = Command::new(PYTHON)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("aiosmtpd (python3-aiosmtpd, `cargo xtask setup`)");
        let until = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < until, "aiosmtpd did not open port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        SmtpServer {
            child,
            port,
            maildir,
            _dir: dir,
        }
    }

    /// The messages received, as raw bytes.
    fn received(&self) -> Vec<Vec<u8>> {
        let new = self.maildir.join("new");
        let Ok(entries) = std::fs::read_dir(&new) else {
            return Vec::new();
        };
        entries
            .map(|e| std::fs::read(e.unwrap().path()).unwrap())
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn settings(port: u16) -> MailSettings {
    MailSettings {
        host: "127.0.0.1".into(),
        port,
        security: MailSecurity::Plain,
        username: String::new(),
        from_address: "desk@contractor.example.jp".into(),
        from_name: "保守デスク（受託者）".into(),
    }
}

async fn set_up(d: &Desk, port: u16) -> i64 {
    let h = &d.hoshu;
    h.update_mail_settings(&d.admin, settings(port), Some(String::new()))
        .await
        .unwrap();
    let contract = ContractInfo {
        contractor_name: "株式会社吉備情報システム".into(),
        contractor_responsible: "小川 健".into(),
        report_recipients: vec![CITY.into(), CHIEF.into()],
        ..h.contract_info(&d.contractor).await.unwrap()
    };
    h.save_contract_info(&d.contractor, contract).await.unwrap();
    h.record_incident(
        &d.contractor,
        NewIncident {
            detected_at: start() - TimeDelta::minutes(10),
            category: IncidentCategory::JobFailure,
            severity: Severity::High,
            title: "夜間バッチ異常終了".into(),
            summary: "月次集計ジョブが異常終了しました。".into(),
            affected_offices: vec!["naka".into()],
            affected_systems: "レセプト管理システム".into(),
            linked_requests: vec![],
        },
        false,
    )
    .await
    .unwrap()
}

fn header(mail: &mailparse::ParsedMail<'_>, name: &str) -> String {
    use mailparse::MailHeaderMap;
    mail.headers.get_first_value(name).unwrap_or_default()
}

fn first_report_clock(detail: &hoshu_app::IncidentDetail) -> ClockState {
    detail
        .view
        .clocks
        .iter()
        .find(|c| c.item == SlaItem::FirstReport)
        .unwrap()
        .state
}

both!(
    the_first_report_goes_through_a_real_smtp_server_and_stops_its_clock,
    |d| {
        let smtp = SmtpServer::start_on(free_port());
        let id = set_up(&d, smtp.port).await;
        let h = &d.hoshu;
        let mut draft = h
            .incident_report_draft(&d.contractor, id, ReportMailKind::FirstReport)
            .await
            .unwrap();
        assert_eq!(draft.recipients, [CITY, CHIEF]);
        assert_eq!(
            draft.subject,
            format!("【障害一次報告】夜間バッチ異常終了（障害 #{id}）")
        );
        assert!(draft.body.contains("中区福祉事務所"), "{}", draft.body);
        // Edited before it goes.
        draft.body.push_str("\n追記：復旧見込みは 4:00 です。\n");
        d.clock.advance(TimeDelta::minutes(5));
        let sent = h
            .send_incident_report(&d.contractor, id, draft.clone())
            .await
            .unwrap();
        assert_eq!(sent.status, MailStatus::Sent, "{:?}", sent.last_error);
        assert_eq!(sent.accepted_at, Some(d.hoshu.now()));

        let received = smtp.received();
        assert_eq!(received.len(), 1);
        let mail = mailparse::parse_mail(&received[0]).unwrap();
        assert_eq!(
            header(&mail, "Subject"),
            draft.subject,
            "the Japanese subject decodes"
        );
        assert!(
            header(&mail, "From").contains("desk@contractor.example.jp"),
            "{}",
            header(&mail, "From")
        );
        assert_eq!(header(&mail, "X-RcptTo"), format!("{CITY}, {CHIEF}"));
        let body = mail.get_body().unwrap();
        assert!(body.contains("追記：復旧見込みは 4:00 です。"), "{body}");
        assert!(body.contains("一次報告いたします。"));

        let detail = h.incident_detail(&d.chief, id).await.unwrap();
        let event = detail
            .view
            .record
            .events
            .iter()
            .find(|e| e.event.kind == TimelineEventKind::FirstReport)
            .expect("the first report on the timeline");
        assert_eq!(Some(event.event.at), sent.accepted_at);
        assert!(matches!(
            first_report_clock(&detail),
            ClockState::Met { .. }
        ));
        assert_eq!(detail.mails, [sent]);
    }
);

both!(
    a_send_that_fails_says_why_stops_nothing_and_goes_once_later,
    |d| {
        let port = free_port();
        let id = set_up(&d, port).await;
        let h = &d.hoshu;
        let draft = h
            .incident_report_draft(&d.contractor, id, ReportMailKind::FirstReport)
            .await
            .unwrap();
        let queued = h
            .send_incident_report(&d.contractor, id, draft)
            .await
            .unwrap();
        assert_eq!(queued.status, MailStatus::Queued);
        let why = queued.last_error.clone().unwrap();
        assert!(why.contains("接続できませんでした"), "{why}");
        let detail = h.incident_detail(&d.contractor, id).await.unwrap();
        assert!(
            detail.view.record.events.is_empty(),
            "nothing on the timeline"
        );
        assert!(matches!(
            first_report_clock(&detail),
            ClockState::Running { .. }
        ));

        // Not due yet: nothing is tried.
        let smtp = SmtpServer::start_on(port);
        assert_eq!(h.deliver_due_mail().await.unwrap(), 0);
        assert!(smtp.received().is_empty());
        d.clock.advance(TimeDelta::minutes(1));
        assert_eq!(h.deliver_due_mail().await.unwrap(), 1);
        assert_eq!(h.deliver_due_mail().await.unwrap(), 0, "never twice");
        assert_eq!(smtp.received().len(), 1);
        let detail = h.incident_detail(&d.contractor, id).await.unwrap();
        assert_eq!(detail.mails[0].status, MailStatus::Sent);
        assert_eq!(detail.mails[0].attempts, 2);
        // Late: the clock stopped at the accepted time, after its 30 minutes.
        assert!(matches!(
            first_report_clock(&detail),
            ClockState::Met { .. } | ClockState::Breached { .. }
        ));
        assert_eq!(detail.view.record.events.len(), 1);
    }
);

both!(
    only_the_administrator_keeps_the_settings_and_the_password_never_comes_back,
    |d| {
        let h = &d.hoshu;
        let mut s = settings(2525);
        s.host = "smtp.city.example.lg.jp".into();
        s.security = MailSecurity::StartTls;
        s.username = "desk".into();
        let e = h
            .update_mail_settings(&d.contractor, s.clone(), Some("secret-1".into()))
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden);
        h.update_mail_settings(&d.admin, s.clone(), Some("secret-1".into()))
            .await
            .unwrap();
        let view = h.mail_settings(&d.admin).await.unwrap();
        assert_eq!(view.settings, s);
        assert!(view.password_set);
        assert!(!serde_json::to_string(&view).unwrap().contains("secret-1"));
        // Saving again without a password keeps it.
        h.update_mail_settings(&d.admin, s.clone(), None)
            .await
            .unwrap();
        assert!(h.mail_settings(&d.admin).await.unwrap().password_set);
        let mut plain = s;
        plain.security = MailSecurity::Plain;
        let e = h
            .update_mail_settings(&d.admin, plain, None)
            .await
            .unwrap_err();
        assert_eq!(e.fields[0].field, "security");
        // Staff and the chief may not send reports.
        let e = h
            .incident_report_draft(&d.chief, 1, ReportMailKind::FirstReport)
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden);
    }
);
