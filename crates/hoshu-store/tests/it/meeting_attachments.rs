//! Files handed out at a meeting (配布資料): stored with their size and SHA-256, listed in order
//! on the meeting without their bytes, read back whole.

use crate::deliverables::meeting;
use crate::harness::*;
use chrono::TimeDelta;

conformance!(meeting_handouts_round_trip, |store| async move {
    let seed = seed(&store).await;
    let t = |min| now() + TimeDelta::minutes(min);
    let mut tx = store.begin().await.unwrap();
    let id = tx
        .insert_meeting(&meeting(15), seed.contractor, t(0))
        .await
        .unwrap();
    let other = tx
        .insert_meeting(&meeting(16), seed.contractor, t(0))
        .await
        .unwrap();
    assert!(
        tx.get_meeting(id)
            .await
            .unwrap()
            .unwrap()
            .attachments
            .is_empty()
    );

    // 3 MB of every byte value, NULs included.
    let pdf: Vec<u8> = b"%PDF-1.7\n"
        .iter()
        .copied()
        .chain((0..3 * 1024 * 1024).map(|i: u32| (i.wrapping_mul(31) % 251) as u8))
        .collect();
    let xlsx = b"PK\x03\x04\x00\xff".to_vec();
    let a1 = tx
        .insert_meeting_attachment(
            id,
            "資料1 運用状況報告.pdf",
            "application/pdf",
            &pdf,
            seed.contractor,
            t(1),
        )
        .await
        .unwrap();
    let a2 = tx
        .insert_meeting_attachment(
            id,
            "資料2 課題管理表.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &xlsx,
            seed.contractor,
            t(2),
        )
        .await
        .unwrap();
    tx.insert_meeting_attachment(
        other,
        "別会議.pdf",
        "application/pdf",
        b"%PDF-",
        seed.contractor,
        t(2),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.begin_read().await.unwrap();
    let record = tx.get_meeting(id).await.unwrap().unwrap();
    let listed = record.attachments;
    assert_eq!(
        listed.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![a1, a2],
        "only this meeting's, in the order added"
    );
    assert_eq!(listed[0].file_name, "資料1 運用状況報告.pdf");
    assert_eq!(listed[0].size, pdf.len() as i64);
    assert_eq!(listed[0].uploaded_by_name, "高橋 SE");
    assert_eq!(listed[0].created_at, t(1));
    assert_eq!(
        listed[1].sha256,
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&xlsx))
    );
    assert_eq!(tx.list_meeting_attachments(id).await.unwrap(), listed);

    let got = tx.get_meeting_attachment(a1).await.unwrap().unwrap();
    assert_eq!(got.bytes, pdf, "every byte comes back");
    assert_eq!(got.meta, listed[0]);
    assert_eq!(tx.get_meeting_attachment(a2 + 99).await.unwrap(), None);

    let files = tx.meeting_attachment_files(id).await.unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[1].bytes, xlsx);
    assert_eq!(files[1].meta, listed[1]);
});
