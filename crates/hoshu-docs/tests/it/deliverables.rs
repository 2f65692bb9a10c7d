//! Every deliverable rendered from its view model and read back: pdfinfo (paper), pdffonts
//! (embedded, subset, Unicode), pdftotext (content, kinsoku), qpdf --check; the register's
//! .xlsx read back with calamine; the delivery disc listed and extracted with isoinfo and
//! xorriso and compared with its MANIFEST.

use crate::common;

use std::process::Command;

use calamine::{Data, DataType, Reader, Xlsx};
use common::samples;
use common::{
    PdfFile, assert_pdfa, assert_qpdf_clean, page_size, page_text, pages, run, save, squeeze, text,
};
use hoshu_docs::disc::{
    DiscError, DiscFile, DiscRequest, MALWARE_CHECK_NAME, MANIFEST_NAME, MalwareCheck, Media,
    build_disc, sha256_hex,
};
use hoshu_docs::templates::{self as t, RegisterPaper};
use hoshu_docs::testing::{extract_iso, parse_manifest, tool};
use hoshu_docs::xlsx::{HEADER_ROW, register_xlsx};

/// The checks every deliverable passes: paper, fonts, qpdf, kinsoku.
fn check_pdf(bytes: &[u8], landscape: bool) -> PdfFile {
    let pdf = save(bytes);
    let (w, h, name) = page_size(&pdf);
    assert_eq!(name, "A4", "{w} x {h}");
    assert_eq!(w > h, landscape, "{w} x {h}");
    let fonts = run("pdffonts", &[], &pdf.path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
    }
    assert_qpdf_clean(&pdf);
    assert_pdfa(&pdf);
    for line in text(&pdf).lines() {
        let first = line.trim_start().chars().next();
        assert!(
            !matches!(first, Some('、' | '。')),
            "line starts with punctuation: {line}"
        );
    }
    pdf
}

#[test]
fn minutes_is_one_a4_page_under_100_kb_with_every_part() {
    let m = samples::minutes();
    let bytes = t::render_minutes(&m).unwrap();
    assert!(bytes.len() <= 100 * 1024, "{} bytes", bytes.len());
    let pdf = check_pdf(&bytes, false);
    assert_eq!(pages(&pdf), 1);
    let all = squeeze(&text(&pdf));
    for needle in [
        "打合せ議事録（案）",
        "作成日令和8年4月13日",
        "作成者株式会社ほしゅシステムズ山田太郎",
        "会議名第1回定例会議",
        "令和8年4月10日(金)14時00分～15時30分",
        "岡山市役所本庁舎3階第2会議室",
        "資料2課題管理表（令和8年4月9日時点）",
        "出席者・欠席者",
        "本市",
        "受託者",
        "中村誠欠席",
        "議題",
        "議事内容",
        "決定事項",
        "宿題",
        "障害時連絡先一覧（情報政策課）の提供本市鈴木令和8年4月15日",
        "次回予定",
        "以上",
    ] {
        assert!(all.contains(needle), "missing {needle}:\n{all}");
    }
    for p in &m.discussion {
        assert!(all.contains(&squeeze(p)), "missing {p}");
    }
}

#[test]
fn draft_minutes_say_an_on_every_page_and_approved_ones_name_the_approver() {
    let mut m = samples::minutes();
    // No 「案」 of its own in the text, and long enough for three pages.
    let plain = |s: &str| {
        s.replace("（案）", "")
            .replace("提案", "提示")
            .replace("変更案", "変更内容")
    };
    for v in [&mut m.handouts, &mut m.agenda, &mut m.discussion] {
        for s in v.iter_mut() {
            *s = plain(s);
        }
    }
    for a in &mut m.action_items {
        a.content = plain(&a.content);
    }
    let discussion = m.discussion.clone();
    for _ in 0..14 {
        m.discussion.extend(discussion.iter().cloned());
    }
    let draft = check_pdf(&t::render_minutes(&m).unwrap(), false);
    m.state = t::MinutesState::Approved {
        by: "保健福祉局 生活保護・自立支援課長 佐藤 花子".into(),
        on: samples::d(2026, 4, 20),
    };
    let approved = check_pdf(&t::render_minutes(&m).unwrap(), false);
    assert!(pages(&draft) >= 3, "{} pages", pages(&draft));
    for n in 1..=pages(&draft) {
        // The header line: the title 「打合せ議事録（案）…」 and the boxed mark.
        let page = page_text(&draft, n);
        let header = page.lines().find(|l| !l.trim().is_empty()).unwrap();
        assert_eq!(header.matches('案').count(), 2, "page {n}: {header}");
    }
    for n in 1..=pages(&approved) {
        assert!(!page_text(&approved, n).contains('案'), "page {n}");
    }
    let draft_text = squeeze(&text(&draft));
    assert!(draft_text.contains("打合せ議事録（案）"));
    assert!(!draft_text.contains("本市確認"));
    let approved_text = squeeze(&text(&approved));
    for needle in [
        "本市確認",
        "確認者保健福祉局生活保護・自立支援課長佐藤花子",
        "確認日令和8年4月20日",
    ] {
        assert!(approved_text.contains(needle), "{needle}:\n{approved_text}");
    }
}

#[test]
fn handouts_kept_as_files_are_listed_with_their_size() {
    let mut m = samples::minutes();
    let plain = squeeze(&text(&check_pdf(&t::render_minutes(&m).unwrap(), false)));
    assert!(
        !plain.contains("配布資料（ファイル）"),
        "no section without files"
    );
    m.handout_files = vec![
        t::HandoutFile {
            name: "資料1_月次運用報告書.pdf".into(),
            size: 1_468_006,
        },
        t::HandoutFile {
            name: "資料2_課題管理表.xlsx".into(),
            size: 36_045,
        },
    ];
    let all = squeeze(&text(&check_pdf(&t::render_minutes(&m).unwrap(), false)));
    for needle in [
        "資料3令和8年度運用保守計画書",
        "ファイル2件（「配布資料（ファイル）」のとおり）",
        "２．配布資料（ファイル）",
        "1資料1_月次運用報告書.pdf1.4MB",
        "2資料2_課題管理表.xlsx35.2KB",
        "３．議題",
    ] {
        assert!(all.contains(needle), "missing {needle}:\n{all}");
    }
}

#[test]
fn minutes_render_identically_twice() {
    let m = samples::minutes();
    assert_eq!(
        t::render_minutes(&m).unwrap(),
        t::render_minutes(&m).unwrap()
    );
}

#[test]
fn register_pdf_of_1000_rows_has_every_title_and_a_header_on_every_page() {
    let r = samples::register(1000);
    let bytes = t::render_register(&r).unwrap();
    let pdf = check_pdf(&bytes, true);
    let n = pages(&pdf);
    assert!(n > 20, "{n} pages");
    for p in 1..=n {
        let page = page_text(&pdf, p);
        let head = squeeze(&page);
        for col in [
            "No",
            "起票日",
            "起票者",
            "分類",
            "タイトル",
            "優先度",
            "担当者",
            "期限",
            "状態",
            "対応内容・経過",
            "完了日",
        ] {
            assert!(head.contains(col), "page {p} lacks header {col}");
        }
    }
    // Content-stream order keeps each wrapped cell together.
    let all = squeeze(&run("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf.path));
    for row in &r.rows {
        assert!(all.contains(&squeeze(&row.title)), "missing {}", row.title);
    }
    assert!(all.contains("令和9年3月31日時点全1000件"), "summary line");
}

#[test]
fn register_on_a3_is_a3_landscape() {
    let mut r = samples::register(40);
    r.paper = RegisterPaper::A3;
    let pdf = save(&t::render_register(&r).unwrap());
    let (w, h, name) = page_size(&pdf);
    assert_eq!(name, "A3");
    assert!(w > h);
    assert_qpdf_clean(&pdf);
}

#[test]
fn register_xlsx_reads_back_cell_for_cell() {
    let r = samples::register(1000);
    let bytes = register_xlsx(&r).unwrap();
    assert_eq!(bytes, register_xlsx(&r).unwrap(), "deterministic");
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("課題管理表").unwrap();
    let cell = |row: u32, col: u32| range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 0), Data::String("課題管理表".into()));
    let header: Vec<String> = (0..12).map(|c| cell(HEADER_ROW, c).to_string()).collect();
    assert_eq!(
        header,
        [
            "No",
            "起票日",
            "起票者",
            "分類",
            "タイトル",
            "内容",
            "優先度",
            "担当者",
            "期限",
            "状態",
            "対応内容・経過",
            "完了日"
        ]
    );
    let date = |d: &Data| match d {
        Data::DateTime(dt) => dt.as_datetime().map(|t| t.date()),
        Data::Empty => None,
        other => panic!("not a date: {other:?}"),
    };
    let s = |d: Data| match d {
        Data::String(s) => s,
        Data::Empty => String::new(),
        other => panic!("not a string: {other:?}"),
    };
    for (i, row) in r.rows.iter().enumerate() {
        let y = HEADER_ROW + 1 + i as u32;
        assert_eq!(cell(y, 0).as_f64(), Some(f64::from(row.no)), "row {y}");
        assert_eq!(date(&cell(y, 1)), Some(row.raised_on), "row {y}");
        assert_eq!(s(cell(y, 2)), row.raised_by);
        assert_eq!(s(cell(y, 3)), row.category);
        assert_eq!(s(cell(y, 4)), row.title);
        assert_eq!(s(cell(y, 5)), row.detail);
        assert_eq!(s(cell(y, 6)), row.priority);
        assert_eq!(s(cell(y, 7)), row.owner);
        assert_eq!(date(&cell(y, 8)), row.due, "row {y}");
        assert_eq!(s(cell(y, 9)), row.status);
        assert_eq!(s(cell(y, 10)), row.progress);
        assert_eq!(date(&cell(y, 11)), row.completed_on, "row {y}");
    }
    assert_eq!(
        range.end().map(|e| e.0),
        Some(HEADER_ROW + r.rows.len() as u32)
    );
}

#[test]
fn register_xlsx_has_print_setup_filter_and_frozen_header() {
    let bytes = register_xlsx(&samples::register(30)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let out = Command::new("unzip")
        .arg("-p")
        .arg(&path)
        .arg("xl/worksheets/sheet1.xml")
        .output();
    let Ok(out) = out else { return };
    let xml = String::from_utf8_lossy(&out.stdout);
    for needle in [
        r#"<autoFilter ref="A3:L33"/>"#,
        r#"ySplit="3""#,
        r#"state="frozen""#,
        r#"paperSize="9""#,
        r#"orientation="landscape""#,
        r#"fitToHeight="0""#,
        r#"<pageSetUpPr fitToPage="1"/>"#,
    ] {
        assert!(xml.contains(needle), "missing {needle}");
    }
    let wb = Command::new("unzip")
        .arg("-p")
        .arg(&path)
        .arg("xl/workbook.xml")
        .output()
        .unwrap();
    let wb = String::from_utf8_lossy(&wb.stdout);
    assert!(wb.contains("_xlnm.Print_Titles"), "{wb}");
    let styles = Command::new("unzip")
        .arg("-p")
        .arg(&path)
        .arg("xl/styles.xml")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&styles.stdout).contains("ggge"));
}

#[test]
fn plan_has_cover_contents_flow_and_annual_grid() {
    let mut p = samples::plan();
    p.flow[1].target = "検知から20分以内".into();
    let bytes = t::render_plan(&p).unwrap();
    let pdf = check_pdf(&bytes, false);
    let cover = squeeze(&page_text(&pdf, 1));
    for needle in [
        "運用保守計画書",
        "（令和8年度）",
        "令和8年4月17日",
        "第2版",
        "委託者岡山市",
        "受託者株式会社ほしゅシステムズ",
    ] {
        assert!(cover.contains(needle), "cover lacks {needle}: {cover}");
    }
    // The contents page names every section with the page it starts on.
    let toc = page_text(&pdf, 2);
    assert!(squeeze(&toc).contains("目次"));
    for (i, s) in p.sections.iter().enumerate() {
        let title = format!("{}．{}", fullwidth(i + 1), s.title);
        let line = toc
            .lines()
            .find(|l| squeeze(l).starts_with(&squeeze(&title)))
            .unwrap_or_else(|| panic!("{title} not in contents:\n{toc}"));
        let page: usize = line.split_whitespace().last().unwrap().parse().unwrap();
        let body = squeeze(&page_text(&pdf, page));
        assert!(
            body.contains(&squeeze(&title)),
            "{title} not on page {page}"
        );
    }
    // The revision history and the terms, after the contents.
    let history = squeeze(&page_text(&pdf, 3));
    for needle in [
        "改訂履歴",
        "第1版令和8年4月10日基本方針新規作成山田太郎",
        "第2版令和8年4月17日障害対応フロー1項目を追加伊藤美咲",
        "用語の定義",
        "委託者",
        "開庁日",
        "続報",
        "暫定報告",
    ] {
        assert!(history.contains(needle), "{needle} not in\n{history}");
    }
    assert!(!all_text_has(&pdf, "発注者") && !all_text_has(&pdf, "営業日"));
    let all = squeeze(&text(&pdf));
    for step in &p.flow {
        assert!(
            all.contains(&squeeze(&step.name)),
            "flow lacks {}",
            step.name
        );
        // A target may wrap inside its box: its first characters stand together.
        let head: String = step.target.chars().take(9).collect();
        assert!(all.contains(&squeeze(&head)), "flow lacks {}", step.target);
    }
    // The annual grid: April to March, maintenance on the first Sundays of FY2026.
    assert!(
        all.contains("項目4月5月6月7月8月9月10月11月12月1月2月3月"),
        "{all}"
    );
    assert!(
        all.contains("定期保守（第1日曜日）5日3日7日5日2日6日4日1日6日3日7日7日"),
        "{all}"
    );
    for label in [
        "定例会議",
        "月次運用報告",
        "SLA評価・見直し",
        "情報セキュリティ監査",
    ] {
        assert!(all.contains(label), "grid lacks {label}");
    }
}

fn all_text_has(pdf: &PdfFile, word: &str) -> bool {
    squeeze(&text(pdf)).contains(word)
}

fn fullwidth(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(0xFF10 + c.to_digit(10).unwrap()).unwrap())
        .collect()
}

#[test]
fn schedule_is_landscape_with_every_task_and_month() {
    let s = samples::schedule();
    let pdf = check_pdf(&t::render_schedule(&s).unwrap(), true);
    let all = squeeze(&text(&pdf));
    assert!(all.contains("工程表（委託作業表）令和8年度"));
    assert!(
        all.contains("作業項目4月5月6月7月8月9月10月11月12月1月2月3月備考"),
        "{all}"
    );
    for task in &s.tasks {
        assert!(all.contains(&squeeze(&task.name)), "missing {}", task.name);
    }
}

/// The parts every 様式 has, in order; a letter of one page: no running header, no folio.
fn check_form(pdf: &PdfFile, date: &str, title: &str, body: &str, items: &[&str]) {
    assert_eq!(pages(pdf), 1);
    let all = squeeze(&text(pdf));
    assert!(!all.contains("1/1"), "{all}");
    assert!(
        !all.contains("運用保守業務委託岡山市長"),
        "no running header: {all}"
    );
    let mut at = 0;
    let mut next = |needle: &str| {
        let found = all[at..].find(needle);
        assert!(found.is_some(), "{needle} missing or out of order:\n{all}");
        at += found.unwrap_or(0) + needle.len();
    };
    next(date);
    next("岡山市長様");
    next("受託者");
    next("住所岡山県岡山市北区駅元町1番1号");
    next("名称株式会社ほしゅシステムズ");
    next("代表者代表取締役山田一郎");
    next("印");
    next(&squeeze(
        &title.chars().map(|c| format!("{c} ")).collect::<String>(),
    ));
    next(body);
    next("記");
    for item in items {
        next(item);
    }
    next("以上");
}

#[test]
fn start_notice_is_a_formal_form() {
    let pdf = check_pdf(
        &t::render_start_notice(&samples::start_notice()).unwrap(),
        false,
    );
    let all = squeeze(&text(&pdf));
    assert!(all.starts_with("様式第1号ほ保第12号令和8年4月1日"), "{all}");
    check_form(
        &pdf,
        "令和8年4月1日",
        "委託業務着手届",
        "下記のとおり委託業務に着手したので、届け出ます。",
        &[
            "契約件名岡山市生活保護レセプト管理システム運用保守業務委託",
            "契約期間令和8年4月1日から令和9年3月31日まで",
            "着手年月日令和8年4月1日",
            "業務責任者山田太郎",
        ],
    );
}

#[test]
fn responsible_person_notice_is_a_formal_form() {
    let pdf = check_pdf(
        &t::render_responsible_person(&samples::responsible_person()).unwrap(),
        false,
    );
    check_form(
        &pdf,
        "令和8年4月1日",
        "業務責任者届",
        "業務責任者を定めたので届け出ます。",
        &[
            "契約件名",
            "所属・役職株式会社ほしゅシステムズ公共システム部課長",
            "業務責任者氏名山田太郎",
            "連絡先086-000-0000",
            "情報処理安全確保支援士",
            "資格・経歴",
            "業務責任者代理伊藤美咲",
        ],
    );
}

#[test]
fn completion_notice_is_a_formal_form() {
    let pdf = check_pdf(
        &t::render_completion_notice(&samples::completion_notice()).unwrap(),
        false,
    );
    check_form(
        &pdf,
        "令和9年3月31日",
        "委託業務完了通知書",
        "下記の委託業務が完了したので、通知します。",
        &[
            "契約件名",
            "完了年月日令和9年3月31日",
            "・運用保守計画書・打合せ議事録",
            "成果品",
        ],
    );
}

#[test]
fn a_form_without_a_date_leaves_the_date_blank_for_hand() {
    let mut s = samples::start_notice();
    s.submitted_on = None;
    s.marks = t::FormMarks::default();
    let pdf = save(&t::render_start_notice(&s).unwrap());
    assert!(
        text(&pdf).contains("令和　　年　　月　　日")
            || squeeze(&text(&pdf)).contains("令和年月日")
    );
    // No form number, the document number left for the hand too.
    assert!(squeeze(&text(&pdf)).starts_with("第号令和年月日"));
}

/// Every form spaces its title alike: one character every two ems, whatever its length.
#[test]
fn form_titles_are_spaced_alike() {
    let pitch = |bytes: Vec<u8>, first: char, second: char| {
        let pdf = save(&bytes);
        let html = run("pdftotext", &["-bbox"], &pdf.path);
        let x = |c: char| -> f32 {
            let line = html
                .lines()
                .find(|l| l.ends_with(&format!(">{c}</word>")))
                .unwrap_or_else(|| panic!("{c} not found"));
            let at = line.find("xMin=\"").unwrap() + 6;
            line[at..].split('"').next().unwrap().parse().unwrap()
        };
        x(second) - x(first)
    };
    let a = pitch(
        t::render_responsible_person(&samples::responsible_person()).unwrap(),
        '業',
        '務',
    );
    let b = pitch(
        t::render_completion_notice(&samples::completion_notice()).unwrap(),
        '委',
        '託',
    );
    // 16 pt characters with a 16 pt space between them.
    assert!((a - 32.0).abs() < 0.5 && (b - 32.0).abs() < 0.5, "{a} {b}");
}

// --- delivery disc -------------------------------------------------------------------------

fn malware_check() -> MalwareCheck {
    MalwareCheck {
        checked_by: "株式会社ほしゅシステムズ 伊藤 美咲".into(),
        checked_at: samples::d(2026, 4, 14).and_hms_opt(16, 20, 0).unwrap(),
        product: "ウイルスバスター コーポレートエディション 14.0".into(),
        pattern_version: "19.123.00".into(),
        result: "マルウェアは検出されなかった".into(),
    }
}

fn disc_request() -> DiscRequest {
    let register = samples::register(200);
    DiscRequest {
        volume_label: "成果品_令和8年4月".into(),
        created: samples::d(2026, 4, 14).and_hms_opt(17, 0, 0).unwrap(),
        media: Media::CdR,
        title: "成果品".into(),
        files: vec![
            DiscFile {
                name: "打合せ議事録_令和8年4月10日.pdf".into(),
                bytes: t::render_minutes(&samples::minutes()).unwrap(),
            },
            DiscFile {
                name: "課題管理表_令和8年4月14日.pdf".into(),
                bytes: t::render_register(&register).unwrap(),
            },
            DiscFile {
                name: "課題管理表_令和8年4月14日.xlsx".into(),
                bytes: register_xlsx(&register).unwrap(),
            },
            DiscFile {
                name: "運用保守計画書_第1.0版.pdf".into(),
                bytes: t::render_plan(&samples::plan()).unwrap(),
            },
        ],
        malware_check: Some(malware_check()),
        audit_head: "連番 1234 / MAC 3fa9c0de12345678…".into(),
    }
}

#[test]
fn disc_lists_and_extracts_with_isoinfo_matching_the_manifest() {
    let req = disc_request();
    let img = build_disc(&req).unwrap();
    assert_eq!(img.iso, build_disc(&req).unwrap().iso, "deterministic");
    assert_eq!(img.iso.len() % 2048, 0);
    let dir = tempfile::tempdir().unwrap();
    let iso = dir.path().join("disc.iso");
    std::fs::write(&iso, &img.iso).unwrap();
    let iso_s = iso.to_str().unwrap();

    // isoinfo: both volume descriptors, the plain tree, and the Joliet tree (it prints
    // non-Latin names as underscores, so the names themselves are checked with xorriso below).
    let pvd = String::from_utf8(tool("isoinfo", &["-i", iso_s, "-d"])).unwrap();
    assert!(pvd.contains("Joliet with UCS level 3 found"), "{pvd}");
    let plain = String::from_utf8(tool("isoinfo", &["-i", iso_s, "-l"])).unwrap();
    let joliet = String::from_utf8(tool("isoinfo", &["-i", iso_s, "-J", "-l"])).unwrap();
    assert_eq!(img.entries.len(), req.files.len() + 2);
    for e in &img.entries {
        assert!(plain.contains(&format!("{};1", e.iso_name)), "{plain}");
        let shown: String = e
            .name
            .chars()
            .map(|c| if c.is_ascii() { c } else { '_' })
            .collect();
        assert!(joliet.contains(&shown), "{shown} not in\n{joliet}");
    }
    let names = String::from_utf8(tool("xorriso", &["-indev", iso_s, "-ls", "/"])).unwrap();
    for e in &img.entries {
        assert!(
            names.contains(&format!("'{}'", e.name)),
            "{} not in {names}",
            e.name
        );
    }

    let extract = |name: &str| {
        let e = img.entries.iter().find(|e| e.name == name).unwrap();
        tool(
            "isoinfo",
            &["-i", iso_s, "-x", &format!("/{};1", e.iso_name)],
        )
    };
    let manifest = String::from_utf8(extract(MANIFEST_NAME)).unwrap();
    assert_eq!(manifest, img.manifest);
    assert!(
        manifest.contains("# 監査ログ先頭: 連番 1234 / MAC 3fa9c0de12345678…\r\n"),
        "{manifest}"
    );
    let entries = parse_manifest(&manifest);
    assert_eq!(entries.len(), req.files.len());
    for f in &req.files {
        let got = extract(&f.name);
        let (size, sha) = &entries[&f.name];
        assert_eq!(got.len(), *size, "{}", f.name);
        assert_eq!(&sha256_hex(&got), sha, "{}", f.name);
        assert_eq!(got, f.bytes);
    }
    let record = String::from_utf8(extract(MALWARE_CHECK_NAME)).unwrap();
    for needle in [
        "伊藤 美咲",
        "2026-04-14 16:20",
        "ウイルスバスター",
        "19.123.00",
        "検出されなかった",
    ] {
        assert!(record.contains(needle), "{record}");
    }
}

#[test]
fn disc_extracts_with_xorriso() {
    let req = disc_request();
    let img = build_disc(&req).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let iso = dir.path().join("disc.iso");
    std::fs::write(&iso, &img.iso).unwrap();
    let out = dir.path().join("out");
    extract_iso(iso.to_str().unwrap(), &out);
    let entries = parse_manifest(&img.manifest);
    for f in &req.files {
        let got = std::fs::read(out.join(&f.name)).unwrap_or_else(|e| panic!("{}: {e}", f.name));
        assert_eq!(sha256_hex(&got), entries[&f.name].1, "{}", f.name);
    }
    assert!(out.join(MALWARE_CHECK_NAME).exists());
}

#[test]
fn a_disc_without_a_malware_check_holds_no_record_and_names_itself_in_the_manifest() {
    let mut req = disc_request();
    req.malware_check = None;
    req.title = "引継資料".into();
    let img = build_disc(&req).unwrap();
    assert_eq!(img.entries.len(), req.files.len() + 1);
    assert!(img.entries.iter().all(|e| e.name != MALWARE_CHECK_NAME));
    assert!(
        img.manifest.starts_with("# 引継資料 収録ファイル一覧"),
        "{}",
        img.manifest
    );
}

#[test]
fn disc_over_700_mb_is_refused_for_cd_r_offering_dvd_r() {
    let mut req = disc_request();
    // Zeroed pages are not touched: capacity is checked before anything is hashed or copied.
    req.files.push(DiscFile {
        name: "大容量データ.bin".into(),
        bytes: vec![0; 740_000_000],
    });
    let err = build_disc(&req).unwrap_err();
    assert!(matches!(err, DiscError::TooLargeForCd { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("CD-R（700MB）") && msg.contains("DVD-R（4.7GB）"),
        "{msg}"
    );
}
