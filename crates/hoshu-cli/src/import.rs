//! `hoshu import`: past records from Redmine and Excel registers, and job results.

use crate::*;
use hoshu_app::Progress;

/// Written rows between two progress lines.
const PROGRESS_EVERY: usize = 100;

pub(crate) async fn import(
    ctx: &Context,
    command: ImportCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
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
        ImportCommand::Batches {
            file,
            mapping,
            write_mapping,
            dry_run,
        } => (
            ImportSource::Batches,
            file,
            None,
            mapping,
            write_mapping,
            dry_run,
        ),
    };
    let bytes =
        std::fs::read(&file).map_err(|e| fail(format!("{} を読めません: {e}", file.display())))?;
    let mapping = mapping
        .map(|m| {
            std::fs::read_to_string(&m)
                .map_err(|e| fail(format!("対応表 {} を読めません: {e}", m.display())))
        })
        .transpose()?;
    let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
    let session = login(&hoshu, ctx.user.as_deref()).await?;
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
    // The rows written, on standard error as the desktop shows them while it writes; a line
    // every hundred rows keeps a large file's log short.
    let progress = |p: Progress| {
        if p.done.is_multiple_of(PROGRESS_EVERY) || p.done == p.total {
            eprintln!("書き込み {}/{}件", p.done, p.total);
        }
    };
    let report = hoshu.import(&session, input, Some(&progress)).await?;
    eprintln!(
        "読み込み {}行 / 書き込み {}件",
        report.rows.len(),
        if report.written { report.new } else { 0 }
    );
    import_report(&report, write_mapping.as_deref(), out)?;
    if report.errors > 0 {
        return Err(fail(format!(
            "{}行に問題があるため、何も取り込んでいません。",
            report.errors
        )));
    }
    Ok(())
}

/// The rows an import found (on a dry run), the problems on standard error, the summary, and
/// the mapping in force written where `--write-mapping` says.
pub(crate) fn import_report(
    report: &ImportReport,
    write_mapping: Option<&Path>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    if let Some(path) = write_mapping {
        std::fs::write(path, &report.mapping)
            .map_err(|e| fail(format!("対応表 {} を書き出せません: {e}", path.display())))?;
        // The file's own header speaks to the desktop too; how to pass it back is said here.
        eprintln!(
            "対応表を {} に書き出しました。\"\" の行を書き入れて --mapping で渡してください。",
            path.display()
        );
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
