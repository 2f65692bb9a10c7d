//! Saved filters: per person and list, replaced by name, deleted only by their owner.

use crate::harness::*;
use hoshu_core::listing::ListName;

conformance!(
    saved_views_belong_to_their_owner_and_replace_by_name,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let first = tx
            .save_view(
                seed.staff,
                ListName::Requests,
                "対応中",
                r#"{"openOnly":true}"#,
                now(),
            )
            .await
            .unwrap();
        tx.save_view(
            seed.staff,
            ListName::Register,
            "対応中",
            r#"{"status":"open"}"#,
            now(),
        )
        .await
        .unwrap();
        tx.save_view(
            seed.chief,
            ListName::Requests,
            "対応中",
            r#"{"x":1}"#,
            now(),
        )
        .await
        .unwrap();
        let replaced = tx
            .save_view(
                seed.staff,
                ListName::Requests,
                "対応中",
                r#"{"openOnly":false}"#,
                now(),
            )
            .await
            .unwrap();
        assert_eq!(
            replaced, first,
            "the same name on the same list is the same view"
        );
        tx.commit().await.unwrap();

        let mut read = store.begin_read().await.unwrap();
        let views = read
            .saved_views(seed.staff, ListName::Requests)
            .await
            .unwrap();
        assert_eq!(views.len(), 1);
        assert_eq!(views[0].filters, r#"{"openOnly":false}"#);
        assert_eq!(views[0].list, ListName::Requests);
        read.rollback().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        assert!(
            !tx.delete_saved_view(seed.chief, first).await.unwrap(),
            "another person's view is not deleted"
        );
        assert!(tx.delete_saved_view(seed.staff, first).await.unwrap());
        assert!(
            tx.saved_views(seed.staff, ListName::Requests)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            tx.saved_views(seed.chief, ListName::Requests)
                .await
                .unwrap()
                .len(),
            1
        );
        tx.commit().await.unwrap();
    }
);
