//! `contractors`: who a request can be assigned to, for the contractor and the chief only.

use hoshu_app::{ErrorCode, Hoshu};
use hoshu_core::Role;
use hoshu_store::Backend;
use hoshu_store::testing::TestDatabase;

const PASSWORD: &str = "correct-horse-1";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contractors_lists_enabled_contractors_for_contractor_and_chief_only() {
    let db = TestDatabase::new(Backend::Sqlite).await;
    let hoshu = Hoshu::open(&db.url, db.key()).await.expect("open");
    assert!(hoshu.initialise("kanri-pass-2026").await.expect("init"));
    let admin = hoshu
        .login("admin", "kanri-pass-2026")
        .await
        .expect("admin");
    let ids = hoshu_app::testing::add_accounts(
        &hoshu,
        &admin,
        &[
            ("staff01", Role::Staff, "kita_chuo"),
            ("chief", Role::Chief, "section"),
            ("contractor", Role::Contractor, "contractor"),
            ("contractor02", Role::Contractor, "contractor"),
            ("contractor03", Role::Contractor, "contractor"),
        ],
        PASSWORD,
    )
    .await;
    // A disabled contractor is not offered.
    let gone = ids[4];
    let view = hoshu
        .accounts(&admin)
        .await
        .expect("accounts")
        .into_iter()
        .find(|a| a.id == gone)
        .expect("account");
    hoshu
        .update_account(
            &admin,
            gone,
            hoshu_app::AccountUpdateInput {
                expected_version: view.version,
                display_name: view.display_name,
                role: view.role,
                office: view.office,
                disabled: true,
            },
        )
        .await
        .expect("disable");

    for who in ["contractor", "chief"] {
        let session = hoshu.login(who, PASSWORD).await.expect("login");
        let list = hoshu.contractors(&session).await.expect("contractors");
        let logins: Vec<&str> = list.iter().map(|a| a.login.as_str()).collect();
        assert_eq!(logins, ["contractor", "contractor02"], "as {who}");
    }
    let staff = hoshu.login("staff01", PASSWORD).await.expect("staff");
    let err = hoshu.contractors(&staff).await.expect_err("staff refused");
    assert_eq!(err.code, ErrorCode::Forbidden);
    let err = hoshu.contractors(&admin).await.expect_err("admin refused");
    assert_eq!(err.code, ErrorCode::Forbidden);
    hoshu.store().close().await;
    db.remove().await;
}
