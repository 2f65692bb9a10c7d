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
                plan_request(&mut rng, &calendar, &mut schedule, idx, filed, end);
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
    Ok(DemoSummary {
        accounts,
        requests: plans.len(),
        comments,
        changes,
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
        t = after(rng, t, 240);
        schedule.push((t, Step::Comment(i, true)));
    }
    if rng.gen_ratio(1, 4) {
        t = after(rng, t, 240);
        schedule.push((t, Step::Comment(i, false)));
    }
    t = after(rng, t, 1200);
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
