//! Deliverables rendered from a demo database through the use cases, on SQLite and
//! PostgreSQL, and read back: pdfinfo (A4), pdftotext (the records' text), calamine (the
//! register .xlsx equals the register), isoinfo and xorriso (the disc matches its MANIFEST);
//! the policy and the audit entries.

use crate::common::{extract_iso, parse_manifest, tool};
use calamine::{Data, Reader, Xlsx};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use hoshu_app::{
    BulkExport, DiscMedia, DiscSelection, ErrorCode, FormKind, Hoshu, MalwareCheckInput,
    ManualClock, MeetingListQuery, MinutesSelection, RegisterFormat, RegisterListQuery,
    RegisterPaper, Session,
};
use hoshu_core::form_fill::FormFill;
use hoshu_core::meeting::MinutesStatus;
use hoshu_core::plan::PlanSection;
use hoshu_core::sla::SlaTargets;
use hoshu_store::testing::TestDatabase;
use hoshu_store::{Backend, RegisterItem, Store};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    hoshu_core::calendar::TOKYO
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn save(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// pdfinfo: the page size name and the page count.
fn pdfinfo(path: &Path) -> (String, usize, bool) {
    let info = String::from_utf8(tool("pdfinfo", &[path.to_str().unwrap()])).unwrap();
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or_default()
        .to_owned();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .unwrap();
    let dims: Vec<f32> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    let landscape = dims.len() >= 2 && dims[0] > dims[1];
    let name = if size.contains("(A4)") {
        "A4"
    } else if size.contains("(A3)") {
        "A3"
    } else {
        "other"
    };
    (name.to_owned(), pages, landscape)
}

fn pdftotext(path: &Path, raw: bool) -> String {
    let mut args = vec!["-enc", "UTF-8"];
    if raw {
        args.push("-raw");
    }
    let p = path.to_str().unwrap();
    args.extend([p, "-"]);
    String::from_utf8(tool("pdftotext", &args)).unwrap()
}

struct Demo {
    hoshu: Hoshu,
    chief: Session,
    contractor: Session,
    staff: Session,
    admin: Session,
}

async fn demo(db: &TestDatabase) -> Demo {
    let clock = Arc::new(ManualClock::new(jst(2026, 6, 15, 17, 0)));
    let hoshu = Hoshu::new(Store::connect(&db.url, db.key()).await.unwrap(), clock);
    hoshu
        .demo(2026, NaiveDate::from_ymd_opt(2026, 6, 15).unwrap())
        .await
        .unwrap();
    let pw = hoshu_app::demo::DEMO_PASSWORD;
    Demo {
        chief: hoshu.login("chief", pw).await.unwrap(),
        contractor: hoshu.login("contractor", pw).await.unwrap(),
        staff: hoshu.login("staff01", pw).await.unwrap(),
        admin: hoshu.login("admin", pw).await.unwrap(),
        hoshu,
    }
}

async fn all_register(d: &Demo) -> Vec<RegisterItem> {
    let mut items = Vec::new();
    for page in 1.. {
        let got = d
            .hoshu
            .list_register(
                &d.chief,
                RegisterListQuery {
                    page,
                    per_page: hoshu_app::MAX_REGISTER_PAGE,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let total = got.total as usize;
        items.extend(got.items);
        if items.len() >= total {
            break;
        }
    }
    items
}

async fn audit_entries(h: &Hoshu) -> Vec<(String, String, String)> {
    let mut tx = h.store().begin_read().await.unwrap();
    tx.audit_entries(0, 100_000)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.target, e.summary))
        .collect()
}

fn malware() -> MalwareCheckInput {
    MalwareCheckInput {
        checked_by: "小川 健".into(),
        checked_at: Some(jst(2026, 6, 15, 16, 20)),
        product: "ウイルスバスター コーポレートエディション 14.0".into(),
        pattern_version: "19.123.00".into(),
    }
}

fn selection() -> DiscSelection {
    DiscSelection {
        minutes: MinutesSelection::Period {
            from: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
        },
        register: true,
        plan: true,
        forms: FormKind::ALL.to_vec(),
        reports_fiscal_year: Some(2026),
        media: DiscMedia::CdR,
        malware_check: malware(),
    }
}

async fn staff_and_chief_are_refused_where_the_policy_says(d: &Demo, meeting: i64) {
    let h = &d.hoshu;
    let s = &d.staff;
    let codes = [
        h.render_minutes(s, meeting).await.unwrap_err().code,
        h.render_register(
            s,
            RegisterFormat::Pdf,
            RegisterPaper::A4,
            BulkExport::Unconfirmed,
            None,
        )
        .await
        .unwrap_err()
        .code,
        h.render_plan(s).await.unwrap_err().code,
        h.render_form(s, FormKind::StartNotice, FormFill::default())
            .await
            .unwrap_err()
            .code,
        h.build_disc(s, &selection(), None).await.unwrap_err().code,
        // The chief renders documents but the disc is the contractor's.
        h.build_disc(&d.chief, &selection(), None)
            .await
            .unwrap_err()
            .code,
    ];
    assert!(
        codes.iter().all(|c| *c == ErrorCode::Forbidden),
        "{codes:?}"
    );
}

async fn minutes_carry_the_meeting(d: &Demo, dir: &Path) -> i64 {
    let h = &d.hoshu;
    let approved = h
        .list_meetings(
            &d.chief,
            MeetingListQuery {
                statuses: vec![MinutesStatus::Approved],
                per_page: 1,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let id = approved.items[0].meeting.id;
    let detail = h.meeting_detail(&d.chief, id).await.unwrap();
    let m = &detail.meeting.meeting;
    let rendered = h.render_minutes(&d.contractor, id).await.unwrap();
    let held = hoshu_core::calendar::tokyo(m.starts_at).date_naive();
    assert_eq!(
        rendered.file_name,
        format!(
            "打合せ議事録_{}.pdf",
            hoshu_docs::templates::date_plain(held)
        )
    );
    assert_eq!(rendered.pages, Some(1));
    assert!(rendered.bytes.len() <= 100_000, "{}", rendered.bytes.len());
    let again = h.render_minutes(&d.chief, id).await.unwrap();
    assert_eq!(again.bytes, rendered.bytes, "same clock, same bytes");
    let path = save(dir, "minutes.pdf", &rendered.bytes);
    let (paper, pages, landscape) = pdfinfo(&path);
    assert_eq!((paper.as_str(), pages, landscape), ("A4", 1, false));
    let text = squeeze(&pdftotext(&path, false));
    let mut expected: Vec<&str> = vec![&m.title, &m.place];
    expected.extend(m.agenda.iter().map(String::as_str));
    expected.extend(m.decisions.iter().map(String::as_str));
    expected.extend(m.action_items.iter().map(|a| a.description.as_str()));
    expected.extend(m.attendees.iter().map(|a| a.name.as_str()));
    for needle in expected {
        assert!(text.contains(&squeeze(needle)), "minutes lack {needle}");
    }
    assert!(text.contains(&squeeze(&hoshu_core::wareki::long(held))));
    id
}

async fn register_pdf_and_xlsx_equal_the_register(d: &Demo, dir: &Path) -> usize {
    let h = &d.hoshu;
    let items = all_register(d).await;
    assert!(items.len() >= 1_000, "{}", items.len());
    let steps = std::sync::Mutex::new(Vec::new());
    let record = |p: hoshu_app::Progress| steps.lock().unwrap().push((p.done, p.total));
    let unconfirmed = h
        .render_register(
            &d.contractor,
            RegisterFormat::Xlsx,
            RegisterPaper::A4,
            BulkExport::Unconfirmed,
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(unconfirmed.code, ErrorCode::BulkExportUnconfirmed);
    let count = hoshu_core::validation::group_digits(items.len());
    assert!(
        unconfirmed
            .message
            .contains(&format!("課題管理表を{count}件書き出そうとしています")),
        "{}",
        unconfirmed.message
    );
    let pdf = h
        .render_register(
            &d.contractor,
            RegisterFormat::Pdf,
            RegisterPaper::A4,
            BulkExport::Confirmed,
            Some(&record),
        )
        .await
        .unwrap();
    let steps = steps.into_inner().unwrap();
    assert_eq!(steps.first(), Some(&(0, 3)));
    assert_eq!(steps.last(), Some(&(3, 3)));
    assert_eq!(pdf.file_name, "課題管理表_令和8年6月15日.pdf");
    let path = save(dir, "register.pdf", &pdf.bytes);
    let (paper, pages, landscape) = pdfinfo(&path);
    assert_eq!((paper.as_str(), landscape), ("A4", true));
    assert_eq!(pdf.pages, Some(pages));
    assert!(pages > 20, "{pages}");
    let text = squeeze(&pdftotext(&path, true));
    for item in &items {
        assert!(
            text.contains(&squeeze(&item.item.title)),
            "No.{} missing: {}",
            item.no,
            item.item.title
        );
    }
    assert!(text.contains(&format!("全{}件", items.len())));

    let a3 = h
        .render_register(
            &d.chief,
            RegisterFormat::Pdf,
            RegisterPaper::A3,
            BulkExport::Confirmed,
            None,
        )
        .await
        .unwrap();
    let (paper, _, landscape) = pdfinfo(&save(dir, "register-a3.pdf", &a3.bytes));
    assert_eq!((paper.as_str(), landscape), ("A3", true));

    let xlsx = h
        .render_register(
            &d.contractor,
            RegisterFormat::Xlsx,
            RegisterPaper::A4,
            BulkExport::Confirmed,
            None,
        )
        .await
        .unwrap();
    assert_eq!(xlsx.file_name, "課題管理表_令和8年6月15日.xlsx");
    assert_eq!(xlsx.pages, None);
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx.bytes)).unwrap();
    let sheet = wb.worksheet_range("課題管理表").unwrap();
    let header = hoshu_docs::xlsx::HEADER_ROW as usize;
    let rows: Vec<&[Data]> = sheet.rows().skip(header + 1).collect();
    assert_eq!(rows.len(), items.len());
    let s = |c: &Data| match c {
        Data::Empty => String::new(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    };
    let excel_date = |c: &Data| match c {
        Data::DateTime(dt) => dt.as_datetime().map(|t| t.date()),
        Data::Empty => None,
        other => panic!("not a date: {other:?}"),
    };
    for (row, item) in rows.iter().zip(&items) {
        let i = &item.item;
        assert_eq!(s(&row[0]), item.no.to_string());
        assert_eq!(excel_date(&row[1]), Some(i.raised_on));
        assert_eq!(s(&row[2]), i.raised_by);
        assert_eq!(s(&row[3]), i.category.label());
        assert_eq!(s(&row[4]), i.title);
        assert_eq!(s(&row[5]), i.content);
        assert_eq!(s(&row[6]), i.priority.label());
        assert_eq!(s(&row[7]), i.owner);
        assert_eq!(excel_date(&row[8]), i.due);
        assert_eq!(s(&row[9]), i.status.label());
        assert_eq!(s(&row[10]), i.progress);
        assert_eq!(excel_date(&row[11]), i.completed_on);
    }
    items.len()
}

async fn plan_has_nine_sections_and_the_flow_from_settings(d: &Demo, dir: &Path) {
    let h = &d.hoshu;
    let targets = SlaTargets {
        first_report_minutes: 20,
        first_isolation_minutes: 40,
        contact_fixer_minutes: 15,
        incident_report_open_days: 2,
        manual_revision_open_days: 7,
        ..SlaTargets::default()
    };
    h.update_sla_targets(&d.admin, targets).await.unwrap();
    let plan = h.render_plan(&d.contractor).await.unwrap();
    // The edition is the count of every section's saved versions; the history ends with it.
    let edition = plan
        .file_name
        .strip_prefix("運用保守計画書_令和8年度_")
        .and_then(|n| n.strip_suffix(".pdf"))
        .unwrap_or_else(|| panic!("{}", plan.file_name))
        .to_owned();
    let saves: usize = {
        let mut n = 0;
        for s in PlanSection::ALL {
            n += h
                .plan_section_history(&d.contractor, *s)
                .await
                .unwrap()
                .len();
        }
        n
    };
    assert_eq!(edition, format!("第{saves}版"));
    let path = save(dir, "plan.pdf", &plan.bytes);
    let (paper, pages, landscape) = pdfinfo(&path);
    assert_eq!((paper.as_str(), landscape), ("A4", false));
    assert_eq!(plan.pages, Some(pages));
    let text = squeeze(&pdftotext(&path, false));
    for (i, s) in PlanSection::ALL.iter().enumerate() {
        let n: String = (i + 1)
            .to_string()
            .chars()
            .map(|c| char::from_u32(0xFF10 + c.to_digit(10).unwrap()).unwrap())
            .collect();
        assert!(
            text.contains(&format!("{n}．{}", s.label())),
            "{}",
            s.label()
        );
    }
    // The flow's targets: the settings, counted from where each clock starts.
    for needle in [
        "検知から20分以内",
        "検知から40分以内",
        "一次切り分けから15分以内",
        "復旧から2開庁日以内",
        "障害報告・再発防止検討会から7",
        "令和8年度年間計画表",
        "運用保守計画書",
        "改訂履歴",
        "新規作成",
        "委託者岡山市",
    ] {
        assert!(text.contains(needle), "plan lacks {needle}");
    }
    assert!(text.contains(&edition));
    assert!(!text.contains("発注者") && !text.contains("営業日"));
    // The demo's second-year text of the organisation section is the one printed.
    assert!(text.contains("SE1名を兼務で追加する"));
    h.update_sla_targets(&d.admin, SlaTargets::default())
        .await
        .unwrap();
}

async fn forms_are_a4(d: &Demo, dir: &Path) {
    for kind in FormKind::ALL {
        let r = d
            .hoshu
            .render_form(&d.contractor, kind, FormFill::default())
            .await
            .unwrap();
        let path = save(dir, &r.file_name, &r.bytes);
        let (paper, _, landscape) = pdfinfo(&path);
        assert_eq!(paper, "A4", "{kind:?}");
        assert_eq!(landscape, kind == FormKind::Schedule, "{kind:?}");
        // In drawing order: the spaced title is one string there.
        let text = squeeze(&pdftotext(&path, true));
        assert!(text.contains(&squeeze(kind.label())), "{kind:?}");
        assert!(text.contains("株式会社吉備情報システム"), "{kind:?}");
        if kind != FormKind::Schedule {
            // The submitter block carries the contract data's address and representative.
            for needle in ["岡山市北区磨屋町3番10号", "代表取締役", "吉備正和"] {
                assert!(text.contains(needle), "{kind:?} lacks {needle}");
            }
            // Left blank for the pen: the number and the date.
            assert!(
                text.contains("第号") && text.contains("令和年月日"),
                "{kind:?}"
            );
        }
    }
    // Filled in: the number and the date as typed, in 和暦; a bad number names the field.
    let fill = FormFill {
        form_number: Some("様式第2号".into()),
        document_number: Some(" 吉情第123号 ".into()),
        submitted_on: NaiveDate::from_ymd_opt(2026, 4, 10),
    };
    let r = d
        .hoshu
        .render_form(&d.contractor, FormKind::StartNotice, fill)
        .await
        .unwrap();
    let text = squeeze(&pdftotext(&save(dir, "filled.pdf", &r.bytes), true));
    assert!(
        text.contains("様式第2号") && text.contains("吉情第123号"),
        "{text}"
    );
    assert!(text.contains("令和8年4月10日"), "{text}");
    assert!(!text.contains("第号"), "{text}");
    let bad = FormFill {
        document_number: Some("吉情\n第1号".into()),
        ..FormFill::default()
    };
    let e = d
        .hoshu
        .render_form(&d.contractor, FormKind::CompletionNotice, bad)
        .await
        .unwrap_err();
    assert_eq!(e.fields[0].field, "document_number", "{e:?}");
}

async fn disc_matches_its_manifest(d: &Demo, dir: &Path) -> usize {
    let h = &d.hoshu;
    let steps = std::sync::Mutex::new(Vec::new());
    let record = |p: hoshu_app::Progress| steps.lock().unwrap().push(p);
    let head = h.audit_head().await.unwrap().expect("the demo is audited");
    let disc = h
        .build_disc(&d.contractor, &selection(), Some(&record))
        .await
        .unwrap();
    let steps = steps.into_inner().unwrap();
    let total = steps[0].total;
    assert_eq!(steps.last().unwrap().done, total);
    assert!(steps.iter().any(|p| p.label.contains("打合せ議事録")));
    assert_eq!(disc.file_name, "成果品_令和8年6月15日.iso");
    let iso = save(dir, "disc.iso", &disc.bytes);
    let iso_s = iso.to_str().unwrap();
    let pvd = String::from_utf8(tool("isoinfo", &["-i", iso_s, "-d"])).unwrap();
    assert!(pvd.contains("Joliet"), "{pvd}");
    let out = dir.join("extracted");
    extract_iso(iso_s, &out);
    let manifest = std::fs::read_to_string(out.join("MANIFEST.txt")).unwrap();
    // The head before the disc's own audit entry, in full.
    let head_line = format!("# 監査ログ先頭: 連番 {} / MAC {}\r\n", head.seq, head.mac);
    assert!(manifest.contains(&head_line), "{manifest}");
    let entries = parse_manifest(&manifest);
    let mut on_disc: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "MANIFEST.txt" && n != "ウイルスチェック記録.txt")
        .collect();
    on_disc.sort();
    let listed: Vec<String> = entries.keys().cloned().collect();
    assert_eq!(on_disc, listed);
    for (name, (size, sha)) in &entries {
        let bytes = std::fs::read(out.join(name)).unwrap();
        assert_eq!(bytes.len(), *size, "{name}");
        assert_eq!(&hoshu_docs::disc::sha256_hex(&bytes), sha, "{name}");
    }
    // isoinfo reads the same bytes through the plain ISO 9660 names.
    let plain = String::from_utf8(tool("isoinfo", &["-i", iso_s, "-l"])).unwrap();
    assert_eq!(plain.matches(";1").count(), entries.len() + 2, "{plain}");
    // Approved minutes of fiscal 2026 (April to mid-June), the register twice, the plan,
    // four forms, the April and May reports.
    let count = |prefix: &str| entries.keys().filter(|k| k.starts_with(prefix)).count();
    let minutes = h
        .list_meetings(
            &d.chief,
            MeetingListQuery {
                statuses: vec![MinutesStatus::Approved],
                from: Some(jst(2026, 4, 1, 0, 0)),
                per_page: 200,
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .total as usize;
    assert!(minutes > 5, "{minutes}");
    assert_eq!(count("打合せ議事録_"), minutes);
    assert_eq!(count("課題管理表_"), 2);
    assert_eq!(count("運用保守計画書_"), 1);
    assert_eq!(count("定期報告_"), 2);
    for k in FormKind::ALL {
        assert_eq!(count(k.label()), 1, "{k:?}");
    }
    let record = std::fs::read_to_string(out.join("ウイルスチェック記録.txt")).unwrap();
    for needle in [
        "小川 健",
        "2026-06-15 16:20",
        "ウイルスバスター",
        "19.123.00",
    ] {
        assert!(record.contains(needle), "{record}");
    }
    entries.len()
}

/// `text` between `from` and `to`, squeezed.
fn section(text: &str, from: &str, to: &str) -> String {
    let text = squeeze(text);
    let start = text.find(from).unwrap_or_else(|| panic!("{from} missing")) + from.len();
    let end = text[start..].find(to).map_or(text.len(), |e| start + e);
    text[start..end].to_owned()
}

/// How many lines of the list of unmet items a section holds: one 「障害 #N」 or 「依頼 #N」 each.
fn listed(section: &str) -> usize {
    ["障害#", "依頼#"]
        .iter()
        .map(|mark| {
            section
                .match_indices(mark)
                .filter(|(at, _)| {
                    section[at + mark.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_digit())
                })
                .count()
        })
        .sum()
}

/// The annual report of the demo's past year and a monthly report: the PDF's SLA table shows
/// each item's figures, and the list after it has one line per 未達成 of the table.
async fn reports_list_every_unmet_item(d: &Demo, dir: &Path) {
    let annual = d.hoshu.annual_report(&d.chief, 2025).await.unwrap();
    let unmet: u64 = annual.sla.iter().map(|r| r.breached).sum();
    let late_answers = annual
        .sla
        .iter()
        .find(|r| r.item == "問合せ回答")
        .unwrap()
        .breached;
    assert!(late_answers > 0, "the demo answers some requests late");
    assert_eq!(annual.breaches.len() as u64, unmet);
    let pdf = save(
        dir,
        "annual.pdf",
        &d.hoshu.render_annual_report(&d.chief, 2025).await.unwrap(),
    );
    let text = pdftotext(&pdf, false);
    let table = section(&text, "２．SLA項目ごとの達成状況", "３．未達成の内容と理由");
    for r in &annual.sla {
        let row = squeeze(&format!(
            "{}{}{}{}{}{}",
            r.item,
            r.target,
            r.met,
            r.breached,
            r.undecided,
            r.rate_text()
        ));
        assert!(table.contains(&row), "{row} not in\n{table}");
    }
    let list = section(&text, "３．未達成の内容と理由", "４．SLA対象外");
    assert!(list.starts_with(&format!("未達成{unmet}件")), "{list}");
    assert_eq!(listed(&list) as u64, unmet, "{list}");

    let monthly = d.hoshu.monthly_report(&d.chief, 2026, 5).await.unwrap();
    let unmet: u64 = monthly.sla.iter().map(|r| r.breached).sum();
    assert_eq!(monthly.breaches.len() as u64, unmet);
    let pdf = save(
        dir,
        "monthly.pdf",
        &d.hoshu
            .render_monthly_report(&d.chief, 2026, 5, hoshu_app::ReportFormat::Pdf)
            .await
            .unwrap(),
    );
    let list = section(
        &pdftotext(&pdf, false),
        "(3)未達成の内容と理由",
        "(4)障害一覧",
    );
    assert_eq!(listed(&list) as u64, unmet, "{list}");
}

async fn renders_on(backend: Backend) {
    let db = TestDatabase::new(backend).await;
    let d = demo(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let before = audit_entries(&d.hoshu).await.len();

    let meeting = minutes_carry_the_meeting(&d, dir.path()).await;
    staff_and_chief_are_refused_where_the_policy_says(&d, meeting).await;
    let rows = register_pdf_and_xlsx_equal_the_register(&d, dir.path()).await;
    plan_has_nine_sections_and_the_flow_from_settings(&d, dir.path()).await;
    forms_are_a4(&d, dir.path()).await;
    reports_list_every_unmet_item(&d, dir.path()).await;
    let files = disc_matches_its_manifest(&d, dir.path()).await;

    // One audit entry per rendering, naming the kind and the count only.
    let audit = audit_entries(&d.hoshu).await;
    let rendered: Vec<&(String, String, String)> = audit[before..]
        .iter()
        .filter(|(a, _, _)| a.starts_with("deliverable."))
        .collect();
    let summaries: Vec<&str> = rendered.iter().map(|(_, _, s)| s.as_str()).collect();
    // Minutes, register, plan, the four blank forms and the filled-in 着手届 (the refused
    // one writes nothing), the disc.
    assert_eq!(summaries.len(), 2 + 3 + 1 + 4 + 1 + 1, "{summaries:?}");
    assert_eq!(summaries[0], "納品物を作成（打合せ議事録, 1件）");
    assert!(summaries.contains(&format!("納品物を作成（課題管理表PDF, {rows}件）").as_str()));
    assert!(summaries.contains(&format!("納品物を作成（課題管理表Excel, {rows}件）").as_str()));
    assert!(summaries.contains(&"納品物を作成（運用保守計画書, 1件）"));
    assert!(summaries.contains(&"納品物を作成（業務責任者届, 1件）"));
    assert_eq!(
        *summaries.last().unwrap(),
        format!("納品物を作成（成果品ディスク CD-R, {}件）", files)
    );
    monthly_report_has_the_operations_figures(&d, dir.path()).await;
    db.remove().await;
}

/// 表2.5-2 in the monthly report of May 2026 (PDF and .xlsx) against figures summed here from
/// the operations log's own lists.
async fn monthly_report_has_the_operations_figures(d: &Demo, dir: &Path) {
    use hoshu_core::operations::{BatchResult, CheckResult};
    // job net → (runs, abnormal ends, processed, seconds)
    let mut by_net: BTreeMap<String, (u64, u64, i64, i64)> = BTreeMap::new();
    for r in d.hoshu.batch_runs(&d.chief, 2026, 5).await.unwrap() {
        let line = by_net.entry(r.job_net_name.clone()).or_default();
        line.0 += 1;
        line.1 += u64::from(r.run.result == BatchResult::Abnormal);
        line.2 += r.run.processed_count;
        line.3 += (r.run.ended_at - r.run.started_at).num_seconds();
    }
    assert_eq!(by_net.len(), 3, "{by_net:?}");
    let work = d.hoshu.work_records(&d.chief, 2026, 5).await.unwrap();
    assert!(!work.is_empty(), "May's maintenance was carried out");
    let checks = d.hoshu.check_month(&d.chief, 2026, 5).await.unwrap();
    let anomalies = checks
        .records
        .iter()
        .filter(|r| r.entry.result == CheckResult::Anomaly)
        .count();

    let report = d.hoshu.monthly_report(&d.chief, 2026, 5).await.unwrap();
    let figures: BTreeMap<String, (u64, u64, i64, i64)> = report
        .batches
        .iter()
        .map(|l| {
            (
                l.job_net.clone(),
                (
                    l.runs as u64,
                    l.abnormal_ends as u64,
                    l.processed_count,
                    l.total_seconds,
                ),
            )
        })
        .collect();
    assert_eq!(figures, by_net);
    assert_eq!(report.work.len(), work.len());
    assert_eq!(report.checks.done as usize, checks.records.len());
    assert_eq!(report.checks.anomalies as usize, anomalies);
    assert_eq!(report.checks.missed as usize, checks.missed.len());

    let xlsx = d
        .hoshu
        .render_monthly_report(&d.chief, 2026, 5, hoshu_app::ReportFormat::Xlsx)
        .await
        .unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = wb.worksheet_range("バッチ処理").unwrap();
    for (k, (net, (runs, abnormal, processed, seconds))) in by_net.iter().enumerate() {
        let row = k as u32 + 3;
        assert_eq!(sheet.get_value((row, 0)), Some(&Data::String(net.clone())));
        assert_eq!(sheet.get_value((row, 1)), Some(&Data::Float(*runs as f64)));
        assert_eq!(
            sheet.get_value((row, 2)),
            Some(&Data::Float(*abnormal as f64))
        );
        assert_eq!(
            sheet.get_value((row, 3)),
            Some(&Data::Float(*processed as f64))
        );
        assert_eq!(
            sheet.get_value((row, 4)),
            Some(&Data::Float(*seconds as f64 / 60.0))
        );
    }
    let sheet = wb.worksheet_range("保守作業").unwrap();
    assert_eq!(sheet.rows().count(), 3 + work.len());

    let pdf = save(
        dir,
        "monthly-operations.pdf",
        &d.hoshu
            .render_monthly_report(&d.chief, 2026, 5, hoshu_app::ReportFormat::Pdf)
            .await
            .unwrap(),
    );
    // Raw order keeps each table row together, whichever page it falls on.
    let text = pdftotext(&pdf, true);
    let table = section(
        &text,
        "(1)ジョブネット別の処理件数・処理時間",
        "(2)日次点検",
    );
    for (net, (runs, abnormal, processed, _)) in &by_net {
        let row = format!("{net}{runs}{abnormal}{processed}");
        assert!(table.contains(&row), "{row} not in\n{table}");
    }
    let total: i64 = by_net.values().map(|l| l.2).sum();
    assert!(
        table.contains(&total.to_string()),
        "total {total} not in\n{table}"
    );
    assert!(
        squeeze(&text).contains(&format!(
            "点検実施{}件（うち異常あり{anomalies}件）、未実施{}件",
            checks.records.len(),
            checks.missed.len()
        )),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deliverables_from_records_sqlite() {
    renders_on(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deliverables_from_records_postgres() {
    renders_on(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disc_with_nothing_selected_or_no_checker_is_refused() {
    let db = TestDatabase::new(Backend::Sqlite).await;
    let d = demo(&db).await;
    let mut empty = selection();
    empty.minutes = MinutesSelection::None;
    empty.register = false;
    empty.plan = false;
    empty.forms.clear();
    empty.reports_fiscal_year = None;
    let e = d
        .hoshu
        .build_disc(&d.contractor, &empty, None)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    let mut nobody = selection();
    nobody.malware_check.checked_by = " ".into();
    let e = d
        .hoshu
        .build_disc(&d.contractor, &nobody, None)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert!(e.fields.iter().any(|f| f.field == "checked_by"), "{e:?}");
    db.remove().await;
}
