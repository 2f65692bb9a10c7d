//! The import read from files made here the way Redmine and Excel write them.

use chrono::{NaiveDate, TimeZone, Utc};
use encoding_rs::SHIFT_JIS;
use hoshu_core::Role;
use hoshu_core::register::{IssueCategory, IssuePriority, IssueStatus};
use hoshu_core::request::{RequestKind, RequestStatus};
use hoshu_core::request_details::Urgency;
use hoshu_import::register::RegisterSource;
use hoshu_import::{Directory, DirectoryOffice, DirectoryPerson, Mapping, redmine, register};
use rust_xlsxwriter::{Format, Workbook};

fn directory() -> Directory {
    let person = |login: &str, name: &str, role, office: &str| DirectoryPerson {
        login: login.into(),
        display_name: name.into(),
        role,
        office: office.into(),
    };
    Directory {
        offices: vec![
            DirectoryOffice {
                code: "naka".into(),
                name: "中区福祉事務所".into(),
            },
            DirectoryOffice {
                code: "kita_chuo".into(),
                name: "北区中央福祉事務所".into(),
            },
        ],
        people: vec![
            person("staff45", "山田 花子", Role::Staff, "naka"),
            person("staff01", "髙橋 一郎", Role::Staff, "kita_chuo"),
            person("se01", "鈴木 SE", Role::Contractor, "contractor"),
        ],
        job_nets: vec!["NJ_RECEIPT_IMPORT".into(), "NJ_DAILY_BACKUP".into()],
    }
}

/// A Redmine 5.1 export: captions in Japanese in Redmine's own order, a custom field 所属,
/// a multi-line description and note, and characters only CP932 has.
const REDMINE_CSV: &str = "\
#,プロジェクト,トラッカー,親チケット,ステータス,優先度,題名,作成者,担当者,更新日,カテゴリ,対象バージョン,開始日,期日,進捗率,作成日,終了日,所属,説明,最新のコメント\r
813,医療扶助システム,質問,,終了,通常,①の帳票が出ない（㈱〇〇医院）,髙橋 一郎,鈴木 SE,2025/04/05 17:02,,,2025/04/03,2025/04/10,100,2025/04/03 11:32,2025/04/05 17:02,北区中央福祉事務所,\"帳票①を出力すると\r
エラーになります。～至急～\",\"再出力で解消しました。\r
ご確認ください。\"\r
814,医療扶助システム,バグ,,新規,急いで,夜間バッチが止まる,山田 花子,,2025/04/04 09:00,,,,,0,2025/04/04 08:55,,中区福祉事務所,夜間バッチが異常終了しました。,\r
";

fn cp932(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = SHIFT_JIS.encode(text);
    assert!(!unmappable, "the test text must be CP932");
    bytes.into_owned()
}

fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::DateTime<Utc> {
    hoshu_core::calendar::TOKYO
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn a_cp932_redmine_export_reads_with_its_own_characters() {
    let parsed = redmine::parse(&cp932(REDMINE_CSV), &Mapping::default(), &directory());
    assert_eq!(parsed.problems, vec![], "{:?}", parsed.problems);
    assert_eq!(parsed.drafts.len(), 2, "{:#?}", parsed.drafts);
    let first = &parsed.drafts[0];
    assert_eq!(first.row, 2);
    assert_eq!(first.external_ref, "redmine#813");
    assert_eq!(first.kind, RequestKind::Inquiry);
    assert_eq!(first.status, RequestStatus::Closed);
    assert_eq!(first.office, "kita_chuo");
    assert_eq!(first.title, "①の帳票が出ない（㈱〇〇医院）");
    assert!(
        first
            .body
            .starts_with("帳票①を出力すると\r\nエラーになります。～至急～")
    );
    // 優先度 is the urgency; what the desk has no field for is kept at the end of the body.
    assert_eq!(first.urgency, Urgency::Normal);
    assert!(!first.body.contains("優先度"), "{}", first.body);
    assert!(first.body.contains("期日: 2025/04/10"), "{}", first.body);
    assert_eq!(first.filed_by, "staff01");
    assert_eq!(first.assignee.as_deref(), Some("se01"));
    assert_eq!(first.filed_at, jst(2025, 4, 3, 11, 32));
    assert_eq!(first.closed_at, Some(jst(2025, 4, 5, 17, 2)));
    assert_eq!(
        first.last_note.as_deref(),
        Some("再出力で解消しました。\r\nご確認ください。")
    );
    // The second record starts on line 5: the first one spans three lines.
    let second = &parsed.drafts[1];
    assert_eq!(second.row, 5);
    assert_eq!(second.kind, RequestKind::FaultReport);
    assert_eq!(second.status, RequestStatus::Received);
    assert_eq!(second.closed_at, None);
    assert_eq!(second.office, "naka");
    assert_eq!(second.urgency, Urgency::Urgent);
    // The mapping in force lists every value found, with what was recognised.
    assert_eq!(parsed.mapping.trackers["質問"], "inquiry");
    assert_eq!(parsed.mapping.urgencies["急いで"], "urgent");
    assert_eq!(parsed.mapping.people["髙橋 一郎"], "staff01");
    assert_eq!(parsed.mapping.offices["中区福祉事務所"], "naka");
}

#[test]
fn a_utf8_export_with_a_byte_order_mark_reads_the_same() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(REDMINE_CSV.as_bytes());
    let utf8 = redmine::parse(&bytes, &Mapping::default(), &directory());
    let sjis = redmine::parse(&cp932(REDMINE_CSV), &Mapping::default(), &directory());
    assert_eq!(utf8, sjis);
}

#[test]
fn priorities_map_to_urgency_through_the_editable_mapping() {
    let csv = "#,トラッカー,ステータス,優先度,題名,作成者,作成日,所属\n\
               1,質問,新規,高め,一,山田 花子,2025/04/03,naka\n\
               2,質問,新規,最優先,二,山田 花子,2025/04/03,naka\n\
               3,質問,新規,,三,山田 花子,2025/04/03,naka\n";
    let parsed = redmine::parse(csv.as_bytes(), &Mapping::default(), &directory());
    // An unknown priority is reported like any unmapped value, and left blank to fill in.
    assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
    assert_eq!(parsed.problems[0].row, Some(3));
    assert_eq!(parsed.problems[0].field, "優先度");
    assert!(parsed.problems[0].message.contains("[urgencies]"));
    assert_eq!(parsed.mapping.urgencies["最優先"], "");
    assert_eq!(parsed.mapping.urgencies["高め"], "high");
    let urgencies: Vec<Urgency> = parsed.drafts.iter().map(|d| d.urgency).collect();
    assert_eq!(urgencies, [Urgency::High, Urgency::Normal]);

    // Filled in and passed back, the person's mapping wins over the suggestion.
    let mut mapping = parsed.mapping.clone();
    mapping.urgencies.insert("最優先".into(), "urgent".into());
    mapping.urgencies.insert("高め".into(), "normal".into());
    let again = redmine::parse(csv.as_bytes(), &mapping, &directory());
    assert_eq!(again.problems, vec![]);
    let urgencies: Vec<Urgency> = again.drafts.iter().map(|d| d.urgency).collect();
    assert_eq!(
        urgencies,
        [Urgency::Normal, Urgency::Urgent, Urgency::Normal]
    );
    mapping.urgencies.insert("最優先".into(), "low".into());
    let wrong = redmine::parse(csv.as_bytes(), &mapping, &directory());
    assert!(wrong.problems[0].message.contains("「low」は使えません"));
}

#[test]
fn captions_in_another_order_are_found_by_name() {
    let csv = "題名,作成日,#,作成者,ステータス,トラッカー,所属,説明\n\
               件名だけ,2025/04/03,9,山田 花子,進行中,調査,naka,本文\n";
    let parsed = redmine::parse(csv.as_bytes(), &Mapping::default(), &directory());
    assert_eq!(parsed.problems, vec![]);
    let d = &parsed.drafts[0];
    assert_eq!(
        (d.external_ref.as_str(), d.kind, d.status),
        (
            "redmine#9",
            RequestKind::Investigation,
            RequestStatus::InProgress
        )
    );
    assert_eq!(d.filed_at, jst(2025, 4, 3, 0, 0));
}

#[test]
fn every_bad_value_is_reported_with_its_row_and_caption() {
    let csv = "#,トラッカー,ステータス,題名,作成者,作成日,所属\n\
               1,保守,終了,ok,山田 花子,2025/04/03,naka\n\
               2,質問,新規,,知らない人,2025/13/45,naka\n";
    let parsed = redmine::parse(csv.as_bytes(), &Mapping::default(), &directory());
    let lines: Vec<String> = parsed.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        lines.contains(&"2行目 トラッカー: 「保守」の対応先が分かりません。対応表の [trackers] に書き入れてください。".to_owned()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"3行目 作成日: 日付として読めません（\"2025/13/45\"）".to_owned()),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("3行目 作成者:")),
        "{lines:?}"
    );
    assert!(parsed.drafts.is_empty());
    // The unknown values are in the mapping in force, blank, for a person to fill in.
    assert_eq!(parsed.mapping.trackers["保守"], "");
    assert_eq!(parsed.mapping.people["知らない人"], "");

    // Filled in and passed back, the file reads (row 3 still has its bad date).
    let mut mapping = parsed.mapping.clone();
    mapping.trackers.insert("保守".into(), "work".into());
    let again = redmine::parse(csv.as_bytes(), &mapping, &directory());
    assert_eq!(again.drafts.len(), 1);
    assert_eq!(again.drafts[0].kind, RequestKind::Work);
    assert!(again.problems.iter().all(|p| p.row == Some(3)));
}

fn register_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("課題管理表").unwrap();
    let date = Format::new().set_num_format("yyyy/mm/dd");
    // Two title rows, the first merged across the table.
    sheet
        .merge_range(0, 0, 0, 8, "医療扶助システム 課題管理表", &Format::new())
        .unwrap();
    sheet.write_string(1, 0, "令和7年度").unwrap();
    let header = [
        "No.",
        "起票日",
        "分類",
        "件名",
        "内容",
        "優先度",
        "担当者",
        "期限",
        "状態",
        "対応内容",
        "完了日",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(3, c as u16, *h).unwrap();
    }
    // A real Excel date, 和暦 strings and a 西暦 string.
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    sheet.write_number(4, 0, 1).unwrap();
    sheet
        .write_datetime_with_format(4, 1, d(2025, 4, 1), &date)
        .unwrap();
    for (c, v) in [
        (2, "運用"),
        (3, "月次バッチの遅延"),
        (4, "月次バッチが遅い"),
        (5, "高"),
        (6, "鈴木"),
        (8, "完了"),
        (9, "索引を追加"),
    ] {
        sheet.write_string(4, c, v).unwrap();
    }
    sheet.write_string(4, 7, "R7.4.30").unwrap();
    sheet.write_string(4, 10, "令和7年4月20日").unwrap();
    sheet.write_number(5, 0, 2).unwrap();
    sheet.write_string(5, 1, "2025/05/12").unwrap();
    for (c, v) in [
        (2, "制度改正"),
        (3, "法改正対応"),
        (4, "様式変更"),
        (5, "中"),
        (8, "未着手"),
    ] {
        sheet.write_string(5, c, v).unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn source(file_name: &str) -> RegisterSource<'_> {
    RegisterSource {
        file_name,
        sheet: None,
        raised_by: "受託者 取込",
    }
}

#[test]
fn an_excel_register_reads_below_its_titles_with_every_date_form() {
    let parsed = register::parse(
        &register_xlsx(),
        source("課題管理表.xlsx"),
        &Mapping::default(),
        &directory(),
    );
    assert_eq!(parsed.problems, vec![], "{:?}", parsed.problems);
    assert_eq!(parsed.drafts.len(), 2);
    let first = &parsed.drafts[0];
    assert_eq!(first.row, 5);
    assert_eq!(first.external_ref, "No.1");
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(first.item.raised_on, d(2025, 4, 1));
    assert_eq!(first.item.due, Some(d(2025, 4, 30)));
    assert_eq!(first.item.completed_on, Some(d(2025, 4, 20)));
    assert_eq!(first.item.status, IssueStatus::Done);
    assert_eq!(first.item.priority, IssuePriority::High);
    assert_eq!(first.item.category, IssueCategory::Operation);
    assert_eq!(first.item.raised_by, "受託者 取込");
    let second = &parsed.drafts[1];
    assert_eq!(second.item.raised_on, d(2025, 5, 12));
    assert_eq!(second.item.category, IssueCategory::LawRevision);

    let missing = register::parse(
        &register_xlsx(),
        RegisterSource {
            sheet: Some("別シート"),
            ..source("課題管理表.xlsx")
        },
        &Mapping::default(),
        &directory(),
    );
    assert_eq!(missing.problems[0].field, "シート");
}

#[test]
fn a_csv_register_reports_an_impossible_date_by_row() {
    let csv = "課題管理表,,,\nNo.,起票日,タイトル,内容,期限\n1,令和7年4月1日,a,x,2025/13/45\n2,R7.4.2,b,y,\n";
    let parsed = register::parse(
        &cp932(csv),
        source("register.csv"),
        &Mapping::default(),
        &directory(),
    );
    let lines: Vec<String> = parsed.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        lines,
        ["3行目 期限: 日付として読めません（\"2025/13/45\"）"]
    );
    assert_eq!(parsed.drafts.len(), 1);
    assert_eq!(parsed.drafts[0].row, 4);
}

/// JP1/AJS3's result list saved as CSV: an execution ID, the plan, the end status as JP1 words
/// it, counts with thousands separators.
const JOB_RESULTS_CSV: &str = "\
実行ID,ジョブネット名,開始予定日時,終了予定日時,開始日時,終了日時,終了状態,処理件数,メッセージ\r
1201,/AJSROOT1/NJ_RECEIPT_IMPORT,2026/04/10 01:00,2026/04/10 02:00,2026/04/10 01:02,2026/04/10 01:49,正常終了,\"4,210\",\r
1202,/AJSROOT1/NJ_RECEIPT_IMPORT,2026/04/13 01:00,2026/04/13 02:00,2026/04/13 01:01,2026/04/13 01:20,異常終了,812,KAVS0265-E 取込ファイルの件数不一致\r
1203,NJ_DAILY_BACKUP,,,2026/04/13 23:00,2026/04/14 00:31,正常,1,\r
";

#[test]
fn job_results_read_as_batch_runs_once_their_job_nets_are_mapped() {
    use hoshu_core::operations::BatchResult;
    use hoshu_import::batches;
    let bytes = cp932(JOB_RESULTS_CSV);
    let first = batches::parse(&bytes, &Mapping::default(), &directory());
    // JP1's full path is not the desk's name: the person maps it, the rest is recognised.
    assert_eq!(first.drafts.len(), 1, "{:?}", first.problems);
    assert_eq!(first.problems.len(), 2);
    assert!(
        first
            .problems
            .iter()
            .all(|p| p.field == "ジョブネット名" && p.row.is_some())
    );
    assert_eq!(first.mapping.job_nets["/AJSROOT1/NJ_RECEIPT_IMPORT"], "");
    assert_eq!(first.mapping.batch_results["異常終了"], "abnormal");
    let mut mapping = first.mapping.clone();
    mapping.job_nets.insert(
        "/AJSROOT1/NJ_RECEIPT_IMPORT".into(),
        "NJ_RECEIPT_IMPORT".into(),
    );
    let toml = mapping.to_toml();
    let parsed = batches::parse(&bytes, &Mapping::from_toml(&toml).unwrap(), &directory());
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let d = &parsed.drafts;
    assert_eq!(d.len(), 3);
    assert_eq!(d[0].external_ref, "jp1#1201");
    assert_eq!(d[0].job_net, "NJ_RECEIPT_IMPORT");
    assert_eq!(d[0].processed_count, 4210);
    assert_eq!(d[0].started_at, jst(2026, 4, 10, 1, 2));
    assert_eq!(d[0].planned_end, jst(2026, 4, 10, 2, 0));
    assert_eq!(d[1].result, BatchResult::Abnormal);
    assert!(d[1].note.contains("KAVS0265-E"));
    assert_eq!(d[2].result, BatchResult::Normal);
    assert_eq!(
        d[2].planned_start, d[2].started_at,
        "no plan: planned as it ran"
    );
    assert_eq!(d[2].external_ref, "jp1#1203");
}

#[test]
fn a_job_result_that_cannot_be_read_names_its_row_and_column() {
    use hoshu_import::batches;
    let csv = "\
ジョブネット名,開始日時,終了日時,終了状態,処理件数\r
NJ_DAILY_BACKUP,2026/04/13 23:00,2026/04/13 22:00,正常終了,-3\r
NJ_DAILY_BACKUP,2026/04/14 23:00,2026/04/15 00:30,警告検出終了,1\r
NJ_DAILY_BACKUP,2026/04/14 23:00,2026/04/15 00:30,正常終了,1\r
NJ_DAILY_BACKUP,2026/04/14 23:00,2026/04/15 00:31,正常終了,1\r
";
    let parsed = batches::parse(csv.as_bytes(), &Mapping::default(), &directory());
    let at = |row: usize| -> Vec<&str> {
        parsed
            .problems
            .iter()
            .filter(|p| p.row == Some(row))
            .map(|p| p.field.as_str())
            .collect()
    };
    assert_eq!(at(2), ["処理件数"], "{:?}", parsed.problems);
    assert_eq!(at(3), ["終了状態"]);
    assert_eq!(at(4), Vec::<&str>::new());
    assert_eq!(at(5), ["開始日時"], "the same run twice");
    assert_eq!(parsed.mapping.batch_results["警告検出終了"], "");
    assert_eq!(parsed.drafts.len(), 1);
}
