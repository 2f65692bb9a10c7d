//! 定期報告 (monthly report): the A4 PDF; `monthly_xlsx` lays the same tables out as .xlsx.

use super::{MonthlyReport, bar_chart, minutes_text, report_head};
use crate::engine::{Align, Column, DocError, KeyValues, Table};
use hoshu_core::operations::JobNetFigures;

pub(super) fn title(r: &MonthlyReport) -> String {
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
