//! Notifications per recipient, the poll since an id, once-keys, watches and the person's
//! operating-system setting.

use crate::harness::*;
use chrono::TimeDelta;
use hoshu_core::notification::{ItemRef, NotificationKind};
use hoshu_store::NewNotification;

fn told(recipient_id: i64, item: ItemRef, summary: &str) -> NewNotification {
    NewNotification {
        recipient_id,
        kind: NotificationKind::RequestAnswered,
        item,
        summary: summary.into(),
        actor_id: None,
        once_key: None,
    }
}

conformance!(
    notifications_are_kept_per_recipient_and_polled_since_an_id,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let written = tx
            .insert_notifications(
                &[
                    told(
                        seed.staff,
                        ItemRef::request(1),
                        "依頼 #1 に回答がありました",
                    ),
                    told(
                        seed.chief,
                        ItemRef::change(4),
                        "変更 #4 が承認申請されました",
                    ),
                    told(
                        seed.staff,
                        ItemRef::request(2),
                        "依頼 #2 に回答がありました",
                    ),
                ],
                now(),
            )
            .await
            .unwrap();
        assert_eq!(written, 3);
        tx.commit().await.unwrap();

        let mut tx = store.begin_read().await.unwrap();
        let mine = tx.notifications_of(seed.staff, None, 50).await.unwrap();
        let items: Vec<ItemRef> = mine.iter().map(|n| n.item).collect();
        assert_eq!(
            items,
            [ItemRef::request(2), ItemRef::request(1)],
            "newest first"
        );
        assert_eq!(mine[1].summary, "依頼 #1 に回答がありました");
        assert_eq!(mine[1].created_at, now());
        assert_eq!(mine[1].read_at, None);
        let older = tx
            .notifications_of(seed.staff, Some(mine[0].id), 50)
            .await
            .unwrap();
        assert_eq!(older.len(), 1);
        assert_eq!(older[0].id, mine[1].id);

        let since = tx
            .notifications_since(seed.staff, mine[1].id)
            .await
            .unwrap();
        assert_eq!(since.len(), 1);
        assert_eq!(since[0].id, mine[0].id);
        assert!(
            tx.notifications_since(seed.staff, mine[0].id)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            tx.latest_notification_id(seed.staff).await.unwrap(),
            mine[0].id
        );
        assert_eq!(tx.latest_notification_id(seed.contractor).await.unwrap(), 0);
        assert_eq!(tx.unread_notification_count(seed.staff).await.unwrap(), 2);
        assert_eq!(tx.unread_notification_count(seed.chief).await.unwrap(), 1);
        assert_eq!(
            tx.unread_notification_count(seed.contractor).await.unwrap(),
            0
        );
        drop(tx);

        let later = now() + TimeDelta::minutes(5);
        let mut tx = store.begin().await.unwrap();
        // The chief's notification is not the staff member's to mark.
        let chiefs = tx.notifications_of(seed.chief, None, 50).await.unwrap();
        assert_eq!(
            tx.mark_notifications_read(seed.staff, Some(&[chiefs[0].id, mine[1].id]), later)
                .await
                .unwrap(),
            1
        );
        assert_eq!(tx.unread_notification_count(seed.chief).await.unwrap(), 1);
        assert_eq!(tx.unread_notification_count(seed.staff).await.unwrap(), 1);
        assert_eq!(
            tx.mark_notifications_read(seed.staff, None, later)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            tx.mark_notifications_read(seed.staff, None, later)
                .await
                .unwrap(),
            0
        );
        tx.commit().await.unwrap();
        let mut tx = store.begin_read().await.unwrap();
        let mine = tx.notifications_of(seed.staff, None, 50).await.unwrap();
        assert!(mine.iter().all(|n| n.read_at == Some(later)));
    }
);

conformance!(a_once_key_is_told_once_per_recipient, |store| async move {
    let seed = seed(&store).await;
    let alert = |recipient_id| NewNotification {
        kind: NotificationKind::AnswerDeadlineNear,
        once_key: Some("request:9:request_answer:answer_deadline_near".into()),
        ..told(
            recipient_id,
            ItemRef::request(9),
            "依頼 #9 の回答期限が近づいています",
        )
    };
    let mut tx = store.begin().await.unwrap();
    assert_eq!(
        tx.insert_notifications(&[alert(seed.contractor)], now())
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        tx.insert_notifications(&[alert(seed.contractor), alert(seed.chief)], now())
            .await
            .unwrap(),
        1,
        "the contractor already has it; the chief has not"
    );
    // Notifications without a key are never taken for each other.
    let plain = told(seed.contractor, ItemRef::request(9), "同じ文");
    assert_eq!(
        tx.insert_notifications(&[plain.clone(), plain], now())
            .await
            .unwrap(),
        2
    );
    let keys = vec![
        "request:9:request_answer:answer_deadline_near".to_owned(),
        "request:9:request_answer:answer_deadline_passed".to_owned(),
    ];
    assert_eq!(
        tx.told_once_keys(seed.contractor, &keys).await.unwrap(),
        keys[..1].to_vec()
    );
    assert!(
        tx.told_once_keys(seed.staff, &keys)
            .await
            .unwrap()
            .is_empty()
    );
    tx.commit().await.unwrap();
});

conformance!(watches_and_the_os_setting, |store| async move {
    let seed = seed(&store).await;
    let item = ItemRef::change(3);
    let mut tx = store.begin().await.unwrap();
    assert!(tx.watch(seed.staff, item, now()).await.unwrap());
    assert!(
        !tx.watch(seed.staff, item, now()).await.unwrap(),
        "already watching"
    );
    assert!(tx.watch(seed.chief, item, now()).await.unwrap());
    assert!(
        tx.watch(seed.chief, ItemRef::request(3), now())
            .await
            .unwrap()
    );
    let mut both = vec![seed.staff, seed.chief];
    both.sort();
    assert_eq!(tx.watchers(item).await.unwrap(), both);
    assert!(tx.unwatch(seed.staff, item).await.unwrap());
    assert!(!tx.unwatch(seed.staff, item).await.unwrap());
    assert_eq!(tx.watchers(item).await.unwrap(), vec![seed.chief]);

    assert_eq!(tx.os_notifications(seed.staff).await.unwrap(), None);
    tx.set_os_notifications(seed.staff, false, now())
        .await
        .unwrap();
    assert_eq!(tx.os_notifications(seed.staff).await.unwrap(), Some(false));
    tx.set_os_notifications(seed.staff, true, now())
        .await
        .unwrap();
    assert_eq!(tx.os_notifications(seed.staff).await.unwrap(), Some(true));
    tx.commit().await.unwrap();
});
