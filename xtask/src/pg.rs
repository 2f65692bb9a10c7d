//! A PostgreSQL server for the store tests.
//!
//! The tests get one URL, [`URL_ENV`], for a role that may log in, create
//! databases and create roles; each test makes its own throw-away database
//! from it, and the least-privilege tests a runtime role without rights.
//!
//! PostgreSQL refuses to run as root, so the server is always managed with
//! Debian's cluster tooling (`pg_lsclusters`, `pg_createcluster`,
//! `pg_ctlcluster`), which runs it as the `postgres` user; the role is made
//! by `psql` run as `postgres` over the local socket (peer authentication).
//! The tests connect over TCP to 127.0.0.1 with a password, which Debian's
//! default `pg_hba.conf` allows.

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cmd::{self, Result};

/// The variable the tests read.
pub const URL_ENV: &str = "HOSHU_TEST_PG_URL";

const ROLE: &str = "hoshu_test";
/// Only for a throw-away test role on a loopback-only development server.
const PASSWORD: &str = "hoshu_test_pw";

/// Makes sure a PostgreSQL server is reachable for the tests and returns the
/// URL to hand them. A URL the caller already set is used unchanged.
pub fn ensure() -> Result<String> {
    if let Ok(url) = std::env::var(URL_ENV)
        && !url.is_empty()
    {
        println!("postgres: {URL_ENV} is set: {}", mask(&url));
        verify(&url).map_err(|e| {
            format!(
                "postgres: {URL_ENV} is set but the server is not reachable: {e}\n\
                 (unset {URL_ENV} to let xtask start a local cluster instead)"
            )
        })?;
        println!("postgres: reachable, using it unchanged");
        return Ok(url);
    }

    if !cmd::is_root() {
        return Err(format!(
            "postgres: {URL_ENV} is not set and this is not root, so no local cluster can be \
             started. Run as root, or point {URL_ENV} at a server where a role may log in, \
             create databases and create roles, e.g. postgres://{ROLE}:PASSWORD@127.0.0.1:5432/postgres"
        ));
    }
    if cmd::which("pg_lsclusters").is_none() {
        return Err(
            "postgres: pg_lsclusters not found; install the server with `cargo xtask setup store` \
             (Debian packages postgresql-15 postgresql-client)"
                .to_owned(),
        );
    }

    let cluster = match list_clusters()?.into_iter().min_by_key(Cluster::preference) {
        Some(cluster) => cluster,
        None => create_cluster()?,
    };
    println!(
        "postgres: cluster {}/{} on port {} is {}",
        cluster.version, cluster.name, cluster.port, cluster.status
    );
    if !cluster.is_online() {
        start(&cluster)?;
    }
    wait_until_ready(&cluster)?;
    ensure_role(&cluster)?;

    let url = format!(
        "postgres://{ROLE}:{PASSWORD}@127.0.0.1:{}/postgres",
        cluster.port
    );
    verify(&url)?;
    println!("postgres: ready: {URL_ENV}={url}");
    Ok(url)
}

#[derive(Debug)]
struct Cluster {
    version: String,
    name: String,
    port: u16,
    status: String,
}

impl Cluster {
    fn is_online(&self) -> bool {
        self.status.starts_with("online")
    }

    /// Lower is better: a running cluster, then one called "main", then
    /// the newest version.
    fn preference(&self) -> (bool, bool, std::cmp::Reverse<u32>) {
        (
            !self.is_online(),
            self.name != "main",
            std::cmp::Reverse(self.version.parse().unwrap_or(0)),
        )
    }
}

/// `pg_lsclusters --no-header`: "Ver Cluster Port Status Owner Datadir Logfile".
fn list_clusters() -> Result<Vec<Cluster>> {
    let out = cmd::output(Command::new("pg_lsclusters").arg("--no-header"))?;
    let mut clusters = Vec::new();
    for line in out.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if let [version, name, port, status, ..] = fields[..] {
            let port = port
                .parse()
                .map_err(|_| format!("postgres: cannot read the port in `{line}`"))?;
            clusters.push(Cluster {
                version: version.to_owned(),
                name: name.to_owned(),
                port,
                status: status.to_owned(),
            });
        }
    }
    Ok(clusters)
}

fn create_cluster() -> Result<Cluster> {
    let version = installed_server_version().ok_or_else(|| {
        "postgres: no PostgreSQL server binaries under /usr/lib/postgresql; install them with \
         `cargo xtask setup store`"
            .to_owned()
    })?;
    println!("postgres: no cluster exists yet; creating {version}/main");
    cmd::run(
        Command::new("pg_createcluster")
            .args([version.as_str(), "main"])
            .stdin(Stdio::null()),
    )?;
    list_clusters()?
        .into_iter()
        .find(|c| c.version == version && c.name == "main")
        .ok_or_else(|| format!("postgres: cluster {version}/main not listed after creating it"))
}

/// The newest version with a server binary in /usr/lib/postgresql/*/bin.
fn installed_server_version() -> Option<String> {
    let entries = std::fs::read_dir("/usr/lib/postgresql").ok()?;
    let mut versions: Vec<(u32, String)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("bin/postgres").is_file())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.parse().ok().map(|n| (n, name))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, name)| name)
}

fn start(cluster: &Cluster) -> Result<()> {
    let mut start = Command::new("pg_ctlcluster");
    start
        .args([cluster.version.as_str(), cluster.name.as_str(), "start"])
        .stdin(Stdio::null());
    if let Err(first) = cmd::run(&mut start) {
        // On a machine booted with systemd, pg_ctlcluster hands over to
        // systemctl, which fails inside containers that only look like it.
        println!("postgres: start failed ({first}); trying without the systemd redirect");
        cmd::run(
            Command::new("pg_ctlcluster")
                .arg("--skip-systemctl-redirect")
                .args([cluster.version.as_str(), cluster.name.as_str(), "start"])
                .stdin(Stdio::null()),
        )
        .map_err(|e| {
            format!(
                "postgres: could not start cluster {}/{}: {e} (see \
                 /var/log/postgresql/postgresql-{}-{}.log)",
                cluster.version, cluster.name, cluster.version, cluster.name
            )
        })?;
    }
    Ok(())
}

/// `psql` as the `postgres` OS user over the local socket.
fn psql_as_postgres(cluster: &Cluster) -> Command {
    let mut cmd = if cmd::which("runuser").is_some() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--", "psql"]);
        c
    } else {
        let mut c = Command::new("su");
        c.args([
            "postgres",
            "-s",
            "/bin/sh",
            "-c",
            "exec psql \"$@\"",
            "psql",
        ]);
        c
    };
    cmd.args([
        "-X",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-p",
        cluster.port.to_string().as_str(),
    ])
    .args(["-d", "postgres"])
    // The postgres user may not be allowed into the caller's directory.
    .current_dir("/")
    .stdin(Stdio::null());
    cmd
}

fn wait_until_ready(cluster: &Cluster) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let attempt = cmd::output(psql_as_postgres(cluster).args(["-tAc", "select 1"]));
        match attempt {
            Ok(_) => return Ok(()),
            Err(e) if Instant::now() >= deadline => {
                return Err(format!(
                    "postgres: cluster {}/{} did not accept connections within 60 s: {e}",
                    cluster.version, cluster.name
                ));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(500)),
        }
    }
}

fn ensure_role(cluster: &Cluster) -> Result<()> {
    let sql = format!(
        "DO $do$ BEGIN \
           IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '{ROLE}') THEN \
             CREATE ROLE {ROLE} LOGIN CREATEDB CREATEROLE PASSWORD '{PASSWORD}'; \
           ELSE \
             ALTER ROLE {ROLE} LOGIN CREATEDB CREATEROLE PASSWORD '{PASSWORD}'; \
           END IF; \
         END $do$;"
    );
    println!("postgres: ensuring role {ROLE} (LOGIN CREATEDB CREATEROLE, password)");
    cmd::run(psql_as_postgres(cluster).args(["-c", sql.as_str()]))
}

/// Connects with `psql` when it is installed, otherwise only checks that the
/// port accepts TCP connections.
fn verify(url: &str) -> Result<()> {
    if cmd::which("psql").is_some() {
        let out = cmd::output(
            Command::new("psql")
                .args([url, "-X", "-tA", "-c", "select 1"])
                .env("PGCONNECT_TIMEOUT", "10"),
        )
        .map_err(|e| e.replace(url, &mask(url)))?;
        if out.trim() == "1" {
            Ok(())
        } else {
            Err(format!("unexpected answer to `select 1`: {out:?}"))
        }
    } else {
        let addrs = host_port(url)
            .ok_or_else(|| format!("cannot read host and port from {}", mask(url)))?;
        let reachable = addrs
            .iter()
            .any(|a| TcpStream::connect_timeout(a, Duration::from_secs(5)).is_ok());
        if reachable {
            Ok(())
        } else {
            Err(format!("nothing listens at {addrs:?}"))
        }
    }
}

/// host and port of postgres://user:password@host:port/db (port 5432 if absent).
fn host_port(url: &str) -> Option<Vec<SocketAddr>> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let with_port = if host_port.contains(':') && !host_port.ends_with(']') {
        host_port.to_owned()
    } else {
        format!("{host_port}:5432")
    };
    with_port
        .to_socket_addrs()
        .ok()
        .map(|addrs| addrs.collect())
}

pub use crate::database_url::masked as mask;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_host_and_port() {
        let addrs = host_port("postgres://u:p@127.0.0.1:5433/postgres").unwrap();
        assert_eq!(addrs, vec!["127.0.0.1:5433".parse().unwrap()]);
        let addrs = host_port("postgres://u:p@127.0.0.1/postgres").unwrap();
        assert_eq!(addrs, vec!["127.0.0.1:5432".parse().unwrap()]);
    }

    #[test]
    fn prefers_running_main_newest() {
        let c = |version: &str, name: &str, status: &str| Cluster {
            version: version.into(),
            name: name.into(),
            port: 5432,
            status: status.into(),
        };
        let clusters = [
            c("16", "other", "down"),
            c("15", "main", "down"),
            c("14", "x", "online"),
        ];
        let best = clusters.iter().min_by_key(|c| c.preference()).unwrap();
        assert_eq!(best.name, "x");
        let clusters = [c("16", "other", "down"), c("15", "main", "down")];
        let best = clusters.iter().min_by_key(|c| c.preference()).unwrap();
        assert_eq!(best.name, "main");
    }
}
