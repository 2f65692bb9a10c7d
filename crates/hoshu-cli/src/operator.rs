//! What the operator runs: `init`, `demo`, `serve`, `db grant-runtime`, `audit verify`.

use crate::*;

pub(crate) async fn init(ctx: &Context, out: &mut impl Write) -> Result<(), Failure> {
    let hoshu = open_owner(&ctx.db, ctx.key_file.as_deref(), out).await?;
    let password = std::env::var("HOSHU_ADMIN_PASSWORD").unwrap_or_else(|_| generated_password());
    if hoshu.initialise(&password).await? {
        writeln!(out, "データベースを初期化しました: {}", ctx.db)?;
        writeln!(out, "管理者アカウント: admin / パスワード: {password}")?;
        writeln!(out, "初回ログイン後、パスワードを変更してください。")?;
    } else {
        writeln!(
            out,
            "データベースは初期化済みです（拠点を確認しました）: {}",
            ctx.db
        )?;
    }
    Ok(())
}

pub(crate) async fn demo(
    ctx: &Context,
    seed: u64,
    today: Option<NaiveDate>,
    requests: Option<usize>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let hoshu = open_owner(&ctx.db, ctx.key_file.as_deref(), out).await?;
    let today = today.unwrap_or_else(|| hoshu_core::calendar::tokyo(hoshu.now()).date_naive());
    let mut summary = hoshu.demo(seed, today).await?;
    if let Some(target) = requests {
        summary.requests += hoshu.grow_demo_requests(seed, today, target).await?;
    }
    writeln!(
        out,
        "デモデータを作成しました: {}（{} 〜 {}、依頼 {} 件、コメント {} 件、変更 {} 件）",
        ctx.db,
        hoshu_core::wareki::long(summary.from),
        hoshu_core::wareki::long(summary.to),
        summary.requests,
        summary.comments,
        summary.changes
    )?;
    writeln!(
        out,
        "会議 {} 件、課題 {} 件、計画書 {} 版",
        summary.deliverables.meetings,
        summary.deliverables.register_items,
        summary.deliverables.plan_versions
    )?;
    writeln!(
        out,
        "日次点検 {} 件、バッチ実行 {} 件（うち異常終了 {} 件）、保守作業 {} 件",
        summary.operations.checks,
        summary.operations.batch_runs,
        summary.operations.abnormal_ends,
        summary.operations.work_records
    )?;
    writeln!(
        out,
        "業務日程表 {} か月分（承認済）",
        summary.business_schedules
    )?;
    writeln!(
        out,
        "全アカウント共通のパスワード: {}",
        hoshu_app::demo::DEMO_PASSWORD
    )?;
    writeln!(out, "ログインID\t権限\t所属")?;
    for (login, role, office) in &summary.accounts {
        writeln!(out, "{login}\t{}\t{office}", role.label())?;
    }
    Ok(())
}

pub(crate) async fn serve(
    ctx: &Context,
    listen: std::net::SocketAddr,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
    let config = hoshu_server::ServeConfig {
        listen,
        tls: tls_cert.zip(tls_key),
        limits: hoshu_server::Limits::default(),
    };
    let scheme = if config.tls.is_some() {
        "https"
    } else {
        "http"
    };
    hoshu_server::serve(hoshu, config, hoshu_server::shutdown_signal(), |addr| {
        println!("保守デスク API サーバーを起動しました: {scheme}://{addr}/api/v1/");
    })
    .await
    .map_err(|e| fail(e.to_string()))?;
    writeln!(out, "サーバーを停止しました。")?;
    Ok(())
}

pub(crate) async fn db(
    ctx: &Context,
    command: DbCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match command {
        DbCommand::GrantRuntime { role } => {
            // As the owner: migrating first means the grant covers every table of this version.
            let hoshu = open_owner(&ctx.db, ctx.key_file.as_deref(), out).await?;
            let tables = hoshu
                .store()
                .grant_runtime(&role)
                .await
                .map_err(AppError::from)?;
            writeln!(
                out,
                "ロール {role} に実行用の権限を設定しました（テーブル {} 件。監査ログは参照と追加のみ）。",
                tables.len()
            )?;
            writeln!(
                out,
                "構成を更新（hoshu init）した後は、このコマンドをもう一度実行してください。"
            )?;
        }
    }
    Ok(())
}

pub(crate) async fn audit(
    ctx: &Context,
    command: AuditCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match command {
        AuditCommand::Verify => {
            let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
            match hoshu.verify_audit().await? {
                Ok(n) => {
                    writeln!(out, "監査ログは改ざんされていません（{n} 件を鍵で検証）。")?;
                    match hoshu.audit_head().await? {
                        Some(h) => writeln!(out, "先頭: 連番 {} / MAC {}", h.seq, h.mac)?,
                        None => writeln!(out, "先頭: 記録なし")?,
                    }
                }
                Err(b) => {
                    return Err(Failure {
                        message: b.to_string(),
                        status: 3,
                    });
                }
            }
        }
    }
    Ok(())
}
