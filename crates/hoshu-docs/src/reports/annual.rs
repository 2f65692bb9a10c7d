//! 年次報告資料: the SLA evaluation of a fiscal year, A4 PDF.

use super::monthly::{excluded_table, sla_table};
use super::{AnnualReport, bar_chart, breach_summary, breach_table, report_head};
use crate::engine::{DocError, KeyValues};

/// The annual SLA report as A4 portrait PDF.
pub fn annual_pdf(r: &AnnualReport) -> Result<Vec<u8>, DocError> {
    let fy = hoshu_core::calendar::fiscal::fiscal_year_label(r.fiscal_year);
    let title = format!("年次報告資料（{fy} サービスレベル評価）");
    let mut doc = report_head(&title, r.issued, &r.parties);
    doc.paragraph(format!(
        "　{fy}（{}年4月1日～{}年3月31日）のサービスレベルの達成状況を、下記のとおり報告します。免責事項（契約書 第8章第3節）に該当すると判断された障害は、記録として掲げたうえでSLAの集計から除いています。",
        r.fiscal_year,
        r.fiscal_year + 1
    ));

    doc.heading("１．概況");
    doc.key_values(
        KeyValues::new([
            ("対象期間", format!("{fy}（4月～翌年3月）")),
            (
                "障害件数",
                format!("{}件（うち免責 {}件）", r.incidents, r.excluded_incidents),
            ),
            ("依頼件数", format!("{}件", r.requests)),
        ])
        .key_width(34.0),
    );
    doc.drawing(bar_chart(
        doc.content_width_mm(),
        44.0,
        "障害件数／月",
        &r.incidents_by_month
            .iter()
            .map(|(m, c)| (m.clone(), *c as f64))
            .collect::<Vec<_>>(),
    ));

    doc.heading("２．SLA項目ごとの達成状況");
    doc.table(sla_table(&r.sla, true).size(8.5));
    doc.paragraph("　達成率＝達成件数÷（達成件数＋未達成件数）。未確定（計測中・未開始）は率に含めない。実績値は計測開始から完了までの時間（24時間計測の項目は経過時間、開庁日・サービス時間の項目はサービス時間）。");

    doc.heading("３．未達成の内容と理由");
    if r.breaches.is_empty() {
        doc.paragraph("　未達成はありません。");
    } else {
        doc.paragraph(breach_summary(&r.breaches));
        doc.table(breach_table(&r.breaches));
    }

    doc.heading("４．SLA対象外（免責）とした障害");
    if r.excluded.is_empty() {
        doc.paragraph("　該当なし。");
    } else {
        doc.table(excluded_table(&r.excluded).size(8.0));
    }
    doc.spacer(4.0);
    doc.right_aligned("以上");
    doc.render()
}
