//! The list screens' use cases on both databases: sorting by a column, and the export of
//! exactly what the person filtered, read back with calamine.

use calamine::{Data, Reader, Xlsx};
use hoshu_app::{
    AccountChange, AccountFilter, BulkExport, BulkStep, ErrorCode, Hoshu, NewSavedView,
    RequestListQuery, SelectedRequest,
};
use hoshu_core::Role;
use hoshu_core::listing::{ListName, Order, RequestColumn, SortDirection};
use hoshu_core::request::{NewRequest, RequestKind};

use chrono::{DateTime, Utc};

use crate::common;
use common::{both, jst};

fn start() -> DateTime<Utc> {
    jst(2026, 4, 10, 9, 0)
}

fn request(office: &str, kind: RequestKind, title: &str) -> NewRequest {
    NewRequest {
        kind,
        work_sub_kind: None,
        office: office.into(),
        title: title.into(),
        body: "本文".into(),
        details: Default::default(),
    }
}

async fn last_audit(hoshu: &Hoshu) -> (String, String) {
    let mut tx = hoshu.store().begin().await.unwrap();
    let head = tx.audit_head().await.unwrap().unwrap();
    let last = tx.audit_entries(head.seq - 1, 1).await.unwrap();
    (last[0].action.clone(), last[0].summary.clone())
}

both!(
    the_export_holds_exactly_the_filtered_rows_in_the_order_on_screen,
    |d| {
        let titles = [
            "帳票の印刷",
            "返戻の再請求",
            "帳票の改ページ",
            "マスタの更新",
            "帳票の文字化け",
        ];
        let mut ids = Vec::new();
        for (i, title) in titles.iter().enumerate() {
            d.clock.set(jst(2026, 4, 10, 9, i as u32));
            let kind = if i % 2 == 0 {
                RequestKind::Inquiry
            } else {
                RequestKind::Investigation
            };
            ids.push(
                d.hoshu
                    .file_request(&d.staff, request("kita_chuo", kind, title))
                    .await
                    .unwrap(),
            );
        }
        d.hoshu
            .file_request(
                &d.staff_naka,
                request("naka", RequestKind::Inquiry, "帳票の件（中区）"),
            )
            .await
            .unwrap();
        let contractor = d.contractor.actor.account_id;
        d.hoshu
            .assign_request(&d.contractor, ids[2], 1, Some(contractor))
            .await
            .unwrap();

        // Staff filter by a word; the list sorted by title ascending.
        let query = RequestListQuery {
            text: Some("帳票".into()),
            order: Order {
                column: RequestColumn::Title,
                direction: SortDirection::Ascending,
            },
            ..RequestListQuery::default()
        };
        let on_screen = d
            .hoshu
            .list_requests(&d.staff, query.clone())
            .await
            .unwrap();
        let shown: Vec<i64> = on_screen.items.iter().map(|r| r.request.id).collect();
        // 帳票の印刷 (U+5370) < 帳票の改ページ (U+6539) < 帳票の文字化け (U+6587); 中区's is not theirs.
        assert_eq!(shown, vec![ids[0], ids[2], ids[4]]);

        let file = d
            .hoshu
            .export_request_list(&d.staff, query, BulkExport::Unconfirmed)
            .await
            .unwrap();
        assert!(
            file.file_name.starts_with("依頼一覧_") && file.file_name.ends_with(".xlsx"),
            "{}",
            file.file_name
        );
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(file.bytes)).unwrap();
        let sheet = book.worksheet_range("依頼一覧").unwrap();
        let header = hoshu_docs::xlsx::HEADER_ROW as usize;
        let rows: Vec<&[Data]> = sheet.rows().collect();
        assert!(
            rows[1][0].to_string().contains("キーワード: 帳票"),
            "{:?}",
            rows[1][0]
        );
        assert!(rows[1][0].to_string().contains("3件"), "{:?}", rows[1][0]);
        let captions: Vec<String> = rows[header].iter().map(|c| c.to_string()).collect();
        assert_eq!(
            captions,
            [
                "番号",
                "種別",
                "件名",
                "事務所",
                "起票者",
                "担当",
                "状態",
                "受付日時"
            ]
        );
        let data = &rows[header + 1..];
        let numbers: Vec<i64> = data
            .iter()
            .map(|r| match r[0] {
                Data::Float(f) => f as i64,
                Data::Int(i) => i,
                ref other => panic!("not a number: {other:?}"),
            })
            .collect();
        assert_eq!(numbers, shown, "the rows, in the order on screen");
        assert_eq!(data[1][2].to_string(), "帳票の改ページ");
        assert_eq!(data[1][3].to_string(), "北区中央福祉事務所");
        assert_eq!(data[1][1].to_string(), "問合せ");
        assert!(!data[1][5].to_string().is_empty(), "the assignee's name");
        assert_eq!(data[0][5], Data::Empty, "no assignee");
        assert!(matches!(data[0][7], Data::DateTime(_)), "{:?}", data[0][7]);
        assert_eq!(
            last_audit(&d.hoshu).await,
            ("export".to_owned(), "依頼一覧をExcelで3件出力".to_owned())
        );

        // Another office's requests never leave through the export either.
        let theirs = RequestListQuery {
            office: Some("naka".into()),
            ..RequestListQuery::default()
        };
        let refused = d
            .hoshu
            .export_request_list(&d.staff, theirs, BulkExport::Confirmed)
            .await
            .unwrap_err();
        assert_eq!(refused.code, ErrorCode::Forbidden);

        // Above the threshold, nothing leaves until confirmed.
        let mut settings = d.hoshu.settings(&d.admin).await.unwrap();
        settings.bulk_export_rows = 2;
        d.hoshu.update_settings(&d.admin, settings).await.unwrap();
        let all = RequestListQuery::default();
        let asked = d
            .hoshu
            .export_request_list(&d.contractor, all.clone(), BulkExport::Unconfirmed)
            .await
            .unwrap_err();
        assert_eq!(asked.code, ErrorCode::BulkExportUnconfirmed);
        assert_eq!(
            last_audit(&d.hoshu).await.0,
            "settings.update",
            "the refused export is not recorded"
        );
        d.hoshu
            .export_request_list(&d.contractor, all, BulkExport::Confirmed)
            .await
            .unwrap();
        assert!(
            last_audit(&d.hoshu)
                .await
                .1
                .contains("6件出力（一括出力を確認のうえ）")
        );
    }
);

both!(unassigned_requests_sort_last_both_ways, |d| {
    let mut ids = Vec::new();
    for title in ["一", "二", "三"] {
        ids.push(
            d.hoshu
                .file_request(&d.staff, request("kita_chuo", RequestKind::Inquiry, title))
                .await
                .unwrap(),
        );
    }
    let contractor = d.contractor.actor.account_id;
    d.hoshu
        .assign_request(&d.contractor, ids[1], 1, Some(contractor))
        .await
        .unwrap();
    for direction in [SortDirection::Ascending, SortDirection::Descending] {
        let query = RequestListQuery {
            order: Order {
                column: RequestColumn::Assignee,
                direction,
            },
            ..RequestListQuery::default()
        };
        let page = d.hoshu.list_requests(&d.chief, query).await.unwrap();
        assert_eq!(page.items[0].request.id, ids[1], "{direction:?}");
        assert!(
            page.items[1..]
                .iter()
                .all(|r| r.request.assignee_id.is_none())
        );
    }
});

both!(
    the_administrator_exports_the_filtered_accounts_as_csv,
    |d| {
        let filter = AccountFilter {
            role: Some(Role::Staff),
            ..AccountFilter::default()
        };
        let file = d
            .hoshu
            .export_accounts(&d.admin, filter.clone(), BulkExport::Unconfirmed)
            .await
            .unwrap();
        assert!(file.file_name.ends_with(".csv"), "{}", file.file_name);
        assert!(file.bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
        let mut reader = csv::Reader::from_reader(&file.bytes[3..]);
        assert_eq!(
            reader.headers().unwrap().iter().collect::<Vec<_>>(),
            ["ログインID", "氏名", "権限", "所属コード", "所属", "状態"]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let logins: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
        assert_eq!(logins, ["staff01", "staff45"]);
        assert_eq!(&rows[0][3], "kita_chuo");
        assert_eq!(&rows[0][4], "北区中央福祉事務所");
        assert_eq!(&rows[0][5], "有効");
        assert_eq!(
            last_audit(&d.hoshu).await,
            (
                "export".to_owned(),
                "アカウント一覧をCSVで2件出力".to_owned()
            )
        );
        // Only the administrator.
        let refused = d
            .hoshu
            .export_accounts(&d.chief, filter, BulkExport::Confirmed)
            .await
            .unwrap_err();
        assert_eq!(refused.code, ErrorCode::Forbidden);
    }
);

both!(
    saved_filters_are_the_persons_own_and_checked_on_the_way_in,
    |d| {
        let filters = serde_json::json!({"openOnly": true, "assignee": "none"});
        let id = d
            .hoshu
            .save_view(
                &d.contractor,
                NewSavedView {
                    list: ListName::Requests,
                    name: " 未割当の対応中 ".into(),
                    filters: filters.clone(),
                },
            )
            .await
            .unwrap();
        let mine = d
            .hoshu
            .saved_views(&d.contractor, ListName::Requests)
            .await
            .unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].id, id);
        assert_eq!(mine[0].name, "未割当の対応中", "the name is kept trimmed");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&mine[0].filters).unwrap(),
            filters
        );
        assert!(
            d.hoshu
                .saved_views(&d.chief, ListName::Requests)
                .await
                .unwrap()
                .is_empty(),
            "another person sees none of them"
        );
        assert_eq!(
            d.hoshu
                .delete_saved_view(&d.chief, id)
                .await
                .unwrap_err()
                .code,
            ErrorCode::NotFound
        );
        let refused = d
            .hoshu
            .save_view(
                &d.contractor,
                NewSavedView {
                    list: ListName::Requests,
                    name: String::new(),
                    filters: serde_json::json!("not an object"),
                },
            )
            .await
            .unwrap_err();
        assert_eq!(refused.code, ErrorCode::Validation);
        let fields: Vec<&str> = refused.fields.iter().map(|f| f.field).collect();
        assert_eq!(fields, ["name", "filters"]);
        d.hoshu.delete_saved_view(&d.contractor, id).await.unwrap();
        assert!(
            d.hoshu
                .saved_views(&d.contractor, ListName::Requests)
                .await
                .unwrap()
                .is_empty()
        );
    }
);

both!(a_bulk_step_changes_every_selected_request_or_none, |d| {
    let mut selected = Vec::new();
    for title in ["一", "二", "三"] {
        let id = d
            .hoshu
            .file_request(&d.staff, request("kita_chuo", RequestKind::Inquiry, title))
            .await
            .unwrap();
        selected.push(SelectedRequest { id, version: 1 });
    }
    let me = d.contractor.actor.account_id;
    let assign = BulkStep::Assign { assignee: Some(me) };
    let refused = d
        .hoshu
        .bulk_request_step(&d.staff, selected.clone(), assign)
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);

    // One request changed meanwhile: nothing is assigned, and the refusal names it.
    let mut stale = selected.clone();
    stale[2].version = 7;
    let err = d
        .hoshu
        .bulk_request_step(&d.contractor, stale, assign)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Stale);
    assert!(
        err.message
            .starts_with(&format!("依頼 #{}", selected[2].id)),
        "{}",
        err.message
    );
    let query = RequestListQuery {
        unassigned: true,
        ..RequestListQuery::default()
    };
    let unassigned = d
        .hoshu
        .list_requests(&d.chief, query.clone())
        .await
        .unwrap();
    assert_eq!(unassigned.total, 3, "all or nothing");

    let changed = d
        .hoshu
        .bulk_request_step(&d.contractor, selected.clone(), assign)
        .await
        .unwrap();
    assert_eq!(changed, 3);
    let page = d
        .hoshu
        .list_requests(&d.chief, RequestListQuery::default())
        .await
        .unwrap();
    assert!(page.items.iter().all(|i| i.request.assignee_id == Some(me)));
    assert_eq!(
        d.hoshu.list_requests(&d.chief, query).await.unwrap().total,
        0
    );
    // Closing needs an answer first: a request still received is refused.
    let close = d
        .hoshu
        .bulk_request_step(
            &d.staff,
            vec![SelectedRequest {
                id: selected[0].id,
                version: 2,
            }],
            BulkStep::Close,
        )
        .await
        .unwrap_err();
    assert_eq!(close.code, ErrorCode::InvalidTransition);
});

both!(
    the_personnel_moves_come_back_from_the_exported_csv_all_or_nothing,
    |d| {
        let filter = AccountFilter {
            role: Some(Role::Staff),
            ..AccountFilter::default()
        };
        let exported = d
            .hoshu
            .export_accounts(&d.admin, filter, BulkExport::Unconfirmed)
            .await
            .unwrap();
        let text = String::from_utf8(exported.bytes).unwrap();
        // staff01 moves to 中区, staff45 leaves, a newcomer arrives.
        let moved: Vec<String> = text
            .lines()
            .map(|line| {
                if line.starts_with("staff01,") {
                    line.replace("kita_chuo,北区中央福祉事務所", "naka,中区福祉事務所")
                } else if line.starts_with("staff45,") {
                    line.replace(",有効", ",無効")
                } else {
                    line.to_owned()
                }
            })
            .collect();
        let with_newcomer = format!(
            "{}\r\nstaff77,備前 次郎,一般職員,kita_chuo,,有効\r\n",
            moved.join("\r\n")
        );
        let broken = format!("{with_newcomer}staff78,,係長,nowhere,,有効\r\n");

        let refused = d
            .hoshu
            .import_accounts(&d.admin, broken.as_bytes(), false)
            .await
            .unwrap();
        assert!(!refused.written);
        let rows: Vec<Option<usize>> = refused.problems.iter().map(|p| p.row).collect();
        assert!(rows.iter().all(|r| *r == Some(5)), "{:?}", refused.problems);
        assert!(
            refused.problems.len() >= 3,
            "氏名, 権限, 所属コード: {:?}",
            refused.problems
        );
        let before = d.hoshu.accounts(&d.admin).await.unwrap();
        assert!(
            !before.iter().any(|a| a.login == "staff77"),
            "nothing written"
        );

        let dry = d
            .hoshu
            .import_accounts(&d.admin, with_newcomer.as_bytes(), true)
            .await
            .unwrap();
        assert!(dry.problems.is_empty(), "{:?}", dry.problems);
        let changes: Vec<(&str, AccountChange)> = dry
            .rows
            .iter()
            .map(|r| (r.login.as_str(), r.change))
            .collect();
        assert_eq!(
            changes,
            [
                ("staff01", AccountChange::Changed),
                ("staff45", AccountChange::Changed),
                ("staff77", AccountChange::New)
            ]
        );
        assert_eq!(dry.rows[0].details, ["所属: kita_chuo → naka"]);
        assert!(!dry.written && dry.passwords.is_empty());

        let done = d
            .hoshu
            .import_accounts(&d.admin, with_newcomer.as_bytes(), false)
            .await
            .unwrap();
        assert!(done.written);
        assert_eq!(done.passwords.len(), 1);
        assert_eq!(done.passwords[0].login, "staff77");
        let after = d.hoshu.accounts(&d.admin).await.unwrap();
        let find = |login: &str| after.iter().find(|a| a.login == login).unwrap().clone();
        assert_eq!(find("staff01").office, "naka");
        assert!(find("staff45").disabled);
        // The newcomer logs in with the one-time password and must change it first.
        let session = d
            .hoshu
            .login("staff77", &done.passwords[0].one_time_password)
            .await
            .unwrap();
        assert!(session.must_change_password);

        let chief = d
            .hoshu
            .import_accounts(&d.chief, with_newcomer.as_bytes(), true)
            .await
            .unwrap_err();
        assert_eq!(chief.code, ErrorCode::Forbidden);
    }
);
