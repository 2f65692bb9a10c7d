//! Sample view models for every deliverable: used by the tests, the screenshots example and
//! the bench.

#![allow(dead_code)]

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use hoshu_docs::templates::{
    ActionItem, AnnualRow, CompletionNoticeDoc, ContractInfo, Contractor, FlowStep, FormMarks,
    MinutesDoc, MinutesState, Participant, PlanDoc, PlanRevision, PlanSection, RegisterDoc,
    RegisterPaper, RegisterRow, ResponsiblePersonDoc, ScheduleDoc, ScheduleTask, Side,
    StartNoticeDoc, standard_annual_grid,
};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn at(date: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    date.and_hms_opt(h, m, 0).unwrap_or_default()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
}

pub fn contract() -> ContractInfo {
    ContractInfo {
        name: "岡山市生活保護レセプト管理システム運用保守業務委託".into(),
        system_name: "生活保護レセプト管理システム".into(),
        addressee: "岡山市長".into(),
        city: "岡山市".into(),
        contractor: Contractor {
            address: "岡山県岡山市北区駅元町1番1号".into(),
            name: "株式会社ほしゅシステムズ".into(),
            representative: "代表取締役　山田 一郎".into(),
        },
        period_start: d(2026, 4, 1),
        period_end: d(2027, 3, 31),
        signed_on: Some(d(2026, 3, 27)),
    }
}

fn person(side: Side, org: &str, title: &str, name: &str) -> Participant {
    Participant {
        side,
        organisation: org.into(),
        title: title.into(),
        name: name.into(),
    }
}

pub fn minutes() -> MinutesDoc {
    let city = "岡山市 保健福祉局 生活保護・自立支援課";
    let it = "岡山市 政策局 情報政策課";
    let us = "株式会社ほしゅシステムズ";
    MinutesDoc {
        header_note: "生活保護レセプト管理システム運用保守業務".into(),
        meeting_name: "第1回 定例会議".into(),
        date: d(2026, 4, 10),
        start: hm(14, 0),
        end: hm(15, 30),
        place: "岡山市役所 本庁舎3階 第2会議室".into(),
        attendees: vec![
            person(Side::Contractor, us, "業務責任者", "山田 太郎"),
            person(Side::City, city, "課長補佐", "佐藤 花子"),
            person(Side::City, city, "主査（システム担当）", "鈴木 一郎"),
            person(Side::City, it, "主任", "高橋 健"),
            person(Side::Contractor, us, "保守担当", "伊藤 美咲"),
        ],
        absentees: vec![person(Side::City, it, "係長", "中村 誠")],
        handouts: vec![
            "資料1　令和8年3月分 月次運用報告書".into(),
            "資料2　課題管理表（令和8年4月9日時点）".into(),
            "資料3　令和8年度 運用保守計画書（案）".into(),
        ],
        handout_files: vec![],
        agenda: vec![
            "令和8年3月分の運用状況報告".into(),
            "障害対応状況（夜間バッチ処理の遅延）".into(),
            "令和8年度 運用保守計画書（案）の確認".into(),
        ],
        discussion: vec![
            "3月分の運用状況について、問合せ受付件数は142件、回答件数は139件であり、未回答の3件は4月前半に回答する見込みであることを受託者から報告した。".into(),
            "3月12日の夜間バッチ処理の遅延は、月末処理と重なったデータ量の増加が原因であり、翌朝8時30分の業務開始までに完了したため業務への影響はなかった。再発防止として、ジョブの実行順序を見直すことを受託者から提案し、本市が了承した。".into(),
            "運用保守計画書（案）について、障害対応フローの連絡先に情報政策課を加えるよう本市から依頼があった。".into(),
        ],
        decisions: vec![
            "夜間バッチのジョブ実行順序を変更し、5月の定期保守で適用する。".into(),
            "運用保守計画書は、本日の指摘を反映して4月17日までに再提出する。".into(),
        ],
        action_items: vec![
            ActionItem {
                content: "ジョブ実行順序の変更案と影響範囲の提示".into(),
                owner: "ほしゅシステムズ 伊藤".into(),
                due: Some(d(2026, 4, 17)),
            },
            ActionItem {
                content: "障害時連絡先一覧（情報政策課）の提供".into(),
                owner: "本市 鈴木".into(),
                due: Some(d(2026, 4, 15)),
            },
        ],
        next_meeting: Some("令和8年4月24日(金)　14時00分～　本庁舎3階 第2会議室".into()),
        created_on: d(2026, 4, 13),
        author: "株式会社ほしゅシステムズ　山田 太郎".into(),
        state: MinutesState::Draft,
        created_at: at(d(2026, 4, 13), 17, 30),
    }
}

const TITLES: [&str; 10] = [
    "夜間バッチ処理の遅延",
    "受給者証の印字ずれ",
    "医療機関マスタの更新漏れ",
    "ログイン時のエラー表示",
    "月次統計の件数不一致",
    "レセプト取込時の文字化け",
    "帳票出力の所要時間増加",
    "パスワード有効期限の通知",
    "ガバメントクラウド利用料の確認",
    "標準仕様書改版に伴う影響調査",
];

/// `n` register rows spread over two fiscal years, every title unique.
pub fn register_rows(n: usize) -> Vec<RegisterRow> {
    let cats = ["障害", "問合せ", "改善", "運用", "制度改正"];
    let prios = ["高", "中", "低"];
    let owners = ["山田 太郎", "伊藤 美咲", "佐藤 花子", "鈴木 一郎"];
    let start = d(2025, 4, 1);
    (0..n)
        .map(|i| {
            let raised = start + Days::new((i * 730 / n.max(1)) as u64);
            let done = i % 3 != 0;
            RegisterRow {
                no: i as u32 + 1,
                raised_on: raised,
                raised_by: ["佐藤 花子", "鈴木 一郎", "山田 太郎"][i % 3].into(),
                category: cats[i % cats.len()].into(),
                title: format!("{}（No.{}）", TITLES[i % TITLES.len()], i + 1),
                detail: match i % 4 {
                    0 => "利用者から問合せがあり、原因を調査中。".into(),
                    1 => {
                        "月末処理と重なり、処理時間が通常の2倍となった。業務開始までに完了。".into()
                    }
                    2 => "設定値に誤りがあり、一部の帳票で項目がずれて印字された。".into(),
                    _ => "操作手順書の記載と画面の表示が一致していない。".into(),
                },
                priority: prios[i % 3].into(),
                owner: owners[i % owners.len()].into(),
                due: (i % 5 != 4).then(|| raised + Days::new(14)),
                status: if done { "完了" } else { "対応中" }.into(),
                progress: if done {
                    "設定値を修正し、翌日の処理で正常終了を確認した。影響範囲は本市で確認済み。"
                        .into()
                } else {
                    "原因調査中。次回定例会議で報告する。".into()
                },
                completed_on: done.then(|| raised + Days::new(10)),
            }
        })
        .collect()
}

pub fn register(n: usize) -> RegisterDoc {
    RegisterDoc {
        header_note: "生活保護レセプト管理システム運用保守業務".into(),
        as_of: d(2027, 3, 31),
        author: "株式会社ほしゅシステムズ".into(),
        paper: RegisterPaper::A4,
        rows: register_rows(n),
        created_at: at(d(2027, 3, 31), 17, 0),
    }
}

fn section(title: &str, body: &[&str]) -> PlanSection {
    PlanSection {
        title: title.into(),
        body: body.iter().map(|s| (*s).to_owned()).collect(),
    }
}

pub fn plan_sections() -> Vec<PlanSection> {
    vec![
        section(
            "基本方針",
            &[
                "本計画書は、岡山市生活保護レセプト管理システム（以下「本システム」という。）の運用保守業務を、仕様書に基づき安定的かつ継続的に実施するための方針、体制及び手順を定めるものである。",
                "・本システムの安定稼働を最優先とし、障害の未然防止と早期復旧に努める。",
                "・個人情報を取り扱うことを踏まえ、情報セキュリティ対策を徹底する。",
                "・運用の中で得た知見を記録し、継続的な改善につなげる。",
            ],
        ),
        section(
            "運用体制・役割分担",
            &[
                "受託者は業務責任者を定め、本市との連絡窓口を一元化する。業務責任者が不在の場合は業務責任者代理が対応する。",
                "・本市（生活保護・自立支援課）：業務要件の決定、作業の承認、成果品の検収",
                "・本市（情報政策課）：ガバメントクラウド及びネットワークに関する調整",
                "・受託者：運用監視、障害対応、問合せ対応、定期保守、報告書の作成",
            ],
        ),
        section(
            "運用業務",
            &[
                "日次・月次の定型業務（バッチ処理の監視、バックアップの確認、ログの点検）を運用手順書に従って実施し、結果を記録する。",
                "毎月第1日曜日の8時00分から22時00分を定期保守の時間帯とし、パッチ適用等の作業は事前に変更申請を行い本市の承認を得る。",
            ],
        ),
        section(
            "監視",
            &[
                "サーバ、ネットワーク、バッチ処理及びアプリケーションの稼働状況を監視し、閾値を超えた場合は直ちに担当者へ通知する。",
                "・死活監視：5分間隔",
                "・リソース監視：CPU・メモリ・ディスク使用率",
                "・ジョブ監視：夜間バッチの開始・終了・異常終了",
            ],
        ),
        section(
            "インシデント管理",
            &[
                "障害・問合せ・要望をインシデントとして受け付け、受付番号を付与して管理する。重要度に応じて対応の優先順位を定め、対応状況を課題管理表に記録する。",
            ],
        ),
        section(
            "障害対応フロー",
            &["障害を検知した場合は、次の流れで対応する。各段階の目標時間は契約の定めによる。"],
        ),
        section(
            "データ管理・バックアップ",
            &[
                "データベースは日次で全体バックアップを取得し、7世代保管する。バックアップからの復元手順は年1回訓練により確認する。",
                "個人情報を含むデータの一時的な複製は必要最小限とし、処理終了後は速やかに消去する。",
            ],
        ),
        section(
            "年間計画",
            &["年度内の定例作業及び会議の予定を次のとおりとする。"],
        ),
        section(
            "改善",
            &[
                "月次報告及び課題管理表の内容を分析し、再発防止策及び運用手順の改善案を定例会議で提案する。SLAの達成状況は年度末に評価し、次年度の計画に反映する。",
            ],
        ),
    ]
}

/// The incident flow with the contract's targets, as the app makes it from the settings.
pub fn flow() -> Vec<FlowStep> {
    [
        ("検知", "", "監視・利用者からの連絡により障害を検知する"),
        ("一次報告", "検知から30分以内", "本市担当者へ電話で第一報"),
        (
            "一次切り分け",
            "検知から45分以内（ジョブ異常は30分以内）",
            "原因箇所を切り分ける",
        ),
        (
            "対処先への連絡",
            "一次切り分けから10分以内",
            "関係事業者へ連絡する",
        ),
        ("続報", "検知から2時間以内", "調査の状況を報告する"),
        ("対応・復旧", "", "復旧作業・回避策を実施する"),
        ("暫定報告", "対応完了時", "判明している原因と対応を報告する"),
        ("障害報告", "復旧から1開庁日以内", "障害報告書を提出する"),
        (
            "マニュアル改版",
            "障害報告・再発防止検討会から5開庁日以内",
            "運用マニュアルを改版する",
        ),
    ]
    .into_iter()
    .map(|(name, target, note)| FlowStep {
        name: name.into(),
        target: target.into(),
        note: note.into(),
    })
    .collect()
}

pub fn plan() -> PlanDoc {
    PlanDoc {
        contract: contract(),
        version: "第2版".into(),
        issued_on: d(2026, 4, 17),
        fiscal_year: 2026,
        sections: plan_sections(),
        flow: flow(),
        revisions: vec![
            PlanRevision {
                edition: "第1版".into(),
                date: d(2026, 4, 10),
                section: "基本方針".into(),
                change: "新規作成".into(),
                by: "山田 太郎".into(),
            },
            PlanRevision {
                edition: "第2版".into(),
                date: d(2026, 4, 17),
                section: "障害対応フロー".into(),
                change: "1項目を追加".into(),
                by: "伊藤 美咲".into(),
            },
        ],
        annual_grid: standard_annual_grid(2026, &[9, 3], &[10]),
        created_at: at(d(2026, 4, 17), 10, 0),
    }
}

pub fn annual_rows() -> Vec<AnnualRow> {
    standard_annual_grid(2026, &[9, 3], &[10])
}

fn task(name: &str, s: NaiveDate, e: NaiveDate, note: &str) -> ScheduleTask {
    ScheduleTask {
        name: name.into(),
        start: s,
        end: e,
        note: note.into(),
    }
}

pub fn schedule() -> ScheduleDoc {
    ScheduleDoc {
        contract: contract(),
        fiscal_year: 2026,
        submitted_on: Some(d(2026, 4, 1)),
        tasks: vec![
            task(
                "業務着手・体制確立",
                d(2026, 4, 1),
                d(2026, 4, 10),
                "着手届・責任者届",
            ),
            task(
                "運用保守計画書の作成",
                d(2026, 4, 1),
                d(2026, 4, 30),
                "本市指定日まで",
            ),
            task("運用監視・障害対応", d(2026, 4, 1), d(2027, 3, 31), "通年"),
            task(
                "問合せ対応",
                d(2026, 4, 1),
                d(2027, 3, 31),
                "平日8:30～17:15",
            ),
            task("定期保守", d(2026, 4, 5), d(2027, 3, 7), "毎月第1日曜日"),
            task("定例会議", d(2026, 4, 1), d(2027, 3, 31), "月2回"),
            task(
                "月次運用報告",
                d(2026, 5, 10),
                d(2027, 3, 10),
                "翌月10日まで",
            ),
            task(
                "標準仕様書改版対応",
                d(2026, 7, 1),
                d(2026, 12, 25),
                "改版時",
            ),
            task(
                "情報セキュリティ監査対応",
                d(2026, 10, 1),
                d(2026, 10, 31),
                "",
            ),
            task("SLA評価", d(2026, 9, 30), d(2026, 9, 30), "中間評価"),
            task(
                "年次報告資料の提出",
                d(2027, 3, 19),
                d(2027, 3, 19),
                "年度末",
            ),
            task("成果品の納品", d(2027, 3, 26), d(2027, 3, 26), "CD-R 1枚"),
        ],
        created_at: at(d(2026, 4, 1), 9, 0),
    }
}

pub fn start_notice() -> StartNoticeDoc {
    StartNoticeDoc {
        contract: contract(),
        marks: FormMarks {
            form_number: Some("様式第1号".into()),
            document_number: Some("ほ保第12号".into()),
        },
        submitted_on: Some(d(2026, 4, 1)),
        started_on: d(2026, 4, 1),
        responsible: "山田 太郎（株式会社ほしゅシステムズ 公共システム部）".into(),
        created_at: at(d(2026, 4, 1), 9, 0),
    }
}

pub fn responsible_person() -> ResponsiblePersonDoc {
    ResponsiblePersonDoc {
        contract: contract(),
        marks: FormMarks {
            form_number: Some("様式第2号".into()),
            document_number: Some("ほ保第13号".into()),
        },
        submitted_on: Some(d(2026, 4, 1)),
        organisation: "株式会社ほしゅシステムズ 公共システム部".into(),
        title: "課長".into(),
        name: "山田 太郎".into(),
        phone: "086-000-0000（平日8時30分～17時15分）".into(),
        qualifications: vec![
            "情報処理安全確保支援士".into(),
            "プロジェクトマネージャ試験 合格".into(),
            "自治体システム運用保守業務の経験 12年".into(),
        ],
        deputy: Some("伊藤 美咲（公共システム部 主任）".into()),
        created_at: at(d(2026, 4, 1), 9, 0),
    }
}

pub fn completion_notice() -> CompletionNoticeDoc {
    CompletionNoticeDoc {
        contract: contract(),
        marks: FormMarks::default(),
        submitted_on: Some(d(2027, 3, 31)),
        completed_on: d(2027, 3, 31),
        deliverables: vec![
            "運用保守計画書".into(),
            "打合せ議事録".into(),
            "課題管理表".into(),
            "年次報告資料（SLA内の項目）".into(),
        ],
        created_at: at(d(2027, 3, 31), 9, 0),
    }
}
