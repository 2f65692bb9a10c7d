//! Realistic demo data: the seven sites, ~150 accounts and two fiscal years of requests,
//! comments and changes, written through the same use cases people use (so every row is
//! audited) in ONE transaction: a failure leaves the database as it was.
//!
//! The data depends only on the seed and on `today`, the day the demo ends at (so upcoming
//! outages are upcoming when someone looks).

use crate::Hoshu;
use crate::accounts::{OKAYAMA_SITES, create_account, initialise};
use crate::changes::{complete, decide, propose};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::requests::{TransitionInput, comment, file_request, transition};
use crate::settings::DeskSettings;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};
use hoshu_core::account::NewAccountInput;
use hoshu_core::calendar::{Calendar, tokyo, tokyo_to_utc};
use hoshu_core::change::{
    ChangeAction, ChangeKind, ChangeOutcome, ChangeProposal, ChangeResult, OutageReason,
    ReleaseKind, monthly_maintenance_window,
};
use hoshu_core::request::{NewRequest, RequestAction, RequestKind, WorkSubKind};
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
    pub from: NaiveDate,
    pub to: NaiveDate,
}

const SURNAMES: &[&str] = &[
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
    "山崎",
    "森",
    "池田",
    "橋本",
    "阿部",
    "石川",
    "藤原",
    "岡田",
    "後藤",
    "三宅",
    "難波",
    "藤井",
    "小野",
];
const GIVEN: &[&str] = &[
    "花子", "太郎", "美咲", "健一", "由美", "直樹", "恵子", "誠", "裕子", "大輔", "麻衣", "浩二",
    "智子", "翔太", "陽子", "拓也", "真理", "聡", "彩", "修", "千尋", "和也",
];

/// Titles and bodies by kind; `{}` is filled with a detail so titles don't all repeat.
struct Template {
    kind: RequestKind,
    sub: Option<WorkSubKind>,
    title: &'static str,
    body: &'static str,
    answer: &'static str,
}

const fn t(
    kind: RequestKind,
    sub: Option<WorkSubKind>,
    title: &'static str,
    body: &'static str,
    answer: &'static str,
) -> Template {
    Template {
        kind,
        sub,
        title,
        body,
        answer,
    }
}

use RequestKind as K;
use WorkSubKind as W;

const TEMPLATES: &[Template] = &[
    t(
        K::Inquiry,
        None,
        "返戻レセプトの再請求手順について",
        "返戻となった{}月診療分のレセプトについて、再請求の登録手順を教えてください。画面の「再請求」ボタンが押せない状態です。",
        "返戻理由の登録が完了していないため再請求ボタンが無効になっています。返戻管理画面で理由コードを登録後、再度お試しください。操作手順書 4.3 節にも記載があります。",
    ),
    t(
        K::Inquiry,
        None,
        "医療券発行履歴の検索条件について",
        "{}月分の医療券発行履歴を医療機関別に検索したいのですが、条件の指定方法が分かりません。",
        "検索画面の「詳細条件」を開き、医療機関コードを指定してください。複数指定する場合はカンマ区切りで入力できます。",
    ),
    t(
        K::Inquiry,
        None,
        "月次集計帳票の出力条件について",
        "月次集計帳票（医療扶助費）で{}月分を出力すると、前月分の件数が含まれているように見えます。出力条件の考え方を教えてください。",
        "月次集計帳票は審査支払月を基準に集計しています。診療月基準で確認する場合は「集計基準」を診療月に切り替えて出力してください。",
    ),
    t(
        K::Inquiry,
        None,
        "パスワード変更の方法について",
        "異動に伴いパスワードを変更したいのですが、変更画面の場所を教えてください。（{}）",
        "画面右上の氏名をクリックし「パスワード変更」から変更できます。10文字以上で設定してください。",
    ),
    t(
        K::Investigation,
        None,
        "点検結果件数が前月と大きく異なる件の調査",
        "{}月分のレセプト点検結果の件数が前月の約2倍になっています。抽出条件やデータ取込に問題がないか調査をお願いします。",
        "調査の結果、{}月分は支払基金からの取込データに過月分の再審査結果が含まれていたため件数が増加していました。データ・抽出条件に問題はありません。",
    ),
    t(
        K::Investigation,
        None,
        "医療扶助決定額の差異について",
        "ケース番号 {}-XXXX の医療扶助決定額が、台帳と画面で一致しません。原因の調査をお願いします。",
        "月次バッチの再計算対象から当該ケースが漏れていたことが原因でした。再計算を実施し、台帳と一致することを確認しました。",
    ),
    t(
        K::Investigation,
        None,
        "過誤調整レセプトの突合結果の不一致",
        "{}月分の過誤調整レセプトについて、突合結果一覧の件数と実件数が一致しません。",
        "突合処理は調整月で集計しているため、{}月末に到着した分が翌月計上となっていました。仕様どおりの動作です。",
    ),
    t(
        K::Work,
        Some(W::MasterSetting),
        "指定医療機関マスタの追加",
        "新規指定の医療機関（{}件）をマスタに追加してください。一覧を添付します。",
        "ご依頼の医療機関マスタを追加し、検索画面で表示されることを確認しました。",
    ),
    t(
        K::Work,
        Some(W::ScheduleChange),
        "月次バッチ実行日の変更",
        "年末年始の閉庁に伴い、{}月分の月次バッチ実行日を変更してください。",
        "月次バッチの実行日を変更しました。変更後のスケジュールは運用スケジュール表に反映済みです。",
    ),
    t(
        K::Work,
        Some(W::DataRecovery),
        "誤って削除した点検メモの復元",
        "{}日に誤って点検メモを削除してしまいました。前日のバックアップからの復元をお願いします。",
        "前日分のバックアップから当該点検メモを復元しました。画面で内容をご確認ください。",
    ),
    t(
        K::Work,
        Some(W::Gaiji),
        "受給者氏名の外字登録",
        "受給者氏名に使用する外字{}文字の登録をお願いします。字形は添付のとおりです。",
        "外字を登録し、画面表示・帳票印字の双方で正しく表示されることを確認しました。",
    ),
    t(
        K::Work,
        Some(W::TrainingSupport),
        "新任職員向け操作研修の実施支援",
        "{}月着任の職員向けに、レセプト点検の基本操作研修（2時間程度）の実施支援をお願いします。",
        "研修資料を準備し、研修を実施しました。受講者アンケートの結果は定例会議で報告します。",
    ),
    t(
        K::Work,
        Some(W::Other),
        "帳票印刷時の既定プリンタ設定",
        "端末{}台で帳票の既定プリンタが別の機器になっています。設定の変更をお願いします。",
        "対象端末の既定プリンタを NEC MultiWriter 3M530 に変更しました。",
    ),
    t(
        K::SeSupport,
        None,
        "医療扶助費の月別集計データ抽出",
        "議会答弁資料作成のため、直近{}か月の医療扶助費を月別・診療区分別に抽出してください。",
        "抽出結果を Excel 形式で作成しました。個人情報は含めていません。",
    ),
    t(
        K::SeSupport,
        None,
        "帳票レイアウトのカスタマイズ",
        "点検結果一覧表に「返戻理由」列を追加したいと考えています（{}列目あたり）。対応可否と工数を教えてください。",
        "対応可能です。工数は約2人日、テスト環境での確認後、次回の定期リリースで反映する予定です。",
    ),
    t(
        K::FaultReport,
        None,
        "レセプト一覧画面がタイムアウトする",
        "本日{}時頃から、レセプト一覧画面で検索するとタイムアウトになります。",
        "データベースの統計情報が古くなっていたため実行計画が劣化していました。統計情報を更新し、応答時間が通常（2秒以内）に戻ったことを確認しました。",
    ),
    t(
        K::FaultReport,
        None,
        "帳票印刷で一部の文字が化ける",
        "医療券の印刷で、氏名の一部（{}文字目）が「・」で印字されます。",
        "該当の文字が外字登録されていなかったことが原因です。外字を登録し、正しく印字されることを確認しました。",
    ),
    t(
        K::FaultReport,
        None,
        "夜間バッチ異常終了の通知メール",
        "{}日朝、夜間バッチ異常終了の通知メールが届きました。業務への影響を教えてください。",
        "一時的なディスク容量不足による異常終了でした。再実行して正常終了を確認しています。業務への影響はありません。",
    ),
    t(
        K::HoursExtension,
        None,
        "稼働時間延長の依頼（決算対応）",
        "{}日は決算対応のため、21:00 までシステムの稼働時間を延長してください。",
        "稼働時間の延長を承りました。当日は 21:00 まで監視体制を延長します。",
    ),
];

const COMMENTS_BY_OFFICE: &[&str] = &[
    "ご対応ありがとうございます。内容を確認しました。",
    "補足です。同様の事象が他の端末でも発生しています。",
    "至急対応が必要なため、本日中に状況を教えてください。",
    "画面のスクリーンショットを添付します。",
];
const COMMENTS_BY_CONTRACTOR: &[&str] = &[
    "受け付けました。調査を開始します。",
    "現在調査中です。明日午前中に途中経過をご報告します。",
    "恐れ入りますが、発生時刻と操作手順を教えてください。",
];

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
    let fiscal_start_year = if today.month() >= 4 {
        today.year() - 1
    } else {
        today.year() - 2
    };
    let from = NaiveDate::from_ymd_opt(fiscal_start_year, 4, 1).unwrap_or(today);
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
    Ok(DemoSummary {
        accounts,
        requests: plans.len(),
        comments,
        changes,
        deliverables,
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

/// Monthly maintenance every month, releases, security patches and data patches; a few
/// rejected or withdrawn; next month's work approved, pending or still a draft.
async fn generate_changes(
    tx: &mut Tx<'_>,
    rng: &mut ChaCha8Rng,
    people: &People,
    from: NaiveDate,
    today: NaiveDate,
) -> AppResult<usize> {
    let pm = &people.contractors[0];
    let chief = &people.chief;
    let now_end = at(today, 8, 0);
    let mut count = 0;
    let mut month = from;
    let last = today + TimeDelta::days(62);
    while month <= last {
        let (y, m) = (month.year(), month.month());
        let mut plans: Vec<ChangeProposal> = Vec::new();
        if let Some((s, e)) = monthly_maintenance_window(y, m) {
            plans.push(proposal(
                ChangeKind::PlannedOutage,
                Some(OutageReason::MonthlyMaintenance),
                None,
                format!("{}月度 月次メンテナンス", m),
                s,
                e,
            ));
        }
        let release_day = month_end_holiday(y, m);
        let s = at(release_day, 9, 0);
        let mut release = proposal(
            ChangeKind::Release,
            None,
            Some(ReleaseKind::Regular),
            format!("{}月 定期リリース（帳票改善・不具合修正）", m),
            s,
            s + TimeDelta::hours(4),
        );
        release.test_verification = Some(format!(
            "{}に検証環境で回帰テスト{}件を実施し、全件合格。",
            hoshu_core::wareki::long(release_day - TimeDelta::days(10)),
            rng.gen_range(30..80)
        ));
        plans.push(release);
        if m % 3 == 0 {
            let day = first_weekday_after(release_day - TimeDelta::days(14));
            let s = at(day, 19, 30);
            plans.push(proposal(
                ChangeKind::PlannedOutage,
                Some(OutageReason::SecurityPatch),
                None,
                format!("{}月 OSセキュリティパッチ適用", m),
                s,
                s + TimeDelta::hours(3),
            ));
        }
        if m % 4 == 1 {
            let day = first_weekday_after(month + TimeDelta::days(9));
            let s = at(day, 19, 30);
            let mut patch = proposal(
                ChangeKind::DataPatch,
                None,
                None,
                format!("{}月 医療扶助決定額の再計算データ補正", m),
                s,
                s + TimeDelta::hours(1),
            );
            patch.instruction_ref = Some(format!(
                "生活保護・自立支援課 指示書 第{}号",
                rng.gen_range(10..99)
            ));
            plans.push(patch);
        }
        for p in plans {
            let proposed_at = p.window_start - TimeDelta::days(14);
            if proposed_at >= now_end {
                continue;
            }
            let id = propose(tx, pm, p.clone(), proposed_at).await?;
            count += 1;
            let submitted_at = proposed_at + TimeDelta::days(1);
            if submitted_at >= now_end {
                continue;
            }
            let mut version = decide(tx, pm, id, 1, ChangeAction::Submit, "", submitted_at).await?;
            let decided_at = submitted_at + TimeDelta::days(2);
            if decided_at >= now_end {
                continue;
            }
            if rng.gen_ratio(1, 12) {
                decide(
                    tx,
                    chief,
                    id,
                    version,
                    ChangeAction::Reject,
                    "業務繁忙期と重なるため、日程を再調整してください。",
                    decided_at,
                )
                .await?;
                continue;
            }
            version = decide(
                tx,
                chief,
                id,
                version,
                ChangeAction::Approve,
                "承認します。",
                decided_at,
            )
            .await?;
            let done_at = p.window_end + TimeDelta::hours(1);
            if done_at >= now_end {
                continue;
            }
            if rng.gen_ratio(1, 30) {
                decide(
                    tx,
                    pm,
                    id,
                    version,
                    ChangeAction::Withdraw,
                    "",
                    p.window_start - TimeDelta::days(1),
                )
                .await?;
                continue;
            }
            let outcome = if rng.gen_ratio(1, 20) {
                ChangeOutcome::Failed
            } else {
                ChangeOutcome::Succeeded
            };
            complete(
                tx,
                pm,
                id,
                version,
                ChangeResult {
                    outcome,
                    executed_start: p.window_start,
                    executed_end: p.window_end - TimeDelta::minutes(rng.gen_range(0..60)),
                    notes: match outcome {
                        ChangeOutcome::Failed => {
                            "適用後の動作確認で不具合を検知したため切り戻しを実施。業務影響なし。"
                                .into()
                        }
                        _ => "予定どおり完了し、動作確認を実施。業務影響なし。".into(),
                    },
                },
                done_at,
            )
            .await?;
        }
        month = NaiveDate::from_ymd_opt(
            if m == 12 { y + 1 } else { y },
            if m == 12 { 1 } else { m + 1 },
            1,
        )
        .unwrap_or(last + TimeDelta::days(1));
    }
    Ok(count)
}

fn proposal(
    kind: ChangeKind,
    outage_reason: Option<OutageReason>,
    release_kind: Option<ReleaseKind>,
    title: String,
    window_start: DateTime<Utc>,
    window_end: DateTime<Utc>,
) -> ChangeProposal {
    ChangeProposal {
        kind,
        outage_reason,
        release_kind,
        description: format!(
            "{title}を実施する。作業手順書に従い、作業前後にバックアップと動作確認を行う。"
        ),
        title,
        window_start,
        window_end,
        affected_systems: "生活保護レセプト管理システム 本番環境".into(),
        affected_offices: Vec::new(),
        impact: "作業時間中は全福祉事務所でシステムを利用できない。".into(),
        rollback_plan: "作業前に取得したバックアップから復元し、切り戻し後に動作確認を行う。"
            .into(),
        test_verification: None,
        instruction_ref: None,
    }
}

/// The last closed day of the month (003 2.1: regular releases on the month-end holiday).
fn month_end_holiday(y: i32, m: u32) -> NaiveDate {
    let cal = Calendar::default();
    let next = NaiveDate::from_ymd_opt(
        if m == 12 { y + 1 } else { y },
        if m == 12 { 1 } else { m + 1 },
        1,
    )
    .unwrap_or_default();
    let mut d = next - TimeDelta::days(1);
    while cal.is_open_day(d) {
        d -= TimeDelta::days(1);
    }
    d
}

fn first_weekday_after(d: NaiveDate) -> NaiveDate {
    Calendar::default().open_day_on_or_after(d)
}

// ---- incidents ---------------------------------------------------------------------------

/// (category, severity, title, summary, affected systems, concerns operation)
type IncidentTemplate = (
    hoshu_core::incident::IncidentCategory,
    hoshu_core::incident::Severity,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

const INCIDENT_TEMPLATES: &[IncidentTemplate] = {
    use hoshu_core::incident::IncidentCategory as C;
    use hoshu_core::incident::Severity as S;
    &[
        (
            C::JobFailure,
            S::High,
            "夜間バッチ（レセプト取込）の異常終了",
            "ジョブ監視で取込ジョブの異常終了（リターンコード 12）を検知。入力ファイルの件数不一致が原因と推定。",
            "レセプト管理システム 夜間バッチ",
            true,
        ),
        (
            C::JobFailure,
            S::Medium,
            "月次集計バッチの処理遅延",
            "月次集計ジョブが予定終了時刻を超過。前段ジョブの遅延による待ち合わせが発生。",
            "レセプト管理システム 月次バッチ",
            true,
        ),
        (
            C::JobFailure,
            S::High,
            "医療券発行データ作成ジョブの異常終了",
            "帳票出力ジョブがディスク容量不足で異常終了。一時領域の削除漏れを確認。",
            "レセプト管理システム 帳票サーバー",
            true,
        ),
        (
            C::Network,
            S::High,
            "拠点間回線の断（東区福祉事務所）",
            "東区福祉事務所からシステムへ接続できない旨の連絡。ルーター配下の通信断を確認。",
            "庁内ネットワーク 東区拠点",
            false,
        ),
        (
            C::Network,
            S::Medium,
            "VPN装置の瞬断による接続エラー",
            "複数拠点で一時的に画面がタイムアウト。VPN装置のセッション再確立を確認。",
            "VPN装置",
            false,
        ),
        (
            C::InfraMiddleware,
            S::Critical,
            "データベースサーバーの応答遅延",
            "全拠点で画面表示に30秒以上を要する。DBのロック待ちが多発。",
            "レセプト管理システム DBサーバー",
            false,
        ),
        (
            C::InfraMiddleware,
            S::High,
            "APサーバーのメモリ枯渇による再起動",
            "APサーバーでメモリ不足のアラートを検知し、サービスが停止。",
            "レセプト管理システム APサーバー",
            true,
        ),
        (
            C::Software,
            S::Medium,
            "レセプト一覧画面の表示不具合",
            "特定条件で検索するとレセプト一覧が空で表示される。",
            "レセプト管理システム 画面",
            false,
        ),
        (
            C::Software,
            S::Low,
            "帳票の和暦表示誤り",
            "一部帳票で改元前の年号が表示される。",
            "レセプト管理システム 帳票",
            false,
        ),
    ]
};

/// Two years of incidents with realistic timelines: most items met, some late, three
/// excluded by the chief. Deterministic for the seed.
async fn generate_incidents(
    tx: &mut Tx<'_>,
    rng: &mut ChaCha8Rng,
    people: &People,
    calendar: &Calendar,
    from: NaiveDate,
    end: DateTime<Utc>,
) -> AppResult<usize> {
    use crate::incidents::{
        ExclusionDecision, add_event, decide_exclusion, propose_exclusion, record,
    };
    use hoshu_core::incident::{
        ExclusionReason, IncidentCategory, NewIncident, TimelineEvent, TimelineEventKind as K,
    };
    let exclusions: [(usize, ExclusionReason, &str); 3] = [
        (
            4,
            ExclusionReason::NotContractorService,
            "通信事業者の広域障害による回線断。事業者の障害報告（公表資料）を確認した。",
        ),
        (
            13,
            ExclusionReason::ThirdPartyProduct,
            "OSベンダーが未公表だった不具合によるもの。ベンダーの回答書を確認した。",
        ),
        (
            21,
            ExclusionReason::DisasterOrAttack,
            "落雷による庁舎の停電に起因する。",
        ),
    ];
    let contractor = &people.contractors[0];
    let mut count = 0;
    let mut month = from;
    while tokyo_to_utc(month.and_time(NaiveTime::MIN)) < end {
        for _ in 0..rng.gen_range(1..=2) {
            let tpl = INCIDENT_TEMPLATES[rng.gen_range(0..INCIDENT_TEMPLATES.len())];
            let day = month + TimeDelta::days(rng.gen_range(0..28));
            let night = tpl.0 == IncidentCategory::JobFailure;
            let detected = at(
                day,
                if night {
                    rng.gen_range(0..6)
                } else {
                    rng.gen_range(8..18)
                },
                rng.gen_range(0..60),
            );
            if detected >= end {
                continue;
            }
            let late = rng.gen_range(0..10) == 0;
            let minutes =
                |rng: &mut ChaCha8Rng, lo: i64, hi: i64| TimeDelta::minutes(rng.gen_range(lo..=hi));
            let first_report = detected + minutes(rng, 5, if late { 45 } else { 25 });
            let isolation = detected + minutes(rng, 10, if late { 60 } else { 28 });
            let contact = isolation + minutes(rng, 2, 9);
            let follow_up = detected + minutes(rng, 50, 115);
            let recovery = detected + minutes(rng, 70, 280);
            let report_day =
                calendar.add_open_days(tokyo(recovery).date_naive(), if late { 2 } else { 1 });
            let report = at(report_day, rng.gen_range(9..17), rng.gen_range(0..60)).max(recovery);
            let mut events = vec![
                (K::FirstReport, first_report, "市担当者へ電話で一次報告。"),
                (
                    K::FirstIsolation,
                    isolation,
                    "ログと監視画面から影響範囲を切り分け。",
                ),
                (K::ContactFixer, contact, "対処担当（基盤チーム）へ連絡。"),
                (K::FollowUpReport, follow_up, "調査状況をメールで続報。"),
                (K::Recovery, recovery, "復旧を確認し、各拠点へ周知。"),
                (K::IncidentReport, report, "障害報告書を提出。"),
            ];
            if tpl.5 {
                let meeting = at(calendar.add_open_days(report_day, 2), 14, 0);
                let revision = at(calendar.add_open_days(meeting.date_naive(), 3), 16, 0);
                events.push((K::PreventionMeeting, meeting, "再発防止検討会を開催。"));
                events.push((K::ManualRevision, revision, "運用手順書を改版。"));
            }
            let id = record(
                tx,
                contractor,
                NewIncident {
                    detected_at: detected,
                    category: tpl.0,
                    severity: tpl.1,
                    title: tpl.2.to_string(),
                    summary: tpl.3.to_string(),
                    affected_offices: Vec::new(),
                    affected_systems: tpl.4.to_string(),
                    linked_requests: Vec::new(),
                },
                tpl.5,
                detected,
            )
            .await?;
            let mut version = 1;
            events.sort_by_key(|e| e.1);
            for (kind, when, note) in events {
                if when >= end {
                    break;
                }
                let event = TimelineEvent {
                    kind,
                    at: when,
                    note: note.to_string(),
                };
                version = add_event(tx, contractor, id, version, event, when).await?;
            }
            if let Some((_, reason, note)) = exclusions.iter().find(|(k, _, _)| *k == count) {
                let when = (detected + TimeDelta::days(3)).min(end);
                version =
                    propose_exclusion(tx, contractor, id, version, *reason, note, when).await?;
                let decided = (when + TimeDelta::days(2)).min(end);
                decide_exclusion(
                    tx,
                    &people.chief,
                    id,
                    version,
                    ExclusionDecision {
                        approve: true,
                        reason: *reason,
                        note: note.to_string(),
                        comment: String::new(),
                    },
                    decided,
                )
                .await?;
            }
            count += 1;
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(month + TimeDelta::days(31));
    }
    Ok(count)
}

// ---- deliverables: meetings, the issue register, the plan, the contract ----------------------

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

mod deliverables {
    use super::{DemoDeliverables, People, at};
    use crate::error::AppResult;
    use crate::meetings::{minutes_step, record_meeting};
    use crate::register::{add_item, edit_item};
    use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc, Weekday};
    use hoshu_core::calendar::Calendar;
    use hoshu_core::contract::ContractInfo;
    use hoshu_core::meeting::{
        ActionItem, Attendee, MeetingKind, MinutesAction, NewMeeting, NextMeeting, Side,
        minutes_due,
    };
    use hoshu_core::plan::PlanSection;
    use hoshu_core::register::{IssueCategory, IssueInput, IssuePriority, IssueStatus};
    use hoshu_store::Tx;
    use rand::Rng;
    use rand_chacha::ChaCha8Rng;

    /// Register items in all, action items of the meetings included.
    const REGISTER_ITEMS: usize = 1_000;
    const CONTRACTOR_COMPANY: &str = "株式会社吉備情報システム";
    const SECTION: &str = "生活保護・自立支援課";
    const CITY_PEOPLE: &[(&str, &str)] = &[("課長", "岡本 誠"), ("主査", "藤田 明美")];
    const CONTRACTOR_PEOPLE: &[(&str, &str)] = &[
        ("業務責任者", "小川 健"),
        ("作業責任者", "内田 恵"),
        ("SE", "大西 亮"),
        ("SE", "岩崎 舞"),
        ("オペレータ", "平田 翼"),
    ];
    const OWNERS: &[&str] = &["小川 健", "内田 恵", "大西 亮", "岩崎 舞", "平田 翼"];
    const FORMS: &[&str] = &[
        "医療券",
        "調剤券",
        "点検結果一覧表",
        "月次集計表",
        "返戻一覧表",
        "過誤調整一覧表",
    ];
    const REVISIONS: &[&str] = &[
        "診療報酬改定",
        "生活保護法施行規則の改正",
        "医療扶助のオンライン資格確認",
        "公費負担者番号の変更",
        "標準仕様書の改版",
    ];
    const SITES: &[&str] = &[
        "北区中央福祉事務所",
        "北区北福祉事務所",
        "中区福祉事務所",
        "東区福祉事務所",
        "南区西福祉事務所",
        "南区南福祉事務所",
    ];

    /// (分類, 優先度, タイトル, 内容, 対応内容): `{f}` a form, `{r}` a revision, `{s}` a site,
    /// `{m}` a month, `{n}` a number.
    type IssueTemplate = (
        IssueCategory,
        IssuePriority,
        &'static str,
        &'static str,
        &'static str,
    );
    const ISSUES: &[IssueTemplate] = {
        use IssueCategory as C;
        use IssuePriority as P;
        &[
            (
                C::Improvement,
                P::Medium,
                "帳票改善（{f}の印字項目）",
                "{s}から、{f}の印字項目と配置について改善要望があった。現行様式との差異を整理する。",
                "改善案を作成し定例会議で合意。{m}月定期リリースで反映し、印字結果を確認した。",
            ),
            (
                C::Operation,
                P::Medium,
                "外字運用ルールの見直し",
                "外字登録依頼の受付から反映までの手順が拠点ごとに異なり、登録漏れが{n}件発生した。",
                "外字登録手順書を改版し、全福祉事務所へ周知。登録状況を月次で確認する運用とした。",
            ),
            (
                C::Fault,
                P::High,
                "夜間バッチの処理遅延（{m}月）",
                "{m}月の月次バッチの終了が予定より{n}分遅延し、朝の業務開始に影響するおそれがあった。",
                "統計情報の更新とインデックス再構築を実施。以降の処理時間が通常範囲に戻ったことを確認した。",
            ),
            (
                C::LawRevision,
                P::High,
                "制度改正対応（{r}）",
                "{r}に伴うシステム改修の要否と影響範囲を確認する。",
                "影響調査結果を本市へ報告し、改修範囲を合意。検証環境での確認後、定期リリースで反映した。",
            ),
            (
                C::Security,
                P::High,
                "セキュリティパッチ適用方針（{m}月公開分）",
                "{m}月公開のOS・ミドルウェアのセキュリティパッチについて、適用要否と適用日程を決める。",
                "検証環境で動作確認後、計画停止にて本番環境へ適用。適用結果を本市へ報告した。",
            ),
            (
                C::Operation,
                P::Low,
                "バックアップ取得結果の確認手順",
                "日次バックアップの取得結果の確認方法が担当者により異なる。",
                "確認手順を運用手順書に追記し、チェックリストで記録する運用に統一した。",
            ),
            (
                C::Operation,
                P::Medium,
                "業務端末のOSバージョンアップ影響確認",
                "本市の業務端末のOS更新（{m}月予定）に伴う、画面・帳票出力への影響を確認する。",
                "検証端末で全画面・主要帳票の動作を確認し、影響なしと本市へ報告した。",
            ),
            (
                C::Improvement,
                P::Medium,
                "検索画面の応答性能改善",
                "レセプト検索で条件を広く指定すると応答に{n}秒以上かかる。",
                "検索SQLを見直し、応答時間を2秒以内に改善。{m}月定期リリースで反映した。",
            ),
            (
                C::Other,
                P::Low,
                "操作研修資料の更新（{s}）",
                "新任職員向け操作研修資料が現行画面と一部異なる。",
                "研修資料を最新画面で更新し、{s}での研修で使用した。",
            ),
            (
                C::Security,
                P::Medium,
                "アカウント棚卸し（{m}月）",
                "人事異動に伴い、不要となったアカウントの有無を確認する。",
                "所属長の確認結果に基づき、不要アカウント{n}件を無効化した。",
            ),
            (
                C::Operation,
                P::Low,
                "ガバメントクラウド利用状況の月次確認",
                "{m}月分のガバメントクラウドのリソース使用状況を確認し、過不足を評価する。",
                "使用率に問題なし。結果を月次報告に記載した。",
            ),
            (
                C::Fault,
                P::Medium,
                "帳票印刷時の文字化け（{f}）",
                "{s}で{f}を印刷すると、氏名の一部が「・」で印字される。",
                "未登録の外字が原因。外字を登録し、印字結果を確認した。",
            ),
            (
                C::Improvement,
                P::Low,
                "CSV出力項目の追加要望",
                "{f}のCSV出力に「返戻理由」列を追加してほしいとの要望。",
                "出力項目を追加し、{m}月定期リリースで反映した。",
            ),
            (
                C::Operation,
                P::Medium,
                "月次報告書の様式見直し",
                "月次報告書のSLA項目の記載方法について本市から見直しの依頼があった。",
                "様式案を作成し定例会議で合意。{m}月分から新様式で報告している。",
            ),
            (
                C::LawRevision,
                P::Medium,
                "標準仕様書改版への対応検討",
                "標準仕様書の改版内容を確認し、運用保守の範囲で対応可能かを整理する。",
                "改修規模と工数の根拠資料を作成して本市へ提出。運用保守の範囲で対応することで合意した。",
            ),
            (
                C::Security,
                P::Medium,
                "不正プログラム対策ソフトのパターン更新確認",
                "{m}月にパターンファイルの更新遅延が{n}台で発生した。",
                "配信設定を修正し、全台で最新パターンが適用されていることを確認した。",
            ),
        ]
    };

    /// Agenda, discussion, decisions and action items by kind of meeting.
    const DECISIONS: &[&str] = &[
        "帳票改善は次回の定期リリースで対応する。",
        "計画停止の日程を案のとおりとし、福祉事務所へ周知する。",
        "外字登録の依頼は所定様式で受け付ける。",
        "セキュリティパッチは検証環境で確認後に適用する。",
        "月次報告書の様式を新様式に変更する。",
        "稼働時間延長の依頼は3開庁日前までに行う。",
    ];
    const ACTIONS: &[&str] = &[
        "帳票改善案の作成と提示",
        "計画停止のお知らせ文案の作成",
        "外字登録状況の一覧化",
        "バッチ処理時間の推移の報告",
        "制度改正に伴う影響調査",
        "研修資料の更新",
        "セキュリティパッチ適用結果の報告",
    ];

    struct Planned {
        kind: MeetingKind,
        starts_at: DateTime<Utc>,
        minutes: i64,
    }

    fn fill(text: &str, rng: &mut ChaCha8Rng, day: NaiveDate) -> String {
        text.replace("{f}", FORMS[rng.gen_range(0..FORMS.len())])
            .replace("{r}", REVISIONS[rng.gen_range(0..REVISIONS.len())])
            .replace("{s}", SITES[rng.gen_range(0..SITES.len())])
            .replace("{m}", &day.month().to_string())
            .replace("{n}", &rng.gen_range(2..40).to_string())
    }

    fn nth_weekday(y: i32, m: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
        NaiveDate::from_weekday_of_month_opt(y, m, weekday, n)
    }

    /// Every meeting of the period, by start.
    fn schedule(cal: &Calendar, from: NaiveDate, today: NaiveDate) -> Vec<Planned> {
        let mut list = Vec::new();
        let mut month = from.with_day(1).unwrap_or(from);
        while month <= today {
            let (y, m) = (month.year(), month.month());
            for n in [2, 4] {
                if let Some(d) = nth_weekday(y, m, Weekday::Wed, n) {
                    let d = cal.open_day_on_or_after(d);
                    list.push(Planned {
                        kind: MeetingKind::Regular,
                        starts_at: at(d, 14, 0),
                        minutes: 90,
                    });
                }
            }
            if let Some(d) = nth_weekday(y, m, Weekday::Mon, 1) {
                let d = cal.open_day_on_or_after(d);
                list.push(Planned {
                    kind: MeetingKind::ScheduleReview,
                    starts_at: at(d, 10, 0),
                    minutes: 60,
                });
            }
            month = NaiveDate::from_ymd_opt(
                if m == 12 { y + 1 } else { y },
                if m == 12 { 1 } else { m + 1 },
                1,
            )
            .unwrap_or(today + TimeDelta::days(1));
        }
        let mut d = from;
        while d.weekday() != Weekday::Fri {
            d += TimeDelta::days(1);
        }
        while d < today {
            if cal.is_open_day(d) {
                list.push(Planned {
                    kind: MeetingKind::GroupProgress,
                    starts_at: at(d, 16, 0),
                    minutes: 30,
                });
            }
            d += TimeDelta::days(7);
        }
        list.retain(|p| p.starts_at >= at(from, 0, 0) && p.starts_at < at(today, 0, 0));
        list.sort_by_key(|p| p.starts_at);
        list
    }

    fn attendees(rng: &mut ChaCha8Rng, kind: MeetingKind) -> Vec<Attendee> {
        let city: &[(&str, &str)] = match kind {
            MeetingKind::GroupProgress => &CITY_PEOPLE[1..],
            _ => CITY_PEOPLE,
        };
        let contractor: &[(&str, &str)] = match kind {
            MeetingKind::GroupProgress => CONTRACTOR_PEOPLE,
            _ => &CONTRACTOR_PEOPLE[..3],
        };
        let mut list = Vec::new();
        for (side, org, people) in [
            (Side::City, SECTION, city),
            (Side::Contractor, CONTRACTOR_COMPANY, contractor),
        ] {
            for (i, (title, name)) in people.iter().enumerate() {
                list.push(Attendee {
                    side,
                    organisation: org.into(),
                    title: (*title).into(),
                    name: (*name).into(),
                    // The first of each side always comes; others now and then miss one.
                    present: i == 0 || !rng.gen_ratio(1, 8),
                });
            }
        }
        list
    }

    fn content(
        rng: &mut ChaCha8Rng,
        p: &Planned,
        number: usize,
        next: Option<&Planned>,
    ) -> NewMeeting {
        let day = hoshu_core::calendar::tokyo(p.starts_at).date_naive();
        let (m, d) = (day.month(), day.day());
        let last_month = if m == 1 { 12 } else { m - 1 };
        let next_month = if m == 12 { 1 } else { m + 1 };
        let (title, place, handouts, agenda, discussion) = match p.kind {
            MeetingKind::Regular => (
                format!("第{number}回 定例会議"),
                "岡山市役所 本庁舎 第3会議室",
                vec![
                    format!("資料1 {last_month}月 運用状況報告書"),
                    "資料2 課題管理表".into(),
                    "資料3 作業予定表".into(),
                ],
                vec![
                    "前回議事録の確認".into(),
                    format!("{last_month}月の運用状況（依頼・障害・SLA）"),
                    "課題管理表の確認".into(),
                    "今後の予定（定期リリース・計画停止）".into(),
                    "その他".into(),
                ],
                format!(
                    "受託者より資料1に基づき{last_month}月の運用状況を報告した。依頼受付{}件、うち回答済{}件。\
                     障害は{}件で、いずれもSLAの目標時間内に一次報告を行った。\n\
                     課題管理表について、対応中の課題の進捗を確認した。本市より、帳票改善の要望は福祉事務所の意見を取りまとめて提示するとの発言があった。\n\
                     受託者より、{next_month}月の定期リリースと月次メンテナンスの予定を説明し、本市了承。",
                    rng.gen_range(30..70),
                    rng.gen_range(25..30),
                    rng.gen_range(0..3)
                ),
            ),
            MeetingKind::ScheduleReview => (
                format!("{m}月 業務日程レビュー"),
                "岡山市役所 本庁舎 第3会議室",
                vec![format!("資料1 {m}月・{next_month}月 業務日程表")],
                vec![
                    "月次バッチ・審査支払の日程".into(),
                    "計画停止・定期リリースの日程".into(),
                    "閉庁日・稼働時間延長の確認".into(),
                ],
                format!(
                    "資料1に基づき、{m}月及び{next_month}月の業務日程を確認した。月次バッチは第{}開庁日に実行する。\n\
                     閉庁日の前後に予定する計画停止について、福祉事務所への周知を1週間前までに行うことを確認した。",
                    rng.gen_range(2..5)
                ),
            ),
            _ => (
                format!("グループ進捗会議（{m}月{d}日）"),
                "受託者 岡山事業所 会議室（Web会議併用）",
                vec!["資料1 週次進捗表".into()],
                vec![
                    "今週の依頼・作業の進捗".into(),
                    "来週の作業予定".into(),
                    "課題・リスクの共有".into(),
                ],
                format!(
                    "週次進捗表に基づき、対応中の依頼{}件と作業予定を確認した。遅延している作業はない。",
                    rng.gen_range(3..15)
                ),
            ),
        };
        let decisions = (0..rng.gen_range(0..=2))
            .map(|_| DECISIONS[rng.gen_range(0..DECISIONS.len())].to_owned())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let action_count = match p.kind {
            MeetingKind::GroupProgress => rng.gen_range(0..=1),
            _ => rng.gen_range(1..=3),
        };
        let mut action_items: Vec<ActionItem> = Vec::new();
        for _ in 0..action_count {
            let description = ACTIONS[rng.gen_range(0..ACTIONS.len())];
            if action_items.iter().any(|a| a.description == description) {
                continue;
            }
            action_items.push(ActionItem {
                description: description.into(),
                owner: OWNERS[rng.gen_range(0..OWNERS.len())].into(),
                due: day + TimeDelta::days(rng.gen_range(7..35)),
            });
        }
        NewMeeting {
            kind: p.kind,
            title,
            starts_at: p.starts_at,
            ends_at: p.starts_at + TimeDelta::minutes(p.minutes),
            place: place.into(),
            attendees: attendees(rng, p.kind),
            handouts,
            agenda,
            discussion,
            decisions,
            action_items,
            next_meeting: next.map(|n| NextMeeting {
                starts_at: n.starts_at,
                place: place.into(),
            }),
        }
    }

    /// A register item raised on `day`, in the state it has reached by `today`.
    fn issue(rng: &mut ChaCha8Rng, day: NaiveDate, today: NaiveDate) -> IssueInput {
        let (category, priority, title, content, progress) = ISSUES[rng.gen_range(0..ISSUES.len())];
        let age = (today - day).num_days();
        let roll = rng.gen_range(0..100);
        let status = if age > 60 {
            match roll {
                0..92 => IssueStatus::Done,
                92..96 => IssueStatus::OnHold,
                _ => IssueStatus::InProgress,
            }
        } else {
            match roll {
                0..40 => IssueStatus::Done,
                40..75 => IssueStatus::InProgress,
                75..95 => IssueStatus::Open,
                _ => IssueStatus::OnHold,
            }
        };
        let completed_on = (status == IssueStatus::Done)
            .then(|| (day + TimeDelta::days(rng.gen_range(2..45))).min(today));
        let progress = match status {
            IssueStatus::Done => fill(progress, rng, completed_on.unwrap_or(day)),
            IssueStatus::InProgress => format!(
                "{}/{} 調査・対応方針を検討中。",
                day.month(),
                (day + TimeDelta::days(3)).day()
            ),
            IssueStatus::OnHold => "本市の方針決定待ちのため保留。".into(),
            IssueStatus::Open => String::new(),
        };
        let raised_by = if rng.gen_ratio(1, 3) {
            CITY_PEOPLE[rng.gen_range(0..CITY_PEOPLE.len())].1
        } else {
            OWNERS[rng.gen_range(0..OWNERS.len())]
        };
        IssueInput {
            raised_on: day,
            raised_by: raised_by.into(),
            category,
            title: fill(title, rng, day),
            content: fill(content, rng, day),
            priority,
            owner: OWNERS[rng.gen_range(0..OWNERS.len())].into(),
            due: Some(day + TimeDelta::days(rng.gen_range(14..90))),
            status,
            progress,
            completed_on,
            meeting_id: None,
            request_id: None,
        }
    }

    pub(super) async fn generate(
        tx: &mut Tx<'_>,
        rng: &mut ChaCha8Rng,
        people: &People,
        from: NaiveDate,
        today: NaiveDate,
    ) -> AppResult<DemoDeliverables> {
        let cal = Calendar::default();
        let pm = &people.contractors[0];
        let chief = &people.chief;
        let end = at(today, 8, 0);
        let setup = at(from - TimeDelta::days(5), 10, 0);

        crate::contract::save(
            tx,
            pm,
            &ContractInfo {
                contract_number: format!("岡保自第{}号", from.year() - 2018),
                contractor_name: CONTRACTOR_COMPANY.into(),
                contractor_address: "岡山市北区磨屋町3番10号".into(),
                contractor_representative: "代表取締役　吉備 正和".into(),
                signed_on: Some(from - TimeDelta::days(7)),
                period_from: from,
                period_to: NaiveDate::from_ymd_opt(from.year() + 2, 3, 31).unwrap_or(today),
                city_responsible: "生活保護・自立支援課長 岡本 誠".into(),
                contractor_responsible: "小川 健".into(),
                contractor_deputy: "内田 恵".into(),
                ..ContractInfo::default()
            },
            setup,
        )
        .await?;

        let mut plan_versions = 0;
        for (i, section) in PlanSection::ALL.iter().enumerate() {
            let when = setup + TimeDelta::hours(i64::try_from(i).unwrap_or(0));
            crate::plan::save_section(tx, pm, *section, 0, &plan_text(*section, 1), when).await?;
            plan_versions += 1;
        }
        // The plan is revised once for the second year.
        let revised = at(from + TimeDelta::days(365), 10, 0);
        if revised < end {
            for section in [PlanSection::Organisation, PlanSection::AnnualPlan] {
                crate::plan::save_section(tx, pm, section, 1, &plan_text(section, 2), revised)
                    .await?;
                plan_versions += 1;
            }
        }

        // Meetings and register items, in date order so that numbers follow the days.
        let meetings = schedule(&cal, from, today);
        let overdue = meetings
            .iter()
            .rposition(|p| minutes_due(p.starts_at, &cal) < today);
        let held_on = |p: &Planned| hoshu_core::calendar::tokyo(p.starts_at).date_naive();
        let submit_at_of = |p: &Planned| at(cal.add_open_days(held_on(p), 2), 17, 0);
        // The newest minutes that could be handed in wait for the section's approval.
        let submitted_only = (0..meetings.len())
            .rev()
            .find(|&i| Some(i) != overdue && submit_at_of(&meetings[i]) < end);
        let register_start = today - TimeDelta::days(730);
        let mut days: Vec<NaiveDate> = Vec::new();
        let mut day = register_start;
        while day < today {
            if cal.is_open_day(day) {
                days.push(day);
            }
            day += TimeDelta::days(1);
        }
        // Roughly 1.1 action items per meeting come on top of the ad-hoc items.
        let ad_hoc = REGISTER_ITEMS.saturating_sub(meetings.len() * 11 / 10);
        let mut raised: Vec<NaiveDate> = (0..ad_hoc)
            .map(|i| days[i * days.len() / ad_hoc.max(1)])
            .collect();
        raised.sort();

        let mut regular_no = 0;
        let mut items = 0;
        let mut open_links: Vec<(i64, i64, NaiveDate)> = Vec::new();
        let mut next_item = 0;
        for (i, p) in meetings.iter().enumerate() {
            let held = held_on(p);
            while next_item < raised.len() && raised[next_item] <= held {
                let d = raised[next_item];
                add_item(tx, pm, issue(rng, d, today), at(d, 10, 30)).await?;
                items += 1;
                next_item += 1;
            }
            if p.kind == MeetingKind::Regular {
                regular_no += 1;
            }
            let m = content(rng, p, regular_no, meetings.get(i + 1));
            let ends_at = m.ends_at;
            let recorded = record_meeting(tx, pm, m, ends_at + TimeDelta::hours(18)).await?;
            for link in &recorded.register_items {
                open_links.push((link.id, 1, held));
            }
            items += recorded.register_items.len();
            let submit_at = submit_at_of(p);
            let approve_at = at(cal.add_open_days(held, 4), 11, 0);
            // The overdue one stays 作成中 past its due day; the newest ones are not done yet.
            if Some(i) == overdue || submit_at >= end {
                continue;
            }
            minutes_step(tx, pm, recorded.id, 1, MinutesAction::Submit, "", submit_at).await?;
            if Some(i) != submitted_only && approve_at < end {
                minutes_step(
                    tx,
                    chief,
                    recorded.id,
                    2,
                    MinutesAction::Approve,
                    "内容を確認しました。承認します。",
                    approve_at,
                )
                .await?;
            }
        }
        while next_item < raised.len() {
            let d = raised[next_item];
            add_item(tx, pm, issue(rng, d, today), at(d, 10, 30)).await?;
            items += 1;
            next_item += 1;
        }

        // Action items older than a month are done; the rest are being worked on.
        for (id, version, held) in open_links {
            let done_on = held + TimeDelta::days(rng.gen_range(7..30));
            let Some(item) = tx.get_register_item(id).await? else {
                continue;
            };
            let mut input = item.item;
            if done_on < today - TimeDelta::days(7) {
                input.status = IssueStatus::Done;
                input.completed_on = Some(done_on);
                input.progress = format!(
                    "{}/{} 対応完了。定例会議で報告し、本市の確認を得た。",
                    done_on.month(),
                    done_on.day()
                );
            } else {
                input.status = IssueStatus::InProgress;
                input.progress = "対応中。次回の定例会議で進捗を報告する。".into();
            }
            let when = at(done_on.min(today - TimeDelta::days(1)), 16, 0);
            edit_item(tx, pm, id, version, input, when).await?;
        }

        Ok(DemoDeliverables {
            meetings: meetings.len(),
            register_items: items,
            plan_versions,
        })
    }

    /// The plan's text, after the specification (000) and the contract's practice.
    fn plan_text(section: PlanSection, version: i64) -> String {
        let text: &str = match (section, version) {
            (PlanSection::Policy, _) => {
                "本計画書は、岡山市生活保護レセプト管理システム（以下「レセプト管理システム」という。）を構成するサーバ機器等が正常かつ円滑に稼働するよう、その運用保守の方針、体制及び手順を定めるものである。\n\
                 1. レセプト管理システムはガバメントクラウド（AWS、共同利用方式）上に構築されており、受託者は「ガバメントクラウド運用管理補助事業者」として運用管理を補助する。\n\
                 2. 本市の開庁日の8時から19時までを稼働時間とし、この間の安定稼働を最優先とする。\n\
                 3. 計画停止（アップデートファイルの適用、不具合修正、セキュリティパッチの適用等）は、事前に本市の承認を得て実施する。\n\
                 4. 岡山市情報セキュリティポリシー及び関係法令を遵守し、個人情報を適切に取り扱う。\n\
                 5. サービスレベル合意書（SLA）に定める指標を測定・報告し、年度末に本市のサービスレベル評価を受ける。"
            }
            (PlanSection::Organisation, 1) => {
                "【本市】保健福祉局障害・生活福祉部生活保護・自立支援課が事業全体を統括する。各福祉事務所（6拠点）はシステム利用部署として、課題管理やテスト検証に協力する。\n\
                 【受託者】業務責任者（プロジェクト責任者）1名、作業責任者（プロジェクト管理者）1名、SE 2名、オペレータ 2名の体制とする。\n\
                 ・業務責任者：本業務全体の管理、本市との協議、定例会議の主催\n\
                 ・作業責任者：作業計画の作成、作業の指揮、品質管理\n\
                 ・SE：依頼対応、障害対応、制度改正対応、リリース作業\n\
                 ・オペレータ：監視、バッチ運用、一次受付\n\
                 関係事業者との役割分担は、別紙3「現行システムの運用保守における役割分担」による。"
            }
            (PlanSection::Organisation, _) => {
                "【本市】保健福祉局障害・生活福祉部生活保護・自立支援課が事業全体を統括する。各福祉事務所（6拠点）はシステム利用部署として、課題管理やテスト検証に協力する。\n\
                 【受託者】業務責任者（プロジェクト責任者）1名、作業責任者（プロジェクト管理者）1名、SE 2名、オペレータ 2名の体制とする。2年目より、制度改正対応の増加に備えSE 1名を兼務で追加する。\n\
                 ・業務責任者：本業務全体の管理、本市との協議、定例会議の主催\n\
                 ・作業責任者：作業計画の作成、作業の指揮、品質管理\n\
                 ・SE：依頼対応、障害対応、制度改正対応、リリース作業\n\
                 ・オペレータ：監視、バッチ運用、一次受付\n\
                 関係事業者との役割分担は、別紙3「現行システムの運用保守における役割分担」による。"
            }
            (PlanSection::Operations, _) => {
                "1. 問い合わせ・調査依頼・作業依頼（マスタ設定変更、スケジュール変更、データリカバリ、外字登録、操作研修支援）の受付と対応\n\
                 2. 夜間バッチ・月次バッチの運用と結果確認\n\
                 3. 定期リリース（月末の閉庁日）、緊急リリースの実施\n\
                 4. OS・ミドルウェアのセキュリティパッチ適用（本市の承認を得た計画停止による）\n\
                 5. 稼働時間延長の依頼への対応\n\
                 6. 制度改正及び標準仕様書改版に伴うシステム改修（原則として運用保守の範囲で実施）\n\
                 7. 月次報告、年次報告資料（SLA内の項目）の作成"
            }
            (PlanSection::Monitoring, _) => {
                "稼働時間中は、サーバの死活、CPU・メモリ・ディスク使用率、バッチジョブの終了状態、画面応答時間を常時監視する。\n\
                 閾値を超えた場合はオペレータが検知し、インシデントとして記録する。\n\
                 ガバメントクラウドのリソース使用状況は月次で確認し、結果を月次報告に記載する。\n\
                 システムログ（個人情報へのアクセス状況を含む）は契約期間終了まで保存し、改ざん・消去を防止する。"
            }
            (PlanSection::IncidentManagement, _) => {
                "インシデントは検知から解決まで一件ごとに記録し、時系列（検知、一次報告、切り分け、連絡、対応、暫定報告、障害報告）を残す。\n\
                 分類：ジョブ異常、ネットワーク、基盤・ミドルウェア、ソフトウェア、その他\n\
                 重要度：緊急、高、中、低\n\
                 受託者に帰責性のない事象（ガバメントクラウドの障害、災害、外部からの攻撃等）は、本市の判断によりSLAの評価対象から除外する。\n\
                 ヘルプデスク運用、インシデント管理においては、ナレッジ管理用ツールを活用し、情報を蓄積・共有する。"
            }
            (PlanSection::FailureFlow, _) => {
                "1. 検知：監視又は利用者からの連絡により障害を確知する。\n\
                 2. 一次報告：確知からおおむね30分以内に、障害発生の確認、障害内容の概略をメール等で本市に連絡する。\n\
                 3. 切り分け：原因箇所を特定し、対応方針を決める。\n\
                 4. 途中報告：確知からおおむね2時間以内に、調査状況や対応状況を報告する。以降は状況変更の都度報告する。\n\
                 5. 対応：復旧作業を行い、業務への影響を確認する。\n\
                 6. 暫定報告：対応完了時点で判明している原因と一連の対応を取りまとめ、報告する。\n\
                 7. 障害報告書：原因、対応、再発防止策を障害報告書にまとめ提出する。\n\
                 8. 再発防止：手順書・マニュアルを改版し、課題管理表で完了まで管理する。"
            }
            (PlanSection::DataManagement, _) => {
                "データベース（約50GB）は日次でバックアップを取得し、取得結果をチェックリストで確認する。画像データ（約120GB、約290万ファイル）は週次で差分を取得する。\n\
                 バックアップは世代管理し、データリカバリの依頼には前日分から復元できるようにする。\n\
                 個人情報を含む電子ファイルの一時的な複製は必要最小限とし、処理終了後は速やかに再利用できない状態まで消去する。\n\
                 本市から貸与された資料は、指定の日までに返却又は復旧不可能な形で破砕する。"
            }
            (PlanSection::AnnualPlan, 1) => {
                "4月：業務責任者届・委託業務着手届・工程表の提出、運用保守計画書の提出\n\
                 毎月：定例会議（月2回）、業務日程レビュー、月次メンテナンス、定期リリース（月末の閉庁日）、月次報告\n\
                 毎週：グループ進捗会議\n\
                 6月・9月・12月・3月：セキュリティパッチ適用（計画停止）\n\
                 10月：情報セキュリティ監査への対応（本市が必要と判断した場合）\n\
                 3月：年次報告資料（SLA内の項目）の提出、サービスレベル評価、委託業務完了通知書の提出"
            }
            (PlanSection::AnnualPlan, _) => {
                "4月：業務責任者届・委託業務着手届・工程表の提出（変更があった場合）、運用保守計画書（改訂版）の提出\n\
                 毎月：定例会議（月2回）、業務日程レビュー、月次メンテナンス、定期リリース（月末の閉庁日）、月次報告\n\
                 毎週：グループ進捗会議\n\
                 6月・9月・12月・3月：セキュリティパッチ適用（計画停止）\n\
                 8月：診療報酬改定に伴う改修の影響調査\n\
                 10月：情報セキュリティ監査への対応（本市が必要と判断した場合）\n\
                 3月：年次報告資料（SLA内の項目）の提出、サービスレベル評価、委託業務完了通知書の提出"
            }
            (PlanSection::Improvement, _) => {
                "定例会議で課題管理表を確認し、運用の中で発生した課題とその対応策を管理する。\n\
                 障害・依頼の傾向を月次で分析し、再発防止策や手順書の改善を提案する。\n\
                 現行システムから大きく乖離する機能について本市から確認があった場合は、次期システムの機能を踏まえた対応方法を助言・提案する。\n\
                 年度末のサービスレベル評価の結果を翌年度の計画に反映する。"
            }
        };
        text.to_owned()
    }
}

/// Requests written per transaction when the demo is grown to a large size.
const GROW_BATCH: usize = 5_000;

impl Hoshu {
    /// Grows the demo data to `target` requests (for the search and list benchmarks): the
    /// extra ones are answered and closed requests from the same templates, spread over the
    /// demo's period, each with a reference number of its own (`整理番号 R000123`) so rare
    /// terms exist. They are written straight to the store in batches, one audit entry per
    /// batch; the search index follows at each commit. Answers how many were added.
    pub async fn grow_demo_requests(
        &self,
        seed: u64,
        today: NaiveDate,
        target: usize,
    ) -> AppResult<usize> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5EA2C4);
        let calendar = DeskSettings::default().calendar();
        let mut added = 0;
        loop {
            let mut tx = self.begin().await?;
            let existing = usize::try_from(tx.count_requests().await?).unwrap_or(usize::MAX);
            if existing >= target {
                return Ok(added);
            }
            let accounts = tx.list_accounts().await?;
            let staff: Vec<_> = accounts.iter().filter(|a| a.role == Role::Staff).collect();
            let contractor = accounts
                .iter()
                .find(|a| a.role == Role::Contractor)
                .ok_or_else(|| {
                    AppError::new(
                        ErrorCode::Validation,
                        "受託者のアカウントがありません。先に `hoshu demo` でデモデータを作成してください。",
                    )
                })?;
            if staff.is_empty() {
                return Err(AppError::new(
                    ErrorCode::Validation,
                    "職員のアカウントがありません。先に `hoshu demo` でデモデータを作成してください。",
                ));
            }
            let from = today - TimeDelta::days(730);
            let batch = (target - existing).min(GROW_BATCH);
            for i in 0..batch {
                let number = existing + i + 1;
                let filer = staff[rng.gen_range(0..staff.len())];
                let template = &TEMPLATES[rng.gen_range(0..TEMPLATES.len())];
                let day = from + TimeDelta::days(rng.gen_range(0..730));
                let detail = detail(&mut rng, day);
                let filed = office_moment(&mut rng, &calendar, day);
                let id = tx
                    .insert_request(
                        &hoshu_store::NewRequestRow {
                            kind: template.kind,
                            work_sub_kind: template.sub,
                            office: filer.office.clone(),
                            title: template.title.to_owned(),
                            body: format!(
                                "{}（整理番号 R{number:06}）",
                                template.body.replace("{}", &detail)
                            ),
                            filed_by: filer.id,
                        },
                        filed,
                    )
                    .await?;
                let answered =
                    calendar.add_service_time(filed, TimeDelta::minutes(rng.gen_range(30..600)));
                tx.set_request_status(
                    id,
                    1,
                    hoshu_core::request::RequestStatus::Answered,
                    Some(&template.answer.replace("{}", &detail)),
                    answered,
                )
                .await?;
                tx.set_request_status(
                    id,
                    2,
                    hoshu_core::request::RequestStatus::Closed,
                    None,
                    calendar
                        .add_service_time(answered, TimeDelta::minutes(rng.gen_range(30..1500))),
                )
                .await?;
                if rng.gen_ratio(1, 3) {
                    tx.insert_comment(
                        id,
                        contractor.id,
                        COMMENTS_BY_CONTRACTOR[number % COMMENTS_BY_CONTRACTOR.len()],
                        answered,
                    )
                    .await?;
                }
            }
            let now = self.now();
            tx.append_audit(
                hoshu_core::audit::AuditEvent {
                    actor: "demo".into(),
                    action: "demo.grow_requests".into(),
                    target: "requests".into(),
                    summary: format!("デモデータの依頼を {batch} 件追加"),
                },
                now,
            )
            .await?;
            tx.commit().await?;
            added += batch;
            tracing::info!(added, target, "demo requests grown");
        }
    }
}
