//! Realistic demo data: the seven sites, ~150 accounts and two fiscal years of requests,
//! comments and changes, written through the same use cases people use (so every row is
//! audited) in ONE transaction: a failure leaves the database as it was.
//!
//! The data depends only on the seed and on `today`, the day the demo ends at (so upcoming
//! outages are upcoming when someone looks).

use crate::Hoshu;
use crate::accounts::{OKAYAMA_SITES, create_account, initialise};
use crate::changes::{ChangeStep, ClashAcknowledgement, complete, decide, propose};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::requests::{TransitionInput, comment, file_request, transition};
use crate::settings::DeskSettings;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};
use hoshu_core::account::NewAccountInput;
use hoshu_core::calendar::{Calendar, tokyo, tokyo_day_start, tokyo_to_utc};
use hoshu_core::change::{
    ChangeAction, ChangeKind, ChangeOutcome, ChangeProposal, ChangeResult, OutageReason,
    ReleaseKind, monthly_maintenance_window,
};
use hoshu_core::request::{NewRequest, RequestAction, RequestKind, WorkSubKind};
use hoshu_core::request_details::{ExtensionAsk, RequestDetails, Urgency};
use hoshu_core::{Actor, Role};
use hoshu_store::Tx;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// Every demo account's password, printed by `hoshu demo` and listed in README.
pub const DEMO_PASSWORD: &str = "hoshu-demo-2026";

/// What the demo wrote, for the CLI to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub accounts: Vec<(String, Role, String)>,
    pub requests: usize,
    pub comments: usize,
    pub changes: usize,
    /// Meetings, register items and plan versions.
    pub deliverables: DemoDeliverables,
    /// The last year's checks, batch runs and maintenance work.
    pub operations: DemoOperations,
    /// Months of 業務日程表 approved (the last year's).
    pub business_schedules: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

mod business_schedules;
mod changes;
mod deliverable_texts;
mod deliverables;
mod grow;
mod handover;
mod incidents;
mod operations;
mod texts;

use changes::*;
use incidents::*;
pub use operations::DemoOperations;
use texts::*;

struct People {
    chief: Actor,
    contractors: Vec<Actor>,
    staff_by_office: BTreeMap<String, Vec<Actor>>,
}

enum Step {
    File(usize),
    Comment(usize, bool),
    Move(usize, RequestAction),
}

impl Hoshu {
    /// Fills an empty database with demo data ending on `today`.
    pub async fn demo(&self, seed: u64, today: NaiveDate) -> AppResult<DemoSummary> {
        let mut tx = self.begin().await?;
        if !tx.list_accounts().await?.is_empty() {
            return Err(AppError::new(
                ErrorCode::Validation,
                "データベースにはすでにアカウントがあります。デモデータは新しいデータベースにのみ作成できます。",
            ));
        }
        let summary = generate(&mut tx, seed, today).await?;
        tx.commit().await?;
        Ok(summary)
    }
}

fn at(date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    tokyo_to_utc(date.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()))
}

/// A moment in service hours on an open day, uniformly over the open days from..=to.
fn office_moment(rng: &mut ChaCha8Rng, cal: &Calendar, day: NaiveDate) -> DateTime<Utc> {
    let day = cal.open_day_on_or_after(day);
    at(day, rng.gen_range(8..18), rng.gen_range(0..60))
}

async fn generate(tx: &mut Tx<'_>, seed: u64, today: NaiveDate) -> AppResult<DemoSummary> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let calendar = DeskSettings::default().calendar();
    // The demo covers last fiscal year and this one up to today.
    let fiscal_start_year = hoshu_core::calendar::fiscal::fiscal_year_of(today) - 1;
    let from = hoshu_core::calendar::fiscal::fiscal_year_dates(fiscal_start_year)
        .map_or(today, |(april, _)| april);
    let setup_at = at(from - TimeDelta::days(7), 9, 0);

    initialise(tx, DEMO_PASSWORD, setup_at).await?;
    let people = create_people(tx, &mut rng, setup_at).await?;
    let mut accounts: Vec<(String, Role, String)> = tx
        .list_accounts()
        .await?
        .into_iter()
        .map(|a| (a.login, a.role, a.office))
        .collect();
    accounts.sort();

    let end = at(today, 8, 30);
    let mut schedule: Vec<(DateTime<Utc>, Step)> = Vec::new();
    let mut plans: Vec<(usize, &Template, String, Actor)> = Vec::new();
    let offices: Vec<&String> = people.staff_by_office.keys().collect();
    let mut day = from;
    while day < today {
        if calendar.is_open_day(day) {
            for _ in 0..rng.gen_range(0..=4) {
                let office = offices[rng.gen_range(0..offices.len())].clone();
                let filer = people.staff_by_office[&office]
                    .choose(&mut rng)
                    .cloned()
                    .ok_or_else(|| {
                        AppError::new(ErrorCode::Internal, "demo: office without staff")
                    })?;
                let template = &TEMPLATES[rng.gen_range(0..TEMPLATES.len())];
                let filed = office_moment(&mut rng, &calendar, day);
                let idx = plans.len();
                plan_request(
                    &mut rng,
                    &calendar,
                    &mut schedule,
                    idx,
                    template.kind,
                    filed,
                    end,
                );
                plans.push((idx, template, detail(&mut rng, day), filer));
            }
        }
        day += TimeDelta::days(1);
    }
    schedule.sort_by_key(|(t, _)| *t);

    let mut ids: Vec<i64> = vec![0; plans.len()];
    let mut comments = 0;
    for (when, step) in schedule.into_iter().filter(|(t, _)| *t < end) {
        match step {
            Step::File(i) => {
                let (_, tpl, detail, filer) = &plans[i];
                ids[i] = file_request(
                    tx,
                    filer,
                    NewRequest {
                        kind: tpl.kind,
                        work_sub_kind: tpl.sub,
                        office: filer.office.clone(),
                        title: tpl.title.to_owned(),
                        body: tpl.body.replace("{}", detail),
                        details: demo_details(tpl.kind, when),
                    },
                    when,
                )
                .await?;
            }
            Step::Comment(i, from_contractor) => {
                let (_, _, _, filer) = &plans[i];
                let (who, pool) = if from_contractor {
                    (
                        people.contractors[i % people.contractors.len()].clone(),
                        COMMENTS_BY_CONTRACTOR,
                    )
                } else {
                    (filer.clone(), COMMENTS_BY_OFFICE)
                };
                comment(tx, &who, ids[i], pool[i % pool.len()], when).await?;
                comments += 1;
            }
            Step::Move(i, action) => {
                let (_, tpl, detail, filer) = &plans[i];
                let who = match action {
                    RequestAction::Start | RequestAction::Answer => {
                        people.contractors[i % people.contractors.len()].clone()
                    }
                    _ => filer.clone(),
                };
                let version = tx
                    .get_request(ids[i])
                    .await?
                    .map(|r| r.version)
                    .unwrap_or_default();
                let text = match action {
                    RequestAction::Answer => tpl.answer.replace("{}", detail),
                    RequestAction::SendBack => {
                        "回答内容では解決しませんでした。再度確認をお願いします。".into()
                    }
                    RequestAction::Reopen => {
                        "同じ事象が再発しました。再度調査をお願いします。".into()
                    }
                    RequestAction::Withdraw => "自所属で解決したため取り下げます。".into(),
                    _ => String::new(),
                };
                transition(
                    tx,
                    &who,
                    ids[i],
                    TransitionInput {
                        action,
                        expected_version: version,
                        text,
                    },
                    when,
                )
                .await?;
            }
        }
    }

    let changes = generate_changes(tx, &mut rng, &people, from, today).await?;
    let incidents = generate_incidents(tx, &mut rng, &people, &calendar, from, end).await?;
    tracing::debug!(incidents, "demo incidents generated");
    let deliverables = generate_deliverables(tx, &mut rng, &people, from, today).await?;
    let operations =
        operations::generate(tx, &mut rng, &people, &calendar, from, today, end).await?;
    let business_schedules =
        business_schedules::generate(tx, &people, &calendar, from, end).await?;
    handover::generate(tx, &people, today).await?;
    Ok(DemoSummary {
        accounts,
        requests: plans.len(),
        comments,
        changes,
        deliverables,
        operations,
        business_schedules,
        from,
        to: today,
    })
}

fn actor(id: i64, login: &str, name: &str, role: Role, office: &str) -> Actor {
    Actor {
        account_id: id,
        login: login.to_owned(),
        display_name: name.to_owned(),
        role,
        office: office.to_owned(),
    }
}

fn person_name(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{} {}",
        SURNAMES[rng.gen_range(0..SURNAMES.len())],
        GIVEN[rng.gen_range(0..GIVEN.len())]
    )
}

/// 2 section chiefs, 6 contractor accounts and 140 staff: 22 in each welfare office and 8 in
/// the section — with the administrator, 149 accounts.
async fn create_people(
    tx: &mut Tx<'_>,
    rng: &mut ChaCha8Rng,
    now: DateTime<Utc>,
) -> AppResult<People> {
    let mut make =
        async |login: String, name: String, role: Role, office: &str| -> AppResult<Actor> {
            let id = create_account(
                tx,
                "system",
                NewAccountInput {
                    login: login.clone(),
                    display_name: name.clone(),
                    role,
                    office: office.to_owned(),
                    password: DEMO_PASSWORD.to_owned(),
                },
                now,
            )
            .await?;
            Ok(actor(id, &login, &name, role, office))
        };
    let chief = make(
        "chief".into(),
        "生活保護・自立支援課長 岡本 誠".into(),
        Role::Chief,
        "section",
    )
    .await?;
    make(
        "chief02".into(),
        "生活保護・自立支援課 主査 藤田 明美".into(),
        Role::Chief,
        "section",
    )
    .await?;
    let mut contractors = Vec::new();
    for (login, name) in [
        ("contractor", "運用責任者 小川 健"),
        ("contractor02", "副責任者 内田 恵"),
        ("contractor03", "SE 大西 亮"),
        ("contractor04", "SE 岩崎 舞"),
        ("contractor05", "オペレータ 平田 翼"),
        ("contractor06", "オペレータ 安藤 結衣"),
    ] {
        contractors.push(make(login.into(), name.into(), Role::Contractor, "contractor").await?);
    }
    let mut staff_by_office: BTreeMap<String, Vec<Actor>> = BTreeMap::new();
    let mut n = 0;
    // Welfare offices first, so staff01… are in the first office as README lists them.
    let sites = OKAYAMA_SITES
        .iter()
        .skip(1)
        .chain(OKAYAMA_SITES.iter().take(1));
    for (code, _) in sites {
        let count = if *code == "section" { 8 } else { 22 };
        for _ in 0..count {
            n += 1;
            let name = person_name(rng);
            let a = make(format!("staff{n:02}"), name, Role::Staff, code).await?;
            staff_by_office
                .entry((*code).to_owned())
                .or_default()
                .push(a);
        }
    }
    Ok(People {
        chief,
        contractors,
        staff_by_office,
    })
}

/// A number or date fragment that makes each title's body specific.
/// An extension request asks for the evening of its own day, 19:00–21:00, and is 高; a fault
/// report is 至急; others are 通常 and carry no wish.
fn demo_details(kind: RequestKind, filed: DateTime<Utc>) -> RequestDetails {
    let clock = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN);
    RequestDetails {
        urgency: match kind {
            RequestKind::FaultReport => Urgency::Urgent,
            RequestKind::HoursExtension => Urgency::High,
            _ => Urgency::Normal,
        },
        extension: (kind == RequestKind::HoursExtension).then(|| ExtensionAsk {
            day: tokyo(filed).date_naive(),
            from: clock(19),
            until: clock(21),
        }),
        ..RequestDetails::default()
    }
}

fn detail(rng: &mut ChaCha8Rng, day: NaiveDate) -> String {
    match rng.gen_range(0..3) {
        0 => day.month().to_string(),
        1 => rng.gen_range(2..12).to_string(),
        _ => day.day().to_string(),
    }
}

/// Lays out one request's life from filing: most are started, answered within a few open
/// days and closed; some are sent back, reopened or withdrawn; the newest are still open.
fn plan_request(
    rng: &mut ChaCha8Rng,
    cal: &Calendar,
    schedule: &mut Vec<(DateTime<Utc>, Step)>,
    i: usize,
    kind: RequestKind,
    filed: DateTime<Utc>,
    end: DateTime<Utc>,
) {
    let after = |rng: &mut ChaCha8Rng, t: DateTime<Utc>, max_minutes: i64| {
        cal.add_service_time(t, TimeDelta::minutes(rng.gen_range(10..max_minutes)))
    };
    schedule.push((filed, Step::File(i)));
    if rng.gen_ratio(1, 25) {
        schedule.push((
            after(rng, filed, 300),
            Step::Move(i, RequestAction::Withdraw),
        ));
        return;
    }
    let started = after(rng, filed, 120);
    schedule.push((started, Step::Move(i, RequestAction::Start)));
    let mut t = started;
    if rng.gen_ratio(1, 3) {
        t = after(rng, t, 120);
        schedule.push((t, Step::Comment(i, true)));
    }
    if rng.gen_ratio(1, 4) {
        t = after(rng, t, 120);
        schedule.push((t, Step::Comment(i, false)));
    }
    // Inquiries are answered within hours; investigations and work take longer, and now and
    // then one runs past the answer target, as in a real desk.
    let answer_within = match kind {
        RequestKind::Inquiry | RequestKind::HoursExtension => 180,
        _ if rng.gen_ratio(1, 12) => 1500,
        _ => 300,
    };
    t = after(rng, t, answer_within);
    schedule.push((t, Step::Move(i, RequestAction::Answer)));
    if rng.gen_ratio(1, 15) {
        t = after(rng, t, 600);
        schedule.push((t, Step::Move(i, RequestAction::SendBack)));
        t = after(rng, t, 900);
        schedule.push((t, Step::Move(i, RequestAction::Answer)));
    }
    t = after(rng, t, 1500);
    // The office confirms most answers; the last few stay 回答済 for someone to close.
    if t < end - TimeDelta::days(3) || rng.gen_ratio(1, 2) {
        schedule.push((t, Step::Move(i, RequestAction::Close)));
        if rng.gen_ratio(1, 40) {
            t = after(rng, t, 3000);
            schedule.push((t, Step::Move(i, RequestAction::Reopen)));
        }
    }
}

/// What [`generate_deliverables`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoDeliverables {
    pub meetings: usize,
    pub register_items: usize,
    pub plan_versions: usize,
}

/// Meetings over the demo period (定例会議 twice a month, 業務日程レビュー monthly,
/// グループ進捗会議 weekly) with their minutes mostly approved, the newest submitted and one
/// overdue; 1,000 register items over two years (their action items included), mostly 完了;
/// the nine sections of the plan; the contract data. Deterministic for the seed.
async fn generate_deliverables(
    tx: &mut Tx<'_>,
    rng: &mut ChaCha8Rng,
    people: &People,
    from: NaiveDate,
    today: NaiveDate,
) -> AppResult<DemoDeliverables> {
    deliverables::generate(tx, rng, people, from, today).await
}
