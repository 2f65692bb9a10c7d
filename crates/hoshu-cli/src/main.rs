//! `hoshu`: the command line of Hoshu Desk, a stable contract for scripts and operations.
//!
//! Errors go to standard error in Japanese with a non-zero exit status: 1 for an error,
//! 2 for wrong arguments, 3 when `audit verify` finds the log tampered with.

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use hoshu_app::{
    AppError, BulkExport, ErrorCode, Hoshu, ImportInput, ImportReport, ImportSource,
    MeetingListQuery, RegisterListQuery, RequestListQuery, Session,
};
use hoshu_core::calendar::{Calendar, holidays_in_year};
use hoshu_core::export::spreadsheet_safe;
use hoshu_core::meeting::{MeetingKind, MinutesStatus};
use hoshu_core::register::{IssueCategory, IssueStatus};
use hoshu_core::request::{RequestKind, RequestStatus};
use hoshu_core::search::SearchKind;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "hoshu",
    version,
    about = "保守デスク — 生活保護レセプト管理システム運用保守デスクのコマンドライン"
)]
struct Cli {
    /// データベース: sqlite:ファイル名 または postgres://...
    #[arg(
        long,
        env = "HOSHU_DB",
        default_value = "sqlite:hoshu.sqlite",
        global = true
    )]
    db: String,
    /// 監査ログの鍵ファイル（16進数64文字）。SQLite では省略するとデータベースと同じフォルダの audit.key
    #[arg(long, env = "HOSHU_AUDIT_KEY_FILE", global = true)]
    audit_key_file: Option<std::path::PathBuf>,
    /// ログインID（パスワードは環境変数 HOSHU_PASSWORD）
    #[arg(long, global = true)]
    user: Option<String>,
    /// 一括出力（設定の件数を超える CSV）を確認のうえ書き出す。指定がなければ書き出さずに終了する
    #[arg(long, global = true)]
    confirm_bulk: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 新しいデータベースを作成し、拠点と管理者アカウント admin を登録する
    Init,
    /// 新しいデータベースにデモデータ（2年度分）を作成する
    Demo {
        /// 乱数の種（同じ種なら同じデータ）
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// デモデータの最終日（既定: 今日）
        #[arg(long)]
        today: Option<NaiveDate>,
        /// 依頼をこの件数まで増やす（検索・一覧の性能確認用。例: 100000）
        #[arg(long)]
        requests: Option<usize>,
    },
    /// 開庁日カレンダー
    Calendar {
        #[command(subcommand)]
        command: CalendarCommand,
    },
    /// 西暦の日付を和暦で表示する（例: hoshu wareki 2019-05-01）
    Wareki {
        date: NaiveDate,
        /// 略記（R1.5.1）で表示する
        #[arg(long)]
        short: bool,
    },
    /// 依頼（問い合わせ・調査依頼・作業依頼など）
    Requests {
        #[command(subcommand)]
        command: RequestsCommand,
    },
    /// 会議と議事録
    Meetings {
        #[command(subcommand)]
        command: MeetingsCommand,
    },
    /// 課題管理表
    Register {
        #[command(subcommand)]
        command: RegisterCommand,
    },
    /// 端末向けの API サーバー（HTTPS）を起動する。データベースの接続情報と監査ログの鍵はこのサーバーだけが持つ
    Serve {
        /// 待ち受けるアドレスとポート（例: 0.0.0.0:8443。TLS なしはループバックのみ）
        #[arg(long)]
        listen: std::net::SocketAddr,
        /// サーバー証明書（PEM、中間証明書を含む）
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<std::path::PathBuf>,
        /// 秘密鍵（PEM）
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<std::path::PathBuf>,
    },
    /// 監査ログ
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// データベースの管理（所有者ロールで実行する）
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// 報告書・納品物を作成する
    Render {
        #[command(subcommand)]
        command: Render,
    },
    /// 過去の記録を取り込む（Redmine のチケット、課題管理表。受託者・システム管理者）。
    /// 1行でもエラーがあれば何も書き込まず終了コード1
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// 依頼・課題・障害・会議を検索する（NFKC 正規化のうえ部分一致。#番号 は依頼を表示）
    Search {
        /// 検索語
        query: String,
        /// 検索する種類（requests, register, incidents, meetings をカンマ区切り。既定は参照できる全部）
        #[arg(long = "in")]
        kinds: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// 成果品ディスク（CD-R / DVD-R のISOイメージ）を作成する（受託者）
    Disc {
        /// 収録する納品物（minutes, register, plan, forms, reports をカンマ区切り。既定は全部）
        #[arg(long, default_value = "minutes,register,plan,forms,reports")]
        include: String,
        /// 議事録・報告書の年度（4月の属する西暦年。既定は今年度）
        #[arg(long)]
        fiscal_year: Option<i32>,
        /// DVD-R（4.7GB）として作成する（既定は CD-R 700MB）
        #[arg(long)]
        dvd: bool,
        /// ウイルスチェックの実施者
        #[arg(long)]
        checked_by: String,
        /// ウイルスチェックに使用したソフトウェア（製品名とバージョン）
        #[arg(long)]
        product: String,
        /// パターンファイルのバージョン
        #[arg(long)]
        pattern: String,
        /// ウイルスチェックの実施日時（例: 2026-04-14T16:20、日本時間。既定は現在）
        #[arg(long)]
        checked_at: Option<String>,
        /// 出力ファイル（.iso）
        #[arg(short = 'o', long = "output")]
        output: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum Render {
    /// 定期報告（月次）を作成する（-o の拡張子で .pdf / .xlsx を選ぶ）
    Monthly {
        /// 対象月（YYYY-MM）
        #[arg(long)]
        month: String,
        /// 出力ファイル（.pdf または .xlsx）
        #[arg(short = 'o', long = "output")]
        output: std::path::PathBuf,
    },
    /// 年次報告資料（SLA評価、4月～翌年3月）を作成する
    Annual {
        /// 年度（4月の属する西暦年）
        #[arg(long)]
        fiscal_year: i32,
        /// 出力ファイル（.pdf）
        #[arg(short = 'o', long = "output")]
        output: std::path::PathBuf,
    },
    /// 打合せ議事録を作成する
    Minutes {
        /// 会議のID（`hoshu meetings list` で確認）
        #[arg(long)]
        meeting: i64,
        /// 出力ファイル（.pdf）
        #[arg(short = 'o', long = "output")]
        output: std::path::PathBuf,
    },
    /// 課題管理表を作成する（-o の拡張子で .pdf / .xlsx を選ぶ）
    Register {
        /// 出力ファイル（.pdf または .xlsx）
        #[arg(short = 'o', long = "output")]
        output: std::path::PathBuf,
        /// A3横で作成する（既定はA4横）
        #[arg(long)]
        a3: bool,
    },
    /// 運用保守計画書（今年度）を作成する
    Plan {
        /// 出力ファイル（.pdf）
        #[arg(short = 'o', long = "output")]
        output: std::path::PathBuf,
    },
    /// 提出様式を作成する
    Forms {
        /// 様式（schedule: 工程表, start-notice: 委託業務着手届, responsible-person: 業務責任者届, completion-notice: 委託業務完了通知書）
        #[arg(long)]
        kind: String,
        /// 出力ファイル（.pdf）
        #[arg(short = 'o', long = "output")]
        output: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum CalendarCommand {
    /// 国民の祝日・休日を1行に1日ずつ表示する（YYYY-MM-DD<TAB>名称）
    Holidays {
        #[arg(long)]
        year: i32,
    },
    /// 開庁日を1行に1日ずつ表示する
    OpenDays {
        #[arg(long)]
        from: NaiveDate,
        #[arg(long)]
        to: NaiveDate,
    },
}

#[derive(Subcommand)]
enum RequestsCommand {
    /// 依頼の一覧（一般職員は自所属のみ）
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// 種別コード（inquiry, investigation, work, se_support, fault_report, hours_extension）
        #[arg(long)]
        kind: Vec<String>,
        /// 状態コード（received, in_progress, answered, closed, withdrawn）
        #[arg(long)]
        status: Vec<String>,
        /// 所属コード
        #[arg(long)]
        office: Option<String>,
        /// 件名・内容に含まれる文字列
        #[arg(long)]
        text: Option<String>,
        /// ページ番号（1から）
        #[arg(long, default_value_t = 1)]
        page: i64,
        /// 1ページの件数（最大200）
        #[arg(long, default_value_t = 200)]
        per_page: i64,
        /// 全ページを出力する
        #[arg(long)]
        all: bool,
    },
}

#[derive(Subcommand)]
enum MeetingsCommand {
    /// 会議の一覧（新しい順、該当する全件。担当課・受託者のみ）
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// 種別コード（regular, schedule_review, group_progress, other）
        #[arg(long)]
        kind: Vec<String>,
        /// 議事録の状態コード（draft, submitted, approved, returned）
        #[arg(long)]
        status: Vec<String>,
        /// 会議名・議事内容に含まれる文字列
        #[arg(long)]
        text: Option<String>,
    },
}

#[derive(Subcommand)]
enum RegisterCommand {
    /// 課題管理表の一覧（No順、該当する全件。担当課・受託者のみ）
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// 状態コード（open, in_progress, done, on_hold）
        #[arg(long)]
        status: Vec<String>,
        /// 分類コード（operation, fault, improvement, law_revision, security, other）
        #[arg(long)]
        category: Vec<String>,
        /// タイトル・内容・対応内容に含まれる文字列
        #[arg(long)]
        text: Option<String>,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Redmine のチケット一覧 CSV（CP932 または BOM付き UTF-8）を依頼として取り込む
    Redmine {
        file: PathBuf,
        /// 対応表（TOML）。トラッカー・ステータス・人・所属の対応付け
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// 使われた対応表（ファイルの値すべてと推定した対応先）をこのファイルに書き出す
        #[arg(long)]
        write_mapping: Option<PathBuf>,
        /// 書き込まずに、取り込む内容と問題だけを表示する
        #[arg(long)]
        dry_run: bool,
    },
    /// 課題管理表（.xlsx, .xls, .ods, .csv）を課題として取り込む
    Register {
        file: PathBuf,
        /// 読むシート（既定は最初のシート）
        #[arg(long)]
        sheet: Option<String>,
        /// 対応表（TOML）。分類・優先度・状態の対応付け
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// 使われた対応表をこのファイルに書き出す
        #[arg(long)]
        write_mapping: Option<PathBuf>,
        /// 書き込まずに、取り込む内容と問題だけを表示する
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// 監査ログのチェーンを鍵で検証する（改ざんや鍵の誤りがあれば最初の不整合を示して終了コード3）
    Verify,
}

#[derive(Subcommand)]
enum DbCommand {
    /// PostgreSQL の実行用ロールに必要最小限の権限を与える（hoshu init の後、所有者ロールで実行）
    GrantRuntime {
        /// 実行用ロールの名前（事前に CREATE ROLE で作成しておく）
        #[arg(long)]
        role: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
}

/// An error on its way to standard error, with the exit status it means.
struct Failure {
    message: String,
    status: u8,
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        if e.code == ErrorCode::BulkExportUnconfirmed {
            return fail(format!(
                "{} 書き出す場合は --confirm-bulk を付けて実行してください。",
                e.message
            ));
        }
        let mut message = e.message;
        for f in &e.fields {
            if !message.contains(&f.message) {
                message.push_str(&format!("\n  {}: {}", f.label, f.message));
            }
        }
        Failure { message, status: 1 }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        // A reader that stops early (`| head`) is not an error of ours.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Failure {
                message: String::new(),
                status: 0,
            };
        }
        fail(format!("出力に失敗しました: {e}"))
    }
}

fn fail(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        status: 1,
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            eprintln!("hoshu: 引数が正しくありません。`hoshu --help` で使い方を確認してください。");
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("HOSHU_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("hoshu: 実行環境を初期化できません: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.message.is_empty() {
                eprintln!("hoshu: {}", f.message);
            }
            ExitCode::from(f.status)
        }
    }
}

async fn run(cli: Cli) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let key_file = cli.audit_key_file.clone();
    let bulk = if cli.confirm_bulk {
        BulkExport::Confirmed
    } else {
        BulkExport::Unconfirmed
    };
    match cli.command {
        Command::Calendar {
            command: CalendarCommand::Holidays { year },
        } => {
            for h in holidays_in_year(year) {
                writeln!(out, "{}\t{}", h.date, h.name)?;
            }
        }
        Command::Calendar {
            command: CalendarCommand::OpenDays { from, to },
        } => {
            if to < from {
                return Err(fail(
                    "--to（終了日）は --from（開始日）以降の日付にしてください。",
                ));
            }
            for d in Calendar::default().open_days(from, to) {
                writeln!(out, "{d}")?;
            }
        }
        Command::Wareki { date, short } => {
            let text = if short {
                hoshu_core::wareki::short(date)
            } else {
                hoshu_core::wareki::long(date)
            };
            writeln!(out, "{text}")?;
        }
        Command::Serve {
            listen,
            tls_cert,
            tls_key,
        } => {
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
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
        }
        Command::Init => {
            let hoshu = open_owner(&cli.db, key_file.as_deref(), &mut out).await?;
            let password =
                std::env::var("HOSHU_ADMIN_PASSWORD").unwrap_or_else(|_| generated_password());
            if hoshu.initialise(&password).await? {
                writeln!(out, "データベースを初期化しました: {}", cli.db)?;
                writeln!(out, "管理者アカウント: admin / パスワード: {password}")?;
                writeln!(out, "初回ログイン後、パスワードを変更してください。")?;
            } else {
                writeln!(
                    out,
                    "データベースは初期化済みです（拠点を確認しました）: {}",
                    cli.db
                )?;
            }
        }
        Command::Demo {
            seed,
            today,
            requests,
        } => {
            let hoshu = open_owner(&cli.db, key_file.as_deref(), &mut out).await?;
            let today =
                today.unwrap_or_else(|| hoshu_core::calendar::tokyo(hoshu.now()).date_naive());
            let mut summary = hoshu.demo(seed, today).await?;
            if let Some(target) = requests {
                summary.requests += hoshu.grow_demo_requests(seed, today, target).await?;
            }
            writeln!(
                out,
                "デモデータを作成しました: {}（{} 〜 {}、依頼 {} 件、コメント {} 件、変更 {} 件）",
                cli.db,
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
                "全アカウント共通のパスワード: {}",
                hoshu_app::demo::DEMO_PASSWORD
            )?;
            writeln!(out, "ログインID\t権限\t所属")?;
            for (login, role, office) in &summary.accounts {
                writeln!(out, "{login}\t{}\t{office}", role.label())?;
            }
        }
        Command::Requests {
            command:
                RequestsCommand::List {
                    format,
                    kind,
                    status,
                    office,
                    text,
                    page,
                    per_page,
                    all,
                },
        } => {
            let kinds = parse_codes(&kind, RequestKind::from_code, "--kind（種別）")?;
            let statuses = parse_codes(&status, RequestStatus::from_code, "--status（状態）")?;
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
            let session = login(&hoshu, cli.user.as_deref()).await?;
            list_requests(
                &hoshu,
                &session,
                RequestListQuery {
                    kinds,
                    statuses,
                    office,
                    text,
                    page,
                    per_page,
                    ..Default::default()
                },
                bulk,
                all,
                format,
                &mut out,
            )
            .await?;
        }
        Command::Render {
            command: Render::Monthly { month, output },
        } => {
            let (year, month) = parse_month(&month)?;
            let format = match extension(&output).as_deref() {
                Some("pdf") => hoshu_app::ReportFormat::Pdf,
                Some("xlsx") => hoshu_app::ReportFormat::Xlsx,
                _ => {
                    return Err(fail(format!(
                        "出力ファイル {} の拡張子は .pdf か .xlsx にしてください。",
                        output.display()
                    )));
                }
            };
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
            let session = login(&hoshu, cli.user.as_deref()).await?;
            let bytes = hoshu
                .render_monthly_report(&session, year, month, format)
                .await?;
            write_output(&output, &bytes, &mut out)?;
        }
        Command::Render {
            command:
                Render::Annual {
                    fiscal_year,
                    output,
                },
        } => {
            if extension(&output).as_deref() != Some("pdf") {
                return Err(fail(format!(
                    "出力ファイル {} の拡張子は .pdf にしてください。",
                    output.display()
                )));
            }
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
            let session = login(&hoshu, cli.user.as_deref()).await?;
            let bytes = hoshu.render_annual_report(&session, fiscal_year).await?;
            write_output(&output, &bytes, &mut out)?;
        }
        Command::Render {
            command: Render::Minutes { meeting, output },
        } => {
            require_extension(&output, "pdf")?;
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
            let session = login(&hoshu, cli.user.as_deref()).await?;
            let rendered = hoshu.render_minutes(&session, meeting).await?;
            write_output(&output, &rendered.bytes, &mut out)?;
        }
        Command::Render {
            command: Render::Register { output, a3 },
        } => {
            let format = match extension(&output).as_deref() {
                Some("pdf") => hoshu_app::RegisterFormat::Pdf,
                Some("xlsx") => hoshu_app::RegisterFormat::Xlsx,
                _ => {
                    return Err(fail(format!(
                        "出力ファイル {} の拡張子は .pdf か .xlsx にしてください。",
                        output.display()
                    )));
                }
            };
            let paper = if a3 {
                hoshu_app::RegisterPaper::A3
            } else {
                hoshu_app::RegisterPaper::A4
            };
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
            let session = login(&hoshu, cli.user.as_deref()).await?;
            let rendered = hoshu
                .render_register(&session, format, paper, bulk, Some(&progress_line))
                .await?;
            write_output(&output, &rendered.bytes, &mut out)?;
        }
        Command::Render {
            command: Render::Plan { output },
        } => {
            require_extension(&output, "pdf")?;
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
            let session = login(&hoshu, cli.user.as_deref()).await?;
            let rendered = hoshu.render_plan(&session).await?;
            write_output(&output, &rendered.bytes, &mut out)?;
        }
        Command::Render {
            command: Render::Forms { kind, output },
        } => {
            let kind = hoshu_app::FormKind::from_code(&kind).ok_or_else(|| {
                fail(format!(
                    "--kind に不明な様式「{kind}」が指定されました（schedule, start-notice, responsible-person, completion-notice）。"
                ))
            })?;
            require_extension(&output, "pdf")?;
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
            let session = login(&hoshu, cli.user.as_deref()).await?;
            let rendered = hoshu.render_form(&session, kind).await?;
            write_output(&output, &rendered.bytes, &mut out)?;
        }
        Command::Disc {
            include,
            fiscal_year,
            dvd,
            checked_by,
            product,
            pattern,
            checked_at,
            output,
        } => {
            require_extension(&output, "iso")?;
            let checked_at = checked_at.as_deref().map(parse_jst).transpose()?;
            let mut parts = std::collections::BTreeSet::new();
            for part in include.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                if !["minutes", "register", "plan", "forms", "reports"].contains(&part) {
                    return Err(fail(format!(
                        "--include に不明な納品物「{part}」が指定されました（minutes, register, plan, forms, reports）。"
                    )));
                }
                parts.insert(part);
            }
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
            let session = login(&hoshu, cli.user.as_deref()).await?;
            let fy = fiscal_year.unwrap_or_else(|| hoshu_app::fiscal_year_of(hoshu.now()));
            let selection = hoshu_app::DiscSelection {
                minutes: if parts.contains("minutes") {
                    hoshu_app::MinutesSelection::Period {
                        from: NaiveDate::from_ymd_opt(fy, 4, 1).unwrap_or_default(),
                        to: NaiveDate::from_ymd_opt(fy + 1, 3, 31).unwrap_or_default(),
                    }
                } else {
                    hoshu_app::MinutesSelection::None
                },
                register: parts.contains("register"),
                plan: parts.contains("plan"),
                forms: if parts.contains("forms") {
                    hoshu_app::FormKind::ALL.to_vec()
                } else {
                    Vec::new()
                },
                reports_fiscal_year: parts.contains("reports").then_some(fy),
                media: if dvd {
                    hoshu_app::DiscMedia::DvdR
                } else {
                    hoshu_app::DiscMedia::CdR
                },
                malware_check: hoshu_app::MalwareCheckInput {
                    checked_by,
                    checked_at,
                    product,
                    pattern_version: pattern,
                },
            };
            let rendered = hoshu
                .build_disc(&session, &selection, Some(&progress_line))
                .await
                .map_err(|e| {
                    let cd = !dvd && e.fields.iter().any(|f| f.field == "media");
                    let mut f = Failure::from(e);
                    if cd {
                        f.message.push_str(
                            "\n  --dvd を指定すると DVD-R（4.7GB）用のイメージを作成します。",
                        );
                    }
                    f
                })?;
            write_output(&output, &rendered.bytes, &mut out)?;
        }
        Command::Meetings {
            command:
                MeetingsCommand::List {
                    format,
                    kind,
                    status,
                    text,
                },
        } => {
            let kinds = parse_codes(&kind, MeetingKind::from_code, "--kind（種別）")?;
            let statuses = parse_codes(&status, MinutesStatus::from_code, "--status（状態）")?;
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
            let session = login(&hoshu, cli.user.as_deref()).await?;
            let query = MeetingListQuery {
                kinds,
                statuses,
                text,
                ..Default::default()
            };
            list_meetings(&hoshu, &session, query, bulk, format, &mut out).await?;
        }
        Command::Register {
            command:
                RegisterCommand::List {
                    format,
                    status,
                    category,
                    text,
                },
        } => {
            let statuses = parse_codes(&status, IssueStatus::from_code, "--status（状態）")?;
            let categories =
                parse_codes(&category, IssueCategory::from_code, "--category（分類）")?;
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
            let session = login(&hoshu, cli.user.as_deref()).await?;
            let query = RegisterListQuery {
                statuses,
                categories,
                text,
                ..Default::default()
            };
            list_register(&hoshu, &session, query, bulk, format, &mut out).await?;
        }
        Command::Import { command } => {
            let (source, file, sheet, mapping, write_mapping, dry_run) = match command {
                ImportCommand::Redmine {
                    file,
                    mapping,
                    write_mapping,
                    dry_run,
                } => (
                    ImportSource::Redmine,
                    file,
                    None,
                    mapping,
                    write_mapping,
                    dry_run,
                ),
                ImportCommand::Register {
                    file,
                    sheet,
                    mapping,
                    write_mapping,
                    dry_run,
                } => (
                    ImportSource::Register,
                    file,
                    sheet,
                    mapping,
                    write_mapping,
                    dry_run,
                ),
            };
            let bytes = std::fs::read(&file)
                .map_err(|e| fail(format!("{} を読めません: {e}", file.display())))?;
            let mapping = mapping
                .map(|m| {
                    std::fs::read_to_string(&m)
                        .map_err(|e| fail(format!("対応表 {} を読めません: {e}", m.display())))
                })
                .transpose()?;
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
            let session = login(&hoshu, cli.user.as_deref()).await?;
            let input = ImportInput {
                source,
                file_name: file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                bytes,
                mapping,
                sheet,
                dry_run,
            };
            let report = hoshu.import(&session, input, None).await?;
            import_report(&report, write_mapping.as_deref(), &mut out)?;
            if report.errors > 0 {
                return Err(fail(format!(
                    "{}行に問題があるため、何も取り込んでいません。",
                    report.errors
                )));
            }
        }
        Command::Search {
            query,
            kinds,
            format,
        } => {
            let kinds = parse_codes(
                &kinds.into_iter().collect::<Vec<_>>(),
                search_kind,
                "--in（検索する種類）",
            )?;
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
            let session = login(&hoshu, cli.user.as_deref()).await?;
            search(&hoshu, &session, &query, &kinds, bulk, format, &mut out).await?;
        }
        Command::Db {
            command: DbCommand::GrantRuntime { role },
        } => {
            // As the owner: migrating first means the grant covers every table of this version.
            let hoshu = open_owner(&cli.db, key_file.as_deref(), &mut out).await?;
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
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let hoshu = open(&cli.db, key_file.as_deref()).await?;
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

/// Where the audit key is: `--audit-key-file` / `HOSHU_AUDIT_KEY_FILE`, else `audit.key` beside
/// a SQLite database. A PostgreSQL database has no such place: its key must be named.
fn key_path(db: &str, key_file: Option<&Path>) -> Result<PathBuf, Failure> {
    if let Some(path) = key_file {
        return Ok(path.to_owned());
    }
    hoshu_app::keyfile::default_path(db).ok_or_else(|| {
        fail(
            "PostgreSQL のデータベースでは、監査ログの鍵ファイルを --audit-key-file または環境変数 HOSHU_AUDIT_KEY_FILE で指定してください。",
        )
    })
}

/// Opens the database as its owner (`init`, `demo`): migrates it, and creates the audit key
/// file when there is none yet.
async fn open_owner(
    db: &str,
    key_file: Option<&Path>,
    out: &mut impl Write,
) -> Result<Hoshu, Failure> {
    check_url(db, true)?;
    let path = key_path(db, key_file)?;
    let (key, created) =
        hoshu_app::keyfile::load_or_create(&path).map_err(|e| fail(e.to_string()))?;
    if created {
        writeln!(
            out,
            "監査ログの鍵を作成しました: {}（データベースとは別にバックアップしてください。鍵がないと監査ログを検証できません）",
            path.display()
        )?;
    }
    Ok(Hoshu::open(db, key).await?)
}

/// Opens the database for everyday commands, without changing its schema.
async fn open(db: &str, key_file: Option<&Path>) -> Result<Hoshu, Failure> {
    check_url(db, false)?;
    let key =
        hoshu_app::keyfile::load(&key_path(db, key_file)?).map_err(|e| fail(e.to_string()))?;
    Ok(Hoshu::open_runtime(db, key).await?)
}

/// Reading commands refuse to create an empty SQLite file by mistake.
fn check_url(url: &str, may_create: bool) -> Result<(), Failure> {
    if let Some(path) = hoshu_app::database_url::sqlite_file(url) {
        if !may_create && !path.exists() {
            return Err(fail(format!(
                "データベース {} が見つかりません。`hoshu --db {url} init` で作成するか、--db で指定してください。",
                path.display()
            )));
        }
    } else if !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
        return Err(fail(format!(
            "--db は sqlite:ファイル名 か postgres://... で指定してください（指定値: {url}）。"
        )));
    }
    Ok(())
}

async fn login(hoshu: &Hoshu, user: Option<&str>) -> Result<Session, Failure> {
    let user = user.ok_or_else(|| fail("--user でログインIDを指定してください。"))?;
    let password = std::env::var("HOSHU_PASSWORD")
        .map_err(|_| fail("環境変数 HOSHU_PASSWORD にパスワードを設定してください。"))?;
    Ok(hoshu.login(user, &password).await?)
}

fn parse_codes<T>(
    values: &[String],
    parse: fn(&str) -> Option<T>,
    label: &str,
) -> Result<Vec<T>, Failure> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(|code| {
            parse(code.trim())
                .ok_or_else(|| fail(format!("{label}に不明なコード「{code}」が指定されました。")))
        })
        .collect()
}

async fn list_requests(
    hoshu: &Hoshu,
    session: &Session,
    mut query: RequestListQuery,
    bulk: BulkExport,
    all: bool,
    format: Format,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut csv = match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["id", "kind", "status", "office", "title", "filed_at"])
                .map_err(|e| fail(e.to_string()))?;
            Some(w)
        }
        Format::Table => {
            writeln!(out, "ID\t種別\t状態\t所属\t受付日時\t件名")?;
            None
        }
    };
    let mut rows = 0;
    loop {
        let page = hoshu.list_requests(session, query.clone()).await?;
        rows += page.items.len();
        for r in &page.items {
            match &mut csv {
                Some(w) => write_row(
                    w,
                    [
                        r.id.to_string(),
                        r.kind.code().to_owned(),
                        r.status.code().to_owned(),
                        r.office.clone(),
                        r.title.clone(),
                        hoshu_core::calendar::tokyo(r.filed_at).to_rfc3339(),
                    ],
                )?,
                None => writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    r.id,
                    r.kind.label(),
                    r.status.label(),
                    r.office,
                    hoshu_core::wareki::datetime_long(r.filed_at),
                    r.title
                )?,
            }
        }
        let shown = (query.page.max(1) - 1) * query.per_page + page.items.len() as i64;
        if !all || page.items.is_empty() || shown >= page.total {
            if csv.is_none() {
                writeln!(out, "（全 {} 件）", page.total)?;
            }
            break;
        }
        query.page = query.page.max(1) + 1;
    }
    if let Some(w) = csv {
        finish_csv(hoshu, session, "依頼一覧", rows, bulk, w, out).await?;
    }
    Ok(())
}

/// Writes a finished CSV once the export is recorded in the audit log; a bulk export not
/// confirmed with `--confirm-bulk` fails with the question and writes nothing.
async fn finish_csv(
    hoshu: &Hoshu,
    session: &Session,
    what: &str,
    rows: usize,
    bulk: BulkExport,
    csv: csv::Writer<Vec<u8>>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let bytes = csv.into_inner().map_err(|e| fail(e.to_string()))?;
    hoshu
        .record_export(session, what, "csv", rows, bulk)
        .await?;
    out.write_all(&bytes)?;
    out.flush()?;
    Ok(())
}

/// The rows an import found (on a dry run), the problems on standard error, the summary, and
/// the mapping in force written where `--write-mapping` says.
fn import_report(
    report: &ImportReport,
    write_mapping: Option<&Path>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    if let Some(path) = write_mapping {
        std::fs::write(path, &report.mapping)
            .map_err(|e| fail(format!("対応表 {} を書き出せません: {e}", path.display())))?;
    }
    if report.dry_run {
        writeln!(out, "行\t参照\t区分\t状態\t所属・担当\t日付\t件名\t取込")?;
        for r in &report.rows {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                r.row,
                r.external_ref,
                r.kind,
                r.status,
                r.office_or_owner,
                r.date,
                r.title,
                if r.existing { "既存" } else { "新規" }
            )?;
        }
    }
    for p in &report.problems {
        eprintln!("{p}");
    }
    writeln!(
        out,
        "{}{}",
        report.summary(),
        if report.dry_run {
            "（試行のため書き込みなし）"
        } else {
            ""
        }
    )?;
    Ok(())
}

/// `requests` → 依頼 and so on: the names of `--in`.
fn search_kind(name: &str) -> Option<SearchKind> {
    match name {
        "requests" => Some(SearchKind::Request),
        "register" => Some(SearchKind::Register),
        "incidents" => Some(SearchKind::Incident),
        "meetings" => Some(SearchKind::Meeting),
        _ => None,
    }
}

/// Every match, newest first: a table, or CSV `kind,id,title` recorded as an export.
async fn search(
    hoshu: &Hoshu,
    session: &Session,
    query: &str,
    kinds: &[SearchKind],
    bulk: BulkExport,
    format: Format,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let hits = hoshu.search_all(session, query, kinds).await?;
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["kind", "id", "title"])
                .map_err(|e| fail(e.to_string()))?;
            for h in &hits {
                write_row(
                    &mut w,
                    [
                        h.kind.code().to_owned(),
                        h.item_id.to_string(),
                        h.title.clone(),
                    ],
                )?;
            }
            finish_csv(hoshu, session, "検索結果", hits.len(), bulk, w, out).await?;
        }
        Format::Table => {
            writeln!(out, "種類\tID\t日付\t件名")?;
            for h in &hits {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    h.kind.label(),
                    h.item_id,
                    hoshu_core::calendar::tokyo(h.at).format("%Y-%m-%d"),
                    h.title
                )?;
            }
            writeln!(out, "（全 {} 件）", hits.len())?;
        }
    }
    Ok(())
}

/// One CSV row whose cells a spreadsheet shows as text and never runs as formulas.
fn write_row<const N: usize>(
    w: &mut csv::Writer<Vec<u8>>,
    cells: [String; N],
) -> Result<(), Failure> {
    w.write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()))
        .map_err(csv_error)
}

/// "2026-05" → (2026, 5).
fn parse_month(text: &str) -> Result<(i32, u32), Failure> {
    let bad = || {
        fail(format!(
            "--month は YYYY-MM の形で指定してください（指定値: {text}）。"
        ))
    };
    let (y, m) = text.split_once('-').ok_or_else(bad)?;
    let year: i32 = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    if y.len() != 4 || !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok((year, month))
}

/// The lower-cased extension of `path`.
fn extension(path: &std::path::Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Refuses an output file without the extension `ext`.
fn require_extension(path: &std::path::Path, ext: &str) -> Result<(), Failure> {
    if extension(path).as_deref() == Some(ext) {
        Ok(())
    } else {
        Err(fail(format!(
            "出力ファイル {} の拡張子は .{ext} にしてください。",
            path.display()
        )))
    }
}

/// A progress line on standard error: `[3/12] 打合せ議事録（令和8年4月10日）を作成しています`.
fn progress_line(p: hoshu_app::Progress) {
    eprintln!("[{}/{}] {}", p.done, p.total, p.label);
}

/// `2026-04-14T16:20` (Japan time), with seconds or an offset (RFC 3339) also accepted.
fn parse_jst(text: &str) -> Result<chrono::DateTime<chrono::Utc>, Failure> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&chrono::Utc));
    }
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())
        .map(hoshu_core::calendar::tokyo_to_utc)
        .ok_or_else(|| {
            fail(format!(
                "--checked-at は 2026-04-14T16:20 の形（日本時間）で指定してください（指定値: {text}）。"
            ))
        })
}

/// Writes `bytes` to a temporary file next to `path` and renames it into place, so that a
/// failure never leaves a half-written file; prints the absolute path and the size.
fn write_output(path: &std::path::Path, bytes: &[u8], out: &mut impl Write) -> Result<(), Failure> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        fail(format!(
            "出力ファイル名 {} が正しくありません。",
            path.display()
        ))
    })?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(format!(
            "{} に書き込めませんでした: {e}",
            path.display()
        )));
    }
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    writeln!(
        out,
        "{} を作成しました（{} バイト）",
        absolute.display(),
        bytes.len()
    )?;
    Ok(())
}

fn csv_error(e: csv::Error) -> Failure {
    fail(e.to_string())
}

/// Every meeting matching `query`, newest first: CSV `id,kind,held_at,title` (codes, ISO 8601
/// in Tokyo time) or a table with Japanese headers and 和暦.
async fn list_meetings(
    hoshu: &Hoshu,
    session: &Session,
    mut query: MeetingListQuery,
    bulk: BulkExport,
    format: Format,
    out: &mut impl Write,
) -> Result<(), Failure> {
    query.per_page = 200;
    let items = every_page(|page| {
        let query = MeetingListQuery {
            page,
            ..query.clone()
        };
        async move {
            let p = hoshu.list_meetings(session, query).await?;
            Ok((p.items, p.total))
        }
    })
    .await?;
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["id", "kind", "held_at", "title"])
                .map_err(csv_error)?;
            for m in &items {
                write_row(
                    &mut w,
                    [
                        m.meeting.id.to_string(),
                        m.meeting.kind.code().to_owned(),
                        hoshu_core::calendar::tokyo(m.meeting.starts_at).to_rfc3339(),
                        m.meeting.title.clone(),
                    ],
                )?;
            }
            finish_csv(hoshu, session, "会議一覧", items.len(), bulk, w, out).await?;
        }
        Format::Table => {
            writeln!(out, "ID\t種別\t開催日時\t議事録\t提出期限\t会議名")?;
            for m in &items {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}{}\t{}",
                    m.meeting.id,
                    m.meeting.kind.label(),
                    hoshu_core::wareki::datetime_long(m.meeting.starts_at),
                    m.meeting.minutes_status.label(),
                    hoshu_core::wareki::long(m.minutes_due),
                    if m.overdue { "（期限超過）" } else { "" },
                    m.meeting.title
                )?;
            }
            writeln!(out, "（全 {} 件）", items.len())?;
        }
    }
    Ok(())
}

/// Every item of a paged listing: asks for page 1, 2, … until `total` items have come (or a
/// page comes back empty).
async fn every_page<T, F, Fut>(mut fetch: F) -> Result<Vec<T>, Failure>
where
    F: FnMut(i64) -> Fut,
    Fut: std::future::Future<Output = Result<(Vec<T>, i64), AppError>>,
{
    let mut items = Vec::new();
    for page in 1.. {
        let (batch, total) = fetch(page).await?;
        let done = batch.is_empty() || (items.len() + batch.len()) as i64 >= total;
        items.extend(batch);
        if done {
            break;
        }
    }
    Ok(items)
}

/// Every register item matching `query`, by number: CSV `no,raised_on,title,status,owner,due`
/// (status code, ISO dates, an empty due when none) or a table with Japanese headers and 和暦.
async fn list_register(
    hoshu: &Hoshu,
    session: &Session,
    mut query: RegisterListQuery,
    bulk: BulkExport,
    format: Format,
    out: &mut impl Write,
) -> Result<(), Failure> {
    query.per_page = hoshu_app::MAX_REGISTER_PAGE;
    let items = every_page(|page| {
        let query = RegisterListQuery {
            page,
            ..query.clone()
        };
        async move {
            let p = hoshu.list_register(session, query).await?;
            Ok((p.items, p.total))
        }
    })
    .await?;
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["no", "raised_on", "title", "status", "owner", "due"])
                .map_err(csv_error)?;
            for r in &items {
                write_row(
                    &mut w,
                    [
                        r.no.to_string(),
                        r.item.raised_on.to_string(),
                        r.item.title.clone(),
                        r.item.status.code().to_owned(),
                        r.item.owner.clone(),
                        r.item.due.map(|d| d.to_string()).unwrap_or_default(),
                    ],
                )?;
            }
            finish_csv(hoshu, session, "課題管理表", items.len(), bulk, w, out).await?;
        }
        Format::Table => {
            writeln!(
                out,
                "No\t起票日\t分類\t優先度\t状態\t担当者\t期限\tタイトル"
            )?;
            for r in &items {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    r.no,
                    hoshu_core::wareki::long(r.item.raised_on),
                    r.item.category.label(),
                    r.item.priority.label(),
                    r.item.status.label(),
                    r.item.owner,
                    r.item.due.map(hoshu_core::wareki::long).unwrap_or_default(),
                    r.item.title
                )?;
            }
            writeln!(out, "（全 {} 件）", items.len())?;
        }
    }
    Ok(())
}

/// A one-time administrator password when HOSHU_ADMIN_PASSWORD is not given.
fn generated_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..16)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}
