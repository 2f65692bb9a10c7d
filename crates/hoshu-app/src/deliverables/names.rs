//! The file names the city sees on the disc and in the save dialog.

use super::FormKind;
use chrono::NaiveDate;
use hoshu_core::calendar::tokyo;
use hoshu_core::wareki;
use hoshu_docs::templates::{PlanDoc, RegisterDoc, date_plain, fiscal_year_label};
use hoshu_store::MeetingRecord;

/// Joliet keeps 64 characters of a name, `;1` included.
pub(super) const NAME_MAX_CHARS: usize = 60;

/// A stored file's name behind `prefix`, fit for the disc: shortened before its extension to
/// [`NAME_MAX_CHARS`], and what Joliet cannot hold (`;`, characters beyond the BMP such as
/// 𠮷) written `_`.
pub(super) fn prefixed_name(prefix: &str, file_name: &str) -> String {
    let file_name: String = file_name
        .chars()
        .map(|c| {
            if c == ';' || u32::from(c) > 0xFFFF {
                '_'
            } else {
                c
            }
        })
        .collect();
    let (stem, ext) = match file_name.rfind('.') {
        Some(i) if i > 0 => (&file_name[..i], &file_name[i..]),
        _ => (file_name.as_str(), ""),
    };
    let room = NAME_MAX_CHARS.saturating_sub(prefix.chars().count() + ext.chars().count());
    let stem: String = stem.chars().take(room).collect();
    format!("{prefix}{stem}{ext}")
}

/// 打合せ議事録_令和8年4月10日_資料1_運用状況報告.pdf: the `n`th handout of the minutes named
/// `minutes_name`, sorted right after them.
pub(super) fn handout_file_name(minutes_name: &str, n: usize, file_name: &str) -> String {
    let stem = minutes_name.strip_suffix(".pdf").unwrap_or(minutes_name);
    prefixed_name(&format!("{stem}_資料{n}_"), file_name)
}

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
    fn handouts_sort_right_after_their_minutes_and_fit_the_disc() {
        let minutes = "打合せ議事録_令和8年4月10日.pdf";
        let first = handout_file_name(minutes, 1, "運用状況報告.pdf");
        assert_eq!(first, "打合せ議事録_令和8年4月10日_資料1_運用状況報告.pdf");
        let mut names = [
            "打合せ議事録_令和8年4月11日.pdf".to_owned(),
            first,
            minutes.to_owned(),
            handout_file_name("打合せ議事録_令和8年4月10日_2.pdf", 1, "a.pdf"),
        ];
        names.sort();
        assert_eq!(names[0], minutes);
        assert_eq!(names[3], "打合せ議事録_令和8年4月11日.pdf");
        let long = handout_file_name(minutes, 12, &format!("{};𠮷.docx", "長".repeat(80)));
        assert_eq!(long.chars().count(), NAME_MAX_CHARS);
        assert!(long.ends_with("長.docx"), "{long}");
        let odd = handout_file_name(minutes, 1, "𠮷田;案.pdf");
        assert_eq!(odd, "打合せ議事録_令和8年4月10日_資料1__田_案.pdf");
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
