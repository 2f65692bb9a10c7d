//! `cargo xtask setup`: everything a fresh Debian 12 machine lacks.
//! Each part checks first and only installs what is missing, so running it
//! again costs a few hundred milliseconds.

use std::path::Path;
use std::time::Instant;

use crate::apt::{self, Group};
use crate::cmd::{self, Result};
use crate::{npm, pg};

/// Installs the apt `groups`, runs `npm ci` for ui/ when needed and, when the
/// store group is among them, makes a PostgreSQL server ready for the tests
/// and returns its URL (for [`pg::URL_ENV`]).
pub fn run(groups: &[&Group]) -> Result<Option<String>> {
    let started = Instant::now();
    apt::ensure(groups)?;
    println!(
        "setup: apt done in {}",
        cmd::fmt_duration(started.elapsed())
    );

    let started = Instant::now();
    npm::ci_if_needed(Path::new("ui"))?;
    println!(
        "setup: npm done in {}",
        cmd::fmt_duration(started.elapsed())
    );

    if !groups.iter().any(|g| g.name == apt::STORE.name) {
        return Ok(None);
    }
    let started = Instant::now();
    let url = pg::ensure()?;
    println!(
        "setup: PostgreSQL done in {}",
        cmd::fmt_duration(started.elapsed())
    );
    Ok(Some(url))
}

/// The `setup` subcommand: the named groups, or all of them.
pub fn command(group_names: &[String]) -> Result<()> {
    let groups: Vec<&Group> = if group_names.is_empty() {
        apt::ALL.to_vec()
    } else {
        group_names
            .iter()
            .map(|name| {
                apt::group_by_name(name).ok_or_else(|| {
                    let known: Vec<&str> = apt::ALL.iter().map(|g| g.name).collect();
                    format!("unknown group `{name}` (known: {})", known.join(", "))
                })
            })
            .collect::<Result<_>>()?
    };
    let started = Instant::now();
    let url = run(&groups)?;
    println!(
        "setup: finished in {}",
        cmd::fmt_duration(started.elapsed())
    );
    let from_caller = std::env::var(pg::URL_ENV).is_ok_and(|v| !v.is_empty());
    if let Some(url) = url
        && !from_caller
    {
        println!(
            "For running tests by hand:\n    export {}='{url}'",
            pg::URL_ENV
        );
    }
    Ok(())
}
