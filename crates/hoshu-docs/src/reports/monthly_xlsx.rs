//! 定期報告 (monthly report) as .xlsx: the tables of the PDF, one sheet each, for the city to
//! sort and total.

use super::monthly::title;
use super::{MonthlyReport, rate_text};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

struct Formats {
    header: Format,
    cell: Format,
    number: Format,
    title: Format,
}

fn formats() -> Formats {
    let base = Format::new()
        .set_font_name("BIZ UDゴシック")
        .set_font_size(10)
        .set_border(FormatBorder::Thin);
    Formats {
        header: base
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xDDE4EE))
            .set_align(FormatAlign::Center),
        cell: base.clone().set_text_wrap(),
        number: base.set_num_format("#,##0"),
        title: Format::new()
            .set_font_name("BIZ UDゴシック")
            .set_font_size(12)
            .set_bold(),
    }
}

/// A sheet named `name` with a title line, a header row and rows; numbers are cells of type
/// number. `widths` are in characters.
fn sheet(
    wb: &mut Workbook,
    f: &Formats,
    name: &str,
    title: &str,
    headers: &[(&str, f64)],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    let ws: &mut Worksheet = wb.add_worksheet();
    ws.set_name(name)?;
    ws.write_string_with_format(0, 0, title, &f.title)?;
    for (c, (h, w)) in headers.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(2, c, *h, &f.header)?;
        ws.set_column_width(c, *w)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 3;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => crate::xlsx::write_text(ws, r, c, s, &f.cell)?,
                Cell::Number(n) => {
                    ws.write_number_with_format(r, c, *n, &f.number)?;
                }
            };
        }
    }
    ws.set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_header(format!("&L{title}&R&P / &N"));
    ws.set_repeat_rows(2, 2)?;
    Ok(())
}

/// A cell of the .xlsx export.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn n(v: impl Into<f64>) -> Cell {
    Cell::Number(v.into())
}

/// The monthly report as .xlsx: one sheet per table, headers, widths, A4 print setup.
pub fn monthly_xlsx(r: &MonthlyReport) -> Result<Vec<u8>, XlsxError> {
    let f = formats();
    let title = title(r);
    let mut wb = Workbook::new();
    let counts = |rows: &[super::CountRow]| -> Vec<Vec<Cell>> {
        rows.iter()
            .map(|k| vec![t(&k.label), n(k.received as f64), n(k.answered as f64)])
            .collect()
    };
    sheet(
        &mut wb,
        &f,
        "依頼（種別）",
        &format!("{title}　依頼の受付・回答件数（種別）"),
        &[("種別", 24.0), ("受付件数", 12.0), ("回答件数", 12.0)],
        &counts(&r.by_kind),
    )?;
    sheet(
        &mut wb,
        &f,
        "依頼（所属）",
        &format!("{title}　依頼の受付・回答件数（所属）"),
        &[("所属", 28.0), ("受付件数", 12.0), ("回答件数", 12.0)],
        &counts(&r.by_office),
    )?;
    let opt = |v: Option<f64>| v.map_or_else(|| t("－"), n);
    sheet(
        &mut wb,
        &f,
        "回答時間",
        &format!("{title}　回答時間（サービス時間・分）"),
        &[("項目", 24.0), ("値", 14.0)],
        &[
            vec![t("回答件数"), n(r.answered as f64)],
            vec![t("中央値（分）"), opt(r.median_minutes)],
            vec![t("90パーセンタイル（分）"), opt(r.p90_minutes)],
        ],
    )?;
    sheet(
        &mut wb,
        &f,
        "障害（分類）",
        &format!("{title}　分類ごとの障害件数"),
        &[("分類", 24.0), ("SLA対象", 10.0), ("免責", 10.0)],
        &r.incidents_by_category
            .iter()
            .map(|c| vec![t(&c.label), n(c.counted as f64), n(c.excluded as f64)])
            .collect::<Vec<_>>(),
    )?;
    sheet(
        &mut wb,
        &f,
        "SLA",
        &format!("{title}　SLA達成状況（免責分を除く）"),
        &[
            ("SLA項目", 16.0),
            ("目標値", 22.0),
            ("達成", 8.0),
            ("未達成", 8.0),
            ("未確定", 8.0),
            ("達成率", 10.0),
        ],
        &r.sla
            .iter()
            .map(|s| {
                vec![
                    t(&s.item),
                    t(&s.target),
                    n(s.met as f64),
                    n(s.breached as f64),
                    n(s.undecided as f64),
                    t(rate_text(s.rate)),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    sheet(
        &mut wb,
        &f,
        "未達成",
        &format!("{title}　未達成の内容と理由"),
        &[
            ("No.", 10.0),
            ("件名", 36.0),
            ("SLA項目", 14.0),
            ("期限", 16.0),
            ("実施", 16.0),
            ("超過", 12.0),
            ("理由・経過", 40.0),
        ],
        &r.breaches
            .iter()
            .map(|b| {
                vec![
                    t(&b.subject),
                    t(&b.title),
                    t(&b.item),
                    t(&b.deadline),
                    t(&b.done),
                    t(&b.late),
                    t(&b.note),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    sheet(
        &mut wb,
        &f,
        "障害一覧",
        &format!("{title}　障害一覧"),
        &[
            ("No.", 6.0),
            ("検知日時", 16.0),
            ("分類", 18.0),
            ("重大度", 8.0),
            ("件名", 40.0),
            ("状況", 8.0),
            ("未達成項目", 20.0),
        ],
        &r.incidents
            .iter()
            .map(|i| {
                vec![
                    n(i.id as f64),
                    t(&i.detected),
                    t(&i.category),
                    t(&i.severity),
                    t(&i.title),
                    t(&i.status),
                    t(&i.breaches),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    sheet(
        &mut wb,
        &f,
        "免責",
        &format!("{title}　SLA対象外（免責）とした障害"),
        &[
            ("No.", 6.0),
            ("検知日時", 16.0),
            ("件名", 36.0),
            ("免責事由", 30.0),
            ("根拠", 40.0),
            ("判断", 24.0),
        ],
        &r.excluded
            .iter()
            .map(|x| {
                vec![
                    n(x.id as f64),
                    t(&x.detected),
                    t(&x.title),
                    t(&x.reason),
                    t(&x.note),
                    t(&x.decided),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    sheet(
        &mut wb,
        &f,
        "作業実績",
        &format!("{title}　計画停止・リリース・保守作業"),
        &[
            ("種別", 14.0),
            ("件名", 40.0),
            ("実施日時", 30.0),
            ("結果", 10.0),
        ],
        &r.changes
            .iter()
            .map(|c| vec![t(&c.kind), t(&c.title), t(&c.executed), t(&c.outcome)])
            .collect::<Vec<_>>(),
    )?;
    sheet(
        &mut wb,
        &f,
        "保守作業",
        &format!("{title}　保守作業・リリース作業の記録"),
        &[
            ("作業", 20.0),
            ("対象の変更", 36.0),
            ("作業日時", 30.0),
            ("作業内容", 48.0),
        ],
        &r.work
            .iter()
            .map(|w| vec![t(&w.kind), t(&w.change), t(&w.executed), t(&w.note)])
            .collect::<Vec<_>>(),
    )?;
    // Durations in minutes as numbers, so the city can sum and chart them.
    let minutes = |seconds: i64| n(seconds as f64 / 60.0);
    sheet(
        &mut wb,
        &f,
        "バッチ処理",
        &format!("{title}　ジョブネット別の処理件数・処理時間（分）"),
        &[
            ("ジョブネット", 28.0),
            ("実行回数", 10.0),
            ("異常終了", 10.0),
            ("処理件数", 12.0),
            ("処理時間計（分）", 16.0),
            ("平均（分）", 12.0),
            ("最長（分）", 12.0),
        ],
        &r.batches
            .iter()
            .map(|l| {
                vec![
                    t(&l.job_net),
                    n(l.runs as f64),
                    n(l.abnormal_ends as f64),
                    n(l.processed_count as f64),
                    minutes(l.total_seconds),
                    minutes(l.mean_seconds()),
                    minutes(l.longest_seconds),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    sheet(
        &mut wb,
        &f,
        "日次点検",
        &format!("{title}　日次点検"),
        &[("点検実施", 12.0), ("うち異常あり", 14.0), ("未実施", 12.0)],
        &[vec![
            n(r.checks.done as f64),
            n(r.checks.anomalies as f64),
            n(r.checks.missed as f64),
        ]],
    )?;
    sheet(
        &mut wb,
        &f,
        "ログイン",
        &format!("{title}　ログイン数"),
        &[("月", 16.0), ("ログイン数", 12.0)],
        &r.logins
            .iter()
            .map(|(m, c)| vec![t(m), n(*c as f64)])
            .collect::<Vec<_>>(),
    )?;
    sheet(
        &mut wb,
        &f,
        "監査ログ",
        &format!("{title}　監査ログの記録状況"),
        &[("作成時点の監査ログの先頭", 100.0)],
        &[vec![t(&r.audit_head)]],
    )?;
    wb.save_to_buffer()
}
