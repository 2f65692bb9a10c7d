//! The command line as clap reads it: every command, option and its Japanese help.

use crate::*;

#[derive(Parser)]
#[command(
    name = "hoshu",
    version,
    about = "保守デスク — 生活保護レセプト管理システム運用保守デスクのコマンドライン"
)]
pub(crate) struct Cli {
    /// データベース: sqlite:ファイル名 または postgres://...
    #[arg(
        long,
        env = "HOSHU_DB",
        default_value = "sqlite:hoshu.sqlite",
        global = true
    )]
    pub(crate) db: String,
    /// 監査ログの鍵ファイル（16進数64文字）。SQLite では省略するとデータベースと同じフォルダの audit.key
    #[arg(long, env = "HOSHU_AUDIT_KEY_FILE", global = true)]
    pub(crate) audit_key_file: Option<std::path::PathBuf>,
    /// ログインID（パスワードは環境変数 HOSHU_PASSWORD）
    #[arg(long, global = true)]
    pub(crate) user: Option<String>,
    /// 一括出力（設定の件数を超える CSV）を確認のうえ書き出す。指定がなければ書き出さずに終了する
    #[arg(long, global = true)]
    pub(crate) confirm_bulk: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
    /// 依頼（問合せ・調査依頼・作業依頼など）
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
    /// 過去の記録を取り込む（Redmine のチケット、課題管理表、ジョブ実行結果。受託者・システム管理者）。
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
    Disc(DiscArgs),
    /// 次期受託者への引継資料（全記録の Excel、納品物、添付ファイル、監査ログと検証結果、
    /// 引継書、引継計画書、MANIFEST）を CD-R / DVD-R のISOイメージにする（受託者）
    Handover {
        /// 出力ファイル（.iso）
        #[arg(short = 'o', long = "output")]
        output: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
pub(crate) enum Render {
    /// 引継計画書（最新の版。承認前は「案」）を作成する
    HandoverPlan {
        /// 出力ファイル（.pdf）
        #[arg(short = 'o', long = "output")]
        output: std::path::PathBuf,
    },
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
        /// 様式番号（例: 様式第1号。本市が様式を番号で呼ぶとき）
        #[arg(long)]
        form_number: Option<String>,
        /// 文書番号（例: 吉情第123号。省略すると手書き用の空欄）
        #[arg(long)]
        document_number: Option<String>,
        /// 提出日（YYYY-MM-DD。省略すると手書き用の空欄）
        #[arg(long)]
        date: Option<NaiveDate>,
        /// 出力ファイル（.pdf）
        #[arg(short = 'o', long = "output")]
        output: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
pub(crate) enum CalendarCommand {
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
pub(crate) enum RequestsCommand {
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
        /// 緊急度コード（normal, high, urgent）
        #[arg(long)]
        urgency: Vec<String>,
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
pub(crate) enum MeetingsCommand {
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
pub(crate) enum RegisterCommand {
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
pub(crate) enum ImportCommand {
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
    /// ジョブ実行結果の CSV をバッチ実行として取り込む（異常終了はジョブ異常の障害を起票）
    Batches {
        file: PathBuf,
        /// 対応表（TOML）。ジョブネット名・終了状態の対応付け
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
pub(crate) enum AuditCommand {
    /// 監査ログのチェーンを鍵で検証する（改ざんや鍵の誤りがあれば最初の不整合を示して終了コード3）
    Verify,
}

#[derive(Subcommand)]
pub(crate) enum DbCommand {
    /// PostgreSQL の実行用ロールに必要最小限の権限を与える（hoshu init の後、所有者ロールで実行）
    GrantRuntime {
        /// 実行用ロールの名前（事前に CREATE ROLE で作成しておく）
        #[arg(long)]
        role: String,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Table,
    Csv,
}

#[derive(clap::Args)]
pub(crate) struct DiscArgs {
    /// 収録する納品物（minutes, register, plan, forms, reports をカンマ区切り。既定は全部）
    #[arg(long, default_value = "minutes,register,plan,forms,reports")]
    pub include: String,
    /// 議事録・報告書の年度（4月の属する西暦年。既定は今年度）
    #[arg(long)]
    pub fiscal_year: Option<i32>,
    /// DVD-R（4.7GB）として作成する（既定は CD-R 700MB）
    #[arg(long)]
    pub dvd: bool,
    /// ウイルスチェックの実施者
    #[arg(long)]
    pub checked_by: String,
    /// ウイルスチェックに使用したソフトウェア（製品名とバージョン）
    #[arg(long)]
    pub product: String,
    /// パターンファイルのバージョン
    #[arg(long)]
    pub pattern: String,
    /// ウイルスチェックの実施日時（例: 2026-04-14T16:20、日本時間。既定は現在）
    #[arg(long)]
    pub checked_at: Option<String>,
    /// 出力ファイル（.iso）
    #[arg(short = 'o', long = "output")]
    pub output: std::path::PathBuf,
}
