//! `cargo xtask test`: every check, in order, stopping at the first failure.
//!
//! One debug profile throughout: clippy and the tests share target/, and
//! `cargo test` is the only build (no separate `cargo build`, no --release).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::cmd::{self, Result};
use crate::{apt, npm, pg, setup};

/// What a finished step did.
#[derive(Debug)]
enum Outcome {
    Passed,
    Skipped(String),
}

#[derive(Debug)]
struct StepRecord {
    label: String,
    elapsed: Duration,
    outcome: Outcome,
}

/// Runs named steps one after the other, timing each.
#[derive(Debug)]
struct Runner {
    started: Instant,
    total: usize,
    records: Vec<StepRecord>,
}

impl Runner {
    fn new(total: usize) -> Self {
        Runner {
            started: Instant::now(),
            total,
            records: Vec::new(),
        }
    }

    fn step(&mut self, ja: &str, en: &str, body: impl FnOnce() -> Result<Outcome>) -> Result<()> {
        let number = self.records.len() + 1;
        let label = format!("{ja} / {en}");
        println!("\n==> [{number}/{}] {label}", self.total);
        cmd::flush();
        let started = Instant::now();
        let result = body();
        let elapsed = started.elapsed();
        match result {
            Ok(outcome) => {
                match &outcome {
                    Outcome::Passed => println!(
                        "<== [{number}/{}] {label}: 成功 / ok ({})",
                        self.total,
                        cmd::fmt_duration(elapsed)
                    ),
                    Outcome::Skipped(why) => println!(
                        "<== [{number}/{}] {label}: 省略 / skipped: {why}",
                        self.total
                    ),
                }
                self.records.push(StepRecord {
                    label,
                    elapsed,
                    outcome,
                });
                Ok(())
            }
            Err(e) => {
                eprintln!("{e}");
                self.summary();
                Err(format!(
                    "✗ 失敗: 手順 {number}/{} 「{ja}」 / FAILED at step {number}/{}: {en} ({})",
                    self.total,
                    self.total,
                    cmd::fmt_duration(elapsed)
                ))
            }
        }
    }

    fn summary(&self) {
        println!("\n==== まとめ / summary ====");
        for record in &self.records {
            let state = match &record.outcome {
                Outcome::Passed => "ok",
                Outcome::Skipped(_) => "skipped",
            };
            println!(
                "  {state:<8} {:>12}  {}",
                cmd::fmt_duration(record.elapsed),
                record.label
            );
        }
    }
}

/// Totals from libtest's "test result:" lines.
#[derive(Debug, Default)]
struct TestCounts {
    passed: u64,
    failed: u64,
    ignored: u64,
    suites: u64,
}

impl TestCounts {
    /// Reads lines like
    /// "test result: ok. 5 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s".
    fn add_output(&mut self, output: &str) {
        for line in output.lines() {
            let Some(rest) = line.trim().strip_prefix("test result: ") else {
                continue;
            };
            self.suites += 1;
            let words: Vec<&str> = rest
                .split(|c: char| c.is_whitespace() || c == ';')
                .filter(|w| !w.is_empty())
                .collect();
            for pair in words.windows(2) {
                let Ok(n) = pair[0].parse::<u64>() else {
                    continue;
                };
                match pair[1] {
                    "passed" => self.passed += n,
                    "failed" => self.failed += n,
                    "ignored" => self.ignored += n,
                    _ => {}
                }
            }
        }
    }
}

pub fn run() -> Result<()> {
    let mut runner = Runner::new(6);
    let mut pg_url = String::new();
    let mut counts = TestCounts::default();

    runner.step("準備", "setup (apt, npm, PostgreSQL)", || {
        let groups = [&apt::STORE, &apt::DOCUMENTS, &apt::DESKTOP, &apt::MAIL];
        pg_url = setup::run(&groups)?.unwrap_or_default();
        Ok(Outcome::Passed)
    })?;

    runner.step("整形チェック", "format check", || {
        let mut fmt = cmd::cargo();
        fmt.args(["fmt", "--all", "--check"]);
        if cmd::is_ci() {
            // rustfmt colours its diff regardless of CARGO_TERM_COLOR.
            fmt.args(["--", "--color", "never"]);
        }
        cmd::run(&mut fmt)?;
        Ok(Outcome::Passed)
    })?;

    runner.step("静的解析", "clippy", || {
        cmd::run(cmd::cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        Ok(Outcome::Passed)
    })?;

    runner.step("Rust テスト", "cargo test", || {
        println!("{}={}", pg::URL_ENV, pg::mask(&pg_url));
        let output = cmd::run_echo(
            cmd::cargo()
                .args(["test", "--workspace"])
                .env(pg::URL_ENV, &pg_url),
        );
        if let Ok(out) = &output {
            counts.add_output(out);
        }
        output.map(|_| Outcome::Passed)
    })?;

    runner.step("画面の単体テスト", "UI unit tests", run_ui_tests)?;

    runner.step("E2E テスト", "end-to-end tests", || run_e2e(&pg_url))?;

    runner.summary();
    println!(
        "すべて成功 / all steps passed in {}",
        cmd::fmt_duration(runner.started.elapsed())
    );
    println!("Rust test binaries and doc-test runs: {}", counts.suites);
    println!(
        "rust: {} passed, {} failed, {} skipped",
        counts.passed, counts.failed, counts.ignored
    );
    Ok(())
}

/// `npm test` in ui/, when ui/package.json has a "test" script.
fn run_ui_tests() -> Result<Outcome> {
    let ui = Path::new("ui");
    if !ui.join("package.json").is_file() {
        return Ok(Outcome::Skipped("ui/package.json not present".to_owned()));
    }
    if !npm::has_script(ui, "test")? {
        return Ok(Outcome::Skipped(
            "ui/package.json has no \"test\" script".to_owned(),
        ));
    }
    npm::test(ui)?;
    Ok(Outcome::Passed)
}

/// The end-to-end suite in tests/e2e, when present: its `run` script if it
/// has one, otherwise `npm test` there. It gets the PostgreSQL server too: the app
/// runs once on SQLite and once as a terminal of `hoshu serve` on PostgreSQL.
fn run_e2e(pg_url: &str) -> Result<Outcome> {
    let e2e = Path::new("tests/e2e");
    if !e2e.is_dir() {
        return Ok(Outcome::Skipped("tests/e2e not present".to_owned()));
    }
    let script = e2e.join("run");
    if script.is_file() {
        cmd::run(Command::new("bash").arg(&script).env(pg::URL_ENV, pg_url))?;
        return Ok(Outcome::Passed);
    }
    if npm::ci_if_needed(e2e)? && npm::has_script(e2e, "test")? {
        npm::test(e2e)?;
        return Ok(Outcome::Passed);
    }
    Err(
        "tests/e2e exists but has neither a `run` script nor a package.json \"test\" script"
            .to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_libtest_results() {
        let mut counts = TestCounts::default();
        counts.add_output(
            "running 3 tests\n\
             test result: ok. 5 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
             \n\
             test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.00s\n",
        );
        assert_eq!(counts.passed, 7);
        assert_eq!(counts.failed, 1);
        assert_eq!(counts.ignored, 1);
        assert_eq!(counts.suites, 2);
    }
}
