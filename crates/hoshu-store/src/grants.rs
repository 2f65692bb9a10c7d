//! Least privilege on PostgreSQL: what the role the terminals log in with may do.
//!
//! The owner role creates and migrates the schema (`hoshu init`); the runtime role reads and
//! writes rows and nothing more. Above all it is not the owner of the audit tables, so it
//! cannot `ALTER TABLE … DISABLE TRIGGER`, and it has no UPDATE, DELETE or TRUNCATE on the
//! log: the append-only rule then holds by privilege, not only by trigger.

use crate::error::{Result, StoreError};
use crate::{Backend, Store};
use sqlx::AssertSqlSafe;

/// Privileges per table where they differ from the ordinary tables' full row access.
const RESTRICTED: &[(&str, &str)] = &[
    // Append only.
    ("audit_log", "SELECT, INSERT"),
    // Appending moves the head.
    ("audit_head", "SELECT, UPDATE"),
    // The chain algorithm changes only in the owner's move from the legacy chain.
    ("audit_chain", "SELECT"),
    // Read by `connect_runtime` to check the schema version.
    ("_sqlx_migrations", "SELECT"),
    // Told once and kept: marked read, never deleted by a terminal.
    ("notifications", "SELECT, INSERT, UPDATE"),
    // Watching and unwatching add and remove rows; nothing is edited.
    ("watches", "SELECT, INSERT, DELETE"),
    ("notification_preferences", "SELECT, INSERT, UPDATE"),
    // A report once asked for stays: claimed, sent or failed, never deleted.
    ("mail_outbox", "SELECT, INSERT, UPDATE"),
];

const ORDINARY: &str = "SELECT, INSERT, UPDATE, DELETE";

/// A plain PostgreSQL identifier, so it can be written into GRANT without quoting games.
fn valid_role(role: &str) -> bool {
    let mut chars = role.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && role.len() <= 63
}

impl Store {
    /// Grants `role` exactly what a terminal needs on this database, run as the owner after
    /// `hoshu init`: CONNECT, USAGE on the schema, full row access to the ordinary tables,
    /// SELECT + INSERT on `audit_log`, SELECT + UPDATE on `audit_head`, SELECT on
    /// `audit_chain` and the migration table, and the sequences behind the ids. Everything the
    /// role held before on these tables is revoked first, so rerunning it gives the same rights.
    ///
    /// Tables added by later migrations are covered by running it again after `hoshu init`;
    /// default privileges are deliberately not used, since they would hand a future audit table
    /// full row access before anyone decided otherwise. Returns the tables granted on.
    pub async fn grant_runtime(&self, role: &str) -> Result<Vec<String>> {
        if self.backend() != Backend::Postgres {
            return Err(StoreError::setup(
                "実行用ロールの権限設定は PostgreSQL のデータベースでのみ行えます（SQLite のファイルはその利用者だけが使います）。",
            ));
        }
        if !valid_role(role) {
            return Err(StoreError::setup(format!(
                "ロール名「{role}」は使えません。英小文字・数字・_ で、英小文字か _ から始めてください。"
            )));
        }
        let mut tx = self.pool.begin().await?;
        let found: Option<(bool, bool, bool)> = sqlx::query_as(
            "SELECT rolsuper, rolname = current_user, pg_has_role(rolname, current_user, 'MEMBER') \
             FROM pg_roles WHERE rolname = $1",
        )
        .bind(role)
        .fetch_optional(&mut *tx)
        .await?;
        match found {
            None => {
                return Err(StoreError::setup(format!(
                    "ロール {role} がありません。先に `CREATE ROLE {role} LOGIN PASSWORD '…';` で作成してください。"
                )));
            }
            Some((true, _, _)) | Some((_, true, _)) | Some((_, _, true)) => {
                return Err(StoreError::setup(format!(
                    "ロール {role} はスーパーユーザーか、所有者ロール（またはそのメンバー）です。所有者とは別の、権限を持たないロールを指定してください。"
                )));
            }
            Some(_) => {}
        }
        let (database, schema): (String, String) =
            sqlx::query_as("SELECT quote_ident(current_database()), quote_ident(current_schema())")
                .fetch_one(&mut *tx)
                .await?;
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut statements = vec![
            format!("GRANT CONNECT ON DATABASE {database} TO {role}"),
            format!("GRANT USAGE ON SCHEMA {schema} TO {role}"),
            // Before PostgreSQL 15 every role may create tables in the public schema.
            format!("REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC"),
            format!("REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}"),
            format!("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}"),
            format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}"),
        ];
        for table in &tables {
            let rights = RESTRICTED
                .iter()
                .find(|(t, _)| t == table)
                .map_or(ORDINARY, |(_, r)| r);
            statements.push(format!("GRANT {rights} ON {schema}.\"{table}\" TO {role}"));
        }
        for sql in statements {
            sqlx::query(AssertSqlSafe(sql)).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(tables)
    }
}

#[cfg(test)]
mod tests {
    use super::valid_role;

    #[test]
    fn role_names_are_plain_identifiers() {
        for ok in ["hoshu_app", "_x", "r1"] {
            assert!(valid_role(ok), "{ok}");
        }
        for bad in ["", "1r", "Hoshu", "a;drop", "a b", "\"x\"", &"a".repeat(64)] {
            assert!(!valid_role(bad), "{bad}");
        }
    }
}
