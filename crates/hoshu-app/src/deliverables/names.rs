//! The file names the city sees on the disc and in the save dialog.

use super::FormKind;
use chrono::NaiveDate;
use hoshu_core::calendar::tokyo;
use hoshu_core::wareki;
use hoshu_docs::templates::{PlanDoc, RegisterDoc, date_plain, fiscal_year_label};
use hoshu_store::MeetingRecord;

pub(super) fn minutes_file_name(m: &MeetingRecord) -> String {
    format!(
        "打合せ議事録_{}.pdf",
        date_plain(tokyo(m.meeting.starts_at).date_naive())
    )
}

pub(super) fn register_file_name_of(doc: &RegisterDoc, ext: &str) -> String {
    format!("課題管理表_{}.{ext}", date_plain(doc.as_of))
}

pub(super) fn plan_file_name(p: &PlanDoc) -> String {
    format!(
        "運用保守計画書_{}_{}.pdf",
        fiscal_year_label(p.fiscal_year),
        p.version
    )
}

pub(super) fn form_file_name(kind: FormKind, fiscal_year: i32) -> String {
    match kind {
        FormKind::Schedule => format!("工程表_{}.pdf", fiscal_year_label(fiscal_year)),
        _ => format!("{}.pdf", kind.label()),
    }
}

pub(super) fn monthly_file_name(year: i32, month: u32) -> String {
    format!("定期報告_{}分.pdf", wareki::year_month(year, month))
}

pub(super) fn annual_file_name(fiscal_year: i32) -> String {
    format!("年次報告資料_{}.pdf", fiscal_year_label(fiscal_year))
}

pub(super) fn disc_file_name(day: NaiveDate) -> String {
    format!("成果品_{}.iso", date_plain(day))
}

/// `name` made unique among `taken` by a suffix before the extension: 打合せ議事録_令和8年4月10日_2.pdf.
pub(super) fn unique_name(name: String, taken: &mut std::collections::BTreeSet<String>) -> String {
    if taken.insert(name.clone()) {
        return name;
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) => (&name[..i], &name[i..]),
        None => (name.as_str(), ""),
    };
    let mut n = 2;
    loop {
        let candidate = format!("{stem}_{n}{ext}");
        if taken.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_unique_before_the_extension() {
        let mut taken = std::collections::BTreeSet::new();
        let a = unique_name("打合せ議事録_令和8年4月10日.pdf".into(), &mut taken);
        let b = unique_name("打合せ議事録_令和8年4月10日.pdf".into(), &mut taken);
        let c = unique_name("打合せ議事録_令和8年4月10日.pdf".into(), &mut taken);
        assert_eq!(a, "打合せ議事録_令和8年4月10日.pdf");
        assert_eq!(b, "打合せ議事録_令和8年4月10日_2.pdf");
        assert_eq!(c, "打合せ議事録_令和8年4月10日_3.pdf");
    }

    #[test]
    fn forms_and_reports_are_named_by_their_period() {
        assert_eq!(
            form_file_name(FormKind::Schedule, 2026),
            "工程表_令和8年度.pdf"
        );
        assert_eq!(
            form_file_name(FormKind::StartNotice, 2026),
            "委託業務着手届.pdf"
        );
        assert_eq!(monthly_file_name(2026, 5), "定期報告_令和8年5月分.pdf");
        assert_eq!(annual_file_name(2025), "年次報告資料_令和7年度.pdf");
    }
}
