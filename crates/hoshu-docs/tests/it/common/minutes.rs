//! A one-page 打合せ議事録 (meeting minutes) built with the engine: used by the sample example
//! and by the tests.

use chrono::{NaiveDate, NaiveDateTime};
use hoshu_core::wareki;
use hoshu_docs::engine::{
    Align, Column, Document, KeyValues, PageSize, Paragraph, Table, TextStyle,
};

pub fn created() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 4, 16)
        .and_then(|d| d.and_hms_opt(17, 30, 0))
        .unwrap_or_default()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

pub fn minutes_sample() -> Document {
    let mut doc = Document::new(
        "打合せ議事録（第3回 定例会議）",
        PageSize::A4Portrait,
        created(),
    );
    doc.set_header_note("生活保護レセプト管理システム 運用保守業務")
        .set_author("株式会社ほしゅシステムズ");
    doc.title("打合せ議事録");
    doc.right_aligned(wareki::long(date(2025, 4, 16)));
    doc.right_aligned("作成者　株式会社ほしゅシステムズ　山田 太郎");
    doc.spacer(3.0);
    doc.key_values(KeyValues::new([
        ("会議名", "第3回 定例会議（運用保守）".to_owned()),
        (
            "日時",
            format!("{}　14時00分～15時30分", wareki::long(date(2025, 4, 15))),
        ),
        ("場所", "○○市役所 本庁舎3階 第2会議室".to_owned()),
        (
            "配布資料",
            format!(
                "資料1　月次運用報告書（{}分）\n資料2　課題管理表（{}時点）",
                wareki::year_month(2025, 3),
                wareki::long(date(2025, 4, 14)),
            ),
        ),
    ]));
    doc.heading("１．出席者");
    let attendees = Table::new(vec![
        Column::flex("所属", 3.0),
        Column::flex("氏名", 1.6),
        Column::flex("役職・担当", 2.0),
    ])
    .size(9.5)
    .with_row(["岡山市 生活保護・自立支援課", "佐藤 花子", "課長補佐"])
    .with_row([
        "岡山市 生活保護・自立支援課",
        "鈴木 一郎",
        "主査（システム担当）",
    ])
    .with_row(["○○市 総務部 情報政策課", "高橋 健", "主任"])
    .with_row(["株式会社ほしゅシステムズ", "山田 太郎", "業務責任者"])
    .with_row(["株式会社ほしゅシステムズ", "伊藤 美咲", "保守担当"]);
    doc.table(attendees);
    doc.heading("２．議題");
    doc.numbered([
        format!("{}分の運用状況報告", wareki::year_month(2025, 3)),
        "障害対応状況（夜間バッチ処理の遅延）".to_owned(),
        "4月の定期リリース予定".to_owned(),
    ]);
    doc.heading("３．協議内容");
    doc.paragraph_with(Paragraph::new(
        "　3月分の運用状況について、受付件数は142件、回答件数は139件であり、未回答の3件は4月前半に回答する見込みであることを報告した。\
         3月12日の夜間バッチ処理の遅延は、月末処理と重なったデータ量の増加が原因であり、翌朝8時30分の業務開始までに完了したため業務への影響はなかった。\
         再発防止として、ジョブの実行順序を見直すことを提案し、了承された。",
    ));
    doc.heading("４．決定事項");
    let decisions = Table::new(vec![
        Column::fixed("No.", 12.0).align(Align::Center),
        Column::flex("決定事項", 1.0),
        Column::fixed("担当", 36.0),
        Column::fixed("期限", 26.0).align(Align::Center),
    ])
    .size(9.5)
    .with_row([
        "1",
        "夜間バッチのジョブ実行順序を変更し、4月の定期リリースで適用する。",
        "ほしゅシステムズ",
        "4月25日",
    ])
    .with_row([
        "2",
        "変更内容の影響範囲を生活保護・自立支援課が確認し、結果を課題管理表に記録する。",
        "生活保護・自立支援課",
        "4月22日",
    ])
    .with_row([
        "3",
        "3月分の未回答3件は、回答後に次回定例会議で報告する。",
        "ほしゅシステムズ",
        "次回会議",
    ]);
    doc.table(decisions);
    doc.heading("５．次回予定");
    doc.paragraph_with(
        Paragraph::new(format!(
            "{}　14時00分～　本庁舎3階 第2会議室",
            wareki::long(date(2025, 5, 13))
        ))
        .style(TextStyle::body()),
    );
    doc.right_aligned("以上");
    doc
}
