//! Renders a 1,000-row landscape register (課題管理表-like) and prints the time and file size.
//!
//! `cargo bench -p hoshu-docs --bench register` (release build). The PDF is written to the
//! temporary folder for inspection. `weasyprint_register.py` beside this file renders the same
//! rows with WeasyPrint for comparison.

#[path = "../tests/it/common/samples.rs"]
mod samples;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use hoshu_docs::engine::{Align, Column, Document, PageSize, Table};

const ROWS: usize = 1_000;
const RUNS: usize = 5;

fn register() -> Document {
    let created = NaiveDate::from_ymd_opt(2025, 4, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default();
    let mut doc = Document::new("課題管理表（令和7年度）", PageSize::A4Landscape, created);
    doc.set_header_note("生活保護レセプト管理システム 運用保守業務");
    doc.title("課題管理表");
    let mut table = Table::new(vec![
        Column::fixed("管理番号", 20.0).align(Align::Center),
        Column::fixed("発生日", 22.0).align(Align::Center),
        Column::flex("件名", 2.0),
        Column::flex("内容・対応", 4.0),
        Column::fixed("状態", 16.0).align(Align::Center),
        Column::fixed("担当", 22.0),
        Column::fixed("完了日", 22.0).align(Align::Center),
    ]);
    let subjects = [
        "夜間バッチ処理の遅延",
        "受給者証の印字ずれ",
        "医療機関マスタの更新漏れ",
        "ログイン時のエラー表示",
        "月次統計の件数不一致",
    ];
    for i in 1..=ROWS {
        let detail = match i % 4 {
            0 => "原因を調査中。",
            1 => "ジョブの実行順序を見直し、定期リリースで対応する。",
            2 => {
                "設定値の誤りを修正し、翌日の処理で正常終了を確認した。影響範囲は生活保護・自立支援課で確認済み。"
            }
            _ => "利用者からの問合せにより判明。操作手順書を改訂し、課内に周知した。",
        };
        table.row([
            format!("K-{i:04}"),
            format!("R7.{}.{}", 4 + i % 9, 1 + i % 28),
            subjects[i % subjects.len()].to_owned(),
            detail.to_owned(),
            if i % 3 == 0 { "対応中" } else { "完了" }.to_owned(),
            ["山田", "伊藤", "佐藤"][i % 3].to_owned(),
            if i % 3 == 0 {
                String::new()
            } else {
                format!("R7.{}.{}", 5 + i % 8, 1 + i % 27)
            },
        ]);
    }
    doc.table(table);
    doc
}

fn main() {
    let doc = register();
    let mut times = Vec::with_capacity(RUNS);
    let mut bytes = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        bytes = match doc.render() {
            Ok(b) => b,
            Err(e) => {
                eprintln!("render failed: {e}");
                std::process::exit(1);
            }
        };
        times.push(start.elapsed());
    }
    times.sort();
    let pages = doc.page_count().unwrap_or(0);
    let median = times[RUNS / 2];
    let best = times[0];
    println!(
        "register {ROWS} rows, A4 landscape: {pages} pages, {} bytes ({:.1} KiB); \
         render median {} ms, best {} ms over {RUNS} runs",
        bytes.len(),
        bytes.len() as f64 / 1024.0,
        ms(median),
        ms(best),
    );
    register_template();
    let out = std::env::temp_dir().join("hoshu-register-bench.pdf");
    match std::fs::write(&out, &bytes) {
        Ok(()) => println!("written to {}", out.display()),
        Err(e) => eprintln!("could not write {}: {e}", out.display()),
    }
}

/// Median and best of `RUNS` runs of `f`, and its last output.
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut times = Vec::with_capacity(RUNS);
    let mut out = f();
    for _ in 0..RUNS {
        let start = Instant::now();
        out = f();
        times.push(start.elapsed());
    }
    times.sort();
    (times[RUNS / 2], times[0], out)
}

/// The 課題管理表 template (12 columns) and its .xlsx, 1,000 rows.
fn register_template() {
    let r = samples::register(ROWS);
    let (median, best, pdf) = time(|| hoshu_docs::templates::render_register(&r));
    match pdf {
        Ok(pdf) => println!(
            "課題管理表 template {ROWS} rows PDF: {} bytes ({:.1} KiB); median {} ms, best {} ms",
            pdf.len(),
            pdf.len() as f64 / 1024.0,
            ms(median),
            ms(best)
        ),
        Err(e) => eprintln!("register template failed: {e}"),
    }
    let (median, best, xlsx) = time(|| hoshu_docs::xlsx::register_xlsx(&r));
    match xlsx {
        Ok(x) => println!(
            "課題管理表 template {ROWS} rows .xlsx: {} bytes ({:.1} KiB); median {} ms, best {} ms",
            x.len(),
            x.len() as f64 / 1024.0,
            ms(median),
            ms(best)
        ),
        Err(e) => eprintln!("register xlsx failed: {e}"),
    }
    let m = samples::minutes();
    let (median, _, pdf) = time(|| hoshu_docs::templates::render_minutes(&m));
    if let Ok(pdf) = pdf {
        println!(
            "打合せ議事録 1 page: {} bytes; median {} ms",
            pdf.len(),
            ms(median)
        );
    }
}

fn ms(d: Duration) -> u128 {
    d.as_millis()
}
