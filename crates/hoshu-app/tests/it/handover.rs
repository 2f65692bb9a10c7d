//! 引継ぎ: the handover plan's approval on both databases (who may draft, submit, approve and
//! return; a return needs a reason; the approved version stays), and the handover package of
//! the demo database read back with isoinfo, xorriso, calamine and pdftotext.

use crate::common::{self, both, extract_iso, jst, parse_manifest, tool};
use calamine::{Data, Reader, Xlsx};
use chrono::{DateTime, NaiveDate, Utc};
use hoshu_app::{BulkExport, ErrorCode, HandoverDecision, Hoshu, ManualClock, Progress};
use hoshu_core::handover::{
    HandoverMember, HandoverParty, HandoverPlanDraft, HandoverPlanStatus, HandoverScheduleItem,
};
use hoshu_store::Store;
use hoshu_store::records_export::HANDOVER_TABLES;
use hoshu_store::testing::TestDatabase;
use std::path::Path;
use std::sync::{Arc, Mutex};

fn start() -> DateTime<Utc> {
    jst(2027, 6, 1, 10, 0)
}

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn plan(last_day: NaiveDate) -> HandoverPlanDraft {
    HandoverPlanDraft {
        next_contractor: "株式会社次期システム".into(),
        members: HandoverParty::ALL
            .iter()
            .map(|p| HandoverMember {
                party: *p,
                name: format!("{}の責任者", p.label()),
                role: "引継ぎの確認".into(),
            })
            .collect(),
        schedule: vec![
            HandoverScheduleItem {
                what: "運用ドキュメントの説明".into(),
                from: day(2027, 10, 1),
                to: day(2027, 11, 30),
                who: HandoverParty::Contractor,
            },
            HandoverScheduleItem {
                what: "本番運用処理の実行演習".into(),
                from: day(2027, 12, 1),
                to: last_day,
                who: HandoverParty::NextContractor,
            },
        ],
        notes: String::new(),
    }
}

both!(
    handover_plan_is_drafted_submitted_returned_and_approved,
    |d| {
        let h = &d.hoshu;
        let good = plan(day(2028, 2, 29));
        for who in [&d.staff, &d.chief, &d.admin] {
            let e = h.save_handover_plan(who, 0, &good).await.unwrap_err();
            assert_eq!(e.code, ErrorCode::Forbidden, "{e}");
        }
        // Past the end of February: refused, naming the period.
        let e = h
            .save_handover_plan(&d.contractor, 0, &plan(day(2028, 3, 15)))
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation);
        assert_eq!(e.fields[0].field, "period");
        assert!(e.message.contains("令和10年2月29日"), "{e}");

        assert_eq!(
            h.save_handover_plan(&d.contractor, 0, &good).await.unwrap(),
            1
        );
        h.submit_handover_plan(&d.contractor, 1).await.unwrap();
        let e = h
            .save_handover_plan(&d.contractor, 1, &good)
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidTransition, "{e}");
        for who in [&d.staff, &d.contractor, &d.admin] {
            let e = h
                .decide_handover_plan(who, 1, &HandoverDecision::Approve)
                .await
                .unwrap_err();
            assert_eq!(e.code, ErrorCode::Forbidden, "{e}");
        }
        let e = h
            .decide_handover_plan(
                &d.chief,
                1,
                &HandoverDecision::Return { reason: " ".into() },
            )
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation);
        assert_eq!(e.fields[0].field, "reason");
        h.decide_handover_plan(
            &d.chief,
            1,
            &HandoverDecision::Return {
                reason: "次期受託者の体制を具体的に".into(),
            },
        )
        .await
        .unwrap();
        let view = h.handover_plan(&d.contractor).await.unwrap();
        let current = view.current.unwrap();
        assert_eq!(current.status, HandoverPlanStatus::Returned);
        assert_eq!(
            current.return_reason.as_deref(),
            Some("次期受託者の体制を具体的に")
        );
        assert!(view.approved.is_none());
        assert_eq!(view.deadline, day(2028, 2, 29));

        let mut revised = good.clone();
        revised.notes = "体制表を追記".into();
        assert_eq!(
            h.save_handover_plan(&d.contractor, 1, &revised)
                .await
                .unwrap(),
            2
        );
        h.submit_handover_plan(&d.contractor, 2).await.unwrap();
        h.decide_handover_plan(&d.chief, 2, &HandoverDecision::Approve)
            .await
            .unwrap();
        // Deciding twice: the plan is no longer waiting.
        let e = h
            .decide_handover_plan(&d.chief, 2, &HandoverDecision::Approve)
            .await
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidTransition, "{e}");
        // A new draft keeps the approved version in force.
        h.save_handover_plan(&d.contractor, 2, &good).await.unwrap();
        let view = h.handover_plan(&d.chief).await.unwrap();
        assert_eq!(view.current.unwrap().status, HandoverPlanStatus::Draft);
        let approved = view.approved.unwrap();
        assert_eq!(
            (approved.version, approved.plan.notes.as_str()),
            (2, "体制表を追記")
        );
        assert!(h.handover_plan(&d.staff).await.is_err());
        assert_eq!(h.handover_plan_history(&d.chief).await.unwrap().len(), 3);

        let pdf = h.render_handover_plan(&d.chief).await.unwrap();
        assert_eq!(pdf.file_name, "引継計画書_第3版.pdf");
        assert!(pdf.bytes.starts_with(b"%PDF"));

        let mut tx = h.store().begin_read().await.unwrap();
        let actions: Vec<String> = tx
            .audit_entries(0, 1_000)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .filter(|a| a.starts_with("handover."))
            .collect();
        assert_eq!(
            actions,
            [
                "handover.plan.save",
                "handover.plan.submit",
                "handover.plan.decide",
                "handover.plan.save",
                "handover.plan.submit",
                "handover.plan.decide",
                "handover.plan.save",
            ]
        );
    }
);

fn data_rows(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .skip(hoshu_docs::xlsx::HEADER_ROW as usize + 1)
        .map(<[Data]>::to_vec)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_handover_package_holds_every_record_and_verifies() {
    let db = TestDatabase::new(hoshu_store::Backend::Sqlite).await;
    let clock = Arc::new(ManualClock::new(jst(2026, 6, 15, 17, 0)));
    let hoshu = Hoshu::new(Store::connect(&db.url, db.key()).await.unwrap(), clock);
    hoshu.demo(2026, day(2026, 6, 15)).await.unwrap();
    let pw = hoshu_app::demo::DEMO_PASSWORD;
    let contractor = hoshu.login("contractor", pw).await.unwrap();
    let chief = hoshu.login("chief", pw).await.unwrap();

    // The demo year's plan is approved.
    let plan = hoshu.handover_plan(&chief).await.unwrap();
    assert_eq!(plan.approved.unwrap().status, HandoverPlanStatus::Approved);

    let e = hoshu
        .build_handover_package(&chief, BulkExport::Confirmed, None)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let e = hoshu
        .build_handover_package(&contractor, BulkExport::Unconfirmed, None)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::BulkExportUnconfirmed, "{e}");

    let steps: Mutex<Vec<Progress>> = Mutex::default();
    let record = |p: Progress| steps.lock().unwrap().push(p);
    let started = std::time::Instant::now();
    let image = hoshu
        .build_handover_package(&contractor, BulkExport::Confirmed, Some(&record))
        .await
        .unwrap();
    eprintln!(
        "handover image: {} bytes in {:.1} s",
        image.bytes.len(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(image.file_name, "引継資料_令和8年6月15日.iso");
    let steps = steps.into_inner().unwrap();
    let last = steps.last().unwrap();
    assert_eq!((last.done, last.label.as_str()), (last.total, "完了"));
    assert!(steps.windows(2).all(|w| w[0].done <= w[1].done));

    let dir = tempfile::tempdir().unwrap();
    let iso = dir.path().join("handover.iso");
    std::fs::write(&iso, &image.bytes).unwrap();
    let iso_s = iso.to_str().unwrap();
    let pvd = String::from_utf8(tool("isoinfo", &["-i", iso_s, "-d"])).unwrap();
    assert!(pvd.contains("Joliet with UCS level 3 found"), "{pvd}");
    let joliet = String::from_utf8(tool("isoinfo", &["-i", iso_s, "-J", "-l"])).unwrap();
    assert!(joliet.contains("MANIFEST.txt"), "{joliet}");
    let out = dir.path().join("out");
    extract_iso(iso_s, &out);

    // Every file is in the MANIFEST with its size and SHA-256, and nothing else is on the disc.
    let listed = parse_manifest(&std::fs::read_to_string(out.join("MANIFEST.txt")).unwrap());
    let on_disc: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "MANIFEST.txt")
        .collect();
    assert_eq!(on_disc.len(), listed.len());
    for name in &on_disc {
        let bytes = std::fs::read(out.join(name)).unwrap();
        let (size, sha) = &listed[name];
        assert_eq!(bytes.len(), *size, "{name}");
        assert_eq!(&hoshu_docs::disc::sha256_hex(&bytes), sha, "{name}");
    }

    // Every record of every area is a row of its spreadsheet.
    let mut tx = hoshu.store().begin_read().await.unwrap();
    for table in HANDOVER_TABLES {
        let rows = data_rows(&out.join(format!("{}.xlsx", table.title)), table.title);
        let mut count = tx.count_rows(table).await.unwrap();
        if table.table == "audit_log" {
            // The export's own entry is written after the snapshot the files were read from.
            count -= 1;
        }
        assert_eq!(rows.len() as i64, count, "{}", table.title);
        assert!(
            rows.iter().all(|r| r.len() == table.columns.len()),
            "{}",
            table.title
        );
    }
    let requests = tx
        .count_rows(&hoshu_store::records_export::REQUESTS)
        .await
        .unwrap();
    assert!(requests > 100, "the demo has requests: {requests}");
    drop(tx);
    let accounts = data_rows(&out.join("アカウント.xlsx"), "アカウント");
    assert!(
        accounts
            .iter()
            .flatten()
            .all(|c| !c.to_string().contains("$argon2")),
        "no password hash leaves"
    );

    let verified = std::fs::read_to_string(out.join("監査ログ検証結果.txt")).unwrap();
    assert!(verified.contains("改ざんなし"), "{verified}");
    let book = String::from_utf8(tool(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            out.join("引継書_令和8年6月15日.pdf").to_str().unwrap(),
            "-",
        ],
    ))
    .unwrap();
    for chapter in [
        "未完了の依頼",
        "点検項目",
        "ジョブネット",
        "連絡先",
        "引継計画",
    ] {
        assert!(book.contains(chapter), "{chapter} not in 引継書");
    }
    let plan_pdf = out.join("引継計画書_第1版.pdf");
    let plan_text = String::from_utf8(tool(
        "pdftotext",
        &["-enc", "UTF-8", plan_pdf.to_str().unwrap(), "-"],
    ))
    .unwrap();
    assert!(
        plan_text.contains("株式会社瀬戸内システムサービス"),
        "{plan_text}"
    );
    assert!(
        !plan_text.contains("引継計画書（案）"),
        "approved, so not a draft"
    );
    for deliverable in [
        "運用保守計画書_",
        "打合せ議事録_",
        "課題管理表_",
        "定期報告_",
        "工程表_",
    ] {
        assert!(
            on_disc
                .iter()
                .any(|n| n.starts_with(deliverable) && n.ends_with(".pdf")),
            "{deliverable} missing"
        );
    }

    let mut tx = hoshu.store().begin_read().await.unwrap();
    let last = tx.audit_entries(0, 1_000_000).await.unwrap().pop().unwrap();
    assert_eq!(last.action, "handover.export");
    assert!(last.summary.contains("CD-R"), "{}", last.summary);
    drop(tx);
    hoshu.store().close().await;
    db.remove().await;
}
