//! 業務日程表: versions of a month with their entries; only a draft's entries change; steps
//! record who and when; one edition per month.

use crate::harness::*;
use chrono::{NaiveDate, NaiveTime};
use hoshu_core::business_schedule::{
    EntryCategory, EntrySource, ScheduleEntry, ScheduleMonth, ScheduleStatus,
};
use hoshu_store::{ScheduleStep, StoreError};

fn entry(d: u32, title: &str, starts: Option<(u32, u32)>) -> ScheduleEntry {
    ScheduleEntry {
        day: NaiveDate::from_ymd_opt(2026, 5, d).unwrap(),
        category: EntryCategory::Meeting,
        title: title.into(),
        starts: starts.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
        ends: None,
        note: "第1会議室".into(),
        source: EntrySource::Meeting,
        source_id: Some(4),
    }
}

conformance!(
    versions_keep_their_entries_and_only_drafts_change,
    |store| async move {
        let seed = seed(&store).await;
        let may = ScheduleMonth::new(2026, 5).unwrap();
        let mut tx = store.begin().await.unwrap();
        let entries = vec![
            entry(20, "定例会議", Some((14, 0))),
            entry(7, "業務日程レビュー", None),
        ];
        let id = tx
            .insert_business_schedule(may, 1, None, &entries, seed.contractor, now())
            .await
            .unwrap();
        let saved = tx.business_schedule(id).await.unwrap().unwrap();
        assert_eq!(
            saved.entries, entries,
            "kept in the order given, times and all"
        );
        assert_eq!(saved.header.status, ScheduleStatus::Draft);
        assert_eq!(saved.header.created_by_name, "高橋 SE");
        assert_eq!(
            (saved.header.year, saved.header.month, saved.header.edition),
            (2026, 5, 1)
        );

        tx.commit().await.unwrap();

        // A second first edition of the month is refused with a message naming it (in a
        // transaction of its own: PostgreSQL ends a transaction at its first error).
        let mut tx = store.begin().await.unwrap();
        let dup = tx
            .insert_business_schedule(may, 1, None, &[], seed.contractor, now())
            .await
            .unwrap_err();
        assert!(dup.to_string().contains("第1版は既に作成"), "{dup}");
        tx.rollback().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        let v2 = tx
            .replace_business_schedule_entries(id, 1, &entries[..1], now())
            .await
            .unwrap();
        assert_eq!(v2, 2);
        let stale = tx
            .replace_business_schedule_entries(id, 1, &entries, now())
            .await
            .unwrap_err();
        assert!(matches!(stale, StoreError::Stale { .. }), "{stale:?}");
        let submit = ScheduleStep {
            from: ScheduleStatus::Draft,
            to: ScheduleStatus::Submitted,
            by: seed.contractor,
            comment: "",
        };
        let v3 = tx
            .step_business_schedule(id, v2, submit, jst(2026, 4, 20, 10, 0))
            .await
            .unwrap();
        // Submitted: the entries can no longer be replaced, whatever version is named.
        let frozen = tx
            .replace_business_schedule_entries(id, v3, &entries, now())
            .await
            .unwrap_err();
        assert!(matches!(frozen, StoreError::Stale { .. }), "{frozen:?}");
        let ret = ScheduleStep {
            from: ScheduleStatus::Submitted,
            to: ScheduleStatus::Returned,
            by: seed.chief,
            comment: "20日の会議室を追記してください。",
        };
        tx.step_business_schedule(id, v3, ret, jst(2026, 4, 21, 10, 0))
            .await
            .unwrap();
        let returned = tx.business_schedule(id).await.unwrap().unwrap();
        assert_eq!(returned.entries.len(), 1);
        assert_eq!(returned.header.status, ScheduleStatus::Returned);
        assert_eq!(
            returned.header.submitted_by_name.as_deref(),
            Some("高橋 SE")
        );
        assert_eq!(returned.header.submitted_at, Some(jst(2026, 4, 20, 10, 0)));
        assert_eq!(
            returned.header.decided_by_name.as_deref(),
            Some("鈴木 課長")
        );
        assert_eq!(
            returned.header.decision_comment,
            "20日の会議室を追記してください。"
        );

        // The revision is a new edition naming the one it came from.
        let id2 = tx
            .insert_business_schedule(may, 2, Some(id), &entries, seed.contractor, now())
            .await
            .unwrap();
        let june = ScheduleMonth::new(2026, 6).unwrap();
        tx.insert_business_schedule(june, 1, None, &[], seed.contractor, now())
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin_read().await.unwrap();
        let versions = tx.business_schedule_versions(may).await.unwrap();
        assert_eq!(
            versions
                .iter()
                .map(|v| (v.edition, v.status))
                .collect::<Vec<_>>(),
            vec![(1, ScheduleStatus::Returned), (2, ScheduleStatus::Draft)]
        );
        assert_eq!(versions[1].revised_from, Some(id));
        let latest = tx
            .latest_business_schedules(ScheduleMonth::new(2026, 4).unwrap(), june)
            .await
            .unwrap();
        assert_eq!(
            latest
                .iter()
                .map(|v| (v.month, v.id == id2 || v.month == 6))
                .collect::<Vec<_>>(),
            vec![(5, true), (6, true)]
        );
        assert!(tx.business_schedule(9_999).await.unwrap().is_none());
    }
);
