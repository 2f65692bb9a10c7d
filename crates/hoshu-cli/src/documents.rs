//! Deliverables to files: `render ...` and the delivery `disc`.

use crate::*;

pub(crate) async fn render(
    ctx: &Context,
    command: Render,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match command {
        Render::Monthly { month, output } => {
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
            let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
            let session = login(&hoshu, ctx.user.as_deref()).await?;
            let bytes = hoshu
                .render_monthly_report(&session, year, month, format)
                .await?;
            write_output(&output, &bytes, out)?;
        }
        Render::Annual {
            fiscal_year,
            output,
        } => {
            if extension(&output).as_deref() != Some("pdf") {
                return Err(fail(format!(
                    "出力ファイル {} の拡張子は .pdf にしてください。",
                    output.display()
                )));
            }
            let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
            let session = login(&hoshu, ctx.user.as_deref()).await?;
            let bytes = hoshu.render_annual_report(&session, fiscal_year).await?;
            write_output(&output, &bytes, out)?;
        }
        Render::Minutes { meeting, output } => {
            require_extension(&output, "pdf")?;
            let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
            let session = login(&hoshu, ctx.user.as_deref()).await?;
            let rendered = hoshu.render_minutes(&session, meeting).await?;
            write_output(&output, &rendered.bytes, out)?;
        }
        Render::Register { output, a3 } => {
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
            let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
            let session = login(&hoshu, ctx.user.as_deref()).await?;
            let rendered = hoshu
                .render_register(&session, format, paper, ctx.bulk, Some(&progress_line))
                .await?;
            write_output(&output, &rendered.bytes, out)?;
        }
        Render::Plan { output } => {
            require_extension(&output, "pdf")?;
            let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
            let session = login(&hoshu, ctx.user.as_deref()).await?;
            let rendered = hoshu.render_plan(&session).await?;
            write_output(&output, &rendered.bytes, out)?;
        }
        Render::HandoverPlan { output } => {
            require_extension(&output, "pdf")?;
            let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
            let session = login(&hoshu, ctx.user.as_deref()).await?;
            let rendered = hoshu.render_handover_plan(&session).await?;
            write_output(&output, &rendered.bytes, out)?;
        }
        Render::Forms {
            kind,
            form_number,
            document_number,
            date,
            output,
        } => {
            let kind = hoshu_app::FormKind::from_code(&kind).ok_or_else(|| {
                fail(format!(
                    "--kind に不明な様式「{kind}」が指定されました（schedule, start-notice, responsible-person, completion-notice）。"
                ))
            })?;
            require_extension(&output, "pdf")?;
            let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
            let session = login(&hoshu, ctx.user.as_deref()).await?;
            let fill = FormFill {
                form_number,
                document_number,
                submitted_on: date,
            };
            let rendered = hoshu.render_form(&session, kind, fill).await?;
            write_output(&output, &rendered.bytes, out)?;
        }
    }
    Ok(())
}

pub(crate) async fn disc(
    ctx: &Context,
    args: DiscArgs,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let DiscArgs {
        include,
        fiscal_year,
        dvd,
        checked_by,
        product,
        pattern,
        checked_at,
        output,
    } = args;
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
    let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
    let session = login(&hoshu, ctx.user.as_deref()).await?;
    let fy =
        fiscal_year.unwrap_or_else(|| hoshu_core::calendar::fiscal::fiscal_year_at(hoshu.now()));
    let (april, march) = hoshu_core::calendar::fiscal::fiscal_year_dates(fy)
        .ok_or_else(|| fail(format!("--fiscal-year（年度）{fy} は扱えません。")))?;
    let selection = hoshu_app::DiscSelection {
        minutes: if parts.contains("minutes") {
            hoshu_app::MinutesSelection::Period {
                from: april,
                to: march,
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
                f.message
                    .push_str("\n  --dvd を指定すると DVD-R（4.7GB）用のイメージを作成します。");
            }
            f
        })?;
    write_output(&output, &rendered.bytes, out)?;
    Ok(())
}

/// The handover package for the next contractor, with its progress on standard error.
pub(crate) async fn handover(
    ctx: &Context,
    output: std::path::PathBuf,
    out: &mut impl Write,
) -> Result<(), Failure> {
    require_extension(&output, "iso")?;
    let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
    let session = login(&hoshu, ctx.user.as_deref()).await?;
    let rendered = hoshu
        .build_handover_package(&session, ctx.bulk, Some(&progress_line))
        .await?;
    write_output(&output, &rendered.bytes, out)
}

/// "2026-05" → (2026, 5).
pub(crate) fn parse_month(text: &str) -> Result<(i32, u32), Failure> {
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
pub(crate) fn extension(path: &std::path::Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Refuses an output file without the extension `ext`.
pub(crate) fn require_extension(path: &std::path::Path, ext: &str) -> Result<(), Failure> {
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
pub(crate) fn progress_line(p: hoshu_app::Progress) {
    eprintln!("[{}/{}] {}", p.done, p.total, p.label);
}

/// `2026-04-14T16:20` (Japan time), with seconds or an offset (RFC 3339) also accepted.
pub(crate) fn parse_jst(text: &str) -> Result<chrono::DateTime<chrono::Utc>, Failure> {
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
pub(crate) fn write_output(
    path: &std::path::Path,
    bytes: &[u8],
    out: &mut impl Write,
) -> Result<(), Failure> {
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
