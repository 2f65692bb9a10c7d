//! 定期報告 (monthly report): A4 PDF and .xlsx with the same tables.

use super::{MonthlyReport, bar_chart, minutes_text, rate_text, report_head};
use crate::engine::{Align, Column, DocError, KeyValues, Table};
use hoshu_core::operations::JobNetFigures;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

fn title(r: &MonthlyReport) -> String {
    format!(
        "定期報告書（{}分）",
        hoshu_core::wareki::year_month(r.year, r.month)
    )
}

fn count_table(first: &str, rows: &[super::CountRow]) -> Table {
    let mut t = Table::new(vec![
        Column::flex(first, 1.0).emphasised(),
        Column::fixed("受付件数", 28.0).align(Align::Right),
        Column::fixed("回答件数", 28.0).align(Align::Right),
    ]);
    for row in rows {
        t.row([
            row.label.clone(),
            row.received.to_string(),
            row.answered.to_string(),
        ]);
    }
    t.row([
        "合計".to_string(),
        rows.iter().map(|r| r.received).sum::<u64>().to_string(),
        rows.iter().map(|r| r.answered).sum::<u64>().to_string(),
    ]);
    t
}

fn seconds_text(seconds: i64) -> String {
    minutes_text(Some(seconds as f64 / 60.0))
}

/// 表2.5-2: runs, abnormal ends, records processed and processing time per job net, with the
/// month's total.
fn batch_table(lines: &[JobNetFigures]) -> Table {
    let mut t = Table::new(vec![
        Column::flex("ジョブネット", 1.0).emphasised(),
        Column::fixed("実行回数", 18.0).align(Align::Right),
        Column::fixed("異常終了", 18.0).align(Align::Right),
        Column::fixed("処理件数", 24.0).align(Align::Right),
        Column::fixed("処理時間計", 26.0).align(Align::Right),
        Column::fixed("平均", 22.0).align(Align::Right),
        Column::fixed("最長", 22.0).align(Align::Right),
    ]);
    for l in lines {
        t.row([
            l.job_net.clone(),
            l.runs.to_string(),
            l.abnormal_ends.to_string(),
            l.processed_count.to_string(),
            seconds_text(l.total_seconds),
            seconds_text(l.mean_seconds()),
            seconds_text(l.longest_seconds),
        ]);
    }
    t.row([
        "合計".to_string(),
        lines.iter().map(|l| l.runs).sum::<usize>().to_string(),
        lines
            .iter()
            .map(|l| l.abnormal_ends)
            .sum::<usize>()
            .to_string(),
        lines
            .iter()
            .map(|l| l.processed_count)
            .sum::<i64>()
            .to_string(),
        seconds_text(lines.iter().map(|l| l.total_seconds).sum()),
        "－".to_string(),
        "－".to_string(),
    ]);
    t
}

/// The SLA attainment table, shared with the annual report.
pub(super) fn sla_table(rows: &[super::SlaRow], measured: bool) -> Table {
    let mut cols = vec![
        Column::fixed("SLA項目", 26.0).emphasised(),
        Column::flex("目標値", 1.0),
        Column::fixed("達成", 13.0).align(Align::Right),
        Column::fixed("未達成", 15.0).align(Align::Right),
        Column::fixed("未確定", 15.0).align(Align::Right),
        Column::fixed("達成率", 17.0).align(Align::Right),
    ];
    if measured {
        cols.push(Column::flex("実績値", 1.2));
    }
    let mut t = Table::new(cols);
    for r in rows {
        let mut cells = vec![
            r.item.clone(),
            r.target.clone(),
            r.met.to_string(),
            r.breached.to_string(),
            r.undecided.to_string(),
            r.rate_text(),
        ];
        if measured {
            cells.push(r.measured.clone());
        }
        t.row(cells);
    }
    t
}

pub(super) fn excluded_table(rows: &[super::ExcludedLine]) -> Table {
    let mut t = Table::new(vec![
        Column::fixed("No.", 12.0).align(Align::Right),
        Column::fixed("検知日時", 26.0),
        Column::flex("件名", 1.0),
        Column::flex("免責事由", 1.0),
        Column::flex("根拠・判断", 1.3),
    ]);
    for x in rows {
        t.row([
            format!("#{}", x.id),
            x.detected.clone(),
            x.title.clone(),
            x.reason.clone(),
            format!("{}（{}）", x.note, x.decided),
        ]);
    }
    t
}

/// The monthly report as A4 portrait PDF.
pub fn monthly_pdf(r: &MonthlyReport) -> Result<Vec<u8>, DocError> {
    let title = title(r);
    let mut doc = report_head(&title, r.issued, &r.parties);
    doc.paragraph(format!(
        "　{}における運用保守業務の実施状況を、下記のとおり報告します。",
        hoshu_core::wareki::year_month(r.year, r.month)
    ));

    doc.heading("１．依頼対応状況");
    doc.subheading("(1) 種別ごとの受付・回答件数");
    doc.table(count_table("種別", &r.by_kind));
    doc.drawing(bar_chart(
        doc.content_width_mm(),
        48.0,
        "件",
        &r.by_kind
            .iter()
            .map(|k| (k.label.clone(), k.received as f64))
            .collect::<Vec<_>>(),
    ));
    doc.subheading("(2) 所属ごとの受付・回答件数");
    doc.table(count_table("所属", &r.by_office));
    doc.subheading("(3) 回答時間（サービス時間）");
    doc.key_values(
        KeyValues::new([
            ("回答件数", format!("{}件", r.answered)),
            ("中央値", minutes_text(r.median_minutes)),
            ("90パーセンタイル", minutes_text(r.p90_minutes)),
        ])
        .key_width(40.0),
    );

    doc.heading("２．障害対応状況");
    doc.subheading("(1) 分類ごとの障害件数");
    let mut t = Table::new(vec![
        Column::flex("分類", 1.0).emphasised(),
        Column::fixed("SLA対象", 24.0).align(Align::Right),
        Column::fixed("免責", 20.0).align(Align::Right),
        Column::fixed("計", 20.0).align(Align::Right),
    ]);
    for c in &r.incidents_by_category {
        t.row([
            c.label.clone(),
            c.counted.to_string(),
            c.excluded.to_string(),
            (c.counted + c.excluded).to_string(),
        ]);
    }
    doc.table(t);
    doc.drawing(bar_chart(
        doc.content_width_mm(),
        42.0,
        "件",
        &r.incidents_by_category
            .iter()
            .map(|c| (c.label.clone(), (c.counted + c.excluded) as f64))
            .collect::<Vec<_>>(),
    ));
    doc.subheading("(2) SLA達成状況（免責分を除く）");
    doc.table(sla_table(&r.sla, false));
    doc.subheading("(3) 未達成の内容と理由");
    if r.breaches.is_empty() {
        doc.paragraph("　未達成はありません。");
    } else {
        doc.paragraph(super::breach_summary(&r.breaches));
        doc.table(super::breach_table(&r.breaches));
    }
    doc.subheading("(4) 障害一覧");
    if r.incidents.is_empty() {
        doc.paragraph("　当月の障害はありません。");
    } else {
        let mut t = Table::new(vec![
            Column::fixed("No.", 12.0).align(Align::Right),
            Column::fixed("検知日時", 26.0),
            Column::fixed("分類", 24.0),
            Column::fixed("重大度", 13.0),
            Column::flex("件名", 1.0),
            Column::fixed("状況", 14.0),
            Column::fixed("未達成項目", 26.0),
        ]);
        for i in &r.incidents {
            t.row([
                format!("#{}", i.id),
                i.detected.clone(),
                i.category.clone(),
                i.severity.clone(),
                i.title.clone(),
                i.status.clone(),
                if i.breaches.is_empty() {
                    "－".into()
                } else {
                    i.breaches.clone()
                },
            ]);
        }
        doc.table(t);
    }
    doc.subheading("(5) SLA対象外（免責）とした障害");
    if r.excluded.is_empty() {
        doc.paragraph("　該当なし。");
    } else {
        doc.table(excluded_table(&r.excluded));
    }

    doc.heading("３．計画停止・リリース・保守作業の実施状況");
    doc.subheading("(1) 承認された変更の実施");
    if r.changes.is_empty() {
        doc.paragraph("　当月の実施はありません。");
    } else {
        let mut t = Table::new(vec![
            Column::fixed("種別", 24.0),
            Column::flex("件名", 1.0),
            Column::fixed("実施日時", 44.0),
            Column::fixed("結果", 16.0),
        ]);
        for c in &r.changes {
            t.row([
                c.kind.clone(),
                c.title.clone(),
                c.executed.clone(),
                c.outcome.clone(),
            ]);
        }
        doc.table(t);
    }
    doc.subheading("(2) 保守作業・リリース作業の記録");
    if r.work.is_empty() {
        doc.paragraph("　当月の作業記録はありません。");
    } else {
        doc.paragraph(format!("　作業記録 {}件。", r.work.len()));
        let mut t = Table::new(vec![
            Column::fixed("作業", 30.0),
            Column::flex("対象の変更", 1.0),
            Column::fixed("作業日時", 44.0),
            Column::flex("作業内容", 1.0),
        ]);
        for w in &r.work {
            t.row([
                w.kind.clone(),
                w.change.clone(),
                w.executed.clone(),
                w.note.clone(),
            ]);
        }
        doc.table(t);
    }

    doc.heading("４．バッチ処理・日次点検の実施状況");
    doc.subheading("(1) ジョブネット別の処理件数・処理時間");
    if r.batches.is_empty() {
        doc.paragraph("　当月のバッチ実行の記録はありません。");
    } else {
        doc.table(batch_table(&r.batches));
    }
    doc.subheading("(2) 日次点検");
    doc.paragraph(format!(
        "　点検実施 {}件（うち異常あり {}件）、未実施 {}件。",
        r.checks.done, r.checks.anomalies, r.checks.missed
    ));

    doc.heading("５．システム利用状況（ログイン数）");
    let mut t = Table::new(vec![
        Column::flex("月", 1.0).emphasised(),
        Column::fixed("ログイン数", 30.0).align(Align::Right),
    ]);
    for (m, n) in &r.logins {
        t.row([m.clone(), n.to_string()]);
    }
    doc.table(t);

    doc.heading("６．監査ログの記録状況");
    doc.paragraph(format!(
        "本報告書の作成時点の監査ログの先頭は「{}」です。監査ログは各記録の内容を鍵付きで連結しており、後から記録を書き換え・削除・追加すると、この値と一致しなくなります。本報告書の控えと照合してください。",
        r.audit_head
    ));
    doc.spacer(4.0);
    doc.right_aligned("以上");
    doc.render()
}

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
