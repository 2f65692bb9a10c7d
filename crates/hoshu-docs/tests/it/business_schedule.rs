//! 業務日程表: A3 landscape, 「案」 until approved, one line per day with every column; the
//! .xlsx read back with calamine.

use crate::common;

use calamine::{Data, Reader, Xlsx};
use chrono::{Datelike, NaiveDate};
use common::{assert_pdfa, assert_qpdf_clean, page_size, pages, save, squeeze, t0, text};
use hoshu_docs::templates::{
    BusinessScheduleDoc, SCHEDULE_COLUMNS, ScheduleDay, render_business_schedule,
};
use hoshu_docs::xlsx::{HEADER_ROW, business_schedule_xlsx};

fn may(approved: bool) -> BusinessScheduleDoc {
    let days = (1..=31)
        .map(|d| {
            let date = NaiveDate::from_ymd_opt(2026, 5, d).unwrap();
            let open = !matches!(date.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun)
                && !(3..=6).contains(&d);
            let mut cells: [String; 7] = Default::default();
            cells[0] = if open {
                "08:00〜19:00".into()
            } else {
                "閉庁".into()
            };
            if d == 3 {
                cells[1] = "月次メンテナンス 08:00〜22:00".into();
            }
            if d == 31 {
                cells[2] = "定期リリース（予定）".into();
            }
            if open {
                cells[3] = "NJ_RECEIPT_IMPORT 01:00〜02:00\nNJ_MONTHLY_SUM 02:00〜03:30".into();
                cells[6] = "システム監視（JP1監視画面・機器目視） 08:30〜".into();
            }
            if d == 20 {
                cells[4] = "定例会議 14:00〜15:00".into();
                cells[5] = "業務日程表（6月分）提出期限".into();
            }
            ScheduleDay { date, open, cells }
        })
        .collect();
    BusinessScheduleDoc {
        header_note: "生活保護レセプト管理システム".into(),
        year: 2026,
        month: 5,
        edition: 2,
        status: if approved { "承認済" } else { "提出済" }.into(),
        approved,
        submission_due: NaiveDate::from_ymd_opt(2026, 4, 20),
        approval: approved.then(|| "承認 令和8年4月24日 鈴木 課長".into()),
        author: "株式会社ほしゅシステムズ".into(),
        days,
        created_at: t0(),
    }
}

#[test]
fn the_month_is_one_a3_landscape_sheet_marked_draft_until_approved() {
    let bytes = render_business_schedule(&may(false)).unwrap();
    assert_eq!(
        bytes,
        render_business_schedule(&may(false)).unwrap(),
        "deterministic"
    );
    assert!(bytes.len() < 200 * 1024, "{} bytes", bytes.len());
    let pdf = save(&bytes);
    let (w, h, name) = page_size(&pdf);
    assert_eq!(name, "A3", "{w} x {h}");
    assert!(w > h, "landscape: {w} x {h}");
    assert_eq!(pages(&pdf), 1);
    assert_qpdf_clean(&pdf);
    assert_pdfa(&pdf);
    let all = squeeze(&text(&pdf));
    for needle in [
        "業務日程表（令和8年5月分）（案）",
        "第2版提出済",
        "提出期限令和8年4月20日(月)",
        "開庁・サービス時間",
        "定常作業",
        "1日(金)",
        "31日(日)",
        "月次メンテナンス08:00〜22:00",
        "定期リリース（予定）",
        "業務日程表（6月分）提出期限",
    ] {
        assert!(all.contains(needle), "missing {needle}");
    }
    let approved = save(&render_business_schedule(&may(true)).unwrap());
    let all = squeeze(&text(&approved));
    assert!(
        all.contains("業務日程表（令和8年5月分）第2版"),
        "no 案 once approved"
    );
    assert!(!all.contains("（案）"));
    assert!(all.contains("承認令和8年4月24日鈴木課長"));
}

#[test]
fn the_xlsx_holds_the_same_days_and_columns() {
    let doc = may(false);
    let bytes = business_schedule_xlsx(&doc).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("業務日程表").unwrap();
    let cell = |row: u32, col: u32| range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(
        cell(0, 0),
        Data::String("業務日程表（令和8年5月分）（案）".into())
    );
    let header: Vec<String> = (0..8).map(|c| cell(HEADER_ROW, c).to_string()).collect();
    assert_eq!(header[0], "日付");
    assert_eq!(header[1..], SCHEDULE_COLUMNS.map(String::from));
    for (i, day) in doc.days.iter().enumerate() {
        let y = HEADER_ROW + 1 + i as u32;
        match cell(y, 0) {
            Data::DateTime(dt) => assert_eq!(dt.as_datetime().map(|t| t.date()), Some(day.date)),
            other => panic!("row {y}: not a date: {other:?}"),
        }
        for (c, value) in day.cells.iter().enumerate() {
            let got = match cell(y, c as u32 + 1) {
                Data::String(s) => s,
                Data::Empty => String::new(),
                other => panic!("not text: {other:?}"),
            };
            assert_eq!(&got, value, "row {y} column {c}");
        }
    }
}
