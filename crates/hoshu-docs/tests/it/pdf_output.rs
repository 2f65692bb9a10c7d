//! Renders documents and reads the PDFs back with pdfinfo, pdffonts, pdftotext and qpdf.

use crate::common;

use common::{
    assert_qpdf_clean, body_text, info_field, page_size, page_text, pages, pdfinfo, run, save,
    squeeze, t0, text,
};
use hoshu_docs::engine::{
    Align, Color, Column, DocError, Document, Drawing, KeyValues, PageSize, Paragraph, Shape,
    Stroke, Table, TextStyle, is_no_start,
};

const STRESS: &str = "本業務は、生活保護レセプト管理システム（以下「本システム」という。）の運用・保守を行うものである。\
受託者は、障害が発生した場合、速やかに（原則として30分以内に）市の担当者へ報告し、復旧に努めること。\
ジョブ、バッチ、サーバー、ネットワーク、ファイル、データベース……いずれの障害であっても、ログ・画面の写し・操作記録を添付する。\
ただし、軽微なもの（業務への影響がないもの）は、月次報告で一括して報告することができる。";

fn simple_doc(page: PageSize) -> Document {
    let mut doc = Document::new("試験文書", page, t0());
    doc.title("試験文書").paragraph("本文です。");
    doc
}

#[test]
fn a4_portrait_is_a4_with_title_and_fixed_dates() {
    let pdf = save(&simple_doc(PageSize::A4Portrait).render().unwrap());
    let (w, h, name) = page_size(&pdf);
    assert!(
        (w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01,
        "{w} x {h}"
    );
    assert_eq!(name, "A4");
    let info = pdfinfo(&pdf);
    assert_eq!(info_field(&info, "Title"), "試験文書");
    assert_eq!(info_field(&info, "Pages"), "1");
    // 09:00 Japan time is 00:00 UTC.
    assert_eq!(
        info_field(&info, "CreationDate"),
        "Tue Apr  1 00:00:00 2025 UTC"
    );
    assert_eq!(info_field(&info, "ModDate"), "Tue Apr  1 00:00:00 2025 UTC");
    assert_qpdf_clean(&pdf);
}

#[test]
fn landscape_and_a3_page_sizes() {
    let cases = [
        (PageSize::A4Landscape, 841.89, 595.28, "A4"),
        (PageSize::A3Portrait, 841.89, 1190.55, "A3"),
        (PageSize::A3Landscape, 1190.55, 841.89, "A3"),
    ];
    for (page, ew, eh, ename) in cases {
        let pdf = save(&simple_doc(page).render().unwrap());
        let (w, h, name) = page_size(&pdf);
        assert!(
            (w - ew).abs() < 0.01 && (h - eh).abs() < 0.01,
            "{page:?}: {w} x {h}"
        );
        assert_eq!(name, ename, "{page:?}");
        assert_qpdf_clean(&pdf);
    }
}

#[test]
fn fonts_are_embedded_subset_and_mapped_to_unicode() {
    let pdf = save(&common::minutes::minutes_sample().render().unwrap());
    let fonts = run("pdffonts", &[], &pdf.path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object-id gen
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
    }
    assert!(fonts.contains("+BIZUDMincho-Regular"), "{fonts}");
    assert!(fonts.contains("+BIZUDGothic-Bold"), "{fonts}");
}

#[test]
fn japanese_paragraph_round_trips_through_text_extraction() {
    let mut doc = Document::new("往復試験", PageSize::A4Portrait, t0());
    doc.heading("１．概要").paragraph(STRESS);
    let pdf = save(&doc.render().unwrap());
    let extracted = squeeze(&text(&pdf));
    assert!(extracted.contains("１．概要"), "{extracted}");
    assert!(extracted.contains(&squeeze(STRESS)), "{extracted}");
}

#[test]
fn kinsoku_no_extracted_line_starts_with_prohibited_punctuation() {
    let mut doc = Document::new("禁則試験", PageSize::A4Portrait, t0());
    // The same paragraph at many measures, so that punctuation lands at every line end.
    for i in 0..24 {
        doc.paragraph_with(Paragraph::new(STRESS).indent(i as f32 * 2.6));
    }
    let pdf = save(&doc.render().unwrap());
    let all = text(&pdf);
    let mut body_lines = 0;
    for line in all.lines() {
        let line = line.trim_start();
        let Some(first) = line.chars().next() else {
            continue;
        };
        body_lines += 1;
        assert!(
            first != '、' && first != '。',
            "line starts with {first}: {line}"
        );
        assert!(!is_no_start(first), "line starts with {first}: {line}");
    }
    assert!(body_lines > 24 * 4, "{body_lines} lines");
    // Nothing lost or reordered.
    let joined = squeeze(&body_text(&pdf));
    assert_eq!(joined.matches(&squeeze(STRESS)).count(), 24);
}

#[test]
fn explicit_newlines_are_honoured() {
    let mut doc = Document::new("改行", PageSize::A4Portrait, t0());
    doc.paragraph("一行目\n二行目\n\n四行目");
    let pdf = save(&doc.render().unwrap());
    let lines: Vec<String> = text(&pdf)
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| l.ends_with("行目"))
        .collect();
    assert_eq!(lines, ["一行目", "二行目", "四行目"]);
}

fn register(rows: usize, page: PageSize) -> Document {
    let mut doc = Document::new("課題管理表", page, t0());
    doc.set_header_note("生活保護レセプト管理システム 運用保守業務");
    doc.title("課題管理表");
    let mut table = Table::new(vec![
        Column::fixed("管理番号", 22.0).align(Align::Center),
        Column::flex("件名", 2.0),
        Column::flex("対応内容", 3.0),
        Column::fixed("状態", 16.0).align(Align::Center),
    ]);
    for i in 1..=rows {
        // Rows of one to four lines.
        let detail = "対応内容を記載する。".repeat(1 + i % 7);
        table.row([
            format!("R-{i:04}"),
            format!("件名{i:04}の課題"),
            format!("〔{i:04}始〕{detail}〔{i:04}終〕"),
            if i % 3 == 0 { "完了" } else { "対応中" }.to_owned(),
        ]);
    }
    doc.table(table);
    doc
}

#[test]
fn three_hundred_row_table_repeats_its_header_and_keeps_rows_whole() {
    let pdf = save(&register(300, PageSize::A4Portrait).render().unwrap());
    let n = pages(&pdf);
    assert!(n >= 5, "{n} pages");
    let mut seen = vec![0usize; 301];
    for p in 1..=n {
        let t = page_text(&pdf, p);
        assert_eq!(t.matches("管理番号").count(), 1, "header on page {p}:\n{t}");
        assert_eq!(
            t.matches("対応内容").count() - t.matches("対応内容を").count(),
            1,
            "page {p}"
        );
        assert!(
            t.contains(&format!("{p} / {n}")),
            "footer on page {p}:\n{t}"
        );
        assert!(t.contains("課題管理表"), "running header on page {p}");
        let squeezed = squeeze(&t);
        for (i, count) in seen.iter_mut().enumerate().skip(1) {
            let id = format!("R-{i:04}");
            if t.contains(&id) {
                *count += 1;
                // The whole row is on this page: start and end markers of its long cell.
                assert!(
                    squeezed.contains(&format!("〔{i:04}始〕")),
                    "row {i} split on page {p}"
                );
                assert!(
                    squeezed.contains(&format!("〔{i:04}終〕")),
                    "row {i} split on page {p}"
                );
            }
        }
    }
    for (i, count) in seen.iter().enumerate().skip(1) {
        assert_eq!(*count, 1, "row title R-{i:04} found on {count} pages");
    }
    assert_qpdf_clean(&pdf);
}

#[test]
fn a_row_taller_than_a_page_is_split_between_lines() {
    let mut doc = Document::new("長い行", PageSize::A4Portrait, t0());
    let long: Vec<String> = (1..=120).map(|i| format!("第{i:03}行目の記載")).collect();
    let table = Table::new(vec![
        Column::fixed("項番", 20.0),
        Column::flex("記載内容", 1.0),
    ])
    .with_row(["1".to_owned(), "短い行".to_owned()])
    .with_row(["2".to_owned(), long.join("\n")])
    .with_row(["3".to_owned(), "最後の行".to_owned()]);
    doc.table(table);
    let pdf = save(&doc.render().unwrap());
    let n = pages(&pdf);
    assert!(n >= 2, "{n} pages");
    let mut all = String::new();
    for p in 1..=n {
        let t = page_text(&pdf, p);
        assert_eq!(t.matches("記載内容").count(), 1, "header on page {p}");
        all.push_str(&t);
    }
    for line in &long {
        assert_eq!(all.matches(line.as_str()).count(), 1, "{line}");
    }
    assert!(all.contains("最後の行"));
    assert_qpdf_clean(&pdf);
}

#[test]
fn every_page_has_its_number_of_the_total() {
    let mut doc = Document::new("頁番号", PageSize::A4Landscape, t0());
    for i in 1..=4 {
        doc.heading(format!("第{i}章"))
            .paragraph(STRESS)
            .page_break();
    }
    let pdf = save(&doc.render().unwrap());
    assert_eq!(pages(&pdf), 4);
    for p in 1..=4 {
        let t = page_text(&pdf, p);
        assert!(t.contains(&format!("{p} / 4")), "page {p}:\n{t}");
        assert!(t.contains(&format!("第{p}章")), "page {p}");
    }
}

#[test]
fn missing_glyphs_are_reported_with_character_and_place() {
    // An emoji in a paragraph.
    let mut doc = Document::new("欠字", PageSize::A4Portrait, t0());
    doc.title("欠字").paragraph("報告します😀。");
    match doc.render() {
        Err(DocError::MissingGlyph {
            ch, code, location, ..
        }) => {
            assert_eq!(ch, '😀');
            assert_eq!(code, 0x1F600);
            assert!(location.contains("2番目の要素（段落）"), "{location}");
        }
        other => panic!("expected MissingGlyph, got {other:?}"),
    }

    // A rare CJK Extension B ideograph (U+20000) in a table cell.
    let mut doc = Document::new("欠字", PageSize::A4Portrait, t0());
    let table = Table::new(vec![Column::flex("氏名", 1.0), Column::flex("備考", 1.0)])
        .with_row(["山田 太郎", "なし"])
        .with_row(["\u{20000}田 花子", "なし"]);
    doc.table(table);
    let err = doc.render().unwrap_err();
    match &err {
        DocError::MissingGlyph { ch, location, .. } => {
            assert_eq!(*ch, '\u{20000}');
            assert!(location.contains("2行1列目"), "{location}");
        }
        other => panic!("expected MissingGlyph, got {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains("U+20000"), "{message}");
    assert!(message.contains("含まれていない"), "{message}");

    // In the running header (the document title).
    let doc = Document::new("報告😀", PageSize::A4Portrait, t0());
    assert!(matches!(doc.render(), Err(DocError::MissingGlyph { .. })));
}

#[test]
fn variation_selectors_fall_back_to_the_base_character() {
    let mut doc = Document::new("異体字", PageSize::A4Portrait, t0());
    doc.paragraph("葛\u{E0100}飾区");
    let pdf = save(&doc.render().unwrap());
    assert!(text(&pdf).contains("葛飾区"));
}

#[test]
fn renders_are_byte_identical() {
    let minutes = common::minutes::minutes_sample().render().unwrap();
    let again = common::minutes::minutes_sample().render().unwrap();
    assert!(minutes == again, "two renders of the minutes differ");
    let a = register(120, PageSize::A4Landscape).render().unwrap();
    let b = register(120, PageSize::A4Landscape).render().unwrap();
    assert!(a == b, "two renders of the register differ");

    // The dates are the caller's: another modification date gives another file, and it is
    // what the PDF says.
    let mut later = common::minutes::minutes_sample();
    later.set_modified(t0() + chrono::Duration::days(30));
    let later = later.render().unwrap();
    assert!(later != minutes);
    let info = pdfinfo(&save(&later));
    assert_eq!(info_field(&info, "ModDate"), "Thu May  1 00:00:00 2025 UTC");
}

#[test]
fn minutes_sample_is_one_small_page() {
    let bytes = common::minutes::minutes_sample().render().unwrap();
    assert!(bytes.len() <= 100 * 1024, "{} bytes", bytes.len());
    let pdf = save(&bytes);
    assert_eq!(pages(&pdf), 1);
    let t = squeeze(&text(&pdf));
    for needle in [
        "打合せ議事録",
        "会議名",
        "日時",
        "令和7年4月15日(火)",
        "場所",
        "出席者",
        "議題",
        "決定事項",
        "1/1",
    ] {
        assert!(t.contains(needle), "{needle} missing");
    }
    assert_qpdf_clean(&pdf);
}

#[test]
fn drawings_boxes_lines_and_arrows() {
    let mut doc = Document::new("障害対応フロー", PageSize::A4Portrait, t0());
    doc.heading("障害対応フロー");
    let mut flow = Drawing::new(60.0);
    flow.push(Shape::node(0.0, 0.0, 40.0, 12.0, "障害検知"))
        .push(Shape::arrow((40.0, 6.0), (55.0, 6.0)))
        .push(Shape::node(
            55.0,
            0.0,
            40.0,
            12.0,
            "一次切り分け（保守担当）",
        ))
        .push(Shape::arrow((95.0, 6.0), (110.0, 6.0)))
        .push(Shape::node(110.0, 0.0, 40.0, 12.0, "市へ報告"))
        .push(Shape::Path {
            points: vec![(75.0, 12.0), (75.0, 30.0), (20.0, 30.0), (20.0, 40.0)],
            stroke: Stroke::THIN.dashed(),
            arrow: true,
        })
        .push(Shape::text(
            0.0,
            45.0,
            150.0,
            "図1　障害対応の流れ",
            TextStyle::body().align(Align::Center),
        ));
    doc.drawing(flow);
    doc.heading("月別受付件数");
    let counts = [120.0, 135.0, 98.0, 142.0];
    let mut chart = Drawing::new(50.0).with(Shape::line((10.0, 40.0), (150.0, 40.0)));
    for (i, c) in counts.iter().enumerate() {
        let x = 20.0 + i as f32 * 32.0;
        let h = c / 4.0;
        chart.push(Shape::filled_rect(
            x,
            40.0 - h,
            16.0,
            h,
            Color::rgb(90, 120, 170),
        ));
        chart.push(Shape::text(
            x - 4.0,
            42.0,
            24.0,
            format!("{}月", i + 1),
            TextStyle::label(8.0).align(Align::Center),
        ));
    }
    doc.drawing(chart);
    let pdf = save(&doc.render().unwrap());
    let t = squeeze(&text(&pdf));
    for needle in [
        "障害検知",
        "一次切り分け",
        "市へ報告",
        "図1障害対応の流れ",
        "4月",
    ] {
        assert!(t.contains(needle), "{needle} missing");
    }
    assert_qpdf_clean(&pdf);
    // It rasterises.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("flow");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "30", "-png", "-singlefile"])
        .arg(&pdf.path)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(dir.path().join("flow.png").exists());
}

#[test]
fn layout_errors_are_reported() {
    let mut doc = Document::new("誤り", PageSize::A4Portrait, t0());
    doc.table(Table::new(vec![Column::flex("A", 1.0), Column::flex("B", 1.0)]).with_row(["1"]));
    assert!(matches!(
        doc.render(),
        Err(DocError::TableShape {
            expected: 2,
            found: 1,
            ..
        })
    ));

    let mut doc = Document::new("誤り", PageSize::A4Portrait, t0());
    doc.table(Table::new(vec![
        Column::fixed("A", 120.0),
        Column::fixed("B", 120.0),
    ]));
    let err = doc.render().unwrap_err();
    assert!(matches!(err, DocError::TableTooWide { .. }), "{err:?}");
    assert!(err.to_string().contains("列幅"), "{err}");

    let mut doc = Document::new("誤り", PageSize::A4Portrait, t0());
    doc.drawing(Drawing::new(400.0));
    assert!(matches!(doc.render(), Err(DocError::TooTall { .. })));

    let mut doc = Document::new("誤り", PageSize::A4Portrait, t0());
    doc.drawing(Drawing::new(40.0).with(Shape::line((0.0, 0.0), (f32::NAN, 10.0))));
    assert!(matches!(doc.render(), Err(DocError::InvalidLayout(_))));
}

#[test]
fn key_values_wrap_long_values() {
    let mut doc = Document::new("項目", PageSize::A4Portrait, t0());
    doc.key_values(KeyValues::new([("件名", STRESS), ("担当", "山田")]).key_width(25.0));
    let pdf = save(&doc.render().unwrap());
    // The label is centred beside the value, so it sits between the value's lines.
    let t = squeeze(&text(&pdf)).replacen("件名", "", 1);
    assert!(t.contains(&squeeze(STRESS)), "{t}");
    assert!(t.contains("担当山田"));
}

/// Environment variable that turns [`renders_are_identical_across_processes`] into the child
/// that writes the sample to the given path.
const RENDER_TO: &str = "HOSHU_DOCS_TEST_RENDER_TO";

#[test]
fn renders_are_identical_across_processes() {
    if let Some(path) = std::env::var_os(RENDER_TO) {
        let bytes = common::minutes::minutes_sample().render().unwrap();
        std::fs::write(path, bytes).unwrap();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut outputs = Vec::new();
    for name in ["a.pdf", "b.pdf"] {
        let path = dir.path().join(name);
        let status = std::process::Command::new(&exe)
            .args([
                "--exact",
                "pdf_output::renders_are_identical_across_processes",
                "--test-threads",
                "1",
            ])
            .env(RENDER_TO, &path)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        outputs.push(std::fs::read(&path).unwrap());
    }
    let here = common::minutes::minutes_sample().render().unwrap();
    assert!(
        outputs[0] == outputs[1],
        "two processes rendered different bytes"
    );
    assert!(
        outputs[0] == here,
        "a child process and this one rendered different bytes"
    );
}
