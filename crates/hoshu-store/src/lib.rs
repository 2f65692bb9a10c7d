//! Hoshu Desk persistence: one store over SQLite (the embedded default, one file per
//! terminal) and PostgreSQL (shared by every terminal of the city), with one behaviour.
//!
//! # One code path for both backends
//!
//! Every query runs at run time through [`sqlx::Any`], written in the SQL that SQLite and
//! PostgreSQL both understand, so a behaviour is implemented once and the conformance suite
//! (`tests/it/`) proves it on both. The rules that make that possible:
//!
//! * placeholders are `$1`, `$2`, … (SQLite reads them as numbered parameters);
//! * timestamps are `BIGINT` Unix **milliseconds**, UTC, converted to and from
//!   [`chrono::DateTime<Utc>`] at the boundary — anything finer than a millisecond is dropped
//!   on write (the audit log truncates before hashing, so its hashes verify after a read);
//! * every integer column is `BIGINT` on PostgreSQL (the Any driver would read `INT4` as
//!   `i32`), and flags are `BIGINT` 0/1 rather than booleans;
//! * text is `TEXT`; on PostgreSQL with `COLLATE "C"`, so ordering is by bytes and `LOWER()`
//!   folds ASCII only — exactly what SQLite does — and a search or a sorted list gives the
//!   same rows in the same order on both;
//! * attachment bytes are `BLOB` / `BYTEA`;
//! * the codes of the core enums (`code()` / `from_code`) are stored as `TEXT`; an unknown
//!   code read back is a [`StoreError::Corrupt`], never a panic. There is no `CHECK` on them,
//!   so that a new variant needs no table rebuild on SQLite;
//! * upserts are `INSERT … ON CONFLICT … DO UPDATE`, new ids come from `RETURNING id`.
//!
//! The schema lives in `migrations/sqlite/` and `migrations/postgres/`: the same tables,
//! columns, constraints and indexes, differing only in the spelling of types (the conformance
//! suite compares the live schemas with the SQLite files). The migrations are compiled into
//! the binary and chosen by the URL's scheme; [`Store::connect`] runs them as the owner, and
//! [`Store::connect_runtime`] only checks in `_sqlx_migrations` that all of them were applied,
//! so the role terminals use on PostgreSQL needs no right to change the schema
//! ([`Store::grant_runtime`] gives it exactly what it needs). A migration, once committed, is
//! never edited: a change is a new numbered file in both folders.
//!
//! Each list screen has an index that yields its order (`filed_at`, `id`) after its filters,
//! so a filtered page and its total (an office's open requests, an assignee's) stay under a few
//! milliseconds at 100,000 requests on SQLite. The unfiltered list counts every row and takes
//! about 130–240 ms there, and a text search scans titles and bodies (`LIKE` cannot use an
//! index) in 40–130 ms (`benches/list_requests.rs`).
//!
//! # Tests
//!
//! The `testing` feature adds `testing::TestDatabase`: a throw-away SQLite file or
//! PostgreSQL database (from `HOSHU_TEST_PG_URL`), for this crate's conformance suite and
//! the use-case tests of the crates above it.
//!
//! # Transactions
//!
//! Everything goes through a [`Tx`], reads included, so a use case can check the policy,
//! write, and append its audit entry in one transaction: `store.begin()`, calls on the
//! `Tx`, then [`Tx::commit`]. Dropping a `Tx` without committing rolls it back.
//!
//! Concurrency is optimistic: rows that people edit carry a `version`; an update names the
//! version it read and is refused with [`StoreError::Stale`] when someone saved first.
//! On SQLite [`Store::begin`] takes the write lock up front (`BEGIN IMMEDIATE`), so a
//! transaction that reads and then writes never fails half-way on a lock it cannot upgrade;
//! [`Store::begin_read`] is the deferred, read-only variant for screens and reports.
//!
//! # Audit chain
//!
//! [`Tx::append_audit`] locks the single-row `audit_head` table with its first statement, so
//! two terminals appending at once on PostgreSQL queue one after the other instead of forking
//! the chain (on SQLite the write lock already does this). Append the audit entry as the last
//! write of a transaction: the head stays locked until commit. The store never updates or
//! deletes audit rows, and the schema refuses it with triggers (and on PostgreSQL the runtime
//! role's missing privileges); [`Tx::verify_audit`] detects it anyway if someone drops them.
//!
//! Entries and the head are sealed with HMAC-SHA-256 under the [`AuditKey`] the store is
//! connected with, which lives in a file ([`keyfile`]) and never in the database: someone who
//! can write to the database cannot recompute a chain that verifies. `audit_chain` records how
//! the chain is computed; a log from before the key ('sha256') is verified and re-sealed once,
//! in one transaction, when the owner first connects with a key.

mod accounts;
mod audit;
mod business_schedules;
mod changes;
mod columns;
mod error;
mod grants;
mod handover;
mod incidents;
pub mod keyfile;
mod mail;
mod meeting_attachments;
mod meetings;
mod notifications;
mod operations;
mod plan;
pub mod records_export;
mod register;
mod requests;
mod saved_views;
mod search;
mod sessions;
mod settings;
mod sql;
#[cfg(feature = "testing")]
pub mod testing;
pub mod url;

pub use accounts::{Account, AccountUpdate, LoginFailures, NewAccount, Office, PasswordSetBy};
pub use business_schedules::{BusinessSchedule, ScheduleStep, ScheduleVersion};
pub use changes::{ChangeFilter, ChangeRecord, ChangeSummary, Decision, RecordedResult};
pub use error::{DriverError, Result, StoreError};
pub use incidents::{ExclusionRecord, IncidentEventRecord, IncidentRecord, ReportRequestRow};
pub use mail::{MailRecord, NewMail};
pub use meeting_attachments::{MeetingAttachment, MeetingAttachmentMeta};
pub use meetings::{
    MeetingFilter, MeetingPage, MeetingRecord, MeetingSummary, MinutesDecision, RegisterRef,
};
pub use notifications::{NOTIFICATIONS_MAX, NewNotification, NotificationRecord};
pub use operations::{BatchRun, CheckItem, CheckRecord, JobNet, WorkRecord};
pub use register::{RegisterFilter, RegisterItem, RegisterPage};
pub use requests::{
    Attachment, AttachmentMeta, Comment, ImportMark, ImportedRequestRow, NewRequestRow,
    RequestEvent, RequestEventRow, RequestFilter, RequestPage, RequestRecord, RequestSummary,
};
pub use saved_views::SavedView;
pub use search::{SearchFilter, SearchHit, SearchIndexSize, SearchPage};
pub use sessions::{NewSession, SessionRecord};

use hoshu_core::audit::AuditKey;
use sqlx::Any;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::{AnyConnection, AnyPool};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

/// Which database the store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Chosen by the URL's scheme: `sqlite:` or `postgres://` / `postgresql://`.
    pub fn from_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// The migrations of each backend, compiled in from `migrations/<backend>/NNNN_description.sql`
/// (`build.rs` rebuilds the crate when a file is added).
fn migrator(backend: Backend) -> &'static Migrator {
    static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
    static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");
    match backend {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    }
}

/// Statements run on every new SQLite connection.
const SQLITE_PRAGMAS: &str =
    "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";

/// A connection pool to one database, with the schema checked or migrated, and the key of its
/// audit chain. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    key: AuditKey,
}

impl Store {
    /// Connects as the database's owner: to `sqlite:PATH` (the file is created when missing) or
    /// `postgres://…`, brings the schema up to date and, if the audit log is still chained the
    /// legacy way, verifies it and re-seals it with `key` (see [`Tx::append_audit`]).
    ///
    /// `hoshu init` and the desktop's own SQLite file use this; terminals that share a
    /// PostgreSQL database use [`Store::connect_runtime`] with a role that may not change the
    /// schema.
    pub async fn connect(url: &str, key: AuditKey) -> Result<Store> {
        let store = Store::open_pool(url, key).await?;
        store.migrate().await?;
        store.upgrade_legacy_audit().await?;
        store.build_search_index_once().await?;
        tracing::debug!(
            backend = store.backend.name(),
            "database connected, schema up to date"
        );
        Ok(store)
    }

    /// Connects for everyday use without changing the schema: no migrations, no DDL, so the
    /// role in `url` needs no rights beyond those `hoshu db grant-runtime` gives. Fails with a
    /// Japanese message telling the operator to run `hoshu init` as the owner when the schema
    /// is behind this program or the audit log has not moved to the keyed chain yet.
    pub async fn connect_runtime(url: &str, key: AuditKey) -> Result<Store> {
        let store = Store::open_pool(url, key).await?;
        store.check_schema().await?;
        store.check_audit_chain().await?;
        store.build_search_index_once().await?;
        tracing::debug!(backend = store.backend.name(), "database connected");
        Ok(store)
    }

    async fn open_pool(url: &str, key: AuditKey) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url).ok_or_else(|| {
            StoreError::other("データベースの指定は sqlite: または postgres:// で始めてください。")
        })?;
        let pool = match backend {
            Backend::Sqlite => {
                let url = with_create_mode(url);
                AnyPoolOptions::new()
                    .max_connections(4)
                    .acquire_timeout(Duration::from_secs(30))
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            sqlx::raw_sql(SQLITE_PRAGMAS).execute(conn).await?;
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?
            }
            Backend::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(10)
                    .acquire_timeout(Duration::from_secs(30))
                    .connect(url)
                    .await?
            }
        };
        Ok(Store { pool, backend, key })
    }

    /// Opens (creating when missing) the SQLite file at `path` as its owner: the desktop app's
    /// default. Any path works, spaces and Japanese folder names included.
    pub async fn open_sqlite_file(path: &Path, key: AuditKey) -> Result<Store> {
        Store::connect(&url::sqlite_url(path), key).await
    }

    /// Brings the schema up to date; running it again is a no-op. On PostgreSQL concurrent
    /// runs from several terminals take turns on an advisory lock.
    pub async fn migrate(&self) -> Result<()> {
        migrator(self.backend).run(&self.pool).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Indexes the records written before the search index existed, once, in one
    /// transaction (a no-op on every later connection).
    async fn build_search_index_once(&self) -> Result<()> {
        let mut tx = self.begin().await?;
        if tx.build_search_index_once().await? {
            tracing::info!("search index built for the existing records");
        }
        tx.commit().await
    }

    /// Every applied migration must be one this program knows, and every one it knows applied.
    async fn check_schema(&self) -> Result<()> {
        let known: Vec<i64> = migrator(self.backend).iter().map(|m| m.version).collect();
        let applied = sqlx::query_scalar::<_, i64>(
            "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
        )
        .fetch_all(&self.pool)
        .await;
        let applied = match applied {
            Ok(v) => v,
            // No migrations table: the database was never initialised.
            Err(sqlx::Error::Database(_)) => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        if let Some(unknown) = applied.iter().find(|v| !known.contains(v)) {
            return Err(StoreError::setup(format!(
                "データベースはこのプログラムより新しい版で更新されています（構成の版 {unknown} を認識できません）。保守デスクを新しい版に更新してください。"
            )));
        }
        if let Some(missing) = known.iter().find(|v| !applied.contains(v)) {
            return Err(StoreError::setup(format!(
                "データベースの構成が古いままです（版 {missing} が未適用）。所有者ロールの接続先を指定して `hoshu --db <所有者のURL> init` を実行し、構成を更新してください。"
            )));
        }
        Ok(())
    }

    /// Starts a transaction for work that may write. On SQLite it takes the write lock at
    /// once (`BEGIN IMMEDIATE`), waiting up to the busy timeout for another writer.
    pub async fn begin(&self) -> Result<Tx<'_>> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(Tx {
            tx,
            backend: self.backend,
            key: &self.key,
            origin: None,
            search_dirty: BTreeSet::new(),
        })
    }

    /// Starts a read-only transaction: a consistent snapshot that blocks no writer. Writing
    /// through it fails on PostgreSQL and may fail with a lock error on SQLite.
    pub async fn begin_read(&self) -> Result<Tx<'_>> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN DEFERRED").await?,
            Backend::Postgres => {
                self.pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?
            }
        };
        Ok(Tx {
            tx,
            backend: self.backend,
            key: &self.key,
            origin: None,
            search_dirty: BTreeSet::new(),
        })
    }

    /// Closes every connection; later calls fail with [`StoreError::Unavailable`].
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The underlying pool, for tests that must reach past the store (e.g. to tamper with
    /// the audit log and prove that verification notices).
    #[doc(hidden)]
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// `sqlite:PATH` with `mode=rwc` added unless a mode is given, so a missing file is created.
fn with_create_mode(url: &str) -> String {
    let has_mode = url
        .split_once('?')
        .is_some_and(|(_, q)| q.split('&').any(|p| p.starts_with("mode=")));
    if has_mode {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// A transaction. Reads and writes alike are methods on it; [`Tx::commit`] makes the writes
/// permanent, dropping it rolls them back.
pub struct Tx<'s> {
    tx: sqlx::Transaction<'static, Any>,
    backend: Backend,
    /// The store's audit key: every append is sealed with it.
    key: &'s AuditKey,
    /// Where the work comes from (a terminal's address), for the audit entries it writes.
    origin: Option<String>,
    /// Records whose searchable text this transaction changed; indexed at commit.
    search_dirty: BTreeSet<(hoshu_core::search::SearchKind, i64)>,
}

impl std::fmt::Debug for Tx<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx")
            .field("backend", &self.backend)
            .finish()
    }
}

impl Tx<'_> {
    /// Marks where the work of this transaction comes from (a terminal's address).
    pub fn set_origin(&mut self, origin: &str) {
        self.origin = Some(origin.to_owned());
    }

    /// Where the work of this transaction comes from, when known.
    pub fn origin(&self) -> Option<&str> {
        self.origin.as_deref()
    }

    /// Brings the search index in line with what this transaction wrote, then commits both.
    pub async fn commit(mut self) -> Result<()> {
        self.refresh_search_index().await?;
        self.tx.commit().await?;
        Ok(())
    }

    /// Rolls back now (dropping the `Tx` does the same, a moment later).
    pub async fn rollback(self) -> Result<()> {
        self.tx.rollback().await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Databases made before the migrations were embedded by `sqlx::migrate!` recorded the
    /// SHA-384 of each file; the embedded checksums must stay that, or they stop opening.
    #[test]
    fn embedded_migrations_keep_the_checksums_databases_recorded() {
        use sha2::Digest;
        for (backend, dir) in [(Backend::Sqlite, "sqlite"), (Backend::Postgres, "postgres")] {
            let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(dir);
            let mut files: Vec<_> = std::fs::read_dir(&folder)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            files.sort();
            let embedded: Vec<_> = migrator(backend).iter().collect();
            assert_eq!(embedded.len(), files.len(), "{dir}");
            for (m, file) in embedded.iter().zip(&files) {
                let prefix: i64 = file.file_name().unwrap().to_string_lossy()[..4]
                    .parse()
                    .unwrap();
                assert_eq!(m.version, prefix, "{}", file.display());
                let sha = sha2::Sha384::digest(std::fs::read(file).unwrap());
                assert_eq!(&m.checksum[..], &sha[..], "{}", file.display());
            }
        }
    }

    #[test]
    fn both_backends_have_the_same_migrations() {
        let names = |b| -> Vec<String> {
            migrator(b)
                .iter()
                .map(|m| m.description.to_string())
                .collect()
        };
        assert_eq!(names(Backend::Sqlite), names(Backend::Postgres));
    }

    #[test]
    fn sqlite_urls_create_missing_files() {
        assert_eq!(with_create_mode("sqlite:a.db"), "sqlite:a.db?mode=rwc");
        assert_eq!(
            with_create_mode("sqlite:a.db?cache=shared"),
            "sqlite:a.db?cache=shared&mode=rwc"
        );
        assert_eq!(
            with_create_mode("sqlite:a.db?mode=ro"),
            "sqlite:a.db?mode=ro"
        );
    }
}
