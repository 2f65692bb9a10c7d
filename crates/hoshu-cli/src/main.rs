//! `hoshu`: the command line of Hoshu Desk, a stable contract for scripts and operations.
//!
//! Errors go to standard error in Japanese with a non-zero exit status: 1 for an error,
//! 2 for wrong arguments, 3 when `audit verify` finds the log tampered with.

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use hoshu_app::{
    AppError, BulkExport, ErrorCode, Hoshu, ImportInput, ImportReport, ImportSource,
    MeetingListQuery, RegisterListQuery, RequestDetail, RequestListQuery, Session,
};
use hoshu_core::calendar::{Calendar, holidays_in_year};
use hoshu_core::export::spreadsheet_safe;
use hoshu_core::form_fill::FormFill;
use hoshu_core::meeting::{MeetingKind, MinutesStatus};
use hoshu_core::register::{IssueCategory, IssueStatus};
use hoshu_core::request::{RequestKind, RequestStatus};
use hoshu_core::request_details::Urgency;
use hoshu_core::search::SearchKind;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod args;
mod calendar;
mod database;
mod documents;
mod failure;
mod import;
mod operator;
mod records;

use args::*;
use database::*;
use failure::*;

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

/// What every command is run with, from the global options.
pub(crate) struct Context {
    pub(crate) db: String,
    pub(crate) user: Option<String>,
    pub(crate) key_file: Option<PathBuf>,
    pub(crate) bulk: BulkExport,
}

async fn run(cli: Cli) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let out = &mut out;
    let ctx = Context {
        db: cli.db,
        user: cli.user,
        key_file: cli.audit_key_file,
        bulk: if cli.confirm_bulk {
            BulkExport::Confirmed
        } else {
            BulkExport::Unconfirmed
        },
    };
    match cli.command {
        Command::Calendar { command } => calendar::calendar(command, out),
        Command::Wareki { date, short } => calendar::wareki(date, short, out),
        Command::Serve {
            listen,
            tls_cert,
            tls_key,
        } => operator::serve(&ctx, listen, tls_cert, tls_key, out).await,
        Command::Init => operator::init(&ctx, out).await,
        Command::Demo {
            seed,
            today,
            requests,
        } => operator::demo(&ctx, seed, today, requests, out).await,
        Command::Db { command } => operator::db(&ctx, command, out).await,
        Command::Audit { command } => operator::audit(&ctx, command, out).await,
        Command::Requests { command } => records::requests(&ctx, command, out).await,
        Command::Meetings { command } => records::meetings(&ctx, command, out).await,
        Command::Register { command } => records::register(&ctx, command, out).await,
        Command::Search {
            query,
            kinds,
            format,
        } => records::search(&ctx, query, kinds, format, out).await,
        Command::Render { command } => documents::render(&ctx, command, out).await,
        Command::Disc(args) => documents::disc(&ctx, args, out).await,
        Command::Handover { output } => documents::handover(&ctx, output, out).await,
        Command::Import { command } => import::import(&ctx, command, out).await,
    }
}
