//! Handouts kept as files (配布資料), on SQLite and PostgreSQL: who may add and read them, the
//! kinds and states refused, the audit trail; the minutes list them (pdftotext); the delivery
//! disc carries them beside the minutes, read back with xorriso against its MANIFEST.

use crate::common::{self, both, extract_iso, jst, parse_manifest, tool};
use crate::deliverables::meeting;
use chrono::{DateTime, Utc};
use hoshu_app::{DiscMedia, DiscSelection, ErrorCode, MalwareCheckInput, MinutesSelection};
use hoshu_core::meeting::{HANDOUT_FILES_MAX, MinutesAction};

fn start() -> DateTime<Utc> {
    jst(2026, 4, 10, 9, 30)
}

/// A file that starts as a PDF does, with bytes of every value after it.
fn report_pdf() -> Vec<u8> {
    b"%PDF-1.7\n"
        .iter()
        .copied()
        .chain((0..70_000u32).map(|i| (i.wrapping_mul(31) % 251) as u8))
        .collect()
}

fn register_xlsx() -> Vec<u8> {
    b"PK\x03\x04\x14\x00\x06\x00 spreadsheet".to_vec()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

both!(
    handouts_are_added_while_the_minutes_can_change_and_read_by_who_reads_meetings,
    |d| {
        let h = &d.hoshu;
        let m = h
            .record_meeting(&d.contractor, meeting(8, &[]))
            .await
            .unwrap();
        let pdf = report_pdf();
        for s in [&d.staff, &d.chief, &d.admin] {
            let err = h
                .attach_to_meeting(s, m.id, "資料1.pdf", &pdf)
                .await
                .unwrap_err();
            assert_eq!(err.code, ErrorCode::Forbidden, "only who edits the meeting");
        }
        // The request attachments' allow-list, from the name and the first bytes.
        for (name, bytes) in [
            ("tool.exe", &b"MZ\x90\x00"[..]),
            ("偽物.pdf", &b"PK\x03\x04"[..]),
            ("空.pdf", &b""[..]),
        ] {
            let err = h
                .attach_to_meeting(&d.contractor, m.id, name, bytes)
                .await
                .unwrap_err();
            assert_eq!(err.code, ErrorCode::Validation, "{name}");
        }
        let err = h
            .attach_to_meeting(&d.contractor, m.id + 99, "資料1.pdf", &pdf)
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);

        let a1 = h
            .attach_to_meeting(&d.contractor, m.id, "資料1_運用状況報告.pdf", &pdf)
            .await
            .unwrap();
        let a2 = h
            .attach_to_meeting(
                &d.contractor,
                m.id,
                "資料2_課題管理表.xlsx",
                &register_xlsx(),
            )
            .await
            .unwrap();
        let detail = h.meeting_detail(&d.chief, m.id).await.unwrap();
        let listed: Vec<(i64, &str, &str, i64)> = detail
            .meeting
            .attachments
            .iter()
            .map(|a| (a.id, a.file_name.as_str(), a.content_type.as_str(), a.size))
            .collect();
        assert_eq!(
            listed,
            vec![
                (
                    a1,
                    "資料1_運用状況報告.pdf",
                    "application/pdf",
                    pdf.len() as i64
                ),
                (
                    a2,
                    "資料2_課題管理表.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    register_xlsx().len() as i64
                ),
            ]
        );
        assert_eq!(
            detail.meeting.version, 1,
            "adding a handout leaves an open edit of the meeting valid"
        );

        let got = h.meeting_attachment(&d.chief, a1).await.unwrap();
        assert_eq!(got.bytes, pdf);
        assert_eq!(got.meta.file_name, "資料1_運用状況報告.pdf");
        for s in [&d.staff, &d.admin] {
            let err = h.meeting_attachment(s, a1).await.unwrap_err();
            assert_eq!(err.code, ErrorCode::Forbidden, "as the meeting itself");
        }
        let err = h.meeting_attachment(&d.chief, a2 + 99).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);

        // At most HANDOUT_FILES_MAX files to a meeting.
        for n in 3..=HANDOUT_FILES_MAX {
            h.attach_to_meeting(&d.contractor, m.id, &format!("資料{n}.pdf"), b"%PDF-1.4")
                .await
                .unwrap();
        }
        let err = h
            .attach_to_meeting(&d.contractor, m.id, "資料21.pdf", b"%PDF-1.4")
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.message.contains("20件まで"), "{}", err.message);

        // Submitted minutes keep the material they were written with.
        let other = h
            .record_meeting(&d.contractor, meeting(9, &[]))
            .await
            .unwrap();
        h.minutes_step(&d.contractor, other.id, 1, MinutesAction::Submit, "")
            .await
            .unwrap();
        let err = h
            .attach_to_meeting(&d.contractor, other.id, "資料1.pdf", &pdf)
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidTransition);
        assert!(err.message.contains("提出済"), "{}", err.message);

        let mut tx = h.store().begin_read().await.unwrap();
        let audit: Vec<(String, String, String)> = tx
            .audit_entries(0, 1000)
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.action, e.target, e.summary))
            .collect();
        assert!(audit.contains(&(
            "meeting.attach".into(),
            format!("meeting:{}", m.id),
            format!("配布資料 #{a1} を追加（{}バイト）", pdf.len())
        )));
        assert!(audit.contains(&(
            "meeting.attachment_download".into(),
            format!("meeting_attachment:{a1}"),
            format!("会議 #{} の配布資料を取得", m.id)
        )));
        let attaches = audit.iter().filter(|e| e.0 == "meeting.attach").count();
        assert_eq!(attaches, HANDOUT_FILES_MAX, "refusals write nothing");
    }
);

both!(
    the_minutes_list_the_handouts_and_the_disc_carries_them_beside_the_minutes,
    |d| {
        let h = &d.hoshu;
        let m = h
            .record_meeting(&d.contractor, meeting(8, &[]))
            .await
            .unwrap();
        let pdf = report_pdf();
        for (name, bytes) in [
            ("運用状況報告.pdf", pdf.clone()),
            ("課題管理表.xlsx", register_xlsx()),
        ] {
            h.attach_to_meeting(&d.contractor, m.id, name, &bytes)
                .await
                .unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let minutes = h.render_minutes(&d.chief, m.id).await.unwrap();
        let path = dir.path().join("minutes.pdf");
        std::fs::write(&path, &minutes.bytes).unwrap();
        let text = squeeze(
            &String::from_utf8(tool(
                "pdftotext",
                &["-enc", "UTF-8", path.to_str().unwrap(), "-"],
            ))
            .unwrap(),
        );
        for needle in [
            "資料1運用状況報告",
            "ファイル2件（「配布資料（ファイル）」のとおり）",
            "２．配布資料（ファイル）",
            "1運用状況報告.pdf68.4KB",
            "2課題管理表.xlsx",
        ] {
            assert!(text.contains(needle), "missing {needle}:\n{text}");
        }

        let v = h
            .minutes_step(&d.contractor, m.id, 1, MinutesAction::Submit, "")
            .await
            .unwrap();
        h.minutes_step(&d.chief, m.id, v, MinutesAction::Approve, "")
            .await
            .unwrap();
        let selection = DiscSelection {
            minutes: MinutesSelection::AllApproved,
            register: false,
            plan: false,
            forms: vec![],
            reports_fiscal_year: None,
            media: DiscMedia::CdR,
            malware_check: MalwareCheckInput {
                checked_by: "小川 健".into(),
                checked_at: None,
                product: "ウイルスバスター 14.0".into(),
                pattern_version: "19.123.00".into(),
            },
        };
        let disc = h.build_disc(&d.contractor, &selection, None).await.unwrap();
        let iso = dir.path().join("disc.iso");
        std::fs::write(&iso, &disc.bytes).unwrap();
        let out = dir.path().join("extracted");
        extract_iso(iso.to_str().unwrap(), &out);
        let manifest = parse_manifest(&std::fs::read_to_string(out.join("MANIFEST.txt")).unwrap());
        let stem = "打合せ議事録_令和8年4月8日";
        let expected = [
            format!("{stem}.pdf"),
            format!("{stem}_資料1_運用状況報告.pdf"),
            format!("{stem}_資料2_課題管理表.xlsx"),
        ];
        assert_eq!(
            manifest.keys().cloned().collect::<Vec<_>>(),
            expected,
            "the handouts sort right after their minutes"
        );
        for (name, bytes) in [(&expected[1], &pdf), (&expected[2], &register_xlsx())] {
            let on_disc = std::fs::read(out.join(name)).unwrap();
            assert_eq!(&on_disc, bytes, "{name}");
            assert_eq!(
                manifest[name],
                (bytes.len(), hoshu_docs::disc::sha256_hex(bytes))
            );
        }
    }
);
