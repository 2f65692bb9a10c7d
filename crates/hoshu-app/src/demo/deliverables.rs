//! Deliverables of the demo period: meetings, the issue register, the plan, the contract.

use super::deliverable_texts::{
    ACTIONS, CITY_PEOPLE, CONTRACTOR_COMPANY, CONTRACTOR_PEOPLE, DECISIONS, FORMS, ISSUES, OWNERS,
    REVISIONS, SECTION, SITES,
};
use super::{DemoDeliverables, People, at};
use crate::error::AppResult;
use crate::meetings::{minutes_step, record_meeting};
use crate::register::{add_item, edit_item};
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc, Weekday};
use hoshu_core::calendar::Calendar;
use hoshu_core::contract::ContractInfo;
use hoshu_core::meeting::{
    ActionItem, Attendee, MeetingKind, MinutesAction, NewMeeting, NextMeeting, Side, minutes_due,
};
use hoshu_core::plan::PlanSection;
use hoshu_core::register::{IssueInput, IssueStatus};
use hoshu_store::Tx;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Register items in all, action items of the meetings included.
const REGISTER_ITEMS: usize = 1_000;
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

fn content(rng: &mut ChaCha8Rng, p: &Planned, number: usize, next: Option<&Planned>) -> NewMeeting {
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
            report_recipients: vec!["seikatsuhogo@city.okayama.example.lg.jp".into()],
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
            crate::plan::save_section(tx, pm, section, 1, &plan_text(section, 2), revised).await?;
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
            "1. 問合せ・調査依頼・作業依頼（マスタ設定変更、スケジュール変更、データリカバリ、外字登録、操作研修支援）の受付と対応\n\
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
