//! Import from Redmine and the Excel register, and the knowledge search, through the use
//! cases on both databases.

use chrono::{DateTime, NaiveDate, Utc};
use encoding_rs::SHIFT_JIS;
use hoshu_app::{
    ErrorCode, ImportInput, ImportSource, RequestListQuery, SearchQuery, TransitionInput,
};
use hoshu_core::request::{NewRequest, RequestAction, RequestKind, RequestStatus};
use hoshu_core::request_details::Urgency;
use hoshu_core::search::SearchKind;
use rust_xlsxwriter::{Format, Workbook};
use std::sync::Mutex;

use crate::common;

use common::{Desk, both, jst};

fn start() -> DateTime<Utc> {
    jst(2026, 4, 1, 8, 0)
}

const MAPPING: &str = r#"
[people]
"髙橋 一郎" = "staff01"
"山田 花子" = "staff45"
"鈴木 SE" = "contractor"
[offices]
"北区中央福祉事務所" = "kita_chuo"
"中区福祉事務所" = "naka"
"#;

fn redmine_csv(extra_row: &str) -> Vec<u8> {
    let text = format!(
        "#,トラッカー,ステータス,優先度,題名,作成者,担当者,更新日,作成日,終了日,所属,説明,最新のコメント\r\n\
         813,質問,終了,通常,①の帳票が出ない（㈱〇〇医院）,髙橋 一郎,鈴木 SE,2025/04/05 17:02,2025/04/03 11:32,2025/04/05 17:02,北区中央福祉事務所,\"帳票①を出力すると\r\nエラーになります。～\",\"再出力で解消しました。\r\nご確認ください。\"\r\n\
         814,バグ,新規,急いで,夜間バッチが止まる,山田 花子,,2025/04/04 09:00,2025/04/04 08:55,,中区福祉事務所,夜間バッチが異常終了しました。,\r\n{extra_row}"
    );
    let (bytes, _, unmappable) = SHIFT_JIS.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn redmine(bytes: Vec<u8>, dry_run: bool) -> ImportInput {
    ImportInput {
        source: ImportSource::Redmine,
        file_name: "issues.csv".into(),
        bytes,
        mapping: Some(MAPPING.into()),
        sheet: None,
        dry_run,
    }
}

async fn request_count(d: &Desk) -> i64 {
    d.hoshu
        .list_requests(&d.chief, RequestListQuery::default())
        .await
        .unwrap()
        .total
}

both!(a_redmine_export_imports_once_and_all_or_nothing, |d| {
    // A bad row: nothing at all is written, and the problem names row and column.
    let bad = redmine_csv(
        "815,質問,新規,通常,壊れた行,山田 花子,,2025/04/04 09:00,2025/13/45,,中区福祉事務所,本文,\r\n",
    );
    let report = d
        .hoshu
        .import(&d.contractor, redmine(bad, false), None)
        .await
        .unwrap();
    assert!(!report.written);
    assert_eq!(report.errors, 1);
    assert_eq!(
        report.problems[0].to_string(),
        "6行目 作成日: 日付として読めません（\"2025/13/45\"）"
    );
    assert_eq!(request_count(&d).await, 0);

    // A dry run shows every row and writes nothing.
    let dry = d
        .hoshu
        .import(&d.admin, redmine(redmine_csv(""), true), None)
        .await
        .unwrap();
    assert_eq!(
        (dry.new, dry.existing, dry.errors, dry.written),
        (2, 0, 0, false)
    );
    assert_eq!(dry.summary(), "新規 2件 / 既存 0件 / エラー 0件");
    assert_eq!(dry.rows[0].external_ref, "redmine#813");
    assert_eq!(dry.rows[0].status, "完了");
    assert!(
        dry.mapping.contains("\"質問\" = \"inquiry\""),
        "{}",
        dry.mapping
    );
    assert_eq!(request_count(&d).await, 0);

    // The import, with progress.
    let seen = Mutex::new(Vec::new());
    let progress = |p: hoshu_app::Progress| seen.lock().unwrap().push((p.done, p.total));
    let done = d
        .hoshu
        .import(
            &d.contractor,
            redmine(redmine_csv(""), false),
            Some(&progress),
        )
        .await
        .unwrap();
    assert!(done.written);
    assert_eq!(seen.into_inner().unwrap(), [(1, 2), (2, 2)]);
    assert_eq!(request_count(&d).await, 2);
    let page = d
        .hoshu
        .list_requests(&d.chief, RequestListQuery::default())
        .await
        .unwrap();
    let old = page
        .items
        .iter()
        .find(|r| r.request.title.starts_with('①'))
        .unwrap();
    let detail = d
        .hoshu
        .request_detail(&d.chief, old.request.id)
        .await
        .unwrap();
    assert_eq!(detail.request.status, RequestStatus::Closed);
    assert_eq!(detail.request.filed_at, jst(2025, 4, 3, 11, 32));
    assert_eq!(detail.request.closed_at, Some(jst(2025, 4, 5, 17, 2)));
    assert_eq!(detail.request.office, "kita_chuo");
    // 優先度 通常 is the urgency 通常, not a line of the body; 急いで is 至急.
    assert_eq!(detail.request.details.urgency, Urgency::Normal);
    assert!(!detail.request.body.contains("優先度"));
    let urgent = page
        .items
        .iter()
        .find(|r| r.request.title == "夜間バッチが止まる")
        .unwrap();
    let urgent = d
        .hoshu
        .request_detail(&d.chief, urgent.request.id)
        .await
        .unwrap();
    assert_eq!(urgent.request.details.urgency, Urgency::Urgent);
    assert_eq!(
        detail.comments[0].body,
        "再出力で解消しました。\r\nご確認ください。"
    );
    assert_eq!(detail.history[0].kind, "imported");
    let mut tx = d.hoshu.store().begin_read().await.unwrap();
    let mark = tx
        .request_import_mark(old.request.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mark.external_ref, "redmine#813");
    drop(tx);

    // Imported requests are found by the search, the CP932-only characters intact.
    let found = d
        .hoshu
        .search(
            &d.chief,
            SearchQuery {
                text: "㈱".into(),
                ..SearchQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(found.hits.len(), 1);
    assert_eq!(found.hits[0].item_id, old.request.id);

    // Again: nothing new.
    let again = d
        .hoshu
        .import(&d.contractor, redmine(redmine_csv(""), false), None)
        .await
        .unwrap();
    assert_eq!(again.summary(), "新規 0件 / 既存 2件 / エラー 0件");
    assert_eq!(request_count(&d).await, 2);

    // Only the contractor and the administrator import.
    for who in [&d.staff, &d.chief] {
        let err = d
            .hoshu
            .import(who, redmine(redmine_csv(""), true), None)
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
    }
});

fn register_xlsx(title_of_second: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy/mm/dd");
    sheet
        .merge_range(0, 0, 0, 6, "課題管理表（令和7年度）", &Format::new())
        .unwrap();
    for (c, h) in [
        "No.",
        "起票日",
        "分類",
        "タイトル",
        "内容",
        "状態",
        "完了日",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    sheet.write_number(3, 0, 1).unwrap();
    sheet
        .write_datetime_with_format(3, 1, NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(), &date)
        .unwrap();
    for (c, v) in [
        (2, "運用"),
        (3, "帳票の改善"),
        (4, "様式第３号の変更"),
        (5, "未着手"),
    ] {
        sheet.write_string(3, c, v).unwrap();
    }
    sheet.write_number(4, 0, 2).unwrap();
    sheet.write_string(4, 1, "R7.5.1").unwrap();
    for (c, v) in [
        (2, "障害"),
        (3, title_of_second),
        (4, "夜間バッチの遅延"),
        (5, "未着手"),
    ] {
        sheet.write_string(4, c, v).unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn register(bytes: Vec<u8>) -> ImportInput {
    ImportInput {
        source: ImportSource::Register,
        file_name: "課題管理表.xlsx".into(),
        bytes,
        mapping: None,
        sheet: None,
        dry_run: false,
    }
}

both!(an_excel_register_imports_once, |d| {
    // A title too long for the register: the whole file is refused.
    let bad = d
        .hoshu
        .import(
            &d.contractor,
            register(register_xlsx(&"長".repeat(101))),
            None,
        )
        .await
        .unwrap();
    assert!(!bad.written);
    assert_eq!(bad.problems[0].row, Some(5));
    assert_eq!(bad.problems[0].field, "タイトル");

    let done = d
        .hoshu
        .import(&d.contractor, register(register_xlsx("夜間バッチ")), None)
        .await
        .unwrap();
    assert_eq!(done.summary(), "新規 2件 / 既存 0件 / エラー 0件");
    assert!(done.written);
    let again = d
        .hoshu
        .import(&d.admin, register(register_xlsx("夜間バッチ")), None)
        .await
        .unwrap();
    assert_eq!(again.summary(), "新規 0件 / 既存 2件 / エラー 0件");
    let found = d
        .hoshu
        .search(
            &d.contractor,
            SearchQuery {
                text: "様式第3号".into(),
                ..SearchQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(found.hits.len(), 1);
    assert_eq!(found.hits[0].kind, SearchKind::Register);
    assert_eq!(found.hits[0].snippet.hit, "様式第３号");
});

async fn file(d: &Desk, who: &hoshu_app::Session, office: &str, title: &str, body: &str) -> i64 {
    d.hoshu
        .file_request(
            who,
            NewRequest {
                kind: RequestKind::Inquiry,
                work_sub_kind: None,
                office: office.into(),
                title: title.into(),
                body: body.into(),
                details: Default::default(),
            },
        )
        .await
        .unwrap()
}

both!(search_keeps_offices_apart_and_jumps_to_a_number, |d| {
    let kita = file(
        &d,
        &d.staff,
        "kita_chuo",
        "医療券の再発行について",
        "再発行の手順を教えてください",
    )
    .await;
    let naka = file(&d, &d.staff_naka, "naka", "医療券の印刷", "印刷が遅い").await;
    let q = |text: &str| SearchQuery {
        text: text.into(),
        ..SearchQuery::default()
    };

    let staff = d.hoshu.search(&d.staff, q("医療券")).await.unwrap();
    assert_eq!(
        staff.hits.iter().map(|h| h.item_id).collect::<Vec<_>>(),
        [kita]
    );
    assert_eq!(staff.kinds, [SearchKind::Request]);
    let chief = d.hoshu.search(&d.chief, q("医療券")).await.unwrap();
    assert_eq!(
        chief.hits.iter().map(|h| h.item_id).collect::<Vec<_>>(),
        [naka, kita]
    );
    assert_eq!(chief.total, 2);

    // Staff may not search the register; the administrator reads no records at all.
    let err = d
        .hoshu
        .search(
            &d.staff,
            SearchQuery {
                kinds: vec![SearchKind::Register],
                ..q("医療券")
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert_eq!(
        d.hoshu
            .search(&d.admin, q("医療券"))
            .await
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    let blank = d.hoshu.search(&d.chief, q("  ")).await.unwrap_err();
    assert_eq!(blank.fields[0].field, "text");

    // `#N` jumps to a request the person may open, and only then.
    let jump = d
        .hoshu
        .search(&d.staff, q(&format!("#{kita}")))
        .await
        .unwrap();
    assert_eq!(jump.jump.map(|j| j.item_id), Some(kita));
    let other = d
        .hoshu
        .search(&d.staff, q(&format!("＃{naka}")))
        .await
        .unwrap();
    assert_eq!(other.jump, None);

    // The passage marks the hit.
    let hit = &d.hoshu.search(&d.chief, q("てじゅん")).await.unwrap();
    assert!(hit.hits.is_empty());
    let hit = &d.hoshu.search(&d.chief, q("手順")).await.unwrap().hits[0];
    assert_eq!(
        (hit.snippet.before.as_str(), hit.snippet.hit.as_str()),
        ("再発行の", "手順")
    );

    // Answered requests like the one being typed are offered; unanswered ones are not.
    let answered = file(
        &d,
        &d.staff,
        "kita_chuo",
        "返戻レセプトの再請求手順",
        "再請求ボタンが押せない",
    )
    .await;
    for (action, who) in [
        (RequestAction::Start, &d.contractor),
        (RequestAction::Answer, &d.contractor),
    ] {
        let version = d
            .hoshu
            .request_detail(&d.chief, answered)
            .await
            .unwrap()
            .request
            .version;
        d.hoshu
            .transition_request(
                who,
                answered,
                TransitionInput {
                    action,
                    expected_version: version,
                    text: "返戻理由を登録してください。".into(),
                },
            )
            .await
            .unwrap();
    }
    let similar = d
        .hoshu
        .similar_requests(
            &d.staff,
            "返戻レセプトの再請求について",
            "ボタンが押せません",
        )
        .await
        .unwrap();
    assert_eq!(
        similar.iter().map(|h| h.item_id).collect::<Vec<_>>(),
        [answered]
    );
    // Another office's staff are not offered it.
    let elsewhere = d
        .hoshu
        .similar_requests(&d.staff_naka, "返戻レセプトの再請求について", "")
        .await
        .unwrap();
    assert!(elsewhere.is_empty());
});
