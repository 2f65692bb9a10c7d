//! The monthly and annual reports read back: A4, fonts embedded and subset, the figures in the
//! text, qpdf clean; the .xlsx read back with calamine equals the figures.

use crate::common;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use common::{assert_pdfa, assert_qpdf_clean, page_size, run, save, squeeze, text};
use hoshu_core::operations::JobNetFigures;
use hoshu_docs::reports::{
    AnnualReport, BreachLine, CategoryRow, ChangeLine, CheckFigures, CountRow, ExcludedLine,
    IncidentLine, MonthlyReport, ReportParties, SlaRow, WorkLine, annual_pdf, monthly_pdf,
    monthly_xlsx,
};

const ITEMS: &[&str] = &[
    "一次報告",
    "一次切り分け",
    "対処先への連絡",
    "続報",
    "障害報告",
    "マニュアル改版",
    "問合せ回答",
];

fn sla() -> Vec<SlaRow> {
    ITEMS
        .iter()
        .enumerate()
        .map(|(k, item)| SlaRow {
            item: item.to_string(),
            target: "30分以内".into(),
            met: 10 + k as u64,
            breached: u64::from(k == 1 || k == 6),
            undecided: 0,
            rate: Some((10 + k) as f64 / (10 + k + usize::from(k == 1 || k == 6)) as f64),
            measured: "平均 18分／最長 29分".into(),
        })
        .collect()
}

/// The unmet items of `sla()`: the one isolation, and a request answered late.
fn breaches() -> Vec<BreachLine> {
    vec![
        BreachLine {
            subject: "障害 #5".into(),
            title: "夜間バッチの異常終了".into(),
            item: "一次切り分け".into(),
            deadline: "R7.5.20 01:30".into(),
            done: "R7.5.20 01:40".into(),
            late: "10分".into(),
            note: "ログ採取に時間を要した".into(),
        },
        BreachLine {
            subject: "依頼 #812".into(),
            title: "保護費の再計算結果の確認".into(),
            item: "問合せ回答".into(),
            deadline: "R7.6.2 15:00".into(),
            done: "R7.6.3 10:00".into(),
            late: "4時間".into(),
            note: "ベンダーへの照会に時間を要した".into(),
        },
    ]
}

fn excluded() -> Vec<ExcludedLine> {
    vec![ExcludedLine {
        id: 7,
        detected: "R8.5.25 09:00".into(),
        title: "クラウド基盤の障害".into(),
        reason: "(1) 受託者の提供範囲外（クラウド・回線等）".into(),
        note: "CSPの公表あり".into(),
        decided: "鈴木 課長 R8.5.27 10:00".into(),
    }]
}

fn monthly() -> MonthlyReport {
    MonthlyReport {
        parties: ReportParties {
            addressee: "岡山市　保健福祉局障害・生活福祉部生活保護・自立支援課　御中".into(),
            sender: "株式会社吉備情報システム　業務責任者 小川 健".into(),
            contract_name: "岡山市生活保護レセプト管理システム運用保守業務委託".into(),
        },
        year: 2026,
        month: 5,
        issued: NaiveDate::from_ymd_opt(2026, 6, 3).unwrap(),
        by_kind: vec![
            CountRow {
                label: "問合せ".into(),
                received: 123,
                answered: 118,
            },
            CountRow {
                label: "調査依頼".into(),
                received: 45,
                answered: 40,
            },
        ],
        by_office: vec![CountRow {
            label: "中区福祉事務所".into(),
            received: 168,
            answered: 158,
        }],
        answered: 158,
        median_minutes: Some(95.0),
        p90_minutes: Some(412.0),
        incidents_by_category: vec![
            CategoryRow {
                label: "ネットワーク".into(),
                counted: 2,
                excluded: 0,
            },
            CategoryRow {
                label: "ジョブ異常".into(),
                counted: 3,
                excluded: 1,
            },
        ],
        sla: sla(),
        breaches: breaches(),
        incidents: vec![IncidentLine {
            id: 5,
            detected: "R8.5.20 01:00".into(),
            category: "ジョブ異常".into(),
            severity: "高".into(),
            title: "夜間バッチの異常終了".into(),
            status: "復旧済".into(),
            breaches: "一次切り分け".into(),
        }],
        excluded: excluded(),
        changes: vec![ChangeLine {
            kind: "計画停止".into(),
            title: "月次メンテナンス".into(),
            executed: "R8.5.17 08:00～12:00".into(),
            outcome: "成功".into(),
        }],
        work: vec![WorkLine {
            kind: "月次保守".into(),
            change: "#12 5月度 月次メンテナンス".into(),
            executed: "R8.5.3 08:00～20:30".into(),
            note: "OSパッチ適用と再起動確認".into(),
        }],
        batches: vec![
            JobNetFigures {
                job_net: "NJ_DAILY_BACKUP".into(),
                runs: 31,
                abnormal_ends: 0,
                processed_count: 31,
                total_seconds: 31 * 80 * 60,
                longest_seconds: 95 * 60,
            },
            JobNetFigures {
                job_net: "NJ_RECEIPT_IMPORT".into(),
                runs: 21,
                abnormal_ends: 1,
                processed_count: 84_210,
                total_seconds: 21 * 50 * 60,
                longest_seconds: 61 * 60,
            },
        ],
        checks: CheckFigures {
            done: 72,
            anomalies: 2,
            missed: 1,
        },
        logins: vec![("4月".into(), 2345), ("5月".into(), 2467)],
        audit_head: "連番 4821 / MAC 9f1c2e7a".into(),
    }
}

fn check_pdf(bytes: &[u8]) -> String {
    let pdf = save(bytes);
    let (w, h, name) = page_size(&pdf);
    assert!((w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01 && name == "A4");
    let fonts = run("pdffonts", &[], &pdf.path);
    for row in fonts.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 3], ["yes", "yes"], "{row}");
    }
    assert_qpdf_clean(&pdf);
    assert_pdfa(&pdf);
    squeeze(&text(&pdf))
}

#[test]
fn monthly_pdf_shows_the_key_figures() {
    let t = check_pdf(&monthly_pdf(&monthly()).unwrap());
    for needle in [
        "定期報告書（令和8年5月分）",
        "問合せ",
        "123",
        "118",
        "168",
        "1時間35分",
        "6時間52分",
        "一次切り分け",
        "91.7%",
        "夜間バッチの異常終了",
        "クラウド基盤の障害",
        "月次メンテナンス",
        "2467",
        "６．監査ログの記録状況",
        "４．バッチ処理・日次点検の実施状況",
        "NJ_RECEIPT_IMPORT",
        "84210",
        // 31 runs × 80 minutes, and the two nets' total.
        "41時間20分",
        "58時間50分",
        "1時間35分",
        "点検実施72件（うち異常あり2件）、未実施1件",
        "#125月度月次メンテナンス",
        "OSパッチ適用と再起動確認",
        "連番4821/MAC9f1c2e7a",
        "(3)未達成の内容と理由",
        "未達成2件（障害の対応1件、依頼の回答1件）",
        "依頼#812",
        "ベンダーへの照会",
    ] {
        assert!(t.contains(needle), "{needle} missing in\n{t}");
    }
}

#[test]
fn monthly_xlsx_reads_back_as_the_figures() {
    let r = monthly();
    let bytes = monthly_xlsx(&r).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let kinds = wb.worksheet_range("依頼（種別）").unwrap();
    assert_eq!(kinds.get_value((2, 0)), Some(&Data::String("種別".into())));
    for (k, row) in r.by_kind.iter().enumerate() {
        let k = k as u32 + 3;
        assert_eq!(
            kinds.get_value((k, 0)),
            Some(&Data::String(row.label.clone()))
        );
        assert_eq!(
            kinds.get_value((k, 1)),
            Some(&Data::Float(row.received as f64))
        );
        assert_eq!(
            kinds.get_value((k, 2)),
            Some(&Data::Float(row.answered as f64))
        );
    }
    let audit = wb.worksheet_range("監査ログ").unwrap();
    assert_eq!(
        audit.get_value((3, 0)),
        Some(&Data::String(r.audit_head.clone()))
    );
    let times = wb.worksheet_range("回答時間").unwrap();
    assert_eq!(times.get_value((4, 1)), Some(&Data::Float(95.0)));
    assert_eq!(times.get_value((5, 1)), Some(&Data::Float(412.0)));
    let sla_sheet = wb.worksheet_range("SLA").unwrap();
    for (k, row) in r.sla.iter().enumerate() {
        let k = k as u32 + 3;
        assert_eq!(
            sla_sheet.get_value((k, 0)),
            Some(&Data::String(row.item.clone()))
        );
        assert_eq!(
            sla_sheet.get_value((k, 2)),
            Some(&Data::Float(row.met as f64))
        );
        assert_eq!(
            sla_sheet.get_value((k, 3)),
            Some(&Data::Float(row.breached as f64))
        );
        assert_eq!(
            sla_sheet.get_value((k, 5)),
            Some(&Data::String(row.rate_text()))
        );
    }
    let unmet = wb.worksheet_range("未達成").unwrap();
    for (k, b) in r.breaches.iter().enumerate() {
        let k = k as u32 + 3;
        assert_eq!(
            unmet.get_value((k, 0)),
            Some(&Data::String(b.subject.clone()))
        );
        assert_eq!(unmet.get_value((k, 6)), Some(&Data::String(b.note.clone())));
    }
    let batches = wb.worksheet_range("バッチ処理").unwrap();
    for (k, l) in r.batches.iter().enumerate() {
        let k = k as u32 + 3;
        assert_eq!(
            batches.get_value((k, 0)),
            Some(&Data::String(l.job_net.clone()))
        );
        assert_eq!(batches.get_value((k, 1)), Some(&Data::Float(l.runs as f64)));
        assert_eq!(
            batches.get_value((k, 2)),
            Some(&Data::Float(l.abnormal_ends as f64))
        );
        assert_eq!(
            batches.get_value((k, 3)),
            Some(&Data::Float(l.processed_count as f64))
        );
        assert_eq!(
            batches.get_value((k, 4)),
            Some(&Data::Float(l.total_seconds as f64 / 60.0))
        );
    }
    let checks = wb.worksheet_range("日次点検").unwrap();
    assert_eq!(checks.get_value((3, 2)), Some(&Data::Float(1.0)));
    let work = wb.worksheet_range("保守作業").unwrap();
    assert_eq!(
        work.get_value((3, 1)),
        Some(&Data::String(r.work[0].change.clone()))
    );
    let logins = wb.worksheet_range("ログイン").unwrap();
    assert_eq!(logins.get_value((4, 1)), Some(&Data::Float(2467.0)));
}

#[test]
fn annual_pdf_shows_every_sla_item() {
    let r = AnnualReport {
        parties: ReportParties {
            addressee: "岡山市　保健福祉局障害・生活福祉部生活保護・自立支援課　御中".into(),
            sender: "株式会社吉備情報システム　業務責任者 小川 健".into(),
            contract_name: "岡山市生活保護レセプト管理システム運用保守業務委託".into(),
        },
        fiscal_year: 2025,
        issued: NaiveDate::from_ymd_opt(2026, 4, 15).unwrap(),
        incidents: 24,
        excluded_incidents: 1,
        requests: 1890,
        sla: sla(),
        breaches: breaches(),
        excluded: excluded(),
        incidents_by_month: (0..12)
            .map(|k| (format!("{}月", (k + 3) % 12 + 1), k))
            .collect(),
    };
    let t = check_pdf(&annual_pdf(&r).unwrap());
    for item in ITEMS {
        assert!(t.contains(item), "{item} missing");
    }
    for needle in [
        "令和7年度",
        "24件",
        "1890件",
        "ログ採取に時間を要",
        "未達成2件（障害の対応1件、依頼の回答1件）",
        "障害#5",
        "依頼#812",
        "ベンダーへの照会",
        "(1)受託者の提供範囲外",
        "生活保護・自立支援課　御中",
        "株式会社吉備情報システム",
    ] {
        assert!(t.contains(&squeeze(needle)), "{needle} missing in\n{t}");
    }
}
