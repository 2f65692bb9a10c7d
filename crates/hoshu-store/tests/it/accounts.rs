//! Offices, accounts, login records and settings.

use crate::harness::*;
use chrono::TimeDelta;
use hoshu_core::Role;
use hoshu_store::{AccountUpdate, LoginFailures, Office, PasswordSetBy, StoreError};

conformance!(offices_round_trip_in_display_order, |store| async move {
    let mut tx = store.begin().await.unwrap();
    assert!(tx.list_offices().await.unwrap().is_empty());
    tx.upsert_office("naka", "中区", 20).await.unwrap();
    tx.upsert_office("kita", "北区", 10).await.unwrap();
    tx.upsert_office("b", "同順B", 30).await.unwrap();
    tx.upsert_office("a", "同順A", 30).await.unwrap();
    // Renaming and reordering an existing office.
    tx.upsert_office("naka", "中区福祉事務所", 5).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.begin_read().await.unwrap();
    let offices = tx.list_offices().await.unwrap();
    let office = |c: &str, n: &str, o| Office {
        code: c.into(),
        name: n.into(),
        sort_order: o,
    };
    assert_eq!(
        offices,
        vec![
            office("naka", "中区福祉事務所", 5),
            office("kita", "北区", 10),
            office("a", "同順A", 30),
            office("b", "同順B", 30),
        ]
    );
});

conformance!(accounts_round_trip, |store| async move {
    let seed = seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let a = tx.account_by_login("staff01").await.unwrap().unwrap();
    assert_eq!(a.id, seed.staff);
    assert_eq!(a.display_name, "山田 花子");
    assert_eq!(a.role, Role::Staff);
    assert_eq!(a.office, "naka");
    assert_eq!(a.password_hash, "$argon2id$v=19$m=19456,t=2,p=1$staff01");
    assert_eq!(a.failed_logins, 0);
    assert_eq!(a.locked_until, None);
    assert!(!a.disabled);
    assert_eq!(a.version, 1);
    assert_eq!(a.created_at, now());
    assert_eq!(a.updated_at, now());
    assert_eq!(tx.account_by_id(seed.staff).await.unwrap(), Some(a));
    assert_eq!(tx.account_by_login("nobody").await.unwrap(), None);
    assert_eq!(tx.account_by_id(999_999).await.unwrap(), None);

    let logins: Vec<String> = tx
        .list_accounts()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.login)
        .collect();
    assert_eq!(logins, ["admin", "chief01", "se01", "staff01", "staff02"]);
    let roles: Vec<Role> = tx
        .list_accounts()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.role)
        .collect();
    assert_eq!(
        roles,
        [
            Role::Admin,
            Role::Chief,
            Role::Contractor,
            Role::Staff,
            Role::Staff
        ]
    );
    let _ = seed.admin;
});

conformance!(account_updates_bump_the_version, |store| async move {
    let seed = seed(&store).await;
    let later = now() + TimeDelta::hours(1);
    let mut tx = store.begin().await.unwrap();
    let update = AccountUpdate {
        display_name: "山田 花子（異動）".into(),
        role: Role::Chief,
        office: "section".into(),
        disabled: true,
    };
    let v = tx
        .update_account(seed.staff, 1, &update, later)
        .await
        .unwrap();
    assert_eq!(v, 2);
    let v = tx
        .set_password_hash(
            seed.staff,
            2,
            "$argon2id$new",
            PasswordSetBy::Administrator,
            later,
        )
        .await
        .unwrap();
    assert_eq!(v, 3);
    tx.commit().await.unwrap();

    let mut tx = store.begin().await.unwrap();
    let a = tx.account_by_id(seed.staff).await.unwrap().unwrap();
    assert!(a.must_change_password, "set by the administrator");
    let v = tx
        .set_password_hash(seed.staff, 3, "$argon2id$own", PasswordSetBy::Owner, later)
        .await
        .unwrap();
    assert_eq!(v, 4);
    let a = tx.account_by_id(seed.staff).await.unwrap().unwrap();
    assert!(!a.must_change_password, "chosen by the owner");
    tx.rollback().await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let a = tx.account_by_id(seed.staff).await.unwrap().unwrap();
    assert_eq!(a.display_name, "山田 花子（異動）");
    assert_eq!(a.role, Role::Chief);
    assert_eq!(a.office, "section");
    assert!(a.disabled);
    assert_eq!(a.password_hash, "$argon2id$new");
    assert_eq!(a.version, 3);
    assert_eq!(a.created_at, now());
    assert_eq!(a.updated_at, later);

    // An office that does not exist is refused by name.
    let bad = AccountUpdate {
        office: "osaka".into(),
        ..update
    };
    let err = tx
        .update_account(seed.staff, 3, &bad, later)
        .await
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::Constraint {
            message: "所属「osaka」は登録されていません。".into()
        }
    );
});

conformance!(
    stale_account_update_is_refused_and_changes_nothing,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        let before = tx.account_by_id(seed.chief).await.unwrap().unwrap();
        let update = AccountUpdate {
            display_name: "上書き".into(),
            role: Role::Admin,
            office: "naka".into(),
            disabled: true,
        };
        let err = tx
            .update_account(seed.chief, 7, &update, now())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Stale { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            format!(
                "アカウント（ID {}）は他の人が更新しました。画面を開き直してください。",
                seed.chief
            )
        );
        let err = tx
            .set_password_hash(seed.chief, 0, "x", PasswordSetBy::Owner, now())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Stale { .. }), "{err:?}");
        let err = tx
            .update_account(424_242, 1, &update, now())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
        tx.commit().await.unwrap();

        let mut tx = store.begin_read().await.unwrap();
        assert_eq!(tx.account_by_id(seed.chief).await.unwrap().unwrap(), before);
    }
);

conformance!(duplicate_login_is_a_constraint_error, |store| async move {
    seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let err = tx
        .insert_account(&new_account("staff01", "別人", Role::Staff, "naka"), now())
        .await
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::Constraint {
            message: "ログインID「staff01」は既に使われています。".into()
        }
    );
    drop(tx);

    let mut tx = store.begin().await.unwrap();
    let err = tx
        .insert_account(&new_account("new01", "新人", Role::Staff, "osaka"), now())
        .await
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::Constraint {
            message: "所属「osaka」は登録されていません。".into()
        }
    );
});

conformance!(
    failed_logins_count_lock_and_reset_per_terminal,
    |store| async move {
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        const HERE: &str = "192.0.2.10";
        const THERE: &str = "192.0.2.20";
        for expected in 1..=2 {
            assert_eq!(
                tx.record_failed_login(seed.staff, HERE, now(), None)
                    .await
                    .unwrap(),
                expected
            );
        }
        let until = now() + TimeDelta::minutes(15);
        assert_eq!(
            tx.record_failed_login(seed.staff, HERE, now(), Some(until))
                .await
                .unwrap(),
            3
        );
        // A later failure without a lock keeps the lock that was set.
        assert_eq!(
            tx.record_failed_login(seed.staff, HERE, now(), None)
                .await
                .unwrap(),
            4
        );
        assert_eq!(
            tx.record_failed_login(seed.staff, THERE, now(), None)
                .await
                .unwrap(),
            1,
            "each terminal counts its own"
        );
        assert_eq!(
            tx.login_failures_at(seed.staff, HERE).await.unwrap(),
            LoginFailures {
                failures: 4,
                locked_until: Some(until)
            }
        );
        assert_eq!(
            tx.login_failures_at(seed.staff, THERE).await.unwrap(),
            LoginFailures {
                failures: 1,
                locked_until: None
            }
        );
        let a = tx.account_by_id(seed.staff).await.unwrap().unwrap();
        assert_eq!(a.failed_logins, 5, "the account's total");
        assert_eq!(a.locked_until, Some(until));
        assert_eq!(
            a.version, 1,
            "login attempts must not make edit forms stale"
        );

        // A success at the other terminal clears it there; the lock held here still shows.
        tx.clear_failed_logins_at(seed.staff, THERE, now())
            .await
            .unwrap();
        assert_eq!(
            tx.login_failures_at(seed.staff, THERE).await.unwrap(),
            LoginFailures::default()
        );
        let a = tx.account_by_id(seed.staff).await.unwrap().unwrap();
        assert_eq!((a.failed_logins, a.locked_until), (0, Some(until)));

        // The administrator clears every terminal.
        tx.reset_failed_logins(seed.staff, now()).await.unwrap();
        assert_eq!(
            tx.login_failures_at(seed.staff, HERE).await.unwrap(),
            LoginFailures::default()
        );
        let a = tx.account_by_id(seed.staff).await.unwrap().unwrap();
        assert_eq!(a.failed_logins, 0);
        assert_eq!(a.locked_until, None);
        assert_eq!(a.version, 1);

        assert!(matches!(
            tx.record_failed_login(999, HERE, now(), None)
                .await
                .unwrap_err(),
            StoreError::NotFound { .. }
        ));
        assert!(matches!(
            tx.reset_failed_logins(999, now()).await.unwrap_err(),
            StoreError::NotFound { .. }
        ));
    }
);

conformance!(login_counts_by_tokyo_month, |store| async move {
    let seed = seed(&store).await;
    let mut tx = store.begin().await.unwrap();
    let ok = |at| (at, true);
    let records = [
        // The last millisecond of March in Tokyo is 14:59:59.999 UTC on the 31st.
        ok(jst(2026, 3, 31, 23, 59) + TimeDelta::seconds(59) + TimeDelta::milliseconds(999)),
        ok(jst(2026, 3, 2, 8, 30)),
        // The first instant of April in Tokyo is still March 31st in UTC.
        ok(jst(2026, 4, 1, 0, 0)),
        ok(jst(2026, 4, 15, 12, 0)),
        ok(jst(2026, 4, 30, 18, 0)),
        (jst(2026, 4, 20, 9, 0), false),
        (jst(2026, 4, 21, 9, 0), false),
        ok(jst(2026, 6, 1, 9, 0)),
        // Outside the range asked for.
        ok(jst(2026, 2, 28, 23, 59)),
        ok(jst(2026, 7, 1, 0, 0)),
    ];
    for (i, (at, succeeded)) in records.iter().enumerate() {
        let account = (i % 2 == 0).then_some(seed.staff);
        tx.insert_login_record("staff01", account, *at, *succeeded)
            .await
            .unwrap();
    }
    tx.insert_login_record("unknown-user", None, jst(2026, 5, 1, 9, 0), false)
        .await
        .unwrap();
    let counts = tx
        .login_counts_by_month(jst(2026, 3, 1, 0, 0), jst(2026, 7, 1, 0, 0))
        .await
        .unwrap();
    assert_eq!(
        counts,
        vec![(2026, 3, 2), (2026, 4, 3), (2026, 5, 0), (2026, 6, 1)]
    );
    // A range that starts mid-month counts that month partly.
    let counts = tx
        .login_counts_by_month(jst(2026, 4, 10, 0, 0), jst(2026, 5, 1, 0, 0))
        .await
        .unwrap();
    assert_eq!(counts, vec![(2026, 4, 2)]);
    assert!(
        tx.login_counts_by_month(jst(2026, 5, 1, 0, 0), jst(2026, 5, 1, 0, 0))
            .await
            .unwrap()
            .is_empty()
    );
});

conformance!(settings_round_trip, |store| async move {
    let mut tx = store.begin().await.unwrap();
    assert_eq!(tx.get_setting("service_hours").await.unwrap(), None);
    tx.put_setting("service_hours", "08:00-19:00", now())
        .await
        .unwrap();
    tx.put_setting("closures", "2026-05-07 臨時休庁", now())
        .await
        .unwrap();
    tx.put_setting("service_hours", "08:30-19:15", now())
        .await
        .unwrap();
    tx.put_setting("empty", "", now()).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin_read().await.unwrap();
    assert_eq!(
        tx.get_setting("service_hours").await.unwrap().as_deref(),
        Some("08:30-19:15")
    );
    assert_eq!(
        tx.get_setting("closures").await.unwrap().as_deref(),
        Some("2026-05-07 臨時休庁")
    );
    assert_eq!(tx.get_setting("empty").await.unwrap().as_deref(), Some(""));
});
