//! Lists for scripts and people: `requests list`, `meetings list`, `register list`, `search`.

use crate::*;

pub(crate) async fn requests(
    ctx: &Context,
    command: RequestsCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match command {
        RequestsCommand::List {
            format,
            kind,
            status,
            urgency,
            office,
            text,
            page,
            per_page,
            all,
        } => {
            let kinds = parse_codes(&kind, RequestKind::from_code, "--kind（種別）")?;
            let statuses = parse_codes(&status, RequestStatus::from_code, "--status（状態）")?;
            let urgencies = parse_codes(&urgency, Urgency::from_code, "--urgency（緊急度）")?;
            let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
            let session = login(&hoshu, ctx.user.as_deref()).await?;
            list_requests(
                &hoshu,
                &session,
                RequestListQuery {
                    kinds,
                    statuses,
                    urgencies,
                    office,
                    text,
                    page,
                    per_page,
                    ..Default::default()
                },
                ctx.bulk,
                all,
                format,
                out,
            )
            .await?;
        }
    }
    Ok(())
}

pub(crate) async fn meetings(
    ctx: &Context,
    command: MeetingsCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match command {
        MeetingsCommand::List {
            format,
            kind,
            status,
            text,
        } => {
            let kinds = parse_codes(&kind, MeetingKind::from_code, "--kind（種別）")?;
            let statuses = parse_codes(&status, MinutesStatus::from_code, "--status（状態）")?;
            let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
            let session = login(&hoshu, ctx.user.as_deref()).await?;
            let query = MeetingListQuery {
                kinds,
                statuses,
                text,
                ..Default::default()
            };
            list_meetings(&hoshu, &session, query, ctx.bulk, format, out).await?;
        }
    }
    Ok(())
}

pub(crate) async fn register(
    ctx: &Context,
    command: RegisterCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match command {
        RegisterCommand::List {
            format,
            status,
            category,
            text,
        } => {
            let statuses = parse_codes(&status, IssueStatus::from_code, "--status（状態）")?;
            let categories =
                parse_codes(&category, IssueCategory::from_code, "--category（分類）")?;
            let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
            let session = login(&hoshu, ctx.user.as_deref()).await?;
            let query = RegisterListQuery {
                statuses,
                categories,
                text,
                ..Default::default()
            };
            list_register(&hoshu, &session, query, ctx.bulk, format, out).await?;
        }
    }
    Ok(())
}

pub(crate) async fn search(
    ctx: &Context,
    query: String,
    kinds: Option<String>,
    format: Format,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let kinds = parse_codes(
        &kinds.into_iter().collect::<Vec<_>>(),
        search_kind,
        "--in（検索する種類）",
    )?;
    let hoshu = open(&ctx.db, ctx.key_file.as_deref()).await?;
    let session = login(&hoshu, ctx.user.as_deref()).await?;
    // `#813` names request 813: shown itself when this person may see it, as the search
    // screen opens it. The CSV stays the list of matches scripts read.
    if format == Format::Table
        && let Some(id) = hoshu_core::search::reference(&query)
    {
        match hoshu.request_detail(&session, id).await {
            Ok(detail) => return print_request(&detail, out),
            Err(e) if matches!(e.code, ErrorCode::NotFound | ErrorCode::Forbidden) => {}
            Err(e) => return Err(e.into()),
        }
    }
    print_search(&hoshu, &session, &query, &kinds, ctx.bulk, format, out).await?;
    Ok(())
}

fn minute(t: chrono::DateTime<chrono::Utc>) -> String {
    hoshu_core::calendar::tokyo(t)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// One request as its detail screen shows it: the heading, its fields, body, answer and
/// comments.
fn print_request(detail: &RequestDetail, out: &mut impl Write) -> Result<(), Failure> {
    let r = &detail.request;
    writeln!(out, "#{} {}", r.id, r.title)?;
    writeln!(out, "種別\t{}", r.kind.label())?;
    writeln!(out, "状態\t{}", r.status.label())?;
    writeln!(out, "緊急度\t{}", r.details.urgency.label())?;
    writeln!(out, "所属\t{}", r.office)?;
    writeln!(out, "依頼者\t{}", r.filed_by_name)?;
    writeln!(out, "受付日時\t{}", minute(r.filed_at))?;
    writeln!(
        out,
        "担当\t{}",
        r.assignee_name.as_deref().unwrap_or("（未割当）")
    )?;
    if let Some(day) = r.details.desired_by {
        writeln!(out, "希望期限\t{}", day.format("%Y-%m-%d"))?;
    }
    writeln!(out, "\n内容\n{}", r.body)?;
    if let Some(answer) = &r.answer {
        writeln!(out, "\n回答\n{answer}")?;
    }
    if !detail.comments.is_empty() {
        writeln!(out, "\nコメント（{}件）", detail.comments.len())?;
        for c in &detail.comments {
            writeln!(
                out,
                "{} {}\n{}",
                minute(c.created_at),
                c.author_name,
                c.body
            )?;
        }
    }
    Ok(())
}

pub(crate) fn parse_codes<T>(
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

pub(crate) async fn list_requests(
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
        for r in page.items.iter().map(|item| &item.request) {
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
pub(crate) async fn finish_csv(
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

/// `requests` → 依頼 and so on: the names of `--in`.
pub(crate) fn search_kind(name: &str) -> Option<SearchKind> {
    match name {
        "requests" => Some(SearchKind::Request),
        "register" => Some(SearchKind::Register),
        "incidents" => Some(SearchKind::Incident),
        "meetings" => Some(SearchKind::Meeting),
        _ => None,
    }
}

/// Every match, newest first: a table, or CSV `kind,id,title` recorded as an export.
pub(crate) async fn print_search(
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
pub(crate) fn write_row<const N: usize>(
    w: &mut csv::Writer<Vec<u8>>,
    cells: [String; N],
) -> Result<(), Failure> {
    w.write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()))
        .map_err(csv_error)
}

/// Every meeting matching `query`, newest first: CSV `id,kind,held_at,title` (codes, ISO 8601
/// in Tokyo time) or a table with Japanese headers and 和暦.
pub(crate) async fn list_meetings(
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
pub(crate) async fn every_page<T, F, Fut>(mut fetch: F) -> Result<Vec<T>, Failure>
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
pub(crate) async fn list_register(
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
