//! `hoshu render minutes|register|plan|forms` and `hoshu disc` on a demo database (SQLite, and
//! PostgreSQL for one run of each): exit codes, files, A4 paper, and no file left behind by a
//! render that fails.

use crate::common;

use hoshu_store::Backend;
use hoshu_store::testing::TestDatabase;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn hoshu(db: &str, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hoshu"));
    cmd.arg("--db")
        .arg(db)
        .arg("--audit-key-file")
        .arg(hoshu_store::testing::key_file_for(db).expect("a test database"))
        .args(args)
        .env("HOSHU_PASSWORD", hoshu_app::demo::DEMO_PASSWORD)
        .env_remove("HOSHU_DB");
    common::run_leaving_no_temp_files(cmd)
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn failed(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A folder removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("hoshu-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// pdfinfo's page size line ends in `(A4)` and says landscape or portrait as expected.
fn assert_a4(path: &Path, landscape: bool) {
    let out = Command::new("pdfinfo").arg(path).output().expect("pdfinfo");
    assert!(out.status.success(), "{}", path.display());
    let info = String::from_utf8_lossy(&out.stdout);
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or_default();
    assert!(size.ends_with("(A4)"), "{}: {size}", path.display());
    let dims: Vec<f32> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert_eq!(dims[0] > dims[1], landscape, "{}: {size}", path.display());
}

/// The message names the absolute path and the size of the file written.
fn assert_reported(out: &str, path: &Path) {
    let size = std::fs::metadata(path).unwrap().len();
    let abs = std::fs::canonicalize(path).unwrap();
    assert!(out.contains(&abs.display().to_string()), "{out}");
    assert!(out.contains(&format!("{size} バイト")), "{out}");
}

/// The id of a meeting from `meetings list --format csv`.
fn first_meeting(db: &str) -> String {
    let csv = ok(&hoshu(
        db,
        &[
            "--user", "chief", "meetings", "list", "--format", "csv", "--status", "approved",
        ],
    ));
    csv.lines()
        .nth(1)
        .and_then(|l| l.split(',').next())
        .expect("an approved meeting")
        .to_owned()
}

fn render(db: &str, user: &str, what: &[&str], out: &Path) -> Output {
    let mut args = vec!["--user", user, "render"];
    args.extend_from_slice(what);
    args.extend(["-o", out.to_str().unwrap()]);
    hoshu(db, &args)
}

fn disc_args<'a>(out: &'a Path, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "--user",
        "contractor",
        "disc",
        "--checked-by",
        "小川 健",
        "--product",
        "ウイルスバスター コーポレートエディション 14.0",
        "--pattern",
        "19.123.00",
        "--checked-at",
        "2026-06-15T16:20",
    ];
    args.extend_from_slice(extra);
    args.extend(["-o", out.to_str().unwrap()]);
    args
}

fn swap<'a>(args: Vec<&'a str>, from: &str, to: &'a str) -> Vec<&'a str> {
    args.into_iter()
        .map(|a| if a == from { to } else { a })
        .collect()
}

async fn renders_on(backend: Backend, every_command: bool) {
    let db = TestDatabase::new(backend).await;
    ok(&hoshu(&db.url, &["demo", "--today", "2026-06-15"]));
    let url = db.url.as_str();
    let dir = TempDir::new(&format!("deliverables-{}", backend.name()));
    let meeting = first_meeting(url);

    let minutes = dir.path().join("議事録.pdf");
    let out = ok(&render(
        url,
        "contractor",
        &["minutes", "--meeting", &meeting],
        &minutes,
    ));
    assert_reported(&out, &minutes);
    assert_a4(&minutes, false);
    assert!(std::fs::metadata(&minutes).unwrap().len() <= 100_000);

    // The demo register holds 1,000 items: a bulk export, asked before anything is written.
    let xlsx = dir.path().join("課題管理表.xlsx");
    let refused = failed(&render(url, "chief", &["register"], &xlsx));
    assert!(
        refused.contains("課題管理表を1,000件書き出そうとしています")
            && refused.contains("--confirm-bulk"),
        "{refused}"
    );
    assert!(!xlsx.exists());
    let o = render(url, "chief", &["register", "--confirm-bulk"], &xlsx);
    ok(&o);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("[3/3]"));

    if every_command {
        let register = dir.path().join("課題管理表.pdf");
        let o = render(
            url,
            "contractor",
            &["register", "--confirm-bulk"],
            &register,
        );
        assert_reported(&ok(&o), &register);
        assert_a4(&register, true);
        let progress = String::from_utf8_lossy(&o.stderr);
        assert!(
            progress.contains("[1/3] 課題管理表を作成しています"),
            "{progress}"
        );

        let a3 = dir.path().join("課題管理表A3.pdf");
        ok(&render(
            url,
            "contractor",
            &["register", "--a3", "--confirm-bulk"],
            &a3,
        ));
        let info = Command::new("pdfinfo").arg(&a3).output().unwrap();
        assert!(String::from_utf8_lossy(&info.stdout).contains("(A3)"));

        let plan = dir.path().join("計画書.pdf");
        assert_reported(&ok(&render(url, "contractor", &["plan"], &plan)), &plan);
        assert_a4(&plan, false);

        for (kind, landscape) in [
            ("schedule", true),
            ("start-notice", false),
            ("responsible-person", false),
            ("completion-notice", false),
        ] {
            let path = dir.path().join(format!("{kind}.pdf"));
            ok(&render(
                url,
                "contractor",
                &["forms", "--kind", kind],
                &path,
            ));
            assert_a4(&path, landscape);
        }
        // Numbered and dated on the command line; a two-line number is refused by name.
        let filled = dir.path().join("着手届_番号あり.pdf");
        let numbers = [
            "--form-number",
            "様式第2号",
            "--document-number",
            "吉情第45号",
            "--date",
            "2026-04-10",
        ];
        let mut args = vec!["forms", "--kind", "start-notice"];
        args.extend(numbers);
        ok(&render(url, "contractor", &args, &filled));
        let text = Command::new("pdftotext")
            .args([filled.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext");
        let text: String = String::from_utf8_lossy(&text.stdout)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for needle in ["様式第2号", "吉情第45号", "令和8年4月10日"] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
        let refused = render(
            url,
            "contractor",
            &[
                "forms",
                "--kind",
                "start-notice",
                "--document-number",
                "吉情\n第1号",
            ],
            &filled,
        );
        assert_eq!(refused.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&refused.stderr).contains("文書番号は1行で"));
    }

    let iso = dir.path().join("成果品.iso");
    let o = hoshu(url, &disc_args(&iso, &[]));
    assert_reported(&ok(&o), &iso);
    let progress = String::from_utf8_lossy(&o.stderr);
    assert!(progress.contains("打合せ議事録"), "{progress}");
    assert!(
        progress.contains("ディスクイメージを作成しています"),
        "{progress}"
    );
    let listing = Command::new("xorriso")
        .args(["-indev", iso.to_str().unwrap(), "-ls", "/"])
        .output()
        .expect("xorriso");
    let listing = String::from_utf8_lossy(&listing.stdout);
    for name in [
        "'MANIFEST.txt'",
        "'ウイルスチェック記録.txt'",
        "'委託業務着手届.pdf'",
        "'定期報告_令和8年4月分.pdf'",
    ] {
        assert!(listing.contains(name), "{name} not in {listing}");
    }
    assert!(listing.contains("'運用保守計画書_令和8年度_"), "{listing}");

    // Only what --include names.
    let small = dir.path().join("計画のみ.iso");
    ok(&hoshu(
        url,
        &disc_args(&small, &["--include", "plan", "--dvd"]),
    ));
    let listing = Command::new("xorriso")
        .args(["-indev", small.to_str().unwrap(), "-ls", "/"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&listing.stdout).lines().count(),
        3,
        "plan, MANIFEST, malware-check record"
    );

    // Failures: a Japanese message, status 1, and nothing written.
    let before = dir.names();
    let cases: Vec<(Output, &str)> = vec![
        (
            render(
                url,
                "contractor",
                &["minutes", "--meeting", "999999"],
                &dir.path().join("無い会議.pdf"),
            ),
            "会議 #999999",
        ),
        (
            render(url, "staff01", &["plan"], &dir.path().join("職員.pdf")),
            "",
        ),
        (
            render(url, "contractor", &["register"], &dir.path().join("r.docx")),
            "拡張子は .pdf か .xlsx",
        ),
        (
            render(
                url,
                "contractor",
                &["forms", "--kind", "invoice"],
                &dir.path().join("f.pdf"),
            ),
            "不明な様式",
        ),
        (
            hoshu(
                url,
                &swap(
                    disc_args(&dir.path().join("chief.iso"), &[]),
                    "contractor",
                    "chief",
                ),
            ),
            "",
        ),
        (
            hoshu(
                url,
                &disc_args(&dir.path().join("x.iso"), &["--include", "minutes,photos"]),
            ),
            "不明な納品物「photos」",
        ),
        (
            hoshu(
                url,
                &swap(
                    disc_args(&dir.path().join("x.iso"), &[]),
                    "2026-06-15T16:20",
                    "昨日",
                ),
            ),
            "--checked-at",
        ),
    ];
    for (o, needle) in &cases {
        let err = failed(o);
        assert!(err.starts_with("hoshu: "), "{err}");
        assert!(err.contains(needle), "{needle}: {err}");
    }
    // Writing into a folder that does not exist fails after rendering: no file, no temporary.
    let missing = dir.path().join("無いフォルダ").join("p.pdf");
    let err = failed(&render(url, "contractor", &["plan"], &missing));
    assert!(err.contains("書き込めませんでした"), "{err}");
    assert_eq!(dir.names(), before);
    db.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn render_deliverables_sqlite() {
    renders_on(Backend::Sqlite, true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn render_deliverables_postgres() {
    renders_on(Backend::Postgres, false).await;
}
